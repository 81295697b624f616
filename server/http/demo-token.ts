import { randomBytes } from "node:crypto";
import express, { Router } from "express";
import { SignJWT } from "jose";
import type { Config } from "../config/schema.ts";
import { CausetteError } from "../errors.ts";
import { sendError } from "./send-error.ts";

/** Only this tenant ever gets demo tokens: it is the one whose secret ships in the repository. */
const DEMO_TENANT = "demo";
const TTL_SEC = 2 * 3600;

/** What the route accepts; the OpenAPI document is built from these too. */
export const DEMO_TOKEN_RULES = {
  roles: ["member", "expert", "moderator", "manager"],
  nameMax: 40,
  sub: /^[a-z0-9-]{1,48}$/,
} as const;
const ROLES = new Set<string>(DEMO_TOKEN_RULES.roles);

/** The demo tenant and its signing secret when `POST /api/v1/demo/token` is mounted, else undefined. */
function demoSigner(config: Readonly<Config>) {
  if (config.server.production) return undefined;
  const tenant = config.tenants.find((t) => t.id === DEMO_TENANT);
  const secret = tenant?.auth.hs256Secret;
  return tenant && secret ? { tenant, secret } : undefined;
}

/** Whether `POST /api/v1/demo/token` is mounted (the OpenAPI document lists it only then). */
export function demoTokenEnabled(config: Readonly<Config>): boolean {
  return demoSigner(config) !== undefined;
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
  const signer = demoSigner(config);
  if (!signer) return r;
  const { tenant } = signer;
  const key = new TextEncoder().encode(signer.secret);
  r.post("/api/v1/demo/token", express.json({ limit: "2kb" }), async (req, res) => {
    const body = (req.body ?? {}) as { role?: unknown; name?: unknown; sub?: unknown };
    const role = typeof body.role === "string" ? body.role : "";
    if (!ROLES.has(role)) return sendError(res, new CausetteError("invalid_payload", `role: one of ${DEMO_TOKEN_RULES.roles.join(", ")}`));
    const name = typeof body.name === "string" ? body.name.trim().slice(0, DEMO_TOKEN_RULES.nameMax) : "";
    const sub = typeof body.sub === "string" && DEMO_TOKEN_RULES.sub.test(body.sub) ? body.sub : `demo-${role}-${randomBytes(4).toString("hex")}`;
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
