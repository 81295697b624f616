import { describe, expect, it } from "vitest";
import { ReadCache } from "../../server/read-cache.ts";

/** A read that waits until the test says so, counting how often it was started. */
function gatedReads<V>() {
  const started: { resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  const read = () => new Promise<V>((resolve, reject) => { started.push({ resolve, reject }); });
  return { read, started };
}

describe("ReadCache", () => {
  it("keeps a read that answers at once, without a promise, until it is older than the ttl", () => {
    const cache = new ReadCache<string, number>(1000);
    let reads = 0;
    const read = () => ++reads;
    expect(cache.get("a", 0, read)).toBe(1);
    expect(cache.get("a", 999, read)).toBe(1);
    expect(cache.fresh("a", 999)).toBe(1);
    expect(cache.fresh("a", 1000)).toBeUndefined();
    expect(cache.get("a", 1000, read)).toBe(2);
    expect(cache.get("b", 1000, read)).toBe(3);
  });

  it("lets every miss during a read share it, then serves the cached value", async () => {
    const cache = new ReadCache<string, string>(1000);
    const { read, started } = gatedReads<string>();
    const a = cache.get("k", 0, read);
    const b = cache.get("k", 1, read);
    expect(started).toHaveLength(1);
    started[0]!.resolve("v1");
    expect(await a).toBe("v1");
    expect(await b).toBe("v1");
    expect(cache.get("k", 2, read)).toBe("v1");
    expect(started).toHaveLength(1);
  });

  it("hands a read overtaken by an invalidation to its waiters but does not cache it", async () => {
    const cache = new ReadCache<string, string>(1000);
    const { read, started } = gatedReads<string>();
    const before = cache.get("k", 0, read);
    cache.invalidate("k");
    const after = cache.get("k", 1, read); // a fresh read, not the stale one
    expect(started).toHaveLength(2);
    started[0]!.resolve("stale");
    started[1]!.resolve("fresh");
    expect(await before).toBe("stale");
    expect(await after).toBe("fresh");
    expect(cache.fresh("k", 2)).toBe("fresh");
  });

  it("an invalidation of another key leaves a read alone; invalidate() drops every key", async () => {
    const cache = new ReadCache<string, string>(1000);
    const { read, started } = gatedReads<string>();
    const k = cache.get("k", 0, read);
    cache.invalidate("other");
    started[0]!.resolve("v");
    await k;
    expect(cache.fresh("k", 1)).toBe("v");
    cache.get("j", 1, () => "w");
    cache.invalidate();
    expect(cache.fresh("k", 2)).toBeUndefined();
    expect(cache.fresh("j", 2)).toBeUndefined();
  });

  it("does not cache a failed read, fails everyone who shared it, and reads again next time", async () => {
    const cache = new ReadCache<string, string>(1000);
    const { read, started } = gatedReads<string>();
    const a = cache.get("k", 0, read);
    const b = cache.get("k", 0, read);
    started[0]!.reject(new Error("store down"));
    await expect(a).rejects.toThrow("store down");
    await expect(b).rejects.toThrow("store down");
    expect(cache.fresh("k", 1)).toBeUndefined();
    cache.get("k", 1, read);
    expect(started).toHaveLength(2);
  });

  it("starts afresh past maxEntries rather than growing", () => {
    const cache = new ReadCache<number, number>(1000, 3);
    for (const k of [1, 2, 3]) cache.get(k, 0, () => k);
    expect(cache.fresh(1, 0)).toBe(1);
    cache.get(4, 0, () => 4);
    expect(cache.fresh(1, 0)).toBeUndefined();
    expect(cache.fresh(4, 0)).toBe(4);
  });
});
