/**
 * Text normalisation, computed once per message and shared by the word and link matchers.
 *
 * Two views come out of one pass over the text:
 * - `folded`: compatibility-folded (NFKD: fullwidth, mathematical letters, ligatures), lower-cased,
 *   accents stripped, decorated Latin letters ("ƈ", "ɗ", "ł") and Cyrillic/Greek look-alikes mapped
 *   to their Latin base letter, invisible characters dropped.
 *   Punctuation is kept, because the link matcher needs dots and slashes.
 * - `tokens`: the words of `folded` with leetspeak, masks and emphasis resolved into lookup keys.
 *
 * Every folded character remembers the original range it came from, so a hit can quote exactly
 * what the author typed even when the folding changed the length ("ﬁ" → "fi", "ß" → "ss").
 *
 * @example
 *   const n = normalize("Ｃ0NNAAARD !");
 *   n.tokens[0].collapsed; // "conard"
 */

import { DECORATED_LATIN } from "./decorated-latin.ts";
import { fingerprint, fingerprintIn } from "./fingerprint.ts";

export interface WordToken {
  /** [s, e) in `folded`. */
  readonly s: number;
  readonly e: number;
  /** Leetspeak resolved (1 read as "i"), masks kept as "*", runs of one letter capped at two. */
  readonly key: string;
  /** fingerprint(key), computed once here for every matcher that tests the word against a bit set. */
  readonly fp: number;
  /** Other readings: "1" read as "l"; a leading "@" read as a mention ("@rivalbrand"). */
  readonly alts: readonly string[] | undefined;
  /**
   * Every run reduced to one letter, when the author stretched a letter ("fuuuck", "conaaard") to
   * three or more, or doubled only vowels ("fuuck"); doubled consonants are spelling ("assess").
   */
  readonly collapsed: string | undefined;
  /** The key with masks and leet symbols as "*" ("f*ck", "f@ck", "sh#t"), when it has any. */
  readonly maskKey: string | undefined;
  /** Number of characters in `key` (one letter tokens take part in "f u c k" joining). */
  readonly length: number;
}

export interface NormalizedText {
  readonly original: string;
  readonly folded: string;
  readonly tokens: readonly WordToken[];
  /** Original [start, end) of the folded range [fs, fe). */
  toOriginal(fs: number, fe: number): [number, number];
  /**
   * The tokens with each spelled-out word read as one token (see respell), or undefined when the
   * text has no run of one-letter words; made on first call and kept, since the lexicon and the
   * proximity rules both read it.
   */
  respelled(): readonly WordToken[] | undefined;
  /** How many digits the text has, and whether it has an "@": the contact detector's first question. */
  readonly digits: number;
  readonly arobase: boolean;
  /**
   * The emoji and pictographic symbols of the text, as code points in text order (repeats kept),
   * skin-tone modifiers left out: no word stage reads them, the category model does ("🍆💦",
   * "🐒" beside a group). Empty for most messages.
   */
  readonly pictographs: readonly number[];
}

// Character classes used by the tokeniser.
const SEP = 0, LETTER = 1, DIGIT = 2, LEET = 3, MASK = 4;

/** What a digit or symbol stands for inside a word; "1" also gets an "l" reading in `alts`; "9" is read in rebuild(). */
const LEET_LETTER: Record<string, string> = {
  "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
  "@": "a", "$": "s", "€": "e", "!": "i", "+": "t", "|": "l",
};

/**
 * Look-alikes that NFKD leaves alone and that no Unicode name ties to a Latin letter: Cyrillic and
 * Greek letters, Latin letters named after another alphabet or sound ("ɑ" alpha, "ð" eth), a "ʋ"
 * that reads as a "u" despite its name, ligatures, and punctuation variants. Checked before
 * DECORATED_LATIN, the generated table of decorated Latin letters ("ƈ", "ł", "ø", small capitals).
 */
const LOOKALIKE: Record<string, string> = {
  "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
  "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
  "һ": "h", "ӏ": "l", "ո": "n", "ս": "u", "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n",
  "ι": "i", "κ": "k", "μ": "u", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
  "ς": "s", "σ": "o", "ʃ": "s", "ɩ": "i", "ʋ": "u", "ð": "d",
  "œ": "oe", "æ": "ae", "ß": "ss", "þ": "th", "ɑ": "a",
  "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u201c": "\"", "\u201d": "\"",
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
  "\u00b7": ".", "\u2022": ".", "\u2024": ".", "\u3002": ".", "\uff0e": ".", "ϲ": "c",
  // Cyrillic letters written for digits in phone numbers ("0б 4З"): read as the digits they show.
  "б": "6", "з": "3",
};

/** Decorated Latin letter → base letter, from the generated table. */
const DECORATED = new Map<string, string>();
for (const [base, chars] of Object.entries(DECORATED_LATIN)) for (const ch of chars) DECORATED.set(ch, base);

/**
 * Capitals that look like a different Latin letter than their small form: Greek "Η" is an "H" but
 * "η" an "n" ("ΒΙΤCΗ"), "Μ"/"μ" are "M"/"u", "Ν"/"ν" "N"/"v", "Υ"/"υ" "Y"/"u". Checked before case folding.
 */
const LOOKALIKE_CAPITAL: Record<string, string> = {
  "Η": "h", "Μ": "m", "Ν": "n", "Υ": "y", "Ζ": "z", "Ϲ": "c",
};

/** Characters that render as nothing, used to split a word invisibly ("fu\u200bck"). */
function isInvisible(cp: number): boolean {
  return cp === 0x00ad || cp === 0x034f || cp === 0x061c || cp === 0x115f || cp === 0x1160
    || cp === 0x17b4 || cp === 0x17b5 || cp === 0x180e || (cp >= 0x200b && cp <= 0x200f)
    || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp === 0x3164
    || cp === 0xfeff || cp === 0xffa0 || (cp >= 0xfe00 && cp <= 0xfe0f)
    || (cp >= 0xe0000 && cp <= 0xe0fff) || (cp >= 0x1bca0 && cp <= 0x1bca3);
}

const MARKS = /\p{M}/gu;
const IS_LETTER = /^\p{L}$/u;

/** Folding of one non-ASCII code point; memoised because NFKD per call is slow. */
const foldMemo = new Map<number, string>();
const foldBmp: (string | undefined)[] = new Array(65_536).fill(undefined);
function foldCodePoint(cp: number): string {
  let out = cp < 65_536 ? foldBmp[cp] : foldMemo.get(cp);
  if (out !== undefined) return out;
  if (isInvisible(cp)) out = "";
  else {
    const decomposed = String.fromCodePoint(cp).normalize("NFKD").replace(MARKS, "");
    out = "";
    for (const ch of decomposed) {
      const capital = LOOKALIKE_CAPITAL[ch];
      if (capital !== undefined) { out += capital; continue; }
      const lower = ch.toLowerCase();
      for (const l of lower) out += LOOKALIKE[l] ?? DECORATED.get(l) ?? l;
    }
  }
  // Bounded: the BMP table has a fixed size; astral code points are capped.
  if (cp < 65_536) foldBmp[cp] = out;
  else if (foldMemo.size < 65_536) foldMemo.set(cp, out);
  return out;
}

/** Class of one folded UTF-16 unit; memoised per unit for the non-ASCII range. */
const classMemo = new Uint8Array(65_536);
const CLASS_KNOWN = 0x80;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let k = SEP;
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) k = LETTER;
  else if (c >= 48 && c <= 57) k = DIGIT;
  else if ("@$!+|".includes(ch)) k = LEET;
  else if (ch === "*" || ch === "#") k = MASK;
  classMemo[c] = k | CLASS_KNOWN;
}
classMemo[0x20ac] = LEET | CLASS_KNOWN; // €
function classOf(c: number): number {
  const m = classMemo[c];
  if (m !== 0) return m & 0x7f;
  // Lone surrogates (emoji halves) are never letters.
  const k = c >= 0xd800 && c <= 0xdfff ? SEP : IS_LETTER.test(String.fromCharCode(c)) ? LETTER : SEP;
  classMemo[c] = k | CLASS_KNOWN;
  return k;
}

/** Whether a folded UTF-16 unit is a letter (any script). */
export function isLetterCode(c: number): boolean {
  return classOf(c) === LETTER;
}

class Normalized implements NormalizedText {
  constructor(
    readonly original: string,
    readonly folded: string,
    readonly tokens: readonly WordToken[],
    readonly digits: number,
    readonly arobase: boolean,
    readonly pictographs: readonly number[],
    /**
     * The characters whose folding changed the length ("ﬁ" → "fi", an invisible → "", an emoji's two
     * UTF-16 units): four numbers each, folded [start, end) then original [start, end), in text order.
     * Empty in the common case where every unit became exactly one unit (ASCII, accented text).
     */
    private readonly anomalies: readonly number[],
  ) {}

  /** respell()'s answer once asked: null until then. */
  private spelledOut: WordToken[] | undefined | null = null;

  respelled(): readonly WordToken[] | undefined {
    if (this.spelledOut === null) this.spelledOut = respell(this.tokens, this.folded);
    return this.spelledOut;
  }

  toOriginal(fs: number, fe: number): [number, number] {
    if (this.anomalies.length === 0) return [fs, fe];
    if (fe <= fs) { const at = fs < this.folded.length ? this.startOf(fs) : this.original.length; return [at, at]; }
    return [this.startOf(fs), this.endOf(fe - 1)];
  }

  /** Offset (a multiple of 4) of the last anomaly whose folded start is at or before `p`, or -1. */
  private lastAnomaly(p: number): number {
    const a = this.anomalies;
    let lo = 0, hi = a.length / 4 - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid * 4] <= p) { found = mid * 4; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /** Original start of folded unit `p`: the whole character inside an expansion, else the shift after the last one. */
  private startOf(p: number): number {
    const i = this.lastAnomaly(p);
    if (i < 0) return p;
    const a = this.anomalies;
    return p < a[i + 1] ? a[i + 2] : a[i + 3] + (p - a[i + 1]);
  }

  /** Original end of folded unit `p`. */
  private endOf(p: number): number {
    const i = this.lastAnomaly(p);
    if (i < 0) return p + 1;
    const a = this.anomalies;
    return p < a[i + 1] ? a[i + 3] : a[i + 3] + (p - a[i + 1]) + 1;
  }
}

const NO_ANOMALIES: readonly number[] = Object.freeze([]);
const NO_PICTOGRAPHS: readonly number[] = Object.freeze([]);

/**
 * Emoji and pictographic symbols: Miscellaneous Symbols and Dingbats (U+2600-27BF: ☀ ❤ ✨),
 * Miscellaneous Symbols and Arrows (U+2B00-2BFF: ⭐), and the supplementary emoji blocks
 * (U+1F000-1FAFF), without the five skin-tone modifiers (U+1F3FB-1F3FF): a model must not learn
 * anything from the colour of a thumbs-up; nor the enclosed letters and digits (U+1F100-1F1E5:
 * "🄵🅄🄲🄺" folds to a word the lexicon reads), keeping the flags' letters.
 */
function isPictograph(cp: number): boolean {
  return (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff)
    || (cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f3fb && cp <= 0x1f3ff) && !(cp >= 0x1f100 && cp <= 0x1f1e5));
}

/** Folds `text` and cuts it into word tokens. Linear in the text length; never throws. */
export function normalize(text: string): NormalizedText {
  const len = text.length;
  let out = "";
  let runStart = 0;
  let anomalies: number[] | undefined;
  let capitalI = false;
  let pictographs: number[] | undefined;
  // The regex engine skips the ASCII stretches natively, several times faster than a loop over
  // every character, and finds the "RivaIBrand" I's on the way. No other caller of FOLD_SCAN runs
  // between its calls here, so its lastIndex is ours for the duration of the loop.
  FOLD_SCAN.lastIndex = 0;
  while (FOLD_SCAN.test(text)) {
    let i = FOLD_SCAN.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c < 128) { capitalI = true; continue; }
    if (i > runStart) out += text.slice(runStart, i);
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000; width = 2; }
    }
    if (isPictograph(cp)) (pictographs ??= []).push(cp);
    const folded = foldCodePoint(cp);
    if (width !== 1 || folded.length !== 1) (anomalies ??= []).push(out.length, out.length + folded.length, i, i + width);
    out += folded;
    i += width - 1;
    runStart = i + 1;
    FOLD_SCAN.lastIndex = runStart;
  }
  // Folded non-ASCII output is already lower case, so lowering the whole string only touches ASCII.
  const folded = runStart === 0 ? text.toLowerCase() : (out + text.slice(runStart)).toLowerCase();
  const stats: TokenStats = { digits: 0, arobase: false };
  const tokens = tokenize(folded, stats);
  const norm = new Normalized(text, folded, tokens, stats.digits, stats.arobase, pictographs ?? NO_PICTOGRAPHS, anomalies ?? NO_ANOMALIES);
  if (capitalI) readCapitalIAsL(norm);
  return norm;
}

/**
 * What the folding loop stops at: a non-ASCII unit to fold, or a `CAPITAL_I_INSIDE` (which never
 * overlaps one, so finding both in one left-to-right scan misses neither).
 */
const FOLD_SCAN = /[^\x00-\x7f]|[a-z]I/g;

/** A capital "I" right after a lower-case letter: the shape of an "l" disguised as "I" ("RivaIBrand"). */
const CAPITAL_I_INSIDE = /[a-z]I/;

/** A word of ASCII letters only: its key is the word lowered, emphasis cut (see tokenize). */
const ONLY_LETTERS = /^[A-Za-z]+$/;

/**
 * "SaIope", "RivaIBrand", "buIIshit": in a mixed-case word, a capital "I" after the first letter
 * looks exactly like an "l" in most fonts; such tokens get the "l" reading in `alts`.
 */
function readCapitalIAsL(norm: Normalized): void {
  const toks = norm.tokens as WordToken[];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const [os, oe] = norm.toOriginal(t.s, t.e);
    const orig = norm.original.slice(os, oe);
    if (!CAPITAL_I_INSIDE.test(orig)) continue;
    // The key is the word lowered, or (only letters, a run of three or more cut to two) its emphasis
    // read back: "kiII" is keyed "kii", and still reads "kill".
    const lower = orig.toLowerCase();
    if (lower !== t.key && !ONLY_LETTERS.test(orig)) continue;
    // Only the I's that follow a lower-case letter (or such an I): "BuIISHIT" → "bullshit".
    let alt = lower[0];
    let prevLower = false;
    for (let k = 1; k < orig.length; k++) {
      const p = orig.charCodeAt(k - 1);
      const asL: boolean = orig[k] === "I" && (prevLower || (p >= 97 && p <= 122));
      alt += asL ? "l" : lower[k];
      prevLower = asL;
    }
    if (alt === t.key) continue;
    toks[i] = { ...t, alts: t.alts ? [...t.alts, alt] : [alt] };
  }
}

/** What tokenize() counts on its way, for the contact detector (digits anywhere, an "@"). */
export interface TokenStats { digits: number; arobase: boolean }

/** Cuts folded text into word tokens (letters, digits, leet symbols and masks). */
export function tokenize(folded: string, stats?: TokenStats): WordToken[] {
  let allDigits = 0, arobase = false;
  const tokens: WordToken[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    let c = folded.charCodeAt(i);
    let m = classMemo[c];
    let k = m !== 0 ? m & 0x7f : classOf(c);
    if (k === SEP) { i++; continue; }
    const start = i;
    // Statistics gathered on the way, so a plain word needs no second pass.
    let letters = 0, digits = 0, maxRun = 1, run = 0, prev = -1, consonantDouble = false;
    while (i < n) {
      c = folded.charCodeAt(i);
      // Most units are small ASCII letters: no table lookup for them.
      if (c >= 97 && c <= 122) letters++;
      else {
        m = classMemo[c];
        k = m !== 0 ? m & 0x7f : classOf(c);
        if (k === SEP) break;
        if (k === LETTER) letters++;
        else if (k === DIGIT) digits++;
        else if (c === 64) arobase = true;
      }
      if (c === prev) {
        if (++run > maxRun) maxRun = run;
        if (run === 2 && !isVowel(c)) consonantDouble = true;
      } else { prev = c; run = 1; }
      i++;
    }
    allDigits += digits;
    if (letters === i - start) {
      // Only letters: no edge to trim, no leetspeak, no mask.
      const sliced = maxRun <= 2;
      const key = sliced ? folded.slice(start, i) : rebuild(folded, start, i, "i", false);
      const stretched = maxRun >= 3 || (maxRun === 2 && !consonantDouble);
      const fp = sliced ? fingerprintIn(folded, start, i) : fingerprint(key);
      tokens.push({
        s: start, e: i, key, fp, alts: undefined,
        collapsed: stretched ? collapse(key) : undefined, maskKey: undefined, length: sliced ? i - start : key.length,
      });
      continue;
    }
    // Emphasis stars, exclamation marks and mentions around a word are punctuation, not letters.
    let s = start, e = i;
    while (s < e && isEdgeSymbol(folded.charCodeAt(s))) s++;
    while (e > s && isEdgeSymbol(folded.charCodeAt(e - 1))) e--;
    // Numbers ("24", "2024") are not words; symbol-only scraps need at least three characters ("@$$").
    // A lone "0", "@" or "!" inside a spelled or split word ("c.0.n.n.a.r.d", "sal.0.pe", "$ h ! t")
    // is a letter.
    if (e - s === 0 || (letters === 0 && (digits === e - s || e - s < 3))) {
      if (i - start === 1 && isLoneLeet(folded, start, tokens)) tokens.push(makeToken(folded, start, i));
      continue;
    }
    const token = makeToken(folded, s, e);
    // "!d!0t": a leading "!" or "|" before a word that is leetspeak already is a letter too, read as
    // another key over the whole span ("!important" and "!!!" stay punctuation).
    const lead = s - start === 1 ? folded[start] : "";
    if ((lead === "!" || lead === "|") && letters < e - s) {
      const alt = LEET_LETTER[lead] + token.key;
      tokens.push({ ...token, s: start, alts: token.alts ? [...token.alts, alt] : [alt] });
    } else tokens.push(token);
  }
  if (stats !== undefined) { stats.digits = allDigits; stats.arobase = arobase; }
  return tokens;
}

/** Separators that may sit inside a word the author split on purpose ("con-nard", "sa.lope"): . - _ / \\ ~ : = */
export function isJoiner(c: number): boolean {
  return c === 46 || c === 45 || c === 95 || c === 47 || c === 92 || c === 126 || c === 58 || c === 61;
}

/** A gap between two spelled letters: 1–3 separator characters, no apostrophe (elisions "l'a") or line break. */
export function isLetterGap(f: string, from: number, to: number): boolean {
  const len = to - from;
  if (len < 1 || len > 3) return false;
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c === 39 || c === 10 || c === 13) return false;
  }
  return true;
}

/**
 * Whether the lone digit or symbol at `s` stands for a letter of a disguised word, so it is kept
 * as a one-letter token instead of being skipped as a number or punctuation: it sits in a spelled
 * run, with one-letter neighbours across letter gaps (up to two behind, three ahead): two letters
 * ("c.0.n"), or three neighbours of which one is a letter ("1.d.1.0.t", "@ $ $ h 0 l e"); or in a
 * word split by single joiners ("sal.0.pe", "wh.0.r.3"). Elsewhere ("taille 3 ou 4", "v2.0.1",
 * "3 x 5 cm", "0 5 7") a digit stays a number. Looks back two tokens and ahead at most twelve characters.
 */
function isLoneLeet(folded: string, s: number, tokens: readonly WordToken[]): boolean {
  if (!isLeetLetter(folded, s)) return false;
  let around = 0, letters = 0;
  const k = tokens.length;
  for (let b = k - 1, next = s; b >= 0 && b >= k - 2; b--) {
    const t = tokens[b];
    if (t.length !== 1 || !isLetterGap(folded, t.e, next)) break;
    around++;
    if (classOf(folded.charCodeAt(t.s)) === LETTER) letters++;
    next = t.s;
  }
  for (let at = s + 1, ahead = 0; ahead < 3 && (at = spelledCharAfter(folded, at)) >= 0; ahead++) {
    around++;
    if (classOf(folded.charCodeAt(at - 1)) === LETTER) letters++;
  }
  if (letters >= 2 || (around >= 3 && letters >= 1)) return true;
  // A piece of a word split by single joiners: between two pieces ("co-nn-4-rd"), or last after
  // two ("wh.0.r.3").
  const prev = k > 0 ? tokens[k - 1] : undefined;
  if (prev === undefined || prev.e !== s - 1 || !isJoiner(folded.charCodeAt(s - 1))) return false;
  if (s + 2 < folded.length && isJoiner(folded.charCodeAt(s + 1)) && classOf(folded.charCodeAt(s + 2)) === LETTER) return true;
  return k > 1 && tokens[k - 2].e === prev.s - 1 && isJoiner(folded.charCodeAt(prev.s - 1));
}

/** A digit or symbol with a letter reading ("0", "@", "!"), except "+", "*" and "#", which are arithmetic and masks. */
function isLeetLetter(folded: string, at: number): boolean {
  const ch = folded[at];
  return LEET_LETTER[ch] !== undefined && ch !== "+";
}

/** The end of a lone letter, digit or symbol after a letter gap starting at `from` ("… n", "… 0"), or -1. */
function spelledCharAfter(folded: string, from: number): number {
  const n = folded.length;
  let j = from;
  while (j < n && j - from < 3 && classOf(folded.charCodeAt(j)) === SEP) j++;
  if (j === from || j >= n || !isLetterGap(folded, from, j)) return -1;
  if (classOf(folded.charCodeAt(j)) !== LETTER && !isLeetLetter(folded, j)) return -1;
  return j + 1 === n || classOf(folded.charCodeAt(j + 1)) === SEP ? j + 1 : -1;
}

function isEdgeSymbol(c: number): boolean {
  return c === 42 /* * */ || c === 35 /* # */ || c === 33 /* ! */ || c === 43 /* + */ || c === 124 /* | */;
}

function makeToken(folded: string, s: number, e: number): WordToken {
  let plain = true, hasOne = false, symbols = false, maxRun = 1, run = 0, prev = -1, consonantDouble = false;
  for (let i = s; i < e; i++) {
    const c = folded.charCodeAt(i);
    const k = classOf(c);
    if (k !== LETTER) {
      plain = false;
      if (c === 49) hasOne = true;
      else if (k === MASK || k === LEET) symbols = true;
    }
    if (c === prev) {
      if (++run > maxRun) maxRun = run;
      if (run === 2 && !isVowel(c)) consonantDouble = true;
    } else { prev = c; run = 1; }
  }
  // The common case (plain letters, no stretching) costs one slice and no per-character work.
  const sliced = plain && maxRun <= 2;
  const key = sliced ? folded.slice(s, e) : rebuild(folded, s, e, "i", false);
  let alts: string[] | undefined;
  if (hasOne) alts = [rebuild(folded, s, e, "l", false)];
  if (folded.charCodeAt(s) === 64 && e - s > 3) (alts ??= []).push(rebuild(folded, s + 1, e, "i", false));
  const stretched = maxRun >= 3 || (maxRun === 2 && !consonantDouble);
  return {
    s, e, key, fp: sliced ? fingerprintIn(folded, s, e) : fingerprint(key), alts,
    collapsed: stretched ? collapse(key) : undefined,
    maskKey: symbols ? rebuild(folded, s, e, "i", true) : undefined,
    length: sliced ? e - s : key.length,
  };
}

function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

/**
 * Rebuilds a token key reading "1" as `one`, and symbols as masks when `symbolsMask`. A "9" is a
 * "g" only with a letter after it in the word ("ni99a", "9ay"): a name's or a price's trailing
 * digits ("wattfixer99", "$149") stay digits, and a lone "9" is never a letter (LEET_LETTER).
 */
function rebuild(folded: string, s: number, e: number, one: string, symbolsMask: boolean): string {
  let key = "";
  let prev = "", run = 0;
  // Where the word's last letter stands, looked for only once a "9" is met: most rebuilt words
  // ("c0nnard", "f*ck") have none, and this runs up to three times a word (key, alts, mask).
  let lastLetter = -2;
  for (let i = s; i < e; i++) {
    const raw = folded[i];
    const k = classOf(raw.charCodeAt(0));
    if (raw === "9" && lastLetter === -2) lastLetter = lastLetterIn(folded, s, e);
    const ch = raw === "1" ? one
      : raw === "9" && i < lastLetter ? "g"
      : k === MASK || (symbolsMask && k === LEET) ? "*"
      : k === DIGIT || k === LEET ? (LEET_LETTER[raw] ?? raw) : raw;
    if (ch === prev) { if (++run > 2) continue; } else { prev = ch; run = 1; }
    key += ch;
  }
  return key;
}

/** The index of the last letter of folded[s, e), or -1. */
function lastLetterIn(folded: string, s: number, e: number): number {
  for (let i = e - 1; i >= s; i--) if (classOf(folded.charCodeAt(i)) === LETTER) return i;
  return -1;
}

/** Every run of a repeated character reduced to one ("connaaard" → "conard"). */
export function collapse(key: string): string {
  let out = "";
  let prev = "";
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch !== prev) out += ch;
    prev = ch;
  }
  // The lexicon keeps a collapsed form of every word it stores, most of them the word itself:
  // answering the same string keeps one copy, not two (some 18,000 for a 10,000-term tenant).
  return out.length === key.length ? key : out;
}

/**
 * The message's tokens with each spelled-out word read as one token: a run of one-letter tokens
 * split into words where its gaps widen ("k i l l  y o u" → "kill", "you") or where a space
 * separates letters otherwise joined by dots or dashes ("v.a t.e" → "va", "te"), or a lone dash
 * letters joined by dots ("s.u.i.c.i.d.e-t.o.i"). Undefined when the message has no such run
 * (nearly always), so the usual message pays one scan of its tokens.
 */
function respell(toks: readonly WordToken[], f: string): WordToken[] | undefined {
  let out: WordToken[] | undefined;
  let i = 0;
  while (i < toks.length) {
    let j = i;
    if (toks[i].length === 1) while (j + 1 < toks.length && toks[j + 1].length === 1 && isLetterGap(f, toks[j].e, toks[j + 1].s)) j++;
    if (j === i) { out?.push(toks[i]); i++; continue; }
    out ??= toks.slice(0, i);
    // The narrowest gap joins letters of one word; a wider one, or a space among joiners, parts words.
    let narrow = Infinity, spaced = true, dashes = 0;
    for (let k = i; k < j; k++) {
      const g = toks[k + 1].s - toks[k].e;
      if (g < narrow) narrow = g;
      const gap = f.slice(toks[k].e, toks[k + 1].s);
      if (!gap.includes(" ")) spaced = false;
      if (gap === "-") dashes++;
    }
    const dashParts = dashes > 0 && dashes * 2 < j - i;
    let w = i;
    for (let k = i; k <= j; k++) {
      const end = k === j || toks[k + 1].s - toks[k].e > narrow || (!spaced && f.slice(toks[k].e, toks[k + 1].s).includes(" "))
        || (dashParts && f.slice(toks[k].e, toks[k + 1].s) === "-");
      if (!end) continue;
      if (k === w) out.push(toks[k]);
      else {
        let key = "";
        for (let m = w; m <= k; m++) key += toks[m].key;
        out.push({ s: toks[w].s, e: toks[k].e, key, fp: fingerprint(key), alts: undefined, collapsed: undefined, maskKey: undefined, length: key.length });
      }
      w = k + 1;
    }
    i = j + 1;
  }
  return out;
}
