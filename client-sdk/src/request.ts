import type { Socket } from "socket.io-client";
import { ChatError } from "./chat-error.ts";
import type { Ack } from "./protocol.ts";

/** Emits one event and turns its ack into a value or a ChatError (timeout included). */
export function request<T extends object>(socket: Socket, event: string, payload: unknown, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: Ack<T> | undefined) => {
      if (err) return reject(new ChatError(socket.connected ? "timeout" : "disconnected", `${event}: no answer within ${timeoutMs} ms`));
      if (!res || typeof res !== "object") return reject(new ChatError("internal", "malformed acknowledgement"));
      if (res.ok) {
        const { ok: _ok, ...rest } = res as { ok: true } & T;
        resolve(rest as unknown as T);
      } else reject(ChatError.from(res.error));
    });
  });
}
