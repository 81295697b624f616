import { readFileSync } from "node:fs";
import { normalize } from "../server/filters/normalize.ts";
import { createCategoryModel } from "../server/filters/category-model.ts";
import { createCategoryModel as oldCreate } from "./old-model.ts";
const msgs: string[] = [];
for (const f of ["/work/shared/corpus/messages.tsv", "test/fixtures/corpus-extended.tsv"]) for (const l of readFileSync(f, "utf8").split(/\r?\n/).slice(1)) { const c = l.split("\t"); if (c.length >= 2) msgs.push(c[c.length - 1]!); }
const norms = msgs.map((m) => normalize(m));
const NEW = createCategoryModel(JSON.parse(readFileSync("config/model/category-model.json", "utf8")));
const OLD = oldCreate(JSON.parse(readFileSync(".scratch/old-model.json", "utf8")));
const time = (m: any) => { const t0 = process.hrtime.bigint(); let h = 0; for (let rep = 0; rep < 100; rep++) for (const n of norms) if (m.judge(n)) h++; return [Number(process.hrtime.bigint() - t0) / (100 * norms.length), h / 100]; };
(globalThis as any).EXACT = 0; for (const n of norms) NEW.judge(n); console.log("exact", (globalThis as any).EXACT);
console.log("fills", (globalThis as any).FILL);
const best = { old: Infinity, new: Infinity };
for (let r = 0; r < 8; r++) { const [a, ha] = time(OLD); const [b, hb] = time(NEW); best.old = Math.min(best.old, a!); best.new = Math.min(best.new, b!); if (r === 7) console.log(`hits old ${ha} new ${hb}`); }
console.log(`best ns/msg: old ${best.old.toFixed(0)} new ${best.new.toFixed(0)}`);
console.log("fills end", (globalThis as any).FILL);
