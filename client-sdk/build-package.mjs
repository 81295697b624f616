// Builds the publishable package into dist/esm (ES modules + .d.ts) and dist/cjs (CommonJS + .d.cts):
// `npm run build -w client-sdk`, then `npm pack` in client-sdk/. The browser scripts (widget,
// back office) are build.mjs's business, not this one's.
//
// esbuild transpiles each source file on its own (its relative imports stay imports, renamed to
// the built file), so the entries share one copy of every module: ChatError from "./react" is the
// ChatError of ".". tsc writes the declarations.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = `${here}dist`;
/** What ships: the clients, the server helper, the React bindings, and the strings they share with the widget. */
const SOURCES = ["src", "src/server", "src/react"]
  .flatMap((dir) => readdirSync(`${here}${dir}`).filter((f) => f.endsWith(".ts")).map((f) => `${here}${dir}/${f}`))
  .concat(`${here}src/widget/i18n.ts`);

/** Keeps every import external, a relative one pointing at the built sibling (`./x.ts` → `./x.js`). */
const perFile = (ext) => ({
  name: "per-file",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      if (!args.path.startsWith(".")) return { path: args.path, external: true };
      return { path: args.path.replace(/\.ts$/, ext), external: true };
    });
  },
});

rmSync(`${dist}/esm`, { recursive: true, force: true });
rmSync(`${dist}/cjs`, { recursive: true, force: true });
const common = { entryPoints: SOURCES, outbase: `${here}src`, bundle: true, platform: "neutral", target: ["es2020"], legalComments: "none", logLevel: "warning" };
await build({ ...common, outdir: `${dist}/esm`, format: "esm", plugins: [perFile(".js")] });
await build({ ...common, outdir: `${dist}/cjs`, format: "cjs", outExtension: { ".js": ".cjs" }, plugins: [perFile(".cjs")] });
// Node reads dist/cjs/*.cjs as CommonJS by their extension; this marks the folder for tools that look for package.json.
writeFileSync(`${dist}/cjs/package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);

// typescript's exports map hides bin/; its package.json is exported and sits beside it.
const tsc = createRequire(import.meta.url).resolve("typescript/package.json").replace(/package\.json$/, "bin/tsc");
execFileSync(process.execPath, [tsc, "-p", `${here}tsconfig.build.json`], { stdio: "inherit" });
// tsc keeps the sources' `.ts` specifiers in declarations: point them at the built files, `.js`
// for import and `.cjs` in the .d.cts copies that require() reads.
const relative = /(from\s+|import\()(["'])(\.{1,2}\/[^"']+)\.ts\2/g;
for (const file of listFiles(`${dist}/esm`).filter((f) => f.endsWith(".d.ts"))) {
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(relative, "$1$2$3.js$2"));
  const out = file.replace(`${dist}/esm`, `${dist}/cjs`).replace(/\.d\.ts$/, ".d.cts");
  mkdirSync(out.slice(0, out.lastIndexOf("/")), { recursive: true });
  writeFileSync(out, text.replace(relative, "$1$2$3.cjs$2"));
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
}
