import type { EventEmitter } from "node:events";
import type { Socket as NetSocket } from "node:net";

/**
 * What we reach into: engine.io's WebSocket transport keeps its `ws` socket as `socket`, and `ws`
 * keeps the TCP socket as `_socket`. Both have been there since engine.io 4 and ws 1; the versions
 * are pinned and checked at start with everything else this reaches into (transport-internals.ts,
 * installed by transport-fast-paths.ts), and if a socket is still not found, frames go out one by
 * one, as without the coalescer. Other transports (long-polling, WebTransport) have no such
 * socket and are left alone.
 */
export interface Transport { writable: boolean; socket?: { _socket?: NetSocket } }
/** An engine.io connection, as its server's "flush" and "drain" events give it. */
interface EngineConnection { transport: Transport }

/**
 * Sends everything one WebSocket connection is given during one turn of the event loop in one
 * system call, at the end of the turn (uWebSockets' cork, done from the outside).
 *
 * Why: the kernel taking one write per frame is the largest single cost on a busy node's main
 * thread (the `writev` calls alone are a sixth of its time at the relay bench's standard load).
 * A post's author gets the room's broadcast and its ack in the same turn, and a node catching up
 * after a stall handles many posts per turn, so many frames go to the same connections. Corking the TCP
 * socket at the first frame of a turn and uncorking it in `setImmediate` (after the turn's I/O
 * callbacks) writes them as one `writev`, with no timer and no added latency beyond the turn.
 *
 * engine.io holds a transport's later packets until the kernel took the previous write; while
 * the socket is corked that is the end of the turn, so within the turn the transport is marked
 * writable again after each flush, to let the turn's other frames join the corked ones. At the
 * end of the turn it is marked not writable until the kernel took them (the last write callback
 * sets it back, as without the coalescer), so a client that stops reading still gets its frames
 * queued by engine.io, and `volatile` frames still dropped, from the next turn on. Every flush
 * keeps its own write callback, so engine.io's per-flush callbacks stay paired with their drains.
 * Long-polling transports are left alone (a poll answers one request with everything buffered).
 *
 * Bounds, for the record: a frame sent after the release in the same check phase (from a later
 * `setImmediate` callback, or a write callback's tick) waits for the next turn's release; and a
 * connection torn down while corked (ws `terminate()`) loses the frames of its last turn, which
 * without corking would have reached the kernel of a peer that is already gone.
 *
 * Frames can also be written to a held connection's TCP socket directly (prepared-frames.ts):
 * `hold` corks it for the turn like a flush does, but leaves `writable` alone at the release,
 * since no engine.io write callback is pending to set it back.
 */
export interface WriteCoalescer {
  /** Corks a WebSocket transport's TCP socket until the end of the turn, for a frame written to it directly. */
  hold(transport: Transport, raw: NetSocket): void;
  /** Stops coalescing and sends whatever is held. */
  stop(): void;
}

/** Starts coalescing the writes of an engine.io server's WebSocket connections (see WriteCoalescer). */
export function coalesceWrites(engine: EventEmitter): WriteCoalescer {
  // Keyed by transport, not connection: a connection that upgrades gets a new transport.
  // These listeners run for every frame sent, so they touch nothing but these when they can.
  let held = new Map<Transport, NetSocket>();
  /** The held transports engine.io flushed through this turn: their write callbacks are pending. */
  let flushed = new Set<Transport>();
  const release = () => {
    const sockets = held, pending = flushed;
    held = new Map();
    flushed = new Set();
    for (const [transport, raw] of sockets) {
      raw.uncork();
      // No write callback could run while corked; the last of this turn's sets it back to true.
      if (pending.has(transport)) transport.writable = false;
    }
  };
  const hold = (transport: Transport, raw: NetSocket) => {
    if (held.has(transport)) return;
    raw.cork();
    held.set(transport, raw);
    if (held.size === 1) setImmediate(release);
  };
  const onFlush = (conn: EngineConnection) => {
    const transport = conn.transport;
    if (flushed.has(transport)) return;
    const raw = transport.socket?._socket;
    if (raw === undefined) return;
    hold(transport, raw);
    flushed.add(transport);
  };
  const onDrain = (conn: EngineConnection) => {
    if (flushed.has(conn.transport)) conn.transport.writable = true;
  };
  engine.on("flush", onFlush);
  engine.on("drain", onDrain);
  return {
    hold,
    stop() {
      engine.off("flush", onFlush);
      engine.off("drain", onDrain);
      release();
    },
  };
}
