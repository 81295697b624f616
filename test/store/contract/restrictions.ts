import { beforeEach, describe, expect, it } from "vitest";
import { RESTRICTIONS_KEPT_MS, type RestrictionRecord } from "../../../server/store/restrictions/restriction-store.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, FOREIGN_CURSORS } from "./fixtures.ts";

/** The restrictions ledger: a tenant's own, in time order, paged by cursor through ties, aged out. */
export function restrictionContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });
  // The ledger ages records out against the clock, so these are recent.
  const base = Date.now() - 3_600_000;
  const rec = (n: number, at: number, over: Partial<RestrictionRecord> = {}): RestrictionRecord => ({
    noticeId: `nt-${n}`, at, kind: "message_removed", ground: "terms", category: "scope_of_platform_service",
    source: "manager", automated: { detection: false, decision: false }, contentAt: at - 1000, ...over,
  });
  const ban = (n: number, at: number): RestrictionRecord => {
    const { contentAt: _, ...r } = rec(n, at, { kind: "banned", until: at + 99_000 });
    return r;
  };
  const all = async (tenant: string, from: number, to: number, limit: number) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await stores.restrictions.listRestrictions(tenant, { from, to, limit, ...(cursor ? { cursor } : {}) });
      expect(page.records.length).toBeLessThanOrEqual(limit);
      seen.push(...page.records.map((r) => r.noticeId));
      cursor = page.cursor;
    } while (cursor);
    return seen;
  };

  describe("restrictions", () => {
    it("lists a period's restrictions oldest first, page by page through records of the same millisecond, and no other tenant's", async () => {
      // Added out of order, with five sharing one millisecond across page boundaries.
      await stores.restrictions.addRestriction(A, ban(2, base + 20));
      await stores.restrictions.addRestriction(A, rec(1, base + 10));
      for (let n = 3; n <= 7; n++) await stores.restrictions.addRestriction(A, rec(n, base + 30));
      await stores.restrictions.addRestriction(A, rec(8, base + 40, { source: "report", reportedAt: base + 35 }));
      await stores.restrictions.addRestriction(B, rec(9, base + 30));

      const first = await stores.restrictions.listRestrictions(A, { from: base, to: base + 100, limit: 2 });
      expect(first.records).toStrictEqual([rec(1, base + 10), ban(2, base + 20)]);
      expect(first.cursor).toBeTypeOf("string");
      for (const limit of [1, 2, 3, 4, 10]) {
        const ids = await all(A, base, base + 100, limit);
        expect(ids.slice(0, 2)).toStrictEqual(["nt-1", "nt-2"]);
        expect(new Set(ids.slice(2, 7))).toStrictEqual(new Set(["nt-3", "nt-4", "nt-5", "nt-6", "nt-7"]));
        expect(ids.slice(7)).toStrictEqual(["nt-8"]);
      }
      // `from` is in, `to` is out.
      expect(await all(A, base + 20, base + 40, 2)).toHaveLength(6);
      expect(await all(A, base + 41, base + 100, 5)).toStrictEqual([]);
      expect(await all(B, base, base + 100, 5)).toStrictEqual(["nt-9"]);
      expect((await stores.restrictions.listRestrictions(A, { from: base, to: base + 100, limit: 10 })).cursor).toBeUndefined();
      expect((await stores.restrictions.listRestrictions(A, { from: base, to: base + 100, limit: 10 })).records[7]).toStrictEqual(rec(8, base + 40, { source: "report", reportedAt: base + 35 }));
    });

    it("forgets restrictions older than RESTRICTIONS_KEPT_MS", async () => {
      const old = Date.now() - RESTRICTIONS_KEPT_MS - 60_000;
      await stores.restrictions.addRestriction(A, rec(1, old));
      await stores.restrictions.addRestriction(A, rec(2, base));
      expect(await all(A, 0, Date.now(), 10)).toStrictEqual(["nt-2"]);
    });

    it("refuses a cursor it did not issue", async () => {
      await stores.restrictions.addRestriction(A, rec(1, base));
      for (const cursor of FOREIGN_CURSORS) {
        await expect(stores.restrictions.listRestrictions(A, { from: base, to: base + 10, limit: 5, cursor }), cursor).rejects.toMatchObject({ code: "invalid_payload" });
      }
    });
  });
}
