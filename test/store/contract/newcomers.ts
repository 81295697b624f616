import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B } from "./fixtures.ts";

/** The newcomers port: posts counted per user and tenant; a trusted user counts as no newcomer. */
export function newcomerContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("newcomers", () => {
    it("counts each user's posts per tenant, and trust ends it", async () => {
      expect(await stores.newcomers.countPost(A, "u1")).toBe(1);
      expect(await stores.newcomers.countPost(A, "u1")).toBe(2);
      expect(await stores.newcomers.countPost(A, "u2")).toBe(1);
      expect(await stores.newcomers.countPost(B, "u1")).toBe(1);
      expect(await stores.newcomers.isTrusted(A, "u1")).toBe(false);
      await stores.newcomers.trust(A, "u1");
      expect(await stores.newcomers.isTrusted(A, "u1")).toBe(true);
      expect(await stores.newcomers.countPost(A, "u1")).toBe(Infinity);
      expect(await stores.newcomers.isTrusted(B, "u1")).toBe(false);
    });
  });
}
