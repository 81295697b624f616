import { readFileSync } from "node:fs";
import { loadBaseLexicons } from "../server/filters/compile.ts";
import { normalize } from "../server/filters/normalize.ts";
const msgs: string[] = [];
for (const f of ["/work/shared/corpus/messages.tsv", "test/fixtures/corpus-extended.tsv"]) for (const l of readFileSync(f, "utf8").split(/\r?\n/).slice(1)) { const c = l.split("\t"); if (c.length >= 2) msgs.push(c[c.length - 1]!); }
const norms = msgs.map((m) => normalize(m));
const model = loadBaseLexicons().model!;
let hits = 0;
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint(); hits = 0;
  for (let rep = 0; rep < 200; rep++) for (const n of norms) if (model.judge(n)) hits++;
  const ns = Number(process.hrtime.bigint() - t0) / (200 * norms.length);
  console.log(`judge ${ns.toFixed(0)} ns/msg, hits ${hits / 200}/${norms.length}`);
}
// how many need the exact sums
const anyModel = model as any;
(globalThis as any).EXACT = 0; for (const n of norms) model.judge(n); console.log("exact", (globalThis as any).EXACT, "of", norms.length);
