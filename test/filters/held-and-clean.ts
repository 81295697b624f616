import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledLines } from "../../server/filters/category-model-train.ts";
import type { FilterHit } from "../../server/filters/types.ts";

/** Lines a family of rules must hold, and the traps next to them it must let through. */
export type HeldAndClean = Record<string, { held: readonly string[]; clean: readonly string[] }>;

/** The category model's copy of the tables' lines (config/model/training.json lists it). */
const FAMILIES_CORPUS = new URL("../fixtures/corpus-families.tsv", import.meta.url);

/**
 * One describe per family: each held line gives at least one hit of the rules (a term, template,
 * contact or proximity rule; the category model is trained on these lines, so its hit would prove
 * nothing about the rules), each clean line none at all, the model's included.
 */
export function describeHeldAndClean(title: string, families: HeldAndClean, hits: (text: string) => FilterHit[]): void {
  describe.each(Object.entries(families))(title, (_family, { held, clean }) => {
    it.each(held)("holds %j", (text) => {
      expect(hits(text).filter((h) => h.kind !== "classifier").length).toBeGreaterThan(0);
    });
    it.each(clean)("lets %j through", (text) => {
      expect(hits(text)).toEqual([]);
    });
  });
  // A table line the model never saw is not wrong, but it must be said: the model's training
  // corpus keeps the tables' lines, labelled, so a new trap teaches the model too.
  it(`${title.replace("%s", "*")}: every line is in the model's training corpus (test/fixtures/corpus-families.tsv, then npm run train-model)`, () => {
    const known = new Map(parseLabelledLines(readFileSync(FAMILIES_CORPUS, "utf8")).map((l) => [l.text, l.label]));
    const missing = Object.values(families).flatMap(({ held, clean }) => [
      ...held.filter((t) => !known.has(t) || known.get(t) === "clean").map((t) => `held\t${t}`),
      ...clean.filter((t) => known.get(t) !== "clean").map((t) => `clean\t${t}`),
    ]);
    expect(missing).toEqual([]);
  });
}
