import { describe, expect, it } from "vitest";
import { optionsFromArgs } from "../../bench/capacity.ts";

describe("capacity bench flags", () => {
  it("reads the rising rates, sorted, and the other figures", () => {
    expect(optionsFromArgs(["--clients", "300", "--rates", "8,2,4", "--seconds", "3", "--actions", "200", "--room-size", "10"]))
      .toStrictEqual({ clients: 300, rates: [2, 4, 8], seconds: 3, actions: 200, roomSize: 10 });
    expect(optionsFromArgs([])).toStrictEqual({});
  });

  it("refuses what is not a positive number", () => {
    expect(() => optionsFromArgs(["--rates", "2,x"])).toThrow(/--rates/);
    expect(() => optionsFromArgs(["--clients", "0"])).toThrow(/--clients must be a positive number/);
  });
});
