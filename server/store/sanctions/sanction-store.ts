import type { Ban, IpBlock, Mute } from "../../../client-sdk/src/protocol.ts";
import type { MaybePromise } from "../../maybe-promise.ts";

/**
 * Bans, mutes and IP blocks. Expired entries are never returned (`now` decides). getBan and
 * getMute are on the message path: the embedded store answers them at once.
 */
export interface SanctionStore {
  setBan(tenant: string, userId: string, ban: Ban): Promise<void>;
  getBan(tenant: string, userId: string, now: number): MaybePromise<Ban | null>;
  deleteBan(tenant: string, userId: string): Promise<boolean>;
  listBans(tenant: string, now: number): Promise<(Ban & { userId: string })[]>;
  setMute(tenant: string, userId: string, mute: Mute): Promise<void>;
  getMute(tenant: string, userId: string, now: number): MaybePromise<Mute | null>;
  deleteMute(tenant: string, userId: string): Promise<boolean>;
  /** Keyed by the canonical CIDR string. */
  addIpBlock(tenant: string, block: IpBlock): Promise<void>;
  removeIpBlock(tenant: string, cidr: string): Promise<boolean>;
  listIpBlocks(tenant: string, now: number): Promise<IpBlock[]>;
}
