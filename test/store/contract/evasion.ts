import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B } from "./fixtures.ts";

/** The evasion port: a banned user's traces, browser lineages, and links made and cleared. */
export function evasionContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("evasion", () => {
    it("marks a banned user's traces until the lookback ends, and forgets them on unban", async () => {
      const now = Date.now();
      await stores.evasion.rememberLineage(A, "troll", "lin-1");
      await stores.evasion.rememberLineage(A, "troll", "lin-2");
      await stores.evasion.rememberLineage(A, "troll", "lin-1");
      expect(await stores.evasion.lineages(A, "troll")).toStrictEqual(["lin-1", "lin-2"]);
      await stores.evasion.markBanned(A, "troll", [{ via: "guest", value: "lin-1" }, { via: "ip", value: "203.0.113.9" }], now + 60_000);
      expect(await stores.evasion.findMark(A, [{ via: "ip", value: "203.0.113.9" }], "newbie", now)).toStrictEqual({ userId: "troll", via: "ip" });
      expect(await stores.evasion.findMark(A, [{ via: "guest", value: "lin-1" }, { via: "ip", value: "198.51.100.1" }], "newbie", now)).toStrictEqual({ userId: "troll", via: "guest" });
      // Not oneself, not past the lookback, not another tenant, not an unmarked trace.
      expect(await stores.evasion.findMark(A, [{ via: "ip", value: "203.0.113.9" }], "troll", now)).toBeNull();
      expect(await stores.evasion.findMark(A, [{ via: "ip", value: "203.0.113.9" }], "newbie", now + 60_000)).toBeNull();
      expect(await stores.evasion.findMark(B, [{ via: "ip", value: "203.0.113.9" }], "newbie", now)).toBeNull();
      expect(await stores.evasion.findMark(A, [{ via: "guest", value: "203.0.113.9" }], "newbie", now)).toBeNull();
      await stores.evasion.unmarkBanned(A, "troll");
      expect(await stores.evasion.findMark(A, [{ via: "ip", value: "203.0.113.9" }], "newbie", now)).toBeNull();
    });

    it("links both accounts once, and a cleared link is not made again", async () => {
      expect(await stores.evasion.link(A, "newbie", "troll", "ip", 5)).toBe(true);
      expect(await stores.evasion.link(A, "newbie", "troll", "guest", 6)).toBe(false);
      expect(await stores.evasion.links(A, "newbie")).toStrictEqual([{ userId: "troll", via: "ip", at: 5, side: "evades" }]);
      expect(await stores.evasion.links(A, "troll")).toStrictEqual([{ userId: "newbie", via: "ip", at: 5, side: "evaded_by" }]);
      expect(await stores.evasion.links(B, "newbie")).toStrictEqual([]);
      expect(await stores.evasion.unlink(A, "troll", "newbie")).toBe(true);
      expect(await stores.evasion.links(A, "newbie")).toStrictEqual([]);
      expect(await stores.evasion.links(A, "troll")).toStrictEqual([]);
      expect(await stores.evasion.link(A, "newbie", "troll", "ip", 7)).toBe(false);
      expect(await stores.evasion.unlink(A, "newbie", "troll")).toBe(false);
    });
  });
}
