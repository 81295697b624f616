// Scratch: learning curve: train on the base corpora + the first N new corpora, test on a fixed set.
import { readFileSync } from "node:fs";
import { compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
import { createCategoryModel } from "../server/filters/category-model.ts";
import { trainFromSettings } from "../server/filters/category-model-train.ts";
const LISTS = { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] } } as any;
const base = loadBaseLexicons();
const s = JSON.parse(readFileSync("config/model/training.json", "utf8"));
const core = s.files.filter((f: string) => !/corpus-categories-(1[6-9]|[2-9]\d)\.tsv/.test(f));
const news = s.files.filter((f: string) => /corpus-categories-(1[6-9]|[2-9]\d)\.tsv/.test(f));
const test = (process.env.TEST ?? "41,42,43,44,45,46").split(",").map((i) => `test/fixtures/corpus-categories-${i}.tsv`);
const pool = news.filter((f: string) => !test.includes(f));
const rows = test.flatMap((f) => readFileSync(f, "utf8").split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split("\t")));
for (const n of (process.env.NS ?? "0,6,12,18,25").split(",").map(Number)) {
  const m = createCategoryModel(trainFromSettings({ ...s, files: [...core, ...pool.slice(0, n)], threshold: Number(process.env.TH ?? 0.5) }, (p) => readFileSync(p, "utf8")));
  const f = compileFiltersSync(LISTS, { ...base, model: m } as any);
  let held = 0, caught = 0, clean = 0, fp = 0;
  for (const [exp, , , ...t] of rows) { const h = f.words(t.join("\t")).length + f.links(t.join("\t")).length > 0; if (exp === "held") { held++; if (h) caught++; } else { clean++; if (h) fp++; } }
  console.log(`N=${n} held ${(100 * caught / held).toFixed(1)}% traps ${fp}/${clean}`);
}
