import { io, type Socket } from "socket.io-client";
import { expect, it } from "vitest";
import { optionsFromArgs } from "../../bench/relay.ts";
import { describeRedisCluster } from "../support/redis-server.ts";

/**
 * The capacity bench's floor: two bare relays over a private Redis Cluster through the sharded
 * adapter. It must really cross nodes, or the "fan-out alone" figure would measure nothing.
 */
describeRedisCluster("relay bench side bare-cluster-x2", () => {
  it("is run only when named, and relays a message sent on one node to a client of the other", async () => {
    const [side] = optionsFromArgs(["--sides", "bare-cluster-x2", "--clients", "2"]).sides!;
    expect(side!.name).toBe("bare-cluster-x2");
    const running = await side!.start("bare-cluster-test");
    const sockets: Socket[] = [];
    try {
      expect(running.urls).toHaveLength(2);
      expect(new Set(running.urls).size).toBe(2);
      for (const url of running.urls) sockets.push(io(`${url}/chat`, { transports: ["websocket"], forceNew: true }));
      const [a, b] = sockets as [Socket, Socket];
      for (const s of sockets) await s.timeout(10_000).emitWithAck("room:join", { room: "r1" });
      const got = new Promise<{ text: string }>((resolve) => b.once("message", resolve));
      const ack = await a.timeout(10_000).emitWithAck("message:send", { room: "r1", text: "across nodes" }) as { ok: boolean };
      expect(ack.ok).toBe(true);
      expect((await got).text).toBe("across nodes");
      expect((await running.cpu())).toHaveLength(2);
    } finally {
      for (const s of sockets) s.disconnect();
      await running.stop();
    }
  }, 90_000);
});
