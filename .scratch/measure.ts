// Scratch: per-category figures of corpora, rules alone and with the model (shipped, or retrained in-process).
import { readFileSync } from "node:fs";
import { compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
import { createCategoryModel } from "../server/filters/category-model.ts";
import { trainFromSettings } from "../server/filters/category-model-train.ts";
const LISTS = { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] } } as any;
const base = loadBaseLexicons();
let model = base.model;
if (process.env.TRAIN) {
  const s = JSON.parse(readFileSync("config/model/training.json", "utf8"));
  if (process.env.EXTRA) s.files.push(...process.env.EXTRA.split(","));
  if (process.env.DROPHELD) s.heldOut = s.heldOut.filter((f: string) => !s.files.includes(f));
  for (const k of ["epochs", "l2", "rate", "threshold", "dim"]) if (process.env[k.toUpperCase()]) s[k] = Number(process.env[k.toUpperCase()]);
  const data = trainFromSettings(s, (p) => readFileSync(p, "utf8"));
  model = createCategoryModel(data);
}
const withM = compileFiltersSync(LISTS, { ...base, model } as any);
const rules = compileFiltersSync({ ...LISTS, model: false }, base);
const hits = (f: any, t: string) => [...f.words(t), ...f.links(t)];
const VERBOSE = !!process.env.V;
const tot: Record<string, number[]> = {};
for (const file of process.argv.slice(2)) {
  const [, ...rows] = readFileSync(file, "utf8").split(/\r?\n/);
  const t: Record<string, number[]> = {};
  for (const row of rows) {
    if (!row.trim()) continue;
    const cells = row.split("\t"); const three = !["threat","harassment","hate","selfHarm","sexual","contact"].includes(cells[1]!);
    const exp = cells[0]!, cat = three ? `${cells[1]}:${cells[0]}` : cells[1]!, text = cells.slice(three ? 2 : 3).join("\t");
    const a = t[cat] ??= [0, 0, 0, 0, 0, 0]; // held, rulesCaught, modelCaught, clean, rulesFp, modelFp
    const r = hits(rules, text).length > 0, m = hits(withM, text).length > 0;
    if (exp === "held") { a[0]++; if (r) a[1]++; if (m) a[2]++; else if (VERBOSE) console.log(`  MISS ${cat}\t${text}`); }
    else { a[3]++; if (r) a[4]++; if (m) a[5]++; if (m && VERBOSE) console.log(`  FP ${cat}\t${text}\t${JSON.stringify(hits(withM, text).map((h: any) => [h.kind, h.category, h.detail]))}`); }
  }
  const pct = (x: number, n: number) => `${(100 * x / n).toFixed(1)}%`.padStart(6);
  console.log(file);
  const all = [0, 0, 0, 0, 0, 0];
  for (const [c, a] of Object.entries(t)) {
    a.forEach((v, i) => (all[i] += v)); const T = tot[c] ??= [0, 0, 0, 0, 0, 0]; a.forEach((v, i) => (T[i] += v));
    console.log(`  ${c.padEnd(11)} rules ${pct(a[1], a[0])} model ${pct(a[2], a[0])}  traps rules ${a[4]}/${a[3]} model ${a[5]}/${a[3]}`);
  }
  console.log(`  ${"all".padEnd(11)} rules ${pct(all[1], all[0])} model ${pct(all[2], all[0])}  traps rules ${all[4]}/${all[3]} model ${all[5]}/${all[3]}`);
}
if (process.argv.length > 3) {
  console.log("TOTAL");
  const all = [0, 0, 0, 0, 0, 0];
  for (const [c, a] of Object.entries(tot)) { a.forEach((v, i) => (all[i] += v)); console.log(`  ${c.padEnd(11)} rules ${(100 * a[1] / a[0]).toFixed(1)}% model ${(100 * a[2] / a[0]).toFixed(1)}%  traps ${a[4]}/${a[3]} ${a[5]}/${a[3]}`); }
  console.log(`  all rules ${(100 * all[1] / all[0]).toFixed(1)}% model ${(100 * all[2] / all[0]).toFixed(1)}% traps ${all[4]}/${all[3]} ${all[5]}/${all[3]}`);
}
