import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { UndoWindow } from "../../client-sdk/src/admin-app/undo-window.ts";
import { NameBook } from "../../client-sdk/src/admin-app/name-book.ts";

/** The back office's undo (decisions held back, then sent) and its name lookups, without a browser. */
describe("UndoWindow", () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it("sends a held decision when the window closes, never when undone, and not the ids decided elsewhere", async () => {
    const sent: string[][] = [];
    const w = new UndoWindow(5000, () => undefined);
    w.hold({ ids: ["m1", "m2"], label: "remove 2", send: async (ids) => { sent.push(ids); } });
    w.hold({ ids: ["m3"], label: "approve 1", send: async (ids) => { sent.push(ids); } });
    expect(w.has("m1")).toBe(true);
    expect(w.latest()?.label).toBe("approve 1");
    expect(w.undo()?.ids).toEqual(["m3"]);
    expect(w.has("m3")).toBe(false);
    w.forget("m2");
    await vi.advanceTimersByTimeAsync(4999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([["m1"]]);
    expect(w.size).toBe(0);
    expect(w.has("m1")).toBe(false);
  });

  it("drops a decision whose every item was decided elsewhere, and flushes the rest at once", async () => {
    const sent: string[][] = [];
    const w = new UndoWindow(5000, () => undefined);
    w.hold({ ids: ["a"], label: "x", send: async (ids) => { sent.push(ids); } });
    w.hold({ ids: ["b"], label: "y", send: async (ids) => { sent.push(ids); } });
    w.forget("a");
    expect(w.size).toBe(1);
    w.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([["b"]]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([["b"]]);
  });
});

describe("NameBook", () => {
  it("asks once per id, in batches of 200, and labels known ids by name", async () => {
    const calls: string[][] = [];
    const book = new NameBook({ names: async (ids) => { calls.push(ids); return ids.filter((id) => id !== "ghost").map((id) => ({ id, name: `N-${id}`, role: "member" as const })); } });
    const ids = Array.from({ length: 250 }, (_, i) => `u${i}`);
    await book.load([...ids, "ghost", "system", "u1"]);
    expect(calls.map((c) => c.length)).toEqual([200, 51]);
    await book.load(["u1", "ghost"]);
    expect(calls).toHaveLength(2);
    expect(book.label("u1")).toBe("N-u1 (u1)");
    expect(book.name("ghost")).toBe("ghost");
    expect(book.label("ghost")).toBe("ghost");
  });
});
