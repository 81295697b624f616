import { decodeCursorValue, encodeCursor, refuseCursor } from "../../opaque-cursor.ts";
import { enc, type RedisContext } from "../redis-context.ts";
import { exec, fields, scored } from "../redis-replies.ts";
import { runScript } from "../redis-scripts.ts";
import type { QueueEntry, ReviewQueueStore } from "./review-queue-store.ts";

/** Added to the queue score of normal entries so every high entry sorts first (epoch ms stay far below 2^51). */
const NORMAL_PRIORITY_OFFSET = 2 ** 51;

/**
 * The shared review queue: `T q` zset id -> (normal ? 2^51 : 0) + queuedAt and `T q:<id>` hashes.
 * Merging an entry and taking one are scripts, so racing managers see one after the other.
 */
export class RedisReviewQueueStore implements ReviewQueueStore {
  constructor(private readonly ctx: RedisContext) {}

  queuePut(tenant: string, entry: QueueEntry) {
    return this.ctx.write(tenant, async () => {
      const reply = await runScript(
        this.ctx.client, "cstQueuePut", [this.ctx.key(tenant, "q:", entry.messageId), `${this.ctx.t(tenant)}q`],
        [enc(entry.messageId), entry.messageId, entry.kind, entry.priority, entry.queuedAt, JSON.stringify(entry.reasons), NORMAL_PRIORITY_OFFSET],
      );
      return decodeEntry(reply)!;
    });
  }

  queueList(tenant: string, limit: number, cursor?: string) {
    return this.ctx.guard(async (): Promise<{ entries: QueueEntry[]; cursor?: string }> => {
      if (limit <= 0) return { entries: [] };
      const T = this.ctx.t(tenant);
      const q = `${T}q`;
      const start = await this.queueRank(q, cursor);
      const rows = scored(await this.ctx.client.zrange(q, start, String(start + limit), "WITHSCORES"));
      const page = rows.slice(0, limit);
      const hashes = page.length ? await exec(page.reduce((m, p) => m.hgetall(`${T}q:${p.member}`), this.ctx.client.multi())) : [];
      // An entry taken between the two reads is simply left out of this page.
      const entries = hashes.map(decodeEntry).filter((e): e is QueueEntry => e !== null);
      const last = page[page.length - 1];
      return rows.length > limit && last ? { entries, cursor: encodeQueueCursor(last) } : { entries };
    });
  }

  queueGet(tenant: string, messageId: string) {
    return this.ctx.guard(async () => decodeEntry(await this.ctx.client.hgetall(this.ctx.key(tenant, "q:", messageId))));
  }

  queueTake(tenant: string, messageId: string) {
    return this.ctx.guard(async () =>
      decodeEntry(await runScript(this.ctx.client, "cstQueueTake", [this.ctx.key(tenant, "q:", messageId), `${this.ctx.t(tenant)}q`], [enc(messageId)])));
  }

  queueSize(tenant: string) {
    return this.ctx.guard(() => this.ctx.client.zcard(`${this.ctx.t(tenant)}q`));
  }

  /** The oldest of each priority's first entry: high entries score queuedAt, normal ones 2^51 + queuedAt. */
  queueOldest(tenant: string) {
    return this.ctx.guard(async () => {
      const q = `${this.ctx.t(tenant)}q`;
      const [high, normal] = (await exec(this.ctx.client.multi()
        .zrangebyscore(q, "-inf", `(${NORMAL_PRIORITY_OFFSET}`, "WITHSCORES", "LIMIT", 0, 1)
        .zrangebyscore(q, NORMAL_PRIORITY_OFFSET, "+inf", "WITHSCORES", "LIMIT", 0, 1))) as [string[], string[]];
      const times = [high[1] === undefined ? NaN : Number(high[1]), normal[1] === undefined ? NaN : Number(normal[1]) - NORMAL_PRIORITY_OFFSET].filter(Number.isFinite);
      return times.length ? Math.min(...times) : null;
    });
  }

  releaseReviewed(tenant: string, room: string, messageId: string) {
    return this.ctx.guard(async () => {
      await runScript(this.ctx.client, "cstReleaseReviewed", [`${this.ctx.t(tenant)}q`, this.ctx.key(tenant, "tl:", room)], [this.ctx.t(tenant), enc(messageId)]);
    });
  }

  private async queueRank(q: string, cursor: string | undefined): Promise<number> {
    if (cursor === undefined) return 0;
    const c = decodeQueueCursor(cursor);
    const [before, ties] = (await exec(this.ctx.client.multi().zcount(q, "-inf", `(${c.score}`).zrangebyscore(q, c.score, c.score))) as [number, string[]];
    // Redis orders equal scores by member bytes; count the ties up to and including the cursor's member.
    const mark = Buffer.from(c.member);
    return before + ties.filter((m) => Buffer.compare(Buffer.from(m), mark) <= 0).length;
  }
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
