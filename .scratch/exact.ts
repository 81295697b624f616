import { readFileSync } from "node:fs";
import { normalize } from "../server/filters/normalize.ts";
import { createCategoryModel } from "./v3i.ts";
import { compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
const LISTS = { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] }, model: false } as any;
const rules = compileFiltersSync(LISTS, loadBaseLexicons());
const msgs: string[] = [];
for (const f of ["/work/shared/corpus/messages.tsv", "test/fixtures/corpus-extended.tsv"]) for (const l of readFileSync(f, "utf8").split(/\r?\n/).slice(1)) { const c = l.split("\t"); if (c.length >= 2) msgs.push(c[c.length - 1]!); }
const m = createCategoryModel(JSON.parse(readFileSync("config/model/category-model.json", "utf8")));
const unheld = msgs.filter((t) => rules.words(t).length === 0);
let hits = 0; for (const t of unheld) if (m.judge(normalize(t))) hits++;
console.log(`bench msgs ${msgs.length}, not held by rules ${unheld.length}, exact path ${(globalThis as any).EXACT}, model hits ${hits}`);
