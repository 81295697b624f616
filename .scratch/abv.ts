import { readFileSync } from "node:fs";
import { normalize } from "../server/filters/normalize.ts";
import { createCategoryModel as oldCreate } from "./old-model.ts";
import { createCategoryModel as c1 } from "./v1.ts";
import { createCategoryModel as c2 } from "./v2.ts";
import { createCategoryModel as c3 } from "./v3.ts";
import { createCategoryModel as c4 } from "./v4.ts";
import { createCategoryModel as c5 } from "./v5.ts";
const msgs: string[] = [];
for (const f of ["/work/shared/corpus/messages.tsv", "test/fixtures/corpus-extended.tsv"]) for (const l of readFileSync(f, "utf8").split(/\r?\n/).slice(1)) { const c = l.split("\t"); if (c.length >= 2) msgs.push(c[c.length - 1]!); }
const norms = msgs.map((m) => normalize(m));
const data = JSON.parse(readFileSync("config/model/category-model.json", "utf8"));
const models: Record<string, any> = { old: oldCreate(JSON.parse(readFileSync(".scratch/old-model.json", "utf8"))), v1: c1(data), v2: c2(data), v3: c3(data), v4: c4(data), v5: c5(data) };
const time = (m: any) => { const t0 = process.hrtime.bigint(); for (let rep = 0; rep < 50; rep++) for (const n of norms) m.judge(n); return Number(process.hrtime.bigint() - t0) / (50 * norms.length); };
const best: Record<string, number> = {};
for (let r = 0; r < 10; r++) for (const [k, m] of Object.entries(models)) best[k] = Math.min(best[k] ?? Infinity, time(m));
console.log(Object.entries(best).map(([k, v]) => `${k} ${v.toFixed(0)}`).join("  "));
