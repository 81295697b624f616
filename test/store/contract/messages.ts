import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { until } from "../../support/wait.ts";
import { A, B, bob, entry, flagBy, ids, msg, seq } from "./fixtures.ts";

/** The message port: timelines, idempotent appends, statuses, votes; and how a message is forgotten (with the review queue and flags). */
export function messageContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("messages", () => {
    it("round-trips a message exactly, optional fields present or absent", async () => {
      const full = msg({
        replyTo: "m-0", helpful: 0, ip: "203.0.113.9", device: { browser: "Firefox", os: "Linux", type: "desktop", bot: false, ua: "UA/1" },
        reasons: [{ kind: "word", detail: "connard", match: "c.o.n", start: 0, end: 5 }], shadow: true, clientId: "c-1",
        text: "émoji 🎉 \"quotes\" \n newline \\ / {braces}",
      });
      const bare = msg();
      expect((await stores.messages.appendMessage(A, full, { keep: 10 })).message).toStrictEqual(full);
      expect((await stores.messages.appendMessage(A, bare, { keep: 10 })).message).toStrictEqual(bare);
      expect(await stores.messages.getMessage(A, full.id)).toStrictEqual(full);
      const back = await stores.messages.getMessage(A, bare.id);
      expect(back).toStrictEqual(bare);
      expect(Object.keys(back!).sort()).toStrictEqual(Object.keys(bare).sort());
      expect(await stores.messages.getMessage(A, "nope")).toBeNull();
    });

    it("keeps a capped timeline, oldest first, and forgets dropped messages unless queued", async () => {
      const ms = Array.from({ length: 6 }, () => msg());
      await stores.messages.appendMessage(A, ms[0]!, { keep: 4 });
      await stores.queue.queuePut(A, entry(ms[1]!.id));
      for (const m of ms.slice(1)) await stores.messages.appendMessage(A, m, { keep: 4 });
      expect(ids(await stores.messages.roomTimeline(A, "faq", 10))).toStrictEqual(ids(ms.slice(2)));
      expect(ids(await stores.messages.roomTimeline(A, "faq", 2))).toStrictEqual(ids(ms.slice(4)));
      expect(await stores.messages.getMessage(A, ms[0]!.id)).toBeNull();
      expect(await stores.messages.getMessage(A, ms[1]!.id)).toStrictEqual(ms[1]);
      expect(await stores.messages.roomTimeline(A, "elsewhere", 10)).toStrictEqual([]);
    });

    it("forgets a queued message that left its timeline once its review is over, and no sooner", async () => {
      const [held, requeued, ...rest] = Array.from({ length: 4 }, () => msg());
      for (const m of [held!, requeued!]) {
        await stores.messages.appendMessage(A, m, { keep: 2 });
        await stores.queue.queuePut(A, entry(m.id));
      }
      await stores.flags.addFlag(A, held!.id, flagBy(bob), { reportsToHide: 10, hideNow: false });
      for (const m of rest) await stores.messages.appendMessage(A, m, { keep: 2 });
      expect(ids(await stores.messages.roomTimeline(A, "faq", 10))).toStrictEqual(ids(rest));
      // Still queued: nothing happens, whoever asks.
      await stores.queue.releaseReviewed(A, "faq", held!.id);
      await stores.queue.releaseReviewed(B, "faq", held!.id);
      expect(await stores.messages.getMessage(A, held!.id)).toStrictEqual(held);
      // Taken and re-queued before the release (a new flag meanwhile): kept for the new review.
      expect(await stores.queue.queueTake(A, requeued!.id)).not.toBeNull();
      await stores.queue.queuePut(A, entry(requeued!.id, { kind: "flag" }));
      await stores.queue.releaseReviewed(A, "faq", requeued!.id);
      expect(await stores.messages.getMessage(A, requeued!.id)).toStrictEqual(requeued);
      // The review is over: it goes, with its flags, as it would have when it fell off.
      expect(await stores.queue.queueTake(A, held!.id)).not.toBeNull();
      await stores.queue.releaseReviewed(B, "faq", held!.id);
      expect(await stores.messages.getMessage(A, held!.id)).toStrictEqual(held);
      await stores.queue.releaseReviewed(A, "faq", held!.id);
      expect(await stores.messages.getMessage(A, held!.id)).toBeNull();
      expect(await stores.flags.getFlags(A, held!.id)).toStrictEqual([]);
      // Releasing what is gone, or was never stored, is harmless.
      await stores.queue.releaseReviewed(A, "faq", held!.id);
      await stores.queue.releaseReviewed(A, "nowhere", "m-never");
      expect(await stores.messages.getMessage(A, requeued!.id)).toStrictEqual(requeued);
    });

    it("keeps a reviewed message that is still on its timeline", async () => {
      const m = msg();
      await stores.messages.appendMessage(A, m, { keep: 3 });
      await stores.queue.queuePut(A, entry(m.id));
      await stores.messages.appendMessage(A, msg(), { keep: 3 });
      expect(await stores.queue.queueTake(A, m.id)).not.toBeNull();
      await stores.queue.releaseReviewed(A, "faq", m.id);
      expect(await stores.messages.getMessage(A, m.id)).toStrictEqual(m);
      expect(ids(await stores.messages.roomTimeline(A, "faq", 10))).toContain(m.id);
    });

    it("keeps room ids with separators and braces apart", async () => {
      const rooms = ["a", "a:b", "a:b:c", "{a}", "tl:a", "a b", "é/ü", "a%3Ab"];
      for (const room of rooms) await stores.messages.appendMessage(A, msg({ room, text: room }), { keep: 10 });
      for (const room of rooms) {
        const tl = await stores.messages.roomTimeline(A, room, 10);
        expect(tl.map((m) => m.text)).toStrictEqual([room]);
      }
    });

    it("lists a user's recent messages newest first, capped at 200", async () => {
      const mine = Array.from({ length: 205 }, () => msg({ author: bob, room: `r${seq % 3}` }));
      for (const m of mine) await stores.messages.appendMessage(A, m, { keep: 1000 });
      await stores.messages.appendMessage(A, msg(), { keep: 1000 });
      expect(ids(await stores.messages.userMessages(A, bob.id, 3))).toStrictEqual(ids(mine.slice(-3).reverse()));
      const all = await stores.messages.userMessages(A, bob.id, 1000);
      expect(all).toHaveLength(200);
      expect(all[199]!.id).toBe(mine[5]!.id);
      expect(await stores.messages.userMessages(A, "nobody", 5)).toStrictEqual([]);
    });

    it("returns the first message for a repeated idempotency key", async () => {
      const first = msg({ clientId: "c-1" });
      const again = msg({ clientId: "c-1", text: "retry" });
      const idempotency = { key: "alice:c-1", ttlMs: 60_000 };
      expect(await stores.messages.appendMessage(A, first, { keep: 10, idempotency })).toStrictEqual({ message: first, duplicate: false });
      expect(await stores.messages.appendMessage(A, again, { keep: 10, idempotency })).toStrictEqual({ message: first, duplicate: true });
      expect(ids(await stores.messages.roomTimeline(A, "faq", 10))).toStrictEqual([first.id]);
      expect(await stores.messages.getMessage(A, again.id)).toBeNull();
      expect(await stores.messages.findIdempotent(A, "alice:c-1")).toStrictEqual(first);
      expect(await stores.messages.findIdempotent(A, "alice:c-2")).toBeNull();
      expect(await stores.messages.findIdempotent(B, "alice:c-1")).toBeNull();
    });

    it("forgets an idempotency key after its ttl", async () => {
      const first = msg();
      const idempotency = { key: "k-ttl", ttlMs: 120 };
      await stores.messages.appendMessage(A, first, { keep: 10, idempotency });
      await until(async () => (await stores.messages.findIdempotent(A, "k-ttl")) === null, 3000);
      const second = msg();
      expect(await stores.messages.appendMessage(A, second, { keep: 10, idempotency })).toStrictEqual({ message: second, duplicate: false });
    });

    it("stores exactly one message when appends race on one idempotency key", async () => {
      const racers = Array.from({ length: 12 }, () => msg());
      const res = await Promise.all(racers.map((m) => stores.messages.appendMessage(A, m, { keep: 50, idempotency: { key: "race", ttlMs: 60_000 } })));
      const winners = res.filter((r) => !r.duplicate);
      expect(winners).toHaveLength(1);
      expect(new Set(res.map((r) => r.message.id))).toStrictEqual(new Set([winners[0]!.message.id]));
      expect(await stores.messages.roomTimeline(A, "faq", 50)).toHaveLength(1);
    });

    it("compare-and-sets a message's status", async () => {
      const m = msg({ status: "held", shadow: true });
      await stores.messages.appendMessage(A, m, { keep: 10 });
      expect(await stores.messages.setMessageStatus(A, m.id, "hidden", ["visible"])).toBeNull();
      expect(await stores.messages.setMessageStatus(A, m.id, "hidden", [])).toBeNull();
      expect((await stores.messages.getMessage(A, m.id))!.status).toBe("held");
      expect(await stores.messages.setMessageStatus(A, m.id, "deleted", ["held", "hidden"])).toStrictEqual({ ...m, status: "deleted" });
      const { shadow: _, ...visible } = { ...m, status: "visible" as const };
      expect(await stores.messages.setMessageStatus(A, m.id, "visible")).toStrictEqual(visible);
      expect(await stores.messages.getMessage(A, m.id)).toStrictEqual(visible);
      expect(await stores.messages.setMessageStatus(A, "missing", "visible")).toBeNull();
    });

    it("lets exactly one of racing compare-and-sets win", async () => {
      const m = msg({ status: "held" });
      await stores.messages.appendMessage(A, m, { keep: 10 });
      const res = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        stores.messages.setMessageStatus(A, m.id, i % 2 ? "visible" : "deleted", ["held"])));
      expect(res.filter((r) => r !== null)).toHaveLength(1);
    });

    it("clears a room, returning only the messages it changed", async () => {
      const ms = [msg(), msg({ status: "held" }), msg({ status: "hidden" }), msg({ status: "deleted" }), msg({ room: "other" })];
      for (const m of ms) await stores.messages.appendMessage(A, m, { keep: 10 });
      const changed = await stores.messages.clearRoom(A, "faq");
      expect(changed).toStrictEqual(ms.slice(0, 3).map((m) => ({ ...m, status: "deleted" })));
      expect((await stores.messages.roomTimeline(A, "faq", 10)).every((m) => m.status === "deleted")).toBe(true);
      expect((await stores.messages.getMessage(A, ms[4]!.id))!.status).toBe("visible");
      expect(await stores.messages.clearRoom(A, "faq")).toStrictEqual([]);
    });

    it("counts distinct helpful votes, also under concurrency", async () => {
      const m = msg();
      await stores.messages.appendMessage(A, m, { keep: 10 });
      expect(await stores.messages.addHelpful(A, m.id, "v1")).toStrictEqual({ count: 1, added: true });
      expect(await stores.messages.addHelpful(A, m.id, "v1")).toStrictEqual({ count: 1, added: false });
      const res = await Promise.all(Array.from({ length: 30 }, (_, i) => stores.messages.addHelpful(A, m.id, `v${i % 10}`)));
      expect(res.filter((r) => r.added)).toHaveLength(9);
      expect(Math.max(...res.map((r) => r.count))).toBe(10);
      expect((await stores.messages.getMessage(A, m.id))!.helpful).toBe(10);
    });
  });
}
