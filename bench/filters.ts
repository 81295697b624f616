/**
 * Filter engine benchmark: Causette's words+links stages against bad-words and obscenity, measured
 * in the same run on corpus-like shopper messages (the shared sample and the extended corpus).
 *
 *   npx tsx bench/filters.ts                       # heap figure approximate
 *   node --expose-gc --import tsx bench/filters.ts # exact heap delta of a 10k-term lexicon
 *
 * Time-boxed: every measurement runs for a fixed budget, so the whole bench ends in ~20 s.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Filter } from "bad-words";
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import { compileFilters, compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
import { normalize } from "../server/filters/normalize.ts";
import type { CompiledFilters, FilterLists } from "../server/filters/types.ts";
import { syntheticTerms } from "../test/shared/synthetic-terms.ts";
import { longestLoopGap } from "../test/shared/loop-gap.ts";

/**
 * What the words and links stages cost one message: the pipeline normalises the text once and
 * hands the result to both (SendContext.norm), so the bench does the same.
 */
const wordsAndLinks = (f: CompiledFilters) => (t: string) => {
  const norm = normalize(t);
  return f.words(t, norm).length + f.links(t, norm).length;
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPORA = [
  path.resolve(repoRoot, "../shared/corpus/messages.tsv"),
  path.resolve(repoRoot, "test/fixtures/corpus-extended.tsv"),
];
const DEMO: FilterLists = {
  languages: ["en", "fr"],
  terms: ["rivalbrand"],
  allow: [],
  links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] },
};
/** Budget of one measurement; rounds alternate the contenders so drift hits them all alike. */
const SLICE_MS = 250;
const ROUNDS = 3;

function corpusMessages(): string[] {
  const out: string[] = [];
  for (const file of CORPORA) {
    if (!existsSync(file)) { console.warn(`(bench) ${file} missing, skipped`); continue; }
    for (const line of readFileSync(file, "utf8").split(/\r?\n/).slice(1)) {
      const text = line.split("\t").slice(2).join("\t");
      // Each message as the wire hands it to the pipeline: its own string, parsed from its frame.
      // A slice of the file's one string would be a two-byte string for every line (the file
      // holds a "€"), which no message of Latin-1 text is in production, and costs every
      // contender's lower-casing and hashing a slower path.
      if (text) out.push(JSON.parse(JSON.stringify(text)) as string);
    }
  }
  return out;
}

/** Messages per second of `fn` over the messages, cycled, for `budgetMs`. */
function throughput(messages: readonly string[], fn: (text: string) => unknown, budgetMs = SLICE_MS, batch = 64): number {
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < budgetMs) {
    for (let i = 0; i < batch; i++) {
      if (fn(messages[n % messages.length])) sink++;
      n++;
    }
    now = performance.now();
  }
  if (sink < 0) console.log(sink);
  return (n / (now - t0)) * 1000;
}

function microsPer(text: string, fn: (text: string) => unknown, budgetMs = 300): number {
  let n = 0;
  const t0 = performance.now();
  let now = t0;
  // Distinct strings each call, so no engine-side memo can answer from the previous call; flattened
  // like the strings JSON parsing hands the pipeline (concatenation would leave slow ropes).
  const flat = (s: string) => Buffer.from(s, "utf8").toString("utf8");
  const variants = [text, text + " ", " " + text, text + "."].map(flat);
  while (now - t0 < budgetMs) {
    for (let i = 0; i < 16; i++) fn(variants[n++ & 3]);
    now = performance.now();
  }
  return ((now - t0) * 1000) / n;
}

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

export async function runFiltersBench(): Promise<void> {
  const startedAt = performance.now();
  const messages = corpusMessages();
  const base = loadBaseLexicons();
  const ours = compileFiltersSync(DEMO, base);
  // The same lists with the category model off (lexicon.model: false): what the model costs.
  const rulesOnly = compileFiltersSync({ ...DEMO, model: false }, base);

  // bad-words with its list extended by the same French list, so both sides know both languages.
  const french = (createRequire(import.meta.url)("french-badwords-list") as { array: string[] }).array;
  const badWords = new Filter();
  badWords.addWords(...french);
  const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

  const contenders: { name: string; fn: (t: string) => unknown; budget?: number; batch?: number }[] = [
    { name: "causette words+links", fn: wordsAndLinks(ours) },
    { name: "causette words only", fn: (t) => ours.words(t).length },
    { name: "causette words+links, model off", fn: wordsAndLinks(rulesOnly) },
    { name: "obscenity hasMatch", fn: (t) => obscenity.hasMatch(t) },
    // bad-words runs one regex per listed word per call: time is checked after every message.
    { name: "bad-words isProfane", fn: (t) => badWords.isProfane(t), budget: 150, batch: 1 },
    { name: "bad-words clean", fn: (t) => badWords.clean(t), budget: 150, batch: 1 },
  ];

  // Warm-up (JIT) then alternating rounds; the best round of each is reported. Each round starts
  // with another contender: measured in a fixed order, the first one ran 20-40% slower than in any
  // other place (words+links below words alone, a subset of its work), whichever it was.
  for (const c of contenders) throughput(messages, c.fn, 100, c.batch);
  const best = new Map<string, number>();
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + 2 * r) % contenders.length]!;
      const v = throughput(messages, c.fn, c.budget, c.batch);
      best.set(c.name, Math.max(best.get(c.name) ?? 0, v));
    }
  }

  // A 2,000-character message made of corpus lines.
  let long = "";
  for (let i = 0; long.length < 2000; i++) long += messages[i % messages.length] + " ";
  long = long.slice(0, 2000);
  // Best of the rounds, alternating, like the throughput figures: a GC or a neighbour's burst
  // landing in one slice says nothing about the engine.
  let usOurs = Infinity, usObscenity = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    usOurs = Math.min(usOurs, microsPer(long, wordsAndLinks(ours)));
    usObscenity = Math.min(usObscenity, microsPer(long, (t) => obscenity.hasMatch(t), 200));
  }

  // 10,000-term lexicon: compile time, event-loop stalls, heap.
  const terms = syntheticTerms(10_000);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.(); gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const big = compileFiltersSync({ ...DEMO, terms }, base);
  const compileSyncMs = performance.now() - t0;
  gc?.(); gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const { elapsedMs: compileAsyncMs, maxGapMs: maxGap } = await longestLoopGap(() => compileFilters({ ...DEMO, terms }, base));
  // The built-in lists and patterns are built once per BaseLexicons and shared by every tenant: the
  // figures above are a tenant's compile and heap. The first tenant of a process also builds them
  // (a copy of the base lexicons is a cache miss).
  gc?.(); gc?.();
  const heapFirstBefore = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  const first = compileFiltersSync({ ...DEMO, terms }, { ...base });
  const compileFirstMs = performance.now() - t1;
  gc?.(); gc?.();
  const heapFirstMb = (process.memoryUsage().heapUsed - heapFirstBefore) / 2 ** 20;
  const { maxGapMs: maxGapFirst } = await longestLoopGap(() => compileFilters({ ...DEMO, terms }, { ...base }));
  // Warmed and best of the rounds, like the figures above: measured once right after the compiles,
  // it timed the JIT's first tiers and the compiles' garbage (~21k msg/s, where the same lexicon
  // runs at ~480k once warm).
  const bigFn = wordsAndLinks(big);
  throughput(messages, bigFn, 100);
  let bigThroughput = 0;
  for (let r = 0; r < ROUNDS; r++) bigThroughput = Math.max(bigThroughput, throughput(messages, bigFn));

  const mine = best.get("causette words+links")!;
  const obs = best.get("obscenity hasMatch")!;
  const rows: [string, string, string][] = [];
  for (const c of contenders) {
    const v = best.get(c.name)!;
    rows.push([c.name, fmt(v), `${(mine / v).toFixed(1)}×`]);
  }
  console.log("\n(words: lexicon terms, phrase patterns, contact details, proximity rules and, when none holds the message, the category model, as the words stage runs them; links: the links stage; \"model off\": the same with lexicon.model false)");
  console.log(`\nFilter engine bench — ${messages.length} corpus messages (avg ${Math.round(messages.reduce((a, m) => a + m.length, 0) / messages.length)} chars), en+fr, ${ROUNDS} rounds, best round\n`);
  console.log("| contender | messages/s (1 core) | causette words+links is … faster |");
  console.log("|---|---:|---:|");
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  console.log("\n| figure | value | target |");
  console.log("|---|---:|---:|");
  console.log(`| ratio to obscenity (words+links vs hasMatch) | ${(mine / obs).toFixed(1)}× | ≥ 10× |`);
  console.log(`| absolute throughput, words+links | ${fmt(mine)} msg/s | ≥ 200,000 |`);
  console.log(`| 2,000-char message, words+links (best of ${ROUNDS}) | ${usOurs.toFixed(1)} µs (obscenity ${usObscenity.toFixed(1)} µs) | < 100 µs |`);
  console.log(`| heap of a 10,000-term lexicon (built-ins shared) | ${heapMb.toFixed(1)} MB${gc ? "" : " (approx.: run with --expose-gc)"} | < 20 MB |`);
  console.log(`| heap of a 10,000-term lexicon + built-ins (first of a process) | ${heapFirstMb.toFixed(1)} MB | < 20 MB |`);
  console.log(`| compile 10,000 terms, sync | ${compileSyncMs.toFixed(0)} ms | < 200 ms |`);
  console.log(`| compile 10,000 terms, async; longest event-loop gap | ${compileAsyncMs.toFixed(0)} ms; ${maxGap.toFixed(1)} ms | gap < 50 ms |`);
  console.log(`| compile 10,000 terms + built-ins (first of a process), sync; async longest gap | ${compileFirstMs.toFixed(0)} ms; ${maxGapFirst.toFixed(1)} ms | gap < 50 ms |`);
  console.log(`| throughput with the 10k-term lexicon (best of ${ROUNDS}) | ${fmt(bigThroughput)} msg/s | |`);
  console.log(`\n(terms compiled: demo ${ours.termCount}, 10k tenant ${big.termCount} (${first.termCount} first of a process); bench took ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runFiltersBench().catch((err) => { console.error(err); process.exitCode = 1; });
}
