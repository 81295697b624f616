import { afterAll, beforeAll, expect, it } from "vitest";
import type { RoomInfo } from "../../client-sdk/src/protocol.ts";
import { PRESENCE_INTERVAL_MS } from "../../server/realtime/presence.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { describeRedis } from "../support/redis-server.ts";
import { collect, until } from "../support/wait.ts";

/** A count made on one node reaches the other through its presence report, two ticks at most. */
const SETTLE_MS = PRESENCE_INTERVAL_MS * 5;

describeRedis("cluster online counts", () => {
  let cluster: Cluster;
  beforeAll(async () => { cluster = await startCluster({}, "onl"); });
  afterAll(async () => { await cluster?.close(); });

  it("counts members of both nodes, and each socket gets one room:updated per change", { timeout: 60_000 }, async () => {
    const { a, b } = cluster;
    const room = "product:online-cluster";
    const onA = await a.connected({ role: "member", sub: "cl-on-a" });
    const onB = await b.connected({ role: "member", sub: "cl-on-b" });
    const late = await b.connected({ role: "member", sub: "cl-on-late" });
    const seenA = collect<RoomInfo>(onA, "room:updated");
    const seenB = collect<RoomInfo>(onB, "room:updated");
    const last = (seen: RoomInfo[]) => seen.at(-1)?.online;

    await onA.join(room);
    await onB.join(room);
    // The member on B is counted for the member on A (and the other way round).
    await until(() => last(seenA) === 2 && last(seenB) === 2, SETTLE_MS);

    // From a settled room: one more member on B, then that member leaves.
    const fromA = seenA.length, fromB = seenB.length;
    await late.join(room);
    await until(() => last(seenA) === 3 && last(seenB) === 3, SETTLE_MS);
    await late.leave(room);
    await until(() => last(seenA) === 2 && last(seenB) === 2, SETTLE_MS);
    // Both nodes know the same count; had each broadcast through the Redis adapter, every
    // socket would get each change twice ([3, 3, 2, 2]).
    expect(seenA.slice(fromA).map((r) => r.online)).toEqual([3, 2]);
    expect(seenB.slice(fromB).map((r) => r.online)).toEqual([3, 2]);
    for (const seen of [seenA, seenB]) {
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.online, "the same count twice in a row").not.toBe(seen[i - 1]!.online);
      expect(seen.every((r) => r.id === room && r.frozen === false && r.contribution === "open")).toBe(true);
    }
  });
});
