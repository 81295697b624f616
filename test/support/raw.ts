import { io, type Socket } from "socket.io-client";
import type { ErrorBody, SessionInfo } from "../../client-sdk/src/protocol.ts";

/**
 * Raw socket.io-client access to /chat for what the SDK would hide: spoofed headers, missing ack
 * callbacks, unknown events, malformed payloads. Every socket opened here is closed by `closeAllRaw()`.
 */
export interface RawOpts {
  auth?: Record<string, unknown>;
  headers?: Record<string, string>;
  namespace?: string;
}

const open = new Set<Socket>();

/** A not-yet-connected raw socket on the websocket transport (so extraHeaders reach the server in Node). */
export function rawSocket(url: string, o: RawOpts = {}): Socket {
  const s = io(`${url}${o.namespace ?? "/chat"}`, {
    transports: ["websocket"],
    autoConnect: false,
    reconnection: false,
    forceNew: true,
    auth: o.auth ?? { tenant: "acme" },
    ...(o.headers ? { extraHeaders: o.headers } : {}),
  });
  open.add(s);
  return s;
}

export type Refusal = Error & { data?: ErrorBody };

/** Connects and resolves with the `session` payload, or rejects with the `connect_error`. */
export function connectRaw(url: string, o: RawOpts = {}, timeoutMs = 5000): Promise<{ socket: Socket; session: SessionInfo }> {
  const socket = rawSocket(url, o);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { socket.close(); reject(new Error("raw connect timed out")); }, timeoutMs);
    socket.once("session", (session: SessionInfo) => { clearTimeout(t); resolve({ socket, session }); });
    socket.once("connect_error", (err: Refusal) => { clearTimeout(t); socket.close(); reject(err); });
    socket.connect();
  });
}

/** Connects expecting a refusal; resolves with the `connect_error` (fails if a session arrives). */
export async function refusedWith(url: string, o: RawOpts = {}): Promise<Refusal> {
  try {
    const { socket } = await connectRaw(url, o);
    socket.close();
  } catch (e) {
    return e as Refusal;
  }
  throw new Error("the handshake was accepted, a refusal was expected");
}

/** Emits with an ack and resolves with whatever the server answered (rejects on timeout). */
export function ask<T = any>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(5000).emit(event, ...args, (err: Error | null, res: T) => (err ? reject(err) : resolve(res)));
  });
}

export function closeAllRaw(): void {
  for (const s of open) s.close();
  open.clear();
}
