import { createServer } from "node:http";
import type { Socket as NetSocket } from "node:net";
import { Server, type Socket } from "socket.io";
import { pino, type Logger } from "pino";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { installTransportFastPaths } from "../../server/realtime/transport-fast-paths.ts";
import type { TransportInternals } from "../../server/realtime/transport-internals.ts";

/**
 * A bare Socket.IO server with Causette's write path switched on or off (the write coalescer,
 * prepared broadcast frames, installed as the app installs them), and real socket.io-client
 * clients, for the tests of that path.
 */
export interface Rig { io: Server; url: string; stop: () => void; sockets: Socket[] }

export interface RigSet {
  /** `logger` and `internals` go to installTransportFastPaths (default: silent, and the installed packages). */
  rig(opts?: { coalesce?: boolean; prepared?: boolean; logger?: Logger; internals?: () => TransportInternals }): Promise<Rig>;
  client(r: Rig, transports?: ("websocket" | "polling")[]): Promise<{ c: ClientSocket; s: Socket }>;
  /** Closes every client and server made since the last call (for afterEach). */
  closeAll(): Promise<void>;
}

export function rigSet(): RigSet {
  const rigs: Rig[] = [];
  const clients: ClientSocket[] = [];
  return {
    async rig({ coalesce = true, prepared = false, logger = pino({ level: "silent" }), internals } = {}) {
      const http = createServer();
      const io = new Server(http);
      const stop = installTransportFastPaths(io.engine, { coalesceWrites: coalesce, preparedFrames: prepared }, logger, internals);
      const sockets: Socket[] = [];
      io.on("connection", (s) => sockets.push(s));
      await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
      const r = { io, url: `http://127.0.0.1:${(http.address() as { port: number }).port}`, stop, sockets };
      rigs.push(r);
      return r;
    },
    async client(r, transports = ["websocket"]) {
      const c = connect(r.url, { transports, reconnection: false });
      clients.push(c);
      await new Promise<void>((resolve, reject) => { c.once("connect", () => resolve()); c.once("connect_error", reject); });
      const s = r.sockets.find((x) => x.id === c.id)!;
      return { c, s };
    },
    async closeAll() {
      for (const c of clients.splice(0)) c.close();
      for (const r of rigs.splice(0)) { r.stop(); await r.io.close(); }
    },
  };
}

/** The TCP socket under a server-side Socket.IO socket on the WebSocket transport. */
export function tcpOf(s: Socket): NetSocket {
  return (s.conn.transport as unknown as { socket: { _socket: NetSocket } }).socket._socket;
}

/** The client's own TCP socket (to stop it reading, as a slow phone would). */
export function clientTcpOf(c: ClientSocket): NetSocket {
  return (c.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } }).transport.ws._socket;
}

/** Counts the write calls (each one system call) the TCP socket makes from now on. */
export function countWrites(raw: NetSocket): { readonly writes: number } {
  const counter = { writes: 0 };
  const w = raw as unknown as Record<"_write" | "_writev", (...a: unknown[]) => unknown>;
  for (const m of ["_write", "_writev"] as const) {
    const original = w[m]!.bind(raw);
    w[m] = (...a: unknown[]) => { counter.writes++; return original(...a); };
  }
  return counter;
}

/** Resolves with the first `n` payloads of `event` the client gets. */
export function receive(c: ClientSocket, event: string, n: number): Promise<unknown[]> {
  return new Promise((resolve) => {
    const got: unknown[] = [];
    const on = (p: unknown) => { got.push(p); if (got.length === n) { c.off(event, on); resolve(got); } };
    c.on(event, on);
  });
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Sends 0..total-1 as "n" from `s`'s handler, each number through the way `ways[i % 4]` names
 * (to `s` alone, or to the whole room), yielding after the third of every four in a microtask and
 * after the fourth in a new turn, so frames cross every path and boundary of the write path. It
 * resolves with what `c` (the sender's client) and `other` (another room member) got, in order.
 */
export async function sendAcrossPaths(
  r: Rig, sender: { c: ClientSocket; s: Socket }, other: ClientSocket, total: number,
  ways: readonly ["own" | "room", "own" | "room", "own" | "room", "own" | "room"],
): Promise<{ sent: unknown; mine: unknown[]; theirs: unknown[] }> {
  const { c, s } = sender;
  s.on("go", async (ack: (x: unknown) => void) => {
    let i = 0;
    while (i < total) {
      const step = i % 4;
      if (ways[step] === "own") s.emit("n", i++);
      else r.io.to("room").emit("n", i++);
      if (step === 2) await Promise.resolve();
      else if (step === 3) await new Promise((resolve) => setImmediate(resolve));
    }
    ack(i);
  });
  const toRoom = range(total).filter((i) => ways[i % 4] === "room").length;
  const mine = receive(c, "n", total);
  const theirs = receive(other, "n", toRoom);
  const sent = await c.timeout(5000).emitWithAck("go");
  return { sent, mine: await mine, theirs: await theirs };
}
