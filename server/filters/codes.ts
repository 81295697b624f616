import type { NormalizedText } from "./normalize.ts";
import type { FilterHit, Tag } from "./types.ts";
import { isDigit, isWordChar } from "./char-class.ts";

/**
 * Coded hate the word stages cannot see (SPEC §12, hate): numbers that are white-supremacist
 * signs ("1488", "14/88", "88" beside "heil") and the triple brackets that mark a name or a group
 * as Jewish ("(((they))) own this brand"). The normaliser makes no word of digits and folds
 * brackets away, so neither reaches the lexicon; this stage reads the folded text itself, and only
 * when the message has digits or "(((".
 *
 * A number is a sign only standing alone: a longer number that contains it (a phone, "06 14 88 …"),
 * a price or a quantity ("1 488 €", "88 cm"), a reference ("commande 1488", "SKU 88-2041"), a
 * year or an age ("en 1488", "ma grand-mère de 88 ans") is what it says. A code that is innocent
 * as often as not ("88" alone: a size, an age, a score) needs a sign word beside it.
 *
 * @example
 *   createCodeDetector([words.en]).match(normalize("14/88 real gamers know"));
 *   // [{ kind: "word", detail: "code 1488", match: "14/88", category: "hate", severity: 4, … }]
 */

/** The words of one language the detector reads (config/lexicons/codes-<lang>.json). */
export interface CodeWords {
  /** The codes: their digits (any grouping: "14 88" and "1488" are one), severity, and the sign words one needs beside it (none: it stands alone). */
  readonly numbers: readonly { readonly digits: string; readonly severity: Tag["severity"]; readonly near?: readonly string[] }[];
  /** Words after a number that make it a quantity, a price or an age ("cm", "euros", "ans"). */
  readonly units: readonly string[];
  /** Words before a number that make it a reference, a year or a rank ("commande", "en", "taille"). */
  readonly before: readonly string[];
  /** Words inside triple brackets that are a hug, not a mark ("(((hugs)))", "(((câlins)))"). */
  readonly echoInnocent: readonly string[];
}

export interface CodeDetector { match(norm: NormalizedText): FilterHit[] }

/** Characters that join the digit groups of one number ("14/88", "14-88", "14.88", "14 88"). */
const JOINERS = " /-.";
/** A number's neighbour on either side that keeps it a number of its own (not a word glued to it, not part of an address or a handle). */
const OPEN_BEFORE = " \t\n\"'(«[{,;!?";
const OPEN_AFTER = " \t\n\"')»]},;:!?.…";
/** Words an echo may hold ("(((the globalists)))"): more is a parenthesis of another kind. */
const ECHO_WORDS = 4;
/** Longest an echo's inside may be, in characters: read no further (a message of many "(((" and one far ")))" stays linear). */
const ECHO_SPAN = 80;

const NONE: FilterHit[] = Object.freeze([]) as unknown as FilterHit[];

/** The digits of a code as a file or a manager writes it ("14/88", "14 88", "1488"), or undefined when it is none. */
export function codeDigits(written: string): string | undefined {
  const t = written.trim();
  return /^\d[\d\s/.-]*$/.test(t) ? t.replace(/\D/g, "") : undefined;
}

/** What numbers() jumps to (isDigit's characters). */
const NEXT_DIGIT = /[0-9]/g;

/**
 * `removed`: the built-in words a tenant's managers removed (FilterLists.removed). A code is
 * removed by its digits in any grouping ("1488", "14/88"), the echoes by "(((": a brand whose
 * bestseller is the "Model 1488" kettle can keep its name.
 */
export function createCodeDetector(langs: readonly CodeWords[], removed: readonly string[] = []): CodeDetector {
  const codes = new Map<string, { tag: Tag; near: ReadonlySet<string> | undefined }>();
  const gone = new Set(removed.map(codeDigits).filter((d) => d !== undefined));
  // Languages that list the same code agree whatever their order: it stands alone only if every
  // one of them says so (else any one's sign words will do), at the highest severity they give.
  for (const w of langs) {
    for (const n of w.numbers) {
      const digits = codeDigits(n.digits);
      // The loader refuses a code that is no number (base-lexicons.ts): only a hand-made list gets here without one.
      if (digits === undefined || gone.has(digits)) continue;
      const prior = codes.get(digits);
      const near = prior === undefined ? (n.near && new Set(n.near))
        : prior.near === undefined && n.near === undefined ? undefined : new Set([...(prior.near ?? []), ...(n.near ?? [])]);
      const severity = Math.max(n.severity, prior?.tag.severity ?? 1) as Tag["severity"];
      codes.set(digits, { tag: Object.freeze({ category: "hate", severity }), near });
    }
  }
  const set = (pick: (w: CodeWords) => readonly string[]) => new Set(langs.flatMap(pick));
  return new Detector(codes, set((w) => w.units), set((w) => w.before), set((w) => w.echoInnocent), !removed.some((r) => r.trim() === "((("));
}


class Detector implements CodeDetector {
  constructor(
    private readonly codes: ReadonlyMap<string, { tag: Tag; near: ReadonlySet<string> | undefined }>,
    private readonly units: ReadonlySet<string>,
    private readonly before: ReadonlySet<string>,
    private readonly echoInnocent: ReadonlySet<string>,
    private readonly echoOn: boolean,
  ) {
    Object.freeze(this);
  }

  match(norm: NormalizedText): FilterHit[] {
    const text = norm.folded;
    const echo = this.echoOn && text.includes("(((");
    if (norm.digits === 0 && !echo) return NONE;
    const out: FilterHit[] = [];
    if (norm.digits > 0 && this.codes.size > 0) this.numbers(norm, out);
    if (echo) this.echoes(norm, out);
    return out.length === 0 ? NONE : out.sort((a, b) => a.start - b.start);
  }

  /** Each run of digit groups joined by one JOINERS character, read as one number. */
  private numbers(norm: NormalizedText, out: FilterHit[]): void {
    const text = norm.folded;
    // The regex engine finds the next digit natively: a long message has a few numbers in
    // thousands of characters, which a loop read one by one. Nothing else runs between its calls
    // here, so its lastIndex is ours for the loop.
    for (let i = 0; i < text.length; i++) {
      NEXT_DIGIT.lastIndex = i;
      if (!NEXT_DIGIT.test(text)) return;
      i = NEXT_DIGIT.lastIndex - 1;
      const start = i;
      let digits = "";
      let end = i;
      let groups = 0, last = 0, joiner = "";
      for (;;) {
        const from = end;
        while (end < text.length && isDigit(text.charCodeAt(end))) digits += text[end++];
        groups++; last = end - from;
        if (end + 1 < text.length && JOINERS.includes(text[end]!) && isDigit(text.charCodeAt(end + 1))) { joiner = text[end++]!; continue; }
        break;
      }
      // A decimal part after a comma ("1488,50 €") makes the number a price or a measure, and so do
      // two groups with two digits after a dot ("14.88").
      let decimal = false;
      while (end + 1 < text.length && text[end] === "," && isDigit(text.charCodeAt(end + 1))) {
        decimal = true; end++;
        while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      }
      i = end;
      if (decimal || (groups === 2 && joiner === "." && last === 2)) continue;
      const code = this.codes.get(digits);
      if (code === undefined) continue;
      if (start > 0 && !OPEN_BEFORE.includes(text[start - 1]!)) continue;
      if (end < text.length && !OPEN_AFTER.includes(text[end]!)) continue;
      const prev = wordBefore(text, start), next = wordAfter(text, end, this.units);
      if (this.units.has(next) || this.before.has(prev)) continue;
      if (code.near !== undefined && !code.near.has(prev) && !code.near.has(next)) continue;
      const [s, e] = norm.toOriginal(start, end);
      out.push({ kind: "word", detail: `code ${digits}`, match: norm.original.slice(s, e), start: s, end: e, ...code.tag });
    }
  }

  /** "(((…)))" around one to ECHO_WORDS words, none of them a hug. */
  private echoes(norm: NormalizedText, out: FilterHit[]): void {
    const text = norm.folded;
    // The far ")))" is searched once for all the runs of "(" before it, and each search starts
    // after the last run: a message of many "(((" stays linear.
    let close = -1;
    for (let at = text.indexOf("((("); at >= 0; at = text.indexOf("(((", at)) {
      const open = at;
      let s = at;
      while (s < text.length && text[s] === "(") s++;
      at = s;
      // "triste(((": brackets glued to a word are a sad face (a Russian-style emoticon), not an echo.
      if (open > 0 && isWordChar(text, open - 1)) continue;
      if (close < s) close = text.indexOf(")))", s);
      if (close < 0) return;
      if (close - s > ECHO_SPAN) continue;
      const words = text.slice(s, close).split(/[^\p{L}\p{N}']+/u).filter(Boolean);
      if (words.length === 0 || words.length > ECHO_WORDS || words.some((w) => this.echoInnocent.has(w))) continue;
      let e = close;
      while (e < text.length && text[e] === ")") e++;
      const [os, oe] = norm.toOriginal(open, e);
      out.push({ kind: "word", detail: "echo", match: norm.original.slice(os, oe), start: os, end: oe, category: "hate", severity: 3 });
      at = e;
    }
  }
}

/** The word just before `i` in the folded text, over up to three spaces or symbols ("n° 1488" → "n"). */
function wordBefore(text: string, i: number): string {
  let e = i;
  while (e > 0 && !isWordChar(text, e - 1) && i - e < 3) e--;
  let s = e;
  while (s > 0 && isWordChar(text, s - 1)) s--;
  return text.slice(s, e);
}

/**
 * The symbol or word just after `i`: a unit's symbol right after the spaces ("1 488 €" → "€"),
 * else the word after up to three spaces or symbols ("88 — heil" → "heil"), as wordBefore reads.
 */
function wordAfter(text: string, i: number, units: ReadonlySet<string>): string {
  let s = i;
  while (s < text.length && text[s] === " ") s++;
  if (s < text.length && !isWordChar(text, s) && units.has(text[s]!)) return text[s]!;
  const t = s;
  while (s < text.length && !isWordChar(text, s) && s - t < 3) s++;
  let e = s;
  while (e < text.length && isWordChar(text, e)) e++;
  return text.slice(s, e);
}
