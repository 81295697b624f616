import type { Namespace, Socket } from "socket.io";
import type { Logger } from "pino";
import type { ZodType } from "zod";
import type { Stats } from "../../client-sdk/src/protocol.ts";
import { endAtTokenExpiry } from "./token-expiry.ts";
import type { SessionData } from "../contracts/session.ts";
import type { Metrics } from "../contracts/metrics.ts";
import { MANAGER_ACTIONS, performAction } from "../moderation/admin-actions.ts";
import type { ModerationService } from "../moderation/moderation-service.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { CausetteError } from "../errors.ts";
import { adminSchemas } from "../contracts/admin-schemas.ts";
import { rooms } from "../contracts/room-names.ts";
import { eventContext, eventHandler, InFlight, serveEvents, type EventHandler, type EventTable } from "./handler.ts";
import { openSession } from "./open-session.ts";

export interface AdminNamespaceDeps {
  tenants: TenantRegistry;
  moderation: ModerationService;
  metrics: Metrics;
  logger: Logger;
  inflight: InFlight;
}

/** How often the live feed pushes `stats` (SPEC §5.3: every two seconds). */
export const STATS_INTERVAL_MS = 2000;

/**
 * How often a node with no manager watching a tenant still computes its figures, for the /metrics
 * gauges alone (a scrape every 15 s or more is usual). Computing reads every room's statistics
 * from the store: on Redis, every two seconds on every node, for nobody, it was a tenth of an
 * idle node's CPU.
 */
export const UNWATCHED_STATS_INTERVAL_MS = 15_000;

/**
 * The managers' door (SPEC §5.3). The handshake already admitted only managers of the tenant;
 * every event is validated with the shared schema and handed to the moderation service through
 * the same action table the REST API uses.
 */
export function attachAdminNamespace(nsp: Namespace, deps: AdminNamespaceDeps): void {
  const ctx = eventContext(deps);
  const events = adminEvents(deps);
  nsp.on("connection", (socket: Socket) => {
    const { session, tenant } = openSession(socket, "/admin", deps);
    if (session.tokenValidUntil !== undefined) endAtTokenExpiry(socket, session.tokenValidUntil, "Your manager token has expired. Sign in again.");
    serveEvents(socket, events, { socket, tenant }, ctx);
  });
}

/** What a manager's connection's handlers work with. */
interface AdminConnection { socket: Socket; tenant: TenantRuntime }

/** The namespace's events, made once: the feed subscription, then every manager action. */
function adminEvents(deps: AdminNamespaceDeps): EventTable<AdminConnection> {
  const table: Record<string, EventHandler<AdminConnection>> = {
    "feed:subscribe": eventHandler(adminSchemas["feed:subscribe"], async ({ socket, tenant }, p) => {
      const t = tenant.id;
      for (const r of p.rooms ?? []) if (!tenant.roomPattern.test(r)) throw new CausetteError("invalid_room", `Not a room id of this tenant: ${r.slice(0, 64)}`);
      for (const r of socket.rooms) if (r.startsWith(rooms.feed(t))) await socket.leave(r);
      await socket.join(p.rooms?.length ? p.rooms.map((r) => rooms.feedRoom(t, r)) : [rooms.feed(t)]);
    }),
  };
  for (const name of MANAGER_ACTIONS) {
    // The actor is read on every call: a `session` re-emitted after a role change updates socket.data.
    table[name] = eventHandler(adminSchemas[name] as ZodType<unknown>, ({ socket, tenant }, p) =>
      performAction(deps.moderation, { tenant, actor: { ...(socket.data as SessionData).user } }, name, p as never));
  }
  return table;
}

/**
 * Pushes `stats` to this node's feed subscribers (each node serves its own sockets, so a cluster
 * of N nodes does not send N copies) and refreshes the /metrics gauges (every
 * UNWATCHED_STATS_INTERVAL_MS for a tenant nobody watches on this node). A socket that subscribed
 * to some rooms only gets those rooms' figures. With the stats goes `dashboard:tick`, the tenant's
 * dashboard tiles (an extension), to every feed subscriber of this node, read only when there is one.
 */
export function createStatsFeed(nsp: Namespace, deps: { tenants: TenantRegistry; moderation: ModerationService; logger: Logger }) {
  /** When each tenant's figures were last computed by this feed. */
  const computedAt = new Map<string, number>();
  return {
    async tick(now = Date.now()): Promise<void> {
      for (const tenant of deps.tenants.all()) {
        const t = tenant.id;
        const prefix = `${rooms.feed(t)}:r:`;
        const scoped = new Map<string, Set<string>>();
        for (const [name, sids] of nsp.adapter.rooms) {
          if (!name.startsWith(prefix)) continue;
          for (const sid of sids) {
            let set = scoped.get(sid);
            if (!set) scoped.set(sid, (set = new Set()));
            set.add(name.slice(prefix.length));
          }
        }
        // A socket is in one feed room at a time (feed:subscribe leaves the others): no copies.
        const watched = (nsp.adapter.rooms.get(rooms.feed(t))?.size ?? 0) > 0 || scoped.size > 0;
        if (!watched && now - (computedAt.get(t) ?? -Infinity) < UNWATCHED_STATS_INTERVAL_MS) continue;
        computedAt.set(t, now);
        let stats: Stats;
        try {
          stats = await deps.moderation.stats.compute(t);
        } catch (err) {
          deps.logger.warn({ err, tenant: t }, "stats failed");
          continue;
        }
        if (!watched) continue;
        nsp.local.to(rooms.feed(t)).emit("stats", stats);
        for (const [sid, watchedRooms] of scoped) nsp.sockets.get(sid)?.emit("stats", onlyRooms(stats, watchedRooms));
        try {
          const tick = { at: stats.at, tiles: await deps.moderation.dashboard.tiles(t, stats, undefined, stats.at) };
          nsp.local.to(rooms.feed(t)).emit("dashboard:tick", tick);
          for (const sid of scoped.keys()) nsp.sockets.get(sid)?.emit("dashboard:tick", tick);
        } catch (err) {
          deps.logger.warn({ err, tenant: t }, "dashboard tiles failed");
        }
      }
    },
  };
}

/** The figures of some rooms only; the queue size stays the tenant's (the queue is per tenant). */
function onlyRooms(s: Stats, watched: ReadonlySet<string>): Stats {
  const list = s.rooms.filter((r) => watched.has(r.room));
  return {
    at: s.at,
    queue: s.queue,
    online: list.reduce((n, r) => n + r.online, 0),
    messagesPerMinute: Math.round(list.reduce((n, r) => n + r.messagesPerMinute, 0) * 10) / 10,
    rooms: list,
  };
}
