import { beforeEach, describe, expect, it } from "vitest";
import type { Author, Device } from "../../../client-sdk/src/protocol.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, alice, B, bob, T0 } from "./fixtures.ts";

/** The people port: sessions, counters, users by activity, granted roles. */
export function peopleContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("people", () => {
    const firefox: Device = { browser: "Firefox", os: "Linux", type: "desktop", bot: false, ua: "FF/1" };
    it("records sessions: latest name, recent distinct ips and devices, first and last seen", async () => {
      await stores.people.recordSession(A, alice, "10.0.0.1", firefox, T0);
      await stores.people.recordSession(A, alice, "10.0.0.2", { type: "mobile", bot: false }, T0 + 1);
      await stores.people.recordSession(A, { ...alice, name: "Alice B" }, "10.0.0.1", { ...firefox, ua: "FF/2" }, T0 + 2);
      const rec = await stores.people.getUser(A, alice.id);
      expect(rec).toStrictEqual({
        user: { ...alice, name: "Alice B" },
        ips: ["10.0.0.1", "10.0.0.2"],
        devices: [{ ...firefox, ua: "FF/2" }, { type: "mobile", bot: false }],
        firstSeen: T0, lastSeen: T0 + 2,
        counters: { messages: 0, helpfulReceived: 0, removed: 0, flagsRaised: 0, flagsUpheld: 0, flagsOverturned: 0, held: 0 },
      });
      for (let i = 0; i < 25; i++) await stores.people.recordSession(A, alice, `10.1.0.${i}`, { type: `t${i}`, bot: false }, T0 + 10 + i);
      const capped = (await stores.people.getUser(A, alice.id))!;
      expect(capped.ips).toHaveLength(20);
      expect(capped.ips[0]).toBe("10.1.0.24");
      expect(capped.devices).toHaveLength(10);
      expect(capped.devices[0]).toStrictEqual({ type: "t24", bot: false });
      expect(await stores.people.getUser(A, "nobody")).toBeNull();
    });

    it("bumps counters (creating the record) and lists users by messages", async () => {
      const before = Date.now();
      await stores.people.bumpUser(A, "ghost", "flagsRaised");
      const ghost = (await stores.people.getUser(A, "ghost"))!;
      expect(ghost.user).toStrictEqual({ id: "ghost", name: "ghost", role: "member" });
      expect(ghost.counters.flagsRaised).toBe(1);
      expect(ghost.firstSeen).toBeGreaterThanOrEqual(before - 1000);
      expect(ghost.ips).toStrictEqual([]);
      expect(ghost.devices).toStrictEqual([]);
      await stores.people.recordSession(A, alice, "10.0.0.1", { type: "desktop", bot: false }, T0);
      await stores.people.recordSession(A, bob, "10.0.0.2", { type: "desktop", bot: false }, T0);
      await stores.people.bumpUser(A, bob.id, "messages", 5);
      await stores.people.bumpUser(A, alice.id, "messages");
      await stores.people.bumpUser(A, alice.id, "messages", 2);
      await stores.people.bumpUser(A, alice.id, "helpfulReceived", 4);
      await Promise.all(Array.from({ length: 10 }, () => stores.people.bumpUser(A, "ghost", "messages")));
      const alices = (await stores.people.getUser(A, alice.id))!;
      expect(alices.counters).toMatchObject({ messages: 3, helpfulReceived: 4, removed: 0 });
      expect(alices.firstSeen).toBe(T0);
      expect((await stores.people.listUsers(A, 10)).map((u) => [u.user.id, u.counters.messages]))
        .toStrictEqual([["ghost", 10], [bob.id, 5], [alice.id, 3]]);
      expect((await stores.people.listUsers(A, 1)).map((u) => u.user.id)).toStrictEqual(["ghost"]);
    });

    it("searches signed-in users by folded name prefix, per tenant, bounded, following renames", async () => {
      const d: Device = { type: "desktop", bot: false };
      const elodie: Author = { id: "u-elo", name: "Élodie Martin", role: "member" };
      await stores.people.recordSession(A, elodie, "10.0.0.1", d, T0);
      await stores.people.recordSession(A, alice, "10.0.0.2", d, T0);
      await stores.people.recordSession(A, { id: "u-eloise", name: "ELOISE", role: "member" }, "10.0.0.3", d, T0);
      await stores.people.recordSession(A, { id: "g_guestelo", name: "Elo guest", role: "guest" }, "10.0.0.4", d, T0);
      await stores.people.recordSession(B, { id: "u-other", name: "Elodie", role: "member" }, "10.0.0.5", d, T0);
      const names = async (prefix: string, limit = 10) => (await stores.people.searchUsers(A, prefix, limit)).map((u) => u.user.id);
      expect(await names("elo")).toStrictEqual(["u-elo", "u-eloise"]);
      expect(await names("elodie m")).toStrictEqual(["u-elo"]);
      expect(await names("elo", 1)).toStrictEqual(["u-elo"]);
      expect(await names("zz")).toStrictEqual([]);
      expect((await stores.people.searchUsers(B, "elo", 10)).map((u) => u.user.id)).toStrictEqual(["u-other"]);
      // A rename moves the entry: the old name no longer finds them.
      await stores.people.recordSession(A, { ...elodie, name: "Zoé" }, "10.0.0.1", d, T0 + 1);
      expect(await names("elo")).toStrictEqual(["u-eloise"]);
      const [zoe] = await stores.people.searchUsers(A, "zoe", 10);
      expect(zoe?.user).toStrictEqual({ ...elodie, name: "Zoé" });
    });

    it("sets and unsets roles", async () => {
      expect(await stores.people.getRole(A, "u1")).toBeNull();
      await stores.people.setRole(A, "u1", "moderator");
      await stores.people.setRole(A, "u2", "expert");
      expect(await stores.people.getRole(A, "u1")).toBe("moderator");
      await stores.people.setRole(A, "u1", "member");
      expect(await stores.people.getRole(A, "u1")).toBe("member");
      await stores.people.setRole(A, "u1", null);
      expect(await stores.people.getRole(A, "u1")).toBeNull();
      expect(await stores.people.getRole(A, "u2")).toBe("expert");
    });

    it("keeps guests' records apart: readable, counted, never listed as moderator candidates", async () => {
      const guest = { id: "g_abc123", name: "Guest 1234", role: "guest" as const };
      await stores.people.recordSession(A, guest, "10.0.0.9", firefox, T0);
      await stores.people.bumpUser(A, guest.id, "messages", 3);
      await stores.people.recordSession(A, bob, "10.0.0.8", firefox, T0);
      await stores.people.bumpUser(A, bob.id, "messages", 1);
      expect((await stores.people.getUser(A, guest.id))).toMatchObject({ user: guest, ips: ["10.0.0.9"], counters: { messages: 3 } });
      expect((await stores.people.listUsers(A, 10)).map((u) => u.user.id)).toStrictEqual([bob.id]);
    });
  });
}
