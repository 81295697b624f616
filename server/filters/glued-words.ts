/**
 * Phrases written as one word ("killyourself", "iwillkillyou", « vatependre », « salepute »): the
 * oldest way around a phrase filter, hashtag style. The lexicon reads such a word again as the words
 * it may be glued from, and walks its trie over them like over any message, so a phrase is found
 * the way it is found spaced out and no phrase is listed twice.
 *
 * The cutting is a dynamic programme over the word's letters against the words of the lexicon's
 * phrases, kept as two FNV-1a probes in bit sets (16 bits a word, some 110 KB with the tables below
 * for every tenant together); each piece of a cut is then checked against the lexicon's own words,
 * so a collision only costs a look. A word is cut only where its first two letters, last three
 * letters and a prefix and a suffix may be the first and last words of one phrase: of the bench's
 * long words, about one in two is probed and one in eight cut ("moisturizer", « malheureusement »
 * are not). Still, it is the words stage's most expensive reading per word it looks at.
 */

import { bloomBits, hasBit, setBit } from "./bit-set.ts";
import { FNV_OFFSET, fnv, fnvStep } from "./fnv.ts";

/** Words shorter than this are not read as glued: a few letters glue too many innocent pairs. */
export const GLUED_MIN = 7;
/** Nor longer than this: a hashtag phrase ("nobodywouldmissyou" is 18), not a paragraph without spaces. */
const GLUED_MAX = 28;
/** The longest piece looked for (longer words of the phrases are rare and never glued). */
const PIECE_MAX = 14;
/** Pieces of at least two letters, but for these words of one letter ("i will kill you", « j »): bits by letter. */
const ONE_LETTER = letters("iuyjtmaclsnd");
/** The one-letter words a glued phrase may start with ("iwillkillyou", « jvaistebuter »). */
const FIRST_LETTER = letters("ij");

function letters(list: string): number {
  let bits = 0;
  for (let i = 0; i < list.length; i++) bits |= 1 << (list.charCodeAt(i) - 97);
  return bits;
}

/** Whether the letter of char code `c` (a-z) is in `bits`. */
function isIn(bits: number, c: number): boolean {
  return (bits & (1 << (c - 97))) !== 0;
}

/** The most (first word, last word) pairs a phrase may have and still be read glued. */
const COMBOS_MAX = 256;
/**
 * How many ways to cut one word are offered at most (the longest pieces first): enough for
 * "imgoingtokillyou" (im|going|tok|ill|you comes before im|going|to|kill|you), few enough that a
 * word made to cut a thousand ways ("tatatata…") costs a few dozen walks.
 */
const CUTS_MAX = 32;


export class GluedWords {
  private constructor(
    /** Two probes of every word of the lexicon's phrases (letters a-z only). */
    private readonly pieces: Uint32Array,
    /** Two probes of every word a phrase of the glued categories may start with. */
    private readonly starts: Uint32Array,
    /**
     * By the first two letters of those start words (26 x 26), the lengths they come in (bit k-1):
     * a word whose letters start none fails at one read, the others are probed at those lengths only.
     */
    private readonly startLengths: Uint16Array,
    /** By the last three letters of the words such phrases end with (26^3), their lengths (bit k-1). */
    private readonly endLengths: Uint16Array,
    /** Two probes of every word such a phrase ends with, hashed from its last letter back: a cut's last piece is one. */
    private readonly lasts: Uint32Array,
    /**
     * The (first two letters, last three letters) of each such phrase written glued, hashed into
     * PAIRS_BITS: a word whose two ends belong to no one phrase is not read further. Of the bench's
     * long words, the two tables above let nine in ten through; this, about one in two (natural
     * words' ends are the common ones, and big templates pair many).
     */
    private readonly ends: Uint32Array,
    /** Whether a piece is truly one of the lexicon's words (the bit sets only say it may be). */
    private readonly isWord: (w: string) => boolean,
  ) {}

  /**
   * From every word of a lexicon's phrases, and, per phrase worth reading glued, the words it may
   * start and end with. Words with other characters than a-z cannot be a glued piece: skipped.
   */
  static of(words: Iterable<string>, phrases: Iterable<readonly [readonly string[], readonly string[]]>, isWord: (w: string) => boolean): GluedWords {
    const startWords = new Set<string>(), endWords = new Set<string>();
    const ends = new Uint32Array(PAIRS_BITS / 32);
    for (const [f, l] of phrases) {
      // A template that may start and end with many words (a slot of groups, of body parts) would
      // let most words' ends through: such phrases are not read glued.
      if (f.length * l.length > COMBOS_MAX) continue;
      for (const w of f) startWords.add(w);
      for (const w of l) endWords.add(w);
      for (const a of f) {
        if (!isPiece(a) || (a.length === 1 && !isIn(FIRST_LETTER, a.charCodeAt(0)))) continue;
        for (const b of l) {
          if (!isPiece(b) || b.length < 3) continue;
          const t = tripleIndex(b, b.length - 3);
          if (a.length > 1) setBit(ends, endsIndex(pairIndex(a, 0), t));
          else for (let x = 0; x < 26; x++) setBit(ends, endsIndex((a.charCodeAt(0) - 97) * 26 + x, t));
        }
      }
    }
    const all = [...words].filter(isPiece);
    const firsts = [...startWords].filter((w) => isPiece(w) && (w.length > 1 || isIn(FIRST_LETTER, w.charCodeAt(0))));
    const pieces = bloomBits(all.length), starts = bloomBits(firsts.length);
    for (const w of all) mark(pieces, hash(w));
    const startLengths = new Uint16Array(26 * 26);
    for (const w of firsts) {
      mark(starts, hash(w));
      // A one-letter start ("i will…", « j'vais… ») lets every word beginning with it through.
      if (w.length === 1) for (let b = 0; b < 26; b++) startLengths[(w.charCodeAt(0) - 97) * 26 + b] |= 1;
      else startLengths[pairIndex(w, 0)] |= 1 << (w.length - 1);
    }
    const endLengths = new Uint16Array(26 * 26 * 26);
    const lastWords = [...endWords].filter((w) => isPiece(w) && w.length >= 3);
    const lasts = bloomBits(lastWords.length);
    for (const w of lastWords) { endLengths[tripleIndex(w, w.length - 3)] |= 1 << (w.length - 1); mark(lasts, hashBack(w)); }
    return new GluedWords(pieces, starts, startLengths, endLengths, lasts, ends, isWord);
  }

  /**
   * The ways to cut `key` into two or more pieces (see eachCut), at most CUTS_MAX; undefined when
   * there is none (nearly always).
   */
  cuts(key: string): string[][] | undefined {
    const out: string[][] = [];
    this.eachCut(key, (pieces) => { out.push([...pieces]); return false; }, { programmes: 1 });
    return out.length > 0 ? out : undefined;
  }

  /**
   * Offers `visit` each way to cut `key` (a token's key) into two or more pieces, each a word of the
   * lexicon's phrases, the first a word such a phrase starts with and the last one it ends with,
   * longest pieces first, until `visit` answers true or CUTS_MAX cuts were offered; answers whether
   * one answered true. Every piece the programme keeps is checked against the lexicon's words, so
   * every path it leaves leads to a cut: the offers are bounded, whatever the word ("tatatata…").
   * `budget.programmes` is how many more words of the message may be cut: the programme's checks
   * cost a few hundred microseconds on a word made for it, and a message may hold many.
   */
  eachCut(key: string, visit: (pieces: readonly string[]) => boolean, budget: { programmes: number }): boolean {
    if (!this.mayCut(key) || --budget.programmes < 0) return false;
    const n = key.length;
    // ENDS[i]: the piece lengths that start at i, are words and lead to the end (bit k-1 for k letters).
    const ends = ENDS, leads = LEADS;
    leads[n] = 1;
    // The hash of key[i..n) read from its end, grown one letter per step of i: the last piece's.
    let back = FNV_OFFSET;
    for (let i = n - 1; i >= 0; i--) {
      back = fnvStep(back, key.charCodeAt(i));
      let h = FNV_OFFSET, bits = 0;
      for (let k = 1; k <= PIECE_MAX && i + k <= n; k++) {
        h = fnvStep(h, key.charCodeAt(i + k - 1));
        if (k === 1 && !isIn(i === 0 ? FIRST_LETTER : ONE_LETTER, key.charCodeAt(i))) continue;
        if (leads[i + k] === 0 || (i + k === n && i === 0)) continue;
        if (!probe(i === 0 ? this.starts : this.pieces, h) || (i + k === n && !probe(this.lasts, back))) continue;
        // The bit sets only say it may be a word: a false "may" here would leave a dead end below.
        if (!this.isWord(key.slice(i, i + k))) continue;
        bits |= 1 << (k - 1);
      }
      ends[i] = bits;
      leads[i] = bits !== 0 ? 1 : 0;
    }
    if (leads[0] === 0) return false;
    // ENDS is shared by every call: the offers read a copy (a visit may cut another word).
    const at = ends.slice(0, n);
    const path: string[] = [];
    let offered = 0;
    const walk = (i: number): boolean => {
      if (i === n) { offered++; return visit(path); }
      for (let k = PIECE_MAX; k >= 1 && offered < CUTS_MAX; k--) {
        if ((at[i]! & (1 << (k - 1))) === 0) continue;
        path.push(key.slice(i, i + k));
        const done = walk(i + k);
        path.pop();
        if (done) return true;
      }
      return false;
    };
    return walk(0);
  }

  /**
   * Whether `key` may be a glued phrase at all: its length, its letters, the tables of its first two
   * and last three letters, then a suffix and a prefix probed. What most long words of a message stop
   * at, before anything is allocated for them.
   */
  mayCut(key: string): boolean {
    const n = key.length;
    if (n < GLUED_MIN || n > GLUED_MAX) return false;
    for (let i = 0; i < n; i++) { const c = key.charCodeAt(i); if (c < 97 || c > 122) return false; }
    const pair = pairIndex(key, 0), triple = tripleIndex(key, n - 3);
    const startLens = this.startLengths[pair]!, endLens = this.endLengths[triple]!;
    if (startLens === 0 || endLens === 0 || !hasBit(this.ends, endsIndex(pair, triple))) return false;
    // A suffix must be a word a phrase ends with, a prefix one it starts with, probed at the lengths
    // such words have with those letters (one or two probes, most often).
    return this.endsLikePhrase(key, endLens) && this.startsLikePhrase(key, startLens);
  }

  /** Whether a suffix of three letters or more, of one of `lengths`, may be a word a phrase ends with. */
  private endsLikePhrase(key: string, lengths: number): boolean {
    const n = key.length;
    // The end words are hashed from their last letter back: one pass grows every suffix's hash.
    let h = FNV_OFFSET;
    for (let k = 1; k <= PIECE_MAX && k < n; k++) {
      h = fnvStep(h, key.charCodeAt(n - k));
      if (k >= 3 && (lengths & (1 << (k - 1))) !== 0 && probe(this.lasts, h)) return true;
    }
    return false;
  }

  /** Whether a prefix, of one of `lengths`, may be a word a phrase starts with. */
  private startsLikePhrase(key: string, lengths: number): boolean {
    let h = FNV_OFFSET;
    for (let k = 1; k <= PIECE_MAX && k < key.length; k++) {
      h = fnvStep(h, key.charCodeAt(k - 1));
      if ((lengths & (1 << (k - 1))) !== 0 && (k > 1 || isIn(FIRST_LETTER, key.charCodeAt(0))) && probe(this.starts, h)) return true;
    }
    return false;
  }
}

/** The dynamic programme's tables, reused by every call (the offers read a copy of ENDS). */
const ENDS = new Uint16Array(GLUED_MAX + 1);
const LEADS = new Uint8Array(GLUED_MAX + 1);

/** Bits of GluedWords.ends: 2^17, 16 KB (an index is a hash's top 17 bits). */
const PAIRS_SHIFT = 15;
const PAIRS_BITS = 1 << (32 - PAIRS_SHIFT);

function endsIndex(pair: number, triple: number): number {
  return (Math.imul(pair + 1, 0x9e3779b1) ^ Math.imul(triple + 0x632be5ab, 0x85ebca6b)) >>> PAIRS_SHIFT;
}

function pairIndex(w: string, at: number): number {
  return (w.charCodeAt(at) - 97) * 26 + (w.charCodeAt(at + 1) - 97);
}

function tripleIndex(w: string, at: number): number {
  return ((w.charCodeAt(at) - 97) * 26 + (w.charCodeAt(at + 1) - 97)) * 26 + (w.charCodeAt(at + 2) - 97);
}

function isPiece(w: string): boolean {
  if (w.length === 0 || w.length > PIECE_MAX) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return w.length > 1 || isIn(ONE_LETTER, w.charCodeAt(0));
}

/** A second probe from the same hash: its high bits, mixed. */
function second(h: number): number {
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}

function mark(bits: Uint32Array, h: number): void {
  const m = bits.length * 32 - 1;
  setBit(bits, h & m);
  setBit(bits, second(h) & m);
}

function probe(bits: Uint32Array, h: number): boolean {
  const m = bits.length * 32 - 1;
  return hasBit(bits, h & m) && hasBit(bits, second(h) & m);
}

/** FNV-1a of `w` read from its last letter back. */
function hashBack(w: string): number {
  let h = FNV_OFFSET;
  for (let i = w.length - 1; i >= 0; i--) h = fnvStep(h, w.charCodeAt(i));
  return h;
}

function hash(w: string): number {
  return fnv(FNV_OFFSET, w);
}
