import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, T0 } from "./fixtures.ts";
import { latencyBucket } from "../../../server/store/stats/dashboard-counters.ts";

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

    it("keeps the dashboard's counters per minute and per hour, per room and for the tenant", async () => {
      const h0 = Math.floor(T0 / 3_600_000) * 3_600_000, m0 = h0 + 5 * 60_000;
      await stores.stats.recordPost(A, { room: "faq", userId: "u1", at: m0 + 1_000, held: false });
      await stores.stats.recordPost(A, { room: "faq", userId: "u1", at: m0 + 2_000, held: true, heldReason: "word" });
      await stores.stats.recordPost(A, { room: "tips", userId: "u2", at: m0 + 61_000, held: true, heldReason: "link" });
      await stores.stats.bumpRoomStat(A, "tips", "flags", m0 + 62_000);
      await stores.stats.recordDecision(A, {
        room: "faq", at: m0 + 90_000, manager: { id: "mgr-1", name: "Camille" }, decision: "remove", queuedAt: m0 + 2_000, category: "violence", flaggers: 2,
      });
      await stores.stats.recordDecision(A, {
        room: "tips", at: m0 + 2 * 3_600_000, manager: { id: "__proto__", name: "Proto" }, decision: "approve", queuedAt: m0 + 61_000, category: "scope_of_platform_service", flaggers: 1,
      });

      const faqMinutes = await stores.stats.dashboard(A, { room: "faq", resolution: "minute", from: m0, to: m0 + 5 * 60_000 });
      expect(faqMinutes.buckets).toStrictEqual([
        { at: m0, counts: { messages: 2, held: 1, "held:word": 1 } },
        { at: m0 + 60_000, counts: { removed: 1, "removed:violence": 1, "dec:remove:mgr-1": 1, [`lat:${latencyBucket(88_000)}`]: 1, upheld: 2 } },
      ]);
      expect(faqMinutes.managers).toStrictEqual({ "mgr-1": "Camille" });

      const tenantMinutes = await stores.stats.dashboard(A, { resolution: "minute", from: m0, to: m0 + 60_000 });
      expect(tenantMinutes.buckets.map((b) => [b.at, b.counts.messages, b.counts.held, b.counts.flagged])).toStrictEqual([
        [m0, 2, 1, undefined], [m0 + 60_000, 1, 1, 1],
      ]);

      const hours = await stores.stats.dashboard(A, { resolution: "hour", from: h0, to: h0 + 3 * 3_600_000 });
      expect(hours.buckets.map((b) => b.at)).toStrictEqual([h0, h0 + 2 * 3_600_000]);
      expect(hours.buckets[0]!.counts).toMatchObject({ messages: 3, held: 2, "held:word": 1, "held:link": 1, flagged: 1, removed: 1, upheld: 2 });
      const late = hours.buckets[1]!.counts;
      expect(Object.keys(late).sort()).toStrictEqual(["approved", "dec:approve:__proto__", `lat:${latencyBucket(2 * 3_600_000 - 61_000)}`, "rejected"].sort());
      expect(Object.hasOwn(hours.managers, "__proto__")).toBe(true);
      expect(hours.managers["__proto__"]).toBe("Proto");

      // A range before anything was counted, another room, another tenant: nothing.
      expect((await stores.stats.dashboard(A, { resolution: "hour", from: h0 - 5 * 3_600_000, to: h0 - 3_600_000 })).buckets).toStrictEqual([]);
      expect((await stores.stats.dashboard(A, { room: "none", resolution: "hour", from: h0, to: h0 + 3_600_000 })).buckets).toStrictEqual([]);
      expect(await stores.stats.dashboard(B, { resolution: "hour", from: h0, to: h0 + 3 * 3_600_000 })).toStrictEqual({ buckets: [], managers: {} });
    });
  });
}
