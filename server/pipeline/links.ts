import { normalizedText, type Stage } from "./stage.ts";

/** Links: the tenant's link mode and lists (SPEC §6.1.6). */
export function createLinksStage(): Stage {
  return {
    name: "links",
    run(ctx) {
      const hits = ctx.tenant.filters().links(ctx.text, normalizedText(ctx));
      return hits.length ? { hits } : undefined;
    },
  };
}
