import { createServer, type Server as HttpServer } from "node:http";
import { randomBytes } from "node:crypto";
import express from "express";
import type { Logger } from "pino";
import { createLogger } from "./logger.ts";
import { boundedStep } from "./bounded-step.ts";
import { Server as IOServer } from "socket.io";
import { createClientIpResolver } from "./auth/client-ip.ts";
import { createGuestTokens } from "./auth/guest-token.ts";
import { MessageService } from "./chat/message-service.ts";
import { RoomDirectory } from "./chat/room-directory.ts";
import type { Config } from "./config/schema.ts";
import { compileFilters, loadBaseLexicons } from "./filters/compile.ts";
import { adminApiRoutes } from "./http/admin-api.ts";
import { demoTokenEnabled, demoTokenRoutes } from "./http/demo-token.ts";
import { healthRoutes } from "./http/health.ts";
import { meApiRoutes } from "./http/me-api.ts";
import { noSniff } from "./http/no-sniff.ts";
import { httpErrorHandler, logServerErrors } from "./http/request-errors.ts";
import { HTTP_SERVER_OPTIONS } from "./http/server-options.ts";
import { createMetrics, type PrometheusMetrics } from "./http/metrics.ts";
import { pageRoutes } from "./http/pages.ts";
import { reportApiRoutes } from "./http/reports-api.ts";
import { widgetConfigRoutes } from "./http/widget-config.ts";
import { newId } from "./ids.ts";
import { AuditLog } from "./moderation/audit-log.ts";
import { ModerationService } from "./moderation/moderation-service.ts";
import { createAccessStage } from "./pipeline/access.ts";
import { createLinksStage } from "./pipeline/links.ts";
import { createNewcomersStage } from "./pipeline/newcomers.ts";
import { createRaidCountStage } from "./pipeline/raid-count.ts";
import { createRateStage } from "./pipeline/rate.ts";
import { createSpamStage } from "./pipeline/spam.ts";
import { createValidateStage } from "./pipeline/validate.ts";
import { createWordsStage } from "./pipeline/words.ts";
import { createHookStage } from "./pipeline/hook.ts";
import { OutboundClient } from "./outbound/outbound-client.ts";
import { DeliveryWorker } from "./webhooks/delivery-worker.ts";
import { EndpointRegistry } from "./webhooks/endpoint-registry.ts";
import { OutboxWriter } from "./webhooks/outbox-writer.ts";
import { WebhookService } from "./webhooks/webhook-service.ts";
import { attachAdminNamespace, createStatsFeed, STATS_INTERVAL_MS } from "./realtime/admin-namespace.ts";
import { attachChatNamespace } from "./realtime/chat-namespace.ts";
import { MAX_PAYLOAD_BYTES } from "./contracts/limits.ts";
import { InFlight } from "./realtime/handler.ts";
import { flushTransports } from "./realtime/flush-transports.ts";
import { createHandshake } from "./realtime/handshake.ts";
import { OnlinePush } from "./realtime/online-push.ts";
import { applyRoleChange } from "./realtime/role-change.ts";
import { Presence, PRESENCE_INTERVAL_MS } from "./realtime/presence.ts";
import { createSocketBroadcaster } from "./realtime/socket-broadcaster.ts";
import { installTransportFastPaths } from "./realtime/transport-fast-paths.ts";
import type { ClusterEvent } from "./store/bus/cluster-bus.ts";
import { createMemoryStores } from "./store/memory-stores.ts";
import type { Stores } from "./store/stores.ts";
import { TenantRegistry } from "./tenants/tenant-registry.ts";
import type { FilterCompiler } from "./tenants/tenant-runtime.ts";

/** Safety net behind cluster events: every node re-checks filter versions this often. */
const FILTER_POLL_MS = 5000;

export interface AppDeps {
  /** Stores to use instead of those `config.redis` names (tests give them). */
  stores?: Stores;
  logger?: Logger;
  nodeId?: string;
  compileFilters?: FilterCompiler;
  /** The moderation hook's circuit breaker (default: open after 3 failures in a row, for 5 s). */
  hookBreaker?: { failures: number; openMs: number };
}

export interface App {
  readonly config: Readonly<Config>;
  readonly http: HttpServer;
  readonly io: IOServer;
  readonly stores: Stores;
  readonly metrics: PrometheusMetrics;
  readonly tenants: TenantRegistry;
  readonly moderation: ModerationService;
  readonly nodeId: string;
  /** Starts listening; resolves with the bound port (config port, or the one given; 0 picks a free one). */
  listen(port?: number, host?: string): Promise<number>;
  /** Graceful stop (drain): /readyz 503 and new connections refused at once, in-flight acks finish, clients told to reconnect, stores closed. */
  close(): Promise<void>;
}

/** Wires everything from a validated config; no module-level state, so tests run many apps in one process. */
export async function createApp(config: Readonly<Config>, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config);
  const nodeId = deps.nodeId ?? newId("n_");
  const metrics = createMetrics();
  const cleanup: (() => Promise<void> | void)[] = [];

  let stores = deps.stores;
  let adapter: ((nsp: unknown) => unknown) | undefined;
  if (!stores && config.redis.url) {
    const { createRedisRuntime } = await import("./store/redis-runtime.ts");
    const rt = await createRedisRuntime({ ...config.redis, url: config.redis.url }, logger.child({ module: "redis" }), nodeId);
    stores = rt.stores;
    adapter = rt.adapter;
    cleanup.push(rt.close);
  }
  stores ??= createMemoryStores();
  const theStores = stores;

  const base = loadBaseLexicons();
  const compile: FilterCompiler = deps.compileFilters ?? ((lists) => compileFilters(lists, base));
  const tenants = new TenantRegistry(config, theStores, compile);
  await tenants.ready();

  /** Set at the start of close(): /readyz answers 503 and new connections are refused (rolling restarts). */
  let closing = false;
  const expressApp = express();
  expressApp.disable("x-powered-by");
  const http = createServer(HTTP_SERVER_OPTIONS, expressApp);
  const io = new IOServer(http, {
    // Room for a 20,000-character message in 4-byte characters plus framing; nothing legitimate is bigger.
    // The REST door uses the same limit (MAX_PAYLOAD_BYTES) so both accept the same requests.
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    cors: { origin: true, credentials: false },
    connectionStateRecovery: undefined,
    // A draining node takes no new connection: the handshake's HTTP request is refused, which a
    // client's reconnection treats like any transport failure and retries (through the balancer,
    // to another node). A namespace refusal would stop socket.io-client from retrying.
    allowRequest: (_req, cb) => (closing ? cb("draining", false) : cb(null, true)),
    ...(adapter ? { adapter: adapter as never } : {}),
  });
  const stopFastPaths = installTransportFastPaths(io.engine, config.server.transport, logger.child({ module: "transport" }));
  const chatNsp = io.of("/chat");
  const adminNsp = io.of("/admin");
  const broadcaster = createSocketBroadcaster(chatNsp, adminNsp);
  const presence = new Presence(chatNsp, theStores.presence, nodeId);
  const roomDir = new RoomDirectory(theStores.rooms, (t, r) => presence.online(t, r));
  const audit = new AuditLog(theStores.audit, broadcaster);
  // The brand's systems (SPEC §8): events go to the outbox, this node's worker delivers what is due.
  const outbound = new OutboundClient();
  const endpointRegistry = new EndpointRegistry(new Map(config.tenants.map((t) => [t.id, t])), theStores.webhookEndpoints);
  const deliveryWorker = new DeliveryWorker({
    registry: endpointRegistry, outbox: theStores.outbox, client: outbound, settings: config.server.webhooks, metrics, logger: logger.child({ module: "webhooks" }),
  });
  const events = new OutboxWriter({ registry: endpointRegistry, outbox: theStores.outbox, written: () => deliveryWorker.kick() });
  const webhooks = new WebhookService({ registry: endpointRegistry, store: theStores.webhookEndpoints, outbox: theStores.outbox, writer: events, bus: theStores.bus, audit });
  const moderation = new ModerationService({ stores: theStores, broadcaster, audit, metrics, rooms: roomDir, tenants, presence, events, webhooks, logger: logger.child({ module: "moderation" }) });
  const messages = new MessageService({
    stores: theStores, rooms: roomDir, broadcaster, audit, queue: moderation.queue, metrics, events, notices: moderation.notices,
    stages: [
      createValidateStage(), createRaidCountStage(moderation.raids), createAccessStage(theStores), createRateStage(),
      createNewcomersStage(theStores.newcomers), createSpamStage(), createWordsStage(), createLinksStage(),
      createHookStage({ tenants: config.tenants, people: theStores.people, client: outbound, metrics, ...(deps.hookBreaker ? { breaker: deps.hookBreaker } : {}) }),
    ],
  });
  const inflight = new InFlight();

  const handshakeDeps = {
    tenants, stores: theStores, nodeId, metrics, logger: logger.child({ module: "handshake" }),
    // Every node must accept every other node's guest tokens: without a configured secret, the store shares one.
    guestTokens: createGuestTokens(config.server.guestSecret ?? (await theStores.bus.sharedSecret("guest-token", randomBytes(32).toString("hex")))),
    clientIp: createClientIpResolver(config.server.trustProxy),
    maxConnectionsPerIp: config.server.maxConnectionsPerIp,
    evasion: moderation.evasion,
  };
  const refuseWhileClosing = (_s: unknown, next: (e?: Error) => void) =>
    closing ? next(Object.assign(new Error("store_unavailable"), { data: { code: "store_unavailable", message: "The server is shutting down." } })) : next();
  chatNsp.use(refuseWhileClosing);
  chatNsp.use(createHandshake(handshakeDeps, "chat"));
  adminNsp.use(refuseWhileClosing);
  adminNsp.use(createHandshake(handshakeDeps, "admin"));
  attachChatNamespace(chatNsp, { tenants, rooms: roomDir, messages, moderation, metrics, logger: logger.child({ module: "chat" }), inflight });
  attachAdminNamespace(adminNsp, { tenants, moderation, metrics, logger: logger.child({ module: "admin" }), inflight });
  const onlinePush = new OnlinePush({ chat: chatNsp, presence, rooms: roomDir, tenants, logger: logger.child({ module: "online" }) });
  const statsFeed = createStatsFeed(adminNsp, { tenants, moderation, logger: logger.child({ module: "stats" }) });

  expressApp.use(noSniff, logServerErrors(logger.child({ module: "http" })));
  expressApp.use(healthRoutes(theStores, metrics, config.server.metricsToken, () => closing));
  expressApp.use(widgetConfigRoutes(tenants));
  expressApp.use(reportApiRoutes({ tenants, moderation, clientIp: handshakeDeps.clientIp, bodyTimeoutMs: config.server.bodyTimeoutMs }));
  expressApp.use(meApiRoutes({ tenants, moderation, guestTokens: handshakeDeps.guestTokens, bodyTimeoutMs: config.server.bodyTimeoutMs }));
  expressApp.use(adminApiRoutes({ tenants, people: theStores.people, moderation, demoToken: demoTokenEnabled(config), bodyTimeoutMs: config.server.bodyTimeoutMs }));
  expressApp.use(demoTokenRoutes(config));
  expressApp.use(pageRoutes({ production: config.server.production }));
  expressApp.use(httpErrorHandler);

  // Node-local state that other nodes' actions make stale.
  const unsubscribe = theStores.bus.subscribe((ev: ClusterEvent) => {
    const tenant = tenants.get(ev.tenant);
    if (!tenant) return;
    if (ev.type === "filters:changed") void tenant.refreshFiltersTo(ev.version).catch((err) => logger.warn({ err }, "filter refresh failed"));
    else if (ev.type === "room:changed") roomDir.invalidate(ev.tenant, ev.room);
    else if (ev.type === "sanctions:changed") tenant.invalidateSanctions();
    else if (ev.type === "role:changed") applyRoleChange([chatNsp, adminNsp], ev.tenant, ev.userId, ev.role);
    else if (ev.type === "webhooks:changed") endpointRegistry.invalidate(ev.tenant);
  });

  const timers = [
    // Shoppers' online counts ride on the presence tick: it has just refreshed the cluster figures.
    setInterval(() => { void presence.tick(tenants.all().map((t) => t.id)).then(() => onlinePush.tick()).catch(() => undefined); }, PRESENCE_INTERVAL_MS),
    setInterval(() => { for (const t of tenants.all()) void t.refreshFilters().catch(() => undefined); }, FILTER_POLL_MS),
    setInterval(() => { void statsFeed.tick().catch(() => undefined); }, STATS_INTERVAL_MS),
    // SPEC §9.5: each node tries; the store's lock lets one at a time purge a tenant.
    setInterval(() => {
      for (const t of tenants.all()) {
        void moderation.retention.sweep(t, nodeId).catch((err: unknown) => logger.warn({ err, tenant: t.id }, "retention purge failed"));
      }
    }, config.server.retentionSweepMs),
  ];
  for (const t of timers) t.unref();
  deliveryWorker.start();

  return {
    config, http, io, stores: theStores, metrics, tenants, moderation, nodeId,
    listen(port = config.server.port, host = config.server.host) {
      return new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => {
          http.off("error", reject);
          const addr = http.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    async close() {
      if (closing) return;
      // Draining, in the order a balancer needs: /readyz answers 503 and handshakes are refused at
      // once (the HTTP listener stays open, so probes and REST calls in flight are answered);
      // events already received finish and their acks are flushed; then every connection is
      // closed without a disconnect packet, which socket.io-client reads as "transport close" and
      // answers by reconnecting (to another node), rejoining with `since` and resending what was
      // not acknowledged with the same clientId. Bounded by shutdownGraceMs plus the flush.
      closing = true;
      for (const t of timers) clearInterval(t);
      onlinePush.stop();
      moderation.raids.stop();
      unsubscribe();
      await Promise.all([inflight.drained(config.server.shutdownGraceMs), deliveryWorker.stop(config.server.shutdownGraceMs)]);
      stopFastPaths();
      await flushTransports(io, 1000);
      http.close();
      // io.close() answers once the HTTP server has closed, which waits for every connection to
      // end; one that is still busy (a probe or REST call mid-flight, a request on a keep-alive
      // connection) would hold the stop, so after a second the rest are cut.
      const ioClosed = new Promise<void>((resolve) => io.close(() => resolve()));
      if (!(await boundedStep(logger, "connections", ioClosed, 1000))) {
        http.closeAllConnections();
        await boundedStep(logger, "connections cut", ioClosed, 1000);
      }
      http.closeAllConnections();
      await boundedStep(logger, "webhook client", outbound.close(), 1000);
      for (const c of cleanup) await boundedStep(logger, "store runtime", c(), 1000);
      if (!deps.stores) await boundedStep(logger, "stores", theStores.close(), 1000);
    },
  };
}
