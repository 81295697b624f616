import { Router } from "express";
import type { WidgetConfig } from "../../client-sdk/src/protocol.ts";
import { CausetteError } from "../errors.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { sendError } from "./send-error.ts";

/** The longest page path the widget config is asked for; the OpenAPI document uses it too. */
export const MAX_PATH = 512;
export const PATH_RULE = `path must start with / and be at most ${MAX_PATH} characters`;

/** `/products/*` style page patterns, compiled once; `*` matches anything, the rest is literal. */
function compilePages(patterns: readonly string[]): RegExp {
  const parts = patterns.map((p) => p.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*"));
  return new RegExp(`^(?:${parts.join("|")})$`);
}

/**
 * Which room a page's widget joins: `room: "page"` gives one room per page
 * (`/products/serum-42` → `product:serum-42`, `/faq` → `faq`, others `page:/path`); any other value is a fixed room.
 */
export function roomForPath(tenant: TenantRuntime, path: string): string | undefined {
  const setting = tenant.config.widget.room;
  let room: string;
  if (setting !== "page") room = setting;
  else {
    const clean = path.toLowerCase().replace(/\/+$/, "") || "/";
    const product = /^\/products\/([a-z0-9][a-z0-9_.-]*)$/.exec(clean);
    room = product ? `product:${product[1]}` : clean === "/faq" ? "faq" : `page:${clean}`;
  }
  return tenant.roomPattern.test(room) ? room : undefined;
}

/** Public: whether the widget shows on `?path=` and which room it joins. */
export function widgetConfigRoutes(tenants: TenantRegistry): Router {
  const matchers = new Map(tenants.all().map((t) => [t.id, compilePages(t.config.widget.pages)]));
  const r = Router();
  r.get("/api/v1/tenants/:tenant/widget-config", (req, res) => {
    const tenant = tenants.get(req.params.tenant);
    if (!tenant) return sendError(res, new CausetteError("unknown_tenant"));
    const path = typeof req.query.path === "string" ? req.query.path : "/";
    if (path.length > MAX_PATH || !path.startsWith("/")) return sendError(res, new CausetteError("invalid_payload", PATH_RULE));
    const room = matchers.get(tenant.id)!.test(path) ? roomForPath(tenant, path) : undefined;
    const body: WidgetConfig = { tenant: tenant.id, name: tenant.config.name, show: room !== undefined, guests: tenant.config.guests };
    if (room) body.room = room;
    if (tenant.config.widget.signInUrl) body.signInUrl = tenant.config.widget.signInUrl;
    if (tenant.config.moderation.termsUrl) body.termsUrl = tenant.config.moderation.termsUrl;
    // Public and harmless: any brand page may ask.
    res.set("Access-Control-Allow-Origin", "*").set("Cache-Control", "public, max-age=30").json(body);
  });
  return r;
}
