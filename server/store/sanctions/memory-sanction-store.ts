import type { Ban, IpBlock, Mute } from "../../../client-sdk/src/protocol.ts";
import type { MaybePromise } from "../../maybe-promise.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { userSanctions, type SanctionStore, type UserSanctions } from "./sanction-store.ts";

/**
 * The embedded sanctions: bans and mutes by user, IP blocks by canonical CIDR. The message path's
 * reads (getBan, getMute) answer at once; their declared type stays the port's MaybePromise so a
 * test double may still answer later.
 */
export class MemorySanctionStore implements SanctionStore {
  private readonly data = new PerTenant(() => ({ bans: new Map<string, Ban>(), mutes: new Map<string, Mute>(), ipBlocks: new Map<string, IpBlock>() }));

  async setBan(tenant: string, userId: string, ban: Ban) { this.data.of(tenant).bans.set(userId, copy(ban)); }
  getBan(tenant: string, userId: string, now: number): MaybePromise<Ban | null> { return live(this.data.of(tenant).bans, userId, now); }
  async deleteBan(tenant: string, userId: string) { return this.data.of(tenant).bans.delete(userId); }
  async listBans(tenant: string, now: number) {
    const out: (Ban & { userId: string })[] = [];
    for (const [userId, b] of this.data.of(tenant).bans) if (b.until === undefined || b.until > now) out.push({ ...copy(b), userId });
    return out;
  }
  async setMute(tenant: string, userId: string, mute: Mute) { this.data.of(tenant).mutes.set(userId, copy(mute)); }
  getMute(tenant: string, userId: string, now: number): MaybePromise<Mute | null> { return live(this.data.of(tenant).mutes, userId, now); }
  async deleteMute(tenant: string, userId: string) { return this.data.of(tenant).mutes.delete(userId); }
  getBanAndMute(tenant: string, userId: string, now: number): MaybePromise<UserSanctions> {
    const { bans, mutes } = this.data.of(tenant);
    return userSanctions(live(bans, userId, now), live(mutes, userId, now));
  }
  async addIpBlock(tenant: string, block: IpBlock) { this.data.of(tenant).ipBlocks.set(block.cidr, copy(block)); }
  async removeIpBlock(tenant: string, cidr: string) { return this.data.of(tenant).ipBlocks.delete(cidr); }
  async listIpBlocks(tenant: string, now: number) {
    return [...this.data.of(tenant).ipBlocks.values()].filter((b) => b.until === undefined || b.until > now).map(copy);
  }
}

/** The entry unless it expired (then it is dropped). */
function live<T extends { until?: number }>(map: Map<string, T>, key: string, now: number): T | null {
  const v = map.get(key);
  if (!v) return null;
  if (v.until !== undefined && v.until <= now) { map.delete(key); return null; }
  return copy(v);
}
