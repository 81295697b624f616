import { hash53 } from "../filters/hash53.ts";
import type { MaybePromise } from "../maybe-promise.ts";
import { decodeCursorValue, encodeCursor, refuseCursor } from "../opaque-cursor.ts";
import { CappedList } from "./capped-list.ts";
import { copy } from "./plain-copy.ts";
import { createMessageLog, type MessageLog } from "./message-log.ts";
import type { Flag, MessageStatus } from "../../client-sdk/src/protocol.ts";
import type { StoredMessage } from "./messages/message-store.ts";
import type { QueueEntry } from "./queue/review-queue-store.ts";

interface TenantData {
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
        messages: createMessageLog(), timelines: new Map(), userMessages: new Map(),
        helpful: new Map(), flags: new Map(), flagsSpent: new Map(), queue: new Map(),
       
       
      };
      this.tenants.set(tenant, d);
    }
    return d;
  }

  // ---- rooms
  // The message path's reads and writes answer at once; their declared type stays the Store's
  // MaybePromise so a test double may still answer later.

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

  // ---- people

  // ---- audit


  // ---- stats





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
