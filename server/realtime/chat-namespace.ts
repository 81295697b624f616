import type { Namespace, Socket } from "socket.io";
import type { Logger } from "pino";
import type { FlagReason } from "../../client-sdk/src/protocol.ts";
import type { MessageService } from "../chat/message-service.ts";
import type { RoomDirectory } from "../chat/room-directory.ts";
import { CausetteError } from "../errors.ts";
import { whenReady } from "../maybe-promise.ts";
import type { Metrics } from "../http/metrics.ts";
import type { ModerationService } from "../moderation/moderation-service.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import { rooms } from "./broadcaster.ts";
import { chatSchemas } from "./chat-schemas.ts";
import { InFlight, onEvent, rejectUnknownEvents } from "./handler.ts";
import { openSession } from "./open-session.ts";
import { endAtTokenExpiry } from "./token-expiry.ts";

/** A socket may watch this many rooms at once (a page rarely has more than one or two). */
export const MAX_ROOMS_PER_SOCKET = 20;

export interface ChatNamespaceDeps {
  tenants: TenantRegistry;
  rooms: RoomDirectory;
  messages: MessageService;
  moderation: ModerationService;
  metrics: Metrics;
  logger: Logger;
  inflight: InFlight;
}

/** The shoppers' door (SPEC §5.1): thin handlers that validate, then call the services. */
export function attachChatNamespace(nsp: Namespace, deps: ChatNamespaceDeps): void {
  const known = new Set(Object.keys(chatSchemas));
  nsp.on("connection", (socket: Socket) => {
    const { session, tenant, ctx } = openSession(socket, "/chat", deps);
    const t = tenant.id;
    const joined = (room: string) => socket.rooms.has(rooms.room(t, room));
    rejectUnknownEvents(socket, known);
    // A moderator's or manager's token carries powers over others (hiding at once, posting in
    // frozen rooms): they end with it. Roles a manager granted are not token-bound and stay.
    const powerful = session.tokenRole === "moderator" || session.tokenRole === "manager";
    if (powerful && session.tokenValidUntil !== undefined) {
      endAtTokenExpiry(socket, session.tokenValidUntil, "Your moderator session has expired. Reload the page to continue.");
    }

    onEvent(socket, "room:join", chatSchemas["room:join"], async (p) => {
      const room = deps.rooms.validate(tenant, p.room);
      if (!joined(room)) {
        const count = [...socket.rooms].filter((r) => r.startsWith(`t:${t}:r:`)).length;
        if (count >= MAX_ROOMS_PER_SOCKET) throw new CausetteError("forbidden", `At most ${MAX_ROOMS_PER_SOCKET} rooms at once.`);
      }
      // Join the broadcasts before reading the history: a message stored in between then reaches
      // the socket live (the client de-duplicates by id) instead of falling between the two.
      const wasIn = joined(room);
      await socket.join(rooms.room(t, room));
      try {
        const opts: Parameters<MessageService["join"]>[3] = {};
        if (p.since !== undefined) opts.since = p.since;
        if (p.recheck !== undefined) opts.recheck = p.recheck;
        const view = await deps.messages.join(tenant, session, room, opts);
        return { room: await deps.rooms.info(tenant, room), ...view };
      } catch (err) {
        if (!wasIn) await socket.leave(rooms.room(t, room));
        throw err;
      }
    }, ctx);

    onEvent(socket, "room:leave", chatSchemas["room:leave"], async (p) => {
      await socket.leave(rooms.room(t, p.room));
    }, ctx);

    // Not async: a plain post on the embedded store is judged, stored, broadcast and acked in one go.
    onEvent(socket, "message:send", chatSchemas["message:send"], (p) => {
      const room = deps.rooms.validate(tenant, p.room);
      if (!joined(room)) throw new CausetteError("not_in_room");
      const input: Parameters<MessageService["send"]>[2] = { room, text: p.text };
      if (p.replyTo !== undefined) input.replyTo = p.replyTo;
      if (p.clientId !== undefined) input.clientId = p.clientId;
      return whenReady(deps.messages.send(tenant, session, input), (message) => ({ message }));
    }, ctx);

    onEvent(socket, "message:flag", chatSchemas["message:flag"], async (p) => {
      return deps.moderation.flag(tenant, session, { messageId: p.messageId, reason: p.reason as FlagReason, ...(p.note ? { note: p.note } : {}) }, joined);
    }, ctx);

    onEvent(socket, "message:helpful", chatSchemas["message:helpful"], async (p) => {
      return deps.moderation.helpful(tenant, session, p.messageId, joined);
    }, ctx);

    onEvent(socket, "alert:raise", chatSchemas["alert:raise"], async (p) => {
      const room = deps.rooms.validate(tenant, p.room);
      if (!joined(room)) throw new CausetteError("not_in_room");
      await deps.moderation.raiseAlert(tenant, session, room, p.note);
    }, ctx);
  });
}
