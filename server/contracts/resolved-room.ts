import type { Contribution } from "../../client-sdk/src/protocol.ts";

/** A room's settings in force: the tenant's config for it, overlaid by what managers set. */
export interface ResolvedRoom {
  id: string;
  contribution: Contribution;
  /** The slow mode in force: at least SHIELD_SLOW_MODE_SEC while shielded. */
  slowModeSec: number;
  frozen: boolean;
  /** SPEC §10.3: shielded now; `shieldUntil` when it lifts itself (a raid's shield). */
  shield: boolean;
  shieldUntil?: number;
  historySize: number;
  maxLength: number;
  /** Addition (brand voice): the id of the message a manager pinned at the top of the room. */
  pinned?: string;
}

/** SPEC §10.3: a shielded room's slow mode is at least this. */
export const SHIELD_SLOW_MODE_SEC = 10;
