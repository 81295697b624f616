// Scratch: prints the guard table (file, lines, held, clean held) of the given corpora with the shipped engine.
import { readFileSync } from "node:fs";
import { compileFiltersSync, loadBaseLexicons } from "../server/filters/compile.ts";
const LISTS = { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] } } as any;
const f = compileFiltersSync(LISTS, loadBaseLexicons());
for (const file of process.argv.slice(2)) {
  const rows = readFileSync(file, "utf8").split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split("\t"));
  let caught = 0, fp = 0;
  for (const [exp, , , ...t] of rows) { const h = f.words(t.join("\t")).length + f.links(t.join("\t")).length > 0; if (exp === "held" && h) caught++; if (exp !== "held" && h) fp++; }
  console.log(`  ["${file.replace(/.*\//, "")}", ${rows.length}, ${caught}, ${fp}],`);
}
