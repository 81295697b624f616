/**
 * The Causette wire protocol: the one source of truth that the server and the SDK both import.
 * Names and shapes follow SPEC.md §4–§5; additions are marked as such.
 */

export type Role = "guest" | "member" | "expert" | "moderator" | "manager";
export const ROLES: readonly Role[] = ["guest", "member", "expert", "moderator", "manager"];
/** Higher rank wins when a JWT role and a manager's promotion disagree. */
export const ROLE_RANK: Readonly<Record<Role, number>> = { guest: 0, member: 1, expert: 2, moderator: 3, manager: 4 };

export type MessageStatus = "visible" | "held" | "hidden" | "deleted";
export type Contribution = "open" | "restricted";
export type FlagReason = "spam" | "abuse" | "off_topic" | "competitor" | "other";
export const FLAG_REASONS: readonly FlagReason[] = ["spam", "abuse", "off_topic", "competitor", "other"];

export interface Author { id: string; name: string; role: Role }

export interface Message {
  id: string;
  room: string;
  author: Author;
  text: string;
  replyTo?: string;
  createdAt: number;
  status: MessageStatus;
  /** Addition: distinct members who found it helpful. */
  helpful?: number;
}

export interface RoomInfo {
  id: string;
  contribution: Contribution;
  slowModeSec: number;
  frozen: boolean;
  online: number;
  /** Addition: the room's maximum message length, so clients can count down. */
  maxLength?: number;
}

export interface Device {
  browser?: string;
  os?: string;
  type: string; // "desktop" | "mobile" | "tablet" | "bot" | ...
  bot: boolean;
  ua?: string;
}

export interface SessionInfo {
  user: Author;
  guestToken?: string;
  serverTime: number;
}

export type ErrorCode =
  | "invalid_payload" | "unknown_tenant" | "origin_not_allowed" | "invalid_token" | "unauthorized"
  | "forbidden" | "not_found" | "not_in_room" | "invalid_room" | "message_too_long" | "empty_message"
  | "room_frozen" | "answers_restricted" | "rate_limited" | "slow_mode" | "banned" | "muted"
  | "ip_blocked" | "too_many_connections" | "content_blocked" | "store_unavailable" | "internal"
  /** Addition: a queue item already resolved by another manager (HTTP 409). */
  | "conflict";

export const ERROR_CODES: readonly ErrorCode[] = [
  "invalid_payload", "unknown_tenant", "origin_not_allowed", "invalid_token", "unauthorized",
  "forbidden", "not_found", "not_in_room", "invalid_room", "message_too_long", "empty_message",
  "room_frozen", "answers_restricted", "rate_limited", "slow_mode", "banned", "muted",
  "ip_blocked", "too_many_connections", "content_blocked", "store_unavailable", "internal", "conflict",
];

export interface ErrorBody {
  code: ErrorCode; message: string; retryAfterMs?: number; until?: number;
  /** Addition: on a `banned` refusal, the reason the manager gave (the same as `session:ended`'s). */
  reason?: string;
}
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type AckFn<T extends object = object> = (res: Ack<T>) => void;

export interface Flag {
  by: Author; reason: FlagReason; note?: string; at: number;
  /** Addition: queued but not counted towards hiding (a guest's flag, or a shadow-banned user's). */
  discounted?: true;
}

/** Addition: "ban" marks a message held because its author is shadow-banned. */
export type ReasonKind = "word" | "link" | "spam" | "flag" | "ban";
export interface Reason {
  kind: ReasonKind;
  detail: string;
  /** Addition: the matched original text and its [start, end) offsets in `message.text`. */
  match?: string;
  start?: number;
  end?: number;
  /** SPEC §12: what kind of harm a filter hit is, and how bad (1 mild … 4 severe). */
  category?: FilterCategory;
  severity?: Severity;
}

/** SPEC §12: the categories every filter hit belongs to. */
export type FilterCategory =
  | "profanity" | "insult" | "hate" | "threat" | "selfHarm" | "sexual" | "contact" | "link" | "spam" | "competitor";
export const FILTER_CATEGORIES: readonly FilterCategory[] = [
  "profanity", "insult", "hate", "threat", "selfHarm", "sexual", "contact", "link", "spam", "competitor",
];
export type Severity = 1 | 2 | 3 | 4;
/** What a tenant's policy does with a hit of one category (SPEC §6.2 plus `allow`). */
export type FilterAction = "allow" | "hold" | "shadow" | "reject";
/** SPEC §12: an action per category (a category left out follows `onHit`) and a minimum severity per category. */
export type FilterPolicy = { [C in FilterCategory]?: FilterAction } & { minSeverity?: { [C in FilterCategory]?: Severity } };

export interface QueueItem {
  message: Message;
  kind: "filter" | "flag";
  reasons: Reason[];
  flags: Flag[];
  priority: "high" | "normal";
  ip?: string;
  device?: Device;
  /** Addition: when it entered the queue. */
  queuedAt?: number;
}

export interface AuditEntry {
  id: string;
  at: number;
  actor: Author | { id: "system"; name?: string };
  action: string;
  target: Record<string, unknown>;
  reason?: string;
}

export interface RoomStats {
  room: string;
  online: number;
  messagesPerMinute: number;
  held: number;
  flags: number;
  /** Addition: messages per minute over the last 15 minutes, oldest first, for sparklines. */
  series?: number[];
}

export interface Stats {
  at: number;
  online: number;
  queue: number;
  messagesPerMinute: number;
  rooms: RoomStats[];
}

export interface Ban { until?: number; reason: string; shadow: boolean; at: number; by: string }
export interface Mute { until: number; at: number; by: string; reason?: string }
export interface IpBlock { cidr: string; until?: number; reason: string; at: number; by: string }

export interface UserInspect {
  user: Author;
  role: Role;
  recent: Message[];
  ips: string[];
  devices: Device[];
  messages: number;
  flagsRaised: number;
  flagsUpheld: number;
  flagsOverturned: number;
  helpfulReceived: number;
  removed: number;
  ban?: Ban;
  mute?: Mute;
  /** Addition: when the user last connected (epoch ms); absent for an id never seen, sanctioned or promoted ahead of their first visit. */
  lastSeen?: number;
}

export interface Candidate {
  user: Author;
  messages: number;
  helpfulReceived: number;
  removed: number;
  score: number;
}

export interface WidgetConfig {
  tenant: string;
  name: string;
  show: boolean;
  room?: string;
  guests: boolean;
  /** Addition: where a guest goes to sign in on the brand's site (tenant `widget.signInUrl`), when set. */
  signInUrl?: string;
}

// ---- event maps ----------------------------------------------------------------------------

/**
 * Addition: where a message the caller may already show stands now, listed in the `room:join` ack
 * of a rejoin so moderation that happened while the caller was offline reaches it too. The live
 * events are hidden → `message:hidden`, deleted → `message:deleted`, visible → `message:restored`.
 * Only ids and statuses: the text of a message that is not visible never leaves the server. A
 * visible entry carries the public message because `message:restored` needs it (SPEC §5.2), and
 * is only sent for ids the caller listed in `recheck` (what it shows as hidden or held), so a
 * rejoin does not resend a window of text the caller already has.
 */
export type MessageChange =
  | { id: string; status: "hidden" | "deleted" }
  | { id: string; status: "visible"; message: Message };

/** At most this many ids in `room:join`'s `recheck`. */
export const MAX_RECHECK = 200;

export interface RoomJoinPayload {
  room: string;
  since?: string;
  /**
   * Addition: ids of this room's messages the caller shows as hidden or held (at most MAX_RECHECK);
   * any that is visible again comes back in `changes` with its public message.
   */
  recheck?: string[];
}

export interface RoomJoinResult {
  room: RoomInfo;
  history: Message[];
  /**
   * Addition, present when the join carries `since` or `recheck`: every message of the room's
   * retained timeline that is hidden or deleted now, plus the `recheck` ids that are visible now,
   * oldest first. Others' held messages are left out (no one but their author ever saw them).
   * The caller acts only on ids it shows, and only when the status differs from what it shows.
   */
  changes?: MessageChange[];
}

export interface ChatClientEvents {
  "room:join": (p: RoomJoinPayload, ack: AckFn<RoomJoinResult>) => void;
  "room:leave": (p: { room: string }, ack: AckFn) => void;
  "message:send": (
    p: { room: string; text: string; replyTo?: string; clientId?: string },
    ack: AckFn<{ message: Message }>,
  ) => void;
  "message:flag": (p: { messageId: string; reason: FlagReason; note?: string }, ack: AckFn<{ hidden: boolean }>) => void;
  "message:helpful": (p: { messageId: string }, ack: AckFn<{ helpful: number }>) => void;
  "alert:raise": (p: { room: string; note: string }, ack: AckFn) => void;
}

/** Addition: `invalid_token` on /chat when a moderator's or manager's token expires on an open socket. */
export interface SessionEnded { code: "banned" | "ip_blocked" | "invalid_token"; reason?: string; until?: number }

/**
 * Addition: the restrictions on the user that the user may know of, as they stand now. Sent to the
 * user's /chat sockets right after `session` when one is in force, and again whenever one starts,
 * changes or ends (a mute absent = not muted). A ban ends the session instead (`session:ended`);
 * a shadow ban is never told to its target.
 */
export interface SanctionState { mute?: { until: number; reason?: string } }

export interface ChatServerEvents {
  session: (s: SessionInfo) => void;
  message: (m: Message) => void;
  "message:hidden": (p: { room: string; messageId: string }) => void;
  "message:restored": (m: Message) => void;
  "message:deleted": (p: { room: string; messageId: string }) => void;
  /** Addition: a message's helpful count changed. */
  "message:helpful": (p: { room: string; messageId: string; helpful: number }) => void;
  "room:cleared": (p: { room: string }) => void;
  "room:updated": (r: RoomInfo) => void;
  "session:ended": (p: SessionEnded) => void;
  /** Addition: see SanctionState. */
  sanction: (s: SanctionState) => void;
}

export interface Alert { id: string; room: string; note: string; by: Author; at: number }

export interface AdminClientEvents {
  "feed:subscribe": (p: { rooms?: string[] }, ack: AckFn) => void;
  "queue:list": (p: { limit?: number; cursor?: string }, ack: AckFn<{ items: QueueItem[]; cursor?: string }>) => void;
  "queue:resolve": (
    p: { messageId: string; decision: "approve" | "remove"; ban?: { durationSec?: number; reason: string } },
    ack: AckFn<{ message: Message }>,
  ) => void;
  "message:delete": (p: { messageId: string; reason?: string }, ack: AckFn) => void;
  "room:clear": (p: { room: string; reason?: string }, ack: AckFn<{ deleted: number }>) => void;
  "room:update": (
    p: { room: string; frozen?: boolean; slowModeSec?: number; contribution?: Contribution },
    ack: AckFn<{ room: RoomInfo }>,
  ) => void;
  /** Addition: the rooms this tenant has seen, with live figures. */
  "rooms:list": (p: Record<string, never>, ack: AckFn<{ rooms: RoomInfo[] }>) => void;
  /** Addition: read a room's recent messages (all statuses) from the back office. */
  "room:history": (p: { room: string; limit?: number }, ack: AckFn<{ messages: Message[] }>) => void;
  "user:ban": (
    p: { userId: string; durationSec?: number; reason: string; shadow?: boolean },
    ack: AckFn<{ until?: number }>,
  ) => void;
  "user:unban": (p: { userId: string }, ack: AckFn) => void;
  "user:mute": (p: { userId: string; durationSec: number; reason?: string }, ack: AckFn<{ until: number }>) => void;
  /** Addition: lift a mute early. */
  "user:unmute": (p: { userId: string }, ack: AckFn) => void;
  "user:inspect": (p: { userId: string }, ack: AckFn<UserInspect>) => void;
  /** Addition: current bans, for the People screen. */
  "bans:list": (p: Record<string, never>, ack: AckFn<{ bans: (Ban & { userId: string })[] }>) => void;
  "ip:block": (p: { cidr: string; durationSec?: number; reason: string; force?: boolean }, ack: AckFn<{ until?: number }>) => void;
  "ip:unblock": (p: { cidr: string }, ack: AckFn) => void;
  /** Addition: current IP blocks. */
  "ip:list": (p: Record<string, never>, ack: AckFn<{ blocks: IpBlock[] }>) => void;
  "member:set-role": (p: { userId: string; role: "member" | "expert" | "moderator" }, ack: AckFn) => void;
  "members:candidates": (p: { limit?: number }, ack: AckFn<{ members: Candidate[] }>) => void;
  "lexicon:update": (
    p: { add?: LexiconTerm[]; remove?: string[]; allow?: string[]; disallow?: string[] },
    ack: AckFn<{ terms: number }>,
  ) => void;
  /** Addition: the tenant's editable filter lists. */
  "filters:get": (p: Record<string, never>, ack: AckFn<FilterSettings>) => void;
  "filters:update": (
    p: { onHit?: "hold" | "shadow" | "reject"; policy?: FilterPolicy },
    ack: AckFn<{ onHit: "hold" | "shadow" | "reject"; policy: FilterPolicy }>,
  ) => void;
  "links:update": (
    p: { allow?: string[]; block?: string[]; unallow?: string[]; unblock?: string[] },
    ack: AckFn,
  ) => void;
  "audit:list": (
    p: { limit?: number; cursor?: string; action?: string; actor?: string },
    ack: AckFn<{ entries: AuditEntry[]; cursor?: string }>,
  ) => void;
  "stats:get": (p: Record<string, never>, ack: AckFn<Stats>) => void;
}

export interface FilterSettings {
  terms: string[];
  allow: string[];
  links: { mode: "allowlist" | "blocklist"; allow: string[]; block: string[] };
  onHit: "hold" | "shadow" | "reject";
  /** SPEC §12: the lexicon in force; `categories` names the category of each tenant term (default `competitor`). */
  lexicon: { languages: ("en" | "fr")[]; terms: string[]; allow: string[]; categories: Record<string, { category: FilterCategory; severity: Severity }> };
  policy: FilterPolicy;
}

/** A tenant term with the category a manager chose for it (`lexicon:update` `add`); a plain string is a `competitor` term. */
export type LexiconTerm = string | { term: string; category?: FilterCategory; severity?: Severity };

/**
 * Addition: `session:ended` on /admin, the same shape as on /chat. Sent when the manager token the
 * socket connected with expires, just before the server disconnects it.
 */
export interface AdminSessionEnded { code: "invalid_token"; reason?: string }

export interface AdminServerEvents {
  session: (s: SessionInfo) => void;
  "session:ended": (p: AdminSessionEnded) => void;
  "queue:added": (item: QueueItem) => void;
  "queue:resolved": (p: { messageId: string; decision: "approve" | "remove"; by: Author }) => void;
  alert: (a: Alert) => void;
  audit: (e: AuditEntry) => void;
  stats: (s: Stats) => void;
  /** Addition: a room's settings changed (from any node or manager). */
  "room:updated": (r: RoomInfo) => void;
}

export interface HandshakeAuth { tenant: string; token?: string; guestToken?: string }
