import type { IncomingMessage } from "node:http";
import { Router, type Request, type Response } from "express";
import { parsePayload } from "../contracts/parse-payload.ts";
import { reportCreateSchema } from "../contracts/user-schemas.ts";
import { CausetteError } from "../errors.ts";
import type { ModerationService } from "../moderation/moderation-service.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { authenticatedRouter } from "./authenticated-router.ts";
import { httpErrorHandler } from "./request-errors.ts";
import { sendError } from "./send-error.ts";

/**
 * The largest report body read: a 2,000-character explanation, name and e-mail, every character
 * escaped as \uXXXX, still fits; anything bigger is refused before it is parsed.
 */
export const MAX_REPORT_BODY_BYTES = 32 * 1024;

export interface ReportsApiDeps {
  tenants: TenantRegistry;
  moderation: ModerationService;
  /** The client IP as every door resolves it (server.trustProxy): what the per-IP budget counts. */
  clientIp: (req: IncomingMessage) => string;
  bodyTimeoutMs?: number;
}

/**
 * The public door for reports of illegal content (SPEC §9.3): no token, so anyone (a visitor
 * without the widget, a rights holder) may report; `POST reports` answers 201 with the receipt,
 * `GET reports/:id?receipt=…` the status to the receipt's holder only. Any page may call it
 * (CORS `*`, no credentials). Mounted before the managers' API, which would ask for a token.
 */
export function reportApiRoutes(deps: ReportsApiDeps): Router {
  const api = authenticatedRouter(async (req) => tenantOf(deps.tenants, req), "tenant", deps.bodyTimeoutMs ?? 10_000, MAX_REPORT_BODY_BYTES);
  api.post("/", async (req: Request, res: Response) => {
    const tenant = res.locals.tenant as TenantRuntime;
    try {
      const input = parsePayload(reportCreateSchema, req.body);
      res.status(201).json(await deps.moderation.reports.create(tenant, { ip: deps.clientIp(req) }, input));
    } catch (err) { sendError(res, err); }
  });
  api.get("/:id", async (req: Request, res: Response) => {
    const tenant = res.locals.tenant as TenantRuntime;
    const receipt = typeof req.query.receipt === "string" ? req.query.receipt : undefined;
    // A status is private to its receipt: never kept by a cache along the way.
    res.set("Cache-Control", "no-store");
    try { res.json(await deps.moderation.reports.status(tenant, String(req.params.id), receipt)); } catch (err) { sendError(res, err); }
  });
  api.use((_req: Request, res: Response) => { sendError(res, new CausetteError("not_found", "No such API route.")); });
  api.use(httpErrorHandler);
  const outer = Router();
  // CORS before anything else, so a page reads every answer, refusals included (unknown tenant,
  // invalid body, body too large), not only the successful ones.
  outer.use("/api/v1/tenants/:tenant/reports", (req: Request, res: Response, next) => {
    res.set("Access-Control-Allow-Origin", "*");
    if (req.method !== "OPTIONS") return next();
    res.set("Access-Control-Allow-Methods", "GET, POST").set("Access-Control-Allow-Headers", "Content-Type").set("Access-Control-Max-Age", "600").status(204).end();
  }, api);
  return outer;
}

function tenantOf(tenants: TenantRegistry, req: Request): TenantRuntime {
  const tenant = tenants.get(req.params.tenant as string);
  if (!tenant) throw new CausetteError("unknown_tenant");
  return tenant;
}
