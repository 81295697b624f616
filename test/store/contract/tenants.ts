import { beforeEach, expect, it } from "vitest";
import { EMPTY_FILTER_EDITS } from "../../../server/store/filter-edits/filter-edit-store.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, alice, bob, entry, flagBy, msg, T0 } from "./fixtures.ts";

/** Every port at once: the same ids in two tenants never meet. */
export function tenantIsolationContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  it("keeps tenants apart for the same ids", async () => {
    const m = msg({ id: "same", room: "faq" });
    await stores.messages.appendMessage(A, m, { keep: 10, idempotency: { key: "k", ttlMs: 60_000 } });
    await stores.queue.queuePut(A, entry("same"));
    await stores.sanctions.setBan(A, "u1", { reason: "x", shadow: false, at: T0, by: "cm" });
    await stores.sanctions.setMute(A, "u1", { until: T0 + 1e9, at: T0, by: "cm" });
    await stores.sanctions.addIpBlock(A, { cidr: "10.0.0.0/8", reason: "x", at: T0, by: "cm" });
    await stores.people.setRole(A, "u1", "moderator");
    await stores.people.recordSession(A, alice, "10.0.0.1", { type: "desktop", bot: false }, T0);
    await stores.people.bumpUser(A, alice.id, "messages");
    await stores.audit.appendAudit(A, { id: "a1", at: T0, actor: { id: "system" }, action: "x", target: {} });
    await stores.filterEdits.updateFilterEdits(A, { added: { add: ["w"] } });
    await stores.rooms.updateRoomState(A, "faq", { frozen: true });
    await stores.stats.recordPost(A, { room: "faq", userId: alice.id, at: T0, held: false });
    await stores.stats.bumpRoomStat(A, "faq", "messages", T0);
    await stores.presence.reportPresence("n1", A, new Map([["faq", 1]]), 60_000);
    await stores.flags.addFlag(A, "same", flagBy(bob), { reportsToHide: 9, hideNow: false });
    await stores.messages.addHelpful(A, "same", "v");

    expect(await stores.messages.getMessage(B, "same")).toBeNull();
    expect(await stores.messages.roomTimeline(B, "faq", 10)).toStrictEqual([]);
    expect(await stores.messages.userMessages(B, alice.id, 10)).toStrictEqual([]);
    expect(await stores.messages.findIdempotent(B, "k")).toBeNull();
    expect((await stores.messages.appendMessage(B, msg({ id: "same" }), { keep: 10, idempotency: { key: "k", ttlMs: 60_000 } })).duplicate).toBe(false);
    expect(await stores.flags.getFlags(B, "same")).toStrictEqual([]);
    expect(await stores.queue.queueGet(B, "same")).toBeNull();
    expect(await stores.queue.queueSize(B)).toBe(0);
    expect(await stores.sanctions.getBan(B, "u1", T0)).toBeNull();
    expect(await stores.sanctions.getMute(B, "u1", T0)).toBeNull();
    expect(await stores.sanctions.listIpBlocks(B, T0)).toStrictEqual([]);
    expect(await stores.people.getRole(B, "u1")).toBeNull();
    expect(await stores.people.getUser(B, alice.id)).toBeNull();
    expect(await stores.people.listUsers(B, 10)).toStrictEqual([]);
    expect(await stores.audit.listAudit(B, 10)).toStrictEqual({ entries: [] });
    expect(await stores.filterEdits.getFilterEdits(B)).toStrictEqual(EMPTY_FILTER_EDITS);
    expect(await stores.rooms.getRoomState(B, "faq")).toBeNull();
    expect(await stores.rooms.listRooms(B, 10)).toStrictEqual([]);
    expect(await stores.stats.roomStats(B, 0)).toStrictEqual(new Map());
    expect(await stores.presence.presence(B)).toStrictEqual(new Map());
    // And the first tenant still has everything.
    expect((await stores.messages.getMessage(A, "same"))!.text).toBe(m.text);
    expect(await stores.flags.getFlags(A, "same")).toHaveLength(1);
    expect(await stores.queue.queueSize(A)).toBe(1);
  });
}
