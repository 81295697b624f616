import { BENCH_TENANT } from "./bench-config.ts";

/** Which client library the generators speak through (see `test/shared/wire-client.ts`). */
export type LoadClient = "wire" | "socket.io";

/** What the generator needs of a client, whichever library speaks the protocol. */
export interface LoadConn {
  onMessage(handler: (msg: { text: string }) => void): void;
  /** Emits with an ack; `err` is set when no ack came within `timeoutMs`. */
  emit(event: string, payload: unknown, timeoutMs: number, done: (err: Error | undefined, res?: unknown) => void): void;
  close(): void;
}

/** Connects one client to `/chat` with the guest handshake, through the chosen library. */
export async function openConn(kind: LoadClient, url: string, timeoutMs: number): Promise<LoadConn> {
  const auth = { tenant: BENCH_TENANT };
  if (kind === "wire") {
    const { WireClient } = await import("../../test/shared/wire-client.ts");
    const c = new WireClient(url, "/chat", auth, timeoutMs);
    await c.connected;
    return { onMessage: (h) => c.on("message", h as (p: unknown) => void), emit: (e, p, t, d) => c.emit(e, p, t, d), close: () => c.close() };
  }
  const { io } = await import("socket.io-client");
  const s = io(`${url}/chat`, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => { s.close(); reject(new Error("connect timed out")); }, timeoutMs);
    s.once("connect_error", (e) => { clearTimeout(t); s.close(); reject(e); });
    s.once("connect", () => { clearTimeout(t); resolve(); });
  });
  return {
    onMessage: (h) => s.on("message", h),
    emit: (e, p, t, d) => s.timeout(t).emit(e, p, (err: Error | null, res: unknown) => d(err ?? undefined, res)),
    close: () => s.close(),
  };
}
