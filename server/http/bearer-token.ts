import type { Request } from "express";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import { CausetteError } from "../errors.ts";

/**
 * The tenant a `/api/v1/tenants/:tenant/…` request names and the token of its
 * `Authorization: Bearer` header: `unknown_tenant`, `unauthorized` without a header (its message
 * saying which token to send), `invalid_token` for a header of another shape.
 */
export function tenantAndBearer(tenants: TenantRegistry, req: Request, wanted: string): { tenant: TenantRuntime; token: string } {
  const tenant = tenants.get(req.params.tenant);
  if (!tenant) throw new CausetteError("unknown_tenant");
  const header = req.get("authorization");
  if (!header) throw new CausetteError("unauthorized", `Send Authorization: Bearer <${wanted}>.`);
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new CausetteError("invalid_token", `The Authorization header must be Bearer <${wanted}>.`);
  return { tenant, token: m[1]! };
}
