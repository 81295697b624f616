import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import { A, bob, mod, T0, msg, flagBy, user } from "./fixtures.ts";

/** The flag port: one flag per flagger, hiding at the threshold in the same step, resets. */
export function flagContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("flags", () => {
    it("adds one flag per flagger and hides at the threshold", async () => {
      const m = msg();
      await stores.messages.appendMessage(A, m, { keep: 10 });
      const rule = { reportsToHide: 2, hideNow: false };
      expect(await stores.flags.addFlag(A, "missing", flagBy(bob), rule)).toBeNull();
      const f1 = flagBy(bob, { note: "rude", reason: "abuse" });
      expect(await stores.flags.addFlag(A, m.id, f1, rule)).toStrictEqual({ added: true, count: 1, hiddenNow: false, message: m });
      const dup = await stores.flags.addFlag(A, m.id, flagBy(bob, { reason: "spam" }), rule);
      expect(dup).toMatchObject({ added: false, count: 1, hiddenNow: false });
      const f2 = flagBy(user(1), { reason: "spam", at: T0 + 5 });
      expect(await stores.flags.addFlag(A, m.id, f2, rule)).toStrictEqual({ added: true, count: 2, hiddenNow: true, message: { ...m, status: "hidden" } });
      expect(await stores.flags.addFlag(A, m.id, flagBy(user(2)), rule)).toMatchObject({ added: true, count: 3, hiddenNow: false });
      expect(await stores.flags.getFlags(A, m.id)).toStrictEqual([f1, f2, flagBy(user(2))]);
      expect(await stores.flags.getFlags(A, "missing")).toStrictEqual([]);
    });

    it("hides at once with hideNow, and never hides a message that is not visible", async () => {
      const m = msg();
      const held = msg({ status: "held" });
      await stores.messages.appendMessage(A, m, { keep: 10 });
      await stores.messages.appendMessage(A, held, { keep: 10 });
      expect(await stores.flags.addFlag(A, m.id, flagBy(mod), { reportsToHide: 3, hideNow: true })).toMatchObject({ hiddenNow: true, message: { status: "hidden" } });
      expect(await stores.flags.addFlag(A, held.id, flagBy(mod), { reportsToHide: 1, hideNow: true })).toMatchObject({ added: true, hiddenNow: false, message: { status: "held" } });
    });

    it("resetFlagCount: earlier flags stop counting towards hiding but stay on record, and their flaggers stay idempotent", async () => {
      const m = msg();
      await stores.messages.appendMessage(A, m, { keep: 10 });
      const rule = { reportsToHide: 2, hideNow: false };
      const f1 = flagBy(bob);
      const f2 = flagBy(user(1));
      await stores.flags.addFlag(A, m.id, f1, rule);
      expect(await stores.flags.addFlag(A, m.id, f2, rule)).toMatchObject({ count: 2, hiddenNow: true });
      // A manager approves: the flags that counted come back (for scoring), the count starts over.
      expect(await stores.flags.resetFlagCount(A, m.id)).toStrictEqual([f1, f2]);
      expect(await stores.flags.resetFlagCount(A, m.id)).toStrictEqual([]);
      expect(await stores.flags.resetFlagCount(A, "missing")).toStrictEqual([]);
      await stores.messages.setMessageStatus(A, m.id, "visible");
      // An earlier flagger flagging again: still no new flag, no effect.
      expect(await stores.flags.addFlag(A, m.id, flagBy(bob, { reason: "spam" }), rule)).toMatchObject({ added: false, count: 0, hiddenNow: false, message: { status: "visible" } });
      // One new flagger is not enough any more; a second distinct one reaches the threshold again.
      const f3 = flagBy(user(2));
      expect(await stores.flags.addFlag(A, m.id, f3, rule)).toMatchObject({ added: true, count: 1, hiddenNow: false, message: { status: "visible" } });
      const f4 = flagBy(user(3));
      expect(await stores.flags.addFlag(A, m.id, f4, rule)).toMatchObject({ added: true, count: 2, hiddenNow: true, message: { status: "hidden" } });
      expect(await stores.flags.getFlags(A, m.id)).toStrictEqual([f1, f2, f3, f4]);
      expect(await stores.flags.getFlags(A, m.id, { sinceReset: true })).toStrictEqual([f3, f4]);
      // hideNow (a trusted moderator) still hides at once after a reset.
      await stores.flags.resetFlagCount(A, m.id);
      await stores.messages.setMessageStatus(A, m.id, "visible");
      expect(await stores.flags.addFlag(A, m.id, flagBy(mod), { reportsToHide: 2, hideNow: true })).toMatchObject({ added: true, count: 1, hiddenNow: true });
      // The message round-trips unchanged by the bookkeeping.
      expect(await stores.messages.getMessage(A, m.id)).toStrictEqual({ ...m, status: "hidden" });
    });

    it("counts racing flags exactly and hides exactly once", async () => {
      const m = msg();
      await stores.messages.appendMessage(A, m, { keep: 10 });
      const rule = { reportsToHide: 5, hideNow: false };
      const res = await Promise.all(Array.from({ length: 40 }, (_, i) => stores.flags.addFlag(A, m.id, flagBy(user(i % 20)), rule)));
      expect(res.filter((r) => r!.added)).toHaveLength(20);
      expect(res.filter((r) => r!.hiddenNow)).toHaveLength(1);
      expect(Math.max(...res.map((r) => r!.count))).toBe(20);
      expect(await stores.flags.getFlags(A, m.id)).toHaveLength(20);
    });
  });
}
