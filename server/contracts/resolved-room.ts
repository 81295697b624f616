import type { Contribution } from "../../client-sdk/src/protocol.ts";

/** A room's settings in force: the tenant's config for it, overlaid by what managers set. */
export interface ResolvedRoom {
  id: string;
  contribution: Contribution;
  slowModeSec: number;
  frozen: boolean;
  historySize: number;
  maxLength: number;
}
