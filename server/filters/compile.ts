import type { CompiledFilters, FilterLists, Hit } from "./types.ts";
import { normalize, type NormalizedText } from "./normalize.ts";
import { LexiconBuilder, type Inflection, type Lexicon } from "./lexicon.ts";
import { createLinkMatcher, type LinkMatcher } from "./links.ts";
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

/** The compile steps, as a generator so the sync and async drivers share them. */
function* steps(lists: FilterLists, base: BaseLexicons): Generator<void, CompiledFilters> {
  const builder = new LexiconBuilder();
  for (const lang of new Set(lists.languages)) {
    const lex = base[lang];
    for (let i = 0; i < lex.terms.length; i++) {
      builder.add(lex.terms[i], INFLECT[lang]);
      if ((i & 31) === 31) yield;
    }
    for (const t of lex.remove) builder.remove(t);
    for (const t of lex.allow) builder.allow(t);
    for (const ctx of lex.ambiguous) builder.ambiguous(ctx);
  }
  // A tenant's own words (config terms and managers' additions) also match written as separate
  // words ("glow up" for "glowup"); the built-in lists are not read across spaces.
  for (let i = 0; i < lists.terms.length; i++) {
    builder.add(lists.terms[i], "plural", true);
    if ((i & 31) === 31) yield;
  }
  for (const t of lists.removed ?? []) builder.remove(t);
  for (const t of lists.allow) builder.allow(t);
  yield;
  const lexicon = yield* builder.buildSteps();
  yield;
  const links = createLinkMatcher(lists.links);
  return new Filters(lexicon, links);
}

class Filters implements CompiledFilters {
  readonly termCount: number;

  constructor(private readonly lexicon: Lexicon, private readonly linkMatcher: LinkMatcher) {
    this.termCount = lexicon.size;
    Object.freeze(this);
  }

  words(text: string, norm: NormalizedText = normalize(text)): Hit[] {
    return this.lexicon.match(norm);
  }

  links(text: string, norm: NormalizedText = normalize(text)): Hit[] {
    return this.linkMatcher.match(norm);
  }
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
