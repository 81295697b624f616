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
  /**
   * Addition (brand voice): posted by the brand's team through `/admin` `room:post`. `author` is
   * then the manager's id with the brand's name (the tenant's `name`) and role `manager`.
   */
  team?: true;
}

/** Addition (brand voice): a room's pinned message changed (`room:pin`, `room:unpin`, or the pinned message was removed). */
export interface RoomPinned { room: string; message: Message }
export interface RoomUnpinned { room: string }

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
 * "report": SPEC §9.3, a report of illegal content (detail: its category). "classifier": the
 * category model judged the whole message (detail: "<category> <probability>", e.g. "threat 0.87";
 * `category` and `severity` 2 set; match: the message).
 */
export type ReasonKind = "word" | "link" | "spam" | "flag" | "ban" | "newcomer" | "evasion" | "shield" | "hook" | "report" | "classifier";
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
  /** SPEC §9.3: "report" once a report of illegal content is among its reasons. */
  kind: "filter" | "flag" | "report";
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

/** Addition: the back office dashboard's span: the last hour by minute, the last day or week by hour. */
export type DashboardRange = "hour" | "day" | "week";

/**
 * Addition: the dashboard's live figures, for the tenant or one room. `held`, `flagged` and the
 * decisions are counted since midnight UTC; the queue is the tenant's (it is not kept per room).
 */
export interface DashboardTiles {
  online: number;
  messagesPerMinute: number;
  held: number;
  flagged: number;
  queue: number;
  /** When the longest-waiting queue entry was queued (epoch ms), or null with an empty queue. */
  oldestQueuedAt: number | null;
  /** Median time from queuing to a manager's decision today, in seconds (estimated from a fixed-bucket histogram), or null before the first decision. */
  medianDecisionSec: number | null;
  decisions: number;
}

/** Addition: one named series of a dashboard chart (`key` is a reason kind, a DSA category or a manager id). */
export interface DashboardLine { key: string; values: number[] }

/** Addition: the dashboard's charts; every array has one value per bucket of `at` (bucket starts, oldest first). */
export interface DashboardSeries {
  at: number[];
  messages: number[];
  held: number[];
  flagged: number[];
  /** Held messages by the kind of their first reason. */
  heldBy: DashboardLine[];
  /** Messages removed by a manager's queue decision, by DSA category. */
  removedBy: DashboardLine[];
  /** Queue decisions per manager (approvals and removals together), with the managers' names. */
  decisions: (DashboardLine & { name: string; approved: number; removed: number })[];
  /** People whose flag a queue decision upheld (removal) or overturned (approval), each counted once per decision. */
  flagsUpheld: number[];
  flagsRejected: number[];
}

/** Addition: `dashboard:get`'s answer. */
export interface Dashboard { at: number; range: DashboardRange; room?: string; tiles: DashboardTiles; series: DashboardSeries }

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
  /** Addition: the flags others raised on this user's recent messages, newest first. */
  flagsReceived?: FlagReceived[];
}

/** Addition: one flag raised on a user's message, as their profile lists it. */
export interface FlagReceived { messageId: string; room: string; by: Author; reason: FlagReason; at: number }

/** Addition (`people:search`, `people:online`, `people:recent`): one person in a list of the back office. */
export interface PersonSummary {
  user: Author;
  /** When they last connected (search), or posted (recent authors), epoch ms. */
  at?: number;
  /** The room of their latest message (recent authors). */
  room?: string;
  messages?: number;
}

/** Addition (`queue:context`): a message with its neighbours in its room, oldest first on each side. */
export interface MessageContext { message: Message; before: Message[]; after: Message[] }

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
  /** SPEC §9.3 reports of illegal content they made from the chat (kept after erasure without who made them). */
  reports: IllegalContentReport[];
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
  /** Addition: the brand's community rules (tenant `moderation.termsUrl`), linked from the user's notices (SPEC §9.1). */
  termsUrl?: string;
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
  /** Addition (brand voice): the message a manager pinned at the top of the room, while it is visible. */
  pinned?: Message;
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
  /** SPEC §9.1: the user's own notices, newest first; addition: `appeals`, the user's appeals of them (decided or not). */
  "notices:list": (p: Record<string, never>, ack: AckFn<{ notices: Notice[]; appeals: Appeal[] }>) => void;
  /** SPEC §9.2: one appeal per notice, the user's own, until its `appealUntil`. */
  "appeal:create": (p: { noticeId: string; text: string }, ack: AckFn<{ appeal: Appeal }>) => void;
  /** SPEC §9.3: a report of illegal content, by anyone (guests too). */
  "message:report": (p: ReportInput, ack: AckFn<{ report: ReportReceipt }>) => void;
}

/** SPEC §9.4: the EU DSA Transparency Database statement categories, lower case, without their prefix. */
export const DSA_CATEGORIES = [
  "illegal_or_harmful_speech", "scams_and_fraud", "protection_of_minors", "pornography_or_sexualized_content", "violence",
  "self_harm", "intellectual_property_infringements", "data_protection_and_privacy_violations", "non_consensual_behaviour",
  "unsafe_and_illegal_products", "risk_for_public_security", "negative_effects_on_civic_discourse_or_elections",
  "animal_welfare", "scope_of_platform_service",
] as const;
export type DsaCategory = (typeof DSA_CATEGORIES)[number];

/** Addition: the longest explanation a report may give (characters), the reporter's name and e-mail. */
export const REPORT_LIMITS = { explanation: 2000, name: 100, email: 254 } as const;

/** SPEC §9.3: what a reporter sends (`/chat` `message:report`, or `POST /api/v1/tenants/:tenant/reports`). */
export interface ReportInput {
  messageId: string;
  category: DsaCategory;
  explanation: string;
  reporterName?: string;
  reporterEmail?: string;
  /** The reporter's statement that the report is accurate and made in good faith: must be `true`. */
  goodFaith: true;
}

/** SPEC §9.3: the answer to a report. `receipt` is shown once: with it, and only with it, the status can be read. */
export interface ReportReceipt { id: string; status: "received"; receipt: string }

/** What a manager's decision on a reported message meant for the report. */
export type ReportDecision = "removed" | "kept";

/** A report of illegal content as the host keeps it (SPEC §9.3), e.g. in a user's data export (§9.5). */
export interface IllegalContentReport {
  id: string;
  messageId: string;
  room: string;
  category: DsaCategory;
  explanation: string;
  reporterName?: string;
  reporterEmail?: string;
  /** The reporter's id when they reported from the chat (a guest's too): where `report:decided` goes. */
  reporterUserId?: string;
  at: number;
  status: "received" | "decided";
  decision?: ReportDecision;
  decidedAt?: number;
}

/** SPEC §9.3: `GET /api/v1/tenants/:tenant/reports/:id?receipt=…`. */
export interface ReportStatus { id: string; status: "received" | "decided"; decision?: ReportDecision; decidedAt?: number }

/** SPEC §9.3: sent to the reporter's sockets when a manager decides the reported message. */
export interface ReportDecided { reportId: string; messageId: string; decision: ReportDecision }

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
  /**
   * Addition, managers only (`appeals:list`, `appeal:resolve`, `appeal:created`): who made the
   * decision appealed, when a person did (the manager, or the moderator whose flag hid the message).
   * Absent for a filter's or a count of reports' decision. The user's copies never carry it.
   */
  restrictedBy?: Author;
}

/**
 * SPEC §9.4: a period's transparency figures (`transparency:get`, `GET transparency`). `from` and
 * `to` are the period as the server read it (ISO date-times, `to` excluded). Additions:
 * `actions.byCategory` and `actions.bySource`. Medians are in hours, null without any case.
 */
export interface TransparencyReport {
  from: string;
  to: string;
  /** Reports of illegal content received in the period (SPEC §9.3), by their category. */
  reports: { total: number; byCategory: Record<string, number> };
  /** Restrictions applied in the period (one per notice). */
  actions: {
    total: number;
    byKind: Record<NoticeKind, number>;
    byGround: Record<Notice["ground"], number>;
    byCategory: Record<string, number>;
    bySource: Record<Notice["source"], number>;
    /** How many were detected by automatic means (filters). */
    automatedDetection: number;
    /** How many were decided by automatic means (a filter's rejection, a count of flags). */
    automatedDecision: number;
  };
  /**
   * Median hours from the moment a matter came to the service to its restriction: the report's
   * receipt when a report led to it, else the posting of a published message that was then
   * removed or hidden. Rejections at posting, and bans and mutes without a report, have no such
   * moment and are left out.
   */
  medianHoursToAction: number | null;
  /** Appeals filed in the period; how many of those were reversed so far, and the median hours to their decision. */
  appeals: { received: number; reversed: number; medianHoursToDecision: number | null };
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
  /** Addition (brand voice): a message was pinned at the top of the room (replacing any other). */
  "room:pinned": (p: RoomPinned) => void;
  /** Addition (brand voice): the room has no pinned message any more. */
  "room:unpinned": (p: RoomUnpinned) => void;
  /** SPEC §9.3: a manager decided a message this user reported. */
  "report:decided": (p: ReportDecided) => void;
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
  /**
   * Addition (brand voice): post in a room as the brand (`Message.team`). Skips the shopper
   * filters, rate limits and room locks (frozen, shield), not the text's validation.
   */
  "room:post": (p: { room: string; text: string; replyTo?: string; clientId?: string }, ack: AckFn<{ message: Message }>) => void;
  /** Addition (brand voice): pin one visible message of the room at the top of every widget. */
  "room:pin": (p: { room: string; messageId: string }, ack: AckFn<{ message: Message }>) => void;
  /** Addition (brand voice): unpin the room's message; `unpinned` false when nothing was pinned. */
  "room:unpin": (p: { room: string }, ack: AckFn<{ unpinned: boolean }>) => void;
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
  /** Extension: `model` switches the category model on or off; the answer has `model` only when asked. */
  "filters:update": (
    p: { onHit?: "hold" | "shadow" | "reject"; policy?: FilterPolicy; model?: boolean },
    ack: AckFn<{ onHit: "hold" | "shadow" | "reject"; policy: FilterPolicy; model?: boolean }>,
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
  /** Addition: the back office dashboard, for the tenant or one room, over the last hour, day or week. */
  "dashboard:get": (p: { room?: string; range?: DashboardRange }, ack: AckFn<Dashboard>) => void;
  /** Addition: kept alerts, newest first (`open`: not acknowledged yet). */
  "alerts:list": (p: { status?: "open" | "acked"; limit?: number }, ack: AckFn<{ alerts: Alert[] }>) => void;
  /** Addition: acknowledge an alert for every manager (`alert:acked` reaches them all). */
  "alert:ack": (p: { alertId: string }, ack: AckFn<{ alert: Alert }>) => void;
  "appeals:list": (p: { status?: "open" | "closed"; limit?: number; cursor?: string }, ack: AckFn<{ appeals: Appeal[]; cursor?: string }>) => void;
  "appeal:resolve": (p: { appealId: string; decision: "uphold" | "reverse"; note: string }, ack: AckFn<{ appeal: Appeal }>) => void;
  /** Addition (SPEC §9.4 over /admin): the period's figures, as `GET transparency`. */
  "transparency:get": (p: { from: string; to: string }, ack: AckFn<TransparencyReport>) => void;
  /** Addition (SPEC §9.4 over /admin): a page of the period's statements of reasons, oldest first; `GET statements` streams them all as NDJSON. */
  "statements:list": (p: { from: string; to: string; limit?: number; cursor?: string }, ack: AckFn<{ statements: Record<string, unknown>[]; cursor?: string }>) => void;
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
  /** Extension: whether the category model judges what the rules let through (config `lexicon.model`, or a manager's switch). */
  model: boolean;
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
  /** Addition: the tenant's dashboard tiles, on the feed every few seconds (with `stats`). */
  "dashboard:tick": (p: { at: number; tiles: DashboardTiles }) => void;
  /** Addition: a room's settings changed (from any node or manager). */
  "room:updated": (r: RoomInfo) => void;
  /** Addition (brand voice): as on /chat, for the rooms the feed watches. */
  "room:pinned": (p: RoomPinned) => void;
  "room:unpinned": (p: RoomUnpinned) => void;
  /** Addition (SPEC §9.2): a user appealed a notice; on the feed (a ban's appeal, which has no room, on the whole-tenant feed only). */
  "appeal:created": (a: Appeal) => void;
  /** Addition: a manager decided an appeal, so every manager's Appeals screen moves it. */
  "appeal:resolved": (a: Appeal) => void;
}

export interface HandshakeAuth { tenant: string; token?: string; guestToken?: string }
