import type { ChainableCommander, Redis } from "ioredis";
import type { Author, Ban, Device, Flag, IpBlock, MessageStatus, Mute, Role } from "../../client-sdk/src/protocol.ts";
import { isStoreDown, StoreUnavailableError } from "../errors.ts";
import { decodeCursorValue, encodeCursor, refuseCursor } from "../opaque-cursor.ts";
import { runScript, SUFFIX } from "./redis-scripts.ts";
import type { RedisStoresOptions } from "./redis-stores.ts";
import type { StoredMessage } from "./messages/message-store.ts";
import type { UserCounter, UserRecord } from "./people/people-store.ts";
import type { QueueEntry } from "./queue/review-queue-store.ts";
import type { RoomState } from "./rooms/room-store.ts";
import type { RoomCounter } from "./stats/stats-store.ts";

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const KEEP_USER_MESSAGES = 200;
/** Added to the queue score of normal entries so every high entry sorts first (epoch ms stay far below 2^51). */
const NORMAL_PRIORITY_OFFSET = 2 ** 51;
/** Errors that mean "Redis is away or not serving", beyond the connection errors `isStoreDown` knows. */
const UNAVAILABLE = /Command timed out|LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|^OOM|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|not ready/i;

/**
 * The shared store for a cluster of nodes. Key layout (T = `${keyPrefix}t:{tenant}:`; the braces
 * are a Redis Cluster hash tag, so one tenant's keys share a slot and scripts can touch them
 * together). Room, user, message and other free-form ids are URI-encoded inside key names so
 * that no id can forge another key; inside hash fields and set members they are stored raw.
 *
 * - rooms: `T room:<room>` hash of JSON settings (plus a "_" marker so an empty state exists),
 *   `T rooms` zset room -> last activity.
 * - messages: `T m:<id>` hash { j: JSON as appended, s: status, h: helpful count, x: shadow lifted,
 *   f: how many of its flags a manager's approval spent (they no longer count towards hiding),
 *   u: its author's `um:` key }; `T tl:<room>` list of ids, trimmed to `keep` (dropped bodies
 *   deleted unless queued, then once reviewed); `T um:<user>` list of the last 200 ids, whose
 *   forgotten ones are dropped from the old end as they go; `T idem:<key>` string -> id with PX ttl.
 * - flags: `T fl:<id>` list of flag JSON, `T fb:<id>` set of flagger ids; votes: `T hv:<id>` set.
 * - queue: `T q` zset id -> (normal ? 2^51 : 0) + queuedAt, `T q:<id>` hash of the entry.
 * - sanctions: `T bans`, `T mutes`, `T ipblocks` hashes (JSON; expired entries filtered on read and
 *   pruned with a compare-and-delete, since per-field TTLs need Redis 7.4), `T roles` hash.
 * - people: `T u:<user>` hash { u, fs, ls, c:<counter> }, `T uip:<user>` and `T udev:<user>` lists,
 *   `T users` zset user -> messages counter.
 * - audit: `T audit` stream (MAXLEN ~ 100000), cursor = stream id.
 * - filter edits: `T fe` hash { version, seq }, `T fe:<list>` zsets ordered by insertion.
 * - stats: `T st:<room>` hash "<minute>:<counter>" -> n (expires 2 h after the last bump), `T strooms`.
 * - presence: `T pr:<node>` JSON counts with PX ttl, `T prnodes` index.
 * - spam windows: `T sp:<key>` zset at -> "tag\nmember".
 * - connections (not tenant-scoped, own tag): `${keyPrefix}c:{conn}:ip:<ip>` hash node -> held,
 *   `${keyPrefix}c:{conn}:node:<node>` liveness key with PX, refreshed by the holding node.
 * - rate limits: `${keyPrefix}rl:<limiter prefix>:<key>` (rate-limiter-flexible's own layout).
 * - events: pub/sub channel `${keyPrefix}events`.
 *
 * Every method rejects with StoreUnavailableError when Redis cannot be reached; `ping` resolves false.
 *
 * Example: `const { client, subscriber } = createRedisClients(url); new RedisStore({ client, subscriber, keyPrefix: "causette:" })`.
 */
export class RedisStore {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(opts: RedisStoresOptions) {
    this.client = opts.client;
    this.prefix = opts.keyPrefix;
    this.now = opts.now ?? Date.now;
  }

  // ---- rooms

  // ---- messages
  appendMessage(tenant: string, message: StoredMessage, opts: { keep: number; idempotency?: { key: string; ttlMs: number } }) {
    return this.guard(async () => {
      const T = this.t(tenant);
      const json = JSON.stringify(message);
      const idem = opts.idempotency;
      const reply = (await runScript(
        this.client, "cstAppend",
        [
          idem ? this.key(tenant, "idem:", idem.key) : `${T}idem:`, this.msgKey(tenant, message.id),
          this.key(tenant, "tl:", message.room), this.key(tenant, SUFFIX.userMessages, message.author.id), `${T}q`,
        ],
        [T, enc(message.id), json, message.status, opts.keep, idem ? Math.max(1, Math.ceil(idem.ttlMs)) : "", KEEP_USER_MESSAGES],
      )) as [number, unknown?];
      if (reply[0] === 1) return { message: decodeMessage(reply[1])!, duplicate: true };
      // What was stored, as a later read returns it (JSON drops `undefined` fields).
      return { message: JSON.parse(json) as StoredMessage, duplicate: false };
    });
  }
  findIdempotent(tenant: string, key: string) {
    return this.guard(async () => {
      const id = await this.client.get(this.key(tenant, "idem:", key));
      if (id === null) return null;
      return decodeMessage(await this.client.hgetall(`${this.t(tenant)}${SUFFIX.message}${id}`));
    });
  }
  getMessage(tenant: string, id: string) {
    return this.guard(async () => decodeMessage(await this.client.hgetall(this.msgKey(tenant, id))));
  }
  setMessageStatus(tenant: string, id: string, to: MessageStatus, from?: readonly MessageStatus[]) {
    return this.guard(async () =>
      decodeMessage(await runScript(this.client, "cstStatus", [this.msgKey(tenant, id)], [to, from ? "1" : "0", ...(from ?? [])])));
  }
  roomTimeline(tenant: string, room: string, limit: number) {
    return this.guard(async () => {
      const reply = await runScript(this.client, "cstMessages", [this.key(tenant, "tl:", room)], [this.t(tenant), -limit, -1]);
      return decodeMessages(reply);
    });
  }
  userMessages(tenant: string, userId: string, limit: number) {
    return this.guard(async () => {
      const reply = await runScript(this.client, "cstMessages", [this.key(tenant, SUFFIX.userMessages, userId)], [this.t(tenant), 0, -1]);
      return decodeMessages(reply).reverse().slice(0, Math.max(0, limit));
    });
  }
  clearRoom(tenant: string, room: string) {
    return this.guard(async () =>
      decodeMessages(await runScript(this.client, "cstClear", [this.key(tenant, "tl:", room)], [this.t(tenant)])));
  }
  addHelpful(tenant: string, messageId: string, voterId: string) {
    return this.guard(async () => {
      const [count, added] = (await runScript(
        this.client, "cstHelpful", [this.key(tenant, SUFFIX.helpful, messageId), this.msgKey(tenant, messageId)], [voterId],
      )) as [number, number];
      return { count, added: added === 1 };
    });
  }

  // ---- flags and queue
  addFlag(tenant: string, messageId: string, flag: Flag, rule: { reportsToHide: number; hideNow: boolean }) {
    return this.guard(async () => {
      const reply = (await runScript(
        this.client, "cstFlag",
        [this.msgKey(tenant, messageId), this.key(tenant, SUFFIX.flags, messageId), this.key(tenant, SUFFIX.flaggers, messageId)],
        [flag.by.id, JSON.stringify(flag), rule.reportsToHide, rule.hideNow ? "1" : "0"],
      )) as [number, number, number, unknown] | [];
      if (reply.length === 0) return null;
      const [added, count, hidden, fields] = reply;
      return { added: added === 1, count, hiddenNow: hidden === 1, message: decodeMessage(fields)! };
    });
  }
  getFlags(tenant: string, messageId: string, opts?: { sinceReset?: boolean }) {
    return this.guard(async () => {
      const flagsKey = this.key(tenant, SUFFIX.flags, messageId);
      let raw: string[];
      if (opts?.sinceReset) {
        // One transaction, so a reset landing between the two reads cannot skew the slice.
        const [spent, list] = await exec(this.client.multi().hget(this.msgKey(tenant, messageId), "f").lrange(flagsKey, 0, -1)) as [string | null, string[]];
        raw = list.slice(Number(spent ?? 0));
      } else raw = await this.client.lrange(flagsKey, 0, -1);
      return raw.map((f) => JSON.parse(f) as Flag);
    });
  }
  resetFlagCount(tenant: string, messageId: string) {
    return this.guard(async () => {
      const reply = (await runScript(
        this.client, "cstFlagReset", [this.msgKey(tenant, messageId), this.key(tenant, SUFFIX.flags, messageId)], [],
      )) as string[];
      return reply.map((f) => JSON.parse(f) as Flag);
    });
  }
  queuePut(tenant: string, entry: QueueEntry) {
    return this.guard(async () => {
      const reply = await runScript(
        this.client, "cstQueuePut", [this.key(tenant, "q:", entry.messageId), `${this.t(tenant)}q`],
        [enc(entry.messageId), entry.messageId, entry.kind, entry.priority, entry.queuedAt, JSON.stringify(entry.reasons), NORMAL_PRIORITY_OFFSET],
      );
      return decodeEntry(reply)!;
    });
  }
  queueList(tenant: string, limit: number, cursor?: string) {
    return this.guard(async (): Promise<{ entries: QueueEntry[]; cursor?: string }> => {
      if (limit <= 0) return { entries: [] };
      const T = this.t(tenant);
      const q = `${T}q`;
      const start = await this.queueRank(q, cursor);
      const rows = scored(await this.client.zrange(q, start, String(start + limit), "WITHSCORES"));
      const page = rows.slice(0, limit);
      const hashes = page.length ? await exec(page.reduce((m, p) => m.hgetall(`${T}q:${p.member}`), this.client.multi())) : [];
      // An entry taken between the two reads is simply left out of this page.
      const entries = hashes.map(decodeEntry).filter((e): e is QueueEntry => e !== null);
      const last = page[page.length - 1];
      return rows.length > limit && last ? { entries, cursor: encodeQueueCursor(last) } : { entries };
    });
  }
  queueGet(tenant: string, messageId: string) {
    return this.guard(async () => decodeEntry(await this.client.hgetall(this.key(tenant, "q:", messageId))));
  }
  queueTake(tenant: string, messageId: string) {
    return this.guard(async () =>
      decodeEntry(await runScript(this.client, "cstQueueTake", [this.key(tenant, "q:", messageId), `${this.t(tenant)}q`], [enc(messageId)])));
  }
  queueSize(tenant: string) {
    return this.guard(() => this.client.zcard(`${this.t(tenant)}q`));
  }
  releaseReviewed(tenant: string, room: string, messageId: string) {
    return this.guard(async () => {
      await runScript(this.client, "cstReleaseReviewed", [`${this.t(tenant)}q`, this.key(tenant, "tl:", room)], [this.t(tenant), enc(messageId)]);
    });
  }

  // ---- sanctions and roles

  // ---- people

  // ---- audit


  // ---- stats






  // ---- internals


  /** Runs a command sequence, turning every sign of an unreachable Redis into StoreUnavailableError. */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw toStoreError(err);
    }
  }

  private t(tenant: string): string {
    if (!TENANT_ID.test(tenant)) throw new TypeError(`invalid tenant id ${JSON.stringify(tenant)}`);
    return `${this.prefix}t:{${tenant}}:`;
  }

  private key(tenant: string, kind: string, id: string): string { return `${this.t(tenant)}${kind}${enc(id)}`; }
  private msgKey(tenant: string, id: string): string { return this.key(tenant, SUFFIX.message, id); }

  private async queueRank(q: string, cursor: string | undefined): Promise<number> {
    if (cursor === undefined) return 0;
    const c = decodeQueueCursor(cursor);
    const [before, ties] = (await exec(this.client.multi().zcount(q, "-inf", `(${c.score}`).zrangebyscore(q, c.score, c.score))) as [number, string[]];
    // Redis orders equal scores by member bytes; count the ties up to and including the cursor's member.
    const mark = Buffer.from(c.member);
    return before + ties.filter((m) => Buffer.compare(Buffer.from(m), mark) <= 0).length;
  }



}

const enc = encodeURIComponent;

function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (!isStoreDown(err) && !UNAVAILABLE.test(message)) return err;
  const e = new StoreUnavailableError(`redis unavailable: ${message}`);
  (e as Error & { cause?: unknown }).cause = err;
  return e;
}

/** MULTI/pipeline results without the per-command error tuples; the first error is thrown. */
async function exec(m: ReturnType<Redis["multi"]>): Promise<unknown[]> {
  const res = await m.exec();
  if (!res) throw new Error("transaction aborted");
  return res.map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}

/** WITHSCORES replies: flat [member, score, ...] (RESP2 shapes) or [member, score] pairs (RESP3 reply mapping). */
function scored(reply: unknown): { member: string; score: string }[] {
  const a = reply as unknown[];
  if (a.length && Array.isArray(a[0])) return (a as [unknown, unknown][]).map(([m, s]) => ({ member: String(m), score: String(s) }));
  const out: { member: string; score: string }[] = [];
  for (let i = 0; i < a.length; i += 2) out.push({ member: String(a[i]), score: String(a[i + 1]) });
  return out;
}

/** Script replies come back as flat [field, value, ...] arrays, direct HGETALL as objects. */
function fields(reply: unknown): Record<string, string> | null {
  if (Array.isArray(reply)) {
    if (!reply.length) return null;
    const out: Record<string, string> = {};
    for (let i = 0; i < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
    return out;
  }
  if (reply && typeof reply === "object" && Object.keys(reply).length) return reply as Record<string, string>;
  return null;
}

function decodeMessage(reply: unknown): StoredMessage | null {
  const h = fields(reply);
  if (!h || h.j === undefined) return null;
  const m = JSON.parse(h.j) as StoredMessage;
  m.status = h.s as MessageStatus;
  if (h.h !== undefined) m.helpful = Number(h.h);
  if (h.x !== undefined) delete m.shadow;
  return m;
}

function decodeMessages(reply: unknown): StoredMessage[] {
  return (reply as unknown[]).map(decodeMessage).filter((m): m is StoredMessage => m !== null);
}

function decodeEntry(reply: unknown): QueueEntry | null {
  const h = fields(reply);
  if (!h || h.m === undefined) return null;
  return {
    messageId: h.m,
    kind: h.k as QueueEntry["kind"],
    reasons: JSON.parse(h.r!) as QueueEntry["reasons"],
    priority: h.p as QueueEntry["priority"],
    queuedAt: Number(h.t),
  };
}

/** The queue cursor names the last entry seen by its place in the `q` zset: [score, member]. */
function encodeQueueCursor(c: { score: string; member: string }): string {
  return encodeCursor([c.score, c.member]);
}
function decodeQueueCursor(cursor: string): { score: string; member: string } {
  const v = decodeCursorValue(cursor);
  if (!Array.isArray(v) || v.length !== 2) refuseCursor();
  const [score, member] = v as unknown[];
  // A score as Redis prints one (and ZCOUNT parses): a plain decimal, maybe with an exponent.
  if (typeof score !== "string" || !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(score) || !Number.isFinite(Number(score)) || typeof member !== "string") refuseCursor();
  return { score, member };
}
