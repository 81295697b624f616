import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { busyMachinePhases, formatStalls, optionsFromArgs } from "../../bench/relay.ts";
import { redisAvailable } from "../shared/redis-process.ts";

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

describe("relay bench flags: --try-flags", () => {
  it("adds causette-flags right after causette, to the default sides or the named ones", () => {
    const x2 = redisAvailable ? ["causette-x2"] : [];
    expect(optionsFromArgs(["--try-flags", "--no-compact"]).sides?.map((s) => s.name)).toEqual(["bare", "causette", "causette-flags", ...x2]);
    expect(optionsFromArgs(["--sides", "bare,causette", "--try-flags", "--a --b", "--baseline", repo]).sides?.map((s) => s.name))
      .toEqual(["bare", "causette", "causette-flags", "causette-baseline"]);
  });

  it("takes only node flags, and the side is refused without them", () => {
    expect(() => optionsFromArgs(["--try-flags", "never-compact"])).toThrow(/each starting with --/);
    expect(() => optionsFromArgs(["--try-flags", "  "])).toThrow(/each starting with --/);
    expect(() => optionsFromArgs(["--sides", "bare,causette-flags"])).toThrow(/needs --try-flags/);
  });
});

describe("relay bench sides: bare-control", () => {
  it("is a second bare relay, run only when named", () => {
    expect(optionsFromArgs(["--sides", "bare,causette,bare-control"]).sides?.map((s) => s.name)).toEqual(["bare", "causette", "bare-control"]);
    expect(optionsFromArgs([]).sides).toBeUndefined();
  });
});

describe("relay bench: stall figures", () => {
  it("split a stall's time by what the main thread did, with the GC's share", () => {
    expect(formatStalls({ count: 3, ms: 62.4, offCpuMs: 42.2, waitCoreMs: 30.1, gcMs: 9 }))
      .toBe("3 (62 ms, 9 in GC pauses: 20 on CPU, 30 waiting for a core, 12 asleep)");
    // Without schedstat only a lower bound of the time off the CPU is known.
    expect(formatStalls({ count: 1, ms: 21, offCpuMs: 15, gcMs: 0 })).toBe("1 (21 ms, 0 in GC pauses, at least 15 off-CPU)");
    // Counters read at slightly different instants can put the wait above the time off the CPU.
    expect(formatStalls({ count: 1, ms: 20, offCpuMs: 5, waitCoreMs: 6 })).toBe("1 (20 ms: 15 on CPU, 6 waiting for a core, 0 asleep)");
  });
});

describe("relay bench: phases hit by other work on the machine", () => {
  const phase = (side: string, round: number, otherCpu: number) => ({ side, round, otherCpu });

  it("names a phase whose other work reached twice its side's usual share and 20 points more, per side", () => {
    const results = [
      // Run J of stop 20: the rest of the machine at 20-27% of a core, then 55% in one Causette phase.
      ...[23, 21, 27, 25, 25, 24, 21].map((x, i) => phase("bare", i + 1, x)),
      ...[23, 22, 22, 20, 24, 55, 23].map((x, i) => phase("causette", i + 1, x)),
      // A side whose own phases always run beside a busy Redis: 50% is its usual, 75% is not a surge.
      ...[50, 51, 49, 53, 75, 48, 104].map((x, i) => phase("causette-x2", i + 1, x)),
    ];
    expect(busyMachinePhases(results)).toEqual([phase("causette", 6, 55), phase("causette-x2", 7, 104)]);
  });

  it("needs both conditions: doubling a quiet share is not a surge, nor is 20 points on a busy one", () => {
    expect(busyMachinePhases([phase("bare", 1, 3), phase("bare", 2, 4), phase("bare", 3, 9)])).toEqual([]);
    expect(busyMachinePhases([phase("bare", 1, 40), phase("bare", 2, 42), phase("bare", 3, 70)])).toEqual([]);
    expect(busyMachinePhases([phase("bare", 1, 10), phase("bare", 2, 11), phase("bare", 3, 31)])).toEqual([phase("bare", 3, 31)]);
  });

  it("names nothing where the figure could not be read", () => {
    expect(busyMachinePhases([phase("bare", 1, NaN), phase("bare", 2, NaN), phase("bare", 3, 90)])).toEqual([]);
    expect(busyMachinePhases([phase("bare", 1, 10), phase("bare", 2, NaN), phase("bare", 3, 10), phase("bare", 4, 60)])).toEqual([phase("bare", 4, 60)]);
    expect(busyMachinePhases([])).toEqual([]);
  });
});
