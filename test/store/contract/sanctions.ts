import { beforeEach, describe, expect, it } from "vitest";
import type { Ban, IpBlock, Mute } from "../../../client-sdk/src/protocol.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, T0 } from "./fixtures.ts";

/** The sanction port: bans, mutes and IP blocks, with expiry. */
export function sanctionContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("sanctions", () => {
    it("sets, lists, expires and deletes bans", async () => {
      const perm: Ban = { reason: "spam", shadow: false, at: T0, by: "cm" };
      const timed: Ban = { until: T0 + 1000, reason: "rude", shadow: true, at: T0, by: "cm" };
      await stores.sanctions.setBan(A, "u1", perm);
      await stores.sanctions.setBan(A, "u2", timed);
      expect(await stores.sanctions.getBan(A, "u1", T0)).toStrictEqual(perm);
      expect(await stores.sanctions.getBan(A, "u2", T0 + 999)).toStrictEqual(timed);
      const byUser = (l: { userId: string }[]) => [...l].sort((a, b) => a.userId.localeCompare(b.userId));
      expect(byUser(await stores.sanctions.listBans(A, T0))).toStrictEqual([{ ...perm, userId: "u1" }, { ...timed, userId: "u2" }]);
      expect(await stores.sanctions.listBans(A, T0 + 1000)).toStrictEqual([{ ...perm, userId: "u1" }]);
      expect(await stores.sanctions.getBan(A, "u2", T0 + 1000)).toBeNull();
      expect(await stores.sanctions.deleteBan(A, "u1")).toBe(true);
      expect(await stores.sanctions.deleteBan(A, "u1")).toBe(false);
      expect(await stores.sanctions.getBan(A, "u1", T0)).toBeNull();
      await stores.sanctions.setBan(A, "u2", perm);
      expect(await stores.sanctions.getBan(A, "u2", T0 + 5000)).toStrictEqual(perm);
    });

    it("sets, expires and deletes mutes", async () => {
      const mute: Mute = { until: T0 + 60_000, at: T0, by: "cm", reason: "calm down" };
      await stores.sanctions.setMute(A, "u1", mute);
      expect(await stores.sanctions.getMute(A, "u1", T0)).toStrictEqual(mute);
      expect(await stores.sanctions.getMute(A, "u1", T0 + 60_000)).toBeNull();
      await stores.sanctions.setMute(A, "u2", { until: T0 + 1, at: T0, by: "cm" });
      expect(await stores.sanctions.getMute(A, "u2", T0)).toStrictEqual({ until: T0 + 1, at: T0, by: "cm" });
      expect(await stores.sanctions.deleteMute(A, "u2")).toBe(true);
      expect(await stores.sanctions.getMute(A, "u2", T0)).toBeNull();
      expect(await stores.sanctions.deleteMute(A, "nobody")).toBe(false);
    });

    it("getBanAndMute reads a user's ban and mute together, each as getBan and getMute would", async () => {
      const ban: Ban = { until: T0 + 1000, reason: "rude", shadow: true, at: T0, by: "cm" };
      const mute: Mute = { until: T0 + 500, at: T0, by: "cm" };
      expect(await stores.sanctions.getBanAndMute(A, "u1", T0)).toStrictEqual({ ban: null, mute: null });
      await stores.sanctions.setBan(A, "u1", ban);
      await stores.sanctions.setMute(A, "u1", mute);
      await stores.sanctions.setMute(A, "u2", mute);
      expect(await stores.sanctions.getBanAndMute(A, "u1", T0)).toStrictEqual({ ban, mute });
      expect(await stores.sanctions.getBanAndMute(A, "u2", T0)).toStrictEqual({ ban: null, mute });
      // Each expires on its own.
      expect(await stores.sanctions.getBanAndMute(A, "u1", T0 + 500)).toStrictEqual({ ban, mute: null });
      expect(await stores.sanctions.getBanAndMute(A, "u1", T0 + 1000)).toStrictEqual({ ban: null, mute: null });
      expect(await stores.sanctions.getBanAndMute(B, "u2", T0)).toStrictEqual({ ban: null, mute: null });
    });

    it("adds, lists, expires and removes IP blocks", async () => {
      const net: IpBlock = { cidr: "203.0.113.0/24", reason: "raid", at: T0, by: "cm" };
      const one: IpBlock = { cidr: "2001:db8::1/128", until: T0 + 10, reason: "spam", at: T0, by: "cm" };
      await stores.sanctions.addIpBlock(A, net);
      await stores.sanctions.addIpBlock(A, one);
      const sorted = (l: IpBlock[]) => [...l].sort((a, b) => a.cidr.localeCompare(b.cidr));
      expect(sorted(await stores.sanctions.listIpBlocks(A, T0))).toStrictEqual(sorted([net, one]));
      expect(await stores.sanctions.listIpBlocks(A, T0 + 10)).toStrictEqual([net]);
      expect(await stores.sanctions.removeIpBlock(A, net.cidr)).toBe(true);
      expect(await stores.sanctions.removeIpBlock(A, net.cidr)).toBe(false);
      expect(await stores.sanctions.listIpBlocks(A, T0 + 10)).toStrictEqual([]);
    });
  });
}
