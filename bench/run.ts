/**
 * Runs the benchmarks: every bench/*.ts that exports a `run…Bench` function, or only the ones named.
 *
 *   npm run bench              # all
 *   npm run bench -- relay     # bench/relay.ts only
 */
import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
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
  for (const [name, run] of runners) {
    console.log(`\n=== ${basename(f, ".ts")}: ${name} ===`);
    await (run as () => Promise<unknown>)();
  }
}
process.exit(0);
