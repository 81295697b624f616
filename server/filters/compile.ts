import type { CompiledFilters, FilterLists, FilterHit, Tag } from "./types.ts";
import { normalize, type NormalizedText } from "./normalize.ts";
import { LexiconBuilder, termTokens, type Inflection, type Lexicon, type SharedLexicon } from "./lexicon.ts";
import { createLinkMatcher, type LinkMatcher } from "./links.ts";
import { createContactDetector, isContactPhrase, type ContactDetector } from "./contacts.ts";
import { createCodeDetector, type CodeDetector } from "./codes.ts";
import { proximitySteps, type ProximityScorer } from "./proximity.ts";
import type { CategoryModel } from "./category-model.ts";
import type { BaseLexicons, Language } from "./base-lexicons.ts";

export { loadBaseLexicons, type BaseLexicons } from "./base-lexicons.ts";

/**
 * Compiles a tenant's lists into an immutable `CompiledFilters`, off the hot path.
 *
 * `compileFilters` yields to the event loop whenever a slice of work has run for `SLICE_MS`, so a
 * tenant with a 10,000-term list never stalls the chat; the caller swaps the returned object in
 * one assignment, so messages see either the old filters or the new ones, never a mix.
 *
 * @example
 *   const filters = await compileFilters(tenant.filters.lists, loadBaseLexicons());
 *   filters.words("quel c0nnard"); // [{ kind: "word", detail: "connard", match: "c0nnard", start: 5, end: 12 }]
 */

/** Longest stretch of compile work between two yields to the event loop. */
const SLICE_MS = 8;

const INFLECT: Record<Language, Inflection> = { en: "en", fr: "fr" };

/** A tenant term's category when the manager named none. */
const COMPETITOR: Tag = Object.freeze({ category: "competitor", severity: 2 });

/**
 * What is built from the built-in lists once per BaseLexicons and set of languages, and shared by
 * every tenant that has those languages (nothing of a tenant goes in). `make` runs in the compile's
 * steps, so a first build yields like the rest of a compile.
 */
class PerLanguages<T> {
  private readonly byBase = new WeakMap<BaseLexicons, Map<string, T>>();

  *get(base: BaseLexicons, languages: readonly Language[], make: () => Generator<void, T>): Generator<void, T> {
    let byLanguages = this.byBase.get(base);
    if (byLanguages === undefined) this.byBase.set(base, byLanguages = new Map());
    const key = languages.join(",");
    let value = byLanguages.get(key);
    if (value === undefined) byLanguages.set(key, value = yield* make());
    return value;
  }
}

/**
 * The built-in lists and patterns, shared by every tenant's lexicon (LexiconBuilder's shared base):
 * some 900 templates expand into tens of thousands of nodes, the same for every tenant, and
 * rebuilding them was most of a compile.
 */
const sharedBuilds = new PerLanguages<SharedLexicon>();

/** The proximity scorer (it has no tenant part). */
const sharedScorers = new PerLanguages<ProximityScorer>();

/** The details the category model may overrule (see readingsOf). */
const sharedReadings = new PerLanguages<ReadonlySet<string>>();

/** The compile steps, as a generator so the sync and async drivers share them. */
function* steps(lists: FilterLists, base: BaseLexicons): Generator<void, CompiledFilters> {
  const languages = [...new Set(lists.languages)];
  // A tenant that removes or allows built-in words changes the built-in part: it gets a build of its own.
  const own = (lists.removed?.length ?? 0) > 0 || lists.allow.length > 0;
  let builder: LexiconBuilder;
  if (own) {
    builder = new LexiconBuilder();
    yield* builtins(builder, languages, base);
  } else {
    const shared = yield* sharedBuilds.get(base, languages, function* () {
      const b = new LexiconBuilder();
      yield* builtins(b, languages, base);
      return yield* b.buildShared();
    });
    builder = new LexiconBuilder(shared);
  }
  // A tenant's own words (config terms and managers' additions) also match written as separate
  // words ("glow up" for "glowup"); the built-in lists are not read across spaces.
  // They are the tenant's competitors unless a manager named another category (SPEC §12).
  for (let i = 0; i < lists.terms.length; i++) {
    builder.add(lists.terms[i], "plural", true, (lists.tags && Object.hasOwn(lists.tags, lists.terms[i]!) ? lists.tags[lists.terms[i]!] : undefined) ?? COMPETITOR);
    if ((i & 31) === 31) yield;
  }
  if (own) {
    for (const t of lists.removed ?? []) builder.remove(t);
    for (const t of lists.allow) builder.allow(t);
  }
  yield;
  const lexicon = yield* builder.buildSteps();
  yield;
  const links = createLinkMatcher(lists.links);
  // The tenant's allowed phrases also name its own handle, address or line (contacts.ts, ownContacts).
  const contacts = createContactDetector(languages.map((l) => base[l].contact), lists.allow);
  const codes = createCodeDetector(languages.map((l) => base[l].codes), lists.removed ?? []);
  const scorer = yield* sharedScorers.get(base, languages, () => proximitySteps(languages.map((l) => base[l].proximity)));
  const model = lists.model === false ? undefined : base.model;
  // The tenant's own exceptions (allowed phrases, built-in words it removed) bind the model too: a
  // message with one of them is not judged, or "kys" allowed by a manager would come back as a
  // guess. Built-in innocent phrases do not: "pussy willow" must not shield a threat beside it.
  // The brand's own handle, address or line is the contact detector's (isContactPhrase): as a phrase
  // here, every message naming the brand ("@acme_beauty" reads as "acme beauty") would skip the model.
  const exceptions = [...lists.allow.filter((a) => !isContactPhrase(a)), ...(lists.removed ?? [])];
  const exempt = model && exceptions.length > 0 ? yield* exemptions(exceptions) : undefined;
  return new Filters(lexicon, links, contacts, codes, scorer, model, exempt, model ? yield* readingsOf(base, languages, lists.terms) : undefined);
}

/**
 * The details of the built-in phrase templates and proximity rules of `languages`: the hits the
 * model may overrule (Filters.overruled). They read a phrase's shape, and a shape has innocent
 * readings the corpora taught the model ("je vais massacrer tout le monde aux fléchettes"); a
 * listed word ("connasse", "sale juif") is an insult whatever surrounds it, and the model, which
 * knows little of a two-word message, must not talk it down. A hit is known by its detail, so a
 * template written as a plain phrase that a built-in list or the tenant also lists ("remigration")
 * is left out: that hit may be the listed word's.
 */
function* readingsOf(base: BaseLexicons, languages: readonly Language[], terms: readonly string[]): Generator<void, ReadonlySet<string>> {
  const set = yield* sharedReadings.get(base, languages, function* () {
    yield; // a slice of its own: every term and template of the languages is read
    const listed = new Set(languages.flatMap((l) => base[l].terms.map((t) => termTokens(t).join(" "))));
    return new Set(languages.flatMap((l) => [...base[l].patterns.map((p) => p.detail), ...base[l].proximity.rules.map((r) => r.name)])
      .filter((d) => !listed.has(termTokens(d).join(" "))));
  });
  const own = terms.map((t) => termTokens(t).join(" ")).filter((t) => set.has(t));
  if (own.length === 0) return set;
  const mine = new Set(set);
  for (const t of own) mine.delete(t);
  return mine;
}

/** The tenant's exceptions (allowed phrases, removed words) as one small lexicon: what the model must not judge. */
function* exemptions(exceptions: readonly string[]): Generator<void, Lexicon> {
  const b = new LexiconBuilder();
  for (const t of exceptions) b.add(t, "plural", true, COMPETITOR);
  return yield* b.buildSteps();
}

/** Adds the built-in lists and patterns of `languages` to a builder. */
function* builtins(builder: LexiconBuilder, languages: readonly Language[], base: BaseLexicons): Generator<void, void> {
  for (const lang of languages) {
    const lex = base[lang];
    for (const c of lex.categories) builder.categorize(c.term, c.tag);
    for (let i = 0; i < lex.terms.length; i++) {
      builder.add(lex.terms[i], INFLECT[lang]);
      if ((i & 31) === 31) yield;
    }
    for (const t of lex.remove) builder.remove(t);
    for (const t of lex.allow) builder.allow(t);
    for (const ctx of lex.ambiguous) builder.ambiguous(ctx);
    for (const p of lex.patterns) {
      builder.pattern(p.steps, p.detail, p.tag);
      yield;
    }
    for (const steps of lex.patternAllows) builder.allowPattern(steps);
  }
}

class Filters implements CompiledFilters {
  readonly termCount: number;

  constructor(
    private readonly lexicon: Lexicon, private readonly linkMatcher: LinkMatcher, private readonly contacts: ContactDetector,
    private readonly codes: CodeDetector,
    private readonly proximity: ProximityScorer, private readonly model: CategoryModel | undefined,
    private readonly exempt: Lexicon | undefined, private readonly readings: ReadonlySet<string> | undefined,
  ) {
    this.termCount = lexicon.size;
    Object.freeze(this);
  }

  /**
   * Lexicon words and phrases, phrase patterns, contact details, coded hate and proximity rules (SPEC §12), in
   * text order; then, unless a rule already held the message for one of the model's categories,
   * the category model's judgement, if any (first: it covers the whole message). A rule's hit of
   * another category (a mild swear word, a competitor's name) does not spare the rest of the
   * message from the model: the tenant's policy may let that hit through. When a rule did hold it
   * for one of them, the model may overrule a template's or proximity rule's hit (overruled).
   */
  words(text: string, norm: NormalizedText = normalize(text)): FilterHit[] {
    const words = this.lexicon.match(norm);
    const marks = this.marks(norm);
    let near = this.proximity.match(norm);
    if (near.length > 0 && words.length + marks.length > 0) {
      // A rule's hit adds nothing where a template or term already holds the same words for the same reason.
      near = near.filter((p) => ![...words, ...marks].some((h) => h.category === p.category && h.start < p.end && p.start < h.end));
    }
    const all = marks.length === 0 && near.length === 0 ? words
      : words.length === 0 && near.length === 0 ? marks
      : [...words, ...marks, ...near].sort((a, b) => a.start - b.start);
    const kept = all.length > 0 ? this.proximity.unsilenced(norm, all) : all;
    if (!this.model) return kept;
    if (all.some((h) => this.model!.categories.has(h.category))) return this.overruled(norm, kept);
    if (this.exempt && this.exempt.match(norm).length > 0) return kept;
    const judged = this.model.judge(norm);
    if (judged?.category !== "contact") return judged ? [judged, ...kept] : kept;
    // The brand's own contact details (rare: a contact guess that no rule of the model's categories
    // held). Its line, allowed: the guess was the line ("appelez le 01 84 88 00 00", contact 0.87),
    // which the model cannot tell from a seller's, so it is dropped; any other category still is
    // judged. Its handle, address or site: the message is judged again with them blanked.
    const own = this.contacts.ownDetails(norm);
    if (own?.line) return kept;
    const links = this.linkMatcher.ownLinks(norm);
    if (own === undefined && links === undefined) return [judged, ...kept];
    const spans = [...(own?.spans ?? []), ...(links ?? [])].sort((a, b) => a[0] - b[0]);
    const again = this.model.judge(normalize(blanked(norm.original, spans)));
    if (again === undefined) return kept;
    // A guess that stays was the rest of the message ("i sell the same serum for half, write to me
    // privately, see demo-beauty.com for the photos"); its hit quotes the message as written.
    return [{ ...again, match: norm.original, end: norm.original.length }, ...kept];
  }

  /** Contact details and coded hate: what is read from the text's digits and signs rather than its words. */
  private marks(norm: NormalizedText): FilterHit[] {
    const contacts = this.contacts.match(norm);
    const codes = this.codes.match(norm);
    return codes.length === 0 ? contacts : contacts.length === 0 ? codes : [...contacts, ...codes].sort((a, b) => a.start - b.start);
  }

  /**
   * A rule's hit the model may overrule (CategoryModel.doubts): a built-in phrase template or
   * proximity rule (readingsOf) of a category the model judges. Not listed words, not contact
   * details (a number or an address is read, not guessed), not the tenant's own terms.
   */
  private overrulable(detail: string, category: Tag["category"]): boolean {
    return category !== "contact" && this.model!.categories.has(category) && this.readings!.has(detail);
  }

  /**
   * Drops the overrulable hits the model doubts (CategoryModel.doubts: most of the rules' traps). A
   * listed word, or a template of a category not doubted, that a dropped template covered comes
   * back (a cream that "c'est de la pourriture" loses the hate template, keeps the insult
   * "pourriture"): rare, so a second lexicon pass.
   */
  private overruled(norm: NormalizedText, kept: FilterHit[]): FilterHit[] {
    if (!kept.some((h) => this.overrulable(h.detail, h.category))) return kept;
    const doubts = this.model!.doubts(norm);
    if (doubts.size === 0) return kept;
    const doubted = (detail: string, category: Tag["category"]) => doubts.has(category) && this.overrulable(detail, category);
    const dropped = kept.filter((h) => doubted(h.detail, h.category));
    if (dropped.length === 0) return kept;
    const rest = kept.filter((h) => !dropped.includes(h));
    const under = this.lexicon.match(norm, doubted)
      .filter((w) => dropped.some((d) => d.start <= w.start && w.end <= d.end) && !rest.some((r) => r.start === w.start && r.end === w.end));
    if (under.length === 0) return rest;
    return [...rest, ...this.proximity.unsilenced(norm, under)].sort((a, b) => a.start - b.start);
  }

  links(text: string, norm: NormalizedText = normalize(text)): FilterHit[] {
    return this.linkMatcher.match(norm);
  }
}

/**
 * `text` with the spans replaced by as many spaces, in one pass: same length, so the copy's offsets
 * are the original's. Spans come in text order; one inside the last (a host repeated in a link's
 * path, an address's domain) is already blank.
 */
function blanked(text: string, spans: readonly (readonly [number, number])[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    parts.push(text.slice(at, from), " ".repeat(e - from));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** Compiles without blocking the event loop for more than a few milliseconds at a time. */
export async function compileFilters(lists: FilterLists, base: BaseLexicons): Promise<CompiledFilters> {
  const it = steps(lists, base);
  let sliceStart = performance.now();
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** Same result in one blocking call, for tests, benchmarks and start-up. */
export function compileFiltersSync(lists: FilterLists, base: BaseLexicons): CompiledFilters {
  const it = steps(lists, base);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
