import type { EventEmitter } from "node:events";
import type { Socket as NetSocket } from "node:net";
import type { Transport, WriteCoalescer } from "./write-coalescer.ts";

/** What we read of an engine.io connection (engine.io 6: `Socket`), and the one method we wrap. */
interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: Transport & { perMessageDeflate?: unknown };
  write(data: unknown, options?: unknown, callback?: unknown): unknown;
}

/**
 * Writes a broadcast's ready-made WebSocket frame straight to each receiver's TCP socket.
 *
 * Why: a room broadcast is encoded once, and socket.io-adapter even frames it once for WebSocket
 * (`wsPreEncodedFrame`), but each receiver's copy still goes through engine.io's packet queue,
 * its flush and drain events, the transport's send, `ws`'s sender and a write callback, per
 * receiver, for bytes that are the same for all of them. Here the frame's parts are joined into
 * one buffer once per broadcast and each receiver gets a plain `write` of it, corked for the turn
 * by the coalescer. At the relay bench's standard load (20,000 receipts a second) that took the
 * node's main thread from 52.9% to 50.9% of a core (mean of 8 alternated rounds against the code
 * before it): modest, since the kernel's writes and socket.io's room walk stay.
 *
 * Only when nothing can tell the difference: the frame comes without a write callback, the
 * connection is open on a WebSocket without compression, engine.io has nothing queued for it and
 * its transport is writable (so a volatile frame is still dropped, and nothing overtakes what
 * engine.io holds), and the TCP socket is not past its high-water mark (a slow reader's frames
 * go to engine.io's queue, as before). Otherwise the frame takes the usual way. What the direct
 * way skips is engine.io's per-packet bookkeeping: its `packetCreate`, `flush` and `drain`
 * events, which nothing in Causette listens to except the coalescer.
 *
 * It relies on private parts of engine.io (`writeBuffer`, `readyState`, `transport`, `write`), ws
 * (`_socket`) and socket.io-adapter (`wsPreEncodedFrame`): transport-fast-paths.ts installs it only
 * once transport-internals.ts found them on the pinned versions.
 *
 * Returns a function that stops wrapping new connections (wrapped ones keep the direct way).
 */
export function sendPreparedFrames(engine: EventEmitter, coalescer?: WriteCoalescer): () => void {
  // A broadcast hands the same frame to every receiver in a row: one joined buffer serves them all.
  let lastFrame: unknown;
  let lastJoined: Buffer | undefined;
  const joined = (frame: unknown): Buffer | undefined => {
    if (frame !== lastFrame) {
      lastFrame = frame;
      lastJoined = Array.isArray(frame) && frame.length > 0 && frame.every((part) => Buffer.isBuffer(part))
        ? (frame.length === 1 ? frame[0] as Buffer : Buffer.concat(frame as Buffer[]))
        : undefined;
    }
    return lastJoined;
  };
  const direct = (conn: EngineConnection, frame: unknown): boolean => {
    if (conn.readyState !== "open" || conn.writeBuffer.length !== 0) return false;
    const transport = conn.transport;
    if (!transport.writable || transport.perMessageDeflate) return false;
    const raw: NetSocket | undefined = transport.socket?._socket;
    if (raw === undefined || raw.destroyed || raw.writableNeedDrain) return false;
    const bytes = joined(frame);
    if (bytes === undefined) return false;
    coalescer?.hold(transport, raw);
    raw.write(bytes);
    return true;
  };
  // One function for every connection, which finds its connection in `this` and engine.io's own
  // write on the prototype: a closure per connection would cost each idle one ~100 bytes.
  function write(this: EngineConnection, data: unknown, options?: unknown, callback?: unknown): unknown {
    const frame = callback === undefined && typeof options === "object" && options !== null
      ? (options as { wsPreEncodedFrame?: unknown }).wsPreEncodedFrame
      : undefined;
    if (frame !== undefined && direct(this, frame)) return this;
    return (Object.getPrototypeOf(this) as EngineConnection).write.call(this, data, options, callback);
  }
  const onConnection = (conn: EngineConnection) => { conn.write = write; };
  engine.on("connection", onConnection);
  return () => { engine.off("connection", onConnection); };
}
