/**
 * Runs the benchmarks: every bench/*.ts that exports a `run…Bench` function, or only the ones named.
 *
 *   npm run bench              # all
 *   npm run bench -- relay     # bench/relay.ts only
 *   npm run bench -- relay --clients 250 --sides bare,causette   # flags go to benches that take them
 */
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
// Bench names come first; everything from the first flag on goes to the benches that take options
// (they export `optionsFromArgs`), e.g. `npm run bench -- relay --clients 250`.
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith("-"));
const wanted = firstFlag < 0 ? args : args.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "run.ts").sort();
const selected = wanted.length ? files.filter((f) => wanted.includes(basename(f, ".ts"))) : files;
const unknown = wanted.filter((w) => !files.includes(`${w}.ts`));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(", ")}; available: ${files.map((f) => basename(f, ".ts")).join(", ")}`);
  process.exit(2);
}

for (const f of selected) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
  const runners = Object.entries(mod).filter(([name, v]) => /^run\w*Bench$/.test(name) && typeof v === "function");
  const parse = mod.optionsFromArgs as ((argv: readonly string[]) => unknown) | undefined;
  for (const [name, run] of runners) {
    console.log(`\n=== ${basename(f, ".ts")}: ${name} ===`);
    await (run as (opts?: unknown) => Promise<unknown>)(typeof parse === "function" ? parse(flags) : undefined);
  }
}
process.exit(0);
