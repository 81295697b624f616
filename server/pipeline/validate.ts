import { CausetteError } from "../errors.ts";
import { cleanText, hasVisibleContent, longerThan } from "../filters/clean-text.ts";
import type { Stage } from "./stage.ts";

/** SPEC §6.1.1: a string, cleaned (filters/clean-text.ts), with something visible, at most the room's maxLength. */
export function createValidateStage(): Stage {
  return {
    name: "validate",
    run(ctx) {
      if (typeof ctx.rawText !== "string") return { refuse: new CausetteError("invalid_payload", "text must be a string") };
      // Cheap guard before normalising: nothing this long can be valid.
      if (ctx.rawText.length > ctx.room.maxLength * 4 + 64) return { refuse: new CausetteError("message_too_long", `At most ${ctx.room.maxLength} characters.`) };
      const text = cleanText(ctx.rawText);
      // Spaces, lone marks or invisible characters only: there is nothing to show.
      if (!hasVisibleContent(text)) return { refuse: new CausetteError("empty_message") };
      if (longerThan(text, ctx.room.maxLength)) return { refuse: new CausetteError("message_too_long", `At most ${ctx.room.maxLength} characters.`) };
      ctx.text = text;
      return undefined;
    },
  };
}
