import { beforeEach, describe, expect, it } from "vitest";
import { NOTICES_KEPT } from "../../../server/store/notices/notice-store.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, alice, B, bob, T0, notice } from "./fixtures.ts";

/** The notices port: per user, newest first, bounded, and no other user's or tenant's. */
export function noticeContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("notices", () => {
    it("keeps each user's notices newest first, apart from other users and tenants", async () => {
      await stores.notices.addNotice(A, alice.id, notice(1));
      await stores.notices.addNotice(A, alice.id, notice(2, { kind: "muted", until: T0 + 99 }));
      await stores.notices.addNotice(A, bob.id, notice(3));
      const mine = await stores.notices.listNotices(A, alice.id, 10);
      expect(mine.map((n) => n.id)).toStrictEqual(["nt-2", "nt-1"]);
      expect(mine[1]).toStrictEqual(notice(1));
      expect(mine[0]!.until).toBe(T0 + 99);
      expect((await stores.notices.listNotices(A, alice.id, 1)).map((n) => n.id)).toStrictEqual(["nt-2"]);
      expect(await stores.notices.listNotices(A, alice.id, 0)).toStrictEqual([]);
      expect((await stores.notices.listNotices(A, bob.id, 10)).map((n) => n.id)).toStrictEqual(["nt-3"]);
      expect(await stores.notices.listNotices(B, alice.id, 10)).toStrictEqual([]);
      expect(await stores.notices.getNotice(A, alice.id, "nt-1")).toStrictEqual(notice(1));
      // Another user's notice, or another tenant's, is no notice of theirs.
      expect(await stores.notices.getNotice(A, bob.id, "nt-1")).toBeNull();
      expect(await stores.notices.getNotice(B, alice.id, "nt-1")).toBeNull();
      expect(await stores.notices.getNotice(A, alice.id, "nt-404")).toBeNull();
      // What a caller does to a listed notice does not change the kept one.
      mine[1]!.explanation = "changed";
      expect((await stores.notices.listNotices(A, alice.id, 10))[1]!.explanation).toBe("Removed.");
    });

    it("keeps at most NOTICES_KEPT per user, dropping the oldest", async () => {
      for (let n = 0; n < NOTICES_KEPT + 3; n++) await stores.notices.addNotice(A, alice.id, notice(n));
      const all = await stores.notices.listNotices(A, alice.id, NOTICES_KEPT + 10);
      expect(all.length).toBe(NOTICES_KEPT);
      expect(all.at(-1)!.id).toBe("nt-3");
    });
  });
}
