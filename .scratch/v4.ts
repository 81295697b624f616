/*
 * A small learned layer behind the templates (SPEC §12, issue 25): one logistic regression per
 * category over the message's words and word pairs, trained on the project's own labelled corpora
 * (`npm run train-model`, config/model/). Templates hold what they were written for and say exactly
 * which words did it; they miss what a new author phrases another way ("ce serait dommage qu'il
 * arrive quelque chose à ta voiture"). The model reads the same normalised tokens (disguises and
 * look-alikes already resolved) and catches part of those; it only runs when no template, term,
 * contact or rule held the message, so it costs nothing on a message already held and adds at
 * most one hit.
 *
 * Features are hashed, never strings: a word is its token fingerprint (computed once by the
 * tokeniser for the other matchers) and a pair mixes two fingerprints, so judging a message
 * allocates nothing beyond its hit and reads one small typed array.
 */
import { FILTER_CATEGORIES, type FilterCategory } from "../client-sdk/src/protocol.ts";
import type { NormalizedText } from "../server/filters/normalize.ts";
import type { FilterHit, Tag } from "../server/filters/types.ts";

/** The model file's format: what `npm run train-model` writes and `loadCategoryModel` reads. */
export interface CategoryModelData {
  readonly format: 1;
  /** Feature slots (a power of two): a word or pair lands in slot hash & (dim - 1). */
  readonly dim: number;
  /** The categories scored, in the order of `bias` and of each entry's weights. */
  readonly categories: readonly FilterCategory[];
  /** A category fires at this probability or above (the highest-scoring one is named). */
  readonly threshold: number;
  readonly bias: readonly number[];
  /** Base64 of the sparse weights: per used slot, a uint32 slot then one int16 per category, in thousandths. */
  readonly weights: string;
  /** How it was trained (for the reader; not used to judge). */
  readonly trainedOn?: { readonly lines: number; readonly files: readonly string[]; readonly epochs: number };
}

export interface CategoryModel {
  /** The categories it judges (a message a rule holds for one of them is not asked again). */
  readonly categories: ReadonlySet<FilterCategory>;
  /** The hit of the best category at or above the threshold, else undefined. */
  judge(norm: NormalizedText): FilterHit | undefined;
  /** Every category's probability (for the trainer's report and the tests). */
  scores(norm: NormalizedText): Map<FilterCategory, number>;
}

/** A hit of the model is "probable" content of its category: severity 2, so `minSeverity: 3` turns it off per category. */
const SEVERITY = 2;

/**
 * The feature slots of a message: each word and each word with the next, each once; then the
 * character 4-grams of each distinct word of four letters or more ("<menace>" gives "<men",
 * "mena", "enac", "nace", "ace>"), counted as often as they occur. The words and pairs carry
 * what the corpora said; the 4-grams carry it to the forms they did not say ("menacerai",
 * "étrangler" after "étranglé", "dégage" after "dégagez"), as fastText's subwords do.
 * What the trainer learns from; the compiled model sums the same slots without listing them.
 */
export function modelFeatures(norm: NormalizedText, dim: number, out: number[] = []): number[] {
  out.length = 0;
  const mask = dim - 1;
  const tokens = norm.tokens;
  const grams: number[] = [];
  const words = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const fp = tokens[i]!.fp;
    push(out, wordSlot(fp, mask));
    if (i + 1 < tokens.length) push(out, pairSlot(fp, tokens[i + 1]!.fp, mask));
    // A word under four letters has no 4-grams; a longer word met again adds none (its word slot
    // already counts once): known by its slot, as the compiled model stamps it.
    if (tokens[i]!.key.length < GRAM_MIN || words.has(wordSlot(fp, mask))) continue;
    words.add(wordSlot(fp, mask));
    eachGram(tokens[i]!.key, mask, (slot) => grams.push(slot));
  }
  for (const g of grams) out.push(g);
  return out;
}

/** Words shorter than this add no 4-grams: their word slot says all there is. */
const GRAM_MIN = 4;
/** The word's edges, as two characters no key contains, so "<men" (a start) differs from "men" inside a word. */
const BOW = 1, EOW = 2;

/** The 4-gram slots of a word, edges included (the trainer's list; the compiled model inlines the same loop). */
function eachGram(key: string, mask: number, fn: (slot: number) => void): void {
  const n = key.length;
  let a = BOW, b = key.charCodeAt(0), c = key.charCodeAt(1);
  for (let j = 2; j <= n; j++) {
    const d = j < n ? key.charCodeAt(j) : EOW;
    fn(gramSlot(a, b, c, d, mask));
    a = b; b = c; c = d;
  }
}

/**
 * A word's slot, a word pair's slot and a 4-gram's slot: the one definition of the features,
 * shared by the trainer's list and the compiled model's two passes. Distinct multipliers keep the
 * kinds of slot from lining up by construction.
 */
function wordSlot(fp: number, mask: number): number { return Math.imul(fp, 3) & mask; }
function pairSlot(fp: number, next: number, mask: number): number { return ((Math.imul(fp, 0x9e3779b1) ^ next) >>> 0) & mask; }
function gramSlot(a: number, b: number, c: number, d: number, mask: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0x85ebca77);
  h = Math.imul(h ^ b, 0xc2b2ae3d);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ d, 0x165667b1);
  return (h ^ (h >>> 15)) & mask;
}

/** Adds a slot unless present: a message has a few dozen features, a scan beats a Set. */
function push(out: number[], slot: number): void {
  for (let i = 0; i < out.length; i++) if (out[i] === slot) return;
  out.push(slot);
}

/**
 * Compiles the model file once: dense weights, slot-major (a slot's categories side by side), kept
 * as the file has them (integer thousandths): half the memory of floats, so a message's few
 * dozen reads evict less of the lexicon's trie from the cache, and sums exact.
 */
export function createCategoryModel(data: CategoryModelData): CategoryModel {
  const { dim, categories, threshold } = data;
  if (data.format !== 1) throw new Error(`category model: unknown format ${String(data.format)}`);
  if (!(dim > 0 && (dim & (dim - 1)) === 0)) throw new Error(`category model: dim ${dim} is not a power of two`);
  for (const c of categories) if (!FILTER_CATEGORIES.includes(c)) throw new Error(`category model: unknown category "${c}"`);
  if (data.bias.length !== categories.length) throw new Error("category model: one bias per category");
  if (!(threshold > 0 && threshold < 1)) throw new Error(`category model: threshold ${threshold} is not a probability`);
  const k = categories.length;
  const weights = new Int16Array(dim * k);
  const bytes = Buffer.from(data.weights, "base64");
  const entry = 4 + 2 * k;
  if (bytes.length % entry !== 0) throw new Error("category model: weights are not whole entries");
  for (let o = 0; o < bytes.length; o += entry) {
    const slot = bytes.readUInt32LE(o);
    if (slot >= dim) throw new Error(`category model: slot ${slot} beyond dim ${dim}`);
    for (let c = 0; c < k; c++) weights[slot * k + c] = bytes.readInt16LE(o + 4 + 2 * c);
  }
  const bias = Int32Array.from(data.bias, (b) => Math.round(b * 1000));
  // p >= threshold  <=>  z >= logit(threshold): no exponential per message.
  const cut = Math.log(threshold / (1 - threshold)) * 1000;
  // Upper bounds of what a slot can add to the categories (in lanes, see bounds), so most clean
  // messages are settled without reading a weight: when, for every lane, its highest bias plus the
  // message's bounds stays below the cut, no category can reach it, the same "no hit" as the sums.
  // A slot met twice counts twice here: only a larger bound. The bounds are bytes, four per slot in
  // one Uint32 (256 KB for the shipped model, one read per feature where the weights and stamps
  // are two, in ~900 KB), so they mostly stay in the cache between messages.
  const laneOf = bounds(data.bias, Math.min(4, k));
  // A lane's bound of a slot is its categories' largest weight (or 0), rounded up to steps that fit a byte.
  const top = [0, 0, 0, 0], topBias = [-Infinity, -Infinity, -Infinity, -Infinity];
  for (let c = 0; c < k; c++) topBias[laneOf[c]!] = Math.max(topBias[laneOf[c]!]!, bias[c]!);
  for (let i = 0; i < weights.length; i++) top[laneOf[i % k]!] = Math.max(top[laneOf[i % k]!]!, weights[i]!);
  const steps = top.map((t) => Math.max(1, Math.ceil(t / 255)));
  const packed = new Uint32Array(dim);
  const most = new Int32Array(4);
  for (let slot = 0; slot < dim; slot++) {
    most[0] = most[1] = most[2] = most[3] = 0;
    for (let c = 0; c < k; c++) most[laneOf[c]!] = Math.max(most[laneOf[c]!]!, weights[slot * k + c]!);
    let v = 0;
    for (let g = 0; g < 4; g++) v |= Math.ceil(most[g]! / steps[g]!) << (8 * g);
    packed[slot] = v;
  }
  // A sum of a lane's bounds below its reach keeps all its categories below the cut (a lane without categories never stops a judgement).
  const reach = topBias.map((b, g) => (b === -Infinity ? Infinity : Math.floor((cut - b) / steps[g]!)));
  const [reach0, reach1, reach2, reach3] = reach as [number, number, number, number];
  const tags = categories.map((category): Tag => Object.freeze({ category, severity: SEVERITY }));
  const z = new Int32Array(k);
  // Which slots this message has counted already: stamped with the message's number, so a slot
  // counts once (as modelFeatures gives it to the trainer) without a set or a scan per message.
  const seen = new Uint16Array(dim);
  // The same for words, by word slot: a word met again adds no 4-grams (see modelFeatures).
  const wordSeen = new Uint16Array(dim);
  let stamp = 0;
  const mask = dim - 1;

  // A word's 4-grams always sum to the same vector: it is computed once per word and kept in a
  // small direct-mapped cache (by fingerprint, checked by key), with the word's bound, so a
  // message of known words reads one entry per word, not a weight per 4-gram. Chat vocabulary is
  // skewed: a few thousand entries hold nearly every word of a busy room.
  const WORDS = 1 << 13; // entries: 4,096 sets of two (the set is the top 12 bits of a mixed fingerprint, times two)
  const cachedHash = new Int32Array(WORDS);
  const cachedFp = new Int32Array(WORDS);
  const cachedGrams = new Int32Array(WORDS * k);
  // The word's bound in the lanes' steps, as packed's: per category, what its 4-grams and its word
  // slot can add at most, the largest of each lane; UNBOUNDED when a lane overflows a byte.
  const cachedBound = new Uint32Array(WORDS);
  const UNBOUNDED = 0xffffffff;
  const lane = new Int32Array(4);
  const wordEntry = (key: string, fp: number): number => {
    // Found by fingerprint, confirmed by a hash of every letter: the fingerprint reads four letters
    // and the length ("manger" and "mander" share it), and a word's 4-grams must be its own. The
    // cache keeps these two numbers, never the word: no shopper's words (a name, an address) stay
    // in memory after their message, whatever a GDPR erasure removed.
    let h = 0x811c9dc5;
    for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 0x01000193);
    // Two ways per set: two busy words that share a set would otherwise evict each other on every message.
    const e = (Math.imul(fp, 0x9e3779b1) >>> 20) << 1;
    if (cachedFp[e] === fp && cachedHash[e] === h) return e;
    if (cachedFp[e + 1] === fp && cachedHash[e + 1] === h) return e + 1;
    return fill(e, key, fp, h);
  };
  // A word not in the cache: it takes the set's first way; the word there moves to the second, the older one leaves.
  const fill = (e: number, key: string, fp: number, h: number): number => {
    cachedHash[e + 1] = cachedHash[e]!; cachedFp[e + 1] = cachedFp[e]!; cachedBound[e + 1] = cachedBound[e]!;
    cachedGrams.copyWithin((e + 1) * k, e * k, (e + 1) * k);
    cachedHash[e] = h; cachedFp[e] = fp;
    const g = e * k;
    for (let q = 0; q < k; q++) cachedGrams[g + q] = 0;
    const n = key.length;
    if (n >= GRAM_MIN) {
      let a = BOW, b = key.charCodeAt(0), c = key.charCodeAt(1);
      for (let j = 2; j <= n; j++) {
        const d = j < n ? key.charCodeAt(j) : EOW;
        const base = gramSlot(a, b, c, d, mask) * k;
        for (let q = 0; q < k; q++) cachedGrams[g + q] += weights[base + q]!;
        a = b; b = c; c = d;
      }
    }
    lane[0] = lane[1] = lane[2] = lane[3] = 0;
    const ws = wordSlot(fp, mask) * k;
    for (let q = 0; q < k; q++) {
      // Its slot may have been counted already (a repeated word, a pair's slot that collides): then only its 4-grams add.
      const most = Math.max(0, cachedGrams[g + q]! + Math.max(0, weights[ws + q]!));
      lane[laneOf[q]!] = Math.max(lane[laneOf[q]!]!, most);
    }
    let v = 0;
    for (let l = 0; l < 4; l++) {
      const units = Math.ceil(lane[l]! / steps[l]!);
      if (units > 254) { v = UNBOUNDED; break; }
      v |= units << (8 * l);
    }
    cachedBound[e] = v >>> 0;
    return e;
  };

  const add = (slot: number): void => {
    if (seen[slot] === stamp) return;
    seen[slot] = stamp;
    const base = slot * k;
    for (let c = 0; c < k; c++) z[c] += weights[base + c]!;
  };

  // The same slots as modelFeatures, summed as they come.
  const sums = (norm: NormalizedText): void => {
    if (++stamp === 0x10000) { seen.fill(0); wordSeen.fill(0); stamp = 1; }
    z.set(bias);
    const tokens = norm.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const ws = wordSlot(t.fp, mask);
      add(ws);
      if (i + 1 < tokens.length) add(pairSlot(t.fp, tokens[i + 1]!.fp, mask));
      if (t.key.length < GRAM_MIN || wordSeen[ws] === stamp) continue;
      wordSeen[ws] = stamp;
      const g = wordEntry(t.key, t.fp) * k;
      for (let q = 0; q < k; q++) z[q] += cachedGrams[g + q]!;
    }
  };

  return {
    categories: new Set(categories),
    judge(norm) {
      const tokens = norm.tokens;
      if (tokens.length === 0) return undefined;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        // A long word's bound covers its slot and its 4-grams (a repeated word counts again: only a
        // larger bound); a short one ("je", "you", half the words of a chat) has no 4-grams: its slot's bound.
        let v = t.key.length < GRAM_MIN ? packed[wordSlot(t.fp, mask)]! : cachedBound[wordEntry(t.key, t.fp)]!;
        if (v === UNBOUNDED) { s0 = reach0; break; }
        s0 += v & 0xff; s1 += (v >>> 8) & 0xff; s2 += (v >>> 16) & 0xff; s3 += v >>> 24;
        if (i + 1 < tokens.length) {
          v = packed[pairSlot(t.fp, tokens[i + 1]!.fp, mask)]!;
          s0 += v & 0xff; s1 += (v >>> 8) & 0xff; s2 += (v >>> 16) & 0xff; s3 += v >>> 24;
        }
      }
      if (s0 < reach0 && s1 < reach1 && s2 < reach2 && s3 < reach3) return undefined;
      sums(norm);
      let best = -1;
      for (let c = 0; c < k; c++) if (z[c]! >= cut && (best < 0 || z[c]! > z[best]!)) best = c;
      if (best < 0) return undefined;
      const p = 1 / (1 + Math.exp(-z[best]! / 1000));
      const text = norm.original;
      const tag = tags[best]!;
      // The model judges the whole message: its match is the message, its detail the category and how sure.
      return { kind: "classifier", detail: `${tag.category} ${p.toFixed(2)}`, match: text, start: 0, end: text.length, category: tag.category, severity: tag.severity };
    },
    scores(norm) {
      sums(norm);
      return new Map(categories.map((c, i) => [c, 1 / (1 + Math.exp(-z[i]! / 1000))]));
    },
  };
}

/**
 * The lane of each category's bounds: the categories sorted by bias, highest first (the likeliest
 * to reach the cut: their bounds are best kept apart), alone in the first lanes, then two or more
 * to a lane. With the shipped model's six: contact, insult, then selfHarm and hate, sexual and
 * threat (96% of the clean corpus lines settled by the bounds, 63% with one lane for all).
 */
function bounds(bias: readonly number[], lanes: number): number[] {
  const k = bias.length;
  const order = bias.map((_, c) => c).sort((a, b) => bias[b]! - bias[a]! || a - b);
  const singles = Math.max(0, Math.min(lanes, 2 * lanes - k));
  const per = singles === lanes ? 1 : Math.ceil((k - singles) / (lanes - singles));
  const laneOf: number[] = new Array<number>(k).fill(0);
  order.forEach((c, r) => { laneOf[c] = r < singles ? r : singles + Math.floor((r - singles) / per); });
  return laneOf;
}

/** Packs dense per-category weights (slot-major, like the compiled model) into the file's base64. */
export function packWeights(weights: Float32Array | Float64Array, dim: number, k: number): string {
  const entries: Buffer[] = [];
  for (let slot = 0; slot < dim; slot++) {
    let used = false;
    for (let c = 0; c < k; c++) if (Math.round(weights[slot * k + c]! * 1000) !== 0) used = true;
    if (!used) continue;
    const b = Buffer.alloc(4 + 2 * k);
    b.writeUInt32LE(slot, 0);
    for (let c = 0; c < k; c++) b.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(weights[slot * k + c]! * 1000))), 4 + 2 * c);
    entries.push(b);
  }
  return Buffer.concat(entries).toString("base64");
}
