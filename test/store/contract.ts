import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { AuditEntry, Author, Ban, Device, Flag, IpBlock, Mute } from "../../client-sdk/src/protocol.ts";
import { EMPTY_FILTER_EDITS, type ClusterEvent, type QueueEntry, type Store, type StoredMessage } from "../../server/store/store.ts";
import { until } from "../support/wait.ts";

export type MakeStore = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

const A = "acme";
const B = "other";
const alice: Author = { id: "u-alice", name: "Alice", role: "member" };
const bob: Author = { id: "u-bob", name: "Bob", role: "member" };
const mod: Author = { id: "u-mod", name: "Mo", role: "moderator" };
const T0 = 1_700_000_000_000;

let seq = 0;
function msg(over: Partial<StoredMessage> = {}): StoredMessage {
  seq += 1;
  return { id: `m-${seq}`, room: "faq", author: alice, text: `hello ${seq}`, createdAt: T0 + seq, status: "visible", ...over };
}
const flagBy = (by: Author, over: Partial<Flag> = {}): Flag => ({ by, reason: "abuse", at: T0, ...over });
const entry = (messageId: string, over: Partial<QueueEntry> = {}): QueueEntry =>
  ({ messageId, kind: "filter", reasons: [{ kind: "word", detail: "x" }], priority: "normal", queuedAt: T0, ...over });
const ids = (ms: { id: string }[]) => ms.map((m) => m.id);
const user = (n: number): Author => ({ id: `user-${n}`, name: `User ${n}`, role: "member" });
const b64 = (json: string) => Buffer.from(json).toString("base64url");
/** Cursors no store issues: not base64url JSON, or well-encoded JSON of the wrong shape. */
const FOREIGN_CURSORS = [
  "", "x", "garbage!", "0-0", "1-x", b64("null"), b64("{}"), b64('{"c":"x"}'), b64('"x"'), b64("[]"), b64("[1]"),
  b64("-1"), b64("0"), b64("1.5"), b64('["high","x","m1"]'), b64('["urgent",1,"m1"]'), b64('["1",2]'), b64('["",""]'), b64('["1e999","m1"]'),
];

/**
 * The behaviour every Store must show, run against each implementation (as socket.io's redis
 * adapter runs one suite against several Redis setups). `make` gives a fresh, empty store per test.
 */
export function storeContract(name: string, make: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => { ({ store, cleanup } = await make()); });
    afterEach(async () => { await cleanup(); });

    it("answers ping", async () => {
      expect(await store.ping()).toBe(true);
    });

    it("hands every caller the first shared secret ever offered", async () => {
      const first = await store.sharedSecret("guest-token", "first-candidate");
      const again = await store.sharedSecret("guest-token", "second-candidate");
      expect(first).toBe("first-candidate");
      expect(again).toBe("first-candidate");
      expect(await store.sharedSecret("other-secret", "x")).toBe("x");
    });

    describe("rooms", () => {
      it("merges room state patches and ignores undefined fields", async () => {
        expect(await store.getRoomState(A, "faq")).toBeNull();
        expect(await store.updateRoomState(A, "faq", { frozen: true, slowModeSec: 5 })).toStrictEqual({ frozen: true, slowModeSec: 5 });
        expect(await store.updateRoomState(A, "faq", { slowModeSec: 0, contribution: "restricted", frozen: undefined }))
          .toStrictEqual({ frozen: true, slowModeSec: 0, contribution: "restricted" });
        expect(await store.getRoomState(A, "faq")).toStrictEqual({ frozen: true, slowModeSec: 0, contribution: "restricted" });
        expect(await store.updateRoomState(A, "empty", {})).toStrictEqual({});
        expect(await store.getRoomState(A, "empty")).toStrictEqual({});
      });

      it("lists rooms by last activity, newest first, up to the limit", async () => {
        const postIn = (room: string, at: number) => store.recordPost(A, { room, userId: alice.id, at, held: false });
        await postIn("a", T0 + 1);
        await postIn("b", T0 + 3);
        await postIn("c", T0 + 2);
        await postIn("a", T0 + 4);
        expect(await store.listRooms(A, 10)).toStrictEqual([
          { id: "a", lastActive: T0 + 4 }, { id: "b", lastActive: T0 + 3 }, { id: "c", lastActive: T0 + 2 },
        ]);
        expect((await store.listRooms(A, 2)).map((r) => r.id)).toStrictEqual(["a", "b"]);
      });
    });

    describe("messages", () => {
      it("round-trips a message exactly, optional fields present or absent", async () => {
        const full = msg({
          replyTo: "m-0", helpful: 0, ip: "203.0.113.9", device: { browser: "Firefox", os: "Linux", type: "desktop", bot: false, ua: "UA/1" },
          reasons: [{ kind: "word", detail: "connard", match: "c.o.n", start: 0, end: 5 }], shadow: true, clientId: "c-1",
          text: "émoji 🎉 \"quotes\" \n newline \\ / {braces}",
        });
        const bare = msg();
        expect((await store.appendMessage(A, full, { keep: 10 })).message).toStrictEqual(full);
        expect((await store.appendMessage(A, bare, { keep: 10 })).message).toStrictEqual(bare);
        expect(await store.getMessage(A, full.id)).toStrictEqual(full);
        const back = await store.getMessage(A, bare.id);
        expect(back).toStrictEqual(bare);
        expect(Object.keys(back!).sort()).toStrictEqual(Object.keys(bare).sort());
        expect(await store.getMessage(A, "nope")).toBeNull();
      });

      it("keeps a capped timeline, oldest first, and forgets dropped messages unless queued", async () => {
        const ms = Array.from({ length: 6 }, () => msg());
        await store.appendMessage(A, ms[0]!, { keep: 4 });
        await store.queuePut(A, entry(ms[1]!.id));
        for (const m of ms.slice(1)) await store.appendMessage(A, m, { keep: 4 });
        expect(ids(await store.roomTimeline(A, "faq", 10))).toStrictEqual(ids(ms.slice(2)));
        expect(ids(await store.roomTimeline(A, "faq", 2))).toStrictEqual(ids(ms.slice(4)));
        expect(await store.getMessage(A, ms[0]!.id)).toBeNull();
        expect(await store.getMessage(A, ms[1]!.id)).toStrictEqual(ms[1]);
        expect(await store.roomTimeline(A, "elsewhere", 10)).toStrictEqual([]);
      });

      it("forgets a queued message that left its timeline once its review is over, and no sooner", async () => {
        const [held, requeued, ...rest] = Array.from({ length: 4 }, () => msg());
        for (const m of [held!, requeued!]) {
          await store.appendMessage(A, m, { keep: 2 });
          await store.queuePut(A, entry(m.id));
        }
        await store.addFlag(A, held!.id, flagBy(bob), { reportsToHide: 10, hideNow: false });
        for (const m of rest) await store.appendMessage(A, m, { keep: 2 });
        expect(ids(await store.roomTimeline(A, "faq", 10))).toStrictEqual(ids(rest));
        // Still queued: nothing happens, whoever asks.
        await store.releaseReviewed(A, "faq", held!.id);
        await store.releaseReviewed(B, "faq", held!.id);
        expect(await store.getMessage(A, held!.id)).toStrictEqual(held);
        // Taken and re-queued before the release (a new flag meanwhile): kept for the new review.
        expect(await store.queueTake(A, requeued!.id)).not.toBeNull();
        await store.queuePut(A, entry(requeued!.id, { kind: "flag" }));
        await store.releaseReviewed(A, "faq", requeued!.id);
        expect(await store.getMessage(A, requeued!.id)).toStrictEqual(requeued);
        // The review is over: it goes, with its flags, as it would have when it fell off.
        expect(await store.queueTake(A, held!.id)).not.toBeNull();
        await store.releaseReviewed(B, "faq", held!.id);
        expect(await store.getMessage(A, held!.id)).toStrictEqual(held);
        await store.releaseReviewed(A, "faq", held!.id);
        expect(await store.getMessage(A, held!.id)).toBeNull();
        expect(await store.getFlags(A, held!.id)).toStrictEqual([]);
        // Releasing what is gone, or was never stored, is harmless.
        await store.releaseReviewed(A, "faq", held!.id);
        await store.releaseReviewed(A, "nowhere", "m-never");
        expect(await store.getMessage(A, requeued!.id)).toStrictEqual(requeued);
      });

      it("keeps a reviewed message that is still on its timeline", async () => {
        const m = msg();
        await store.appendMessage(A, m, { keep: 3 });
        await store.queuePut(A, entry(m.id));
        await store.appendMessage(A, msg(), { keep: 3 });
        expect(await store.queueTake(A, m.id)).not.toBeNull();
        await store.releaseReviewed(A, "faq", m.id);
        expect(await store.getMessage(A, m.id)).toStrictEqual(m);
        expect(ids(await store.roomTimeline(A, "faq", 10))).toContain(m.id);
      });

      it("keeps room ids with separators and braces apart", async () => {
        const rooms = ["a", "a:b", "a:b:c", "{a}", "tl:a", "a b", "é/ü", "a%3Ab"];
        for (const room of rooms) await store.appendMessage(A, msg({ room, text: room }), { keep: 10 });
        for (const room of rooms) {
          const tl = await store.roomTimeline(A, room, 10);
          expect(tl.map((m) => m.text)).toStrictEqual([room]);
        }
      });

      it("lists a user's recent messages newest first, capped at 200", async () => {
        const mine = Array.from({ length: 205 }, () => msg({ author: bob, room: `r${seq % 3}` }));
        for (const m of mine) await store.appendMessage(A, m, { keep: 1000 });
        await store.appendMessage(A, msg(), { keep: 1000 });
        expect(ids(await store.userMessages(A, bob.id, 3))).toStrictEqual(ids(mine.slice(-3).reverse()));
        const all = await store.userMessages(A, bob.id, 1000);
        expect(all).toHaveLength(200);
        expect(all[199]!.id).toBe(mine[5]!.id);
        expect(await store.userMessages(A, "nobody", 5)).toStrictEqual([]);
      });

      it("returns the first message for a repeated idempotency key", async () => {
        const first = msg({ clientId: "c-1" });
        const again = msg({ clientId: "c-1", text: "retry" });
        const idempotency = { key: "alice:c-1", ttlMs: 60_000 };
        expect(await store.appendMessage(A, first, { keep: 10, idempotency })).toStrictEqual({ message: first, duplicate: false });
        expect(await store.appendMessage(A, again, { keep: 10, idempotency })).toStrictEqual({ message: first, duplicate: true });
        expect(ids(await store.roomTimeline(A, "faq", 10))).toStrictEqual([first.id]);
        expect(await store.getMessage(A, again.id)).toBeNull();
        expect(await store.findIdempotent(A, "alice:c-1")).toStrictEqual(first);
        expect(await store.findIdempotent(A, "alice:c-2")).toBeNull();
        expect(await store.findIdempotent(B, "alice:c-1")).toBeNull();
      });

      it("forgets an idempotency key after its ttl", async () => {
        const first = msg();
        const idempotency = { key: "k-ttl", ttlMs: 120 };
        await store.appendMessage(A, first, { keep: 10, idempotency });
        await until(async () => (await store.findIdempotent(A, "k-ttl")) === null, 3000);
        const second = msg();
        expect(await store.appendMessage(A, second, { keep: 10, idempotency })).toStrictEqual({ message: second, duplicate: false });
      });

      it("stores exactly one message when appends race on one idempotency key", async () => {
        const racers = Array.from({ length: 12 }, () => msg());
        const res = await Promise.all(racers.map((m) => store.appendMessage(A, m, { keep: 50, idempotency: { key: "race", ttlMs: 60_000 } })));
        const winners = res.filter((r) => !r.duplicate);
        expect(winners).toHaveLength(1);
        expect(new Set(res.map((r) => r.message.id))).toStrictEqual(new Set([winners[0]!.message.id]));
        expect(await store.roomTimeline(A, "faq", 50)).toHaveLength(1);
      });

      it("compare-and-sets a message's status", async () => {
        const m = msg({ status: "held", shadow: true });
        await store.appendMessage(A, m, { keep: 10 });
        expect(await store.setMessageStatus(A, m.id, "hidden", ["visible"])).toBeNull();
        expect(await store.setMessageStatus(A, m.id, "hidden", [])).toBeNull();
        expect((await store.getMessage(A, m.id))!.status).toBe("held");
        expect(await store.setMessageStatus(A, m.id, "deleted", ["held", "hidden"])).toStrictEqual({ ...m, status: "deleted" });
        const { shadow: _, ...visible } = { ...m, status: "visible" as const };
        expect(await store.setMessageStatus(A, m.id, "visible")).toStrictEqual(visible);
        expect(await store.getMessage(A, m.id)).toStrictEqual(visible);
        expect(await store.setMessageStatus(A, "missing", "visible")).toBeNull();
      });

      it("lets exactly one of racing compare-and-sets win", async () => {
        const m = msg({ status: "held" });
        await store.appendMessage(A, m, { keep: 10 });
        const res = await Promise.all(Array.from({ length: 10 }, (_, i) =>
          store.setMessageStatus(A, m.id, i % 2 ? "visible" : "deleted", ["held"])));
        expect(res.filter((r) => r !== null)).toHaveLength(1);
      });

      it("clears a room, returning only the messages it changed", async () => {
        const ms = [msg(), msg({ status: "held" }), msg({ status: "hidden" }), msg({ status: "deleted" }), msg({ room: "other" })];
        for (const m of ms) await store.appendMessage(A, m, { keep: 10 });
        const changed = await store.clearRoom(A, "faq");
        expect(changed).toStrictEqual(ms.slice(0, 3).map((m) => ({ ...m, status: "deleted" })));
        expect((await store.roomTimeline(A, "faq", 10)).every((m) => m.status === "deleted")).toBe(true);
        expect((await store.getMessage(A, ms[4]!.id))!.status).toBe("visible");
        expect(await store.clearRoom(A, "faq")).toStrictEqual([]);
      });

      it("counts distinct helpful votes, also under concurrency", async () => {
        const m = msg();
        await store.appendMessage(A, m, { keep: 10 });
        expect(await store.addHelpful(A, m.id, "v1")).toStrictEqual({ count: 1, added: true });
        expect(await store.addHelpful(A, m.id, "v1")).toStrictEqual({ count: 1, added: false });
        const res = await Promise.all(Array.from({ length: 30 }, (_, i) => store.addHelpful(A, m.id, `v${i % 10}`)));
        expect(res.filter((r) => r.added)).toHaveLength(9);
        expect(Math.max(...res.map((r) => r.count))).toBe(10);
        expect((await store.getMessage(A, m.id))!.helpful).toBe(10);
      });
    });

    describe("flags", () => {
      it("adds one flag per flagger and hides at the threshold", async () => {
        const m = msg();
        await store.appendMessage(A, m, { keep: 10 });
        const rule = { reportsToHide: 2, hideNow: false };
        expect(await store.addFlag(A, "missing", flagBy(bob), rule)).toBeNull();
        const f1 = flagBy(bob, { note: "rude", reason: "abuse" });
        expect(await store.addFlag(A, m.id, f1, rule)).toStrictEqual({ added: true, count: 1, hiddenNow: false, message: m });
        const dup = await store.addFlag(A, m.id, flagBy(bob, { reason: "spam" }), rule);
        expect(dup).toMatchObject({ added: false, count: 1, hiddenNow: false });
        const f2 = flagBy(user(1), { reason: "spam", at: T0 + 5 });
        expect(await store.addFlag(A, m.id, f2, rule)).toStrictEqual({ added: true, count: 2, hiddenNow: true, message: { ...m, status: "hidden" } });
        expect(await store.addFlag(A, m.id, flagBy(user(2)), rule)).toMatchObject({ added: true, count: 3, hiddenNow: false });
        expect(await store.getFlags(A, m.id)).toStrictEqual([f1, f2, flagBy(user(2))]);
        expect(await store.getFlags(A, "missing")).toStrictEqual([]);
      });

      it("hides at once with hideNow, and never hides a message that is not visible", async () => {
        const m = msg();
        const held = msg({ status: "held" });
        await store.appendMessage(A, m, { keep: 10 });
        await store.appendMessage(A, held, { keep: 10 });
        expect(await store.addFlag(A, m.id, flagBy(mod), { reportsToHide: 3, hideNow: true })).toMatchObject({ hiddenNow: true, message: { status: "hidden" } });
        expect(await store.addFlag(A, held.id, flagBy(mod), { reportsToHide: 1, hideNow: true })).toMatchObject({ added: true, hiddenNow: false, message: { status: "held" } });
      });

      it("resetFlagCount: earlier flags stop counting towards hiding but stay on record, and their flaggers stay idempotent", async () => {
        const m = msg();
        await store.appendMessage(A, m, { keep: 10 });
        const rule = { reportsToHide: 2, hideNow: false };
        const f1 = flagBy(bob);
        const f2 = flagBy(user(1));
        await store.addFlag(A, m.id, f1, rule);
        expect(await store.addFlag(A, m.id, f2, rule)).toMatchObject({ count: 2, hiddenNow: true });
        // A manager approves: the flags that counted come back (for scoring), the count starts over.
        expect(await store.resetFlagCount(A, m.id)).toStrictEqual([f1, f2]);
        expect(await store.resetFlagCount(A, m.id)).toStrictEqual([]);
        expect(await store.resetFlagCount(A, "missing")).toStrictEqual([]);
        await store.setMessageStatus(A, m.id, "visible");
        // An earlier flagger flagging again: still no new flag, no effect.
        expect(await store.addFlag(A, m.id, flagBy(bob, { reason: "spam" }), rule)).toMatchObject({ added: false, count: 0, hiddenNow: false, message: { status: "visible" } });
        // One new flagger is not enough any more; a second distinct one reaches the threshold again.
        const f3 = flagBy(user(2));
        expect(await store.addFlag(A, m.id, f3, rule)).toMatchObject({ added: true, count: 1, hiddenNow: false, message: { status: "visible" } });
        const f4 = flagBy(user(3));
        expect(await store.addFlag(A, m.id, f4, rule)).toMatchObject({ added: true, count: 2, hiddenNow: true, message: { status: "hidden" } });
        expect(await store.getFlags(A, m.id)).toStrictEqual([f1, f2, f3, f4]);
        expect(await store.getFlags(A, m.id, { sinceReset: true })).toStrictEqual([f3, f4]);
        // hideNow (a trusted moderator) still hides at once after a reset.
        await store.resetFlagCount(A, m.id);
        await store.setMessageStatus(A, m.id, "visible");
        expect(await store.addFlag(A, m.id, flagBy(mod), { reportsToHide: 2, hideNow: true })).toMatchObject({ added: true, count: 1, hiddenNow: true });
        // The message round-trips unchanged by the bookkeeping.
        expect(await store.getMessage(A, m.id)).toStrictEqual({ ...m, status: "hidden" });
      });

      it("counts racing flags exactly and hides exactly once", async () => {
        const m = msg();
        await store.appendMessage(A, m, { keep: 10 });
        const rule = { reportsToHide: 5, hideNow: false };
        const res = await Promise.all(Array.from({ length: 40 }, (_, i) => store.addFlag(A, m.id, flagBy(user(i % 20)), rule)));
        expect(res.filter((r) => r!.added)).toHaveLength(20);
        expect(res.filter((r) => r!.hiddenNow)).toHaveLength(1);
        expect(Math.max(...res.map((r) => r!.count))).toBe(20);
        expect(await store.getFlags(A, m.id)).toHaveLength(20);
      });
    });

    describe("review queue", () => {
      it("merges entries: reasons appended, priority only rises, flag kind kept, first queuedAt kept", async () => {
        const e = entry("m1", { reasons: [] });
        expect(await store.queuePut(A, e)).toStrictEqual(e);
        const r1 = { kind: "flag" as const, detail: "abuse" };
        const merged = await store.queuePut(A, entry("m1", { kind: "flag", priority: "high", reasons: [r1], queuedAt: T0 + 50 }));
        expect(merged).toStrictEqual({ messageId: "m1", kind: "flag", reasons: [r1], priority: "high", queuedAt: T0 });
        const r2 = { kind: "word" as const, detail: "x", match: "X", start: 1, end: 2 };
        expect(await store.queuePut(A, entry("m1", { reasons: [r2] }))).toStrictEqual({ ...merged, reasons: [r1, r2] });
        expect(await store.queuePut(A, entry("m1", { reasons: [] }))).toStrictEqual({ ...merged, reasons: [r1, r2] });
        expect(await store.queueGet(A, "m1")).toStrictEqual({ ...merged, reasons: [r1, r2] });
        expect(await store.queueGet(A, "m2")).toBeNull();
        expect(await store.queueSize(A)).toBe(1);
      });

      it("lists high before normal, oldest first, page by page", async () => {
        const puts = [
          entry("n2", { queuedAt: T0 + 2 }), entry("h3", { priority: "high", queuedAt: T0 + 3 }), entry("n1", { queuedAt: T0 + 1 }),
          entry("h1", { priority: "high", queuedAt: T0 + 1 }), entry("n3", { queuedAt: T0 + 3 }),
        ];
        for (const e of puts) await store.queuePut(A, e);
        await store.queuePut(A, entry("n3", { priority: "high" }));
        const want = ["h1", "h3", "n3", "n1", "n2"];
        expect((await store.queueList(A, 10)).entries.map((e) => e.messageId)).toStrictEqual(want);
        expect(await store.queueList(A, 10)).not.toHaveProperty("cursor");
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.queueList(A, 2, cursor);
          seen.push(...page.entries.map((e) => e.messageId));
          cursor = page.cursor;
          pages += 1;
        } while (cursor && pages < 10);
        expect(seen).toStrictEqual(want);
        expect(pages).toBe(3);
      });

      it("pages on without skipping when earlier entries are taken meanwhile", async () => {
        for (let i = 0; i < 6; i++) await store.queuePut(A, entry(`m${i}`, { queuedAt: T0 + i }));
        const first = await store.queueList(A, 3);
        expect(first.entries.map((e) => e.messageId)).toStrictEqual(["m0", "m1", "m2"]);
        // A manager resolves what they saw before asking for the next page.
        for (const e of first.entries) await store.queueTake(A, e.messageId);
        const next = await store.queueList(A, 3, first.cursor);
        expect(next.entries.map((e) => e.messageId)).toStrictEqual(["m3", "m4", "m5"]);
        expect(next).not.toHaveProperty("cursor");
      });

      it("refuses a cursor it did not issue instead of restarting at page one", async () => {
        for (let i = 0; i < 3; i++) await store.queuePut(A, entry(`m${i}`, { queuedAt: T0 + i }));
        for (const bad of FOREIGN_CURSORS) {
          await expect(store.queueList(A, 2, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: "invalid_payload" });
        }
        const first = await store.queueList(A, 2);
        expect((await store.queueList(A, 2, first.cursor)).entries.map((e) => e.messageId)).toStrictEqual(["m2"]);
      });

      it("gives a queue entry to exactly one of racing takers", async () => {
        await store.queuePut(A, entry("m1"));
        await store.queuePut(A, entry("m2"));
        const res = await Promise.all(Array.from({ length: 10 }, () => store.queueTake(A, "m1")));
        expect(res.filter((r) => r !== null)).toStrictEqual([entry("m1")]);
        expect(await store.queueTake(A, "m1")).toBeNull();
        expect(await store.queueGet(A, "m1")).toBeNull();
        expect(await store.queueSize(A)).toBe(1);
      });
    });

    describe("sanctions and roles", () => {
      it("sets, lists, expires and deletes bans", async () => {
        const perm: Ban = { reason: "spam", shadow: false, at: T0, by: "cm" };
        const timed: Ban = { until: T0 + 1000, reason: "rude", shadow: true, at: T0, by: "cm" };
        await store.setBan(A, "u1", perm);
        await store.setBan(A, "u2", timed);
        expect(await store.getBan(A, "u1", T0)).toStrictEqual(perm);
        expect(await store.getBan(A, "u2", T0 + 999)).toStrictEqual(timed);
        const byUser = (l: { userId: string }[]) => [...l].sort((a, b) => a.userId.localeCompare(b.userId));
        expect(byUser(await store.listBans(A, T0))).toStrictEqual([{ ...perm, userId: "u1" }, { ...timed, userId: "u2" }]);
        expect(await store.listBans(A, T0 + 1000)).toStrictEqual([{ ...perm, userId: "u1" }]);
        expect(await store.getBan(A, "u2", T0 + 1000)).toBeNull();
        expect(await store.deleteBan(A, "u1")).toBe(true);
        expect(await store.deleteBan(A, "u1")).toBe(false);
        expect(await store.getBan(A, "u1", T0)).toBeNull();
        await store.setBan(A, "u2", perm);
        expect(await store.getBan(A, "u2", T0 + 5000)).toStrictEqual(perm);
      });

      it("sets, expires and deletes mutes", async () => {
        const mute: Mute = { until: T0 + 60_000, at: T0, by: "cm", reason: "calm down" };
        await store.setMute(A, "u1", mute);
        expect(await store.getMute(A, "u1", T0)).toStrictEqual(mute);
        expect(await store.getMute(A, "u1", T0 + 60_000)).toBeNull();
        await store.setMute(A, "u2", { until: T0 + 1, at: T0, by: "cm" });
        expect(await store.getMute(A, "u2", T0)).toStrictEqual({ until: T0 + 1, at: T0, by: "cm" });
        expect(await store.deleteMute(A, "u2")).toBe(true);
        expect(await store.getMute(A, "u2", T0)).toBeNull();
        expect(await store.deleteMute(A, "nobody")).toBe(false);
      });

      it("adds, lists, expires and removes IP blocks", async () => {
        const net: IpBlock = { cidr: "203.0.113.0/24", reason: "raid", at: T0, by: "cm" };
        const one: IpBlock = { cidr: "2001:db8::1/128", until: T0 + 10, reason: "spam", at: T0, by: "cm" };
        await store.addIpBlock(A, net);
        await store.addIpBlock(A, one);
        const sorted = (l: IpBlock[]) => [...l].sort((a, b) => a.cidr.localeCompare(b.cidr));
        expect(sorted(await store.listIpBlocks(A, T0))).toStrictEqual(sorted([net, one]));
        expect(await store.listIpBlocks(A, T0 + 10)).toStrictEqual([net]);
        expect(await store.removeIpBlock(A, net.cidr)).toBe(true);
        expect(await store.removeIpBlock(A, net.cidr)).toBe(false);
        expect(await store.listIpBlocks(A, T0 + 10)).toStrictEqual([]);
      });

      it("sets and unsets roles", async () => {
        expect(await store.getRole(A, "u1")).toBeNull();
        await store.setRole(A, "u1", "moderator");
        await store.setRole(A, "u2", "expert");
        expect(await store.getRole(A, "u1")).toBe("moderator");
        await store.setRole(A, "u1", "member");
        expect(await store.getRole(A, "u1")).toBe("member");
        await store.setRole(A, "u1", null);
        expect(await store.getRole(A, "u1")).toBeNull();
        expect(await store.getRole(A, "u2")).toBe("expert");
      });
    });

    describe("people", () => {
      const firefox: Device = { browser: "Firefox", os: "Linux", type: "desktop", bot: false, ua: "FF/1" };
      it("records sessions: latest name, recent distinct ips and devices, first and last seen", async () => {
        await store.recordSession(A, alice, "10.0.0.1", firefox, T0);
        await store.recordSession(A, alice, "10.0.0.2", { type: "mobile", bot: false }, T0 + 1);
        await store.recordSession(A, { ...alice, name: "Alice B" }, "10.0.0.1", { ...firefox, ua: "FF/2" }, T0 + 2);
        const rec = await store.getUser(A, alice.id);
        expect(rec).toStrictEqual({
          user: { ...alice, name: "Alice B" },
          ips: ["10.0.0.1", "10.0.0.2"],
          devices: [{ ...firefox, ua: "FF/2" }, { type: "mobile", bot: false }],
          firstSeen: T0, lastSeen: T0 + 2,
          counters: { messages: 0, helpfulReceived: 0, removed: 0, flagsRaised: 0, flagsUpheld: 0, flagsOverturned: 0, held: 0 },
        });
        for (let i = 0; i < 25; i++) await store.recordSession(A, alice, `10.1.0.${i}`, { type: `t${i}`, bot: false }, T0 + 10 + i);
        const capped = (await store.getUser(A, alice.id))!;
        expect(capped.ips).toHaveLength(20);
        expect(capped.ips[0]).toBe("10.1.0.24");
        expect(capped.devices).toHaveLength(10);
        expect(capped.devices[0]).toStrictEqual({ type: "t24", bot: false });
        expect(await store.getUser(A, "nobody")).toBeNull();
      });

      it("bumps counters (creating the record) and lists users by messages", async () => {
        const before = Date.now();
        await store.bumpUser(A, "ghost", "flagsRaised");
        const ghost = (await store.getUser(A, "ghost"))!;
        expect(ghost.user).toStrictEqual({ id: "ghost", name: "ghost", role: "member" });
        expect(ghost.counters.flagsRaised).toBe(1);
        expect(ghost.firstSeen).toBeGreaterThanOrEqual(before - 1000);
        expect(ghost.ips).toStrictEqual([]);
        expect(ghost.devices).toStrictEqual([]);
        await store.recordSession(A, alice, "10.0.0.1", { type: "desktop", bot: false }, T0);
        await store.recordSession(A, bob, "10.0.0.2", { type: "desktop", bot: false }, T0);
        await store.bumpUser(A, bob.id, "messages", 5);
        await store.bumpUser(A, alice.id, "messages");
        await store.bumpUser(A, alice.id, "messages", 2);
        await store.bumpUser(A, alice.id, "helpfulReceived", 4);
        await Promise.all(Array.from({ length: 10 }, () => store.bumpUser(A, "ghost", "messages")));
        const alices = (await store.getUser(A, alice.id))!;
        expect(alices.counters).toMatchObject({ messages: 3, helpfulReceived: 4, removed: 0 });
        expect(alices.firstSeen).toBe(T0);
        expect((await store.listUsers(A, 10)).map((u) => [u.user.id, u.counters.messages]))
          .toStrictEqual([["ghost", 10], [bob.id, 5], [alice.id, 3]]);
        expect((await store.listUsers(A, 1)).map((u) => u.user.id)).toStrictEqual(["ghost"]);
      });
    });

    describe("audit", () => {
      it("lists newest first with cursors until exhausted", async () => {
        const entries: AuditEntry[] = Array.from({ length: 7 }, (_, i) => ({
          id: `a${i}`, at: T0 + i, actor: i % 2 ? mod : { id: "system" }, action: "message.hide", target: { messageId: `m${i}`, n: i },
          ...(i === 3 ? { reason: "too rude" } : {}),
        }));
        for (const e of entries) await store.appendAudit(A, e);
        const newestFirst = [...entries].reverse();
        expect(await store.listAudit(A, 100)).toStrictEqual({ entries: newestFirst });
        const got: AuditEntry[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < 4; i++) {
          const page = await store.listAudit(A, 3, cursor);
          got.push(...page.entries);
          cursor = page.cursor;
          if (!cursor) break;
        }
        expect(got).toStrictEqual(newestFirst);
        expect(cursor).toBeUndefined();
        expect(await store.listAudit(B, 10)).toStrictEqual({ entries: [] });
      });

      it("pages on without repeats when entries are appended meanwhile", async () => {
        const at = (i: number): AuditEntry => ({ id: `a${i}`, at: T0 + i, actor: { id: "system" }, action: "x", target: {} });
        for (let i = 0; i < 4; i++) await store.appendAudit(A, at(i));
        const first = await store.listAudit(A, 2);
        expect(first.entries.map((e) => e.id)).toStrictEqual(["a3", "a2"]);
        await store.appendAudit(A, at(4));
        await store.appendAudit(A, at(5));
        const next = await store.listAudit(A, 2, first.cursor);
        expect(next.entries.map((e) => e.id)).toStrictEqual(["a1", "a0"]);
        expect(next).not.toHaveProperty("cursor");
      });

      it("refuses a cursor it did not issue instead of restarting at the newest entry", async () => {
        for (let i = 0; i < 3; i++) await store.appendAudit(A, { id: `a${i}`, at: T0 + i, actor: { id: "system" }, action: "x", target: {} });
        for (const bad of FOREIGN_CURSORS) {
          await expect(store.listAudit(A, 2, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: "invalid_payload" });
        }
        const first = await store.listAudit(A, 2);
        expect((await store.listAudit(A, 2, first.cursor)).entries.map((e) => e.id)).toStrictEqual(["a0"]);
      });
    });

    describe("filter edits", () => {
      it("applies patches as sets and bumps the version", async () => {
        expect(await store.getFilterEdits(A)).toStrictEqual(EMPTY_FILTER_EDITS);
        const v1 = await store.updateFilterEdits(A, { added: { add: ["rival", "brand x", "rival"] }, linkBlock: { add: ["bad.example"] } });
        expect(v1).toStrictEqual({ ...EMPTY_FILTER_EDITS, added: ["rival", "brand x"], linkBlock: ["bad.example"], version: 1 });
        const v2 = await store.updateFilterEdits(A, { added: { add: ["zed"], remove: ["rival", "never"] }, allow: { add: ["classe"] } });
        expect(v2).toStrictEqual({ ...v1, added: ["brand x", "zed"], allow: ["classe"], version: 2 });
        expect(await store.getFilterEdits(A)).toStrictEqual(v2);
        expect((await store.updateFilterEdits(A, {})).version).toBe(3);
        const raced = await Promise.all(Array.from({ length: 5 }, (_, i) => store.updateFilterEdits(A, { removed: { add: [`w${i}`] } })));
        expect(raced.map((e) => e.version).sort()).toStrictEqual([4, 5, 6, 7, 8]);
        expect((await store.getFilterEdits(A)).removed.sort()).toStrictEqual(["w0", "w1", "w2", "w3", "w4"]);
      });
    });

    describe("stats and presence", () => {
      it("counts per-minute buckets per room since a time", async () => {
        const m0 = Math.floor(T0 / 60_000) * 60_000;
        await store.bumpRoomStat(A, "faq", "messages", m0 + 1_000);
        await store.bumpRoomStat(A, "faq", "messages", m0 + 59_000);
        await store.bumpRoomStat(A, "faq", "held", m0 + 30_000);
        await store.bumpRoomStat(A, "faq", "flags", m0 + 60_000);
        await store.bumpRoomStat(A, "old", "messages", m0 - 5 * 60_000);
        await store.bumpRoomStat(A, "a:b", "messages", m0 + 61_000);
        expect(await store.roomStats(A, m0)).toStrictEqual({
          faq: [{ minute: m0, messages: 2, held: 1, flags: 0 }, { minute: m0 + 60_000, messages: 0, held: 0, flags: 1 }],
          "a:b": [{ minute: m0 + 60_000, messages: 1, held: 0, flags: 0 }],
        });
        expect(await store.roomStats(A, m0 + 60_000)).toStrictEqual({
          faq: [{ minute: m0 + 60_000, messages: 0, held: 0, flags: 1 }],
          "a:b": [{ minute: m0 + 60_000, messages: 1, held: 0, flags: 0 }],
        });
        expect(Object.keys(await store.roomStats(A, m0 - 10 * 60_000)).sort()).toStrictEqual(["a:b", "faq", "old"]);
        expect(await store.roomStats(B, 0)).toStrictEqual({});
      });

      it("records a post's bookkeeping in one call: room activity, minute stats, author counters", async () => {
        const m0 = Math.floor(T0 / 60_000) * 60_000;
        await store.recordPost(A, { room: "faq", userId: "poster", at: m0 + 1_000, held: false });
        await store.recordPost(A, { room: "faq", userId: "poster", at: m0 + 2_000, held: true });
        await Promise.all(Array.from({ length: 5 }, (_, i) => store.recordPost(A, { room: "tips", userId: `u${i}`, at: m0 + 3_000, held: false })));
        expect(await store.roomStats(A, m0)).toStrictEqual({
          faq: [{ minute: m0, messages: 2, held: 1, flags: 0 }],
          tips: [{ minute: m0, messages: 5, held: 0, flags: 0 }],
        });
        expect((await store.listRooms(A, 10)).map((r) => [r.id, r.lastActive])).toStrictEqual([["tips", m0 + 3_000], ["faq", m0 + 2_000]]);
        const poster = (await store.getUser(A, "poster"))!;
        expect(poster.user).toStrictEqual({ id: "poster", name: "poster", role: "member" });
        expect(poster.counters).toMatchObject({ messages: 2, held: 1, removed: 0 });
        expect((await store.listUsers(A, 1)).map((u) => [u.user.id, u.counters.messages])).toStrictEqual([["poster", 2]]);
        // Another tenant sees none of it.
        expect(await store.roomStats(B, 0)).toStrictEqual({});
        expect(await store.getUser(B, "poster")).toBeNull();
      });

      it("sums presence over live nodes and drops a node whose report expired", async () => {
        await store.reportPresence("n1", A, { faq: 2, "a:b": 1 }, 60_000);
        await store.reportPresence("n2", A, { faq: 3 }, 150);
        expect(await store.presence(A)).toStrictEqual({ faq: 5, "a:b": 1 });
        await until(async () => (await store.presence(A)).faq === 2, 3000);
        expect(await store.presence(A)).toStrictEqual({ faq: 2, "a:b": 1 });
        await store.reportPresence("n1", A, { faq: 1 }, 60_000);
        expect(await store.presence(A)).toStrictEqual({ faq: 1 });
        expect(await store.presence(B)).toStrictEqual({});
      });
    });

    describe("connections, spam window, rate limits", () => {
      it("caps connections per IP across node ids", async () => {
        expect(await store.acquireConnection("n1", "10.0.0.1", 2)).toBe(true);
        expect(await store.acquireConnection("n2", "10.0.0.1", 2)).toBe(true);
        expect(await store.acquireConnection("n1", "10.0.0.1", 2)).toBe(false);
        expect(await store.acquireConnection("n1", "10.0.0.2", 2)).toBe(true);
        await store.releaseConnection("n2", "10.0.0.1");
        expect(await store.acquireConnection("n1", "10.0.0.1", 2)).toBe(true);
        expect(await store.acquireConnection("n2", "10.0.0.1", 2)).toBe(false);
      });

      it("grants exactly the limit to racing connections", async () => {
        const res = await Promise.all(Array.from({ length: 20 }, (_, i) => store.acquireConnection(`n${i % 3}`, "2001:db8::7", 5)));
        expect(res.filter(Boolean)).toHaveLength(5);
      });

      it("counts records and distinct members inside a sliding window", async () => {
        const w = 10_000;
        expect(await store.recordText(A, "repeat:u1", "hello", w, T0)).toStrictEqual({ count: 1, distinct: 1 });
        expect(await store.recordText(A, "repeat:u1", "hello", w, T0 + 1)).toStrictEqual({ count: 2, distinct: 1 });
        expect(await store.recordText(A, "repeat:u1", "other\nline", w, T0 + 2)).toStrictEqual({ count: 3, distinct: 2 });
        expect(await store.recordText(A, "repeat:u2", "hello", w, T0 + 3)).toStrictEqual({ count: 1, distinct: 1 });
        expect(await store.recordText(B, "repeat:u1", "hello", w, T0 + 3)).toStrictEqual({ count: 1, distinct: 1 });
        // T0 and T0 + 1 fall out: the window keeps records strictly newer than now - windowMs.
        expect(await store.recordText(A, "repeat:u1", "hello", w, T0 + 1 + w)).toStrictEqual({ count: 2, distinct: 2 });
        const raced = await Promise.all(Array.from({ length: 10 }, (_, i) => store.recordText(A, "raid:faq", `u${i % 4}`, w, T0)));
        expect(raced.map((r) => r.count).sort((a, b) => a - b)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(Math.max(...raced.map((r) => r.distinct))).toBe(4);
      });

      it("creates rate limiters that consume and then reject", async () => {
        const limiter = store.createRateLimiter({ keyPrefix: "send", points: 3, durationSec: 10 });
        for (let i = 0; i < 3; i++) expect((await limiter.consume("acme:u1")).remainingPoints).toBe(2 - i);
        const rejected = await limiter.consume("acme:u1").then(() => null, (e: unknown) => e);
        expect(rejected).toBeInstanceOf(RateLimiterRes);
        expect((rejected as RateLimiterRes).msBeforeNext).toBeGreaterThan(0);
        expect((await limiter.consume("acme:u2")).remainingPoints).toBe(2);
      });
    });

    describe("token buckets", () => {
      it("grant exactly the capacity at once, refill at the sustained rate, per key", async () => {
        // 20 tokens/s: one token back every 50 ms, so the refill is observed quickly.
        const bucket = store.createTokenBucket({ keyPrefix: "send", capacity: 3, perSecond: 20 });
        const first = await Promise.all([0, 1, 2, 3, 4].map(() => bucket.take("acme:u1")));
        expect(first.filter((w) => w === 0)).toHaveLength(3);
        const waits = first.filter((w) => w > 0);
        expect(waits).toHaveLength(2);
        for (const w of waits) expect(w).toBeLessThanOrEqual(50);
        // Another key has its own full bucket.
        expect(await bucket.take("acme:u2")).toBe(0);
        // A token comes back after about 1/20 s; then the bucket is dry again at once.
        await until(async () => (await bucket.take("acme:u1")) === 0, 2000, 10);
        expect(await bucket.take("acme:u1")).toBeGreaterThan(0);
      });
    });

    describe("cluster events", () => {
      it("delivers published events to subscribers, including this node, until unsubscribed", async () => {
        const a: ClusterEvent[] = [];
        const b: ClusterEvent[] = [];
        const offA = store.subscribe((e) => a.push(e));
        store.subscribe((e) => b.push(e));
        const ev: ClusterEvent = { type: "room:changed", tenant: A, room: "a:b" };
        // Re-publish until seen: a fresh subscription may take a moment to reach the backend.
        await until(async () => { await store.publish(ev); return a.length > 0; }, 5000, 50);
        expect(a[0]).toStrictEqual(ev);
        offA();
        const seenByA = a.length;
        const last: ClusterEvent = { type: "filters:changed", tenant: A, version: 9 };
        await store.publish(last);
        await until(() => b.some((e) => e.type === "filters:changed"));
        expect(a).toHaveLength(seenByA);
      });
    });

    it("keeps tenants apart for the same ids", async () => {
      const m = msg({ id: "same", room: "faq" });
      await store.appendMessage(A, m, { keep: 10, idempotency: { key: "k", ttlMs: 60_000 } });
      await store.queuePut(A, entry("same"));
      await store.setBan(A, "u1", { reason: "x", shadow: false, at: T0, by: "cm" });
      await store.setMute(A, "u1", { until: T0 + 1e9, at: T0, by: "cm" });
      await store.addIpBlock(A, { cidr: "10.0.0.0/8", reason: "x", at: T0, by: "cm" });
      await store.setRole(A, "u1", "moderator");
      await store.recordSession(A, alice, "10.0.0.1", { type: "desktop", bot: false }, T0);
      await store.bumpUser(A, alice.id, "messages");
      await store.appendAudit(A, { id: "a1", at: T0, actor: { id: "system" }, action: "x", target: {} });
      await store.updateFilterEdits(A, { added: { add: ["w"] } });
      await store.updateRoomState(A, "faq", { frozen: true });
      await store.recordPost(A, { room: "faq", userId: alice.id, at: T0, held: false });
      await store.bumpRoomStat(A, "faq", "messages", T0);
      await store.reportPresence("n1", A, { faq: 1 }, 60_000);
      await store.addFlag(A, "same", flagBy(bob), { reportsToHide: 9, hideNow: false });
      await store.addHelpful(A, "same", "v");

      expect(await store.getMessage(B, "same")).toBeNull();
      expect(await store.roomTimeline(B, "faq", 10)).toStrictEqual([]);
      expect(await store.userMessages(B, alice.id, 10)).toStrictEqual([]);
      expect(await store.findIdempotent(B, "k")).toBeNull();
      expect((await store.appendMessage(B, msg({ id: "same" }), { keep: 10, idempotency: { key: "k", ttlMs: 60_000 } })).duplicate).toBe(false);
      expect(await store.getFlags(B, "same")).toStrictEqual([]);
      expect(await store.queueGet(B, "same")).toBeNull();
      expect(await store.queueSize(B)).toBe(0);
      expect(await store.getBan(B, "u1", T0)).toBeNull();
      expect(await store.getMute(B, "u1", T0)).toBeNull();
      expect(await store.listIpBlocks(B, T0)).toStrictEqual([]);
      expect(await store.getRole(B, "u1")).toBeNull();
      expect(await store.getUser(B, alice.id)).toBeNull();
      expect(await store.listUsers(B, 10)).toStrictEqual([]);
      expect(await store.listAudit(B, 10)).toStrictEqual({ entries: [] });
      expect(await store.getFilterEdits(B)).toStrictEqual(EMPTY_FILTER_EDITS);
      expect(await store.getRoomState(B, "faq")).toBeNull();
      expect(await store.listRooms(B, 10)).toStrictEqual([]);
      expect(await store.roomStats(B, 0)).toStrictEqual({});
      expect(await store.presence(B)).toStrictEqual({});
      // And the first tenant still has everything.
      expect((await store.getMessage(A, "same"))!.text).toBe(m.text);
      expect(await store.getFlags(A, "same")).toHaveLength(1);
      expect(await store.queueSize(A)).toBe(1);
    });
  });
}
