/**
 * The Causette wire protocol: the one source of truth that the server and the SDK both import.
 * Names and shapes follow SPEC.md §4–§5; additions are marked as such.
 */

export type Role = "guest" | "member" | "expert" | "moderator" | "manager";
export const ROLES: readonly Role[] = ["guest", "member", "expert", "moderator", "manager"];
/** Higher rank wins when a JWT role and a manager's promotion disagree. */
/**
 * Guest ids are minted by the server with this prefix (a brand's user ids are its own): the one
 * place that says so, for the server's guest tokens and stores and for the back office.
 */
export const GUEST_ID_PREFIX = "g_";
export const isGuestId = (id: string): boolean => id.startsWith(GUEST_ID_PREFIX);

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
  /** SPEC §10.3: shield mode (guests cannot post, members' messages are held, slow mode ≥ 10 s). */
  shield: boolean;
  /** Addition: when an automatic shield (a raid) lifts itself (epoch ms); absent for a manager's shield. */
  shieldUntil?: number;
}

export interface Device {
  browser?: string;
  os?: string;
  type: string; // "desktop" | "mobile" | "tablet" | "bot" | ...
  bot: boolean;
  ua?: string;
  /** Addition: the notice language (SPEC §9.1) the browser's Accept-Language prefers, when it names one Causette writes. */
  lang?: "en" | "fr";
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
  | "conflict"
  /** SPEC §10.3: the room is shielded and guests cannot post (HTTP 403). */
  | "shielded";

export const ERROR_CODES: readonly ErrorCode[] = [
  "invalid_payload", "unknown_tenant", "origin_not_allowed", "invalid_token", "unauthorized",
  "forbidden", "not_found", "not_in_room", "invalid_room", "message_too_long", "empty_message",
  "room_frozen", "answers_restricted", "rate_limited", "slow_mode", "banned", "muted",
  "ip_blocked", "too_many_connections", "content_blocked", "store_unavailable", "internal", "conflict", "shielded",
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

/**
 * Addition: "ban" marks a message held because its author is shadow-banned. SPEC §10: "newcomer"
 * (one of the author's first messages), "evasion" (detail: the banned account the author is linked
 * to), "shield" (the room is shielded). Those three always hold, whatever `onHit` says. "hook": SPEC §8.2.
 */
export type ReasonKind = "word" | "link" | "spam" | "flag" | "ban" | "newcomer" | "evasion" | "shield" | "hook";
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
  /** SPEC §10.2: accounts linked to this one by ban evasion (see EvasionLink). */
  linked?: EvasionLink[];
  /** Addition (§10.1): a manager approved the person ("approve and trust"): no newcomer hold. */
  trusted?: boolean;
}

/**
 * SPEC §9.5: everything the tenant keeps about one user (`GET users/:userId/data`, `/admin`
 * `user:data:export`). An id never seen gets the same document, empty (`profile` null).
 */
export interface UserDataExport {
  tenant: string;
  userId: string;
  exportedAt: number;
  /** Name, role, IPs, devices, first and last visit, counters; null when no record is kept. */
  profile: { user: Author; ips: string[]; devices: Device[]; firstSeen: number; lastSeen: number; counters: Record<string, number> } | null;
  /** The role a manager granted (null: the brand's token decides). */
  role: Role | null;
  /** Every message of theirs still kept (any status), newest first, with the IP and device they were posted from. */
  messages: (Message & { ip?: string; device?: Device })[];
  /** Flags they raised: counts, and each flag still kept (on a message still kept). */
  flags: { raised: number; upheld: number; overturned: number; kept: { messageId: string; reason: string; note?: string; at: number }[] };
  /** Helpful votes their messages received, and the kept messages they voted helpful (votes are kept by voter id only). */
  helpful: { received: number; given: string[] };
  notices: Notice[];
  appeals: Appeal[];
  sanctions: { ban?: Ban; mute?: Mute };
  /** Accounts linked by ban evasion (§10.2) and the browser lineages of their guest tokens. */
  linked: EvasionLink[];
  lineages: string[];
  /** Newcomer standing (§10.1): a manager trusted them. */
  trusted: boolean;
  /** Alerts they raised as a moderator. */
  alerts: Alert[];
  /** Audit entries about them or by them, newest first. */
  audit: AuditEntry[];
  /** SPEC §9.3 reports they made: present once the reports store is there (issue 27, item 3). */
  reports?: unknown[];
}

/** SPEC §9.5 erasure: what went, and what the host keeps. */
export interface UserDataErasure {
  userId: string;
  /** Messages forgotten (rooms got `message:deleted` for those still shown). */
  messages: number;
  /** Audit entries whose text or name was taken out (the entries stay). */
  auditScrubbed: number;
  /** Kept by law: the sanctions, their notices (without excerpt), appeals (without text), audit entries (without message text). */
  kept: { ban: boolean; mute: boolean; notices: number; appeals: number };
}

/**
 * SPEC §10.2 `linked` entry. Additions: `at` (when the link was made) and `side`: "evades" when the
 * other account is the banned one (this user's messages are held), "evaded_by" when this user is
 * the banned one and the other account came from their IP or browser.
 */
export interface EvasionLink { userId: string; via: "ip" | "guest"; at: number; side: "evades" | "evaded_by" }

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
  /** SPEC §9.1: the user's own notices, newest first. */
  "notices:list": (p: Record<string, never>, ack: AckFn<{ notices: Notice[] }>) => void;
  /** SPEC §9.2: one appeal per notice, the user's own, until its `appealUntil`. */
  "appeal:create": (p: { noticeId: string; text: string }, ack: AckFn<{ appeal: Appeal }>) => void;
}

/** Addition: `invalid_token` on /chat when a moderator's or manager's token expires on an open socket. */
export interface SessionEnded {
  code: "banned" | "ip_blocked" | "invalid_token"; reason?: string; until?: number;
  /** SPEC §9.2: the ban's notice, to read and appeal through `me/notices` and `me/appeals`. */
  noticeId?: string;
}

/**
 * Addition: the restrictions on the user that the user may know of, as they stand now. Sent to the
 * user's /chat sockets right after `session` when one is in force, and again whenever one starts,
 * changes or ends (a mute absent = not muted). A ban ends the session instead (`session:ended`);
 * a shadow ban is never told to its target.
 */
export interface SanctionState { mute?: { until: number; reason?: string } }

/** SPEC §9.1: what kind of restriction a notice explains. */
export type NoticeKind = "message_removed" | "message_hidden" | "message_rejected" | "banned" | "muted";

/**
 * SPEC §9.1, statement of reasons: sent as `moderation:notice` to the restricted user's sockets
 * whenever Causette restricts them, and kept for them (`notices:list`). It comes beside the older
 * signals, not instead of them: a mute still sends `sanction`, a ban still ends the session.
 */
export interface Notice {
  id: string;
  at: number;
  kind: NoticeKind;
  messageId?: string;
  room?: string;
  /** The restricted content, first 200 characters. */
  excerpt?: string;
  /** The brand's terms, or the law. */
  ground: "terms" | "illegal";
  /** One of the EU DSA Transparency Database statement categories (SPEC §9.4). */
  category: string;
  /** Facts and reasons, in the user's language when known. */
  explanation: string;
  automated: { detection: boolean; decision: boolean };
  source: "filter" | "flags" | "manager" | "report";
  /** End of a timed restriction. */
  until?: number;
  /** Absent: not appealable. */
  appealUntil?: number;
}

/**
 * SPEC §9.2: a user's complaint about a notice, decided by a manager. `decidedBy` is the manager;
 * `notice` (an addition) is the notice appealed, as it was sent, so the decision has it at hand.
 */
export interface Appeal {
  id: string;
  noticeId: string;
  userId: string;
  text: string;
  status: "open" | "upheld" | "reversed";
  note?: string;
  at: number;
  decidedAt?: number;
  decidedBy?: Author;
  notice: Notice;
}

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
  /** SPEC §9.1: a statement of reasons for a restriction. */
  "moderation:notice": (n: Notice) => void;
  /** SPEC §9.2: a manager decided one of the user's appeals. */
  "appeal:resolved": (a: Appeal) => void;
}

/**
 * A moderator's alert, or (SPEC §10.3) a raid Causette detected (`kind: "raid"`, `by` the system,
 * `raid` the figures that tripped it). Additions: alerts are kept until a manager acknowledges them
 * (`ackedBy`, `ackedAt`), and listed to every manager who signs in (`alerts:list`).
 */
export interface Alert {
  id: string; room: string; note: string; by: Author | { id: "system"; name: string }; at: number;
  kind?: "raid";
  raid?: RaidFigures;
  ackedBy?: Author;
  ackedAt?: number;
}

/** What tripped a raid: the room's counts over the last minute, the thresholds, and the automatic shield's end. */
export interface RaidFigures { messagesPerMin: number; joinsPerMin: number; limits: { messagesPerMin: number; joinsPerMin: number }; shieldUntil: number }

export interface AdminClientEvents {
  "feed:subscribe": (p: { rooms?: string[] }, ack: AckFn) => void;
  "queue:list": (p: { limit?: number; cursor?: string }, ack: AckFn<{ items: QueueItem[]; cursor?: string }>) => void;
  "queue:resolve": (
    p: { messageId: string; decision: "approve" | "remove"; ban?: { durationSec?: number; reason: string }; trust?: boolean },
    ack: AckFn<{ message: Message }>,
  ) => void;
  "message:delete": (p: { messageId: string; reason?: string }, ack: AckFn) => void;
  "room:clear": (p: { room: string; reason?: string }, ack: AckFn<{ deleted: number }>) => void;
  "room:update": (
    p: { room: string; frozen?: boolean; slowModeSec?: number; contribution?: Contribution; shield?: boolean },
    ack: AckFn<{ room: RoomInfo }>,
  ) => void;
  /** Addition: the rooms this tenant has seen, with live figures. */
  "rooms:list": (p: Record<string, never>, ack: AckFn<{ rooms: RoomInfo[] }>) => void;
  /** Addition: read a room's recent messages (all statuses) from the back office. */
  "room:history": (p: { room: string; limit?: number }, ack: AckFn<{ messages: Message[] }>) => void;
  "user:ban": (
    p: { userId: string; durationSec?: number; reason: string; shadow?: boolean; purgeSec?: number },
    ack: AckFn<{ until?: number; purged?: number }>,
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
  /** Addition: kept alerts, newest first (`open`: not acknowledged yet). */
  "alerts:list": (p: { status?: "open" | "acked"; limit?: number }, ack: AckFn<{ alerts: Alert[] }>) => void;
  /** Addition: acknowledge an alert for every manager (`alert:acked` reaches them all). */
  "alert:ack": (p: { alertId: string }, ack: AckFn<{ alert: Alert }>) => void;
  "appeals:list": (p: { status?: "open" | "closed"; limit?: number; cursor?: string }, ack: AckFn<{ appeals: Appeal[]; cursor?: string }>) => void;
  "appeal:resolve": (p: { appealId: string; decision: "uphold" | "reverse"; note: string }, ack: AckFn<{ appeal: Appeal }>) => void;
  /** Addition (§9.5): everything kept about a user, as `GET users/:userId/data`. */
  "user:data:export": (p: { userId: string }, ack: AckFn<UserDataExport>) => void;
  /** Addition (§9.5): erases a user's data, as `DELETE users/:userId/data`. */
  "user:data:erase": (p: { userId: string }, ack: AckFn<UserDataErasure>) => void;
  /** Addition (§10.2): a manager clears an evasion link between two accounts (it is not made again). */
  "user:unlink": (p: { userId: string; linkedUserId: string }, ack: AckFn) => void;
  "webhooks:list": (p: Record<string, never>, ack: AckFn<{ endpoints: WebhookEndpointInfo[] }>) => void;
  "webhooks:update": (p: { endpoints: WebhookEndpointInput[] }, ack: AckFn<{ endpoints: WebhookEndpointInfo[] }>) => void;
  "webhooks:test": (p: { endpointId?: string }, ack: AckFn<{ deliveryIds: string[] }>) => void;
  "webhooks:deliveries": (p: { limit?: number; cursor?: string }, ack: AckFn<{ deliveries: WebhookDelivery[]; cursor?: string }>) => void;
}

/** SPEC §8.1 event types a webhook endpoint may subscribe to (`*`: all of them), plus `webhook.test`. */
export const WEBHOOK_EVENT_TYPES = [
  "message.held", "message.flagged", "message.removed", "alert.raised", "report.created",
  "user.banned", "user.muted", "ip.blocked", "appeal.created", "appeal.resolved", "webhook.test",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A webhook endpoint as managers see it: the secret only as a hint (`whsec_…abcd`). */
export interface WebhookEndpointInfo { id: string; url: string; events: (WebhookEventType | "*")[]; secretHint: string }
/** One endpoint of `webhooks:update`: no `id` adds one, no `secret` keeps the old one. */
export interface WebhookEndpointInput { id?: string; url: string; events: (WebhookEventType | "*")[]; secret?: string }
/** One event on its way to one endpoint; `id` is its `webhook-id`. */
export interface WebhookDelivery {
  id: string; type: WebhookEventType; endpointId: string;
  status: "pending" | "delivered" | "failed";
  attempts: number; lastError?: string; nextAttemptAt?: number;
  /** Additions: when the event happened, and when the delivery was settled. */
  createdAt: number; settledAt?: number;
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
  /** Addition: an alert was acknowledged (by `ackedBy`), on every manager's feed. */
  "alert:acked": (a: Alert) => void;
  audit: (e: AuditEntry) => void;
  stats: (s: Stats) => void;
  /** Addition: a room's settings changed (from any node or manager). */
  "room:updated": (r: RoomInfo) => void;
}

export interface HandshakeAuth { tenant: string; token?: string; guestToken?: string }
