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
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Whether `s` has more than `max` characters (code points). A code-point count never exceeds the
 * UTF-16 length, so most texts are settled without counting, and a count stops at `max + 1`.
 */
export function longerThan(s: string, max: number): boolean {
  if (s.length <= max) return false;
  let n = 0;
  for (const _ of s) if (++n > max) return true;
  return false;
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
      if (longerThan(text, ctx.room.maxLength)) return { refuse: new CausetteError("message_too_long", `At most ${ctx.room.maxLength} characters.`) };
      ctx.text = text;
      return undefined;
    },
  };
}
