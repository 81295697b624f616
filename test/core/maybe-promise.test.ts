import { describe, expect, it } from "vitest";
import { afterReady, allReady, ignoreFailure, whenReady } from "../../server/maybe-promise.ts";

describe("MaybePromise helpers", () => {
  it("whenReady applies at once to a value and later to a promise", async () => {
    const now = whenReady(2, (v) => v * 3);
    expect(now).toBe(6);
    const later = whenReady(Promise.resolve(2), (v) => v * 3);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toBe(6);
    expect(() => whenReady(1, () => { throw new Error("at once"); })).toThrow("at once");
    await expect(whenReady(Promise.resolve(1), () => { throw new Error("later"); })).rejects.toThrow("later");
  });

  it("allReady answers at once when every read did, and waits for all otherwise", async () => {
    const order: string[] = [];
    const sync = allReady<[number, string], string>([() => { order.push("a"); return 1; }, () => { order.push("b"); return "x"; }], (n, s) => `${n}${s}`);
    expect(sync).toBe("1x");
    expect(order).toEqual(["a", "b"]);
    const mixed = allReady<[number, string], string>([() => 1, () => new Promise((r) => setImmediate(() => r("y")))], (n, s) => `${n}${s}`);
    expect(mixed).toBeInstanceOf(Promise);
    expect(await mixed).toBe("1y");
  });

  it("a read that throws at once leaves no earlier read rejecting unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      let rejectFirst!: (e: Error) => void;
      const first = new Promise<number>((_, reject) => { rejectFirst = reject; });
      expect(() => allReady<[number, number], number>([() => first, () => { throw new Error("second failed at once"); }], (a, b) => a + b))
        .toThrow("second failed at once");
      rejectFirst(new Error("first failed later"));
      // Two macrotask turns: enough for Node to report an unhandled rejection if there were one.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("afterReady runs its `done` exactly once, on every way the work can end", async () => {
    let n = 0;
    const done = () => { n++; };
    expect(afterReady(() => 1, done)).toBe(1);
    expect(n).toBe(1);
    expect(() => afterReady(() => { throw new Error("now"); }, done)).toThrow("now");
    expect(n).toBe(2);
    const later = afterReady(() => Promise.resolve(2), done);
    expect(n).toBe(2); // not before the promise settles
    expect(await later).toBe(2);
    expect(n).toBe(3);
    await expect(afterReady(() => Promise.reject(new Error("later")), done)).rejects.toThrow("later");
    expect(n).toBe(4);
  });

  it("ignoreFailure drops a failure at once or later, and still runs the work", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      let ran = 0;
      expect(() => ignoreFailure(() => { ran++; throw new Error("now"); })).not.toThrow();
      ignoreFailure(() => { ran++; return Promise.reject(new Error("later")); });
      expect(ran).toBe(2);
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
