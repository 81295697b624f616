import type { NextFunction, Request, Response } from "express";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";

/**
 * CORS for the users' `me/` door: the widget calls it from the brand's page (another origin) when
 * a ban has closed the chat. An origin the tenant lets connect to the chat (any, when the tenant
 * lists none, as the socket handshake does) may call it; the Bearer token, never a cookie, says who.
 * Answers the browser's preflight itself, before any authentication.
 */
export function meCors(tenants: TenantRegistry) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    const tenant = tenants.get(req.params.tenant);
    const allowed = origin !== undefined && tenant !== undefined && (tenant.config.origins.length === 0 || tenant.config.origins.includes(origin));
    if (allowed) res.set("Access-Control-Allow-Origin", origin).set("Vary", "Origin");
    if (req.method !== "OPTIONS") return next();
    if (allowed) res.set("Access-Control-Allow-Methods", "GET, POST").set("Access-Control-Allow-Headers", "Authorization, Content-Type").set("Access-Control-Max-Age", "600");
    res.status(204).end();
  };
}
