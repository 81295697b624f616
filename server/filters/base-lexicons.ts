import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Filter } from "bad-words";

/**
 * The built-in word lists, per language: the upstream list plus the project's curation in
 * `config/lexicons/<lang>.json` (additions, removals of list junk, innocent phrases).
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
}

/**
 * Where the ambiguous `words` are held alone: right after one of `before`, right before one of
 * `after`, or last in their clause. Elsewhere they are read as the other language's word.
 */
export interface WordContext {
  readonly words: readonly string[];
  readonly before: readonly string[];
  readonly after: readonly string[];
}

export type BaseLexicons = Readonly<Record<Language, BaseLexicon>>;

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
    const compounds = c.compounds ? c.compounds.roots.flatMap((r) => c.compounds!.suffixes.map((x) => r + x)) : [];
    return Object.freeze({
      terms: Object.freeze([...upstream, ...(c.add ?? []), ...compounds]),
      remove: Object.freeze([...(c.remove ?? [])]),
      allow: Object.freeze([...(c.allow ?? [])]),
      ambiguous: Object.freeze([...(c.ambiguous ?? [])]),
    });
  };
  cached = Object.freeze({ en: make("en", english), fr: make("fr", french) });
  return cached;
}
