import type {
  Author, AuditEntry, Ban, Contribution, Device, Flag, IpBlock, Message, MessageStatus, Mute, Reason, Role,
} from "../../client-sdk/src/protocol.ts";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { TokenBucket, TokenBucketOptions } from "./token-bucket.ts";
import type { SpamCount, SpamWindow } from "../filters/types.ts";
import type { MaybePromise } from "../maybe-promise.ts";

/**
 * Everything Causette shares between nodes lives behind this interface. Every method is
 * tenant-scoped (first argument) so nothing can cross tenants by construction.
 * Two implementations pass one contract suite: MemoryStore (embedded, one node) and RedisStore.
 *
 * The reads and writes of every `message:send` (getRoomState, getBan, getMute, recordText,
 * findIdempotent, appendMessage, recordPost) are typed MaybePromise: the embedded store answers
 * them at once, so a message posted on one node costs no promise and no microtask turn.
 *
 * Methods that two nodes can race on are atomic in both implementations: appendMessage with an
 * idempotency key, setMessageStatus with `from`, addFlag, resetFlagCount, addHelpful, queueTake, setRole.
 */
export interface Store extends SpamWindowStore {
  readonly kind: "memory" | "redis";
  /** Resolves true when the backend answers. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  /**
   * A secret shared by every node (e.g. the one that signs guest tokens): the first node to ask
   * creates it from `candidate`, everyone after gets that same value. Not tenant-scoped.
   */
  sharedSecret(name: string, candidate: string): Promise<string>;

  // ---- rooms ------------------------------------------------------------------------------
  /** Manager-set settings of a room (absent fields fall back to config). */
  getRoomState(tenant: string, room: string): MaybePromise<RoomState | null>;
  updateRoomState(tenant: string, room: string, patch: Partial<RoomState>): Promise<RoomState>;
  /**
   * The bookkeeping of one posted message, in one call (one round trip on Redis): the room's
   * activity (that it exists and was active at `at`, for the back office room list), its minute's `messages` stat (and `held` when held), and the author's
   * `messages` counter (and `held`), exactly as the separate calls would do them.
   */
  recordPost(tenant: string, post: { room: string; userId: string; at: number; held: boolean }): MaybePromise<void>;
  listRooms(tenant: string, limit: number): Promise<{ id: string; lastActive: number }[]>;

  // ---- messages ---------------------------------------------------------------------------
  /**
   * Persists a message and adds it to its room's timeline (capped at `keep` entries).
   * With `idempotency`, atomically: when the key already names a message, nothing is written
   * and that message is returned with `duplicate: true`.
   * The store may keep `message` itself, so the caller hands it over and must not change it
   * afterwards (the embedded store encodes it at once and keeps nothing of it, except the author
   * and device objects, which it shares as they are: a session's are replaced, never changed).
   */
  appendMessage(
    tenant: string,
    message: StoredMessage,
    opts: { keep: number; idempotency?: { key: string; ttlMs: number } },
  ): MaybePromise<{ message: StoredMessage; duplicate: boolean }>;
  /**
   * The message an idempotency key names, if the key is still live and the message still kept.
   * A key may go before its ttl with its message (the embedded store drops it when the message
   * leaves the timeline): a retry of a message no longer kept is stored anew either way.
   */
  findIdempotent(tenant: string, key: string): MaybePromise<StoredMessage | null>;
  getMessage(tenant: string, id: string): Promise<StoredMessage | null>;
  /**
   * Compare-and-set of a message's status: applies only when the current status is in `from`
   * (any status when `from` is absent). Returns the updated message, or null when the message
   * does not exist or its status was not in `from`.
   */
  setMessageStatus(tenant: string, id: string, to: MessageStatus, from?: readonly MessageStatus[]): Promise<StoredMessage | null>;
  /** The room's most recent `limit` timeline entries of every status, oldest first. */
  roomTimeline(tenant: string, room: string, limit: number): Promise<StoredMessage[]>;
  /** A user's most recent messages in this tenant, newest first. */
  userMessages(tenant: string, userId: string, limit: number): Promise<StoredMessage[]>;
  /** Marks every visible/held/hidden message of the room deleted; returns the ones it changed. */
  clearRoom(tenant: string, room: string): Promise<StoredMessage[]>;
  /** Adds a distinct helpful vote. `added` false when this voter had already voted. */
  addHelpful(tenant: string, messageId: string, voterId: string): Promise<{ count: number; added: boolean }>;

  // ---- flags and review queue -------------------------------------------------------------
  /**
   * Atomically adds a flag (one per flagger per message, for the message's whole life). `count`
   * is the number of flags that count towards hiding: the distinct flags added since the last
   * `resetFlagCount`. When the message is `visible` and either `hideNow` or `count` reaches
   * `reportsToHide`, its status becomes `hidden` in the same step, and `hiddenNow` says so.
   * Null when the message does not exist.
   */
  addFlag(
    tenant: string,
    messageId: string,
    flag: Flag,
    rule: { reportsToHide: number; hideNow: boolean },
  ): Promise<{ added: boolean; count: number; hiddenNow: boolean; message: StoredMessage } | null>;
  /** Every flag on the message, oldest first; with `sinceReset`, only those added since the last `resetFlagCount`. */
  getFlags(tenant: string, messageId: string, opts?: { sinceReset?: boolean }): Promise<Flag[]>;
  /**
   * Atomically stops the message's flags so far from counting towards hiding (a manager approved
   * it): they stay on record and their flaggers still cannot flag it again. Returns the flags that
   * counted until now, oldest first (empty when the message does not exist).
   */
  resetFlagCount(tenant: string, messageId: string): Promise<Flag[]>;
  /**
   * Puts a message in the review queue or merges into its entry: reasons are appended,
   * priority only rises (normal → high), kind "flag" is kept once a flag arrives.
   */
  queuePut(tenant: string, entry: QueueEntry): Promise<QueueEntry>;
  /**
   * Oldest first within priority (high before normal). `cursor` is opaque: one this store issued,
   * anything else is refused with `invalid_payload` (never read as "from the start").
   */
  queueList(tenant: string, limit: number, cursor?: string): Promise<{ entries: QueueEntry[]; cursor?: string }>;
  queueGet(tenant: string, messageId: string): Promise<QueueEntry | null>;
  /** Atomically removes the entry: exactly one caller racing on the same id gets it back. */
  queueTake(tenant: string, messageId: string): Promise<QueueEntry | null>;
  /**
   * The review of a message is over (its entry taken and the decision applied): a message that
   * fell off its room's timeline while queued, and so was kept for the review, is forgotten now,
   * as any other is when it falls off. Nothing happens while it is queued again or still on the
   * timeline.
   */
  releaseReviewed(tenant: string, room: string, messageId: string): Promise<void>;
  queueSize(tenant: string): Promise<number>;

  // ---- sanctions and roles (expired entries are never returned) ----------------------------
  setBan(tenant: string, userId: string, ban: Ban): Promise<void>;
  getBan(tenant: string, userId: string, now: number): MaybePromise<Ban | null>;
  deleteBan(tenant: string, userId: string): Promise<boolean>;
  listBans(tenant: string, now: number): Promise<(Ban & { userId: string })[]>;
  setMute(tenant: string, userId: string, mute: Mute): Promise<void>;
  getMute(tenant: string, userId: string, now: number): MaybePromise<Mute | null>;
  deleteMute(tenant: string, userId: string): Promise<boolean>;
  /** Keyed by the canonical CIDR string. */
  addIpBlock(tenant: string, block: IpBlock): Promise<void>;
  removeIpBlock(tenant: string, cidr: string): Promise<boolean>;
  listIpBlocks(tenant: string, now: number): Promise<IpBlock[]>;
  /** A role granted by a manager (null: none, the JWT decides). */
  setRole(tenant: string, userId: string, role: Role | null): Promise<void>;
  getRole(tenant: string, userId: string): Promise<Role | null>;

  // ---- people and reputation --------------------------------------------------------------
  /** Remembers who connected, from where and with what (kept small: last ips/devices only). */
  recordSession(tenant: string, user: Author, ip: string, device: Device, at: number): Promise<void>;
  getUser(tenant: string, userId: string): Promise<UserRecord | null>;
  bumpUser(tenant: string, userId: string, field: UserCounter, by?: number): Promise<void>;
  /** Users ordered by `messages` descending (for moderator candidates). */
  listUsers(tenant: string, limit: number): Promise<UserRecord[]>;

  // ---- audit ------------------------------------------------------------------------------
  appendAudit(tenant: string, entry: AuditEntry): Promise<void>;
  /** Newest first. `cursor` is opaque, refused with `invalid_payload` unless this store issued it. */
  listAudit(tenant: string, limit: number, cursor?: string): Promise<{ entries: AuditEntry[]; cursor?: string }>;

  // ---- filter lists edited by managers ----------------------------------------------------
  getFilterEdits(tenant: string): Promise<FilterEdits>;
  /** Applies set additions/removals atomically and returns the new edits. */
  updateFilterEdits(tenant: string, patch: FilterEditsPatch): Promise<FilterEdits>;

  // ---- stats ------------------------------------------------------------------------------
  /** Counts an event in the room's per-minute bucket (buckets older than an hour may be dropped). */
  bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number): Promise<void>;
  /** Per room, per-minute buckets since `since` (epoch ms), for rooms with any activity. */
  roomStats(tenant: string, since: number): Promise<Record<string, { minute: number; messages: number; held: number; flags: number }[]>>;
  /** Each node reports its local online counts per room; entries expire after `ttlMs` (a dead node stops counting). */
  reportPresence(nodeId: string, tenant: string, counts: Record<string, number>, ttlMs: number): Promise<void>;
  /** Sum over live nodes of online counts per room. */
  presence(tenant: string): Promise<Record<string, number>>;

  // ---- connections (cluster-wide per-IP cap; not tenant-scoped: it protects the service) ---
  /** Takes a connection slot for `ip` when fewer than `limit` are held; false when full. */
  acquireConnection(nodeId: string, ip: string, limit: number): Promise<boolean>;
  releaseConnection(nodeId: string, ip: string): Promise<void>;

  // ---- rate limits ------------------------------------------------------------------------
  /** A rate-limiter-flexible limiter whose counters live where this store's state lives. */
  createRateLimiter(opts: { keyPrefix: string; points: number; durationSec: number }): RateLimiterAbstract;
  /** A token bucket whose state lives where this store's state lives (cluster-wide on Redis). */
  createTokenBucket(opts: TokenBucketOptions): TokenBucket;

  // ---- cluster events ---------------------------------------------------------------------
  /** Publishes to every node (including this one). */
  publish(event: ClusterEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(handler: (event: ClusterEvent) => void): () => void;
}

/**
 * The idempotency key of a post (SPEC §5.1): its author and the `clientId` its client chose. The
 * embedded store rebuilds it from a message it forgets, to drop the key with it.
 */
export const idempotencyKey = (userId: string, clientId: string): string => `${userId}\u0000${clientId}`;

/** The spam stage's sliding window (see filters/types.ts), keyed per tenant. */
export interface SpamWindowStore {
  recordText(tenant: string, key: string, member: string, windowMs: number, now: number): MaybePromise<SpamCount>;
}

/** Adapts the store to the filter engine's tenant-less SpamWindow. */
export function spamWindowFor(store: SpamWindowStore, tenant: string): SpamWindow {
  return { record: (key, member, windowMs, now) => store.recordText(tenant, key, member, windowMs, now) };
}

/** A message with the fields only the server and managers see. */
export interface StoredMessage extends Message {
  ip?: string;
  device?: Device;
  /** Filter reasons when it was held. */
  reasons?: Reason[];
  /** Held silently: its author was told it is visible (shadow mode or shadow ban). */
  shadow?: boolean;
  /** Idempotency: the client's id for it. */
  clientId?: string;
}

export interface RoomState {
  frozen?: boolean;
  slowModeSec?: number;
  contribution?: Contribution;
}

export interface QueueEntry {
  messageId: string;
  kind: "filter" | "flag";
  reasons: Reason[];
  priority: "high" | "normal";
  queuedAt: number;
}

export type UserCounter =
  | "messages" | "helpfulReceived" | "removed" | "flagsRaised" | "flagsUpheld" | "flagsOverturned" | "held";

export interface UserRecord {
  user: Author;
  ips: string[];
  devices: Device[];
  firstSeen: number;
  lastSeen: number;
  counters: Record<UserCounter, number>;
}

export type RoomCounter = "messages" | "held" | "flags";

export interface FilterEdits {
  /** Terms managers added (beyond config terms). */
  added: string[];
  /** Terms managers removed (from config terms or the built-in lists). */
  removed: string[];
  /** Exceptions managers added. */
  allow: string[];
  /** Exceptions managers lifted (from config allow). */
  disallowed: string[];
  linkAllow: string[];
  linkBlock: string[];
  linkUnallowed: string[];
  linkUnblocked: string[];
  /** Bumped on every change so nodes can tell a stale compile. */
  version: number;
}

export type FilterEditsPatch = Partial<Record<Exclude<keyof FilterEdits, "version">, { add?: string[]; remove?: string[] }>>;

export const EMPTY_FILTER_EDITS: Readonly<FilterEdits> = Object.freeze({
  added: [], removed: [], allow: [], disallowed: [], linkAllow: [], linkBlock: [], linkUnallowed: [], linkUnblocked: [], version: 0,
});

/**
 * Events that every node must act on. Socket fan-out itself goes through the Socket.IO adapter;
 * these are for node-local state (compiled filters, cached room settings).
 */
export type ClusterEvent =
  | { type: "filters:changed"; tenant: string; version: number }
  | { type: "room:changed"; tenant: string; room: string }
  | { type: "sanctions:changed"; tenant: string }
  | { type: "role:changed"; tenant: string; userId: string; role: Role | null };
