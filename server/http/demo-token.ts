import { randomBytes } from "node:crypto";
import express, { Router } from "express";
import { SignJWT } from "jose";
import type { Config } from "../config/schema.ts";
import { CausetteError } from "../errors.ts";
import { sendError } from "./send-error.ts";

/** Only this tenant ever gets demo tokens: it is the one whose secret ships in the repository. */
const DEMO_TENANT = "demo";
const ROLES = new Set(["member", "expert", "moderator", "manager"]);
const TTL_SEC = 2 * 3600;

/** Whether `POST /api/v1/demo/token` is mounted (the OpenAPI document lists it only then). */
export function demoTokenEnabled(config: Readonly<Config>): boolean {
  const tenant = config.tenants.find((t) => t.id === DEMO_TENANT);
  return !config.server.production && !!tenant?.auth.hs256Secret;
}

/**
 * `POST /api/v1/demo/token {role, name, sub?}` → `{ token }`: lets the demo page's role switcher
 * and the back office's one-click sign-in try every role without the CLI. Mounted only outside
 * production, only for the "demo" tenant when it signs with a shared secret. The token travels
 * in the JSON body and is never logged. JSON-only, so a cross-site form cannot call it and a
 * cross-origin script cannot read the answer (no CORS headers).
 */
export function demoTokenRoutes(config: Readonly<Config>): Router {
  const r = Router();
  const tenant = config.tenants.find((t) => t.id === DEMO_TENANT);
  const secret = tenant?.auth.hs256Secret;
  if (!demoTokenEnabled(config) || !tenant || !secret) return r;
  const key = new TextEncoder().encode(secret);
  r.post("/api/v1/demo/token", express.json({ limit: "2kb" }), async (req, res) => {
    const body = (req.body ?? {}) as { role?: unknown; name?: unknown; sub?: unknown };
    const role = typeof body.role === "string" ? body.role : "";
    if (!ROLES.has(role)) return sendError(res, new CausetteError("invalid_payload", "role: one of member, expert, moderator, manager"));
    const name = typeof body.name === "string" ? body.name.trim().slice(0, 40) : "";
    const sub = typeof body.sub === "string" && /^[a-z0-9-]{1,48}$/.test(body.sub) ? body.sub : `demo-${role}-${randomBytes(4).toString("hex")}`;
    const token = await new SignJWT({ name: name || sub, role })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(sub)
      .setIssuer(tenant.auth.issuer)
      .setAudience(tenant.auth.audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + TTL_SEC)
      .sign(key);
    res.set("Cache-Control", "no-store").json({ token, tenant: tenant.id, sub, role, expiresIn: TTL_SEC });
  });
  return r;
}
