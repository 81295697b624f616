import type { MessageStatus } from "../../../client-sdk/src/protocol.ts";
import { enc, type RedisContext } from "../redis-context.ts";
import { exec, fields } from "../redis-replies.ts";
import { runScript, SUFFIX } from "../redis-scripts.ts";
import type { MessageStore, StoredMessage } from "./message-store.ts";

const KEEP_USER_MESSAGES = 200;

/**
 * The shared messages: `T m:<id>` hashes (JSON as appended, status, helpful count, …), `T tl:<room>`
 * timelines, `T um:<user>` author lists and `T idem:<key>` idempotency keys. Appends, status
 * changes and votes are Lua scripts (redis-scripts.ts): a timeline trim forgets the dropped
 * messages (unless queued) in the same script.
 */
export class RedisMessageStore implements MessageStore {
  constructor(private readonly ctx: RedisContext) {}

  appendMessage(tenant: string, message: StoredMessage, opts: { keep: number; idempotency?: { key: string; ttlMs: number } }) {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      const json = JSON.stringify(message);
      const idem = opts.idempotency;
      // One round trip on a Redis Cluster too: the replica's WAIT rides in the script's pipeline.
      const reply = (await this.ctx.writeScript(
        tenant, "cstAppend",
        [
          idem ? this.ctx.key(tenant, "idem:", idem.key) : `${T}idem:`, this.ctx.msgKey(tenant, message.id),
          this.ctx.key(tenant, "tl:", message.room), this.ctx.key(tenant, SUFFIX.userMessages, message.author.id), `${T}q`,
        ],
        [T, enc(message.id), json, message.status, opts.keep, idem ? Math.max(1, Math.ceil(idem.ttlMs)) : "", KEEP_USER_MESSAGES],
      )) as [number, unknown?];
      if (reply[0] === 1) return { message: decodeMessage(reply[1])!, duplicate: true };
      // What was stored, as a later read returns it (JSON drops `undefined` fields).
      return { message: JSON.parse(json) as StoredMessage, duplicate: false };
    });
  }

  findIdempotent(tenant: string, key: string) {
    return this.ctx.guard(async () => {
      const id = await this.ctx.client.get(this.ctx.key(tenant, "idem:", key));
      if (id === null) return null;
      return decodeMessage(await this.ctx.client.hgetall(`${this.ctx.t(tenant)}${SUFFIX.message}${id}`));
    });
  }

  getMessage(tenant: string, id: string) {
    return this.ctx.guard(async () => decodeMessage(await this.ctx.client.hgetall(this.ctx.msgKey(tenant, id))));
  }

  setMessageStatus(tenant: string, id: string, to: MessageStatus, from?: readonly MessageStatus[]) {
    return this.ctx.write(tenant, async () =>
      decodeMessage(await runScript(this.ctx.client, "cstStatus", [this.ctx.msgKey(tenant, id)], [to, from ? "1" : "0", ...(from ?? [])])));
  }

  roomTimeline(tenant: string, room: string, limit: number) {
    return this.ctx.guard(async () => {
      const reply = await runScript(this.ctx.client, "cstMessages", [this.ctx.key(tenant, "tl:", room)], [this.ctx.t(tenant), -limit, -1]);
      return decodeMessages(reply);
    });
  }

  userMessages(tenant: string, userId: string, limit: number) {
    return this.ctx.guard(async () => {
      const reply = await runScript(this.ctx.client, "cstMessages", [this.ctx.key(tenant, SUFFIX.userMessages, userId)], [this.ctx.t(tenant), 0, -1]);
      return decodeMessages(reply).reverse().slice(0, Math.max(0, limit));
    });
  }

  clearRoom(tenant: string, room: string) {
    return this.ctx.guard(async () =>
      decodeMessages(await runScript(this.ctx.client, "cstClear", [this.ctx.key(tenant, "tl:", room)], [this.ctx.t(tenant)])));
  }

  authoredBy(tenant: string, userId: string) {
    return this.ctx.guard(async () => (await this.authored(tenant, userId, false)).sort((a, b) => b.createdAt - a.createdAt));
  }

  votedBy(tenant: string, userId: string) {
    return this.ctx.guard(async () => {
      const start = this.ctx.t(tenant).length + SUFFIX.helpful.length;
      const out: string[] = [];
      for (const key of await this.ctx.scanKeys(tenant, SUFFIX.helpful)) {
        if ((await this.ctx.client.sismember(key, userId)) === 1) out.push(decodeURIComponent(key.slice(start)));
      }
      return out;
    });
  }

  forgetVoter(tenant: string, userId: string, anonymous: string) {
    return this.ctx.write(tenant, async () => {
      let n = 0;
      for (const key of await this.ctx.scanKeys(tenant, SUFFIX.helpful)) {
        if ((await this.ctx.client.sismember(key, userId)) === 0) continue;
        // One transaction per set: the vote is never missing from its count, even for a moment.
        await exec(this.ctx.client.multi().srem(key, userId).sadd(key, anonymous));
        n++;
      }
      return n;
    });
  }

  forgetAuthor(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      const out = await this.authored(tenant, userId, true);
      // Idempotency keys name their author (see idempotencyKey); they would lapse within minutes.
      const idem = await this.ctx.scanKeys(tenant, `idem:${enc(`${userId}\u0000`)}`);
      if (idem.length) await this.ctx.client.del(...idem);
      return out;
    });
  }

  /** The author's kept messages (their list, then every timeline for older ones), forgotten too with `forget`. */
  private async authored(tenant: string, userId: string, forget: boolean): Promise<StoredMessage[]> {
    const T = this.ctx.t(tenant);
    const seen = new Set<string>();
    const out: StoredMessage[] = [];
    const keep = (ms: StoredMessage[]) => { for (const m of ms) if (!seen.has(m.id)) { seen.add(m.id); out.push(m); } };
    const flag = forget ? "1" : "0";
    keep(decodeMessages(await runScript(this.ctx.client, "cstAuthored", [this.ctx.key(tenant, SUFFIX.userMessages, userId)], [T, userId, flag, flag])));
    for (const tl of await this.ctx.scanKeys(tenant, "tl:")) keep(decodeMessages(await runScript(this.ctx.client, "cstAuthored", [tl], [T, userId, "0", flag])));
    return out;
  }

  purgeBefore(tenant: string, before: number, max: number) {
    return this.ctx.write(tenant, async () => {
      const out: StoredMessage[] = [];
      for (const tl of await this.ctx.scanKeys(tenant, "tl:")) {
        if (out.length >= max) break;
        out.push(...decodeMessages(await runScript(this.ctx.client, "cstPurgeOld", [tl, `${this.ctx.t(tenant)}q`], [this.ctx.t(tenant), before, max - out.length])));
      }
      return out;
    });
  }

  addHelpful(tenant: string, messageId: string, voterId: string) {
    return this.ctx.guard(async () => {
      const [count, added] = (await runScript(
        this.ctx.client, "cstHelpful", [this.ctx.key(tenant, SUFFIX.helpful, messageId), this.ctx.msgKey(tenant, messageId)], [voterId],
      )) as [number, number];
      return { count, added: added === 1 };
    });
  }
}

/** A message from its hash (HGETALL or a script's flat reply); null when absent. Also read by the flag half. */
export function decodeMessage(reply: unknown): StoredMessage | null {
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
