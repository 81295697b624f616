import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { AuditEntry, Author } from "../../client-sdk/src/protocol.ts";
import { effectiveRole } from "../chat/session.ts";
import { CausetteError } from "../errors.ts";
import { runAction, type ManagerAction } from "../moderation/admin-actions.ts";
import type { ModerationService } from "../moderation/moderation-service.ts";
import { adminSchemas } from "../realtime/admin-schemas.ts";
import { MAX_PAYLOAD_BYTES } from "../realtime/handler.ts";
import type { PeopleStore } from "../store/people/people-store.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { buildOpenApi, pathParams } from "./openapi.ts";
import { sendError } from "./send-error.ts";

/** One REST route: which action it runs and where its payload comes from. */
export interface RestRoute {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Relative to `/api/v1/tenants/:tenant/`, Express syntax. */
  path: string;
  action: ManagerAction;
  /** GET and DELETE read the query string (DELETE also a JSON body); the others a JSON body. Path params always win. */
  input: "query" | "body";
  summary: string;
}

/** SPEC §5.4, plus the reads the back office needs (rooms, bans, ip-blocks, filters, mutes). */
export const ADMIN_ROUTES: readonly RestRoute[] = [
  { method: "get", path: "queue", action: "queue:list", input: "query", summary: "Review queue, high priority first" },
  { method: "post", path: "queue/:messageId/resolve", action: "queue:resolve", input: "body", summary: "Approve or remove a queued message (optionally ban its author)" },
  { method: "delete", path: "messages/:messageId", action: "message:delete", input: "query", summary: "Delete a message" },
  { method: "get", path: "rooms", action: "rooms:list", input: "query", summary: "Rooms of the tenant with live figures" },
  { method: "get", path: "rooms/:room/messages", action: "room:history", input: "query", summary: "A room's recent messages, every status" },
  { method: "delete", path: "rooms/:room/messages", action: "room:clear", input: "query", summary: "Clear a room" },
  { method: "patch", path: "rooms/:room", action: "room:update", input: "body", summary: "Freeze, slow mode, contribution model" },
  { method: "get", path: "bans", action: "bans:list", input: "query", summary: "Current bans" },
  { method: "post", path: "bans", action: "user:ban", input: "body", summary: "Ban a user (timed or permanent, optionally shadow)" },
  { method: "delete", path: "bans/:userId", action: "user:unban", input: "query", summary: "Lift a ban" },
  { method: "post", path: "mutes", action: "user:mute", input: "body", summary: "Mute a user for a while" },
  { method: "delete", path: "mutes/:userId", action: "user:unmute", input: "query", summary: "Lift a mute" },
  { method: "get", path: "ip-blocks", action: "ip:list", input: "query", summary: "Current IP blocks" },
  { method: "post", path: "ip-blocks", action: "ip:block", input: "body", summary: "Block an IPv4/IPv6 address or CIDR range" },
  { method: "delete", path: "ip-blocks/:cidr", action: "ip:unblock", input: "query", summary: "Lift an IP block (URL-encoded CIDR)" },
  { method: "put", path: "members/:userId/role", action: "member:set-role", input: "body", summary: "Make a user member, expert or moderator" },
  { method: "get", path: "members/candidates", action: "members:candidates", input: "query", summary: "Who to invite as moderator" },
  { method: "get", path: "members/:userId", action: "user:inspect", input: "query", summary: "Everything about one user" },
  { method: "patch", path: "lexicon", action: "lexicon:update", input: "body", summary: "Add/remove lexicon terms and exceptions" },
  { method: "patch", path: "links", action: "links:update", input: "body", summary: "Edit the link allow/block lists" },
  { method: "get", path: "filters", action: "filters:get", input: "query", summary: "The word and link lists in force" },
  { method: "get", path: "audit", action: "audit:list", input: "query", summary: "Audit log, newest first (?format=ndjson|csv exports every page)" },
  { method: "get", path: "stats", action: "stats:get", input: "query", summary: "Live figures per room" },
];

/** Query values are strings; these keys are numbers in the schemas. */
const NUMERIC_QUERY = new Set(["limit"]);
const EXPORT_PAGE = 200;

export interface AdminApiDeps {
  tenants: TenantRegistry;
  /** Roles granted by managers, which decide who may use the API along with the token's. */
  people: PeopleStore;
  moderation: ModerationService;
  /** Whether the demo-token route is mounted, so the OpenAPI document lists it. */
  demoToken?: boolean;
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

  const api = Router({ mergeParams: true });
  // Authenticate first: a caller without a manager token never gets its body read or parsed.
  api.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.authed = await authenticate(deps, req);
      next();
    } catch (err) { sendError(res, err); }
  });
  // The socket door's limit, so a payload valid on /admin is valid here too (a full lexicon edit is ~200 kB).
  api.use(express.json({ limit: MAX_PAYLOAD_BYTES }));

  for (const route of ADMIN_ROUTES) {
    const params = pathParams(route.path);
    api[route.method](`/${route.path}`, async (req: Request, res: Response) => {
      const { tenant, actor } = res.locals.authed as Authed;
      try {
        if (route.action === "audit:list" && req.query.format !== undefined) return await exportAudit(deps, tenant, req, res);
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
  // Body parser failures: broken JSON is a malformed payload; an oversized body keeps its 413.
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e && typeof e === "object" && typeof e.type === "string") {
      const tooLarge = e.type === "entity.too.large";
      const body = new CausetteError("invalid_payload", tooLarge ? `The request body is larger than ${MAX_PAYLOAD_BYTES / 1024} kB.` : "The request body is not valid JSON.").toBody();
      res.status(tooLarge ? 413 : 400).json({ error: body });
      return;
    }
    sendError(res, err);
  });
  outer.use("/api/v1/tenants/:tenant", api);
  return outer;
}

/** Unknown tenant 404, missing token 401, bad token 401, not a manager 403 (SPEC §5.4). */
async function authenticate(deps: AdminApiDeps, req: Request): Promise<Authed> {
  const tenant = deps.tenants.get(req.params.tenant);
  if (!tenant) throw new CausetteError("unknown_tenant");
  const header = req.get("authorization");
  if (!header) throw new CausetteError("unauthorized", "Send Authorization: Bearer <manager JWT>.");
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new CausetteError("invalid_token", "The Authorization header must be Bearer <JWT>.");
  const claims = await tenant.verifyToken(m[1]!);
  const role = effectiveRole(claims.role, await deps.people.getRole(tenant.id, claims.sub));
  if (role !== "manager") throw new CausetteError("forbidden", "The back-office API is for community managers.");
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
  const parsed = adminSchemas["audit:list"].omit({ limit: true, cursor: true }).safeParse(rest);
  if (!parsed.success) throw new CausetteError("invalid_payload", parsed.error.issues[0]?.message);
  const filter = parsed.data;
  // Read the first page before committing to a 200, so a store failure is still a clean JSON error.
  let page = await deps.moderation.audit.list(tenant.id, { ...filter, limit: EXPORT_PAGE });
  const stamp = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.set("Cache-Control", "no-store");
  res.set("Content-Disposition", `attachment; filename="audit-${tenant.id}-${stamp}.${format}"`);
  res.type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
  let closed = false;
  res.once("close", () => { closed = true; });
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await new Promise<void>((resolve) => { res.once("drain", resolve); res.once("close", resolve); });
  };
  if (format === "csv") await write(`${CSV_COLUMNS.join(",")}\r\n`);
  for (;;) {
    let chunk = "";
    for (const e of page.entries) chunk += format === "csv" ? csvRow(e) : `${JSON.stringify(e)}\n`;
    if (chunk) await write(chunk);
    if (!page.cursor || closed) break;
    page = await deps.moderation.audit.list(tenant.id, { ...filter, limit: EXPORT_PAGE, cursor: page.cursor });
  }
  res.end();
}

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
