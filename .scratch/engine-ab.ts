import { readFileSync } from "node:fs";
import { compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
const LISTS = { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] } } as any;
const msgs: string[] = [];
for (const f of ["/work/shared/corpus/messages.tsv", "test/fixtures/corpus-extended.tsv"]) for (const l of readFileSync(f, "utf8").split(/\r?\n/).slice(1)) { const c = l.split("\t"); if (c.length >= 2) msgs.push(c[c.length - 1]!); }
const base = loadBaseLexicons();
const on = compileFiltersSync(LISTS, base), off = compileFiltersSync({ ...LISTS, model: false }, base);
const run = (f: any) => { const t0 = process.hrtime.bigint(); for (let r = 0; r < 30; r++) for (const m of msgs) { f.words(m); f.links(m); } return Number(process.hrtime.bigint() - t0) / (30 * msgs.length); };
const best = { on: Infinity, off: Infinity };
for (let i = 0; i < 12; i++) { if (i % 2) { best.on = Math.min(best.on, run(on)); best.off = Math.min(best.off, run(off)); } else { best.off = Math.min(best.off, run(off)); best.on = Math.min(best.on, run(on)); } }
console.log(`ns/msg on ${best.on.toFixed(0)} off ${best.off.toFixed(0)} model ${(best.on - best.off).toFixed(0)}`);
