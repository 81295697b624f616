import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Builds the browser bundles once before any test file runs. `npm test` builds them already
 * (pretest), but `npx vitest run` alone does not, and on a fresh clone the browser suites then
 * failed on a page without its widget until a later suite happened to build it.
 */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../client-sdk/build.mjs", import.meta.url))], {
    stdio: "inherit", env: { ...process.env, CAUSETTE_BUILD_QUIET: "1" },
  });
}
