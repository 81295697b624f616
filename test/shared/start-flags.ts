import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The Node flags `npm start` gives a Causette node (package.json's `start` script, the one place
 * they are written), so the tests' child nodes and the benchmark's servers run as an operator's
 * do. Every `--flag` before the script is returned, except the `--import tsx` loader, which each
 * caller adds itself.
 */
export function startNodeFlags(packageJson = fileURLToPath(new URL("../../package.json", import.meta.url))): string[] {
  const { scripts } = JSON.parse(readFileSync(packageJson, "utf8")) as { scripts?: { start?: string } };
  const words = (scripts?.start ?? "").trim().split(/\s+/);
  if (words[0] !== "node") throw new Error(`package.json "start" should run node, not: ${scripts?.start}`);
  const flags: string[] = [];
  for (let i = 1; i < words.length && words[i]!.startsWith("--"); i++) {
    if (words[i] === "--import") i++;
    else flags.push(words[i]!);
  }
  return flags;
}
