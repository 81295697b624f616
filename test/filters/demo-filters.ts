import { compileFiltersSync, loadBaseLexicons } from "../../server/filters/compile.ts";
import type { CompiledFilters, FilterLists } from "../../server/filters/types.ts";

/** The demo tenant's lists (config/default.json), used by the corpus and behaviour tests. */
export const DEMO_LISTS: FilterLists = Object.freeze<FilterLists>({
  languages: ["en", "fr"],
  terms: ["rivalbrand"],
  allow: [],
  links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] },
});

let demo: CompiledFilters | undefined;
export function demoFilters(): CompiledFilters {
  return (demo ??= compileFiltersSync(DEMO_LISTS, loadBaseLexicons()));
}

export function withLists(patch: Partial<FilterLists>): CompiledFilters {
  return compileFiltersSync({ ...DEMO_LISTS, ...patch }, loadBaseLexicons());
}

let rules: CompiledFilters | undefined;
/**
 * The categories the rules alone hold `text` for (the demo lists, the category model off): what a
 * rule's test asserts, since the model is trained on the corpora these tests' lines come from and
 * its hit would prove nothing about a rule.
 */
export function heldByRules(text: string): string[] {
  rules ??= withLists({ model: false });
  return [...rules.words(text), ...rules.links(text)].map((h) => h.category);
}
