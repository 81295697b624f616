import { describe, expect, it } from "vitest";
import { createLocTable } from "../../server/store/messages/loc-table.ts";

/** A small deterministic generator, so a failure replays. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** A table whose "records" are a Map from location to key, and a model of what it should find. */
function harness(hashOf: (key: string) => number) {
  const records = new Map<number, string>();
  const table = createLocTable<string>((loc, key) => records.get(loc) === key);
  const model = new Map<string, number>();
  let nextLoc = 0;
  return {
    table, model,
    add(key: string) {
      const loc = nextLoc++;
      records.set(loc, key);
      table.add(hashOf(key), loc);
      model.set(key, loc);
    },
    remove(key: string) {
      const loc = model.get(key)!;
      expect(table.remove(hashOf(key), loc)).toBe(true);
      records.delete(loc);
      model.delete(key);
    },
    move(key: string) {
      const from = model.get(key)!, to = nextLoc++;
      records.set(to, key);
      expect(table.move(hashOf(key), from, to)).toBe(true);
      records.delete(from);
      model.set(key, to);
    },
    check(absent: readonly string[] = []) {
      expect(table.size).toBe(model.size);
      for (const [key, loc] of model) expect(table.find(hashOf(key), key)).toBe(loc);
      for (const key of absent) expect(table.find(hashOf(key), key)).toBe(-1);
    },
  };
}

describe("loc table", () => {
  // Few distinct hashes make long clusters that wrap past the table's end, where deleting from
  // the middle of a cluster has to move later entries back without losing any.
  for (const [name, hashOf] of [
    ["well spread hashes", (k: string) => { let h = 7; for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193); return h; }],
    ["heavy collisions (13 hashes)", (k: string) => Number(k.slice(1)) % 13],
    ["one hash for every key", () => -123_456],
  ] as const) {
    it(`agrees with a Map through random adds, removes and moves: ${name}`, () => {
      const rand = rng(name.length);
      const h = harness(hashOf);
      const universe = name.startsWith("one") ? 600 : 4000;
      for (let step = 0; step < 40_000; step++) {
        const key = `k${Math.floor(rand() * universe)}`;
        const r = rand();
        if (!h.model.has(key)) { if (r < 0.6) h.add(key); }
        else if (r < 0.45) h.remove(key);
        else if (r < 0.7) h.move(key);
        if (step % 5000 === 0) h.check([`k${universe + step}`]);
      }
      h.check(["k-none", `k${universe + 1}`]);
      // A key that is absent, and a location that is not there under a hash, are refused.
      expect(h.table.remove(hashOf("k-none"), 10 ** 9)).toBe(false);
      expect(h.table.move(hashOf("k-none"), 10 ** 9, 1)).toBe(false);
    });
  }

  it("grows past a thousand entries and shrinks back as they go, finding every one throughout", () => {
    const h = harness((k) => Number(k.slice(1)) * 0x9e3779b1);
    for (let i = 0; i < 50_000; i++) h.add(`k${i}`);
    h.check(["k50000", "k-1"]);
    for (let i = 0; i < 49_990; i++) {
      h.remove(`k${i}`);
      if (i % 9_999 === 0) h.check([`k${i}`]);
    }
    h.check(["k0", "k49989"]);
    for (let i = 0; i < 10; i++) h.remove(`k${49_990 + i}`);
    h.check(["k49995"]);
    expect(h.table.size).toBe(0);
  });

  it("keeps two keys with the same hash apart by what their records hold", () => {
    const h = harness(() => 42);
    h.add("a");
    h.add("b");
    expect(h.table.find(42, "a")).toBe(h.model.get("a"));
    expect(h.table.find(42, "b")).toBe(h.model.get("b"));
    h.remove("a");
    expect(h.table.find(42, "a")).toBe(-1);
    expect(h.table.find(42, "b")).toBe(h.model.get("b"));
  });
});
