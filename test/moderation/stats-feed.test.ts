import type { Namespace } from "socket.io";
import { describe, expect, it } from "vitest";
import type { Stats } from "../../client-sdk/src/protocol.ts";
import { rooms } from "../../server/contracts/room-names.ts";
import { createStatsFeed, STATS_INTERVAL_MS, UNWATCHED_STATS_INTERVAL_MS } from "../../server/realtime/admin-namespace.ts";
import type { ModerationService } from "../../server/moderation/moderation-service.ts";
import type { TenantRegistry } from "../../server/tenants/tenant-registry.ts";
import pino from "pino";

/**
 * The live feed's tick (SPEC §5.3 `stats` every two seconds) reads every room's statistics; a
 * node computes them every tick only for tenants a manager watches on it, and otherwise every
 * UNWATCHED_STATS_INTERVAL_MS, for the /metrics gauges.
 */
describe("stats feed tick", () => {
  function rig() {
    const computed: string[] = [];
    const emitted: string[] = [];
    const adapterRooms = new Map<string, Set<string>>();
    const nsp = {
      adapter: { rooms: adapterRooms },
      local: { to: (room: string) => ({ emit: (event: string) => { emitted.push(`${room} ${event}`); } }) },
      sockets: new Map(),
    } as unknown as Namespace;
    const stats: Stats = { at: 0, online: 0, queue: 0, messagesPerMinute: 0, rooms: [] };
    const moderation = {
      stats: { compute: async (t: string) => { computed.push(t); return stats; } },
      dashboard: { tiles: async () => [] },
    } as unknown as ModerationService;
    const tenants = { all: () => [{ id: "acme" }, { id: "other" }] } as unknown as TenantRegistry;
    const feed = createStatsFeed(nsp, { tenants, moderation, logger: pino({ level: "silent" }) });
    return { feed, computed, emitted, adapterRooms };
  }

  it("nobody watching: figures computed at the first tick, then once per UNWATCHED_STATS_INTERVAL_MS, and sent to nobody", async () => {
    const { feed, computed, emitted } = rig();
    for (let now = 0; now < 2 * UNWATCHED_STATS_INTERVAL_MS; now += STATS_INTERVAL_MS) await feed.tick(now);
    expect(computed).toEqual(["acme", "other", "acme", "other"]);
    expect(emitted).toEqual([]);
  });

  it("a manager watching one tenant on this node: that tenant's figures every tick, pushed with its tiles", async () => {
    const { feed, computed, emitted, adapterRooms } = rig();
    adapterRooms.set(rooms.feed("acme"), new Set(["sid-1"]));
    for (let now = 0; now < 3 * STATS_INTERVAL_MS; now += STATS_INTERVAL_MS) await feed.tick(now);
    expect(computed.filter((t) => t === "acme")).toHaveLength(3);
    expect(computed.filter((t) => t === "other")).toHaveLength(1);
    expect(emitted).toEqual(Array.from({ length: 3 }, () => [`${rooms.feed("acme")} stats`, `${rooms.feed("acme")} dashboard:tick`]).flat());
  });
});
