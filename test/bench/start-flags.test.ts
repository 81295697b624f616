import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startNodeFlags } from "../shared/start-flags.ts";

/**
 * The relay bench and the tests' child nodes take their Node flags from `npm start`, so what is
 * measured and tested is what an operator runs. These checks keep that reading honest.
 */
describe("npm start's node flags", () => {
  const packageJson = (start: string) => {
    const path = join(mkdtempSync(join(tmpdir(), "causette-pkg-")), "package.json");
    writeFileSync(path, JSON.stringify({ scripts: { start } }));
    return path;
  };

  it("are read from the start script, without the tsx loader", () => {
    expect(startNodeFlags()).toEqual(["--v8-pool-size=1", "--max-semi-space-size=32"]);
    const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
    expect(start.endsWith("--import tsx server/index.ts")).toBe(true);
  });

  it("keep every flag before the script, in order, whatever its place around --import", () => {
    expect(startNodeFlags(packageJson("node --a=1 --import tsx --b server/index.ts"))).toEqual(["--a=1", "--b"]);
    expect(startNodeFlags(packageJson("node server/index.ts"))).toEqual([]);
    expect(startNodeFlags(packageJson("  node   --x   --import tsx server/index.ts  "))).toEqual(["--x"]);
  });

  it("refuse a start script that does not run node, rather than guess", () => {
    expect(() => startNodeFlags(packageJson("tsx server/index.ts"))).toThrow(/should run node/);
    expect(() => startNodeFlags(packageJson(""))).toThrow(/should run node/);
  });

  it("are flags this Node accepts (a bad one would stop npm start)", () => {
    const flags = startNodeFlags();
    const out = execFileSync(process.execPath, [...flags, "-e", "process.stdout.write(JSON.stringify(process.execArgv))"], { encoding: "utf8" });
    expect((JSON.parse(out) as string[]).slice(0, flags.length)).toEqual(flags);
    // The check itself: Node refuses a flag it does not know.
    expect(() => execFileSync(process.execPath, ["--v8-pool-size-typo=1", "-e", ""], { stdio: "ignore" })).toThrow();
  });
});
