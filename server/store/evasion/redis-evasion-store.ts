import type { EvasionLink } from "../../../client-sdk/src/protocol.ts";
import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { LINEAGE_DAYS, LINEAGES_KEPT, linkPair as pair, type EvasionStore, type Trace } from "./evasion-store.ts";

/**
 * The shared evasion records: `T ev:m:<via>:<value>` mark JSON { userId, until } (PX until the
 * lookback ends), `T ev:t:<banned>` set of that user's marked traces, `T ev:lin:<user>` list of
 * lineages, `T ev:l:<user>` hash other id -> link JSON, `T ev:c` set of cleared pairs.
 */
export class RedisEvasionStore implements EvasionStore {
  constructor(private readonly ctx: RedisContext) {}

  private markKey(tenant: string, t: Trace) { return this.ctx.key(tenant, `ev:m:${t.via}:`, t.value); }

  rememberLineage(tenant: string, userId: string, lineage: string) {
    return this.ctx.guard(async () => {
      const key = this.ctx.key(tenant, "ev:lin:", userId);
      await exec(this.ctx.client.multi().lrem(key, 0, lineage).lpush(key, lineage).ltrim(key, 0, LINEAGES_KEPT - 1).expire(key, LINEAGE_DAYS * 86_400));
    });
  }

  lineages(tenant: string, userId: string) {
    return this.ctx.guard(() => this.ctx.client.lrange(this.ctx.key(tenant, "ev:lin:", userId), 0, -1));
  }

  markBanned(tenant: string, bannedUserId: string, traces: readonly Trace[], until: number) {
    return this.ctx.guard(async () => {
      const ttl = Math.max(1, until - this.ctx.now());
      if (!traces.length) return;
      const m = this.ctx.client.multi();
      const index = this.ctx.key(tenant, "ev:t:", bannedUserId);
      for (const t of traces) {
        m.set(this.markKey(tenant, t), JSON.stringify({ userId: bannedUserId, until }), "PX", ttl);
        m.sadd(index, `${t.via}:${t.value}`);
      }
      m.pexpire(index, ttl);
      await exec(m);
    });
  }

  unmarkBanned(tenant: string, bannedUserId: string) {
    return this.ctx.guard(async () => {
      const index = this.ctx.key(tenant, "ev:t:", bannedUserId);
      const traces = await this.ctx.client.smembers(index);
      const keys = traces.map((s) => { const i = s.indexOf(":"); return this.markKey(tenant, { via: s.slice(0, i) as Trace["via"], value: s.slice(i + 1) }); });
      const marks = keys.length ? await this.ctx.client.mget(...keys) : [];
      const m = this.ctx.client.multi().del(index);
      // Only this user's marks: another ban may have taken a shared trace over since.
      keys.forEach((k, i) => { if (marks[i] && (JSON.parse(marks[i]!) as { userId: string }).userId === bannedUserId) m.del(k); });
      await exec(m);
    });
  }

  findMark(tenant: string, traces: readonly Trace[], except: string, now: number) {
    return this.ctx.guard(async () => {
      if (!traces.length) return null;
      const marks = await this.ctx.client.mget(...traces.map((t) => this.markKey(tenant, t)));
      for (let i = 0; i < traces.length; i++) {
        if (!marks[i]) continue;
        const m = JSON.parse(marks[i]!) as { userId: string; until: number };
        if (m.until > now && m.userId !== except) return { userId: m.userId, via: traces[i]!.via };
      }
      return null;
    });
  }

  link(tenant: string, userId: string, bannedUserId: string, via: Trace["via"], at: number) {
    return this.ctx.guard(async () => {
      if ((await this.ctx.client.sismember(`${this.ctx.t(tenant)}ev:c`, pair(userId, bannedUserId))) === 1) return false;
      const mine: EvasionLink = { userId: bannedUserId, via, at, side: "evades" };
      const theirs: EvasionLink = { userId, via, at, side: "evaded_by" };
      const [added] = await exec(this.ctx.client.multi()
        .hsetnx(this.ctx.key(tenant, "ev:l:", userId), bannedUserId, JSON.stringify(mine))
        .hsetnx(this.ctx.key(tenant, "ev:l:", bannedUserId), userId, JSON.stringify(theirs)));
      return added === 1;
    });
  }

  links(tenant: string, userId: string) {
    return this.ctx.guard(async () => Object.values(await this.ctx.client.hgetall(this.ctx.key(tenant, "ev:l:", userId))).map((j) => JSON.parse(j) as EvasionLink));
  }

  forgetUser(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      const mine = this.ctx.key(tenant, "ev:l:", userId);
      const others = await this.ctx.client.hkeys(mine);
      const m = this.ctx.client.multi().del(mine, this.ctx.key(tenant, "ev:lin:", userId));
      for (const other of others) m.hdel(this.ctx.key(tenant, "ev:l:", other), userId);
      await exec(m);
    });
  }

  unlink(tenant: string, userId: string, otherId: string) {
    return this.ctx.guard(async () => {
      const [had] = await exec(this.ctx.client.multi()
        .hdel(this.ctx.key(tenant, "ev:l:", userId), otherId)
        .hdel(this.ctx.key(tenant, "ev:l:", otherId), userId)
        .sadd(`${this.ctx.t(tenant)}ev:c`, pair(userId, otherId)));
      return (had as number) === 1;
    });
  }
}

