import type { Namespace, Socket } from "socket.io";
import type { Logger } from "pino";
import type { FlagReason } from "../../client-sdk/src/protocol.ts";
import type { MessageService } from "../chat/message-service.ts";
import type { RoomDirectory } from "../chat/room-directory.ts";
import type { SessionData } from "../contracts/session.ts";
import { CausetteError } from "../errors.ts";
import { whenReady } from "../maybe-promise.ts";
import type { Metrics } from "../contracts/metrics.ts";
import type { ModerationService } from "../moderation/moderation-service.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { rooms } from "../contracts/room-names.ts";
import { chatSchemas } from "./chat-schemas.ts";
import { eventContext, eventHandler, InFlight, serveEvents, type EventHandler, type EventTable } from "./handler.ts";
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

/** What a shopper's connection's handlers work with. */
interface ChatConnection {
  socket: Socket;
  session: SessionData;
  tenant: TenantRuntime;
}

/** Whether the connection's socket is in the tenant's `room`. */
const joined = (c: ChatConnection, room: string) => c.socket.rooms.has(rooms.room(c.tenant.id, room));

/** The shoppers' door (SPEC §5.1): thin handlers that validate, then call the services. */
export function attachChatNamespace(nsp: Namespace, deps: ChatNamespaceDeps): void {
  const ctx = eventContext(deps);
  const events = chatEvents(deps);
  nsp.on("connection", (socket: Socket) => {
    const { session, tenant } = openSession(socket, "/chat", deps);
    // A moderator's or manager's token carries powers over others (hiding at once, posting in
    // frozen rooms): they end with it. Roles a manager granted are not token-bound and stay.
    const powerful = session.tokenRole === "moderator" || session.tokenRole === "manager";
    if (powerful && session.tokenValidUntil !== undefined) {
      endAtTokenExpiry(socket, session.tokenValidUntil, "Your moderator session has expired. Reload the page to continue.");
    }
    serveEvents(socket, events, { socket, session, tenant }, ctx);
  });
}

/** The namespace's events, made once: each handler finds its socket, session and tenant in the connection. */
function chatEvents(deps: ChatNamespaceDeps): EventTable<ChatConnection> {
  // Typed by the schemas' names, so an event with a schema and no handler does not compile.
  const table: Record<keyof typeof chatSchemas, EventHandler<ChatConnection>> = {
    "room:join": eventHandler(chatSchemas["room:join"], async (c, p) => {
      const { socket, session, tenant } = c;
      const room = deps.rooms.validate(tenant, p.room);
      if (!joined(c, room)) {
        const prefix = rooms.room(tenant.id, "");
        const count = [...socket.rooms].filter((r) => r.startsWith(prefix)).length;
        if (count >= MAX_ROOMS_PER_SOCKET) throw new CausetteError("forbidden", `At most ${MAX_ROOMS_PER_SOCKET} rooms at once.`);
      }
      // Join the broadcasts before reading the history: a message stored in between then reaches
      // the socket live (the client de-duplicates by id) instead of falling between the two.
      const wasIn = joined(c, room);
      await socket.join(rooms.room(tenant.id, room));
      if (!wasIn) deps.moderation.raids.joined(tenant, room);
      try {
        const opts: Parameters<MessageService["join"]>[3] = {};
        if (p.since !== undefined) opts.since = p.since;
        if (p.recheck !== undefined) opts.recheck = p.recheck;
        const view = await deps.messages.join(tenant, session, room, opts);
        return { room: await deps.rooms.info(tenant, room), ...view };
      } catch (err) {
        if (!wasIn) await socket.leave(rooms.room(tenant.id, room));
        throw err;
      }
    }),

    "room:leave": eventHandler(chatSchemas["room:leave"], async (c, p) => {
      await c.socket.leave(rooms.room(c.tenant.id, p.room));
    }),

    // Not async: a plain post on the embedded store is judged, stored, broadcast and acked in one go.
    "message:send": eventHandler(chatSchemas["message:send"], (c, p) => {
      const room = deps.rooms.validate(c.tenant, p.room);
      if (!joined(c, room)) throw new CausetteError("not_in_room");
      const input: Parameters<MessageService["send"]>[2] = { room, text: p.text };
      if (p.replyTo !== undefined) input.replyTo = p.replyTo;
      if (p.clientId !== undefined) input.clientId = p.clientId;
      return whenReady(deps.messages.send(c.tenant, c.session, input), (message) => ({ message }));
    }),

    "message:flag": eventHandler(chatSchemas["message:flag"], async (c, p) => {
      const input = { messageId: p.messageId, reason: p.reason as FlagReason, ...(p.note ? { note: p.note } : {}) };
      return deps.moderation.flag(c.tenant, c.session, input, (room) => joined(c, room));
    }),

    "message:helpful": eventHandler(chatSchemas["message:helpful"], async (c, p) => {
      return deps.moderation.helpful(c.tenant, c.session, p.messageId, (room) => joined(c, room));
    }),

    "alert:raise": eventHandler(chatSchemas["alert:raise"], async (c, p) => {
      const room = deps.rooms.validate(c.tenant, p.room);
      if (!joined(c, room)) throw new CausetteError("not_in_room");
      await deps.moderation.raiseAlert(c.tenant, c.session, room, p.note);
    }),

    "notices:list": eventHandler(chatSchemas["notices:list"], async (c) => deps.moderation.notices.list(c.tenant, c.session.user.id)),

    "appeal:create": eventHandler(chatSchemas["appeal:create"], async (c, p) => deps.moderation.appeals.create(c.tenant, c.session.user, p)),

    // Anyone may report (SPEC §9.3), in the room or not: the public REST route needs no room either.
    "message:report": eventHandler(chatSchemas["message:report"], async (c, p) =>
      deps.moderation.reports.create(c.tenant, { user: c.session.user, ip: c.session.ip, bot: c.session.device.bot === true }, p)),
  };
  return table;
}
