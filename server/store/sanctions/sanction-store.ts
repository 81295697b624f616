import type { Ban, IpBlock, Mute } from "../../../client-sdk/src/protocol.ts";
import type { MaybePromise } from "../../maybe-promise.ts";

/** A user's ban and mute in force, each null when there is none. */
export interface UserSanctions { readonly ban: Ban | null; readonly mute: Mute | null }

/** The answer for a user with neither a ban nor a mute: one shared object, not one per message. */
export const NO_SANCTIONS: UserSanctions = Object.freeze({ ban: null, mute: null });

/** The answer for a ban and a mute as read. */
export function userSanctions(ban: Ban | null, mute: Mute | null): UserSanctions {
  return ban === null && mute === null ? NO_SANCTIONS : { ban, mute };
}

/**
 * Bans, mutes and IP blocks. Expired entries are never returned (`now` decides). getBan and
 * getMute are on the message path: the embedded store answers them at once.
 *
 * Every node caches what the message path reads of these for a second or two (TenantRuntime):
 * write them through the moderation service (moderation/sanctions.ts), which drops those caches on
 * every node; a write made straight to this port is felt only when they expire.
 */
export interface SanctionStore {
  setBan(tenant: string, userId: string, ban: Ban): Promise<void>;
  getBan(tenant: string, userId: string, now: number): MaybePromise<Ban | null>;
  deleteBan(tenant: string, userId: string): Promise<boolean>;
  listBans(tenant: string, now: number): Promise<(Ban & { userId: string })[]>;
  setMute(tenant: string, userId: string, mute: Mute): Promise<void>;
  getMute(tenant: string, userId: string, now: number): MaybePromise<Mute | null>;
  deleteMute(tenant: string, userId: string): Promise<boolean>;
  /**
   * getBan and getMute in one step (one round trip on Redis): what the message path asks of
   * every post. `NO_SANCTIONS` (shared, frozen) when the user has neither.
   */
  getBanAndMute(tenant: string, userId: string, now: number): MaybePromise<UserSanctions>;
  /** Keyed by the canonical CIDR string. */
  addIpBlock(tenant: string, block: IpBlock): Promise<void>;
  removeIpBlock(tenant: string, cidr: string): Promise<boolean>;
  listIpBlocks(tenant: string, now: number): Promise<IpBlock[]>;
}
