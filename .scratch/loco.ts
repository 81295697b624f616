// Scratch: leave-one-corpus-out over the new blind corpora, per feature variant and threshold.
import { readFileSync } from "node:fs";
import { compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
import { normalize, type NormalizedText } from "../server/filters/normalize.ts";
import { parseLabelledLines, type LabelledLine } from "../server/filters/category-model-train.ts";
const LISTS = { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] }, model: false } as any;
const rules = compileFiltersSync(LISTS, loadBaseLexicons());
const ruleHit = (t: string) => [...rules.words(t), ...rules.links(t)].length > 0;
const s = JSON.parse(readFileSync("config/model/training.json", "utf8"));
const NEW = (process.env.NEWC ?? "16,17,18,19,20,21,22,23,24,25,26,27").split(",").map((i) => `/work/corpora/c${i}.tsv`);
const baseFiles: string[] = s.files.filter((f: string) => !/corpus-categories-(1[6-9]|[2-9]\d)\.tsv/.test(f));
const cats: string[] = s.categories;
const load = (f: string) => parseLabelledLines(readFileSync(f, "utf8"));
const baseLines = baseFiles.flatMap(load);
const newLines = NEW.map(load);
const DIM = 1 << 16, mask = DIM - 1;
const h = (str: string, seed: number) => { let x = seed >>> 0; for (let i = 0; i < str.length; i++) x = Math.imul(x ^ str.charCodeAt(i), 16777619); return x >>> 0; };
type Feat = (n: NormalizedText) => number[];
const base: Feat = (n) => { const o: number[] = []; const t = n.tokens; for (let i = 0; i < t.length; i++) { o.push(h(t[i]!.key, 1) & mask); if (i + 1 < t.length) o.push(h(t[i]!.key + " " + t[i + 1]!.key, 2) & mask); } return [...new Set(o)]; };
const cng: Feat = (n) => { const o = base(n); const seenW = new Set<string>(); for (const t of n.tokens) { if (seenW.has(t.key)) continue; seenW.add(t.key); const w = `<${t.key}>`; if (w.length > 5) for (let i = 0; i + 4 <= w.length; i++) o.push(h(w.slice(i, i + 4), 7) & mask); } return o; };
const ps: Feat = (n) => { const o = base(n); const seenW = new Set<string>(); for (const t of n.tokens) { if (seenW.has(t.key) || t.key.length < 5) continue; seenW.add(t.key); o.push(h(t.key.slice(0, 5), 11) & mask); o.push(h(t.key.slice(-3), 12) & mask); } return o; };
const p4: Feat = (n) => { const o = base(n); const seenW = new Set<string>(); for (const t of n.tokens) { if (seenW.has(t.key) || t.key.length < 5) continue; seenW.add(t.key); o.push(h(t.key.slice(0, 4), 11) & mask); o.push(h(t.key.slice(0, 6), 13) & mask); } return o; };
const mk = (P: number, S: number, min: number): Feat => (n) => { const o = base(n); const seenW = new Set<string>(); for (const t of n.tokens) { if (seenW.has(t.key) || t.key.length < min) continue; seenW.add(t.key); o.push(h(t.key.slice(0, P), 11) & mask); if (S) o.push(h(t.key.slice(-S), 12) & mask); } return o; };
const variants: Record<string, Feat> = { base, cng, ps, p4, ps64: mk(6, 4, 6), ps54: mk(5, 4, 5), ps43: mk(4, 3, 5), ps50: mk(5, 0, 6) };
const featCache = new Map<string, Map<string, number[]>>();
const feats = (name: string, text: string) => { let m = featCache.get(name); if (!m) featCache.set(name, (m = new Map())); let f = m.get(text); if (!f) m.set(text, (f = variants[name]!(normalize(text)))); return f; };
function trainModel(name: string, train: LabelledLine[], epochs = 30, rate = 0.2, l2 = Number(process.env.L2 ?? 0.003)) {
  const k = cats.length; const xs = train.map((l) => feats(name, l.text)); const ys = train.map((l) => cats.indexOf(l.label as string));
  const w = new Float64Array(DIM * k); const bias = cats.map(() => -2);
  let seed = 1; const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  const order = train.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    const r = process.env.DECAY ? rate / (1 + e * Number(process.env.DECAY)) : rate;
    for (const i of order) { const x = xs[i]!; for (let c = 0; c < k; c++) { let z = bias[c]!; for (const sl of x) z += w[sl * k + c]!; const yy = ys[i] === c ? 1 : 0; const wt = process.env.POSW && yy ? Number(process.env.POSW) : 1; const g = wt * (1 / (1 + Math.exp(-z)) - yy); for (const sl of x) w[sl * k + c] -= r * (g + l2 * w[sl * k + c]!); bias[c] -= r * g; } }
  }
  return (text: string) => { const x = feats(name, text); let best = -Infinity; for (let c = 0; c < k; c++) { let z = bias[c]!; for (const sl of x) z += w[sl * k + c]!; z -= OFFS[c] ?? 0; best = Math.max(best, z); } return 1 / (1 + Math.exp(-best)); };
}
const THS = (process.env.THS ?? "0.5,0.4,0.3").split(",").map(Number);
const OFFS: number[] = (process.env.OFFS ?? '').split(',').filter(Boolean).map(Number);
for (const name of (process.env.VARS ?? "base,cng").split(",")) {
  const agg = THS.map(() => ({ per: {} as Record<string, [number, number]>, fp: 0, traps: 0 }));
  NEW.forEach((_, fold) => {
    const train = [...baseLines, ...newLines.filter((_, i) => i !== fold).flat()];
    const score = trainModel(name, train);
    for (const l of newLines[fold]!) {
      const r = ruleHit(l.text); const p = score(l.text);
      THS.forEach((th, ti) => { const A = agg[ti]!; const held = r || p >= th; if (l.label === "clean") { A.traps++; if (held) A.fp++; } else { const a = A.per[l.label] ??= [0, 0]; a[1]++; if (held) a[0]++; } });
    }
  });
  THS.forEach((th, ti) => { const A = agg[ti]!; const all = Object.values(A.per).reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
    console.log(`${name.padEnd(5)} th ${th} all ${(100 * all[0] / all[1]).toFixed(1)}%  ${Object.entries(A.per).map(([c, a]) => `${c.slice(0, 5)} ${(100 * a[0] / a[1]).toFixed(1)}`).join(" ")}  traps ${A.fp}/${A.traps} (${(100 * A.fp / A.traps).toFixed(2)}%)`); });
}
