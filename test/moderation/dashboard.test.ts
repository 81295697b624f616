import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatError, Dashboard, DashboardTiles } from "../../client-sdk/src/index.ts";
import { until, waitFor } from "../support/wait.ts";
import { HELD_LINK, post, postHeld, startModServer, type ModServer } from "./support.ts";

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

/** The back office dashboard (extension): `dashboard:get`, `GET dashboard` and the live `dashboard:tick`. */
describe("dashboard", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(); });
  afterAll(async () => { await s?.close(); });

  it("counts posts, holds by reason, flags, decisions per manager with names, flags upheld and the median time to decide", async () => {
    const admin = await s.admin({ sub: "cm-dash", name: "Camille Dash" });
    const room = "product:dash-1";
    const shopper = await s.chat({ role: "member", sub: "dash-shopper" });
    const mod = await s.chat({ role: "moderator", sub: "dash-mod" });
    await post(shopper, room, "bonjour");
    const held1 = await postHeld(shopper, room);
    await postHeld(shopper, room, HELD_LINK);
    const visible = await post(shopper, room, "un message à signaler");
    await mod.join(room);
    await mod.flag(visible.id, "abuse");

    const before = await until(async () => {
      const d = await admin.dashboard({ room });
      return d.tiles.held === 2 && d.tiles.flagged === 1 && sum(d.series.messages) === 4 ? d : undefined;
    });
    expect(before.range).toBe("hour");
    expect(before.series.at).toHaveLength(60);
    expect(before.series.heldBy.map((l) => l.key).sort()).toStrictEqual(["link", "word"]);
    expect(before.tiles.queue).toBeGreaterThanOrEqual(3);
    expect(before.tiles.oldestQueuedAt).toBeLessThanOrEqual(Date.now());
    expect(before.tiles.medianDecisionSec).toBeNull();

    await admin.resolve(held1.id, "approve");
    await admin.resolve(visible.id, "remove");
    const after = await admin.dashboard({ room, range: "day" });
    expect(after.series.at).toHaveLength(24);
    expect(after.tiles.decisions).toBe(2);
    expect(after.tiles.medianDecisionSec).toEqual(expect.any(Number));
    expect(after.series.decisions).toStrictEqual([expect.objectContaining({ key: "cm-dash", name: "Camille Dash", approved: 1, removed: 1 })]);
    expect(sum(after.series.flagsUpheld)).toBe(1);
    expect(after.series.removedBy.map((l) => [l.key, sum(l.values)])).toStrictEqual([["illegal_or_harmful_speech", 1]]);
    // The tenant-wide view holds the room's figures too; the week has one bucket per hour.
    const week = await admin.dashboard({ range: "week" });
    expect(week.series.at).toHaveLength(168);
    expect(sum(week.series.held)).toBeGreaterThanOrEqual(2);
    expect(week).not.toHaveProperty("room");
  });

  it("pushes the tenant's tiles on the feed, and they move when a message is held", async () => {
    const admin = await s.admin({ sub: "cm-dash-2" });
    await admin.subscribe();
    const first = await waitFor<{ at: number; tiles: DashboardTiles }>(admin, "dashboard:tick");
    const shopper = await s.chat({ role: "member", sub: "dash-shopper-2" });
    await postHeld(shopper, "product:dash-2");
    const moved = await waitFor<{ at: number; tiles: DashboardTiles }>(admin, "dashboard:tick", (t) => t.tiles.held > first.tiles.held, 10_000);
    expect(moved.tiles.queue).toBeGreaterThan(0);
  });

  it("answers over REST", async () => {
    const r = await s.rest("GET", "dashboard?room=product%3Adash-1&range=week");
    expect(r.status).toBe(200);
    expect((r.body as Dashboard).room).toBe("product:dash-1");
    expect((r.body as Dashboard).series.at).toHaveLength(168);
    expect((await s.rest("GET", "dashboard?range=year")).body).toMatchObject({ error: { code: "invalid_payload" } });
    expect((await s.rest("GET", "dashboard")).status).toBe(200);
  });

  it("refuses bad input with SPEC codes", async () => {
    const admin = await s.admin({ sub: "cm-dash-3" });
    const code = (p: unknown) => admin.dashboard(p as never).then(() => "ok", (e: ChatError) => e.code);
    expect(await code({ range: "month" })).toBe("invalid_payload");
    expect(await code({ range: 3 })).toBe("invalid_payload");
    expect(await code({ room: 42 })).toBe("invalid_payload");
    expect(await code({ room: "x".repeat(10_000) })).toBe("invalid_payload");
    expect(await code({ room: "" })).toBe("invalid_payload");
    expect(await code({ room: "product:ok", extra: true })).toBe("invalid_payload");
    expect(await code({ room: "has space/and?query" })).toBe("invalid_room");
    expect(await code({ room: "__proto__" })).toMatch(/^(ok|invalid_room)$/);
    expect(await code({})).toBe("ok");
  });

  it("an unknown room is simply empty", async () => {
    const admin = await s.admin({ sub: "cm-dash-4" });
    const d = await admin.dashboard({ room: "product:never-used", range: "hour" });
    expect(d.tiles).toMatchObject({ online: 0, messagesPerMinute: 0, held: 0, flagged: 0, decisions: 0, medianDecisionSec: null });
    expect(sum(d.series.messages)).toBe(0);
  });
});
