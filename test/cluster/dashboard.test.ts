import { afterAll, beforeAll, expect, it } from "vitest";
import type { Dashboard, DashboardTiles } from "../../client-sdk/src/index.ts";
import { describeRedis } from "../support/redis-server.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { HELD_LINK, post, postHeld } from "../moderation/support.ts";
import { until, waitFor } from "../support/wait.ts";

/** What both nodes must agree on (online counts too: presence is shared). */
const figures = (d: Dashboard) => ({ tiles: { ...d.tiles }, series: { ...d.series, at: undefined } });

/** The dashboard reads the store's shared counters: every node shows the same figures. */
describeRedis("dashboard across nodes", () => {
  let cluster: Cluster;
  beforeAll(async () => { cluster = await startCluster({}, "dash"); });
  afterAll(async () => { await cluster?.close(); });

  it("posts on A, holds and a decision on B: both nodes' dashboards show the same numbers, and B's feed tick moves", async () => {
    const { a, b } = cluster;
    const adminA = await a.admin({ sub: "cm-a", name: "Alix" });
    const adminB = await b.admin({ sub: "cm-b", name: "Bao" });
    await adminB.subscribe();
    const firstTick = await waitFor<{ tiles: DashboardTiles }>(adminB, "dashboard:tick");
    const room = "product:dash-cluster";
    const onA = await a.chat({ role: "member", sub: "shop-a" });
    const onB = await b.chat({ role: "member", sub: "shop-b" });
    await post(onA, room, "bonjour");
    const held = await postHeld(onA, room);
    await postHeld(onB, room, HELD_LINK);
    // The tick B pushes counts the hold made through A.
    await waitFor<{ tiles: DashboardTiles }>(adminB, "dashboard:tick", (t) => t.tiles.held >= firstTick.tiles.held + 2, 10_000);
    await adminB.resolve(held.id, "remove");

    for (const range of ["hour", "day", "week"] as const) {
      for (const scope of [{ room }, {}]) {
        const same = await until(async () => {
          const [da, db] = await Promise.all([adminA.dashboard({ ...scope, range }), adminB.dashboard({ ...scope, range })]);
          const fa = figures(da), fb = figures(db);
          // messagesPerMinute is an estimate weighted by the moment of reading; compare the rest.
          fa.tiles.messagesPerMinute = fb.tiles.messagesPerMinute = 0;
          return fa.tiles.decisions === 1 && JSON.stringify(fa) === JSON.stringify(fb) ? da : undefined;
        });
        expect(same.tiles).toMatchObject({ held: 2, decisions: 1 });
        expect(same.series.decisions).toStrictEqual([expect.objectContaining({ key: "cm-b", name: "Bao", removed: 1 })]);
      }
    }
  });
});
