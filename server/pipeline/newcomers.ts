import { ROLE_RANK } from "../../client-sdk/src/protocol.ts";
import type { TenantConfig } from "../config/schema.ts";
import { whenReady } from "../maybe-promise.ts";
import type { NewcomerStore } from "../store/newcomers/newcomer-store.ts";
import type { Stage } from "./stage.ts";

/**
 * SPEC §10.1: the first `holdFirst` messages a user posts in the tenant are held for review
 * (per room, `moderation.newcomers.rooms` overrides it). Every message that gets this far counts,
 * whatever its outcome; experts and above are exempt and count nothing. A tenant with no hold
 * anywhere counts nothing either. Answers at once on the embedded store.
 */
export function createNewcomersStage(store: Pick<NewcomerStore, "countPost">): Stage {
  return {
    name: "newcomers",
    run(ctx) {
      const { tenant, room, session } = ctx;
      const cfg = tenant.config.moderation.newcomers;
      if (ROLE_RANK[session.user.role] >= ROLE_RANK.expert || !holdsAnywhere(cfg)) return undefined;
      const holdFirst = Object.hasOwn(cfg.rooms, room.id) ? cfg.rooms[room.id]! : cfg.holdFirst;
      return whenReady(store.countPost(tenant.id, session.user.id), (posts) => {
        if (posts <= holdFirst) (ctx.holds ??= []).push({ kind: "newcomer", detail: `${posts}/${holdFirst}` });
        return undefined;
      });
    },
  };
}

/** Decided once per (frozen) config object, not per message. */
const anywhere = new WeakMap<object, boolean>();
function holdsAnywhere(cfg: TenantConfig["moderation"]["newcomers"]): boolean {
  let on = anywhere.get(cfg);
  if (on === undefined) anywhere.set(cfg, (on = cfg.holdFirst > 0 || Object.values(cfg.rooms).some((n) => n > 0)));
  return on;
}
