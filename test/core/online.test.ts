import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomInfo } from "../../client-sdk/src/protocol.ts";
import { PRESENCE_INTERVAL_MS } from "../../server/realtime/presence.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { collect, until, waitFor } from "../support/wait.ts";

/** Enough for a presence tick (2 s) to happen and its push to arrive, with slack for a busy machine. */
const PUSH_MS = PRESENCE_INTERVAL_MS * 3;

/** Shoppers see the room's head count live: `room:updated` is re-sent when the online count changes. */
describe("online count in room:updated", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await s?.close(); });

  it("a second member joining makes the first receive room:updated with online 2", async () => {
    const room = "product:online-two";
    const a = await s.connected({ role: "member", sub: "on-a" });
    const b = await s.connected({ role: "member", sub: "on-b" });
    // Same room id in another tenant: its people are not ours, and ours are not its.
    const elsewhere = await s.connected({ tenant: "other", role: "member", sub: "on-x" });
    await elsewhere.join(room);
    const seenElsewhere = collect<RoomInfo>(elsewhere, "room:updated");

    const first = await a.join(room);
    expect(first.room.online).toBe(1);
    const two = waitFor<RoomInfo>(a, "room:updated", (r) => r.id === room && r.online === 2, PUSH_MS);
    expect((await b.join(room)).room.online).toBe(2);
    // The full RoomInfo, the same shape a manager's change sends, only the count differs.
    expect(await two).toEqual({ ...first.room, online: 2 });
    expect(seenElsewhere.every((r) => r.online === 1)).toBe(true);

    const one = waitFor<RoomInfo>(a, "room:updated", (r) => r.id === room && r.online === 1, PUSH_MS);
    await b.leave(room);
    await one;
  });

  it("coalesces a join/leave storm into a push per tick, not one per socket", async () => {
    const room = "product:online-storm";
    const watcher = await s.connected({ role: "member", sub: "storm-watch" });
    await watcher.join(room);
    const seen = collect<RoomInfo>(watcher, "room:updated");
    const crowd = await Promise.all(Array.from({ length: 12 }, (_, i) => s.connected({ role: "member", sub: `storm-${i}` })));
    const started = Date.now();
    for (const c of crowd) await c.join(room);
    for (const c of crowd.slice(0, 9)) await c.leave(room);
    const took = Date.now() - started;
    // 21 joins and leaves; the watcher ends up with 4 people in the room.
    await until(() => seen.at(-1)?.online === 4, PUSH_MS);
    // One push per tick that fell inside the storm, plus the one that saw its end.
    expect(seen.length).toBeLessThanOrEqual(2 + Math.floor(took / PRESENCE_INTERVAL_MS));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.online).not.toBe(seen[i - 1]!.online);
  });

  it("a count push carries the room's current settings", async () => {
    const room = "product:online-settings";
    const a = await s.connected({ role: "member", sub: "set-a" });
    const b = await s.connected({ role: "member", sub: "set-b" });
    await a.join(room);
    const tenant = s.app.tenants.get("acme")!;
    const slowed = waitFor<RoomInfo>(a, "room:updated", (r) => r.slowModeSec === 7);
    await s.app.moderation.roomControl.updateRoom(tenant, { id: "cm-1", name: "Camille", role: "manager" }, { room, slowModeSec: 7 });
    await slowed;
    const two = waitFor<RoomInfo>(a, "room:updated", (r) => r.online === 2, PUSH_MS);
    await b.join(room);
    expect(await two).toMatchObject({ id: room, slowModeSec: 7, frozen: false, contribution: "open" });
  });
});
