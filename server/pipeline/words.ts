import { normalizedText, type Stage } from "./stage.ts";

/** Words: the tenant's compiled lexicon as it stands when the message arrives (SPEC §6.1.5). */
export function createWordsStage(): Stage {
  return {
    name: "words",
    run(ctx) {
      const hits = ctx.tenant.filters().words(ctx.text, normalizedText(ctx));
      return hits.length ? { hits } : undefined;
    },
  };
}
