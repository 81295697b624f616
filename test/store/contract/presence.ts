import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { until } from "../../support/wait.ts";
import { A, B } from "./fixtures.ts";

/** The presence port: online counts summed over live nodes. */
export function presenceContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("presence", () => {
    it("sums presence over live nodes and drops a node whose report expired", async () => {
      await stores.presence.reportPresence("n1", A, new Map([["faq", 2], ["a:b", 1]]), 60_000);
      await stores.presence.reportPresence("n2", A, new Map([["faq", 3]]), 150);
      expect(await stores.presence.presence(A)).toStrictEqual(new Map([["faq", 5], ["a:b", 1]]));
      await until(async () => (await stores.presence.presence(A)).get("faq") === 2, 3000);
      expect(await stores.presence.presence(A)).toStrictEqual(new Map([["faq", 2], ["a:b", 1]]));
      await stores.presence.reportPresence("n1", A, new Map([["faq", 1]]), 60_000);
      expect(await stores.presence.presence(A)).toStrictEqual(new Map([["faq", 1]]));
      expect(await stores.presence.presence(B)).toStrictEqual(new Map());
    });

    it("counts rooms named after Object.prototype's own names like any other", async () => {
      const names = ["constructor", "__proto__", "toString", "hasOwnProperty"];
      await stores.presence.reportPresence("n1", A, new Map(names.map((n) => [n, 2])), 60_000);
      await stores.presence.reportPresence("n2", A, new Map(names.map((n) => [n, 1])), 60_000);
      expect(await stores.presence.presence(A)).toStrictEqual(new Map(names.map((n) => [n, 3])));
    });
  });
}
