// Bundles the browser scripts (widget, back office) with esbuild into client-sdk/dist/.
// Runs before `npm start` and `npm test`, so a fresh clone needs no extra step.
import { build } from "esbuild";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = `${here}dist`;
mkdirSync(out, { recursive: true });
const entries = [
  { in: `${here}src/widget/index.ts`, out: "widget" },
  { in: `${here}src/admin-app/index.ts`, out: "admin" },
  // The dashboard's charts (uPlot), loaded by the back office the first time it draws one.
  { in: `${here}src/admin-app/charts-entry.ts`, out: "admin-charts" },
  // The demo product page's role switcher and tabs (served as /static/demo.js).
  { in: `${here}src/widget/demo-page.ts`, out: "demo" },
].filter((e) => existsSync(e.in));
await build({
  entryPoints: entries,
  outdir: out,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  sourcemap: false,
  legalComments: "none",
  // The back office's charts (uPlot) come with a small stylesheet: bundled as text, added at run time.
  loader: { ".css": "text" },
  logLevel: "warning",
});
for (const e of entries) {
  const file = `${out}/${e.out}.js`;
  const gz = gzipSync(readFileSync(file)).length;
  // One line per bundle, so a size regression shows up in every start and test run.
  if (process.env.CAUSETTE_BUILD_QUIET !== "1") console.log(`client-sdk/dist/${e.out}.js: ${(statSync(file).size / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
}
