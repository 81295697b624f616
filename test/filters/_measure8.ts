import { readFileSync } from "node:fs";
import { demoFilters } from "/work/wt-tune8/test/filters/demo-filters.ts";
const f = demoFilters();
const file = process.argv[2];
const [, ...lines] = readFileSync(file, "utf8").split(/\r?\n/);
const tally = new Map<string, {held:number;caught:number;clean:number;fp:number}>();
const wrong: string[] = [];
for (const l of lines) { if (!l.trim()) continue;
  const [expect, category, lang, ...rest] = l.split("\t"); const text = rest.join("\t");
  const h = [...f.words(text), ...f.links(text)];
  const t = tally.get(category) ?? {held:0,caught:0,clean:0,fp:0}; tally.set(category, t);
  if (expect === "held") { t.held++; if (h.length) t.caught++; else wrong.push(`MISS\t${category}\t${lang}\t${text}`); }
  else { t.clean++; if (h.length) { t.fp++; wrong.push(`FP\t${category}\t${lang}\t${text}\t${JSON.stringify(h.map(x=>[x.category,x.match,x.detail]))}`);} }
}
let a=0,b=0,c=0,d=0;
for (const [k,t] of tally) { a+=t.caught;b+=t.held;c+=t.fp;d+=t.clean; console.log(`${k}: ${t.caught}/${t.held} traps ${t.fp}/${t.clean}`); }
console.log(`all ${a}/${b} traps ${c}/${d}`);
if (!process.argv[3]) console.log(wrong.join("\n"));
