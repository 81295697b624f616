import { NEGATIONS, clauseMark, respell, sentenceBreak, silenced, termTokens } from "./lexicon.ts";
import type { NormalizedText, WordToken } from "./normalize.ts";
import type { FilterHit, Tag } from "./types.ts";

/**
 * Proximity scoring (SPEC §12, issue 25): a generalising stage on top of the phrase templates.
 * Templates name whole phrases, so a new writer's wording slips past them; here words are put in
 * vocabulary classes (config/lexicons/proximity-<lang>.json: "harm" verbs in all their forms, the
 * addressee "you", groups of people, exclusion predicates…) and a rule holds a message when words
 * of its classes stand within a few tokens of each other in one sentence ("one more word and I
 * stab you": harm near you), unless a negation or a quotation turns it around, or a word of one
 * of its `unless` classes stands nearby ("mourir de rire", "to die for").
 *
 * Classes are compiled once into one map from token key to class numbers, so a message costs one
 * lookup per word (on the same normalised tokens as the lexicon: disguises still count), and the
 * rules are only looked at when a word of a rule's first class is there.
 *
 * @example
 *   const s = createProximityScorer([words.en]);
 *   s.match(normalize("one more word and I stab you"));
 *   // [{ kind: "word", detail: "threat: harm near you", match: "stab you", category: "threat", severity: 3, … }]
 */

/** One language's file: suffix families, vocabulary classes and the rules over them. */
export interface ProximityWords {
  /** name → suffixes; a class entry "stem/name" stands for the stem with each suffix ("frapp/er"). */
  readonly families: Readonly<Record<string, readonly string[]>>;
  /** name → words or short phrases (a phrase's words must follow each other). */
  readonly classes: Readonly<Record<string, readonly string[]>>;
  readonly rules: readonly ProximityRule[];
}

export interface ProximityRule {
  /** What the rule holds, for managers ("threat: harm near you"). */
  readonly name: string;
  readonly category: Tag["category"];
  readonly severity: Tag["severity"];
  /** Classes that must all stand within `within` tokens of the first; the first should be the rarest. */
  readonly near: readonly string[];
  readonly within: number;
  /** The classes stand in the order `near` lists them. */
  readonly ordered?: boolean;
  /** Classes whose words, within `around` tokens of the match, make it innocent. */
  readonly unless?: readonly string[];
  /** How far around the match `unless` and negations are looked for (default 3). */
  readonly around?: number;
  /** The match must start its clause (an imperative: "starve a little more"). */
  readonly start?: boolean;
  /** A negation around the match does not silence it ("tu peux pas m'échapper"). */
  readonly negationKept?: boolean;
  /** The classes stand in one clause (no comma, semicolon or colon between them), not only one sentence. */
  readonly clause?: boolean;
}

export interface ProximityScorer { match(norm: NormalizedText): FilterHit[] }

interface Rule {
  readonly name: string;
  readonly tag: Tag;
  readonly near: readonly number[];
  readonly within: number;
  readonly ordered: boolean;
  readonly unless: readonly number[];
  readonly around: number;
  readonly start: boolean;
  readonly negationKept: boolean;
  readonly clause: boolean;
}

/** What a token key starts: its own classes, and phrases that go on with further words. */
interface Entry { classes: number[]; phrases: { rest: string[]; classes: number[] }[] }

/** How many words before a match a negation still turns it around. */
const NEGATION_LEAD = 4;

/** Words that open a new clause: a negation before one does not reach past it ("…je te trouve pas sinon j'te fracasse"). */
const CONJUNCTIONS = new Set(["sinon", "mais", "et", "puis", "alors", "car", "parce", "quand", "si", "otherwise", "or", "else", "but", "and", "then", "so", "because", "when", "if"]);

/** Longest window a rule may ask for, in tokens. */
const MAX_WITHIN = 10;

export function createProximityScorer(langs: readonly ProximityWords[]): ProximityScorer {
  const ids = new Map<string, number>();
  const idOf = (name: string) => { let id = ids.get(name); if (id === undefined) ids.set(name, id = ids.size); return id; };
  const entries = new Map<string, Entry>();
  const entryOf = (key: string) => { let e = entries.get(key); if (e === undefined) entries.set(key, e = { classes: [], phrases: [] }); return e; };
  const rules: Rule[] = [];
  // Each file's rules read its own classes: "you" is not a French object pronoun, "te" no English word.
  for (const [n, lang] of langs.entries()) {
    const own = (name: string) => idOf(`${n}:${name}`);
    for (const [name, words] of Object.entries(lang.classes)) {
      const id = own(name);
      for (const w of words) {
        for (const form of expand(w, lang.families, name)) {
          const keys = termTokens(form);
          if (keys.length === 0) throw new Error(`proximity class ${name}: "${w}" is not a word`);
          const e = entryOf(keys[0]!);
          if (keys.length === 1) { if (!e.classes.includes(id)) e.classes.push(id); }
          else e.phrases.push({ rest: keys.slice(1), classes: [id] });
        }
      }
    }
    for (const r of lang.rules) {
      if (r.near.length === 0 || r.within < 0 || r.within > MAX_WITHIN) throw new Error(`proximity rule ${r.name}: bad near/within`);
      for (const c of [...r.near, ...(r.unless ?? [])]) if (!Object.hasOwn(lang.classes, c)) throw new Error(`proximity rule ${r.name}: unknown class ${c}`);
      rules.push(Object.freeze({
        name: r.name, tag: Object.freeze({ category: r.category, severity: r.severity }), near: r.near.map(own), within: r.within,
        ordered: r.ordered ?? false, unless: (r.unless ?? []).map(own), around: r.around ?? 3, start: r.start ?? false, negationKept: r.negationKept ?? false, clause: r.clause ?? false,
      }));
    }
  }
  const anchors = new Set(rules.map((r) => r.near[0]!));
  return new Scorer(entries, rules, anchors);
}

/** A class entry's forms: the word itself, or a stem with each suffix of its family ("tu/er"). */
function expand(word: string, families: Readonly<Record<string, readonly string[]>>, cls: string): string[] {
  const slash = word.indexOf("/");
  if (slash < 0) return [word];
  const fam = families[word.slice(slash + 1)];
  if (fam === undefined) throw new Error(`proximity class ${cls}: unknown suffix family in "${word}"`);
  const stem = word.slice(0, slash);
  return fam.map((s) => stem + s);
}

class Scorer implements ProximityScorer {
  constructor(
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly rules: readonly Rule[],
    private readonly anchors: ReadonlySet<number>,
  ) {
    Object.freeze(this);
  }

  match(norm: NormalizedText): FilterHit[] {
    let out = this.scan(norm, norm.tokens);
    // Words spelled out letter by letter ("f.a.c.e.b.o.o.k", "s.e.x.y") read as the words they spell.
    const toks = norm.tokens;
    let singles = false;
    for (let i = 1; i < toks.length && !singles; i++) singles = toks[i].length === 1 && toks[i - 1].length === 1;
    if (singles) {
      const again = respell(norm);
      if (again !== undefined && out.length === 0) out = this.scan(norm, again);
    }
    return out;
  }

  private scan(norm: NormalizedText, toks: readonly WordToken[]): FilterHit[] {
    // Classes of each token; most messages have no anchor word and end here.
    const at: (number[] | undefined)[] = [];
    let anchored = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      this.classify(t.key, norm, toks, i, at);
      if (t.alts !== undefined) for (const k of t.alts) this.classify(k, norm, toks, i, at);
      if (t.collapsed !== undefined) this.classify(t.collapsed, norm, toks, i, at);
      const here = at[i];
      if (!anchored && here !== undefined) for (const c of here) if (this.anchors.has(c)) { anchored = true; break; }
    }
    if (!anchored) return [];
    const has = (i: number, c: number) => { const here = at[i]; return here !== undefined && here.includes(c); };
    const hits: FilterHit[] = [];
    for (const r of this.rules) {
      const a = r.near[0]!;
      for (let i = 0; i < toks.length; i++) {
        if (!has(i, a)) continue;
        const span = this.place(r, toks, norm, i, has);
        if (span === undefined) continue;
        const [first, last] = span;
        if (r.start && first > 0 && !clauseStart(norm.folded, toks[first - 1].e, toks[first].s)) continue;
        if (this.vetoed(r, toks, norm, first, last, has)) continue;
        const [s, e] = norm.toOriginal(toks[first].s, toks[last].e);
        if (hits.some((h) => h.category === r.tag.category && h.start < e && s < h.end)) continue;
        hits.push({ kind: "word", detail: r.name, match: norm.original.slice(s, e), start: s, end: e, category: r.tag.category, severity: r.tag.severity });
        break;
      }
    }
    return hits;
  }

  /** Records the classes `key` (token `i`) gives token i, and those of phrases starting there. */
  private classify(key: string, norm: NormalizedText, toks: readonly WordToken[], i: number, at: (number[] | undefined)[]): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    if (e.classes.length > 0) for (const c of e.classes) add(at, i, c);
    for (const p of e.phrases) {
      let ok = i + p.rest.length < toks.length;
      for (let k = 0; ok && k < p.rest.length; k++) ok = toks[i + 1 + k].key === p.rest[k] && !sentenceBreak(norm, toks[i + k], toks[i + k + 1]);
      if (ok) for (let k = 0; k <= p.rest.length; k++) for (const c of p.classes) add(at, i + k, c);
    }
  }

  /** The tokens [first, last] where rule `r`'s classes all stand around anchor `i`, in one sentence; undefined if not. */
  private place(r: Rule, toks: readonly WordToken[], norm: NormalizedText, i: number, has: (i: number, c: number) => boolean): [number, number] | undefined {
    let first = i, last = i;
    // The sentence around the anchor, at most `within` tokens either way.
    let lo = i, hi = i;
    const apart = (a: WordToken, b: WordToken) => sentenceBreak(norm, a, b) || (r.clause && clauseMark(norm.folded, a.e, b.s));
    while (lo > 0 && i - lo < r.within && !apart(toks[lo - 1], toks[lo])) lo--;
    while (hi + 1 < toks.length && hi - i < r.within && !apart(toks[hi], toks[hi + 1])) hi++;
    let prev = i;
    for (let n = 1; n < r.near.length; n++) {
      const c = r.near[n]!;
      let best = -1;
      const from = r.ordered ? prev + 1 : lo, to = hi;
      for (let j = from; j <= to; j++) {
        if (j === i && !r.ordered) continue;
        if (!has(j, c)) continue;
        // The whole match must fit in `within` tokens.
        if (Math.max(last, j) - Math.min(first, j) > r.within) continue;
        if (best < 0 || Math.abs(j - i) < Math.abs(best - i)) best = j;
      }
      if (best < 0) return undefined;
      first = Math.min(first, best); last = Math.max(last, best); prev = best;
    }
    return [first, last];
  }

  /** A negation in or just around the match, a quotation, or a word of an `unless` class nearby. */
  private vetoed(r: Rule, toks: readonly WordToken[], norm: NormalizedText, first: number, last: number, has: (i: number, c: number) => boolean): boolean {
    const lo = Math.max(0, first - r.around), hi = Math.min(toks.length - 1, last + r.around);
    if (!r.negationKept) {
      // In the match, right after it ("je te frappe pas"), or a few words before it in its clause ("I'm not going to hurt you").
      for (let j = first; j <= Math.min(toks.length - 1, last + 1); j++) if (NEGATIONS.has(toks[j].key)) return true;
      for (let j = first - 1; j >= 0 && j >= first - NEGATION_LEAD; j--) {
        if (clauseMark(norm.folded, toks[j].e, toks[j + 1].s) || sentenceBreak(norm, toks[j], toks[j + 1]) || CONJUNCTIONS.has(toks[j].key)) break;
        if (NEGATIONS.has(toks[j].key)) return true;
      }
      if (silenced(norm, toks, first, last)) return true;
    }
    for (const u of r.unless) for (let j = lo; j <= hi; j++) if (has(j, u)) return true;
    return false;
  }
}

function add(at: (number[] | undefined)[], i: number, c: number): void {
  const list = at[i];
  if (list === undefined) at[i] = [c];
  else if (!list.includes(c)) list.push(c);
}

/** Punctuation or an emoji between two words: the second starts a clause. */
function clauseStart(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c !== 32 && c !== 39 && c !== 0xa0 && c !== 45 && c !== 9) return true;
  }
  return false;
}
