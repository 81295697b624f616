import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { Stage } from "./stage.ts";

/** What raid detection is told of each message (the moderation service's RaidGuard satisfies it). */
export interface RaidWatch {
  /** Counts the message towards its room's rate; never waits and never refuses. */
  messagePosted(tenant: TenantRuntime, room: string, now: number): void;
}

/** SPEC §10.3: every `message:send` that passes validation counts towards its room's raid rate. */
export function createRaidCountStage(watch: RaidWatch): Stage {
  return {
    name: "raid",
    run(ctx) {
      watch.messagePosted(ctx.tenant, ctx.room.id, ctx.now);
      return undefined;
    },
  };
}
