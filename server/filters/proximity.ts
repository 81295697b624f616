import { FILTER_CATEGORIES } from "../../client-sdk/src/protocol.ts";
import { fingerprint } from "./fingerprint.ts";
import { bloomBits, hasBit, setBit } from "./bit-set.ts";
import { NEGATIONS, clauseMark, sameClause, sentenceBreak, silenced, termTokens } from "./lexicon.ts";
import type { NormalizedText, WordToken } from "./normalize.ts";
import { compacted, type OneEntryMap } from "./one-entry-map.ts";
import { isWordChar } from "./char-class.ts";
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
 * Classes are compiled once into one map from token key to class numbers, read on the same
 * normalised tokens as the lexicon (disguises still count). The usual message costs one bit test
 * per word: only the rarest word of each form of a rule's `from` class opens a scan, and then only
 * the words that rule may reach are looked up. A `silence` also drops hits of other stages that
 * someone reports rather than says ("the comment above about immigrants…").
 *
 * @example
 *   const s = createProximityScorer([words.en]);
 *   s.match(normalize("one more word and I stab you"));
 *   // [{ kind: "word", detail: "threat: harm aimed at you", match: "stab you", category: "threat", severity: 3, … }]
 */

/** One language's file: suffix families, vocabulary classes and the rules over them. */
export interface ProximityWords {
  /**
   * name → suffixes; a class entry "stem/name" stands for the stem with each suffix ("frapp/er").
   * A family whose name starts with "<" holds prefixes ("site/<det": "ce site", "le site"…); a
   * suffix or prefix may be words ("appli/is": "appli est", "appli est trop"…).
   */
  readonly families: Readonly<Record<string, readonly string[]>>;
  /** name → words or short phrases (a phrase's words must follow each other). */
  readonly classes: Readonly<Record<string, readonly string[]>>;
  readonly rules: readonly ProximityRule[];
  /**
   * Hits of `category` (from any stage: terms, templates, rules) dropped when a word of class `by`
   * stands in their sentence: someone reporting or condemning the words, not saying them
   * ("the comment above about immigrants is disgusting, please ban that person"). A `quoted` one
   * drops only hits inside quotation marks: a shopper reporting an insult they were sent
   * (on m'a écrit « grosse vache », je le signale), not one calling names while reporting. Hits
   * whose detail is `except`ed are never dropped: a phone number stays held in a sentence that
   * says it was reported (the number is still there for everyone to read).
   */
  readonly silence?: readonly SilenceEntry[];
  /** Words too common to tell a phrase by ("je", "you", "dans"): the first scan looks for its other words. */
  readonly common?: readonly string[];
}

/**
 * One silence (see ProximityWords.silence). Where a word of `by` is looked for: the hit's
 * sentence; with `scope: "message"`, anywhere in the message (a report names the moderators in one
 * sentence and quotes the abuse in the next); with `before` or `after`, within that many words
 * before the hit's first word or after its last, in its sentence ("calling people idiots": the
 * saying verb right before the word; « quelle idiote, j'ai commandé… »: the speaker right after).
 * With `context`, a word of that class must stand anywhere in the message too (the message is
 * addressed to the moderators, so "he keeps calling people idiots" reports the word). With
 * `unless`, a word of that class in the hit's sentence keeps the silence from dropping it: the
 * speaker denying what the next words are ("I'm not racist but…", « je suis pas raciste mais… »)
 * uses a reporting word to say the thing, not to report it.
 */
export interface SilenceEntry {
  readonly category: Tag["category"];
  readonly by: string;
  readonly quoted?: boolean;
  readonly except?: readonly string[];
  /** Only hits of these details are dropped (a site's user name reported to the moderators, not a phone number or a handle on another network). */
  readonly only?: readonly string[];
  readonly scope?: "sentence" | "message";
  readonly before?: number;
  readonly after?: number;
  readonly context?: string;
  /** A class whose word in the hit's sentence keeps this silence from dropping the hit (see above). */
  readonly unless?: string;
  /**
   * Only a short hit (INTERJECTION_WORDS at most) that opens the message, or that only the words of
   * `by` before it open: an interjection ("ta gueule, cette poudre est une dinguerie", "C'est con, le fil casse").
   */
  readonly start?: boolean;
  /** Only a hit of one word (a listed insult, "conne"): templates and rules read their own negations. */
  readonly word?: boolean;
  /** With `before` or `after`: the word of `by` stands in the hit's clause (no comma, colon, question mark… between). */
  readonly clause?: boolean;
  /** With `after`: the hit is cut by an ellipsis before that word, a joke's turn (« je vais me pendre… à la barre de traction »). */
  readonly ellipsis?: boolean;
}

export interface ProximityRule {
  /** What the rule holds, for managers ("threat: harm near you"). */
  readonly name: string;
  readonly category: Tag["category"];
  readonly severity: Tag["severity"];
  /** Classes that must all stand within `within` tokens of each other. */
  readonly near: readonly string[];
  /** The class of `near` the rule is read from, its rarest (default: the first). */
  readonly from?: string;
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
  /** The classes may stand in neighbouring sentences, within the window: a question and what follows it ("t'as quel âge ? On s'amuse en secret"). */
  readonly acrossSentences?: boolean;
}

export interface ProximityScorer {
  match(norm: NormalizedText): FilterHit[];
  /** `hits` without those a `silence` entry drops (the same array when none is). */
  unsilenced(norm: NormalizedText, hits: FilterHit[]): FilterHit[];
}

interface Rule {
  readonly name: string;
  readonly tag: Tag;
  readonly near: readonly number[];
  /** Index in `near` of the class the rule is read from. */
  readonly from: number;
  readonly within: number;
  readonly ordered: boolean;
  readonly unless: readonly number[];
  readonly around: number;
  readonly start: boolean;
  readonly negationKept: boolean;
  readonly clause: boolean;
  readonly acrossSentences: boolean;
}

/** A phrase a token key starts: its further words, and its classes. */
interface Phrase { rest: string[]; classes: number[] }

/**
 * What a token key starts: its own classes, and phrases that go on with further words, by their
 * second word (once built, a OneEntryMap where they all go on with one same word: half the keys).
 */
interface Entry {
  classes: number[];
  phrases: Map<string, Phrase[]> | OneEntryMap<Phrase[]> | undefined;
  /**
   * A bit per second word of the phrases (its fingerprint's low five bits): most words after a
   * word that starts phrases go on with none of them, and a bit test tells before the lookup.
   */
  nextBits: number;
}

/** How many words before a match a negation still turns it around. */
const NEGATION_LEAD = 4;

/** Words that open a new clause: a negation before one does not reach past it ("…je te trouve pas sinon j'te fracasse"). */
const CONJUNCTIONS = new Set(["sinon", "mais", "et", "puis", "alors", "car", "parce", "quand", "si", "otherwise", "or", "else", "but", "and", "then", "so", "because", "when", "if"]);

/** No hits: shared, so the usual message allocates nothing here. */
const NONE: FilterHit[] = Object.freeze([]) as unknown as FilterHit[];

/** Bits of the first scan's filter (8 KB): a word of no rule's first class rarely passes it. */
const GATE_BITS = 1 << 16;

/** How far either way a silence looks for its words in a hit's sentence, in tokens. */
const SENTENCE_REACH = 30;

/** How far before and after a hit a `quoted` silence looks for its quotation marks, in characters. */
const QUOTE_REACH = 60;

/**
 * Whether original [s, e) starts between an opening and a closing quotation mark on its line, or
 * holds the opening mark itself (a phrase whose last word is quoted: des "idiots"). The
 * closing mark is looked for from the hit's start: a template's tail may run past it
 * (« va te pendre » à un client: the hit ends on "à un"). A single quote ('…' or ‘…’) counts
 * when it stands at a word's edge only, so the apostrophes of "I'll" or "l'ai" are no marks.
 */
function quotedAround(text: string, s: number, e: number): boolean {
  let open = false;
  for (let i = s - 1; i >= 0 && i >= s - QUOTE_REACH; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0xbb || c === 0x201d) break;
    if (c === 34 || c === 0xab || c === 0x201c) { open = true; break; }
    if (isSingleQuote(c)) {
      const edge = singleQuoteEdge(text, i);
      if (edge === "open") { open = true; break; }
      if (edge === "close") break;
    }
  }
  // Or a mark opening inside the hit, before its quoted last word (« ignorez les des "idiots" »).
  let from = s;
  if (!open) {
    for (let i = s; i < e && !open; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xab || c === 0x201c || ((c === 34 || isSingleQuote(c)) && singleQuoteEdge(text, i) === "open")) { open = true; from = i + 1; }
    }
  }
  if (!open) return false;
  for (let i = from; i < text.length && i < e + QUOTE_REACH; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0xab || c === 0x201c) return false;
    if (c === 34 || c === 0xbb || c === 0x201d) return true;
    if (isSingleQuote(c)) {
      const edge = singleQuoteEdge(text, i);
      if (edge === "close") return true;
      if (edge === "open") return false;
    }
  }
  return false;
}

/** Whether an ellipsis ("...", "…" folded to three dots) stands between tokens `a` and `b`. */
function ellipsisBetween(norm: NormalizedText, a: number, b: number): boolean {
  const f = norm.folded, from = norm.tokens[a].e, to = norm.tokens[b].s;
  let dots = 0;
  for (let i = from; i < to; i++) if (f.charCodeAt(i) === 46) { if (++dots >= 2) return true; } else dots = 0;
  return false;
}

/** Whether a clause or sentence mark (, ; : ? ! .) stands between tokens `a` and `b`. */
function punctuated(norm: NormalizedText, a: number, b: number): boolean {
  const f = norm.folded, toks = norm.tokens;
  for (let k = a; k < b; k++) {
    for (let i = toks[k].e; i < toks[k + 1].s; i++) {
      const c = f.charCodeAt(i);
      if (c === 44 || c === 59 || c === 58 || c === 63 || c === 33 || c === 46) return true;
    }
  }
  return false;
}

function isSingleQuote(c: number): boolean {
  return c === 39 || c === 0x2018 || c === 0x2019;
}

/** A single quote opens before a word, closes after one, and is an apostrophe inside one. */
function singleQuoteEdge(text: string, i: number): "open" | "close" | undefined {
  const before = i > 0 && isWordChar(text, i - 1), after = i + 1 < text.length && isWordChar(text, i + 1);
  return before === after ? undefined : after ? "open" : "close";
}


/** A run of tokens, first to last inclusive (empty when last < first). */
interface Window { first: number; last: number }

/** A compiled silence (see ProximityWords.silence): its class by id. */
interface Silence {
  readonly category: Tag["category"]; readonly by: number; readonly quoted: boolean; readonly except: readonly string[]; readonly only: readonly string[] | undefined;
  readonly message: boolean; readonly before: number; readonly after: number; readonly context: number; readonly unless: number; readonly ellipsis: boolean;
  readonly word: boolean; readonly clause: boolean; readonly start: boolean;
}

/** The classes a silence reads: its own, its context's, its exception's. */
function silenceClassesOf(x: Silence): number[] {
  return [x.by, ...(x.context >= 0 ? [x.context] : []), ...(x.unless >= 0 ? [x.unless] : [])];
}

/** Most words of a hit a `start` silence drops: an interjection ("stfu", "ta gueule", "get out of here"). */
const INTERJECTION_WORDS = 4;

/** Farthest a silence's `before` or `after` word may stand from its hit, in tokens. */
const MAX_LEAD = 8;

/** How far a class's token positions may run out of order (a phrase records its words at once). */
const PHRASE_SLACK = 6;

/** Longest window a rule may ask for, in tokens. */
const MAX_WITHIN = 10;
/** Farthest a rule's vetoes may stand from its match, in tokens. */
const MAX_AROUND = 6;

/** How far from a word of a rule's first class the other words of the rule (and its vetoes) may stand: the widest window and its surroundings, a phrase's length more. */
const REACH = MAX_WITHIN + MAX_AROUND + PHRASE_SLACK;

export function createProximityScorer(langs: readonly ProximityWords[]): ProximityScorer {
  const it = proximitySteps(langs);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * The build of a scorer in slices, one class at a time (some thousands of forms, tens of
 * milliseconds in all): compileFilters drives it between yields to the event loop.
 */
export function* proximitySteps(langs: readonly ProximityWords[]): Generator<void, ProximityScorer> {
  const ids = new Map<string, number>();
  const idOf = (name: string) => { let id = ids.get(name); if (id === undefined) ids.set(name, id = ids.size); return id; };
  const entries = new Map<string, Entry>();
  const entryOf = (key: string) => { let e = entries.get(key); if (e === undefined) entries.set(key, e = { classes: [], phrases: undefined, nextBits: 0 }); return e; };
  const rules: Rule[] = [];
  /** Per class, the token keys of its forms. */
  const forms: string[][][] = [];
  // Each file's rules read its own classes: "you" is not a French object pronoun, "te" no English word.
  for (const [n, lang] of langs.entries()) {
    const own = (name: string) => idOf(`${n}:${name}`);
    for (const [name, words] of Object.entries(lang.classes)) {
      yield;
      const id = own(name);
      for (const w of words) {
        // A stem with its suffix family is some twenty forms, each normalised like a message.
        if (w.includes("/")) yield;
        for (const form of expand(w, lang.families, name)) {
          const keys = termTokens(form);
          if (keys.length === 0) throw new Error(`proximity class ${name}: "${w}" is not a word`);
          // A piece that reads as nothing (a number: "appelle le 3114") would leave a shorter
          // phrase that matches far more than was written ("appelle le").
          const empty = form.split(/\s+/).find((piece) => piece !== "" && termTokens(piece).length === 0);
          if (empty !== undefined) throw new Error(`proximity class ${name}: "${empty}" in "${w}" is not a word`);
          (forms[id] ??= []).push(keys);
          const e = entryOf(keys[0]!);
          if (keys.length === 1) { if (!e.classes.includes(id)) e.classes.push(id); }
          else {
            // A Map while building; made a OneNext below where it has one entry.
            const byWord = (e.phrases ??= new Map()) as Map<string, Phrase[]>;
            const byNext = byWord.get(keys[1]!);
            if (byNext === undefined) byWord.set(keys[1]!, [{ rest: keys.slice(1), classes: [id] }]);
            else byNext.push({ rest: keys.slice(1), classes: [id] });
          }
        }
      }
    }
    for (const r of lang.rules) {
      if (r.near.length === 0 || r.within < 0 || r.within > MAX_WITHIN) throw new Error(`proximity rule ${r.name}: bad near/within`);
      if ((r.around ?? 3) < 0 || (r.around ?? 3) > MAX_AROUND) throw new Error(`proximity rule ${r.name}: around is 0–${MAX_AROUND}`);
      if (r.from !== undefined && !r.near.includes(r.from)) throw new Error(`proximity rule ${r.name}: from ${r.from} is not one of near`);
      for (const c of [...r.near, ...(r.unless ?? [])]) if (!Object.hasOwn(lang.classes, c)) throw new Error(`proximity rule ${r.name}: unknown class ${c}`);
      rules.push(Object.freeze({
        name: r.name, tag: Object.freeze({ category: r.category, severity: r.severity }), near: r.near.map(own), from: r.from === undefined ? 0 : r.near.indexOf(r.from), within: r.within,
        ordered: r.ordered ?? false, unless: (r.unless ?? []).map(own), around: r.around ?? 3, start: r.start ?? false, negationKept: r.negationKept ?? false, clause: r.clause ?? false,
        acrossSentences: r.acrossSentences ?? false,
      }));
    }
  }
  const silences: Silence[] = [];
  for (const [n, lang] of langs.entries()) {
    for (const x of lang.silence ?? []) {
      for (const c of [x.by, ...(x.context === undefined ? [] : [x.context]), ...(x.unless === undefined ? [] : [x.unless])]) {
        if (!Object.hasOwn(lang.classes, c)) throw new Error(`proximity silence of ${x.category}: unknown class ${c}`);
      }
      const before = x.before ?? -1, after = x.after ?? -1;
      if ((x.ellipsis ?? false) && after < 0) throw new Error(`proximity silence of ${x.category} by ${x.by}: ellipsis needs after`);
      if (before > MAX_LEAD || after > MAX_LEAD || (x.scope === "message" && (before >= 0 || after >= 0))) throw new Error(`proximity silence of ${x.category} by ${x.by}: bad scope/before/after`);
      // `unless` reads the hit's sentence; a message-wide silence has none to read.
      if (x.scope === "message" && x.unless !== undefined) throw new Error(`proximity silence of ${x.category} by ${x.by}: unless needs the sentence scope`);
      silences.push({
        category: x.category, by: ids.get(`${n}:${x.by}`)!, quoted: x.quoted ?? false, except: x.except ?? [], only: x.only,
        message: x.scope === "message", before, after, context: x.context === undefined ? -1 : ids.get(`${n}:${x.context}`)!,
        unless: x.unless === undefined ? -1 : ids.get(`${n}:${x.unless}`)!, ellipsis: x.ellipsis ?? false,
        word: x.word ?? false, clause: x.clause ?? false, start: x.start ?? false,
      });
    }
  }
  // The rules read when a word of their first class is in the message, by that class.
  const byAnchor: Rule[][] = Array.from({ length: ids.size }, () => []);
  for (const r of rules) byAnchor[r.near[r.from]!]!.push(r);
  // Most words of a message are in no class: a bit test on their fingerprint spares the lookup.
  const keys = bloomBits(entries.size);
  for (const k of entries.keys()) setBit(keys, fingerprint(k) & (keys.length * 32 - 1));
  // A message with no word of any rule's first class is done after one bit test per word: each
  // form of those classes is known by its longest word ("place" of "à ta place", "house" of
  // "your house"), so the common words that start many phrases ("you", "te") open no scan.
  const common = new Set(langs.flatMap((l) => (l.common ?? []).flatMap(termTokens)));
  const gate = new Uint32Array(GATE_BITS / 32);
  const gateWords = new Set<string>();
  for (const [c, rs] of byAnchor.entries()) {
    if (rs.length === 0) continue;
    for (const f of forms[c] ?? []) {
      const pick = rarestWord(f, common);
      setBit(gate, fingerprint(pick) & (GATE_BITS - 1));
      gateWords.add(pick);
    }
  }
  // The same for the silences' classes (the Scorer's silenceBits): a message with a hit but none of
  // these words has nothing to silence, and is not read sentence by sentence (see unsilenced).
  // Which silences' classes each gate word may open, so a sentence is read only for a class it may hold.
  const silenceClasses = new Map<string, number[]>();
  let silenceSpan = 0;
  // How far into a form its gate word may stand, per gate word: a form reading from a mark starts
  // at most that many words before it ("moi" alone: none; "c est moi": two).
  const gateOffsets = new Map<string, number>();
  for (const x of silences) {
    for (const c of silenceClassesOf(x)) {
      for (const f of forms[c] ?? []) {
        silenceSpan = Math.max(silenceSpan, f.length - 1);
        const pick = rarestWord(f, common);
        gateOffsets.set(pick, Math.max(gateOffsets.get(pick) ?? 0, f.lastIndexOf(pick)));
        const opened = silenceClasses.get(pick) ?? [];
        if (!opened.includes(c)) silenceClasses.set(pick, [...opened, c]);
      }
    }
  }
  yield;
  // Kept for the scorer's life: thousands of words are in the same one or two classes, so each
  // list of classes is kept once, at its exact size (a list grown by push keeps room for more).
  const lists = new Map<string, number[]>();
  const one = (classes: number[]) => { const k = classes.join(); let l = lists.get(k); if (l === undefined) lists.set(k, l = classes.slice()); return l; };
  for (const e of entries.values()) {
    e.classes = one(e.classes);
    const byWord = e.phrases as Map<string, Phrase[]> | undefined;
    if (byWord === undefined) continue;
    for (const [k, ps] of byWord) {
      byWord.set(k, ps.map((x) => ({ rest: x.rest, classes: one(x.classes) })));
      e.nextBits |= 1 << (fingerprint(k) & 31);
    }
    e.phrases = compacted(byWord);
  }
  return new Scorer(entries, keys, { bits: gate, words: gateWords }, silenceClasses, gateOffsets, silenceSpan, byAnchor, silences);
}

/** The word a form is known by: its longest word that is not a common one (all its words must be in a message that has it). */
function rarestWord(form: readonly string[], common: ReadonlySet<string>): string {
  const rare = form.filter((k) => !common.has(k));
  return (rare.length > 0 ? rare : form).reduce((a, b) => (b.length >= a.length ? b : a));
}

/**
 * Words known by their fingerprints (GATE_BITS of them, one bit test per message word) and then
 * by the words themselves, since fingerprints of different words collide ("creme", "crame").
 */
interface WordGate { readonly bits: Uint32Array; readonly words: ReadonlySet<string> }

/** Whether token `t`, in one of its readings, is one of the gate's words. */
function inGate(g: WordGate, t: WordToken): boolean {
  return (hasBit(g.bits, t.fp & (GATE_BITS - 1)) && g.words.has(t.key))
    || (t.alts !== undefined && t.alts.some((k) => g.words.has(k)))
    || (t.collapsed !== undefined && g.words.has(t.collapsed));
}

/** A class entry's forms: the word itself, or a stem with each suffix of its family ("tu/er"). */
function expand(word: string, families: Readonly<Record<string, readonly string[]>>, cls: string): string[] {
  const slash = word.indexOf("/");
  if (slash < 0) return [word];
  const fam = families[word.slice(slash + 1)];
  if (fam === undefined) throw new Error(`proximity class ${cls}: unknown suffix family in "${word}"`);
  const stem = word.slice(0, slash);
  // A family named "<…" holds prefixes ("site/<det": "ce site", "le site"…), any other suffixes.
  return word[slash + 1] === "<" ? fam.map((s) => s + stem) : fam.map((s) => stem + s);
}

/** Where classify() records that class `c` stands at token `i`. */
interface ClassSink { put(c: number, i: number): void }

/** The index of the first pair of the flat (token, offset) `list`, ascending by token, whose token is at least `at` (its pair count if none is). */
function firstPairAtOrAfter(list: readonly number[], at: number): number {
  let lo = 0, hi = list.length >>> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[2 * mid]! < at) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** A category's bit in the sets of categories the silences keep (its index in FILTER_CATEGORIES). */
function categoryBit(category: Tag["category"]): number {
  return 1 << FILTER_CATEGORIES.indexOf(category);
}

/**
 * What a silence gate word opens, found by one lookup per reading of a word (Scorer.silenceWords:
 * its index here): the silence classes whose forms it was picked from, each with the categories of
 * the silences that read that class (bits of FILTER_CATEGORIES), as flat pairs; and, in one number,
 * the categories of all its classes (low 16 bits: "de" gates only a self-harm silence, and says
 * nothing to an insult's hit) and how far into those forms it may stand (above; see proximitySteps).
 * A long message has a gate word in one word of three ("de", "est", "pour"): three lookups each
 * was most of the silences' time on a 2,000-character message with a hit. Arrays, not an object
 * per word: a thousand gate words, and the heap of a first compile must not grow.
 */
interface SilenceGateWords { readonly pairs: (readonly number[])[]; readonly spec: Int32Array }

/**
 * Whether a sentence ends between token i and i + 1 (sentenceBreak), each asked once per message:
 * the hits of a long message each look for the ends of their sentence up to SENTENCE_REACH words
 * either way, over the same words.
 */
class SentenceBreaks {
  /** Per gap after a token: 0 not asked yet, 1 no break, 2 a break. */
  private readonly known: Uint8Array;

  constructor(private readonly norm: NormalizedText) {
    this.known = new Uint8Array(norm.tokens.length);
  }

  after(i: number): boolean {
    let k = this.known[i]!;
    if (k === 0) this.known[i] = k = sentenceBreak(this.norm, this.norm.tokens[i]!, this.norm.tokens[i + 1]!) ? 2 : 1;
    return k === 2;
  }
}

/** A `near` test that takes any position. */
const ANY = (): boolean => true;

/**
 * The classes of the words of one message as the silences read them (unsilenced), by window of
 * tokens: a window holds the classes classify() records from its words, at the positions it
 * records them (a phrase's words may run past the window's end). Each word is classified once,
 * when a window first holds it: the silences of one hit ask for its sentence and for the whole
 * message in turn, and a long message with many hits had its every word read again at each
 * switch (half of a 2,000-character message's time went there).
 */
class WindowClasses implements ClassSink {
  /** Per token, whether its classes were recorded. */
  private readonly done: Uint8Array;
  /** Class → the (word, position) pairs recorded for it, flat: the word classified, then where the class stands. */
  private readonly byClass = new Map<number, number[]>();
  /** The word being classified. */
  private word = 0;
  /** How many tokens are not classified yet (none left: a window needs no pass over its words). */
  private left: number;
  /** The message's number of tokens. */
  readonly size: number;
  /** Scorer.inSentence's answers so far, by window and class. */
  readonly answers = new Map<number, boolean>();

  constructor(private readonly scorer: Scorer, private readonly norm: NormalizedText) {
    this.size = norm.tokens.length;
    this.done = new Uint8Array(this.size);
    this.left = this.size;
  }

  put(c: number, i: number): void {
    const list = this.byClass.get(c);
    if (list === undefined) this.byClass.set(c, [this.word, i]); else list.push(this.word, i);
  }

  /** Classifies the words [from, to] not read yet. */
  read(from: number, to: number): void {
    const toks = this.norm.tokens;
    for (let i = from; i <= to && this.left > 0; i++) {
      if (this.done[i] === 1) continue;
      this.done[i] = 1;
      this.left--;
      this.word = i;
      this.scorer.classifyWord(this.norm, toks, i, this);
    }
  }

  /** Whether class `c` stands at token `j`, as read so far. */
  standsAt(c: number, j: number): boolean {
    const list = this.byClass.get(c);
    if (list === undefined) return false;
    for (let k = 1; k < list.length; k += 2) if (list[k] === j) return true;
    return false;
  }

  /** Whether a word of `win` read so far puts class `c` at a position `near` takes. */
  has(c: number, win: Window, near: (j: number) => boolean): boolean {
    const list = this.byClass.get(c);
    if (list === undefined) return false;
    for (let k = 0; k < list.length; k += 2) if (list[k]! >= win.first && list[k]! <= win.last && near(list[k + 1]!)) return true;
    return false;
  }
}

class Scorer implements ProximityScorer {
  /** Per class, the tokens of the message being scanned that are in it (reused: a scan never yields). */
  private at: number[][];
  /** The classes met in the message being scanned, so the next scan empties only those (a new list each scan, like `opened`). */
  private met: number[] = [];

  constructor(
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly keys: Uint32Array,
    /** The longest word of each form of a rule's first class (see createProximityScorer). */
    private readonly gate: WordGate,
    /** Gate word → the silence classes whose forms it was picked from. */
    silenceClasses: ReadonlyMap<string, readonly number[]>,
    /** Gate word → how far into its forms it may stand (see proximitySteps). */
    gateOffsets: ReadonlyMap<string, number>,
    /** The most words of a silence's form, less one: how far past a window its gate word may stand. */
    private readonly silenceSpan: number,
    private readonly byAnchor: readonly (readonly Rule[])[],
    silences: readonly Silence[],
  ) {
    this.at = byAnchor.map(() => []);
    // Per silence class (its words, its context's or its exception's), the categories whose hits it may silence, as bits of FILTER_CATEGORIES.
    const classCategories = new Map<number, number>();
    for (const x of silences) {
      const own = this.silencesOf.get(x.category);
      if (own === undefined) this.silencesOf.set(x.category, [x]); else own.push(x);
      const bit = categoryBit(x.category);
      this.silencedBits |= bit;
      for (const c of silenceClassesOf(x)) classCategories.set(c, (classCategories.get(c) ?? 0) | bit);
    }
    // Gate words that open the same classes share one list of pairs.
    const lists = new Map<string, readonly number[]>();
    const perCategory: string[][] = [];
    this.gates = { pairs: [], spec: new Int32Array(silenceClasses.size) };
    for (const [word, classes] of silenceClasses) {
      const own = classes.flatMap((c) => [c, classCategories.get(c)!]);
      const key = own.join();
      const pairs = lists.get(key) ?? (lists.set(key, own), own);
      let any = 0;
      for (let n = 1; n < pairs.length; n += 2) any |= pairs[n]!;
      const at = this.gates.pairs.length;
      this.gates.pairs.push(pairs);
      this.gates.spec[at] = any | (gateOffsets.get(word)! << 16);
      this.silenceWords.set(word, at);
      for (let k = 0; k < FILTER_CATEGORIES.length; k++) if ((any & (1 << k)) !== 0) (perCategory[k] ??= []).push(word);
    }
    for (const [k, words] of perCategory.entries()) {
      if (words === undefined) continue;
      const bits = this.silenceBits[k] = bloomBits(words.length);
      for (const w of words) setBit(bits, fingerprint(w) & (bits.length * 32 - 1));
    }
  }

  /**
   * Per category (its index in FILTER_CATEGORIES), fingerprint bits of the gate words of the silences
   * of that category (bloomBits: a few KB each): a message's words are tested against the hits'
   * categories only, so the words that gate another category's silences ("de", "sur": self-harm)
   * cost a bit test, not a lookup.
   */
  private readonly silenceBits: (Uint32Array | undefined)[] = [];

  /** Each silence gate word's index in `gates`. */
  private readonly silenceWords = new Map<string, number>();
  /** What each silence gate word opens (see SilenceGateWords). */
  private readonly gates: SilenceGateWords;

  /** The silences of each category, in the files' order: a hit reads only its own (there are dozens). */
  private readonly silencesOf = new Map<Tag["category"], Silence[]>();
  /** The categories some silence drops, as bits. */
  private silencedBits = 0;

  match(norm: NormalizedText): FilterHit[] {
    const toks = norm.tokens;
    // One tight pass: the first word that may start a rule (see GATE_BITS), and whether two
    // one-letter words follow each other (a spelled-out word). The usual message ends here.
    const gate = this.gate.bits, gateWords = this.gate.words;
    let from = -1, singles = false, prevSingle = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i], key = t.key, n = key.length;
      if (n === 1) { if (prevSingle) singles = true; prevSingle = true; } else prevSingle = false;
      if (from >= 0) { if (singles) break; continue; }
      if ((hasBit(gate, t.fp & (GATE_BITS - 1)) && gateWords.has(key))
        || ((t.alts !== undefined || t.collapsed !== undefined) && this.opens(t))) from = i;
    }
    let out = from >= 0 ? this.scan(norm, toks, from) : NONE;
    // Words spelled out letter by letter ("f.a.c.e.b.o.o.k", "s.e.x.y") read as the words they spell.
    if (out.length === 0 && singles) {
      const again = norm.respelled();
      // Read again only when a spelled-out word is one of the classes' words.
      if (again !== undefined && again.some((t) => t.e - t.s > t.length && this.entries.has(t.key))) {
        let first = 0;
        while (first < again.length && !this.opens(again[first])) first++;
        if (first < again.length) out = this.scan(norm, again, first);
      }
    }
    return out;
  }

  /** The words from `from` (the first that may start a rule) on, read against the rules. */
  private scan(norm: NormalizedText, toks: readonly WordToken[], from: number): FilterHit[] {
    // A new list, not the last one emptied: truncating an array in place is a runtime call, and
    // costs more than allocating a small one.
    const opened: number[] = [];
    for (let i = from; i < toks.length; i++) if (i === from || this.opens(toks[i])) opened.push(i);
    const at = this.at;
    for (const c of this.met) at[c] = [];
    const met: number[] = this.met = [];
    // Only the words a rule read from an opening word may reach are classified (a long message's others are not).
    let o = 0;
    for (let i = Math.max(0, opened[0]! - REACH); i < toks.length; i++) {
      while (o < opened.length && opened[o]! + REACH < i) o++;
      if (o === opened.length) break;
      if (opened[o]! - REACH > i) { i = opened[o]! - REACH - 1; continue; }
      this.classifyWord(norm, toks, i, this);
      const t = toks[i];
      if (t.collapsed !== undefined) this.classify(t.collapsed, norm, toks, i);
    }
    let hits: FilterHit[] | undefined;
    for (let m = 0; m < met.length; m++) {
      const rules = this.byAnchor[met[m]!]!;
      for (const r of rules) {
        for (const i of at[r.near[r.from]!]!) {
          const span = this.place(r, toks, norm, i);
          if (span === undefined) continue;
          const first = span[0];
          let last = span[1];
          if (r.start && first > 0 && sameClause(norm.folded, toks[first - 1].e, toks[first].s)) continue;
          if (this.vetoed(r, toks, norm, first, last)) continue;
          // The quoted match reads a phrase of the anchor's class whole ("tell everyone what you did", not "tell").
          const anchorAt = at[r.near[r.from]!]!;
          while (last + 1 < toks.length && last - first < MAX_WITHIN + PHRASE_SLACK && anchorAt.includes(last + 1)) last++;
          const [s, e] = norm.toOriginal(toks[first].s, toks[last].e);
          if (hits?.some((h) => h.category === r.tag.category && h.start < e && s < h.end)) continue;
          (hits ??= []).push({ kind: "word", detail: r.name, match: norm.original.slice(s, e), start: s, end: e, category: r.tag.category, severity: r.tag.severity });
          break;
        }
      }
    }
    return hits ?? NONE;
  }

  unsilenced(norm: NormalizedText, hits: FilterHit[]): FilterHit[] {
    // Most messages with a hit have none of a category some silence drops: one pass over the hits.
    let hitBits = 0;
    for (let i = 0; i < hits.length; i++) hitBits |= categoryBit(hits[i]!.category);
    const categories = hitBits & this.silencedBits;
    if (categories === 0) return hits;
    const marks = this.silenceMarks(norm, categories);
    if (marks === undefined) return hits;
    // Each word's classes are read at most once per call, whatever windows are asked (see WindowClasses).
    const classes = new WindowClasses(this, norm);
    const kept: FilterHit[] = [];
    const whole: Window = { first: 0, last: norm.tokens.length - 1 };
    // Per category, its silences whose classes have a mark in the message: no other can drop a hit
    // (inSentence needs one), so a long message's hits do not each try dozens of them.
    const present = new Map<Tag["category"], readonly Silence[]>();
    let breaks: SentenceBreaks | undefined;
    for (const h of hits) {
      let silences = present.get(h.category);
      if (silences === undefined) {
        silences = (this.silencesOf.get(h.category) ?? []).filter((x) => marks.has(x.by) && (x.context < 0 || marks.has(x.context)));
        present.set(h.category, silences);
      }
      if (silences.length === 0) { kept.push(h); continue; }
      // The hit's sentence, its quotation marks and its first and last words, each found once whatever the silences ask.
      let win: Window | undefined, quoted: boolean | undefined, silenced = false, first = -1, last = -1, startTok = -1;
      for (const x of silences) {
        if (x.except.includes(h.detail) || (x.only !== undefined && !x.only.includes(h.detail))) continue;
        if (x.quoted && !(quoted ??= quotedAround(norm.original, h.start, h.end))) continue;
        if (first < 0 && (x.word || x.before >= 0 || x.after >= 0)) { first = startTok < 0 ? (startTok = this.tokenAt(norm, h.start)) : startTok; last = this.tokenAt(norm, h.end - 1); }
        if (x.word && first !== last) continue;
        if (x.context >= 0 && !this.inSentence(whole, x.context, marks, classes)) continue;
        if (x.message) {
          if (this.inSentence(whole, x.by, marks, classes)) { silenced = true; break; }
          continue;
        }
        win ??= this.sentenceOf(norm, startTok < 0 ? (startTok = this.tokenAt(norm, h.start)) : startTok, breaks ??= new SentenceBreaks(norm));
        if (!this.inSentence(win, x.by, marks, classes)) continue;
        if (x.unless >= 0 && this.inSentence(win, x.unless, marks, classes)) continue;
        if (x.before < 0 && x.after < 0 && !x.start) { silenced = true; break; }
        // Only a word of the class right before or after the hit, in its sentence.
        if (x.start && !(last - first < INTERJECTION_WORDS && this.opensMessage(first, x, classes))) continue;
        if (x.ellipsis && !(last + 1 < norm.tokens.length && ellipsisBetween(norm, last, last + 1))) continue;
        const near = (j: number) => ((x.before >= 0 && j < first && j >= first - x.before && j >= win!.first)
          || (x.after >= 0 && j > last && j <= last + x.after && j <= win!.last))
          && !(x.clause && punctuated(norm, Math.min(j, first), Math.max(j, last)));
        // inSentence read every word a form of the class can start from in this window.
        if (classes.has(x.by, win, near)) { silenced = true; break; }
      }
      if (!silenced) kept.push(h);
    }
    return kept;
  }

  /**
   * Whether a hit starting at token `first` opens the message: it is the first word, or (with
   * `before`) only words of the silence's class stand before it ("C'est con, j'ai oublié…").
   */
  private opensMessage(first: number, x: Silence, classes: WindowClasses): boolean {
    if (first === 0) return true;
    if (x.before < 0 || first > x.before) return false;
    // inSentence read the words before the hit that a form of the class can cover.
    for (let j = 0; j < first; j++) if (!classes.standsAt(x.by, j)) return false;
    return true;
  }

  /**
   * Per silence class of the given categories (bits of FILTER_CATEGORIES), the tokens that are one
   * of its gate words (each form's rarest word), in order, each with how far back a form through it
   * may start (flat pairs); undefined when no token is any such class's: most messages with a hit
   * have none, and then no hit's sentence needs reading (a bit test per word and hit category). A window without a class's mark has no
   * form of it either (inSentence), so a long message reads only the words a form may start from:
   * a "magasin" in one sentence does not make every other sentence with a hit be read word by word.
   */
  private silenceMarks(norm: NormalizedText, categories: number): ReadonlyMap<number, number[]> | undefined {
    const toks = norm.tokens, words = this.silenceWords;
    const bits: Uint32Array[] = [];
    for (let k = 0; k < this.silenceBits.length; k++) if ((categories & (1 << k)) !== 0 && this.silenceBits[k] !== undefined) bits.push(this.silenceBits[k]!);
    let marks: Map<number, number[]> | undefined;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      // Each reading: as written (its fingerprint's bit in one of the categories' sets first), its alternatives, its collapsed form.
      let gated = false;
      for (let b = 0; b < bits.length && !gated; b++) gated = hasBit(bits[b]!, t.fp & (bits[b]!.length * 32 - 1));
      if (gated) {
        const w = words.get(t.key);
        if (w !== undefined) marks = this.mark(w, i, categories, marks);
      }
      if (t.alts !== undefined) for (const k of t.alts) { const w = words.get(k); if (w !== undefined) marks = this.mark(w, i, categories, marks); }
      if (t.collapsed !== undefined) { const w = words.get(t.collapsed); if (w !== undefined) marks = this.mark(w, i, categories, marks); }
    }
    return marks;
  }

  /**
   * Records token `i` as a mark of the silence classes gate word `w` (its index) opens, of the given categories only:
   * a preposition that gates the self-harm silence "…hang myself... a new shelf" says nothing to
   * an insult's hit. A method, not a closure per call: the usual message with a hit comes here.
   */
  private mark(w: number, i: number, categories: number, marks: Map<number, number[]> | undefined): Map<number, number[]> | undefined {
    const spec = this.gates.spec[w]!;
    if ((spec & 0xffff & categories) === 0) return marks;
    const off = spec >>> 16, pairs = this.gates.pairs[w]!;
    for (let n = 0; n < pairs.length; n += 2) {
      if ((pairs[n + 1]! & categories) === 0) continue;
      const c = pairs[n]!;
      const list = (marks ??= new Map()).get(c);
      // Pairs of (token, how far back a form may start): a token read as two gate words keeps the farther.
      if (list === undefined) marks.set(c, [i, off]);
      else if (list[list.length - 2] !== i) list.push(i, off);
      else if (list[list.length - 1]! < off) list[list.length - 1] = off;
    }
    return marks;
  }

  /** The token original offset `at` stands in (or the next one): token offsets grow with the original's, so a binary search finds it. */
  private tokenAt(norm: NormalizedText, at: number): number {
    const toks = norm.tokens;
    let lo = 0, hi = toks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (norm.toOriginal(toks[mid].s, toks[mid].e)[1] <= at) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** The tokens of the sentence around token `lo` (the hit's first, tokenAt), at most SENTENCE_REACH either way. */
  private sentenceOf(norm: NormalizedText, lo: number, breaks: SentenceBreaks): Window {
    const toks = norm.tokens;
    if (toks.length === 0) return { first: 0, last: -1 };
    let first = lo, last = lo;
    while (first > 0 && lo - first < SENTENCE_REACH && !breaks.after(first - 1)) first--;
    while (last + 1 < toks.length && last - lo < SENTENCE_REACH && !breaks.after(last)) last++;
    return { first, last };
  }

  /** Whether a word of class `c` stands in sentence `win` (only asked for a hit a silence may drop). */
  private inSentence(win: Window, c: number, marks: ReadonlyMap<number, number[]>, classes: WindowClasses): boolean {
    const { first, last } = win;
    if (last < first) return false;
    const at = marks.get(c);
    if (at === undefined) return false;
    // The answer is whether a word of the window records the class, whatever was read before, so
    // the hits of one sentence (and every hit, for a message-wide silence) ask it once.
    const key = (first * this.at.length + c) * classes.size + last;
    const known = classes.answers.get(key);
    if (known !== undefined) return known;
    const yes = this.readFor(first, last, at, classes) && classes.has(c, win, ANY);
    classes.answers.set(key, yes);
    return yes;
  }

  /** Reads the words of [first, last] a form through one of the class's marks `at` may start from; whether there was any. */
  private readFor(first: number, last: number, at: readonly number[], classes: WindowClasses): boolean {
    // Every form of class `c` holds one of its gate words (a mark) and starts at most the mark's
    // offset words before it: only those words are read, not the whole window (a message-wide silence
    // over a long message would read every word of it). The marks are in text order.
    let found = false;
    for (let k = 2 * firstPairAtOrAfter(at, first); k < at.length && at[k]! <= last + this.silenceSpan; k += 2) {
      const m = at[k]!, off = at[k + 1]!;
      if (m - off > last) continue;
      classes.read(Math.max(first, m - off), Math.min(last, m));
      found = true;
    }
    return found;
  }

  /** Whether a rule may start at this word: it is the rarest word of a form of a rule's first class, in one of its readings. */
  private opens(t: WordToken): boolean {
    return inGate(this.gate, t);
  }

  /** Records in `into` the classes of token `i` read as written (its key, where the key filter lets it, and its alts). */
  classifyWord(norm: NormalizedText, toks: readonly WordToken[], i: number, into: ClassSink): void {
    const t = toks[i], keys = this.keys;
    if (hasBit(keys, t.fp & (keys.length * 32 - 1))) this.classify(t.key, norm, toks, i, into);
    if (t.alts !== undefined) for (const k of t.alts) this.classify(k, norm, toks, i, into);
  }

  /** Records the classes of `key` at token `i`, and those of the phrases starting there, in `into` (the scan's: this). */
  classify(key: string, norm: NormalizedText, toks: readonly WordToken[], i: number, into: ClassSink = this): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    for (const c of e.classes) into.put(c, i);
    const phrases = e.phrases;
    if (phrases === undefined || i + 1 >= toks.length) return;
    // Phrases by their second word: a bit test, then one lookup, and most end there.
    const nt = toks[i + 1];
    if ((e.nextBits & (1 << (nt.fp & 31))) === 0) return;
    const list = phrases.get(nt.key);
    if (list === undefined) return;
    for (const p of list) {
      let ok = i + p.rest.length < toks.length;
      for (let k = 0; ok && k < p.rest.length; k++) ok = toks[i + 1 + k].key === p.rest[k] && !sentenceBreak(norm, toks[i + k], toks[i + k + 1]);
      if (ok) for (let k = 0; k <= p.rest.length; k++) for (const c of p.classes) into.put(c, i + k);
    }
  }

  put(c: number, i: number): void {
    const list = this.at[c]!;
    if (list.length === 0) this.met.push(c);
    // Positions come in token order (a phrase's words may come again right after it): the last one is the only twin.
    if (list.length === 0 || list[list.length - 1]! < i) list.push(i);
    else if (!list.includes(i)) list.push(i);
  }

  /** The tokens [first, last] where rule `r`'s classes all stand around anchor `i`, in one sentence (or clause); undefined if not. */
  private place(r: Rule, toks: readonly WordToken[], norm: NormalizedText, i: number): [number, number] | undefined {
    let first = i, last = i, prev = -1;
    for (let n = 0; n < r.near.length; n++) {
      if (n === r.from) { prev = i; continue; }
      let best = -1;
      // The nearest word of the class that keeps the whole match within `within` tokens; when the
      // rule is ordered, on the anchor's side its place in `near` says, and after the class before it.
      for (const j of this.at[r.near[n]!]!) {
        if (j === i) continue;
        if (j > last + r.within + PHRASE_SLACK) break;
        if (r.ordered && (n < r.from ? j >= i : j <= i || j <= prev)) continue;
        if (Math.max(last, j) - Math.min(first, j) > r.within) continue;
        if (best < 0 || Math.abs(j - i) < Math.abs(best - i)) best = j;
      }
      if (best < 0) return undefined;
      if (r.ordered && best <= prev) return undefined;
      first = Math.min(first, best); last = Math.max(last, best); prev = best;
    }
    for (let j = first; j < last; j++) {
      if ((!r.acrossSentences && sentenceBreak(norm, toks[j], toks[j + 1])) || (r.clause && clauseMark(norm.folded, toks[j].e, toks[j + 1].s))) return undefined;
    }
    return [first, last];
  }

  /** A negation in or just around the match, a quotation, or a word of an `unless` class nearby. */
  private vetoed(r: Rule, toks: readonly WordToken[], norm: NormalizedText, first: number, last: number): boolean {
    if (!r.negationKept) {
      // In the match, right after it ("je te frappe pas"), or a few words before it in its clause ("I'm not going to hurt you").
      for (let j = first; j <= Math.min(toks.length - 1, last + 1); j++) if (NEGATIONS.has(toks[j].key)) return true;
      for (let j = first - 1; j >= 0 && j >= first - NEGATION_LEAD; j--) {
        if (clauseMark(norm.folded, toks[j].e, toks[j + 1].s) || sentenceBreak(norm, toks[j], toks[j + 1]) || CONJUNCTIONS.has(toks[j].key)) break;
        if (NEGATIONS.has(toks[j].key)) return true;
      }
      if (silenced(norm, toks, first, last)) return true;
    }
    const lo = first - r.around, hi = last + r.around;
    for (const u of r.unless) for (const j of this.at[u]!) if (j >= lo && j <= hi) return true;
    return false;
  }
}
