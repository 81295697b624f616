import type { Server as IOServer } from "socket.io";

/**
 * Waits (at most `ms`) for acks that have just been sent but still sit in an engine.io socket's
 * write buffer because the transport is busy with the previous packet: `io.close()` discards
 * those buffers, so a graceful shutdown would lose answers it already gave.
 */
export async function flushTransports(io: IOServer, ms: number): Promise<void> {
  // `clients` is engine.io's public table of connections; `writeBuffer` and the "drain" event are
  // read defensively, so a socket without them simply counts as flushed.
  type EngineSocket = { readyState: string; writeBuffer?: unknown[]; once(event: "drain", fn: () => void): void };
  const clients = Object.values((io.engine as unknown as { clients: Record<string, EngineSocket> }).clients);
  const pending = clients.filter((c) => c.readyState === "open" && (c.writeBuffer?.length ?? 0) > 0)
    .map((c) => new Promise<void>((resolve) => c.once("drain", resolve)));
  if (!pending.length) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
  clearTimeout(timer);
}
