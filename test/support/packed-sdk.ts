import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SDK_DIR = `${ROOT}client-sdk/`;

export interface PackedProject {
  /** The brand's fresh project, with the tarball installed in its node_modules. */
  dir: string;
  /** The tarball's file name (inside `dir`). */
  tarball: string;
  /** What `npm pack` listed as shipped, paths relative to the package root. */
  files: string[];
}

type LockEntry = Record<string, unknown> & { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; link?: boolean };

/**
 * Builds @causette/client-sdk, packs it, and installs the tarball into a new project in a temp
 * folder with `npm ci --offline`: no network, only the npm cache.
 *
 * Why a lockfile: `npm install <tarball> --offline` must resolve the tarball's version ranges
 * (socket.io-client, jose, and theirs), which needs the registry's package documents, and a cache
 * filled by `npm ci` (as on CI) holds only tarballs. So the temp project gets a lockfile naming
 * the tarball and, for its dependencies, the very versions and integrity hashes of the repo's own
 * lockfile; `npm ci` then takes each one from the cache by its hash, as the repo's `npm ci` left them.
 */
export function packAndInstall(): PackedProject {
  execFileSync(process.execPath, [`${SDK_DIR}build-package.mjs`], { stdio: "inherit" });
  const dir = mkdtempSync(`${tmpdir()}/causette-brand-app-`);
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: SDK_DIR, encoding: "utf8" })) as
    { filename: string; integrity: string; files: { path: string }[] }[];
  const tarball = packed!.filename;
  const manifest = JSON.parse(readFileSync(`${SDK_DIR}package.json`, "utf8")) as Record<string, unknown> & { name: string; version: string; dependencies: Record<string, string> };
  const spec = `file:${tarball}`;
  const pkg = { name: "brand-app", version: "1.0.0", private: true, dependencies: { [manifest.name]: spec } };
  writeFileSync(`${dir}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
  const rootLock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, "utf8")) as { packages: Record<string, LockEntry> };
  const packages: Record<string, unknown> = {
    "": { name: pkg.name, version: pkg.version, dependencies: pkg.dependencies },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version, resolved: spec, integrity: packed!.integrity,
      ...pick(manifest, ["license", "dependencies", "peerDependencies", "peerDependenciesMeta", "engines"]),
    },
  };
  // The workspace's dependencies resolve from client-sdk/ in the repo's tree, from the tarball's folder in the app's.
  const where = (key: string) => key.startsWith("client-sdk/") ? `node_modules/${manifest.name}/${key.slice("client-sdk/".length)}` : key;
  const visit = (name: string, from: string) => {
    const key = lookup(rootLock.packages, name, from);
    if (packages[where(key)]) return;
    const { dev: _d, devOptional: _o, peer: _p, ...entry } = rootLock.packages[key]!;
    packages[where(key)] = entry;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(dep, key);
  };
  for (const dep of Object.keys(manifest.dependencies)) visit(dep, "client-sdk");
  writeFileSync(`${dir}/package-lock.json`, `${JSON.stringify({ name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  return { dir, tarball, files: packed!.files.map((f) => f.path) };
}

/** Where Node would find `name` required from the package at `from`, in a lockfile's flat list of paths. */
function lookup(packages: Record<string, LockEntry>, name: string, from: string): string {
  for (let base = from; ; base = parentOf(base)) {
    const key = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[key] && !packages[key]!.link) return key;
    if (!base) throw new Error(`${name} (needed by ${from || "the root"}) is not in package-lock.json`);
  }
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/node_modules/");
  return i < 0 ? "" : path.slice(0, i);
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
