import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, T0 } from "./fixtures.ts";

/** The stats port: per-minute room counters, and a post's bookkeeping in one step. */
export function statsContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("stats", () => {
    it("counts per-minute buckets per room since a time", async () => {
      const m0 = Math.floor(T0 / 60_000) * 60_000;
      await stores.stats.bumpRoomStat(A, "faq", "messages", m0 + 1_000);
      await stores.stats.bumpRoomStat(A, "faq", "messages", m0 + 59_000);
      await stores.stats.bumpRoomStat(A, "faq", "held", m0 + 30_000);
      await stores.stats.bumpRoomStat(A, "faq", "flags", m0 + 60_000);
      await stores.stats.bumpRoomStat(A, "old", "messages", m0 - 5 * 60_000);
      await stores.stats.bumpRoomStat(A, "a:b", "messages", m0 + 61_000);
      expect(Object.fromEntries(await stores.stats.roomStats(A, m0))).toStrictEqual({
        faq: [{ minute: m0, messages: 2, held: 1, flags: 0 }, { minute: m0 + 60_000, messages: 0, held: 0, flags: 1 }],
        "a:b": [{ minute: m0 + 60_000, messages: 1, held: 0, flags: 0 }],
      });
      expect(Object.fromEntries(await stores.stats.roomStats(A, m0 + 60_000))).toStrictEqual({
        faq: [{ minute: m0 + 60_000, messages: 0, held: 0, flags: 1 }],
        "a:b": [{ minute: m0 + 60_000, messages: 1, held: 0, flags: 0 }],
      });
      expect([...(await stores.stats.roomStats(A, m0 - 10 * 60_000)).keys()].sort()).toStrictEqual(["a:b", "faq", "old"]);
      expect(await stores.stats.roomStats(B, 0)).toStrictEqual(new Map());
    });

    it("keeps rooms named after Object.prototype's own names apart, like any other", async () => {
      const m0 = Math.floor(T0 / 60_000) * 60_000;
      const names = ["constructor", "__proto__", "toString", "hasOwnProperty"];
      for (const n of names) await stores.stats.bumpRoomStat(A, n, "messages", m0 + 1_000);
      const stats = await stores.stats.roomStats(A, m0);
      for (const n of names) expect(stats.get(n), n).toStrictEqual([{ minute: m0, messages: 1, held: 0, flags: 0 }]);
    });

    it("records a post's bookkeeping in one call: room activity, minute stats, author counters", async () => {
      const m0 = Math.floor(T0 / 60_000) * 60_000;
      await stores.stats.recordPost(A, { room: "faq", userId: "poster", at: m0 + 1_000, held: false });
      await stores.stats.recordPost(A, { room: "faq", userId: "poster", at: m0 + 2_000, held: true });
      await Promise.all(Array.from({ length: 5 }, (_, i) => stores.stats.recordPost(A, { room: "tips", userId: `u${i}`, at: m0 + 3_000, held: false })));
      expect(Object.fromEntries(await stores.stats.roomStats(A, m0))).toStrictEqual({
        faq: [{ minute: m0, messages: 2, held: 1, flags: 0 }],
        tips: [{ minute: m0, messages: 5, held: 0, flags: 0 }],
      });
      expect((await stores.rooms.listRooms(A, 10)).map((r) => [r.id, r.lastActive])).toStrictEqual([["tips", m0 + 3_000], ["faq", m0 + 2_000]]);
      const poster = (await stores.people.getUser(A, "poster"))!;
      expect(poster.user).toStrictEqual({ id: "poster", name: "poster", role: "member" });
      expect(poster.counters).toMatchObject({ messages: 2, held: 1, removed: 0 });
      expect((await stores.people.listUsers(A, 1)).map((u) => [u.user.id, u.counters.messages])).toStrictEqual([["poster", 2]]);
      // Another tenant sees none of it.
      expect(await stores.stats.roomStats(B, 0)).toStrictEqual(new Map());
      expect(await stores.people.getUser(B, "poster")).toBeNull();
    });
  });
}
