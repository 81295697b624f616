import type { MessageStatus } from "../../../client-sdk/src/protocol.ts";
import { hash53 } from "../../filters/hash53.ts";
import type { MaybePromise } from "../../maybe-promise.ts";
import { CappedList } from "./capped-list.ts";
import { createMessageLog, type MessageLog } from "./message-log.ts";
import { PerTenant } from "../per-tenant.ts";
import type { MessageStore, StoredMessage } from "./message-store.ts";

const KEEP_USER_MESSAGES = 200;

/**
 * What decides, beyond the timeline, whether a message is kept, and what goes with it: the review
 * queue and flag halves, wired in by createMemoryStores.
 */
export interface MessageRetention {
  /** Whether the review queue still holds the message (it is then kept after leaving its timeline). */
  holds(tenant: string, id: string): boolean;
  /** The message was forgotten: what else is kept about it (its flags) goes too, in the same step. */
  forgotten(tenant: string, id: string): void;
  /** The message is erased (SPEC §9.5): its review-queue entry goes too, in the same step. */
  erased(tenant: string, id: string): void;
}

interface TenantMessages {
  /**
   * Kept messages, off the JS heap (see message-log.ts), indexed by id and by idempotency key.
   * The log keeps a key's 53-bit hash (filters/hash53.ts), not the key: a user id and a client's
   * 36-character id, as a string three heap objects per message (V8 joins strings lazily). Two
   * keys share a hash with odds n²/2^54 among n live keys (2·10⁻⁸ at 30,000); no one can aim a
   * collision at another user's key, since a client's ids never reach other clients.
   */
  log: MessageLog;
  timelines: Map<string, CappedList<string>>;
  /**
   * Each author's latest message ids, oldest first, up to 200. Ids of forgotten messages are
   * dropped from the old end as messages are forgotten, and an author none of whose messages is
   * kept has no list: otherwise every shopper who ever posted kept a list of 200 dead ids.
   */
  userMessages: Map<string, CappedList<string>>;
  helpful: Map<string, Set<string>>;
}

/**
 * The embedded messages. Every method runs to completion without awaiting, so each is atomic; the
 * message path's (appendMessage, findIdempotent) answer at once, their declared type staying the
 * port's MaybePromise so a test double may still answer later.
 */
export class MemoryMessageStore implements MessageStore {
  private readonly data = new PerTenant<TenantMessages>(() => ({
    log: createMessageLog(), timelines: new Map(), userMessages: new Map(), helpful: new Map(),
  }));

  constructor(private readonly retention: MessageRetention, private readonly now: () => number = Date.now) {}

  appendMessage(tenant: string, message: StoredMessage, opts: { keep: number; idempotency?: { key: string; ttlMs: number } }): MaybePromise<{ message: StoredMessage; duplicate: boolean }> {
    const d = this.data.of(tenant);
    const now = this.now();
    const idem = opts.idempotency;
    if (idem) {
      const key = hash53(idem.key);
      const prev = d.log.findIdempotent(key, now);
      if (prev) return { message: prev, duplicate: true };
      // Encoded with its key's hash and expiry, which the log indexes; of the caller's object
      // only the author and device are kept, shared (see MessageStore.appendMessage).
      d.log.put(message, key, now + idem.ttlMs);
    } else d.log.put(message);
    pushCapped(d.timelines, message.room, message.id, opts.keep, (dropped) => this.forget(tenant, d, dropped));
    pushCapped(d.userMessages, message.author.id, message.id, KEEP_USER_MESSAGES);
    return { message, duplicate: false };
  }

  findIdempotent(tenant: string, key: string): MaybePromise<StoredMessage | null> {
    return this.data.of(tenant).log.findIdempotent(hash53(key), this.now()) ?? null;
  }

  async getMessage(tenant: string, id: string) {
    return this.data.of(tenant).log.get(id) ?? null;
  }

  async setMessageStatus(tenant: string, id: string, to: MessageStatus, from?: readonly MessageStatus[]) {
    const { log } = this.data.of(tenant);
    const m = log.get(id);
    if (!m) return null;
    if (from && !from.includes(m.status)) return null;
    m.status = to;
    if (to === "visible") delete m.shadow;
    log.replace(m);
    return m;
  }

  async roomTimeline(tenant: string, room: string, limit: number) {
    const d = this.data.of(tenant);
    const out: StoredMessage[] = [];
    for (const id of d.timelines.get(room)?.newest(limit) ?? []) {
      const m = d.log.get(id);
      if (m) out.push(m);
    }
    return out;
  }

  async userMessages(tenant: string, userId: string, limit: number) {
    const d = this.data.of(tenant);
    const ids = d.userMessages.get(userId);
    const out: StoredMessage[] = [];
    if (!ids) return out;
    for (let i = ids.length - 1; i >= 0 && out.length < limit; i--) {
      const m = d.log.get(ids.at(i)!);
      if (m) out.push(m);
    }
    return out;
  }

  async clearRoom(tenant: string, room: string) {
    const d = this.data.of(tenant);
    const changed: StoredMessage[] = [];
    for (const id of d.timelines.get(room)?.toArray() ?? []) {
      const m = d.log.get(id);
      if (m && m.status !== "deleted") {
        m.status = "deleted";
        d.log.replace(m);
        changed.push(m);
      }
    }
    return changed;
  }

  async addHelpful(tenant: string, messageId: string, voterId: string) {
    const d = this.data.of(tenant);
    const m = d.log.get(messageId);
    let set = d.helpful.get(messageId);
    if (!set) { set = new Set(); d.helpful.set(messageId, set); }
    const added = !set.has(voterId);
    set.add(voterId);
    if (m) {
      m.helpful = set.size;
      d.log.replace(m);
    }
    return { count: set.size, added };
  }

  async authoredBy(tenant: string, userId: string) {
    return this.authored(this.data.of(tenant), userId).sort((a, b) => b.createdAt - a.createdAt);
  }

  async votedBy(tenant: string, userId: string) {
    const out: string[] = [];
    for (const [id, voters] of this.data.of(tenant).helpful) if (voters.has(userId)) out.push(id);
    return out;
  }

  async forgetVoter(tenant: string, userId: string, anonymous: string) {
    let n = 0;
    for (const voters of this.data.of(tenant).helpful.values()) {
      if (!voters.delete(userId)) continue;
      voters.add(anonymous);
      n++;
    }
    return n;
  }

  async forgetAuthor(tenant: string, userId: string) {
    const d = this.data.of(tenant);
    const out = this.authored(d, userId);
    for (const { id } of out) {
      d.log.delete(id);
      this.retention.erased(tenant, id);
      this.retention.forgotten(tenant, id);
      d.helpful.delete(id);
    }
    // Their ids stay on the timelines until they fall off: a read skips what the log no longer has.
    d.userMessages.delete(userId);
    return out;
  }

  async purgeBefore(tenant: string, before: number, max: number) {
    const d = this.data.of(tenant);
    const out: StoredMessage[] = [];
    for (const timeline of d.timelines.values()) {
      while (timeline.length > 0 && out.length < max) {
        const id = timeline.at(0)!;
        const m = d.log.get(id);
        if (m && m.createdAt >= before) break;
        timeline.shift();
        if (!m) continue;
        out.push(m);
        this.forget(tenant, d, id);
      }
      if (out.length >= max) break;
    }
    return out;
  }

  /** Every kept message of the author: their recent list, and every timeline for older ones. */
  private authored(d: TenantMessages, userId: string): StoredMessage[] {
    const ids = new Set(d.userMessages.get(userId)?.toArray() ?? []);
    for (const timeline of d.timelines.values()) for (const id of timeline.toArray()) ids.add(id);
    const out: StoredMessage[] = [];
    for (const id of ids) {
      const m = d.log.get(id);
      if (m && m.author.id === userId) out.push(m);
    }
    return out;
  }

  /** The kept message, decoded (a fresh copy), for the flag half's step that may hide it. */
  read(tenant: string, id: string): StoredMessage | undefined {
    return this.data.of(tenant).log.get(id);
  }

  /** Stores a message read with `read` and changed, in place of the kept one. */
  rewrite(tenant: string, message: StoredMessage): void {
    this.data.of(tenant).log.replace(message);
  }

  has(tenant: string, id: string): boolean {
    return this.data.of(tenant).log.has(id);
  }

  /**
   * The review of a message is over (ReviewQueueStore.releaseReviewed): forgets it unless it is
   * still on its room's timeline, or held again, or already gone.
   */
  forgetUnlessListed(tenant: string, room: string, id: string): void {
    const d = this.data.of(tenant);
    if (this.retention.holds(tenant, id) || !d.log.has(id)) return;
    const timeline = d.timelines.get(room);
    for (let i = (timeline?.length ?? 0) - 1; i >= 0; i--) if (timeline!.at(i) === id) return;
    this.forget(tenant, d, id);
  }

  /** Idempotency keys held for a tenant, live or expired (for tests of the memory bound). */
  idempotencyKeys(tenant: string): number {
    return this.data.of(tenant).log.idempotencyKeys;
  }

  /** Authors holding a list of recent message ids (for tests of the memory bound). */
  userLists(tenant: string): number {
    return this.data.of(tenant).userMessages.size;
  }

  /**
   * A message that fell off its room's timeline is forgotten unless the review queue still needs
   * it; then `forgetUnlessListed` forgets it once the review is over.
   */
  private forget(tenant: string, d: TenantMessages, id: string) {
    if (this.retention.holds(tenant, id)) return;
    // Its idempotency key goes with it (the log indexes keys by message): a retry of a forgotten
    // message is stored anew whether or not the key is live, and keys kept for their whole ten
    // minutes were a million at 2,000 messages a second.
    const authorId = d.log.delete(id);
    this.retention.forgotten(tenant, id);
    d.helpful.delete(id);
    if (authorId === undefined) return;
    // An author's ids are in posting order, so the forgotten ones gather at the old end (one
    // still kept in a quieter room holds the later ones back until it goes too).
    const list = d.userMessages.get(authorId);
    if (!list) return;
    while (list.length > 0 && !d.log.has(list.at(0)!)) list.shift();
    if (list.length === 0) d.userMessages.delete(authorId);
  }
}

function pushCapped(map: Map<string, CappedList<string>>, key: string, id: string, keep: number, onDrop?: (id: string) => void) {
  let list = map.get(key);
  if (!list) { list = new CappedList(); map.set(key, list); }
  list.push(id, keep, onDrop);
}
