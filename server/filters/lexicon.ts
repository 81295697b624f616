import type { FilterHit, Tag } from "./types.ts";
import { fingerprint, fingerprintOf2 } from "./fingerprint.ts";
import { collapse, isJoiner, isLetterGap, normalize, type NormalizedText, type WordToken } from "./normalize.ts";
import { bloomBits, hasBit, setBit } from "./bit-set.ts";
import { FNV_OFFSET, fnv } from "./fnv.ts";
import { GLUED_MIN, GluedWords } from "./glued-words.ts";
import { compacted, OneEntryMap } from "./one-entry-map.ts";

/**
 * The word matcher: whole-word lexicon lookup over normalised tokens.
 *
 * Terms are canonicalised with the same `normalize()` the messages go through, then stored in a
 * trie whose edges are whole tokens: a single word is a root edge, a phrase ("fils de pute") a path.
 * Matching is one hash lookup per token plus a walk bounded by the longest phrase, so it is linear
 * in the message length and no term ever becomes a regular expression (no ReDoS from tenant lists).
 * Because only whole tokens are compared, "classe", "conseil" and "Scunthorpe" never fire.
 *
 * @example
 *   const b = new LexiconBuilder(); b.add("connard", "fr");
 *   b.build().match(normalize("quel c0nnard")); // [{ kind: "word", detail: "connard", match: "c0nnard", … }]
 */

/** How a single-word term may be inflected: French plurals/feminines, English plurals, or only "s". */
export type Inflection = "en" | "fr" | "plural" | "none";

/**
 * A node of the trie. Tens of thousands are built for the built-in patterns (and one or two per
 * tenant word), so a node holds only what most nodes use: its yes/no properties are bits of `flags`
 * (NodeFlag), and what only a few hundred nodes have (gaps, a clause end, a context) is in `rare`.
 */
interface TrieNode {
  detail: string | undefined;
  /** Category and severity of the term or pattern `detail` names. */
  tag: Tag | undefined;
  /** Bits of NodeFlag. */
  flags: number;
  /** The words that go on from here; one word alone, in a finished shared build, is a OneEntryMap (see flatten). */
  next: NextWords | undefined;
  /**
   * The words the plain junctions among `jumps` (and theirs) go on with, merged: one lookup
   * instead of a visit per junction. `jumps` then keeps only the junctions that do more than
   * lead on (end a pattern, open a gap, end a clause). Shared by every node with the same junctions.
   */
  flat: Map<string, readonly TrieNode[]> | undefined;
  /**
   * Where a pattern goes on after one of its choices: the node ending each alternative leads, without
   * reading a token, to the one node the rest of the pattern hangs from (so "$je_vais $te $tue"
   * costs the sum of its choices, not their product).
   */
  jumps: TrieNode[] | undefined;
  rare: RareParts | undefined;
  /**
   * One bit per word `next` and `flat` go on with (bit `fingerprint & 31`): a walk reading a word
   * whose bit is clear skips both lookups. Most steps of a walk miss (a pattern's junction waits for
   * a handful of words, the message has another), and a lookup in a map of the trie is a few cache
   * lines the message has not touched; the node itself is read anyway. Set once its maps are final.
   */
  words: number;
}

/** What few nodes have; never changed once a build is done (a tenant's copy of a node shares it). */
interface RareParts {
  /** "a few intervening words" of a pattern: a position reached after skipping 0..max tokens. */
  gaps: Gap[] | undefined;
  /** Where a pattern goes on when the clause ends right here (its "$"), taken out of `next` once built. */
  end: TrieNode | undefined;
  /** An ambiguous word ("con"), held alone only in this context; phrases and disguises always are. */
  context: Context | undefined;
}

/**
 * A node's next words while a build may still add to them (a Map), or once a shared build is
 * finished (a OneEntryMap where one word goes on: flatten). Build code that adds or removes words
 * asks for the Map (edgesOf).
 */
type NextWords = Map<string, TrieNode> | OneEntryMap<TrieNode>;

/** A node's next words as the Map a build adds to; a finished node's OneEntryMap is never given (see OneEntryMap). */
function edgesOf(node: TrieNode): Map<string, TrieNode> {
  if (node.next === undefined) return node.next = new Map();
  if (node.next instanceof OneEntryMap) throw new Error("lexicon: a finished build's node was changed without copying it");
  return node.next;
}

/** The yes/no properties of a TrieNode, as bits of its `flags`. */
const enum NodeFlag {
  /** A phrase pattern (SPEC §12): silent after a negation or inside a quoted title or report. */
  Guarded = 1,
  /** The pattern ending here fires only when its match starts a clause (patterns.ts "^"). */
  StartOnly = 2,
  /** Made by a pattern: reached only within one clause (never across a comma, semicolon or colon). */
  Pattern = 4,
  /**
   * On a root node that ends nothing itself: the next two words are checked against the shapes its
   * paths may go on with (Lookahead) before any walk, so the common words patterns start with
   * ("je", "the", "you") cost a few bit tests, not a walk. Unset when anything may follow.
   */
  Follow = 8,
  Allow = 16,
  /** A tenant's word that also matches written as separate words ("glow up" for "glowup"). */
  Split = 32,
}

function setFlag(node: TrieNode, flag: NodeFlag, on: boolean): void {
  node.flags = on ? node.flags | flag : node.flags & ~flag;
}

/** The node's rare parts, made on first use (only while a build is running). */
function rareOf(node: TrieNode): RareParts {
  return node.rare ??= { gaps: undefined, end: undefined, context: undefined };
}

/** Up to `max` words of any kind but a negation may stand before `node`'s edges. */
interface Gap { readonly max: number; readonly node: TrieNode }

/** One step of a compiled phrase pattern: a token key, a gap of up to that many words, or alternatives. */
/**
 * Where the ambiguous `words` are held alone: right after one of `before`, right before one of
 * `after`, or last in their clause. Elsewhere they are read as the other language's word.
 */
export interface WordContext {
  readonly words: readonly string[];
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/**
 * Pseudo-words a pattern may begin or end with (patterns.ts "^" and "$"): the match must start a
 * clause (the message's first word, or one after punctuation or an emoji: imperatives like "jump
 * off a bridge" are said there, while "my wallet wants to jump off a bridge" is not), or end one
 * ("t'es mort !" but not "t'es mort de rire"). No message token can ever equal them.
 */
export const CLAUSE_START = "\u0001^";
export const CLAUSE_END = "\u0001$";

export type PatternStep = { readonly word: string } | { readonly gap: number } | { readonly choice: readonly (readonly PatternStep[])[] };

function newNode(): TrieNode {
  return { detail: undefined, tag: undefined, flags: 0, next: undefined, flat: undefined, jumps: undefined, rare: undefined, words: 0 };
}

/** A copy of `n` this build may change (see LexiconBuilder's shared base); its next words are copied too. */
function cloneNode(n: TrieNode): TrieNode {
  return { detail: n.detail, tag: n.tag, flags: n.flags, next: n.next === undefined ? undefined : new Map(n.next), flat: n.flat, jumps: n.jumps, rare: n.rare, words: n.words };
}

/** The bits of TrieNode.words for the keys of `map`. */
function wordBitsOf(map: ReadonlyMap<string, unknown> | undefined): number {
  let bits = 0;
  if (map !== undefined) for (const k of map.keys()) bits |= 1 << (fingerprint(k) & 31);
  return bits;
}

/**
 * What a build of the built-in lists and patterns leaves behind, read-only, so a tenant's own words
 * can be laid over it (`new LexiconBuilder(shared)`) instead of building the same thousands of
 * patterns again for every tenant: the nodes a tenant's word passes through are copied, the others
 * are shared by every tenant's lexicon (compile time and heap are then the tenant's words alone).
 */
export interface SharedLexicon {
  readonly lexicon: Lexicon;
  /** @internal */
  readonly parts: SharedParts;
}

interface SharedParts {
  readonly root: ReadonlyMap<string, TrieNode>;
  readonly vocab: ReadonlyMap<string, readonly string[]>;
  readonly masks: ReadonlyMap<number, readonly string[]>;
  readonly size: number;
  readonly look: Lookahead;
  readonly entries: ReadonlyMap<string, Entry>;
  /** The removed keys, with their inflections. */
  readonly removed: ReadonlySet<string>;
  readonly contexts: ReadonlyMap<string, Context>;
  readonly tags: ReadonlyMap<string, Tag>;
  /** The nodes a pattern ends on. */
  readonly patternEnds: ReadonlySet<TrieNode>;
  /** The shared words a glued phrase is cut into (a tenant's own words are single words, never glued phrases). */
  readonly glued: GluedWords | undefined;
}

/**
 * The next two words a root node's paths may go on with, kept as bits of word fingerprints (length,
 * first two and last two letters; see fingerprint()) rather than as sets of words: a pair filter (root word, next word)
 * and a triple filter (root word, next word, the word after it, or ANY_AFTER when the next word may
 * end something or a gap follows, so one word of lookahead is enough). Some 160 KB for every
 * pattern start together, where word sets cost megabytes of heap and a hundred milliseconds of
 * compile; a shape collision only lets a walk start that the trie then ends.
 */
interface Lookahead { readonly pairs: Uint32Array; readonly triples: Uint32Array }

/** The nodes reachable from `node` without reading a word (itself and its junctions), or undefined when one of them ends something or opens a gap. */
function closure(node: TrieNode, self: boolean): TrieNode[] | undefined {
  const out: TrieNode[] = [];
  const seen = new Set<TrieNode>();
  const walk = (n: TrieNode): boolean => {
    if (seen.has(n)) return true;
    seen.add(n);
    if (n.rare?.gaps !== undefined || ((n !== node || self) && (n.detail !== undefined || (n.flags & NodeFlag.Allow) !== 0))) return false;
    out.push(n);
    if (n.jumps !== undefined) for (const j of n.jumps) if (!walk(j)) return false;
    return true;
  };
  return walk(node) ? out : undefined;
}

/**
 * Records in `look` the next two words a root node that ends nothing itself may go on with, and
 * answers whether it may be filtered that way (TrieNode.follow); false when anything may follow.
 */
function followers(node: TrieNode, fp: number, look: Lookahead): boolean {
  const first = closure(node, false);
  // A pattern may end with the root word's clause: the walk must start whatever follows.
  if (first === undefined || first.some((n) => n.next?.has(CLAUSE_END) === true)) return false;
  for (const n of first) {
    if (n.next === undefined) continue;
    for (const [k, child] of n.next) {
      const f1 = fingerprint(k);
      setBit(look.pairs, pairOf(fp, f1));
      const second = closure(child, true);
      if (second === undefined || second.some((n) => n.next?.has(CLAUSE_END) === true)) { setBit(look.triples, tripleOf(fp, f1, ANY_AFTER)); continue; }
      for (const m of second) if (m.next !== undefined) for (const k2 of m.next.keys()) setBit(look.triples, tripleOf(fp, f1, fingerprint(k2)));
    }
  }
  return true;
}

/** Bits of the shape-triple filter (Lookahead.triples): 2^20, 128 KB. */
const TRIPLE_BITS = 1 << 20;

/** The triple of a root word, a next word that may end something or open a gap, and any word after it. */
const ANY_AFTER = 0x7fff;

/** A triple of word shapes hashed into TRIPLE_BITS. */
function tripleOf(a: number, b: number, c: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  return Math.imul(h ^ (h >>> 15) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35), 0x27d4eb2f) >>> 12;
}

/**
 * Whether the words after a root word of fingerprint `fp` that only starts phrases may go on along
 * one of its paths (see Lookahead); a word with other readings (alts, emphasis) always may.
 */
function mayFollow(look: Lookahead, fp: number, next: WordToken | undefined, after: WordToken | undefined): boolean {
  if (next === undefined) return false;
  if (next.alts !== undefined || next.collapsed !== undefined) return true;
  const f1 = next.fp;
  if (!hasBit(look.pairs, pairOf(fp, f1))) return false;
  if (hasBit(look.triples, tripleOf(fp, f1, ANY_AFTER))) return true;
  if (after === undefined) return false;
  return after.alts !== undefined || after.collapsed !== undefined || hasBit(look.triples, tripleOf(fp, f1, after.fp));
}

/** Whether pattern steps may match no word at all (optional groups, gaps). */
function nullable(steps: readonly PatternStep[]): boolean {
  return steps.every((st) => "gap" in st || ("choice" in st && st.choice.some(nullable)));
}

/** A junction that only leads on: it ends nothing, opens no gap and ends no clause. */
function plainJunction(n: TrieNode): boolean {
  return n.detail === undefined && (n.flags & NodeFlag.Allow) === 0 && n.rare?.gaps === undefined && n.rare?.context === undefined && n.next?.has(CLAUSE_END) !== true;
}

/**
 * Merges the plain junctions a node jumps to (TrieNode.flat), so a walk through a choice costs one
 * lookup per next word, however many templates hang from the words it ends on ("t as", "you").
 * Run once, last, by a shared build: it also finishes every node (its clause end, its word bits,
 * its one next word as a OneEntryMap), so nothing after it may add to a node's words uncopied.
 */
function* flatten(root: Map<string, TrieNode>): Generator<void, void> {
  const seen = new Set<TrieNode>();
  const shared = new Map<string, { flat: Map<string, readonly TrieNode[]> | undefined; rest: TrieNode[] | undefined }>();
  const ids = new Map<TrieNode, number>();
  const idOf = (n: TrieNode) => { let id = ids.get(n); if (id === undefined) ids.set(n, id = ids.size); return id; };
  const assigned: [TrieNode, { flat: Map<string, readonly TrieNode[]> | undefined; rest: TrieNode[] | undefined }][] = [];
  // Most words of a merged map lead to one node, the same node in many maps: one list each serves them all.
  const alone = new Map<TrieNode, readonly TrieNode[]>();
  const aloneOf = (n: TrieNode) => { let l = alone.get(n); if (l === undefined) alone.set(n, l = [n]); return l; };
  const stack: TrieNode[] = [...root.values()];
  // The built-ins' trie has tens of thousands of nodes: the caller may yield to the event loop
  // every STEP nodes (a first compile of a process held it ~60 ms in this walk alone).
  const STEP = 1023;
  let n = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if ((++n & STEP) === 0) yield;
    if (node.next !== undefined) for (const c of node.next.values()) stack.push(c);
    if (node.rare?.gaps !== undefined) for (const g of node.rare.gaps) stack.push(g.node);
    if (node.jumps === undefined) continue;
    for (const j of node.jumps) stack.push(j);
    const key = node.jumps.map(idOf).sort((a, b) => a - b).join(",");
    let done = shared.get(key);
    if (done === undefined) {
      // The plain junctions reachable through plain junctions; the others stay jumps.
      const plain: TrieNode[] = [], rest: TrieNode[] = [];
      const met = new Set<TrieNode>();
      const walk = (j: TrieNode) => {
        if (met.has(j)) return;
        met.add(j);
        if (!plainJunction(j)) { rest.push(j); return; }
        plain.push(j);
        if (j.jumps !== undefined) for (const k of j.jumps) walk(k);
      };
      for (const j of node.jumps) walk(j);
      let flat: Map<string, TrieNode[]> | undefined;
      for (const j of plain) {
        if (j.next === undefined) continue;
        flat ??= new Map();
        for (const [k, c] of j.next) {
          const list = flat.get(k);
          if (list === undefined) flat.set(k, [c]); else if (!list.includes(c)) list.push(c);
        }
      }
      // Kept for the lexicon's life: exact-size lists (an array grown by push keeps room for more).
      const final = flat as Map<string, readonly TrieNode[]> | undefined;
      if (final !== undefined) for (const [k, list] of final) final.set(k, list.length === 1 ? aloneOf(list[0]) : list.slice());
      shared.set(key, done = { flat: final, rest: rest.length > 0 ? rest.slice() : undefined });
    }
    assigned.push([node, done]);
  }
  // Assigned only now: the walks above read every node's jumps as the build left them.
  for (const [node, done] of assigned) { node.flat = done.flat; node.jumps = done.rest; }
  yield;
  // A clause end is a field, not a word to look up on every step of a walk. With the maps final,
  // each node's word bits (a merged map serves many nodes: its bits are taken once), and its one
  // next word, where it has one, kept as a OneEntryMap: the build is done with its maps (a tenant's
  // build over it copies a node before changing it, cloneNode).
  const flatBits = new Map<ReadonlyMap<string, unknown>, number>();
  for (const node of seen) {
    if ((++n & STEP) === 0) yield;
    const end = node.next?.get(CLAUSE_END);
    if (end !== undefined) {
      rareOf(node).end = end;
      edgesOf(node).delete(CLAUSE_END);
      if (node.next!.size === 0) node.next = undefined;
    }
    let fb = 0;
    if (node.flat !== undefined) {
      const known = flatBits.get(node.flat);
      if (known === undefined) flatBits.set(node.flat, fb = wordBitsOf(node.flat)); else fb = known;
    }
    node.words = wordBitsOf(node.next) | fb;
    if (node.next instanceof Map) node.next = compacted(node.next);
  }
}

/** What a term is when no curation names it: the built-in lists' usual entry. */
export const DEFAULT_TAG: Tag = Object.freeze({ category: "insult", severity: 2 });

/** A WordContext with canonical token keys. */
interface Context { before: ReadonlySet<string>; after: ReadonlySet<string> }

interface Entry { tokens: string[]; detail: string; base: string; derived: boolean; split: boolean; tag: Tag }

/**
 * A tenant's word may be written as separate words ("glow up", "Rival Brand", "riv al brand" for
 * "rivalbrand"): 2 to MAX_SPLIT_PIECES whole words of at least MIN_SPLIT_PIECE letters each, at
 * any letter position (the matcher knows no language's words, and disguises split anywhere),
 * separated by spaces or joiners within one sentence. Only words of MIN_SPLIT_LETTERS or more:
 * a shorter word's pieces would be the two- and three-letter words every sentence has ("ki ko",
 * "ca me", "par ce"), so those match split only by a joiner inside one word ("ki-ko", joined()).
 */
const MIN_SPLIT_LETTERS = 6;
const MIN_SPLIT_PIECE = 2;
const MAX_SPLIT_PIECES = 3;
/** Longest phrase or pattern match, in tokens (gaps included); bounds the trie walk per token. */
const MAX_PHRASE_TOKENS = 14;
/** Longest single-letter run read as one spelled-out word ("f u c k", "c.o.n.n.a.r.d"). */
const MAX_SPELLED = 40;
/** Longest spelled word looked for inside such a run. */
const MAX_TERM_LETTERS = 24;

/** The canonical token keys of a term (the same keys `normalize()` gives a message). */
export function termTokens(term: string): string[] {
  // bad-words marks prefixes with "*"; the matcher is whole-word, so the star is dropped.
  const toks = normalize(term.replace(/\*/g, "")).tokens;
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    // A term spelled out in single letters ("f u c k") is stored as the word it spells.
    let j = i;
    while (j < toks.length && toks[j].length === 1) j++;
    if (j - i >= 3) { out.push(toks.slice(i, j).map((t) => t.key).join("")); i = j - 1; continue; }
    out.push(toks[i].key);
  }
  return out;
}

function inflections(key: string, how: Inflection): string[] {
  const out: string[] = [];
  const n = key.length;
  if (how === "fr") {
    if (n >= 4 && !key.endsWith("s")) out.push(key + "s");
    if (n >= 5) {
      out.push(key + "e", key + "es");
      if (key.endsWith("eur")) out.push(key.slice(0, -3) + "euse", key.slice(0, -3) + "euses");
    }
  } else if (how === "en") {
    if (n >= 4 && !key.endsWith("s")) out.push(/(ch|sh|x|z)$/.test(key) ? key + "es" : key + "s");
  } else if (how === "plural") {
    if (n >= 4 && !key.endsWith("s")) out.push(key + "s");
  }
  return out;
}

function isConsonant(ch: string): boolean {
  return ch >= "a" && ch <= "z" && !"aeiouy".includes(ch);
}

/** "fvck", "cvnt", "slvt", "pvte": the "v" written for a "u" between two consonants, or undefined. */
export function vForU(key: string): string | undefined {
  let out = "";
  let changed = false;
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch === "u" && i > 0 && i + 1 < key.length && isConsonant(key[i - 1]) && isConsonant(key[i + 1])) {
      out += "v";
      changed = true;
    } else out += ch;
  }
  return changed ? out : undefined;
}

/** Collects terms, removals and exceptions, then compiles them once into an immutable `Lexicon`. */
export class LexiconBuilder {
  private readonly entries = new Map<string, Entry>();
  private readonly removed = new Set<string>();
  private readonly allowed: string[][] = [];
  private readonly allowedPatterns: (readonly PatternStep[])[] = [];
  private readonly contexts = new Map<string, Context>();
  private readonly tags = new Map<string, Tag>();
  private readonly patterns: { steps: readonly PatternStep[]; detail: string; tag: Tag }[] = [];
  /** Set by noGluedWords(). */
  private gluedOff = false;

  /**
   * With `shared`, the builder only adds words (`add`) over a build of the built-in lists: the
   * result is the lexicon a builder given the same built-ins and then the same words would build.
   */
  constructor(private readonly shared?: SharedLexicon) {}

  /** The entry for `key`: this builder's own, or the shared build's, copied before it may change. */
  private entry(key: string): Entry | undefined {
    return this.entries.get(key) ?? this.shared?.parts.entries.get(key);
  }

  /** Only words may be added over a shared build. */
  private alone(what: string): void {
    if (this.shared !== undefined) throw new Error(`LexiconBuilder: ${what} needs a build of its own, not a shared one`);
  }

  /** Names the category of a term (before `add`): the curation of the built-in lists. */
  categorize(term: string, tag: Tag): void {
    this.alone("categorize");
    const base = termTokens(term).join(" ");
    if (base) this.tags.set(base, tag);
  }

  /** Adds a compiled phrase pattern (see patterns.ts), matched like a phrase. */
  pattern(steps: readonly PatternStep[], detail: string, tag: Tag): void {
    this.alone("pattern");
    this.patterns.push({ steps, detail, tag });
  }

  /**
   * Adds a word or phrase; single words also get the inflections of `how` (and, for the built-in
   * "en"/"fr" lists, their "v for u" spellings: "fvck", "cvnt", "pvte"). With `split`, a single
   * word of MIN_SPLIT_LETTERS or more and its inflections also match written as separate words
   * (a tenant's brand names: "glow up" for "glowup"); the built-in lists are not read that way.
   */
  add(term: string, how: Inflection = "none", split = false, given?: Tag): void {
    const tokens = termTokens(term);
    if (tokens.length === 0) return;
    const base = tokens.join(" ");
    if (base.length < 2) return;
    const tag = given ?? this.tags.get(base) ?? this.shared?.parts.tags.get(base) ?? DEFAULT_TAG;
    const splits = split && tokens.length === 1;
    // A term listed in its own right names itself, even if another term derived it first.
    const own = this.entry(base);
    if (own?.derived !== false) this.entries.set(base, { tokens, detail: base, base, derived: false, split: splits || own?.split === true, tag });
    else if (splits) this.entries.set(base, { ...own, split: true });
    if (tokens.length === 1) {
      for (const form of [tokens[0], ...inflections(tokens[0], how)]) {
        const seen = this.entry(form);
        if (seen === undefined) this.entries.set(form, { tokens: [form], detail: base, base, derived: true, split: splits, tag });
        else if (splits) this.entries.set(form, { ...seen, split: true });
        // The built-in lists (inflected "en"/"fr") also get their "v for u" spellings; a tenant's own
        // terms do not, so a 10,000-term tenant list stays as small as the manager wrote it.
        const v = how === "en" || how === "fr" ? vForU(form) : undefined;
        if (v !== undefined && this.entry(v) === undefined) this.entries.set(v, { tokens: [v], detail: base, base, derived: true, split: false, tag });
      }
    }
  }

  /** Turns off the reading of phrases written as one word (GluedWords): for comparisons, and a way out. */
  noGluedWords(): void {
    this.alone("noGluedWords");
    this.gluedOff = true;
  }

  /** Drops a term (and the forms derived from it) from the lexicon. */
  remove(term: string): void {
    this.alone("remove");
    const base = termTokens(term).join(" ");
    if (base) this.removed.add(base);
  }

  /** An exception: the term is removed, and any hit inside a match of it never fires. */
  allow(term: string): void {
    this.alone("allow");
    const tokens = termTokens(term);
    if (tokens.length === 0) return;
    this.removed.add(tokens.join(" "));
    this.allowed.push(tokens);
  }

  /** An innocent reading given as a compiled pattern ("to die for"): any hit inside a match of it never fires. */
  allowPattern(steps: readonly PatternStep[]): void {
    this.alone("allowPattern");
    this.allowedPatterns.push(steps);
  }

  /** Words held on their own only in the context `ctx` gives (see WordContext). */
  ambiguous(ctx: WordContext): void {
    this.alone("ambiguous");
    const keys = (words: readonly string[]) => new Set(words.map((w) => termTokens(w).join(" ")));
    const context: Context = { before: keys(ctx.before), after: keys(ctx.after) };
    for (const w of ctx.words) {
      const tokens = termTokens(w);
      if (tokens.length === 1) this.contexts.set(tokens[0], context);
    }
  }

  /** Compiles in one go. */
  build(): Lexicon {
    const it = this.buildSteps();
    for (;;) {
      const r = it.next();
      if (r.done) return r.value;
    }
  }

  /** Compiles in small steps: the caller may yield to the event loop at each `yield`. */
  *buildSteps(): Generator<void, Lexicon> {
    if (this.shared !== undefined) return yield* this.overSteps(this.shared.parts);
    return (yield* this.buildShared()).lexicon;
  }

  /** Compiles in small steps, keeping what a builder given this one as `shared` needs. */
  *buildShared(): Generator<void, SharedLexicon> {
    this.alone("buildShared");
    const patternEnds = new Set<TrieNode>();
    const root = new Map<string, TrieNode>();
    const vocab = new Map<string, string[]>();
    const masks = new Map<number, string[]>();
    const splitWords: string[] = [];
    let size = 0;
    // Removing a word removes its plural and feminine forms too, however they were listed.
    const removed = new Set(this.removed);
    for (const r of this.removed) {
      if (r.includes(" ")) continue;
      for (const how of ["fr", "en"] as const) for (const form of inflections(r, how)) removed.add(form);
    }
    const edge = (map: Map<string, TrieNode>, t: string): TrieNode => {
      let node = map.get(t);
      if (!node) {
        node = newNode();
        node.flags = NodeFlag.Pattern;
        map.set(t, node);
        const c = collapse(t);
        const seen = vocab.get(c);
        if (!seen) vocab.set(c, [t]); else if (!seen.includes(t)) seen.push(t);
      }
      return node;
    };
    /**
     * Inserts pattern steps after the nodes of `from` (undefined: the root) and answers the nodes
     * where they end. A gap is a node of its own (one per width and node, so widths never mix); a
     * choice's alternatives end on one shared node through `jumps`.
     */
    // Choices are shared by what they say, not by where they were written: "{je|j}" in twenty
    // templates is one set of edges and one junction from each place it starts.
    const built = new Map<string, Map<string, TrieNode[]>>();
    const choiceKeys = new WeakMap<readonly (readonly PatternStep[])[], string>();
    const choiceKey = (c: readonly (readonly PatternStep[])[]) => { let k = choiceKeys.get(c); if (k === undefined) choiceKeys.set(c, k = JSON.stringify(c)); return k; };
    const ids = new Map<TrieNode, number>();
    const idOf = (node: TrieNode) => { let id = ids.get(node); if (id === undefined) ids.set(node, id = ids.size); return id; };
    const build = (steps: readonly PatternStep[], from: TrieNode[] | undefined): TrieNode[] => {
      let at = from;
      const extra: TrieNode[] = [];
      for (let idx = 0; idx < steps.length; idx++) {
        const step = steps[idx];
        if ("word" in step) {
          const out = new Set<TrieNode>();
          if (at === undefined) out.add(edge(root, step.word));
          else for (const n of at) out.add(edge(edgesOf(n), step.word));
          at = [...out];
        } else if ("gap" in step) {
          if (at === undefined || step.gap === 0) continue;
          const out = new Set<TrieNode>();
          for (const n of at) {
            const gaps = rareOf(n).gaps ??= [];
            let g = gaps.find((x) => x.max === step.gap);
            if (!g) gaps.push(g = { max: step.gap, node: newNode() });
            out.add(g.node);
          }
          at = [...out];
        } else {
          // At the very start a match must begin on a word of the root: an alternative that may be
          // empty there means the rest of the pattern may also start on its own.
          if (at === undefined && step.choice.some(nullable)) extra.push(...build(steps.slice(idx + 1), undefined));
          // The same choice (a shared slot) from the same nodes was built before: its junction serves again.
          const key = at === undefined ? "root" : at.map(idOf).sort((x, y) => x - y).join(",");
          let byFrom = built.get(choiceKey(step.choice));
          const seen = byFrom?.get(key);
          if (seen !== undefined) { at = seen; continue; }
          const ends = new Set<TrieNode>();
          for (const o of step.choice) for (const e of build(o, at)) ends.add(e);
          if (ends.size <= 1) at = [...ends];
          else {
            const join = newNode();
            for (const e of ends) (e.jumps ??= []).push(join);
            at = [join];
          }
          if (!byFrom) built.set(choiceKey(step.choice), byFrom = new Map());
          byFrom.set(key, at);
        }
      }
      return [...(at ?? []), ...extra];
    };
    const insertPattern = (steps: readonly PatternStep[]): TrieNode[] => build(steps, undefined);
    const insert = (tokens: string[]): TrieNode => {
      let map = root;
      let node: TrieNode | undefined;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        node = map.get(t);
        if (!node) {
          node = newNode();
          map.set(t, node);
          const c = collapse(t);
          const seen = vocab.get(c);
          if (!seen) vocab.set(c, [t]); else if (!seen.includes(t)) seen.push(t);
        }
        if (i < tokens.length - 1) map = edgesOf(node);
      }
      return node!;
    };
    // The words the phrases worth reading glued start and end with (GluedWords).
    const gluedPhrases: [string[], string[]][] = [];
    let done = 0;
    for (const e of this.entries.values()) {
      if ((++done & 255) === 0) yield;
      if (removed.has(e.base) || removed.has(e.tokens.join(" "))) continue;
      if (e.tokens.length > 1 && GLUED_CATEGORIES.has(e.tag.category)) gluedPhrases.push([[e.tokens[0]!], [e.tokens[e.tokens.length - 1]!]]);
      const node = insert(e.tokens);
      if (node.detail === undefined) { node.detail = e.detail; node.tag = e.tag; size++; }
      // A listed threat or incitement phrase is read like a pattern: not after a negation, not quoted.
      if (e.tokens.length > 1 && GUARDED.has(e.tag.category)) node.flags |= NodeFlag.Guarded;
      const w = e.tokens[0];
      if (e.split && e.tokens.length === 1 && w.length >= MIN_SPLIT_LETTERS) {
        node.flags |= NodeFlag.Split;
        splitWords.push(w);
      }
      if (e.tokens.length === 1 && w.length >= 3) {
        const bucket = shapeOf(w);
        const list = masks.get(bucket);
        if (!list) masks.set(bucket, [w]); else list.push(w);
      }
    }
    for (const p of this.patterns) {
      yield;
      // A pattern that must start a clause ("^") is stored from its first word like any other,
      // and its end asks where the match began: no walk is spent on clause starts.
      const atStart = p.steps.length > 0 && "word" in p.steps[0] && p.steps[0].word === CLAUSE_START;
      if (GLUED_CATEGORIES.has(p.tag.category)) {
        const firsts = new Set<string>(), lasts = new Set<string>();
        edgeWords(p.steps, true, firsts);
        edgeWords(p.steps, false, lasts);
        gluedPhrases.push([[...firsts], [...lasts]]);
      }
      // A listed word or phrase keeps its own name; a pattern only fills an empty end.
      for (const node of insertPattern(atStart ? p.steps.slice(1) : p.steps)) {
        if (node.detail === undefined) { node.detail = p.detail; node.tag = p.tag; setFlag(node, NodeFlag.StartOnly, atStart); }
        else if (!atStart) setFlag(node, NodeFlag.StartOnly, false);
        node.flags |= NodeFlag.Guarded;
        patternEnds.add(node);
      }
      size++;
    }
    for (const tokens of this.allowed) insert(tokens).flags |= NodeFlag.Allow;
    for (const steps of this.allowedPatterns) for (const node of insertPattern(steps)) node.flags |= NodeFlag.Allow;
    for (const [key, ctx] of this.contexts) {
      const node = root.get(key);
      if (node !== undefined) rareOf(node).context = ctx;
    }
    const look: Lookahead = { pairs: new Uint32Array(PAIR_BITS / 32), triples: new Uint32Array(TRIPLE_BITS / 32) };
    let roots = 0;
    for (const [k, node] of root) {
      if ((++roots & 255) === 0) yield;
      if (node.detail === undefined && (node.flags & NodeFlag.Allow) === 0) setFlag(node, NodeFlag.Follow, followers(node, fingerprint(k), look));
    }
    yield;
    yield* flatten(root);
    yield;
    // Every word the trie holds is in vocab's lists; the phrases' first and last words are gluedPhrases'.
    const glued = this.gluedOff ? undefined : GluedWords.of(wordsOf(vocab), gluedPhrases, isWordOf(vocab));
    yield;
    const lexicon = new CompiledLexicon(root, vocab, undefined, masks, splitWords.length > 0 ? splitIndex(splitWords) : undefined, size, look, glued);
    return { lexicon, parts: { root, vocab, masks, size, look, entries: this.entries, removed, contexts: this.contexts, tags: this.tags, patternEnds, glued } };
  }

  /**
   * Lays this builder's words over a shared build: the same lexicon a full build would make, as
   * long as only words were added (the entries come first in a build, so a word's node takes the
   * word's name over a pattern's, and is no pattern's node).
   */
  private *overSteps(parts: SharedParts): Generator<void, Lexicon> {
    const root = new Map(parts.root);
    // The shared build's vocab is read, not copied: this build keeps only the lists its words change.
    const vocab = parts.vocab;
    const ownVocab = new Map<string, readonly string[]>();
    const masks = new Map(parts.masks) as Map<number, readonly string[]>;
    const splitWords: string[] = [];
    const owned = new Set<TrieNode>();
    // The shared build's lists are copied once before this build adds to them.
    const ownLists = new Set<readonly string[]>();
    const addTo = <K>(map: Map<K, readonly string[]>, k: K, word: string, shared?: ReadonlyMap<K, readonly string[]>): void => {
      const list = map.get(k) ?? shared?.get(k);
      if (list === undefined) { const fresh = [word]; ownLists.add(fresh); map.set(k, fresh); }
      else if (ownLists.has(list)) (list as string[]).push(word);
      else { const copy = [...list, word]; ownLists.add(copy); map.set(k, copy); }
    };
    let size = parts.size;
    /** The node of `key` in `map`, this build's own: copied from the shared build, or new. */
    const own = (map: Map<string, TrieNode>, key: string): TrieNode => {
      let node = map.get(key);
      if (node === undefined) {
        node = newNode();
        const c = collapse(key);
        if ((ownVocab.get(c) ?? vocab.get(c))?.includes(key) !== true) addTo(ownVocab, c, key, vocab);
        const ctx = map === root ? parts.contexts.get(key) : undefined;
        if (ctx !== undefined) node.rare = { gaps: undefined, end: undefined, context: ctx };
      } else if (!owned.has(node)) {
        node = cloneNode(node);
        // A word's own path is made by the word (entries come before patterns in a build).
        setFlag(node, NodeFlag.Pattern, false);
        // Its follow filter knew only the shared paths: a root word on this path walks always.
        setFlag(node, NodeFlag.Follow, false);
      } else return node;
      owned.add(node);
      map.set(key, node);
      return node;
    };
    let done = 0;
    for (const [key, e] of this.entries) {
      if ((++done & 255) === 0) yield;
      if (parts.removed.has(e.base) || parts.removed.has(key)) continue;
      let map = root;
      let node: TrieNode | undefined;
      let wasPatternEnd = false;
      for (let i = 0; i < e.tokens.length; i++) {
        const before = map.get(e.tokens[i]);
        wasPatternEnd = before !== undefined && parts.patternEnds.has(before);
        node = own(map, e.tokens[i]);
        if (i < e.tokens.length - 1) map = edgesOf(node);
      }
      const n = node!;
      // Whether the shared build gave this node the same key's name already (counted, masked).
      const prior = parts.entries.get(key);
      const named = prior !== undefined && !parts.removed.has(prior.base) && !parts.removed.has(key);
      if (!named) size++;
      n.detail = e.detail;
      n.tag = e.tag;
      setFlag(n, NodeFlag.StartOnly, false);
      setFlag(n, NodeFlag.Guarded, wasPatternEnd || (e.tokens.length > 1 && GUARDED.has(e.tag.category)));
      const w = e.tokens[0];
      const split = e.split && e.tokens.length === 1 && w.length >= MIN_SPLIT_LETTERS;
      setFlag(n, NodeFlag.Split, split);
      if (split) splitWords.push(w);
      if (!named && e.tokens.length === 1 && w.length >= 3) addTo(masks, shapeOf(w), w);
    }
    yield;
    // The nodes this build copied or made get the bits of the words it added: a copy keeps its
    // shared node's bits (its merged map is the shared one, and words are only ever added).
    for (const node of owned) {
      if ((++done & 1023) === 0) yield;
      if (node.next !== undefined) node.words |= wordBitsOf(node.next);
    }
    // A word alone in its list goes without saying (CompiledLexicon.stretchedKeys): most of a tenant's words.
    const changed = new Map<string, readonly string[]>();
    for (const [c, list] of ownVocab) if (list.length !== 1 || list[0] !== c || vocab.has(c)) changed.set(c, list);
    return new CompiledLexicon(root, vocab, changed.size > 0 ? changed : undefined, masks as Map<number, string[]>, splitWords.length > 0 ? splitIndex(splitWords) : undefined, size, parts.look, parts.glued);
  }
}


/** Bits of the shape-pair filter (CompiledLexicon.pairs): 2^18, some 32 KB (phrase patterns start with many word pairs). */
const PAIR_BITS = 1 << 18;

/** A pair of word shapes hashed into PAIR_BITS. */
function pairOf(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 14;
}

/** Number of word shapes: lengths 0..31 (longer ones share 31) × first letter × last letter (a–z or other). */
const SHAPES = 32 * 27 * 27;

function letterSlot(c: number): number {
  return c >= 97 && c <= 122 ? c - 97 : 26;
}

/** The shape of a word of `length` letters from `first` to `last` (char codes). */
function shape(length: number, first: number, last: number): number {
  return ((length < 31 ? length : 31) * 27 + letterSlot(first)) * 27 + letterSlot(last);
}

/** The shape of a token key: a cheap fingerprint checked before any hash lookup. */
function shapeOf(key: string): number {
  return shape(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1));
}

function hasShape(bits: Uint32Array, key: string): boolean {
  const s = shapeOf(key);
  return (bits[s >>> 5] & (1 << (s & 31))) !== 0;
}

/**
 * The words that also match written as separate words, as bit sets: their first letters, their
 * shapes, and 32-bit FNV-1a hashes of their letters and of the prefixes a first piece or two may
 * be (about 16 bits per entry, so some 6% of other pieces pass each hash test).
 */
interface SplitIndex {
  firsts: number;
  shapes: Uint32Array;
  prefixes: Uint32Array;
  prefixMask: number;
  words: Uint32Array;
  wordMask: number;
}


function splitIndex(list: readonly string[]): SplitIndex {
  const shapes = new Uint32Array(SHAPES / 32);
  let prefixCount = 0;
  for (const w of list) prefixCount += w.length - 2 * MIN_SPLIT_PIECE + 1;
  const words = bloomBits(list.length), prefixes = bloomBits(prefixCount);
  const wordMask = words.length * 32 - 1, prefixMask = prefixes.length * 32 - 1;
  let firsts = 0;
  for (const w of list) {
    firsts |= 1 << letterSlot(w.charCodeAt(0));
    setBit(shapes, shapeOf(w));
    let h = FNV_OFFSET;
    for (let k = 0; k < w.length; k++) {
      h = Math.imul(h ^ w.charCodeAt(k), 0x01000193) >>> 0;
      // Every first piece, or first two pieces, leaves at least one piece of MIN_SPLIT_PIECE letters.
      if (k + 1 >= MIN_SPLIT_PIECE && w.length - (k + 1) >= MIN_SPLIT_PIECE) setBit(prefixes, h & prefixMask);
    }
    setBit(words, h & wordMask);
  }
  return { firsts, shapes, prefixes, prefixMask, words, wordMask };
}

/** A compiled, immutable lexicon. */
export interface Lexicon {
  /** Number of distinct terms and derived forms. */
  readonly size: number;
  /**
   * Whole-word hits in an already normalised message. With `skip`, as if the terms and patterns
   * it answers true for (by detail and category) were not listed: what they covered comes out (a
   * template the category model overruled gives back the listed word inside it).
   */
  match(norm: NormalizedText, skip?: (detail: string, category: Tag["category"]) => boolean): FilterHit[];
}

interface Span { fs: number; fe: number; detail: string; tag: Tag }

/**
 * The categories a phrase written as one word is held for: what people glue to get abuse past a
 * filter. Not profanity (« putaindemerde » is a swear word, not an attack), a competitor's name or
 * contact details (read from the text by their own stages).
 */
const GLUED_CATEGORIES: ReadonlySet<string> = new Set(["insult", "hate", "threat", "selfHarm", "sexual"]);

/**
 * The most cuts walked in one message, all its words together: a message of words made to cut many
 * ways ("youyouyou…" twenty-five times) costs at most that many walks (a millisecond or two), where
 * an ordinary message walks none or one.
 */
const GLUED_WALKS_MAX = 64;
/** The most words of one message cut (past the letter tables): 8, where an ordinary message has one at most. */
const GLUED_WORDS_MAX = 8;

/**
 * The words a pattern may start with (`first`) or end with, into `out`: through its choices'
 * alternatives, past its gaps and the alternatives that may be empty, clause marks left out.
 */
function edgeWords(steps: readonly PatternStep[], first: boolean, out: Set<string>): boolean {
  for (let n = 0; n < steps.length; n++) {
    const step = steps[first ? n : steps.length - 1 - n]!;
    if ("word" in step) {
      if (step.word === CLAUSE_START || step.word === CLAUSE_END) continue;
      out.add(step.word);
      return true;
    }
    if ("gap" in step) continue;
    let all = true;
    for (const alt of step.choice) if (!edgeWords(alt, first, out)) all = false;
    if (all) return true;
  }
  return false;
}

/**
 * Whether a word is one of a shared build's trie, by its vocab. A function of its own, not a closure
 * made in buildShared: that one would keep the whole build's scope (its junction maps, megabytes) alive.
 */
function isWordOf(vocab: ReadonlyMap<string, readonly string[]>): (w: string) => boolean {
  return (w) => vocab.get(collapse(w))?.includes(w) === true;
}

/** Every word of a shared build's trie: vocab lists each under its collapsed form. */
function* wordsOf(vocab: ReadonlyMap<string, readonly string[]>): Generator<string> {
  for (const list of vocab.values()) yield* list;
}

/** What one `match` call has found so far. */
interface Found { readonly norm: NormalizedText; readonly toks: readonly WordToken[]; readonly hits: Span[]; readonly allows: Span[] }

class CompiledLexicon implements Lexicon {
  constructor(
    private readonly root: Map<string, TrieNode>,
    /** collapsed form → stored keys, to read emphasis ("fuuuck", "conaaard") back to a term (see stretchedKeys). */
    private readonly vocab: ReadonlyMap<string, readonly string[]>,
    /** A tenant's build over a shared one: vocab's lists its words changed (see stretchedKeys). */
    private readonly ownVocab: ReadonlyMap<string, readonly string[]> | undefined,
    /** shape (length, first and last letter) → single-word keys, to resolve masks ("f*ck") without a scan. */
    private readonly masks: Map<number, string[]>,
    /** The words that match written as separate words; undefined when there are none. */
    private readonly splits: SplitIndex | undefined,
    readonly size: number,
    /** The next two words of the root words that only start phrases (see Lookahead). */
    private readonly look: Lookahead,
    /** Phrases written as one word ("killyourself"): undefined when the build turned the reading off. */
    private readonly glued: GluedWords | undefined,
  ) {
    // Words only patterns start with ("je", "the", "you") are kept apart: the spelled-out and
    // joined readings look for terms alone, and need not meet them.
    this.keys = bloomBits(root.size);
    const keyMask = this.keys.length * 32 - 1;
    for (const [k, node] of root) {
      setBit(this.keys, fingerprint(k) & keyMask);
      const sk = shapeOf(k);
      if ((node.flags & NodeFlag.Pattern) === 0) this.starts[sk >>> 5] |= 1 << (sk & 31);
      // The main walk: a word that ends something (or may be followed by anything) always; one
      // that only starts phrases, when the next two words' shapes are among its followers' (mayFollow).
      if ((node.flags & NodeFlag.Follow) === 0) this.always[sk >>> 5] |= 1 << (sk & 31);
      else this.leads[sk >>> 5] |= 1 << (sk & 31);
    }
    Object.freeze(this);
  }

  /** Bit set of the shapes (length, first and last letter) of every first token of a term or phrase. */
  private readonly starts = new Uint32Array(SHAPES / 32);
  /** Fingerprints of every root word, hashed: most words that pass the shape filters are no root word, and a bit test is cheaper than a miss in the root map. */
  private readonly keys: Uint32Array;
  /** Shapes of the root words the walk always starts from (they end a term, or anything may follow). */
  private readonly always = new Uint32Array(SHAPES / 32);
  /** Shapes of the root words that only start phrases (TrieNode.follow): their next words are looked at first. */
  private readonly leads = new Uint32Array(SHAPES / 32);

  match(norm: NormalizedText, skip?: (detail: string, category: Tag["category"]) => boolean): FilterHit[] {
    const toks = norm.tokens;
    const acc: Found = { norm, toks, hits: [], allows: [] };
    const starts = this.starts, f = norm.folded;
    // Noted on the way, so the passes below that need them run only when there is something to read:
    // two one-letter words in a row (spelled-out words), a single joiner between two words ("con-nard").
    let singles = false, joinable = false, long = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.length >= GLUED_MIN) long = true;
      if (t.length === 1 && i > 0 && toks[i - 1].length === 1) singles = true;
      if (!joinable && i + 1 < toks.length && toks[i + 1].s - t.e === 1 && isJoiner(f.charCodeAt(t.e))) joinable = true;
      // A plain word whose length and end letters begin no term needs no hash lookup at all.
      const plain = t.alts === undefined && t.collapsed === undefined;
      let found: boolean;
      if (!plain) found = this.step(this.root, acc, i, i);
      else if (t.maskKey === undefined) {
        // The usual word: its shape, then its fingerprint, then (for a word that only starts
        // phrases) the next two words' fingerprints rule out most words before any lookup.
        this.plainWord(t, acc, i);
        continue;
      }
      else if (!hasShape(starts, t.key) && !hasShape(this.always, t.key)) found = false;
      else if (!hasBit(this.keys, t.fp & (this.keys.length * 32 - 1))) found = false;
      else {
        // A plain word has one reading: one lookup, then the walk from its node.
        const node = this.root.get(t.key);
        if (node === undefined) found = false;
        // A word that starts only phrases, followed by words none of them goes on with: nothing to walk.
        else if ((node.flags & NodeFlag.Follow) !== 0 && !mayFollow(this.look, t.fp, toks[i + 1], toks[i + 2])) found = true;
        else found = this.visit(node, acc, i, i);
      }
      if (!found && t.maskKey !== undefined) this.unmask(t.maskKey, t.s, t.e, acc.hits);
    }
    // Phrases written as one word ("killyourself", « vatependre »): only long plain words, few of which cut into phrase words.
    if (long && this.glued !== undefined) this.gluedWords(toks, acc);
    // Phrases and patterns spelled out letter by letter ("k i l l  y o u r s e l f", "v.a t.e p.e.n.d.r.e").
    const respelled = singles ? norm.respelled() : undefined;
    if (respelled !== undefined) {
      const again: Found = { norm, toks: respelled, hits: acc.hits, allows: acc.allows };
      // Only walks that can reach a respelled word: starting at most a phrase's length before one.
      let nextMerged = -1;
      for (let i = respelled.length - 1; i >= 0; i--) {
        if (respelled[i].length > 1 && respelled[i].e - respelled[i].s > respelled[i].length) nextMerged = i;
        if (nextMerged >= 0 && nextMerged - i < MAX_PHRASE_TOKENS) this.step(this.root, again, i, i);
      }
    }
    // A spelled run has two one-letter words in a row; a joined word, a joiner right after a word.
    if (singles) this.spelled(norm, acc.hits);
    if (joinable) this.joined(norm, acc.hits);
    if (this.splits !== undefined) this.separate(norm, this.splits, acc.hits);
    if (acc.hits.length === 0) return [];
    return finish(norm, skip === undefined ? acc.hits : acc.hits.filter((h) => !skip(h.detail, h.tag.category)), acc.allows);
  }

  /** The message's long plain words read as glued phrases (gluedAt), the listed ones ("niquetamere") left as they were read. */
  private gluedWords(toks: readonly WordToken[], acc: Found): void {
    const keyMask = this.keys.length * 32 - 1;
    const budget = { walks: GLUED_WALKS_MAX, programmes: GLUED_WORDS_MAX };
    for (let i = 0; i < toks.length && budget.walks > 0; i++) {
      const t = toks[i];
      // Only a key that is the word as written, letter for letter (a doubled vowel is; a run of three is rebuilt).
      if (t.length < GLUED_MIN || t.e - t.s !== t.length || t.alts !== undefined || t.maskKey !== undefined) continue;
      // The letter tables first: most long words stop there, before anything is allocated for them.
      if (!this.glued!.mayCut(t.key) || (hasBit(this.keys, t.fp & keyMask) && this.root.has(t.key))) continue;
      this.gluedAt(toks, i, acc, budget);
    }
  }

  /**
   * Word `i` read as the words it may be glued from: each cut is put in the message in its place
   * and the trie walked from its first piece, so what surrounds the word counts as it does spaced
   * out (a negation before it, quotation, a clause's start or end). Only phrases of
   * GLUED_CATEGORIES that cover the whole word are kept: a phrase inside a word with letters left
   * over ("gotohellskitchen", « déconsignés ») is a word inside a word, which the lexicon never
   * reads ("Scunthorpe"). The first cut that holds something is enough.
   */
  private gluedAt(toks: readonly WordToken[], i: number, acc: Found, budget: { walks: number; programmes: number }): void {
    const t = toks[i];
    // The cut is walked among the words around it only: what a walk from word i reads (a negation
    // or a quotation's reporting word before it, a phrase after it) stands within these, and a long
    // message's every cut no longer copies all its words.
    const lo = Math.max(0, i - GLUED_BEHIND), hi = Math.min(toks.length, i + 1 + GLUED_AHEAD);
    const before = toks.slice(lo, i), after = toks.slice(i + 1, hi), at0 = i - lo;
    this.glued!.eachCut(t.key, (pieces) => {
      if (--budget.walks < 0) return true;
      const segs: WordToken[] = [];
      let at = t.s;
      for (const p of pieces) {
        segs.push({ s: at, e: at + p.length, key: p, fp: fingerprint(p), alts: undefined, collapsed: undefined, maskKey: undefined, length: p.length });
        at += p.length;
      }
      const found: Found = { norm: acc.norm, toks: before.concat(segs, after), hits: [], allows: [] };
      this.step(this.root, found, at0, at0);
      let held = false;
      for (const h of found.hits) {
        if (h.fs === t.s && h.fe === t.e && GLUED_CATEGORIES.has(h.tag.category)) { acc.hits.push(h); held = true; }
      }
      if (held) acc.allows.push(...found.allows);
      return held;
    }, budget);
  }

  /** The walk from a plain, unmasked word `t` (token `i`), if some root word may start one there. */
  private plainWord(t: WordToken, acc: Found, i: number): void {
    const key = t.key;
    const sk = shapeOf(key);
    const keys = this.keys;
    let node: TrieNode | undefined;
    if ((this.always[sk >>> 5] & (1 << (sk & 31))) !== 0) {
      const fp = t.fp;
      if (!hasBit(keys, fp & (keys.length * 32 - 1)) || (node = this.root.get(key)) === undefined) return;
      // A word that starts only phrases, sharing its shape with one that ends a term.
      if ((node.flags & NodeFlag.Follow) !== 0 && !mayFollow(this.look, fp, acc.toks[i + 1], acc.toks[i + 2])) return;
    } else {
      if ((this.leads[sk >>> 5] & (1 << (sk & 31))) === 0) return;
      const fp = t.fp;
      // Every root word of this shape only starts phrases: the next words decide before the lookup.
      // No test of `keys` first: most words of these shapes are such root words ("je", "the",
      // "you"), so it passes nearly all of them, and its bit is one more cache line of a big table.
      if (!mayFollow(this.look, fp, acc.toks[i + 1], acc.toks[i + 2])) return;
      if ((node = this.root.get(key)) === undefined) return;
    }
    this.visit(node, acc, i, i);
  }

  /** Follows every edge of `map` that token `at` can stand for; answers whether any existed. */
  private step(map: ReadonlyMap<string, TrieNode>, acc: Found, first: number, at: number, clause = false): boolean {
    const t = acc.toks[at];
    let found = this.visit(pass(map.get(t.key), clause), acc, first, at);
    if (t.alts !== undefined) {
      for (const alt of t.alts) found = this.visit(pass(map.get(alt), clause), acc, first, at) || found;
    }
    if (t.collapsed !== undefined) {
      const keys = this.stretchedKeys(t.collapsed);
      if (keys !== undefined) {
        for (const k of keys) if (k !== t.key) found = this.visit(pass(map.get(k), clause), acc, first, at) || found;
      } else if (t.collapsed !== t.key) found = this.visit(pass(map.get(t.collapsed), clause), acc, first, at) || found;
    }
    return found;
  }

  /**
   * The stored keys that collapse to `c`; undefined when at most `c` itself may be one. A tenant's
   * build leaves out the lists of a word alone (the collapsed form of most words is the word), and
   * looking up `c` itself where no key collapses to it only misses, so either reading is the same.
   */
  private stretchedKeys(c: string): readonly string[] | undefined {
    return this.ownVocab?.get(c) ?? this.vocab.get(c);
  }

  /** step() over a flattened junction map (TrieNode.flat): each word may lead to several nodes. */
  private stepFlat(map: Map<string, readonly TrieNode[]>, acc: Found, first: number, at: number, clause: boolean): void {
    const t = acc.toks[at];
    this.visitAll(map.get(t.key), acc, first, at, clause);
    if (t.alts !== undefined) for (const alt of t.alts) this.visitAll(map.get(alt), acc, first, at, clause);
    if (t.collapsed !== undefined) {
      const keys = this.stretchedKeys(t.collapsed);
      if (keys !== undefined) { for (const k of keys) if (k !== t.key) this.visitAll(map.get(k), acc, first, at, clause); }
      else if (t.collapsed !== t.key) this.visitAll(map.get(t.collapsed), acc, first, at, clause);
    }
  }

  private visitAll(list: readonly TrieNode[] | undefined, acc: Found, first: number, at: number, clause: boolean): void {
    if (list !== undefined) for (let i = 0; i < list.length; i++) this.visit(pass(list[i], clause), acc, first, at);
  }

  /** Records what `node` ends (a term, an allowed phrase) and walks on to longer phrases. */
  private visit(node: TrieNode | undefined, acc: Found, first: number, last: number): boolean {
    if (node === undefined) return false;
    const { toks } = acc;
    const flags = node.flags, rare = node.rare;
    if (node.detail !== undefined && (rare?.context === undefined || inContext(rare.context, acc.norm, toks, first))
      && ((flags & NodeFlag.StartOnly) === 0 || first === 0 || !sameClause(acc.norm.folded, toks[first - 1].e, toks[first].s))
      && ((flags & NodeFlag.Guarded) === 0 || !silenced(acc.norm, toks, first, last))) {
      acc.hits.push({ fs: toks[first].s, fe: toks[last].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
    }
    if ((flags & NodeFlag.Allow) !== 0) acc.allows.push({ fs: toks[first].s, fe: toks[last].e, detail: "", tag: DEFAULT_TAG });
    if (rare?.end !== undefined && (last + 1 >= toks.length || !sameClause(acc.norm.folded, toks[last].e, toks[last + 1].s))) this.visit(rare.end, acc, first, last);
    const next = node.next, flat = node.flat;
    // Whether the walk may read the next word, and across a clause mark: asked once for both maps.
    let on = false, clause = false;
    if ((next !== undefined || flat !== undefined) && last + 1 < toks.length && last - first + 1 < MAX_PHRASE_TOKENS && !sentenceBreak(acc.norm, toks[last], toks[last + 1])) {
      // A word with one reading whose bit is clear is in neither map (see TrieNode.words).
      const t = toks[last + 1];
      on = t.alts !== undefined || t.collapsed !== undefined || (node.words & (1 << (t.fp & 31))) !== 0;
      if (on) clause = clauseMark(acc.norm.folded, toks[last].e, toks[last + 1].s);
    }
    if (on && next !== undefined) this.step(next, acc, first, last + 1, clause);
    if (rare?.gaps !== undefined) for (const g of rare.gaps) this.skip(g, acc, first, last);
    if (on && flat !== undefined) this.stepFlat(flat, acc, first, last + 1, clause);
    if (node.jumps !== undefined) for (const j of node.jumps) this.visit(j, acc, first, last);
    return true;
  }

  /**
   * A pattern's gap: the words after `last` may be skipped, up to `g.max` of them, within one
   * sentence; a negation is never skipped ("je vais pas te frapper", "I'm not going to hurt you").
   */
  private skip(g: Gap, acc: Found, first: number, last: number): void {
    const toks = acc.toks;
    for (let k = 0; k <= g.max; k++) {
      const skipped = last + k;
      if (k > 0) {
        if (skipped >= toks.length || skipped - first + 1 >= MAX_PHRASE_TOKENS) return;
        if (sentenceBreak(acc.norm, toks[skipped - 1], toks[skipped]) || NEGATIONS.has(toks[skipped].key)) return;
        if (clauseMark(acc.norm.folded, toks[skipped - 1].e, toks[skipped].s)) return;
      }
      this.visit(g.node, acc, first, skipped);
    }
  }

  /** "f*ck", "p**e", "sh#t": a masked word matches a term of the same length, first and last letter. */
  private unmask(k: string, fs: number, fe: number, hits: Span[]): void {
    // Character codes, not one-character strings (42 is "*"): a joined key is a fresh concatenation.
    const n = k.length;
    if (n < 3 || k.charCodeAt(0) === 42 || k.charCodeAt(n - 1) === 42) return;
    let masked = 0;
    for (let i = 0; i < n; i++) if (k.charCodeAt(i) === 42) masked++;
    // Mostly-hidden words ("c*****d") could be anything; at least half the letters must show.
    if (masked * 2 > n) return;
    const list = this.masks.get(shapeOf(k));
    if (list === undefined) return;
    for (const w of list) {
      let ok = w.length === n;
      for (let i = 1; i < n - 1 && ok; i++) { const c = k.charCodeAt(i); if (c !== 42 && c !== w.charCodeAt(i)) ok = false; }
      const node = ok ? this.root.get(w) : undefined;
      if (node?.detail !== undefined) { hits.push({ fs, fe, detail: node.detail, tag: node.tag ?? DEFAULT_TAG }); return; }
    }
  }

  /** Runs of one-letter tokens ("f u c k", "c.o.n.n.a.r.d") read as the word they spell. */
  private spelled(norm: NormalizedText, hits: Span[]): void {
    const toks = norm.tokens;
    const f = norm.folded;
    let i = 0;
    while (i < toks.length) {
      if (toks[i].length !== 1) { i++; continue; }
      let j = i + 1;
      while (j < toks.length && toks[j].length === 1 && j - i < MAX_SPELLED && isLetterGap(f, toks[j - 1].e, toks[j].s)) j++;
      if (j - i >= 3) this.segment(norm, i, j, hits);
      i = j;
    }
  }

  /**
   * Greedy longest-first reading of a spelled run, so "f u c k y o u" still finds "fuck". A lone
   * "1" reads as "i", and also as "l" in a second reading ("s.a.1.o.p.e").
   */
  private segment(norm: NormalizedText, from: number, to: number, hits: Span[]): void {
    const toks = norm.tokens;
    let word = "", other: string | undefined;
    for (let k = from; k < to; k++) {
      const alt = toks[k].alts?.[0];
      if (alt !== undefined && other === undefined) other = word;
      word += toks[k].key;
      if (other !== undefined) other += alt ?? toks[k].key;
    }
    this.read(norm, from, word, hits);
    if (other !== undefined) this.read(norm, from, other, hits);
  }

  /** One reading of a spelled run: `word` has one letter per token from token `from` on. */
  private read(norm: NormalizedText, from: number, word: string, hits: Span[]): void {
    const toks = norm.tokens;
    // changes[i]: letters of word[0..i] once repeats are collapsed, minus one; so the collapsed
    // length of any slice is known before building it, and the shape filter skips most lookups.
    const changes = new Int32Array(word.length);
    for (let i = 1; i < word.length; i++) changes[i] = changes[i - 1] + (word.charCodeAt(i) !== word.charCodeAt(i - 1) ? 1 : 0);
    const starts = this.starts;
    // A phrase whose last word is spelled out ("ta g u e u l e", "such an i.d.1.0.t"): the words
    // before the run, then the longest spelled prefix that completes a phrase from them. The same
    // rule as any phrase (visit): never across a sentence end or a line break.
    for (let p = from - 1; p >= 0 && from - p < MAX_PHRASE_TOKENS; p--) {
      if (sentenceBreak(norm, toks[p], toks[p + 1])) break;
      let map: ReadonlyMap<string, TrieNode> | undefined = this.root;
      for (let k = p; k < from && map !== undefined; k++) map = map.get(toks[k].key)?.next;
      if (map === undefined) continue;
      for (let b = Math.min(word.length, MAX_TERM_LETTERS); b >= 3; b--) {
        const node = map.get(word.slice(0, b)) ?? map.get(collapse(word.slice(0, b)));
        if (node?.detail !== undefined) {
          hits.push({ fs: toks[p].s, fe: toks[from + b - 1].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
          break;
        }
      }
    }
    // A word inside a longer run is read from 4 letters on: "c.o.n.s.t.a.n.c.e" holds no "con", "c.l.a.s.s" no "ass".
    let a = 0;
    while (a <= word.length - 3) {
      let matched = 0;
      const shortest = word.length === 3 ? 3 : 4;
      for (let b = Math.min(word.length, a + MAX_TERM_LETTERS); b >= a + shortest && matched === 0; b--) {
        const first = word.charCodeAt(a), last = word.charCodeAt(b - 1);
        const s1 = shape(b - a, first, last);
        let node = (starts[s1 >>> 5] & (1 << (s1 & 31))) !== 0 ? this.root.get(word.slice(a, b)) : undefined;
        if (node === undefined) {
          const collapsedLength = 1 + changes[b - 1] - changes[a];
          const s2 = shape(collapsedLength, first, last);
          if (collapsedLength !== b - a && (starts[s2 >>> 5] & (1 << (s2 & 31))) !== 0) node = this.root.get(collapse(word.slice(a, b)));
        }
        if (node?.detail !== undefined) {
          hits.push({ fs: toks[from + a].s, fe: toks[from + b - 1].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
          matched = b - a;
        }
      }
      a += matched || 1;
    }
  }

  /**
   * A tenant's word written as separate words ("glow up", "Glow - Up", "riv al brand"). Filters
   * run before any string is built: the first letter, a hash of the pieces so far (a prefix some
   * split word has), the shape of the pieces together (their lengths and end letters), and the
   * hash of the whole; only a run of pieces that passes them all is joined and looked up.
   */
  private separate(norm: NormalizedText, index: SplitIndex, hits: Span[]): void {
    const toks = norm.tokens;
    const f = norm.folded;
    const { firsts, prefixes, prefixMask, words, wordMask, shapes } = index;
    for (let i = 0; i + 1 < toks.length; i++) {
      const a = toks[i];
      if (a.length < MIN_SPLIT_PIECE || (firsts & (1 << letterSlot(a.key.charCodeAt(0)))) === 0) continue;
      let h = fnv(FNV_OFFSET, a.key);
      let len = a.length;
      for (let j = i + 1; j < toks.length && j - i < MAX_SPLIT_PIECES; j++) {
        if (!hasBit(prefixes, h & prefixMask)) break;
        const b = toks[j], prevEnd = toks[j - 1].e;
        if (b.length < MIN_SPLIT_PIECE) break;
        // The usual gap, one space, needs neither scan.
        if ((b.s - prevEnd !== 1 || f.charCodeAt(prevEnd) !== 32) && (!isWordGap(f, prevEnd, b.s) || sentenceBreak(norm, toks[j - 1], b))) break;
        h = fnv(h, b.key);
        len += b.length;
        const sh = shape(len, a.key.charCodeAt(0), b.key.charCodeAt(b.length - 1));
        if (!hasBit(shapes, sh) || !hasBit(words, h & wordMask)) continue;
        let key = a.key;
        for (let k = i + 1; k <= j; k++) key += toks[k].key;
        const node = this.root.get(key);
        if (node !== undefined && (node.flags & NodeFlag.Split) !== 0 && node.detail !== undefined) hits.push({ fs: a.s, fe: b.e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
      }
    }
  }

  /** Words split by a single joiner character ("con-nard", "sa.lope", "fu_ck"). */
  private joined(norm: NormalizedText, hits: Span[]): void {
    const toks = norm.tokens;
    const f = norm.folded;
    for (let i = 0; i + 1 < toks.length; i++) {
      // Most words are followed by a space: nothing to join, no string built.
      const e = toks[i].e;
      if (toks[i + 1].s - e !== 1 || !isJoiner(f.charCodeAt(e))) continue;
      // Letters of a longer spelled run ("P.D.G.", "C.O.N.S.T.A.N.C.E") are read by spelled() alone.
      if (toks[i].length === 1 && toks[i + 1].length === 1 && inSpelledRun(f, toks, i)) continue;
      let key = toks[i].key;
      // Two parts whose joined shape starts no term and fits no masked term: skip the string work.
      const second = toks[i + 1].key;
      const len = key.length + second.length, first = key.charCodeAt(0), last = second.charCodeAt(second.length - 1);
      const s1 = shape(len, first, last), s2 = shape(len + 1, first, last);
      const maybe = (this.starts[s1 >>> 5] & (1 << (s1 & 31))) !== 0 || this.masks.has(s2);
      if (!maybe && (i + 2 >= toks.length || toks[i + 2].s - toks[i + 1].e !== 1 || !isJoiner(f.charCodeAt(toks[i + 1].e)))) continue;
      for (let j = i + 1; j < toks.length && j - i < 4; j++) {
        if (toks[j].s - toks[j - 1].e !== 1 || !isJoiner(f.charCodeAt(toks[j - 1].e))) break;
        // Most joined pieces ("demo-beauty", "beauty.com") are no root word: a bit test, not a string and a lookup.
        const node = hasBit(this.keys, fingerprintOf2(key, toks[j].key) & (this.keys.length * 32 - 1)) ? this.root.get(key + toks[j].key) : undefined;
        if (node?.detail !== undefined) hits.push({ fs: toks[i].s, fe: toks[j].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
        // A dot or dash standing for a hidden letter ("sh.t", "f-ck").
        // Built only when a masked term has its shape (s2, the shape of key + "*" + second).
        else if (j === i + 1 && key.length + toks[j].length >= 3 && this.masks.has(s2)) this.unmask(key + "*" + toks[j].key, toks[i].s, toks[j].e, hits);
        key += toks[j].key;
      }
    }
  }
}

/**
 * Whether two neighbouring words belong to different sentences, so no phrase spans them:
 * "Merci ta. Gueule de bois ce matin" is thanks, then a hangover, not "ta gueule". A line break,
 * or a sentence mark (. ! ?; normalisation has made "…" three dots) then a space, between a small letter and a capital in what the
 * author typed. "ta.gueule", "Ta.Gueule", "ta... gueule", "ta - gueule" and "TA. GUEULE" stay
 * one phrase: that is how phrases get disguised or shouted.
 */
export function sentenceBreak(norm: NormalizedText, a: WordToken, b: WordToken): boolean {
  const f = norm.folded;
  // The usual gap, one space, is settled without a scan.
  if (b.s - a.e === 1 && f.charCodeAt(a.e) === 32) return false;
  // A sentence mark counts only when a space follows it: "Ta.Gueule" is one disguised phrase.
  let mark = false, markThenSpace = false;
  for (let i = a.e; i < b.s; i++) {
    const c = f.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c === 46 || c === 33 || c === 63) mark = true;
    else if (mark && (c === 32 || c === 0xa0)) markThenSpace = true;
  }
  if (!markThenSpace) return false;
  // Written in mixed case, a sentence ends in a small letter and the next begins with a capital;
  // in all capitals ("TA. GUEULE") the case says nothing, and the words stay one phrase.
  const [, ae] = norm.toOriginal(a.s, a.e);
  const [bs] = norm.toOriginal(b.s, b.e);
  const o = norm.original, lc = o.charCodeAt(ae - 1), fc = o.charCodeAt(bs);
  // ASCII letters answer by their codes (most sentences end and start in ASCII): the same answer as
  // the case mappings below, without a string made per sentence end asked.
  if (lc < 128 && fc < 128) return lc >= 97 && lc <= 122 && fc >= 65 && fc <= 90;
  const last = o[ae - 1] ?? "", first = o[bs] ?? "";
  return last !== last.toUpperCase() && first !== first.toLowerCase();
}

/**
 * Whether the one-word hit at token `at` stands where its language's grammar puts it: right after
 * a word of `before` in the same sentence ("quel con"), last in its clause (the message ends, or
 * anything but a space comes next: "con !", "con, tu…"), or right before a word of `after` ("con de
 * vendeur"). "arroz con pollo" is none of these: there "con" is the preposition "with".
 */
function inContext(ctx: Context, norm: NormalizedText, toks: readonly WordToken[], at: number): boolean {
  if (at > 0 && ctx.before.has(toks[at - 1].key) && !sentenceBreak(norm, toks[at - 1], toks[at])) return true;
  if (at + 1 >= toks.length) return true;
  const f = norm.folded;
  for (let i = toks[at].e; i < toks[at + 1].s; i++) {
    const c = f.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && c !== 9) return true;
  }
  return ctx.after.has(toks[at + 1].key);
}


/** Whether one-letter tokens `i` and `i + 1` belong to a run of three or more (see spelled()). */
function inSpelledRun(f: string, toks: readonly WordToken[], i: number): boolean {
  return (i > 0 && toks[i - 1].length === 1 && isLetterGap(f, toks[i - 1].e, toks[i].s))
    || (i + 2 < toks.length && toks[i + 2].length === 1 && isLetterGap(f, toks[i + 1].e, toks[i + 2].s));
}

/** A gap between two pieces of one word: 1–3 spaces or joiners ("glow up", "glow - up", "glow_ up"). */
function isWordGap(f: string, from: number, to: number): boolean {
  const len = to - from;
  if (len < 1 || len > 3) return false;
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c !== 32 && c !== 0xa0 && !isJoiner(c)) return false;
  }
  return true;
}

/** Text order, the longer of two hits at one place first. */
function byStartLongestFirst(a: Span, b: Span): number {
  return a.fs - b.fs || b.fe - a.fe;
}

function byStart(a: Span, b: Span): number {
  return a.fs - b.fs;
}

/**
 * Sorts in place, stably, as Array.prototype.sort would: a message has a few spans, which an
 * insertion sort orders without the work arrays the built-in sort allocates on every call (and a
 * comparator declared once, not a closure per call).
 */
function sortSpans(list: Span[], cmp: (a: Span, b: Span) => number): void {
  if (list.length > 16) { list.sort(cmp); return; }
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    let j = i - 1;
    while (j >= 0 && cmp(list[j], x) > 0) { list[j + 1] = list[j]; j--; }
    list[j + 1] = x;
  }
}

/** Drops hits inside an allowed phrase or inside a longer hit, then quotes the original text. */
function finish(norm: NormalizedText, hits: Span[], allows: Span[]): FilterHit[] {
  sortSpans(hits, byStartLongestFirst);
  sortSpans(allows, byStart);
  const out: FilterHit[] = [];
  let coveredTo = -1;
  // One sweep: `allowTo` is the furthest end of the allowed phrases that start at or before the hit.
  let p = 0, allowTo = -1;
  for (const h of hits) {
    if (h.fe <= coveredTo) continue;
    while (p < allows.length && allows[p].fs <= h.fs) allowTo = Math.max(allowTo, allows[p++].fe);
    if (h.fe <= allowTo) continue;
    coveredTo = h.fe;
    const [start, end] = norm.toOriginal(h.fs, h.fe);
    out.push({ kind: "word", detail: h.detail, match: norm.original.slice(start, end), start, end, category: h.tag.category, severity: h.tag.severity });
  }
  return out;
}

/** Categories whose listed phrases are silenced like patterns (see silenced()). */
const GUARDED = new Set(["threat", "selfHarm", "hate"]);

/** Words that turn a sentence around: a pattern never skips one, nor fires right after one. */
export const NEGATIONS = new Set([
  "ne", "n", "pas", "jamais", "not", "never", "no", "dont", "don", "won", "wont", "didn", "didnt",
  "doesn", "doesnt", "isn", "isnt", "wouldn", "wouldnt", "aren", "arent", "cannot", "cant", "shouldn",
]);

/** Subject pronouns a pattern may start with (see silenced()). */
const SUBJECTS = new Set(["je", "j", "on", "tu", "t", "jvais"]);

/**
 * Reporting words as participles ("someone DM'd me saying "…"", « il l'a envoyé en écrivant "…" »):
 * quoters too, unless a first-person subject (FIRST_PERSON) stands just before ("I'm saying "…"",
 * "I keep saying "…""): the author's own words.
 */
const PARTICIPLES = new Set(["saying", "writing", "texting", "messaging", "typing", "ecrivant", "envoyant"]);
const FIRST_PERSON = new Set(["i", "im", "m", "am", "je", "j", "suis", "keep"]);

/** Words that introduce a title or someone else's words: a pattern quoted after one is not the author's. */
const QUOTERS = new Set([
  "texted", "messaged", "posted", "tweeted", "commented", "replied", "yelled", "shouted", "screamed", "texte", "envoye",
  "repondu", "crie", "hurle", "ecrit", "mis",
  "film", "movie", "chanson", "song", "titre", "title", "livre", "book", "serie", "series", "show", "album",
  "jeu", "game", "episode", "intitule", "appelle", "called", "named", "slogan", "pub", "ad", "paroles", "lyrics",
  "replique", "citation", "quote", "dit", "said", "says", "wrote", "ecrit", "told", "disait", "ecrivait",
  ...PARTICIPLES,
]);

/** How far before a pattern (in characters) the opening mark of a quotation may stand. */
const QUOTE_LEAD = 40;

/**
 * Words before and after a glued word that its cuts are walked among (gluedAt): silenced() reads
 * back to a quotation mark QUOTE_LEAD characters before a match (at most half as many words) and a
 * few words more for the reporting verb; a walk reads at most MAX_PHRASE_TOKENS words on.
 */
const GLUED_BEHIND = QUOTE_LEAD / 2 + 8, GLUED_AHEAD = MAX_PHRASE_TOKENS + 2;

/** Opening quotation marks as normalisation leaves them ("“" and "”" are folded to '"'). */
function isQuote(c: number): boolean {
  return c === 34 || c === 0xab || c === 0xbb;
}

/**
 * Whether a pattern matched over tokens [first, last] is not the author speaking: a negation among
 * the two words before it in its clause ("I'm not saying you should…"), or quotation marks around
 * it after a title or a reporting word (« le film "I will kill you" », il m'a écrit "je vais te tuer").
 * Only asked when a pattern has matched, so it costs nothing on the usual message.
 */
export function silenced(norm: NormalizedText, toks: readonly WordToken[], first: number, last: number): boolean {
  const f = norm.folded;
  for (let i = first - 1; i >= 0 && i >= first - 2; i--) {
    if (!isClauseGap(f, toks[i].e, toks[i + 1].s)) break;
    // "si le colis arrive pas je viens…": a French "pas" right before a new subject ends the
    // clause before it; it negates that verb, not the pattern.
    if (i === first - 1 && (toks[i].key === "pas" || toks[i].key === "jamais") && SUBJECTS.has(toks[first].key)) continue;
    if (NEGATIONS.has(toks[i].key)) return true;
  }
  // Quoted: an opening mark before the first word in its line (right before it, or a few words
  // earlier: il m'a dit "maman t'es ridicule…"), and a closing one after the last.
  let open = -1;
  for (let i = toks[first].s - 1; i >= 0 && i >= toks[first].s - QUOTE_LEAD; i--) {
    const c = f.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (isQuote(c)) { open = i; break; }
  }
  if (open < 0) return false;
  // The quotation closes later in the same line (it may go on past the match: "I'll murder you if…").
  let closed = false;
  for (let i = toks[last].e; i < f.length && i < toks[last].e + 200; i++) {
    const c = f.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (isQuote(c)) { closed = true; break; }
  }
  if (!closed) return false;
  // The reporting word stands before the opening mark.
  let before = first - 1;
  while (before >= 0 && toks[before].s > open) before--;
  for (let i = before; i >= 0 && i >= before - 3; i--) {
    if (!QUOTERS.has(toks[i].key)) continue;
    if (PARTICIPLES.has(toks[i].key) && ((i > 0 && FIRST_PERSON.has(toks[i - 1].key)) || (i > 1 && FIRST_PERSON.has(toks[i - 2].key)))) return false;
    return true;
  }
  return false;
}

/** The node, unless it is a pattern's and a clause mark stands before its word. */
function pass(node: TrieNode | undefined, clause: boolean): TrieNode | undefined {
  return clause && node !== undefined && (node.flags & NodeFlag.Pattern) !== 0 ? undefined : node;
}

/** A comma, semicolon or colon between two words (patterns stay within a clause). */
export function clauseMark(f: string, from: number, to: number): boolean {
  if (to - from === 1 && f.charCodeAt(from) === 32) return false;
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c === 44 || c === 59 || c === 58) return true;
  }
  return false;
}

/** Only spaces, apostrophes and hyphens ("fais-toi") between two words: a pattern's "^" and "$" see no clause edge. */
export function sameClause(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c !== 32 && c !== 39 && c !== 0xa0 && c !== 45 && c !== 9) return false;
  }
  return true;
}

/** Only spaces and apostrophes between two words: the same clause. */
function isClauseGap(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c !== 32 && c !== 39 && c !== 0xa0) return false;
  }
  return true;
}
