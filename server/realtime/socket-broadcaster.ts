import type { Namespace } from "socket.io";
import type { SessionEnded } from "../../client-sdk/src/protocol.ts";
import { compileCidrMatcher } from "../auth/cidr.ts";
import type { SessionData } from "../contracts/session.ts";
import type { Broadcaster } from "../contracts/broadcaster.ts";
import { rooms } from "../contracts/room-names.ts";

/** Broadcaster over Socket.IO namespaces; with the Redis adapter every call reaches every node. */
export function createSocketBroadcaster(chat: Namespace, admin: Namespace): Broadcaster {
  return {
    toRoom(tenant, room, event, ...args) {
      chat.to(rooms.room(tenant, room)).emit(event, ...(args as unknown as never[]));
    },
    toUser(tenant, userId, event, ...args) {
      chat.to(rooms.user(tenant, userId)).emit(event, ...(args as unknown as never[]));
    },
    toAdmins(tenant, room, event, ...args) {
      const targets = room ? [rooms.feed(tenant), rooms.feedRoom(tenant, room)] : [rooms.feed(tenant)];
      admin.to(targets).emit(event, ...(args as unknown as never[]));
    },
    async endSessions(tenant, match, ended: SessionEnded) {
      const scope = "userId" in match ? rooms.user(tenant, match.userId) : rooms.tenant(tenant);
      const sockets = await chat.in(scope).fetchSockets();
      const inRange = "cidr" in match ? compileCidrMatcher([{ cidr: match.cidr }]) : undefined;
      let n = 0;
      for (const s of sockets) {
        const data = s.data as SessionData;
        if (inRange && !inRange(data.ip)) continue;
        s.emit("session:ended", ended);
        s.disconnect(true);
        n++;
      }
      return n;
    },
    localOnline(tenant, room) {
      return chat.adapter.rooms.get(rooms.room(tenant, room))?.size ?? 0;
    },
  };
}
