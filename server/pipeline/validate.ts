import { CausetteError } from "../errors.ts";
import type { Stage } from "./stage.ts";

// C0/C1 controls except newline and tab, plus bidi overrides/isolates that can disguise text direction.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Printable ASCII on one line: already NFC, no controls, no line breaks to fold. */
const PLAIN = /^[\x20-\x7e]*$/;

/** Cleans text the way SPEC §6.1.1 says; what is displayed is exactly what the filters saw. */
export function cleanText(raw: string): string {
  // Most messages are plain: one scan instead of a normalisation and three replaces.
  if (PLAIN.test(raw)) return raw.trim();
  return raw.normalize("NFC").replace(CONTROL, "").replace(/\r\n?/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** Counted in code points so an emoji is one character, as people count (a lone surrogate counts one). */
export function charLength(s: string): number {
  // Only texts longer than the room's limit in UTF-16 units are counted (see the stage below).
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function createValidateStage(): Stage {
  return {
    name: "validate",
    run(ctx) {
      if (typeof ctx.rawText !== "string") return { refuse: new CausetteError("invalid_payload", "text must be a string") };
      // Cheap guard before normalising: nothing this long can be valid.
      if (ctx.rawText.length > ctx.room.maxLength * 4 + 64) return { refuse: new CausetteError("message_too_long", `At most ${ctx.room.maxLength} characters.`) };
      const text = cleanText(ctx.rawText);
      if (!text) return { refuse: new CausetteError("empty_message") };
      // A code-point count never exceeds the UTF-16 length: only long texts need counting.
      if (text.length > ctx.room.maxLength && charLength(text) > ctx.room.maxLength) return { refuse: new CausetteError("message_too_long", `At most ${ctx.room.maxLength} characters.`) };
      ctx.text = text;
      return undefined;
    },
  };
}
