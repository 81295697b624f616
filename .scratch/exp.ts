// Scratch: feature-set experiments for the category model (dev = held-out corpora 11/13/15 + clean pools).
import { readFileSync } from "node:fs";
import { compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
import { normalize, type NormalizedText } from "../server/filters/normalize.ts";
import { parseLabelledLines } from "../server/filters/category-model-train.ts";
const LISTS = { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] }, model: false } as any;
const rules = compileFiltersSync(LISTS, loadBaseLexicons());
const ruleHit = (t: string) => [...rules.words(t), ...rules.links(t)].length > 0;
const s = JSON.parse(readFileSync("config/model/training.json", "utf8"));
const extra = process.env.EXTRA ? process.env.EXTRA.split(",") : [];
const trainFiles: string[] = [...s.files, ...extra];
const cats: string[] = s.categories;
const train = trainFiles.flatMap((f) => parseLabelledLines(readFileSync(f, "utf8")));
const DEV = (process.env.DEV ?? "test/fixtures/corpus-categories-11.tsv,test/fixtures/corpus-categories-13.tsv,test/fixtures/corpus-categories-15.tsv").split(",");
const dev = DEV.flatMap((f) => parseLabelledLines(readFileSync(f, "utf8")).map((l) => ({ ...l, f })));
const cleanPool = ["test/fixtures/corpus-holdout.tsv", "test/fixtures/corpus-blind-3.tsv", "test/fixtures/corpus-blind-4.tsv", "test/fixtures/corpus-shoppers-2.tsv", "/work/shared/corpus/messages.tsv"]
  .flatMap((f) => parseLabelledLines(readFileSync(f, "utf8"))).filter((l) => l.label === "clean");
const DIM = 1 << Number(process.env.BITS ?? 16), mask = DIM - 1;
const h = (str: string, seed: number) => { let x = seed >>> 0; for (let i = 0; i < str.length; i++) x = Math.imul(x ^ str.charCodeAt(i), 16777619); return x >>> 0; };
type Feat = (n: NormalizedText) => number[];
const variants: Record<string, Feat> = {
  base: (n) => { const o: number[] = []; const t = n.tokens; for (let i = 0; i < t.length; i++) { o.push(h(t[i]!.key, 1) & mask); if (i + 1 < t.length) o.push(h(t[i]!.key + " " + t[i + 1]!.key, 2) & mask); } return [...new Set(o)]; },
  stem5: (n) => { const o = variants.base!(n); for (const t of n.tokens) if (t.key.length > 5) o.push(h(t.key.slice(0, 5), 3) & mask); return [...new Set(o)]; },
  skip: (n) => { const o = variants.base!(n); const t = n.tokens; for (let i = 0; i + 2 < t.length; i++) o.push(h(t[i]!.key + " _ " + t[i + 2]!.key, 4) & mask); return [...new Set(o)]; },
  stemskip: (n) => { const o = variants.stem5!(n); const t = n.tokens; for (let i = 0; i + 2 < t.length; i++) o.push(h(t[i]!.key + " _ " + t[i + 2]!.key, 4) & mask); return [...new Set(o)]; },
  stempair: (n) => { const o = variants.stem5!(n); const t = n.tokens; const st = (k: string) => k.slice(0, 5); for (let i = 0; i + 1 < t.length; i++) o.push(h(st(t[i]!.key) + " " + st(t[i + 1]!.key), 5) & mask); return [...new Set(o)]; },
  tri: (n) => { const o = variants.base!(n); const t = n.tokens; for (let i = 0; i + 2 < t.length; i++) o.push(h(t[i]!.key + " " + t[i + 1]!.key + " " + t[i + 2]!.key, 6) & mask); return [...new Set(o)]; },
  cng3: (n) => { const o = variants.base!(n); for (const t of n.tokens) { const w = `<${t.key}>`; if (w.length > 4) for (let i = 0; i + 3 <= w.length; i++) o.push(h(w.slice(i, i + 3), 8) & mask); } return [...new Set(o)]; },
  cng5: (n) => { const o = variants.base!(n); for (const t of n.tokens) { const w = `<${t.key}>`; if (w.length > 6) for (let i = 0; i + 5 <= w.length; i++) o.push(h(w.slice(i, i + 5), 9) & mask); } return [...new Set(o)]; },
  cng45: (n) => { const o = variants.cng!(n); for (const t of n.tokens) { const w = `<${t.key}>`; if (w.length > 6) for (let i = 0; i + 5 <= w.length; i++) o.push(h(w.slice(i, i + 5), 9) & mask); } return [...new Set(o)]; },
  cng: (n) => { const o = variants.base!(n); for (const t of n.tokens) { const w = `<${t.key}>`; if (w.length > 5) for (let i = 0; i + 4 <= w.length; i++) o.push(h(w.slice(i, i + 4), 7) & mask); } return [...new Set(o)]; },
};
function trainModel(feat: Feat, epochs = 30, rate = 0.2, l2 = 0.003) {
  const k = cats.length; const xs = train.map((l) => feat(normalize(l.text))); const ys = train.map((l) => cats.indexOf(l.label as string));
  const w = new Float64Array(DIM * k); const bias = cats.map(() => -2);
  let seed = 1; const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  const order = train.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    for (const i of order) { const x = xs[i]!; for (let c = 0; c < k; c++) { let z = bias[c]!; for (const sl of x) z += w[sl * k + c]!; const g = 1 / (1 + Math.exp(-z)) - (ys[i] === c ? 1 : 0); for (const sl of x) w[sl * k + c] -= rate * (g + l2 * w[sl * k + c]!); bias[c] -= rate * g; } }
  }
  return (text: string) => { const x = feat(normalize(text)); let best = -Infinity; for (let c = 0; c < k; c++) { let z = bias[c]!; for (const sl of x) z += w[sl * k + c]!; best = Math.max(best, z); } return 1 / (1 + Math.exp(-best)); };
}
const devRule = dev.map((l) => ruleHit(l.text)); const poolRule = cleanPool.map((l) => ruleHit(l.text));
const want = (process.env.VARS ?? Object.keys(variants).join(",")).split(",");
for (const name of want) {
  const score = trainModel(variants[name]!, Number(process.env.EPOCHS ?? 30), Number(process.env.RATE ?? 0.2), Number(process.env.L2 ?? 0.003));
  const dp = dev.map((l) => score(l.text)); const pp = cleanPool.map((l) => score(l.text));
  for (const th of [0.5, 0.35, 0.25, 0.15]) {
    const per: Record<string, [number, number]> = {}; let trapFp = 0, traps = 0;
    dev.forEach((l, i) => { const held = devRule[i] || dp[i]! >= th; if (l.label === "clean") { traps++; if (held) trapFp++; } else { const a = per[l.label] ??= [0, 0]; a[1]++; if (held) a[0]++; } });
    let poolFp = 0; cleanPool.forEach((_, i) => { if (poolRule[i] || pp[i]! >= th) poolFp++; });
    const all = Object.values(per).reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
    console.log(`${name.padEnd(9)} th ${th}  all ${(100 * all[0] / all[1]).toFixed(1)}%  ${Object.entries(per).map(([c, a]) => `${c.slice(0, 5)} ${(100 * a[0] / a[1]).toFixed(0)}`).join(" ")}  traps ${trapFp}/${traps} pool ${poolFp}/${cleanPool.length}`);
  }
}
