import type { Socket } from "socket.io";

/** setTimeout's longest delay; a later expiry is reached in several steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The handshake checks a token once; without this, an open socket would keep every power its
 * token gave long after the brand meant it to end. When the token stops being valid the socket
 * gets `session:ended` (invalid_token, as a new handshake with that token would get), then is
 * disconnected. Used for every /admin socket, and on /chat for moderator and manager tokens only:
 * a shopper's lapsing token grants no power over anyone and must not cut a conversation short.
 */
export function endAtTokenExpiry(socket: Socket, validUntil: number, reason: string): void {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const left = validUntil - Date.now();
    if (left > 0) {
      timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
      return;
    }
    socket.emit("session:ended", { code: "invalid_token", reason });
    socket.disconnect(true);
  };
  check();
  socket.once("disconnect", () => clearTimeout(timer));
}
