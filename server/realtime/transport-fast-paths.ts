import type { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { TransportConfig } from "../config/schema.ts";
import { sendPreparedFrames } from "./prepared-frames.ts";
import { findTransportInternals, missingInternals, type TransportInternals } from "./transport-internals.ts";
import { coalesceWrites } from "./write-coalescer.ts";

/**
 * Switches on the WebSocket write path's fast paths that `server.transport` asks for (the write
 * coalescer, prepared broadcast frames), once the private parts of engine.io, ws and
 * socket.io-adapter they rely on are found where the pinned versions keep them. When they are not
 * (another version installed, a part renamed), neither runs, the node logs one warning, and
 * every frame goes the ordinary way: slower, never wrong. Both reach into the same parts, so
 * either both may run or neither.
 *
 * Returns the function that stops them (the coalescer sends what it holds).
 */
export function installTransportFastPaths(
  engine: EventEmitter, wanted: Readonly<TransportConfig>, logger: Logger,
  internals: () => TransportInternals = findTransportInternals,
): () => void {
  if (!wanted.coalesceWrites && !wanted.preparedFrames) return () => undefined;
  const missing = missingInternals(internals());
  if (missing.length) {
    logger.warn({ missing }, "WebSocket fast paths off (server.transport): the socket.io internals they rely on are not the pinned ones; sending the ordinary way");
    return () => undefined;
  }
  const coalescer = wanted.coalesceWrites ? coalesceWrites(engine) : undefined;
  const stopPrepared = wanted.preparedFrames ? sendPreparedFrames(engine, coalescer) : () => undefined;
  return () => {
    stopPrepared();
    coalescer?.stop();
  };
}
