import { CausetteError } from "../errors.ts";
import { cleanText, hasVisibleContent, longerThan } from "../filters/clean-text.ts";
import type { Stage } from "./stage.ts";

/** SPEC §6.1.1: a string, cleaned (filters/clean-text.ts), with something visible, at most the room's maxLength. */
export function createValidateStage(): Stage {
  return {
    name: "validate",
    run(ctx) {
      const text = validText(ctx.rawText, ctx.room.maxLength);
      if (typeof text !== "string") return { refuse: text };
      ctx.text = text;
      return undefined;
    },
  };
}

/**
 * The cleaned text, or the refusal: the one rule for every message a room shows, also the
 * brand's own posts (which skip the other stages).
 */
export function validText(raw: unknown, maxLength: number): string | CausetteError {
  if (typeof raw !== "string") return new CausetteError("invalid_payload", "text must be a string");
  // Cheap guard before normalising: nothing this long can be valid.
  if (raw.length > maxLength * 4 + 64) return new CausetteError("message_too_long", `At most ${maxLength} characters.`);
  const text = cleanText(raw);
  // Spaces, lone marks or invisible characters only: there is nothing to show.
  if (!hasVisibleContent(text)) return new CausetteError("empty_message");
  if (longerThan(text, maxLength)) return new CausetteError("message_too_long", `At most ${maxLength} characters.`);
  return text;
}
