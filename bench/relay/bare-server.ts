import { createServer } from "node:http";
import { Server } from "socket.io";
import { serveControl } from "./server-control.ts";
import { createRedisClients, waitUntilReady } from "../../server/store/redis-clients.ts";
import { shardedAdapter } from "../../server/store/redis-runtime.ts";

/**
 * The bare side's server (`--role server-bare`): a plain Socket.IO relay that acks and broadcasts
 * the same Message shape Causette does, and nothing else. With a Redis (Cluster) in
 * RELAY_BENCH_EXTRA (side bare-cluster-x2), it fans out through the same sharded adapter Causette
 * uses and nothing else: the cost of crossing nodes alone, with no store, as a floor.
 */
export async function runBareServer(): Promise<void> {
  const http = createServer();
  const extra = JSON.parse(process.env.RELAY_BENCH_EXTRA || "{}") as { redisUrl?: string; redisCluster?: boolean };
  let adapter: ReturnType<typeof shardedAdapter> | undefined;
  if (extra.redisUrl) {
    const clients = createRedisClients(extra.redisUrl, { cluster: extra.redisCluster === true, name: "bare" });
    await waitUntilReady(clients);
    adapter = shardedAdapter(clients, "relaybench:");
  }
  const io = new Server(http, { maxHttpBufferSize: 256 * 1024, pingInterval: 20_000, pingTimeout: 20_000, cors: { origin: true }, ...(adapter ? { adapter: adapter as never } : {}) });
  let seq = 0;
  io.of("/chat").on("connection", (socket) => {
    socket.on("room:join", (p: { room: string }, ack: (r: unknown) => void) => {
      void socket.join(p.room);
      ack({ ok: true, room: { id: p.room, contribution: "open", slowModeSec: 0, frozen: false, online: 0 }, history: [] });
    });
    socket.on("message:send", (p: { room: string; text: string }, ack: (r: unknown) => void) => {
      // The same shape Causette sends: a full Message, to the whole room (author included).
      const message = { id: `m_${(++seq).toString(36)}`, room: p.room, author: { id: socket.id, name: "Guest", role: "guest" }, text: p.text, createdAt: Date.now(), status: "visible" };
      io.of("/chat").to(p.room).emit("message", message);
      ack({ ok: true, message });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
  serveControl();
  process.send!({ type: "listening", port: (http.address() as { port: number }).port });
}
