import { describe, expect, it } from "vitest";
import { optionsFromArgs, runHistoryBench } from "../../bench/history.ts";

describe("history bench", () => {
  it("reads its flags and refuses bad ones before anything starts", () => {
    expect(optionsFromArgs(["--rooms", "100", "--rounds", "3"])).toEqual({ rooms: 100, rounds: 3 });
    expect(optionsFromArgs([])).toEqual({});
    for (const bad of [["--rooms", "0"], ["--rooms", "-3"], ["--rounds", "1.5"], ["--rooms", "many"], ["--rooms"]]) {
      expect(() => optionsFromArgs(bad)).toThrow(/must be a positive integer/);
    }
  });

  // Figures are the bench's business, not a test's: this only checks that both sides run to the
  // end in their child processes and report every figure (a bench that rotted would fail here).
  it("runs both sides on a tiny load and reports every figure", async () => {
    const figures = await runHistoryBench({ rooms: 2, rounds: 1, print: false });
    expect(figures.map((f) => f.side)).toEqual(["causette", "objects"]);
    for (const f of figures) {
      expect(f.messages).toBe(600);
      for (const k of ["appendUs", "longestAppendMs", "youngGcMsPer1k", "youngGcMaxMs", "heapMB", "externalMB", "fullGcMs", "readUs"] as const) {
        expect(Number.isFinite(f[k]) && f[k] >= 0, `${f.side} ${k} = ${f[k]}`).toBe(true);
      }
      expect(f.heapMB).toBeGreaterThan(0);
    }
  }, 60_000);
});
