import { hash53 } from "../filters/hash53.ts";
import type { MaybePromise } from "../maybe-promise.ts";
import { decodeCursorValue, encodeCursor, refuseCursor } from "../opaque-cursor.ts";
import { CappedList } from "./capped-list.ts";
import { createMessageLog, type MessageLog } from "./message-log.ts";
import type { Author, Ban, Device, Flag, IpBlock, MessageStatus, Mute, Role } from "../../client-sdk/src/protocol.ts";
import type { StoredMessage } from "./messages/message-store.ts";
import type { UserCounter, UserRecord } from "./people/people-store.ts";
import type { QueueEntry } from "./queue/review-queue-store.ts";
import type { RoomState } from "./rooms/room-store.ts";
import type { RoomCounter } from "./stats/stats-store.ts";

/** How many recent IPs and devices a user record keeps. */
const KEEP_IPS = 20;
const KEEP_DEVICES = 10;
const STATS_KEEP_MS = 60 * 60_000;

interface TenantData {
  rooms: Map<string, RoomState>;
  roomActivity: Map<string, number>;
  /**
   * Kept messages, off the JS heap (see message-log.ts), indexed by id and by idempotency key.
   * The log keeps a key's 53-bit hash (filters/hash53.ts), not the key: a user id and a client's
   * 36-character id, as a string three heap objects per message (V8 joins strings lazily). Two
   * keys share a hash with odds n²/2^54 among n live keys (2·10⁻⁸ at 30,000); no one can aim a
   * collision at another user's key, since a client's ids never reach other clients.
   */
  messages: MessageLog;
  timelines: Map<string, CappedList<string>>;
  /**
   * Each author's latest message ids, oldest first, up to 200. Ids of forgotten messages are
   * dropped from the old end as messages are forgotten, and an author none of whose messages is
   * kept has no list: otherwise every shopper who ever posted kept a list of 200 dead ids.
   */
  userMessages: Map<string, CappedList<string>>;
  helpful: Map<string, Set<string>>;
  flags: Map<string, Flag[]>;
  /** How many of a message's flags (the oldest) stopped counting towards hiding at its last resetFlagCount. */
  flagsSpent: Map<string, number>;
  queue: Map<string, QueueEntry>;
  roles: Map<string, Role>;
  users: Map<string, UserRecord>;
  stats: Map<string, Map<number, { messages: number; held: number; flags: number }>>;
}

const emptyCounters = (): Record<UserCounter, number> => ({
  messages: 0, helpfulReceived: 0, removed: 0, flagsRaised: 0, flagsUpheld: 0, flagsOverturned: 0, held: 0,
});

/**
 * Deep copies at the boundary so callers can never mutate stored state (as a remote store would behave).
 * Stored values are plain JSON-like data (the Redis store keeps them as JSON), which a recursive
 * copy reproduces exactly at a tenth of structuredClone's cost (a message: ~0.4 µs instead of
 * ~3.6 µs, and every message sent is copied twice, every join copies the room's history). Anything
 * else (a Date, a Map, a function…) still goes through structuredClone, errors included.
 */
const copy = <T>(v: T): T => copyPlain(v) as T;

function copyPlain(v: unknown): unknown {
  if (v === null) return v;
  const type = typeof v;
  if (type !== "object") return type === "function" || type === "symbol" ? structuredClone(v) : v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyPlain(v[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object)) {
    const x = copyPlain((v as Record<string, unknown>)[k]);
    // A plain assignment to "__proto__" would set the prototype instead of copying the field.
    if (k === "__proto__") Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

/**
 * The embedded store: one process, no persistence. Every method is atomic because the
 * event loop runs each one to completion without awaiting in between.
 */
export class MemoryStore {
  private readonly tenants = new Map<string, TenantData>();
  private readonly now: () => number;

  constructor(opts: { now?: () => number } = {}) {
    this.now = opts.now ?? Date.now;
  }

  private t(tenant: string): TenantData {
    let d = this.tenants.get(tenant);
    if (!d) {
      d = {
        rooms: new Map(), roomActivity: new Map(), messages: createMessageLog(), timelines: new Map(), userMessages: new Map(),
        helpful: new Map(), flags: new Map(), flagsSpent: new Map(), queue: new Map(),
        roles: new Map(), users: new Map(),
        stats: new Map(),
      };
      this.tenants.set(tenant, d);
    }
    return d;
  }

  // ---- rooms
  // The message path's reads and writes answer at once; their declared type stays the Store's
  // MaybePromise so a test double may still answer later.
  getRoomState(tenant: string, room: string): MaybePromise<RoomState | null> {
    const s = this.t(tenant).rooms.get(room);
    return s ? copy(s) : null;
  }
  async updateRoomState(tenant: string, room: string, patch: Partial<RoomState>) {
    const d = this.t(tenant);
    const next = { ...(d.rooms.get(room) ?? {}) };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    d.rooms.set(room, next);
    return copy(next);
  }
  recordPost(tenant: string, post: { room: string; userId: string; at: number; held: boolean }): MaybePromise<void> {
    const d = this.t(tenant);
    d.roomActivity.set(post.room, post.at);
    this.countRoom(d, post.room, "messages", post.at);
    this.countUser(d, post.userId, "messages", 1);
    if (post.held) {
      this.countRoom(d, post.room, "held", post.at);
      this.countUser(d, post.userId, "held", 1);
    }
  }
  async listRooms(tenant: string, limit: number) {
    return [...this.t(tenant).roomActivity.entries()]
      .map(([id, lastActive]) => ({ id, lastActive }))
      .sort((a, b) => b.lastActive - a.lastActive)
      .slice(0, limit);
  }

  // ---- messages
  appendMessage(tenant: string, message: StoredMessage, opts: { keep: number; idempotency?: { key: string; ttlMs: number } }): MaybePromise<{ message: StoredMessage; duplicate: boolean }> {
    const d = this.t(tenant);
    const now = this.now();
    const idem = opts.idempotency;
    if (idem) {
      const key = hash53(idem.key);
      const prev = d.messages.findIdempotent(key, now);
      if (prev) return { message: prev, duplicate: true };
      // Encoded with its key's hash and expiry, which the log indexes; of the caller's object
      // only the author and device are kept, shared (see Store.appendMessage).
      d.messages.put(message, key, now + idem.ttlMs);
    } else d.messages.put(message);
    pushCapped(d.timelines, message.room, message.id, opts.keep, (dropped) => this.forget(d, dropped));
    pushCapped(d.userMessages, message.author.id, message.id, 200);
    return { message, duplicate: false };
  }

  /**
   * A message that fell off its room's timeline is forgotten unless the review queue still needs
   * it; then `releaseReviewed` forgets it once the review is over.
   */
  private forget(d: TenantData, id: string) {
    if (d.queue.has(id)) return;
    // Its idempotency key goes with it (the log indexes keys by message): a retry of a forgotten
    // message is stored anew whether or not the key is live, and keys kept for their whole ten
    // minutes were a million at 2,000 messages a second.
    const authorId = d.messages.delete(id);
    d.flags.delete(id);
    d.flagsSpent.delete(id);
    d.helpful.delete(id);
    if (authorId === undefined) return;
    // An author's ids are in posting order, so the forgotten ones gather at the old end (one
    // still kept in a quieter room holds the later ones back until it goes too).
    const list = d.userMessages.get(authorId);
    if (!list) return;
    while (list.length > 0 && !d.messages.has(list.at(0)!)) list.shift();
    if (list.length === 0) d.userMessages.delete(authorId);
  }

  async releaseReviewed(tenant: string, room: string, messageId: string) {
    const d = this.t(tenant);
    if (d.queue.has(messageId) || !d.messages.has(messageId)) return;
    const timeline = d.timelines.get(room);
    for (let i = (timeline?.length ?? 0) - 1; i >= 0; i--) if (timeline!.at(i) === messageId) return;
    this.forget(d, messageId);
  }

  /** Idempotency keys held for a tenant, live or expired (for tests of the memory bound). */
  idempotencyKeys(tenant: string): number {
    return this.t(tenant).messages.idempotencyKeys;
  }

  /** Authors holding a list of recent message ids (for tests of the memory bound). */
  userLists(tenant: string): number {
    return this.t(tenant).userMessages.size;
  }

  findIdempotent(tenant: string, key: string): MaybePromise<StoredMessage | null> {
    const d = this.t(tenant);
    return d.messages.findIdempotent(hash53(key), this.now()) ?? null;
  }

  async getMessage(tenant: string, id: string) {
    return this.t(tenant).messages.get(id) ?? null;
  }
  async setMessageStatus(tenant: string, id: string, to: MessageStatus, from?: readonly MessageStatus[]) {
    const d = this.t(tenant);
    const m = d.messages.get(id);
    if (!m) return null;
    if (from && !from.includes(m.status)) return null;
    m.status = to;
    if (to === "visible") delete m.shadow;
    d.messages.replace(m);
    return m;
  }
  async roomTimeline(tenant: string, room: string, limit: number) {
    const d = this.t(tenant);
    const out: StoredMessage[] = [];
    for (const id of d.timelines.get(room)?.newest(limit) ?? []) {
      const m = d.messages.get(id);
      if (m) out.push(m);
    }
    return out;
  }
  async userMessages(tenant: string, userId: string, limit: number) {
    const d = this.t(tenant);
    const ids = d.userMessages.get(userId);
    const out: StoredMessage[] = [];
    if (!ids) return out;
    for (let i = ids.length - 1; i >= 0 && out.length < limit; i--) {
      const m = d.messages.get(ids.at(i)!);
      if (m) out.push(m);
    }
    return out;
  }
  async clearRoom(tenant: string, room: string) {
    const d = this.t(tenant);
    const changed: StoredMessage[] = [];
    for (const id of d.timelines.get(room)?.toArray() ?? []) {
      const m = d.messages.get(id);
      if (m && m.status !== "deleted") {
        m.status = "deleted";
        d.messages.replace(m);
        changed.push(m);
      }
    }
    return changed;
  }
  async addHelpful(tenant: string, messageId: string, voterId: string) {
    const d = this.t(tenant);
    const m = d.messages.get(messageId);
    let set = d.helpful.get(messageId);
    if (!set) { set = new Set(); d.helpful.set(messageId, set); }
    const added = !set.has(voterId);
    set.add(voterId);
    if (m) {
      m.helpful = set.size;
      d.messages.replace(m);
    }
    return { count: set.size, added };
  }

  // ---- flags and queue
  async addFlag(tenant: string, messageId: string, flag: Flag, rule: { reportsToHide: number; hideNow: boolean }) {
    const d = this.t(tenant);
    const m = d.messages.get(messageId);
    if (!m) return null;
    const list = d.flags.get(messageId) ?? [];
    const added = !list.some((f) => f.by.id === flag.by.id);
    if (added) list.push(copy(flag));
    d.flags.set(messageId, list);
    const count = list.length - (d.flagsSpent.get(messageId) ?? 0);
    let hiddenNow = false;
    if (added && m.status === "visible" && (rule.hideNow || count >= rule.reportsToHide)) {
      m.status = "hidden";
      d.messages.replace(m);
      hiddenNow = true;
    }
    return { added, count, hiddenNow, message: m };
  }
  async getFlags(tenant: string, messageId: string, opts?: { sinceReset?: boolean }) {
    const d = this.t(tenant);
    const list = d.flags.get(messageId) ?? [];
    return copy(opts?.sinceReset ? list.slice(d.flagsSpent.get(messageId) ?? 0) : list);
  }
  async resetFlagCount(tenant: string, messageId: string) {
    const d = this.t(tenant);
    if (!d.messages.has(messageId)) return [];
    const list = d.flags.get(messageId) ?? [];
    const counted = list.slice(d.flagsSpent.get(messageId) ?? 0);
    d.flagsSpent.set(messageId, list.length);
    return copy(counted);
  }

  async queuePut(tenant: string, entry: QueueEntry) {
    const d = this.t(tenant);
    const prev = d.queue.get(entry.messageId);
    const next: QueueEntry = prev
      ? {
          messageId: prev.messageId,
          kind: prev.kind === "flag" || entry.kind === "flag" ? "flag" : "filter",
          reasons: [...prev.reasons, ...entry.reasons],
          priority: prev.priority === "high" || entry.priority === "high" ? "high" : "normal",
          queuedAt: prev.queuedAt,
        }
      : copy(entry);
    d.queue.set(entry.messageId, next);
    return copy(next);
  }
  async queueList(tenant: string, limit: number, cursor?: string) {
    const all = [...this.t(tenant).queue.values()].sort(queueOrder);
    // The cursor names the last entry seen, so taking earlier entries between pages skips nothing.
    const after = cursor === undefined ? null : decodeQueueCursor(cursor);
    const found = after ? all.findIndex((e) => queueOrder(e, after) > 0) : 0;
    const start = found < 0 ? all.length : found;
    const entries = all.slice(start, start + limit).map(copy);
    const last = entries[entries.length - 1];
    const next = start + limit < all.length && last ? encodeQueueCursor(last) : undefined;
    return next ? { entries, cursor: next } : { entries };
  }
  async queueGet(tenant: string, messageId: string) {
    const e = this.t(tenant).queue.get(messageId);
    return e ? copy(e) : null;
  }
  async queueTake(tenant: string, messageId: string) {
    const d = this.t(tenant);
    const e = d.queue.get(messageId);
    if (!e) return null;
    d.queue.delete(messageId);
    return e;
  }
  async queueSize(tenant: string) { return this.t(tenant).queue.size; }

  // ---- sanctions and roles
  async setRole(tenant: string, userId: string, role: Role | null) {
    const roles = this.t(tenant).roles;
    if (role === null) roles.delete(userId); else roles.set(userId, role);
  }
  async getRole(tenant: string, userId: string) { return this.t(tenant).roles.get(userId) ?? null; }

  // ---- people
  async recordSession(tenant: string, user: Author, ip: string, device: Device, at: number) {
    const users = this.t(tenant).users;
    const rec = users.get(user.id) ?? { user: copy(user), ips: [], devices: [], firstSeen: at, lastSeen: at, counters: emptyCounters() };
    rec.user = copy(user);
    rec.lastSeen = at;
    rec.ips = [ip, ...rec.ips.filter((i) => i !== ip)].slice(0, KEEP_IPS);
    const key = JSON.stringify([device.browser, device.os, device.type]);
    rec.devices = [copy(device), ...rec.devices.filter((d) => JSON.stringify([d.browser, d.os, d.type]) !== key)].slice(0, KEEP_DEVICES);
    users.set(user.id, rec);
  }
  async getUser(tenant: string, userId: string) {
    const r = this.t(tenant).users.get(userId);
    return r ? copy(r) : null;
  }
  async bumpUser(tenant: string, userId: string, field: UserCounter, by = 1) { this.countUser(this.t(tenant), userId, field, by); }
  private countUser(d: TenantData, userId: string, field: UserCounter, by: number) {
    const users = d.users;
    let rec = users.get(userId);
    if (!rec) {
      const at = this.now();
      rec = { user: { id: userId, name: userId, role: "member" }, ips: [], devices: [], firstSeen: at, lastSeen: at, counters: emptyCounters() };
      users.set(userId, rec);
    }
    rec.counters[field] += by;
  }
  async listUsers(tenant: string, limit: number) {
    return [...this.t(tenant).users.values()]
      .sort((a, b) => b.counters.messages - a.counters.messages)
      .slice(0, limit)
      .map(copy);
  }

  // ---- audit


  // ---- stats
  async bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number) { this.countRoom(this.t(tenant), room, field, at); }
  private countRoom(d: TenantData, room: string, field: RoomCounter, at: number) {
    const stats = d.stats;
    let buckets = stats.get(room);
    if (!buckets) { buckets = new Map(); stats.set(room, buckets); }
    const minute = Math.floor(at / 60_000) * 60_000;
    const b = buckets.get(minute) ?? { messages: 0, held: 0, flags: 0 };
    b[field] += 1;
    buckets.set(minute, b);
    if (buckets.size > 70) for (const k of buckets.keys()) if (k < at - STATS_KEEP_MS) buckets.delete(k);
  }
  async roomStats(tenant: string, since: number) {
    const out: Record<string, { minute: number; messages: number; held: number; flags: number }[]> = {};
    for (const [room, buckets] of this.t(tenant).stats) {
      const rows = [...buckets.entries()].filter(([m]) => m + 60_000 > since).map(([minute, b]) => ({ minute, ...b }));
      if (rows.length) out[room] = rows.sort((a, b) => a.minute - b.minute);
    }
    return out;
  }





}

function pushCapped(map: Map<string, CappedList<string>>, key: string, id: string, keep: number, onDrop?: (id: string) => void) {
  let list = map.get(key);
  if (!list) { list = new CappedList(); map.set(key, list); }
  list.push(id, keep, onDrop);
}

function queueOrder(a: QueueEntry, b: QueueEntry): number {
  if (a.priority !== b.priority) return a.priority === "high" ? -1 : 1;
  return a.queuedAt - b.queuedAt || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
}

/** The queue cursor names the last entry seen by its sort key: [priority, queuedAt, messageId]. */
function encodeQueueCursor(e: QueueEntry): string {
  return encodeCursor([e.priority, e.queuedAt, e.messageId]);
}
function decodeQueueCursor(cursor: string): QueueEntry {
  const v = decodeCursorValue(cursor);
  if (!Array.isArray(v) || v.length !== 3) refuseCursor();
  const [priority, queuedAt, messageId] = v as unknown[];
  if ((priority !== "high" && priority !== "normal") || typeof queuedAt !== "number" || !Number.isFinite(queuedAt) || typeof messageId !== "string") refuseCursor();
  return { priority, queuedAt, messageId, kind: "filter", reasons: [] };
}
