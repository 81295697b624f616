import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { A, alice, B, T0 } from "./fixtures.ts";

/** The room port: settings and the rooms known by last activity. */
export function roomContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("rooms", () => {
    it("merges room state patches and ignores undefined fields", async () => {
      expect(await stores.rooms.getRoomState(A, "faq")).toBeNull();
      expect(await stores.rooms.updateRoomState(A, "faq", { frozen: true, slowModeSec: 5 })).toStrictEqual({ frozen: true, slowModeSec: 5 });
      expect(await stores.rooms.updateRoomState(A, "faq", { slowModeSec: 0, contribution: "restricted", frozen: undefined }))
        .toStrictEqual({ frozen: true, slowModeSec: 0, contribution: "restricted" });
      expect(await stores.rooms.getRoomState(A, "faq")).toStrictEqual({ frozen: true, slowModeSec: 0, contribution: "restricted" });
      expect(await stores.rooms.updateRoomState(A, "empty", {})).toStrictEqual({});
      expect(await stores.rooms.getRoomState(A, "empty")).toStrictEqual({});
    });

    it("pins one message per room, unpins it, and unpins only the message still pinned when asked so", async () => {
      expect(await stores.rooms.setPin(A, "faq", null)).toBe(false);
      expect(await stores.rooms.setPin(A, "faq", "m_1")).toBe(true);
      expect(await stores.rooms.getRoomState(A, "faq")).toStrictEqual({ pinned: "m_1" });
      // Pinning the same message again changes nothing; another one replaces it.
      expect(await stores.rooms.setPin(A, "faq", "m_1")).toBe(false);
      expect(await stores.rooms.setPin(A, "faq", "m_2")).toBe(true);
      // Settings and the pin live side by side: neither write loses the other.
      await stores.rooms.updateRoomState(A, "faq", { frozen: true });
      expect(await stores.rooms.getRoomState(A, "faq")).toStrictEqual({ pinned: "m_2", frozen: true });
      // A removed message unpins only if it is still the pin.
      expect(await stores.rooms.setPin(A, "faq", null, { ifPinned: "m_1" })).toBe(false);
      expect((await stores.rooms.getRoomState(A, "faq"))?.pinned).toBe("m_2");
      expect(await stores.rooms.setPin(A, "faq", null, { ifPinned: "m_2" })).toBe(true);
      expect(await stores.rooms.getRoomState(A, "faq")).toStrictEqual({ frozen: true });
      expect(await stores.rooms.setPin(A, "faq", null)).toBe(false);
      // Per room and per tenant.
      await stores.rooms.setPin(A, "a", "m_3");
      expect(await stores.rooms.getRoomState(A, "b")).toBeNull();
      expect(await stores.rooms.getRoomState(B, "a")).toBeNull();
      expect(await stores.rooms.setPin(B, "a", null, { ifPinned: "m_3" })).toBe(false);
      expect((await stores.rooms.getRoomState(A, "a"))?.pinned).toBe("m_3");
    });

    it("lists rooms by last activity, newest first, up to the limit", async () => {
      const postIn = (room: string, at: number) => stores.stats.recordPost(A, { room, userId: alice.id, at, held: false });
      await postIn("a", T0 + 1);
      await postIn("b", T0 + 3);
      await postIn("c", T0 + 2);
      await postIn("a", T0 + 4);
      expect(await stores.rooms.listRooms(A, 10)).toStrictEqual([
        { id: "a", lastActive: T0 + 4 }, { id: "b", lastActive: T0 + 3 }, { id: "c", lastActive: T0 + 2 },
      ]);
      expect((await stores.rooms.listRooms(A, 2)).map((r) => r.id)).toStrictEqual(["a", "b"]);
    });
  });
}
