import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, T0, entry, FOREIGN_CURSORS } from "./fixtures.ts";

/** The review-queue port: merging entries, order, cursors, racing takers. */
export function reviewQueueContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("review queue", () => {
    it("merges entries: reasons appended, priority only rises, flag kind kept, first queuedAt kept", async () => {
      const e = entry("m1", { reasons: [] });
      expect(await stores.queue.queuePut(A, e)).toStrictEqual(e);
      const r1 = { kind: "flag" as const, detail: "abuse" };
      const merged = await stores.queue.queuePut(A, entry("m1", { kind: "flag", priority: "high", reasons: [r1], queuedAt: T0 + 50 }));
      expect(merged).toStrictEqual({ messageId: "m1", kind: "flag", reasons: [r1], priority: "high", queuedAt: T0 });
      const r2 = { kind: "word" as const, detail: "x", match: "X", start: 1, end: 2 };
      expect(await stores.queue.queuePut(A, entry("m1", { reasons: [r2] }))).toStrictEqual({ ...merged, reasons: [r1, r2] });
      expect(await stores.queue.queuePut(A, entry("m1", { reasons: [] }))).toStrictEqual({ ...merged, reasons: [r1, r2] });
      expect(await stores.queue.queueGet(A, "m1")).toStrictEqual({ ...merged, reasons: [r1, r2] });
      expect(await stores.queue.queueGet(A, "m2")).toBeNull();
      expect(await stores.queue.queueSize(A)).toBe(1);
    });

    it("tells when the longest-waiting entry was queued, whatever its priority", async () => {
      expect(await stores.queue.queueOldest(A)).toBeNull();
      await stores.queue.queuePut(A, entry("h", { priority: "high", queuedAt: T0 + 5 }));
      expect(await stores.queue.queueOldest(A)).toBe(T0 + 5);
      await stores.queue.queuePut(A, entry("n", { queuedAt: T0 + 2 }));
      expect(await stores.queue.queueOldest(A)).toBe(T0 + 2);
      await stores.queue.queueTake(A, "n");
      expect(await stores.queue.queueOldest(A)).toBe(T0 + 5);
      expect(await stores.queue.queueOldest(B)).toBeNull();
    });

    it("keeps the weightiest kind when merging: filter < flag < report", async () => {
      await stores.queue.queuePut(A, entry("m1", { kind: "filter", reasons: [] }));
      expect((await stores.queue.queuePut(A, entry("m1", { kind: "report", reasons: [] }))).kind).toBe("report");
      expect((await stores.queue.queuePut(A, entry("m1", { kind: "flag", reasons: [] }))).kind).toBe("report");
      expect((await stores.queue.queuePut(A, entry("m1", { kind: "filter", reasons: [] }))).kind).toBe("report");
      await stores.queue.queuePut(A, entry("m2", { kind: "flag", reasons: [] }));
      expect((await stores.queue.queuePut(A, entry("m2", { kind: "filter", reasons: [] }))).kind).toBe("flag");
      expect((await stores.queue.queuePut(A, entry("m2", { kind: "report", reasons: [] }))).kind).toBe("report");
    });

    it("lists high before normal, oldest first, page by page", async () => {
      const puts = [
        entry("n2", { queuedAt: T0 + 2 }), entry("h3", { priority: "high", queuedAt: T0 + 3 }), entry("n1", { queuedAt: T0 + 1 }),
        entry("h1", { priority: "high", queuedAt: T0 + 1 }), entry("n3", { queuedAt: T0 + 3 }),
      ];
      for (const e of puts) await stores.queue.queuePut(A, e);
      await stores.queue.queuePut(A, entry("n3", { priority: "high" }));
      const want = ["h1", "h3", "n3", "n1", "n2"];
      expect((await stores.queue.queueList(A, 10)).entries.map((e) => e.messageId)).toStrictEqual(want);
      expect(await stores.queue.queueList(A, 10)).not.toHaveProperty("cursor");
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await stores.queue.queueList(A, 2, cursor);
        seen.push(...page.entries.map((e) => e.messageId));
        cursor = page.cursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toStrictEqual(want);
      expect(pages).toBe(3);
    });

    it("pages on without skipping when earlier entries are taken meanwhile", async () => {
      for (let i = 0; i < 6; i++) await stores.queue.queuePut(A, entry(`m${i}`, { queuedAt: T0 + i }));
      const first = await stores.queue.queueList(A, 3);
      expect(first.entries.map((e) => e.messageId)).toStrictEqual(["m0", "m1", "m2"]);
      // A manager resolves what they saw before asking for the next page.
      for (const e of first.entries) await stores.queue.queueTake(A, e.messageId);
      const next = await stores.queue.queueList(A, 3, first.cursor);
      expect(next.entries.map((e) => e.messageId)).toStrictEqual(["m3", "m4", "m5"]);
      expect(next).not.toHaveProperty("cursor");
    });

    it("refuses a cursor it did not issue instead of restarting at page one", async () => {
      for (let i = 0; i < 3; i++) await stores.queue.queuePut(A, entry(`m${i}`, { queuedAt: T0 + i }));
      for (const bad of FOREIGN_CURSORS) {
        await expect(stores.queue.queueList(A, 2, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: "invalid_payload" });
      }
      const first = await stores.queue.queueList(A, 2);
      expect((await stores.queue.queueList(A, 2, first.cursor)).entries.map((e) => e.messageId)).toStrictEqual(["m2"]);
    });

    it("gives a queue entry to exactly one of racing takers", async () => {
      await stores.queue.queuePut(A, entry("m1"));
      await stores.queue.queuePut(A, entry("m2"));
      const res = await Promise.all(Array.from({ length: 10 }, () => stores.queue.queueTake(A, "m1")));
      expect(res.filter((r) => r !== null)).toStrictEqual([entry("m1")]);
      expect(await stores.queue.queueTake(A, "m1")).toBeNull();
      expect(await stores.queue.queueGet(A, "m1")).toBeNull();
      expect(await stores.queue.queueSize(A)).toBe(1);
    });
  });
}
