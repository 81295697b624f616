import { describe, expect, it } from "vitest";
import { CappedList } from "../../server/store/messages/capped-list.ts";

describe("capped list", () => {
  it("keeps the newest items up to the cap, oldest first, and names each one dropped", () => {
    const l = new CappedList<string>();
    const dropped: string[] = [];
    for (const x of ["a", "b", "c", "d", "e"]) l.push(x, 3, (d) => dropped.push(d));
    expect(l.toArray()).toStrictEqual(["c", "d", "e"]);
    expect(dropped).toStrictEqual(["a", "b"]);
    expect([l.at(0), l.at(2), l.at(3), l.at(-1)]).toStrictEqual(["c", "e", undefined, undefined]);
    expect(l.newest(2)).toStrictEqual(["d", "e"]);
    expect(l.newest(10)).toStrictEqual(["c", "d", "e"]);
    expect(l.newest(0)).toStrictEqual([]);
    expect(l.newest(-4)).toStrictEqual([]);
    expect([l.shift(), l.shift(), l.shift(), l.shift()]).toStrictEqual(["c", "d", "e", undefined]);
    l.push("f", 3);
    expect(l.toArray()).toStrictEqual(["f"]);
  });

  it("agrees with an array pushed and shifted, through caps that grow, shrink and reach zero, and shifts of its own", () => {
    let s = 11;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const l = new CappedList<number>();
    const model: number[] = [];
    let cap = 5;
    for (let n = 0; n < 20_000; n++) {
      if (rand() < 0.02) cap = Math.floor(rand() * 12);
      const got: number[] = [], want: number[] = [];
      l.push(n, cap, (d) => got.push(d));
      model.push(n);
      while (model.length > cap) want.push(model.shift()!);
      expect(got).toStrictEqual(want);
      expect(l.length).toBe(model.length);
      // Runs of shifts, some emptying the list, so pushes land in freed slots of a wrapped ring.
      if (rand() < 0.1) for (let k = Math.floor(rand() * 6); k > 0; k--) expect(l.shift()).toBe(model.shift());
      expect(l.length).toBe(model.length);
      if (n % 97 === 0) {
        expect(l.toArray()).toStrictEqual(model);
        const k = Math.floor(rand() * 14);
        expect(l.newest(k)).toStrictEqual(model.slice(Math.max(0, model.length - k)));
      }
    }
  });
});
