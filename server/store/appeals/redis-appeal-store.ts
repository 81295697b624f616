import type { Appeal } from "../../../client-sdk/src/protocol.ts";
import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { type AppealDecision, type AppealStore, withoutWords } from "./appeal-store.ts";

/**
 * The shared appeals: `T ap:j` hash id -> appeal JSON as filed, `T ap:n` hash notice id -> appeal id
 * (HSETNX: one appeal per notice), `T ap:d` hash id -> decision JSON (HSETNX: one decision), and
 * zsets `T ap:all` (filed at), `T ap:open` (filed at) and `T ap:closed` (decided at) for listing.
 */
export class RedisAppealStore implements AppealStore {
  constructor(private readonly ctx: RedisContext) {}

  private keys(tenant: string) {
    const T = this.ctx.t(tenant);
    return { body: `${T}ap:j`, notice: `${T}ap:n`, decision: `${T}ap:d`, all: `${T}ap:all`, open: `${T}ap:open`, closed: `${T}ap:closed` };
  }

  addAppeal(tenant: string, appeal: Appeal) {
    return this.ctx.guard(async () => {
      const k = this.keys(tenant);
      if ((await this.ctx.client.hsetnx(k.notice, appeal.noticeId, appeal.id)) !== 1) return false;
      await exec(this.ctx.client.multi().hset(k.body, appeal.id, JSON.stringify(appeal))
        .zadd(k.all, String(appeal.at), appeal.id).zadd(k.open, String(appeal.at), appeal.id));
      return true;
    });
  }

  getAppeal(tenant: string, appealId: string) {
    return this.ctx.guard(async () => (await this.read(tenant, [appealId]))[0] ?? null);
  }

  appealsOfNotices(tenant: string, noticeIds: readonly string[]) {
    return this.ctx.guard(async () => {
      if (!noticeIds.length) return [];
      const ids = (await this.ctx.client.hmget(this.keys(tenant).notice, ...noticeIds)).filter((x): x is string => x !== null);
      return (await this.read(tenant, ids)).filter((a): a is Appeal => a !== null);
    });
  }

  listAppeals(tenant: string, opts: { status?: "open" | "closed"; limit: number; offset: number }) {
    return this.ctx.guard(async () => {
      if (opts.limit <= 0) return [];
      const k = this.keys(tenant);
      const [start, stop] = [opts.offset, opts.offset + opts.limit - 1];
      const ids = opts.status === "open" ? await this.ctx.client.zrange(k.open, String(start), String(stop))
        : await this.ctx.client.zrevrange(opts.status === "closed" ? k.closed : k.all, start, stop);
      return (await this.read(tenant, ids)).filter((a): a is Appeal => a !== null);
    });
  }

  decideAppeal(tenant: string, appealId: string, d: AppealDecision) {
    return this.ctx.guard(async () => {
      const k = this.keys(tenant);
      if (!(await this.ctx.client.hexists(k.body, appealId))) return null;
      const decided = (await this.ctx.client.hsetnx(k.decision, appealId, JSON.stringify(d))) === 1;
      if (decided) await exec(this.ctx.client.multi().zrem(k.open, appealId).zadd(k.closed, String(d.decidedAt), appealId));
      return { appeal: (await this.read(tenant, [appealId]))[0]!, decided };
    });
  }

  userAppeals(tenant: string, userId: string) {
    return this.ctx.guard(async () => (await this.ownedBy(tenant, userId)).sort((a, b) => b.at - a.at));
  }

  forgetUserTexts(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      const mine = await this.ownedBy(tenant, userId);
      if (!mine.length) return 0;
      // The filed body only: a decision lives in its own field and is untouched.
      await this.ctx.client.hset(this.keys(tenant).body, ...mine.flatMap((a) => [a.id, JSON.stringify(withoutWords(a))]));
      return mine.length;
    });
  }

  /** The user's appeals as filed (bodies only). Appeals have no per-user index: a rare read scans the tenant's. */
  private async ownedBy(tenant: string, userId: string): Promise<Appeal[]> {
    const out: Appeal[] = [];
    const key = this.keys(tenant).body;
    let cursor = "0";
    do {
      const [next, flat] = await this.ctx.client.hscan(key, cursor, "COUNT", 500);
      cursor = next;
      for (let i = 1; i < flat.length; i += 2) {
        const a = JSON.parse(flat[i]!) as Appeal;
        if (a.userId === userId) out.push(a);
      }
    } while (cursor !== "0");
    return out;
  }

  private async read(tenant: string, ids: string[]): Promise<(Appeal | null)[]> {
    if (!ids.length) return [];
    const k = this.keys(tenant);
    const [bodies, decisions] = await exec(this.ctx.client.multi().hmget(k.body, ...ids).hmget(k.decision, ...ids)) as [(string | null)[], (string | null)[]];
    return ids.map((_, i) => {
      if (!bodies[i]) return null;
      const appeal = JSON.parse(bodies[i]!) as Appeal;
      if (decisions[i]) Object.assign(appeal, JSON.parse(decisions[i]!) as AppealDecision);
      return appeal;
    });
  }
}
