import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Filter } from "bad-words";
import { FILTER_CATEGORIES, type FilterCategory, type Severity } from "../../client-sdk/src/protocol.ts";
import type { ContactWords } from "./contacts.ts";
import { codeDigits, type CodeWords } from "./codes.ts";
import type { PatternStep, WordContext } from "./lexicon.ts";
import type { ProximityWords } from "./proximity.ts";
import { compileTemplate, type Slots } from "./patterns.ts";
import type { Tag } from "./types.ts";
import { createCategoryModel, type CategoryModel, type CategoryModelData } from "./category-model.ts";

/**
 * The built-in word lists, per language: the upstream list plus the project's curation in
 * `config/lexicons/<lang>.json` (additions, removals of list junk, innocent phrases), the category
 * and severity of every term in `categories-<lang>.json`, and the phrase patterns of
 * `patterns-<lang>.json` (SPEC §12).
 * Read once per process; compiling a tenant's filters reuses them.
 *
 * @example
 *   const base = loadBaseLexicons(); base.fr.terms.includes("connard"); // true
 */

export type Language = "en" | "fr";

export interface BaseLexicon {
  /** Upstream terms followed by the project's additions (raw spellings; canonicalised at compile). */
  readonly terms: readonly string[];
  /** Terms to drop, whatever their spelling in the upstream list. */
  readonly remove: readonly string[];
  /** Innocent phrases around a listed word. */
  readonly allow: readonly string[];
  /** Words that are also everyday words of a neighbouring language, held only in this language's grammar. */
  readonly ambiguous: readonly WordContext[];
  /** Category and severity of each term and phrase (raw spellings; canonicalised at compile). */
  readonly categories: readonly { readonly term: string; readonly tag: Tag }[];
  /** Phrase patterns, expanded into token sequences; `detail` is the template as written. */
  readonly patterns: readonly CompiledPattern[];
  /** Innocent readings that cover a pattern's match ("to die for"), expanded like patterns. */
  readonly patternAllows: readonly (readonly PatternStep[])[];
  /** The words the contact detector reads in this language (contact-<lang>.json). */
  readonly contact: ContactWords;
  /** Number codes and bracket marks of hate the coded-hate detector reads in this language (codes-<lang>.json). */
  readonly codes: CodeWords;
  /** Vocabulary classes and proximity rules (proximity-<lang>.json). */
  readonly proximity: ProximityWords;
}

export interface CompiledPattern { readonly steps: readonly PatternStep[]; readonly detail: string; readonly tag: Tag }

export interface BaseLexicons extends Readonly<Record<Language, BaseLexicon>> {
  /** The category model (config/model/category-model.json), shared by every tenant that keeps it on. */
  readonly model?: CategoryModel;
}

interface Curation {
  add?: string[];
  remove?: string[];
  allow?: string[];
  /**
   * Closed compounds ("cuntface", "shitstain"): every root joined to every suffix. Listing both
   * halves instead of matching "any word starting with a root" keeps innocent words that merely
   * start like one ("cocktail", "dickens", "shitake") out of reach.
   */
  compounds?: { roots: string[]; suffixes: string[] };
  /** "con" is also the Spanish and Italian "with": see WordContext. */
  ambiguous?: WordContext[];
}

const CURATION_DIR = new URL("../../config/lexicons/", import.meta.url);

function readCuration(lang: Language): Curation {
  try {
    return JSON.parse(readFileSync(new URL(`${lang}.json`, CURATION_DIR), "utf8")) as Curation;
  } catch (err) {
    // A missing curation file would silently re-enable list junk; fail loudly instead.
    throw new Error(`cannot read config/lexicons/${lang}.json: ${(err as Error).message}`);
  }
}

/** `{ category: { severity: [entries] } }`, as the categories and patterns files list them. */
type Graded = Partial<Record<FilterCategory, Record<string, string[]>>>;

function readJson<T>(name: string): T {
  try {
    return JSON.parse(readFileSync(new URL(name, CURATION_DIR), "utf8")) as T;
  } catch (err) {
    throw new Error(`cannot read config/lexicons/${name}: ${(err as Error).message}`);
  }
}

/** Walks a graded file, checking every category and severity (a typo must stop start-up, not pass silently). */
function graded(name: string, file: Graded & Record<string, unknown>, each: (entry: string, tag: Tag) => void): void {
  for (const [category, bySeverity] of Object.entries(file)) {
    if (category.startsWith("$") || category === "slots" || category === "allow") continue;
    if (!(FILTER_CATEGORIES as readonly string[]).includes(category)) throw new Error(`config/lexicons/${name}: unknown category "${category}"`);
    for (const [sev, entries] of Object.entries(bySeverity as Record<string, string[]>)) {
      const severity = Number(sev);
      if (![1, 2, 3, 4].includes(severity)) throw new Error(`config/lexicons/${name}: ${category} severity "${sev}" is not 1–4`);
      const tag: Tag = Object.freeze({ category: category as FilterCategory, severity: severity as Severity });
      for (const e of entries) each(e, tag);
    }
  }
}

function readCategories(lang: Language): { term: string; tag: Tag }[] {
  const out: { term: string; tag: Tag }[] = [];
  graded(`categories-${lang}.json`, readJson(`categories-${lang}.json`), (term, tag) => out.push({ term, tag }));
  return out;
}

function readPatterns(lang: Language): { patterns: CompiledPattern[]; allows: PatternStep[][] } {
  const name = `patterns-${lang}.json`;
  const file = readJson<Graded & { slots?: Slots; allow?: string[] }>(name);
  const patterns: CompiledPattern[] = [];
  graded(name, file, (template, tag) => patterns.push(Object.freeze({ steps: compileTemplate(template, file.slots ?? {}), detail: template, tag })));
  const allows = (file.allow ?? []).map((t) => compileTemplate(t, file.slots ?? {}));
  return { patterns, allows };
}

// Words the contact and code detectors compare with a message's: folded like messages (no accents, lower case).
const fold = (w: string) => w.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const list = (l: readonly string[] | undefined) => Object.freeze((l ?? []).map(fold));

function readContactWords(lang: Language): ContactWords {
  const file = readJson<ContactWords>(`contact-${lang}.json`);
  return {
    numbers: Object.freeze(Object.fromEntries(Object.entries(file.numbers ?? {}).map(([k, v]) => [fold(k), v]))),
    joiners: list(file.joiners), at: list(file.at), dot: list(file.dot), networks: list(file.networks),
    phoneContext: list(file.phoneContext), notPhoneContext: list(file.notPhoneContext),
    serviceDesk: list(file.serviceDesk), privateLine: list(file.privateLine), idContext: list(file.idContext),
    codeWords: list(file.codeWords), siteUsers: list(file.siteUsers), phoneNouns: list(file.phoneNouns),
  };
}

function readCodeWords(lang: Language): CodeWords {
  const file = readJson<Partial<CodeWords>>(`codes-${lang}.json`);
  for (const n of file.numbers ?? []) {
    if (codeDigits(n.digits) === undefined || ![1, 2, 3, 4].includes(n.severity)) throw new Error(`config/lexicons/codes-${lang}.json: bad code ${JSON.stringify(n)}`);
  }
  return Object.freeze({
    numbers: Object.freeze((file.numbers ?? []).map((n) => Object.freeze({ ...n, near: n.near && list(n.near) }))),
    units: list(file.units), before: list(file.before), echoInnocent: list(file.echoInnocent),
  });
}

function readProximity(lang: Language): ProximityWords {
  const file = readJson<Partial<ProximityWords>>(`proximity-${lang}.json`);
  return Object.freeze({ families: file.families ?? {}, classes: file.classes ?? {}, rules: file.rules ?? [], common: file.common ?? [], silence: file.silence ?? [] });
}

function readModel(): CategoryModel {
  const file = new URL("../../config/model/category-model.json", import.meta.url);
  try {
    return createCategoryModel(JSON.parse(readFileSync(file, "utf8")) as CategoryModelData);
  } catch (err) {
    // Shipped with the code, like the lexicons: a missing or broken model is a broken install.
    throw new Error(`cannot read config/model/category-model.json (npm run train-model writes it): ${(err as Error).message}`);
  }
}

let cached: BaseLexicons | undefined;

/** Loads the built-in lexicons (synchronous, memoised per process). */
export function loadBaseLexicons(): BaseLexicons {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // Only the word list of bad-words is used; its matcher builds one regex per word per call.
  const english = new Filter().list;
  const french = (require("french-badwords-list") as { array: string[] }).array;
  const make = (lang: Language, upstream: readonly string[]): BaseLexicon => {
    const c = readCuration(lang);
    const p = readPatterns(lang);
    const compounds = c.compounds ? c.compounds.roots.flatMap((r) => c.compounds!.suffixes.map((x) => r + x)) : [];
    return Object.freeze({
      terms: Object.freeze([...upstream, ...(c.add ?? []), ...compounds]),
      remove: Object.freeze([...(c.remove ?? [])]),
      allow: Object.freeze([...(c.allow ?? [])]),
      ambiguous: Object.freeze([...(c.ambiguous ?? [])]),
      categories: Object.freeze(readCategories(lang)),
      patterns: Object.freeze(p.patterns),
      patternAllows: Object.freeze(p.allows),
      contact: Object.freeze(readContactWords(lang)),
      codes: readCodeWords(lang),
      proximity: readProximity(lang),
    });
  };
  cached = Object.freeze({ en: make("en", english), fr: make("fr", french), model: readModel() });
  return cached;
}
