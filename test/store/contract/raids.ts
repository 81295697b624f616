import { beforeEach, describe, expect, it } from "vitest";
import { SLOT_MS, SLOTS } from "../../../server/store/raids/raid-store.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B } from "./fixtures.ts";

/** The raids port: per-room counts over the last minute (5-second slots) and a one-per-raid claim. */
export function raidContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("raids", () => {
    it("counts messages and joins per room over the last minute, then forgets them", async () => {
      const t = Math.floor(Date.now() / SLOT_MS) * SLOT_MS;
      for (let i = 0; i < 3; i++) await stores.raids.count(A, "faq", "message", t + i);
      expect(await stores.raids.count(A, "faq", "join", t + 10)).toStrictEqual({ messages: 3, joins: 1 });
      // Slots later within the minute still count what came before.
      expect(await stores.raids.count(A, "faq", "message", t + (SLOTS - 1) * SLOT_MS)).toStrictEqual({ messages: 4, joins: 1 });
      // Another room, another tenant: their own counts.
      expect(await stores.raids.count(A, "other-room", "message", t)).toStrictEqual({ messages: 1, joins: 0 });
      expect(await stores.raids.count(B, "faq", "message", t)).toStrictEqual({ messages: 1, joins: 0 });
      // A minute on, the first slot has left the window.
      expect(await stores.raids.count(A, "faq", "join", t + SLOTS * SLOT_MS)).toStrictEqual({ messages: 1, joins: 1 });
    });

    it("claims a room's raid once until it runs out", async () => {
      const now = Date.now();
      expect(await stores.raids.claim(A, "faq", 200, now)).toBe(true);
      expect(await stores.raids.claim(A, "faq", 200, now + 1)).toBe(false);
      expect(await stores.raids.claim(B, "faq", 200, now + 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 250));
      expect(await stores.raids.claim(A, "faq", 200, now + 250)).toBe(true);
    });
  });
}
