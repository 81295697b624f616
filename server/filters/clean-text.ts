/**
 * How any text a person typed is cleaned before anyone else sees it: message texts (SPEC §6.1.1)
 * and display names (the brand JWT's `name`, guest names). One cleaning for both, so the back
 * office never shows a name with tricks a message could not carry; each caller sets its own bounds.
 *
 * Dropped:
 * - C0 and C1 control characters (NUL included), except newline and tab inside a message;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reverse or
 *   reorder what follows ("\u202Etxt.exe" shows as "exe.txt");
 * - format characters that show nothing and carry nothing a reader needs: soft hyphen, zero-width
 *   space, word joiner and the invisible operators, deprecated format controls, the BOM used
 *   mid-text, the Mongolian vowel separator, interlinear annotation and shorthand format controls,
 *   and the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0: letters that render blank, the usual
 *   way to make a "blank" name);
 * - lone surrogates (half an emoji, or garbage: not text at all);
 * - tag characters (U+E0000–U+E007F), which can smuggle an invisible ASCII text; except inside a
 *   subdivision flag (🏴 then a 3–5 letter/digit subdivision code in tags then the cancel tag, as
 *   England's, Scotland's and Wales's flags are written), which is kept whole: those few tags can
 *   only spell a subdivision code;
 * - combining marks beyond MAX_MARKS on one base character ("Zalgo" text that spills over the
 *   lines around it).
 * Kept: the zero-width joiner (emoji sequences such as 👩‍💻), the zero-width non-joiner (Persian,
 * Indic scripts), LRM/RLM/ALM (mixing Arabic or Hebrew with Latin text), variation selectors
 * (❤️ as an emoji), regional indicators (flags), skin-tone modifiers.
 *
 * @example
 *   cleanText("  Cafe\u0301 \u202Etxt\u200B 👩‍💻 ");   // "Café txt 👩‍💻"
 *   hasVisibleContent("\u200B\u3164 \u0301");           // false: empty_message
 *   cleanName("\u202ECamille\u0000", "cm-1");           // "Camille"
 */

/**
 * Combining marks kept after one base character. NFC already composes most accented letters
 * (Vietnamese "ệ" is one code point), but scripts stack marks that have no composed form: Thai
 * vowel + tone mark, Arabic shadda + vowel, Devanagari nukta + vowel sign + candrabindu (3), and
 * pointed Hebrew or Tibetan stacks reach 4; an emoji keycap carries 2 (U+FE0F, U+20E3). Text meant
 * to overflow its line stacks dozens; 4 keeps every script and bounds a stack to about a line.
 */
export const MAX_MARKS = 4;

/** Display names are at most this many characters (code points), cut on a character boundary. */
export const MAX_NAME_LENGTH = 64;

/** Printable ASCII on one line: already NFC, nothing to drop, no line breaks to fold. */
const PLAIN = /^[\x20-\x7e]*$/;

// Lone surrogates: with the `u` flag a pair is one code point, so only unpaired halves match.
const DROPPED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u115F\u1160\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\uD800-\uDFFF\u{1BCA0}-\u{1BCA3}]/gu;

/** A subdivision flag (kept whole), or any other tag character (dropped). */
const TAGS = /(\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{3,5}\u{E007F})|[\u{E0000}-\u{E007F}]/gu;
const HAS_TAG = /[\u{E0000}-\u{E007F}]/u;

/** A run of combining marks, with any format characters (ZWJ…) between them: they add no base. */
const MARK_RUN = /\p{M}[\p{M}\p{Cf}]*/gu;
const MARK = /\p{M}/u;

/**
 * Something a reader sees: not a space, not a mark on its own, not a control or format
 * character, not a braille blank (U+2800) or a Hangul filler. Unassigned code points count as
 * visible, so an emoji newer than this Node's Unicode tables is still a message.
 */
const VISIBLE = /[^\s\p{Z}\p{M}\p{Cc}\p{Cf}\p{Cs}\u2800\u115F\u1160\u3164\uFFA0]/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export interface CleanOptions {
  /** Keep newlines and tabs (messages); otherwise every run of white space becomes one space (names). */
  readonly lines: boolean;
}

/** Cleans text as this file's header says; what is shown is exactly what the filters saw. */
export function cleanText(raw: string, options: CleanOptions = { lines: true }): string {
  // Most texts are plain: one scan instead of a normalisation and several replaces.
  if (PLAIN.test(raw)) return options.lines ? raw.trim() : raw.replace(/ {2,}/g, " ").trim();
  let text = raw.replace(DROPPED, "");
  if (HAS_TAG.test(text)) text = text.replace(TAGS, (_all, flag: string | undefined) => flag ?? "");
  text = capMarks(text.normalize("NFC"));
  text = options.lines
    ? text.replace(/\r\n?/g, "\n").replace(/\n{3,}/g, "\n\n")
    : text.replace(/[\s\p{Z}]+/gu, " ");
  return text.trim();
}

/** Whether `text` shows anything at all (a text of spaces, marks or invisible characters does not). */
export function hasVisibleContent(text: string): boolean {
  return VISIBLE.test(text);
}

/**
 * A display name: cleaned as a one-line text, at most MAX_NAME_LENGTH characters without cutting
 * an emoji or a letter from its accents, and `fallback` when nothing visible is left (a name is
 * never empty).
 */
export function cleanName(raw: unknown, fallback: string): string {
  if (typeof raw !== "string") return fallback;
  // A name is short; what lies far beyond the limit is never shown, so it is not worth cleaning.
  const name = cleanText(raw.length > MAX_NAME_LENGTH * 8 ? raw.slice(0, MAX_NAME_LENGTH * 8) : raw, { lines: false });
  if (!hasVisibleContent(name)) return fallback;
  if (!longerThan(name, MAX_NAME_LENGTH)) return name;
  let out = "", n = 0;
  for (const { segment } of graphemes.segment(name)) {
    const len = charLength(segment);
    if (n + len > MAX_NAME_LENGTH) break;
    out += segment;
    n += len;
  }
  out = out.trim();
  return hasVisibleContent(out) ? out : fallback;
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

function capMarks(text: string): string {
  return text.replace(MARK_RUN, (run) => {
    let marks = 0, out = "";
    for (const ch of run) {
      if (MARK.test(ch)) { if (++marks > MAX_MARKS) continue; }
      out += ch;
    }
    return out;
  });
}
