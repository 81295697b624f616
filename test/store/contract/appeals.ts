import { beforeEach, describe, expect, it } from "vitest";
import type { Appeal } from "../../../client-sdk/src/protocol.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, alice, B, mod, T0 } from "./fixtures.ts";

/** The appeals port: one per notice, decided once, listed by status, per tenant. */
export function appealContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });
  const appeal = (n: number, over: Partial<Appeal> = {}): Appeal => ({
    id: `ap-${n}`, noticeId: `nt-${n}`, userId: alice.id, text: `please ${n}`, status: "open", at: T0 + n,
    notice: { id: `nt-${n}`, at: T0, kind: "muted", ground: "terms", category: "scope_of_platform_service", explanation: "Muted.", automated: { detection: false, decision: false }, source: "manager", until: T0 + 60_000 },
    ...over,
  });

  describe("appeals", () => {
    it("keeps one appeal per notice and decides each once", async () => {
      expect(await stores.appeals.addAppeal(A, appeal(1))).toBe(true);
      expect(await stores.appeals.addAppeal(A, appeal(2))).toBe(true);
      // A second appeal on the same notice is refused and changes nothing.
      expect(await stores.appeals.addAppeal(A, appeal(9, { noticeId: "nt-1" }))).toBe(false);
      expect(await stores.appeals.getAppeal(A, "ap-9")).toBeNull();
      expect(await stores.appeals.getAppeal(A, "ap-1")).toStrictEqual(appeal(1));
      // Found by their notices; a notice without an appeal, or none asked, gives nothing.
      const ofNotices = async (ids: string[]) => (await stores.appeals.appealsOfNotices(A, ids)).map((a) => a.id).sort();
      expect(await ofNotices(["nt-2", "nt-1", "nt-404"])).toStrictEqual(["ap-1", "ap-2"]);
      expect(await ofNotices([])).toStrictEqual([]);
      expect(await stores.appeals.appealsOfNotices(B, ["nt-1"])).toStrictEqual([]);

      const d = { status: "reversed" as const, note: "Fair point", decidedAt: T0 + 50, decidedBy: mod };
      const first = await stores.appeals.decideAppeal(A, "ap-1", d);
      expect(first).toStrictEqual({ appeal: { ...appeal(1), ...d }, decided: true });
      expect(await stores.appeals.decideAppeal(A, "ap-1", { ...d, status: "upheld", note: "No" })).toStrictEqual({ appeal: first!.appeal, decided: false });
      expect(await stores.appeals.decideAppeal(A, "ap-404", d)).toBeNull();
      expect(await stores.appeals.appealsOfNotices(A, ["nt-1"])).toStrictEqual([first!.appeal]);

      const list = async (status?: "open" | "closed", offset = 0, limit = 10) =>
        (await stores.appeals.listAppeals(A, { ...(status ? { status } : {}), limit, offset })).map((a) => a.id);
      expect(await list("open")).toStrictEqual(["ap-2"]);
      expect(await list("closed")).toStrictEqual(["ap-1"]);
      expect(await list()).toStrictEqual(["ap-2", "ap-1"]);
      expect(await list(undefined, 1, 1)).toStrictEqual(["ap-1"]);
      expect(await list(undefined, 0, 0)).toStrictEqual([]);

      // Another tenant sees none of it, and may file its own appeal on a notice id of the same name.
      expect(await stores.appeals.listAppeals(B, { limit: 10, offset: 0 })).toStrictEqual([]);
      expect(await stores.appeals.getAppeal(B, "ap-1")).toBeNull();
      expect(await stores.appeals.decideAppeal(B, "ap-2", d)).toBeNull();
      expect(await stores.appeals.addAppeal(B, appeal(1))).toBe(true);
    });
  });
}
