import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { optionsFromArgs } from "../../bench/relay.ts";
import { redisAvailable } from "../support/redis-process.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

describe("relay bench flags: --baseline", () => {
  const empty = mkdtempSync(join(tmpdir(), "causette-baseline-"));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it("adds causette-baseline right after causette, to the default sides or the named ones", () => {
    // The default sides leave out causette-x2 (with a warning) where redis-server is missing.
    const x2 = redisAvailable ? ["causette-x2"] : [];
    expect(optionsFromArgs(["--baseline", repo]).sides?.map((s) => s.name)).toEqual(["bare", "causette", "causette-baseline", ...x2]);
    expect(optionsFromArgs(["--sides", "bare,causette", "--baseline", repo]).sides?.map((s) => s.name)).toEqual(["bare", "causette", "causette-baseline"]);
    expect(optionsFromArgs(["--sides", "bare", "--baseline", repo]).sides?.map((s) => s.name)).toEqual(["bare", "causette-baseline"]);
  });

  it("refuses a folder that is not a checkout with its node_modules, before anything starts", () => {
    expect(() => optionsFromArgs(["--baseline", empty])).toThrow(/no bench\/relay\.ts/);
    mkdirSync(join(empty, "bench"));
    writeFileSync(join(empty, "bench", "relay.ts"), "");
    expect(() => optionsFromArgs(["--baseline", empty])).toThrow(/no node_modules/);
    expect(() => optionsFromArgs(["--sides", "bare,causette-baseline"])).toThrow(/needs --baseline/);
  });
});

describe("relay bench flags: --stall-watch", () => {
  it("is off unless asked for", () => {
    expect(optionsFromArgs([]).stallWatch).toBeUndefined();
    expect(optionsFromArgs(["--stall-watch", "--rounds", "2"])).toMatchObject({ stallWatch: true, rounds: 2 });
  });
});
