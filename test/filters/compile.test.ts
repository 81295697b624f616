import { describe, expect, it } from "vitest";
import { compileFilters, compileFiltersSync, loadBaseLexicons } from "../../server/filters/compile.ts";
import { DEMO_LISTS } from "./demo-filters.ts";
import { syntheticTerms } from "../shared/synthetic-terms.ts";
import { longestLoopGap } from "../shared/loop-gap.ts";
import type { CompiledFilters } from "../../server/filters/types.ts";

describe("compileFilters", () => {
  it("loads the built-in lists once per process", () => {
    expect(loadBaseLexicons()).toBe(loadBaseLexicons());
    expect(loadBaseLexicons().fr.terms).toContain("connard");
    expect(loadBaseLexicons().en.terms).toContain("fuck");
  });

  it("returns an immutable object that a rebuild replaces whole", async () => {
    const base = loadBaseLexicons();
    const before = await compileFilters(DEMO_LISTS, base);
    const after = await compileFilters({ ...DEMO_LISTS, terms: ["glowmax"] }, base);
    expect(Object.isFrozen(before)).toBe(true);
    expect(() => { (before as { termCount: number }).termCount = 0; }).toThrow();
    // The old object keeps answering with the old lists while the new one has the new lists.
    expect(before.words("glowmax")).toEqual([]);
    expect(after.words("glowmax")).toHaveLength(1);
    expect(before.words("rivalbrand")).toHaveLength(1);
    expect(after.words("rivalbrand")).toEqual([]);
  });

  it("async and sync compiles agree", async () => {
    const base = loadBaseLexicons();
    const a = await compileFilters(DEMO_LISTS, base);
    const b = compileFiltersSync(DEMO_LISTS, base);
    expect(a.termCount).toBe(b.termCount);
    const text = "t'es un c0nnard, va sur rivalbeauty dot com";
    expect(a.words(text)).toEqual(b.words(text));
    expect(a.links(text)).toEqual(b.links(text));
  });

  // The built-in lists and patterns are built once per BaseLexicons and shared; a tenant's words
  // are laid over them. A removal of a word no list has forces a build of its own, the reference.
  // "better off dead lol" and "jump off a bridge today" go on from built-in phrases' nodes of one next
  // word (a OneEntryMap once the shared build is finished, lexicon.ts): the tenant's build copies them.
  const OVERLAY_TERMS = ["you", "je vais", "kill you", "connard", "con", "glow up", "rivalbrand", "tu es mort", "idiot", "better off dead lol", "jump off a bridge today"];
  const OVERLAY_LINES = [
    "I will kill you", "kill you", "you", "you are an idiot", "je vais te tuer", "je vais bien", "quel connard",
    "arroz con pollo", "t'es mort", "tu es mort !", "glow up", "glowups", "rival brand", "c0nnard", "f*ck you",
    "go jump off a bridge", "you should kill yourself", "c'est de la merde", "idiots", "you you you",
    "better off dead", "better off dead lol", "jump off a bridge today", "go jump off a bridge today",
  ];

  it("lays a tenant's words over the shared built-ins exactly as a build of their own", () => {
    const base = loadBaseLexicons();
    const lists = { ...DEMO_LISTS, terms: OVERLAY_TERMS, tags: { "kill you": { category: "threat" as const, severity: 4 as const }, connard: { category: "insult" as const, severity: 1 as const } } };
    const shared = compileFiltersSync(lists, base);
    const own = compileFiltersSync({ ...lists, removed: ["zzqxnotaword"] }, base);
    expect(shared.termCount).toBe(own.termCount);
    for (const line of OVERLAY_LINES) expect(shared.words(line), line).toEqual(own.words(line));
  });

  it("never lets one tenant's words reach another tenant's lexicon through the shared built-ins", () => {
    const base = loadBaseLexicons();
    const before = compileFiltersSync(DEMO_LISTS, base);
    const expected = OVERLAY_LINES.map((l) => before.words(l));
    const other = compileFiltersSync({ ...DEMO_LISTS, terms: OVERLAY_TERMS }, base);
    expect(other.words("you")).toHaveLength(1);
    const after = compileFiltersSync(DEMO_LISTS, base);
    OVERLAY_LINES.forEach((l, i) => {
      expect(before.words(l), l).toEqual(expected[i]);
      expect(after.words(l), l).toEqual(expected[i]);
    });
  });

  it("counts terms: built-ins plus tenant terms, minus allow and removed", () => {
    const base = loadBaseLexicons();
    const plain = compileFiltersSync(DEMO_LISTS, base).termCount;
    const more = compileFiltersSync({ ...DEMO_LISTS, terms: ["rivalbrand", "glowmax", "glow max"] }, base).termCount;
    const fewer = compileFiltersSync({ ...DEMO_LISTS, allow: ["merde"], removed: ["connard"] }, base).termCount;
    expect(more).toBeGreaterThan(plain);
    expect(fewer).toBeLessThan(plain);
  });

  it("compiles 10,000 tenant terms in slices, never blocking the event loop for long", async () => {
    const terms = syntheticTerms(10_000);
    const base = loadBaseLexicons();
    // A compile in one piece is slow every time; a neighbour's burst (a parallel test file) that
    // stretches one slice is not: the best of up to three runs is judged.
    let best: { result: CompiledFilters; elapsedMs: number; maxGapMs: number } | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const run = await longestLoopGap(() => compileFilters({ ...DEMO_LISTS, terms }, base));
      if (!best || run.maxGapMs / run.elapsedMs < best.maxGapMs / best.elapsedMs) best = run;
      if (best.maxGapMs < best.elapsedMs / 2 && best.maxGapMs < 250 && best.elapsedMs < 2000) break;
    }
    const { result: compiled, elapsedMs: elapsed, maxGapMs: maxGap } = best!;
    console.log(`10k-term compile: ${elapsed.toFixed(1)} ms, longest event-loop gap ${maxGap.toFixed(1)} ms`);
    expect(compiled.termCount).toBeGreaterThan(10_000);
    expect(compiled.words(`hello ${terms[1234]} there`).length).toBeGreaterThan(0);
    // It yields between slices: a compile in one piece would hold the loop for all of `elapsed`.
    // Judged against the same run's own total, since a shared machine stretches both alike (an
    // absolute 50 ms bound failed at load averages of 5-10); the bench measures absolute times.
    expect(maxGap).toBeLessThan(elapsed / 2);
    expect(maxGap).toBeLessThan(250);
    expect(elapsed).toBeLessThan(2000);
  });
});
