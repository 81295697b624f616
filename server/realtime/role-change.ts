import type { Namespace } from "socket.io";
import type { Role, SessionInfo } from "../../client-sdk/src/protocol.ts";
import { rooms } from "../contracts/room-names.ts";
import { effectiveRole, type SessionData } from "../contracts/session.ts";

/**
 * A manager changed someone's role (a cluster event, so every node runs this for its own
 * sockets): that user's sockets on this node take the new effective role at once and get a
 * fresh `session` (SPEC §4: re-emitted whenever the user's role changes).
 */
export function applyRoleChange(namespaces: readonly Namespace[], tenant: string, userId: string, granted: Role | null): void {
  for (const nsp of namespaces) {
    const room = nsp.adapter.rooms.get(rooms.user(tenant, userId));
    for (const sid of room ?? []) {
      const socket = nsp.sockets.get(sid);
      if (!socket) continue;
      const data = socket.data as SessionData;
      data.user = { ...data.user, role: effectiveRole(data.tokenRole, granted) };
      const session: SessionInfo = { user: data.user, serverTime: Date.now() };
      socket.emit("session", session);
    }
  }
}
