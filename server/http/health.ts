import { Router } from "express";
import type { Metrics } from "./metrics.ts";
import type { StoreLifecycle } from "../store/stores.ts";

/** Liveness, readiness (the store answers) and Prometheus metrics. */
export function healthRoutes(store: Pick<StoreLifecycle, "kind" | "ping">, metrics: Metrics): Router {
  const r = Router();
  r.get("/healthz", (_req, res) => { res.json({ ok: true }); });
  r.get("/readyz", async (_req, res) => {
    const ok = await store.ping();
    res.status(ok ? 200 : 503).json({ ok, store: store.kind });
  });
  r.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return r;
}
