import { createHash, timingSafeEqual } from "node:crypto";
import { Router, type Request } from "express";
import type { PrometheusMetrics } from "./metrics.ts";
import type { StoreLifecycle } from "../store/stores.ts";
import { CausetteError } from "../errors.ts";
import { sendError } from "./send-error.ts";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Whether the request carries `Authorization: Bearer <token>`. Both sides are hashed first, so
 * the comparison takes the same time whatever the guess, its length included.
 */
function bearerMatches(req: Request, expected: Buffer): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "");
  return m !== null && timingSafeEqual(digest(m[1]!), expected);
}

/**
 * Liveness, readiness (the store answers and the node is not draining) and Prometheus metrics. With `metricsToken` (config
 * `server.metricsToken`, for deployments whose port is reachable from outside), /metrics wants it
 * as a bearer token; without it, /metrics is open.
 */
export function healthRoutes(store: Pick<StoreLifecycle, "kind" | "ping">, metrics: PrometheusMetrics, metricsToken?: string, draining: () => boolean = () => false): Router {
  const r = Router();
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  r.get("/healthz", (_req, res) => { res.json({ ok: true }); });
  r.get("/readyz", async (_req, res) => {
    // A node shutting down says so before anything else, so the balancer stops sending it shoppers.
    if (draining()) return void res.status(503).json({ ok: false, store: store.kind, draining: true });
    const ok = await store.ping();
    res.status(ok ? 200 : 503).json({ ok, store: store.kind });
  });
  r.get("/metrics", async (req, res) => {
    if (expected && !bearerMatches(req, expected)) {
      res.set("WWW-Authenticate", 'Bearer realm="metrics"');
      const missing = req.get("authorization") === undefined;
      return sendError(res, missing
        ? new CausetteError("unauthorized", "Send Authorization: Bearer <server.metricsToken>.")
        : new CausetteError("invalid_token", "Wrong metrics token."));
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return r;
}
