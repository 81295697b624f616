import { Router, type Request, type Response } from "express";
import type { AuditEntry, Author, TransparencyReport } from "../../client-sdk/src/protocol.ts";
import { requireManager } from "../contracts/session.ts";
import { parsePayload } from "../contracts/parse-payload.ts";
import { CausetteError } from "../errors.ts";
import { runAction, type ManagerAction } from "../moderation/admin-actions.ts";
import type { ModerationService } from "../moderation/moderation-service.ts";
import { adminSchemas } from "../contracts/admin-schemas.ts";
import type { PeopleStore } from "../store/people/people-store.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { ADMIN_ROUTES } from "./admin-routes.ts";
import { tenantAndBearer } from "./bearer-token.ts";
import { authenticatedRouter } from "./authenticated-router.ts";
import { buildOpenApi, pathParams } from "./openapi.ts";
import { reportRows } from "../moderation/transparency-service.ts";
import { sendDownload } from "./download.ts";
import { httpErrorHandler } from "./request-errors.ts";
import { sendError } from "./send-error.ts";

/** Query values are strings; these keys are numbers in the schemas. */
const NUMERIC_QUERY = new Set(["limit", "before", "after"]);
const EXPORT_PAGE = 200;

export interface AdminApiDeps {
  tenants: TenantRegistry;
  /** Roles granted by managers, which decide who may use the API along with the token's. */
  people: PeopleStore;
  moderation: ModerationService;
  /** Whether the demo-token route is mounted, so the OpenAPI document lists it. */
  demoToken?: boolean;
  /** How long a request body may take to arrive (config `server.bodyTimeoutMs`). */
  bodyTimeoutMs?: number;
}

interface Authed { tenant: TenantRuntime; actor: Author }

/**
 * The managers' REST door (SPEC §5.4): authenticate, build the payload from path, query and
 * body, then run the same action as the /admin event. No rule is re-checked here.
 */
export function adminApiRoutes(deps: AdminApiDeps): Router {
  const outer = Router();
  const openapi = buildOpenApi(ADMIN_ROUTES, { demoToken: deps.demoToken ?? false });
  outer.get("/api/v1/openapi.json", (_req, res) => { res.json(openapi); });

  // The socket door's limit, so a payload valid on /admin is valid here too (a full lexicon edit is ~200 kB).
  const api = authenticatedRouter((req) => authenticate(deps, req), "authed", deps.bodyTimeoutMs ?? 10_000);

  for (const route of ADMIN_ROUTES) {
    const params = pathParams(route.path);
    api[route.method](`/${route.path}`, async (req: Request, res: Response) => {
      const { tenant, actor } = res.locals.authed as Authed;
      try {
        if (route.action === "audit:list" && req.query.format !== undefined) return await exportAudit(deps, tenant, req, res);
        if (route.action === "transparency:get" && req.query.format !== undefined) return await exportTransparency(deps, { tenant, actor }, req, res);
        if (route.action === "statements:list") return await exportStatements(deps, tenant, req, res);
        const payload: Record<string, unknown> = {};
        if (route.input === "query") Object.assign(payload, fromQuery(req.query));
        if (route.input === "body" || route.method === "delete") Object.assign(payload, fromBody(req.body, route.input === "body"));
        for (const p of params) payload[p] = req.params[p];
        res.json(await runAction(deps.moderation, { tenant, actor }, route.action, payload));
      } catch (err) {
        if (res.headersSent) res.destroy();
        else sendError(res, err);
      }
    });
  }
  api.use((_req: Request, res: Response) => { sendError(res, new CausetteError("not_found", "No such API route.")); });
  // Body parser failures (broken JSON, too large, a Content-Encoding it cannot decode) are invalid_payload.
  api.use(httpErrorHandler);
  outer.use("/api/v1/tenants/:tenant", api);
  return outer;
}

/** Unknown tenant 404, missing token 401, bad token 401, not a manager 403 (SPEC §5.4). */
async function authenticate(deps: AdminApiDeps, req: Request): Promise<Authed> {
  const { tenant, token } = tenantAndBearer(deps.tenants, req, "manager JWT");
  const claims = await tenant.verifyToken(token);
  const role = requireManager(claims.role, await deps.people.getRole(tenant.id, claims.sub));
  return { tenant, actor: { id: claims.sub, name: claims.name, role } };
}

function fromQuery(query: Request["query"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    out[k] = NUMERIC_QUERY.has(k) && typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v;
  }
  return out;
}

function fromBody(body: unknown, required: boolean): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    if (required || body !== "") throw new CausetteError("invalid_payload", "The body must be a JSON object.");
    return {};
  }
  return { ...(body as Record<string, unknown>) };
}

/** Streams every matching audit entry, page after page, so an export never sits in memory whole. */
async function exportAudit(deps: AdminApiDeps, tenant: TenantRuntime, req: Request, res: Response): Promise<void> {
  const { format, ...rest } = fromQuery(req.query);
  if (format !== "ndjson" && format !== "csv") throw new CausetteError("invalid_payload", "format: must be ndjson or csv");
  const filter = parsePayload(adminSchemas["audit:list"].omit({ limit: true, cursor: true }), rest);
  const audit = deps.moderation.audit;
  const stamp = new Date().toISOString().slice(0, 10);
  await sendDownload(res, { name: `audit-${tenant.id}-${stamp}.${format}`, type: format === "csv" ? CSV_TYPE : NDJSON_TYPE }, (async function* () {
    let page = await audit.list(tenant.id, { ...filter, limit: EXPORT_PAGE });
    if (format === "csv") yield `${CSV_COLUMNS.join(",")}\r\n`;
    for (;;) {
      yield page.entries.map((e) => (format === "csv" ? csvRow(e) : `${JSON.stringify(e)}\n`)).join("");
      if (!page.cursor) return;
      page = await audit.list(tenant.id, { ...filter, limit: EXPORT_PAGE, cursor: page.cursor });
    }
  })());
}

/** SPEC §9.4: `GET transparency?…&format=csv`, one `figure,value` row per figure; `format=json` is the plain answer. */
async function exportTransparency(deps: AdminApiDeps, { tenant, actor }: Authed, req: Request, res: Response): Promise<void> {
  const { format, ...rest } = fromQuery(req.query);
  if (format !== "csv" && format !== "json") throw new CausetteError("invalid_payload", "format: must be csv or json");
  const report = await runAction(deps.moderation, { tenant, actor }, "transparency:get", rest) as TransparencyReport;
  if (format === "json") { res.json(report); return; }
  const csv = `figure,value\r\n${reportRows(report).map((r) => `${r.map(csvCell).join(",")}\r\n`).join("")}`;
  await sendDownload(res, { name: `transparency-${tenant.id}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`, type: CSV_TYPE }, (async function* () { yield csv; })());
}

/** SPEC §9.4: `GET statements`, the whole period's statements of reasons as NDJSON, page by page. */
async function exportStatements(deps: AdminApiDeps, tenant: TenantRuntime, req: Request, res: Response): Promise<void> {
  const p = parsePayload(adminSchemas["statements:list"].omit({ limit: true, cursor: true }), fromQuery(req.query));
  const pages = deps.moderation.transparency.allStatements(tenant, p);
  await sendDownload(res, { name: `statements-${tenant.id}-${p.from.slice(0, 10)}-${p.to.slice(0, 10)}.ndjson`, type: NDJSON_TYPE }, (async function* () {
    for await (const page of pages) yield page.map((s) => `${JSON.stringify(s)}\n`).join("");
  })());
}

const CSV_TYPE = "text/csv; charset=utf-8";
const NDJSON_TYPE = "application/x-ndjson; charset=utf-8";

export const CSV_COLUMNS = ["id", "at", "actor_id", "actor_name", "actor_role", "action", "target", "reason"] as const;

function csvRow(e: AuditEntry): string {
  const actor = e.actor as { id: string; name?: string; role?: string };
  return [e.id, new Date(e.at).toISOString(), actor.id, actor.name ?? "", actor.role ?? "", e.action, JSON.stringify(e.target), e.reason ?? ""]
    .map(csvCell).join(",") + "\r\n";
}

/**
 * RFC 4180 quoting, plus the spreadsheet formula-injection guard: a cell that a spreadsheet
 * would evaluate (starting with = + - @, or a tab/CR that some strip first) gets a leading `'`.
 */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}
