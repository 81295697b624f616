import type { Ban, IpBlock, Mute } from "../../../client-sdk/src/protocol.ts";
import type { RedisContext } from "../redis-context.ts";
import { runScript } from "../redis-scripts.ts";
import { userSanctions, type SanctionStore } from "./sanction-store.ts";

/**
 * The shared sanctions: `T bans`, `T mutes`, `T ipblocks` hashes of JSON. Expired entries are
 * filtered on read and pruned with a compare-and-delete (per-field TTLs need Redis 7.4).
 */
export class RedisSanctionStore implements SanctionStore {
  constructor(private readonly ctx: RedisContext) {}

  setBan(tenant: string, userId: string, ban: Ban) { return this.hsetJson(tenant, "bans", userId, ban); }
  getBan(tenant: string, userId: string, now: number) { return this.getTimed<Ban>(tenant, "bans", userId, now); }
  deleteBan(tenant: string, userId: string) { return this.hdel(tenant, "bans", userId); }
  listBans(tenant: string, now: number) {
    return this.ctx.guard(async () => (await this.listTimed<Ban>(tenant, "bans", now)).map(([userId, b]) => ({ ...b, userId })));
  }
  setMute(tenant: string, userId: string, mute: Mute) { return this.hsetJson(tenant, "mutes", userId, mute); }
  getMute(tenant: string, userId: string, now: number) { return this.getTimed<Mute>(tenant, "mutes", userId, now); }
  deleteMute(tenant: string, userId: string) { return this.hdel(tenant, "mutes", userId); }
  getBanAndMute(tenant: string, userId: string, now: number) {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      const [ban, mute] = (await runScript(this.ctx.client, "cstBanMute", [`${T}bans`, `${T}mutes`], [userId])) as [string | null, string | null];
      return userSanctions(this.live<Ban>(`${T}bans`, userId, ban, now), this.live<Mute>(`${T}mutes`, userId, mute, now));
    });
  }
  addIpBlock(tenant: string, block: IpBlock) { return this.hsetJson(tenant, "ipblocks", block.cidr, block); }
  removeIpBlock(tenant: string, cidr: string) { return this.hdel(tenant, "ipblocks", cidr); }
  listIpBlocks(tenant: string, now: number) {
    return this.ctx.guard(async () => (await this.listTimed<IpBlock>(tenant, "ipblocks", now)).map(([, b]) => b));
  }

  private hsetJson(tenant: string, hash: string, field: string, value: object) {
    return this.ctx.write(tenant, async () => { await this.ctx.client.hset(`${this.ctx.t(tenant)}${hash}`, field, JSON.stringify(value)); });
  }
  private hdel(tenant: string, hash: string, field: string) {
    return this.ctx.write(tenant, async () => (await this.ctx.client.hdel(`${this.ctx.t(tenant)}${hash}`, field)) === 1);
  }
  private getTimed<T extends { until?: number }>(tenant: string, hash: string, field: string, now: number) {
    return this.ctx.guard(async () => {
      const key = `${this.ctx.t(tenant)}${hash}`;
      return this.live<T>(key, field, await this.ctx.client.hget(key, field), now);
    });
  }
  /** A stored entry as read, or null when there is none or it has expired (then pruned). */
  private live<T extends { until?: number }>(key: string, field: string, json: string | null, now: number): T | null {
    if (json === null) return null;
    const v = JSON.parse(json) as T;
    if (v.until !== undefined && v.until <= now) {
      this.prune(key, field, json);
      return null;
    }
    return v;
  }
  private async listTimed<T extends { until?: number }>(tenant: string, hash: string, now: number): Promise<[string, T][]> {
    const key = `${this.ctx.t(tenant)}${hash}`;
    const out: [string, T][] = [];
    for (const [field, json] of Object.entries(await this.ctx.client.hgetall(key))) {
      const v = JSON.parse(json) as T;
      if (v.until !== undefined && v.until <= now) this.prune(key, field, json);
      else out.push([field, v]);
    }
    return out;
  }
  /** Best effort: a failure only leaves an expired entry that reads keep filtering out. */
  private prune(key: string, field: string, json: string) {
    runScript(this.ctx.client, "cstHdelIfSame", [key], [field, json]).catch(() => {});
  }
}
