import { Router, type Request, type Response } from "express";
import type { Author } from "../../client-sdk/src/protocol.ts";
import type { GuestTokens } from "../auth/guest-token.ts";
import { parsePayload } from "../contracts/parse-payload.ts";
import { appealCreateSchema } from "../contracts/user-schemas.ts";
import { CausetteError } from "../errors.ts";
import type { ModerationService } from "../moderation/moderation-service.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { tenantAndBearer } from "./bearer-token.ts";
import { authenticatedRouter } from "./authenticated-router.ts";
import { meCors } from "./me-cors.ts";
import { httpErrorHandler } from "./request-errors.ts";
import { sendError } from "./send-error.ts";

export interface MeApiDeps {
  tenants: TenantRegistry;
  moderation: ModerationService;
  guestTokens: GuestTokens;
  bodyTimeoutMs?: number;
}

interface Me { tenant: TenantRuntime; user: Author }

/**
 * A user's own door outside the chat (SPEC §9.2): a banned user cannot connect, yet must read why
 * and appeal. `GET me/notices` and `POST me/appeals`, with the brand's JWT or the guest token the
 * chat gave them as `Authorization: Bearer`, answer as `notices:list` and `appeal:create` do.
 * Mounted before the managers' API, which would otherwise ask for a manager token.
 */
export function meApiRoutes(deps: MeApiDeps): Router {
  const me = authenticatedRouter((req) => authenticate(deps, req), "me", deps.bodyTimeoutMs ?? 10_000);
  me.get("/notices", async (_req: Request, res: Response) => {
    const { tenant, user } = res.locals.me as Me;
    try { res.json(await deps.moderation.notices.list(tenant, user.id)); } catch (err) { sendError(res, err); }
  });
  me.post("/appeals", async (req: Request, res: Response) => {
    const { tenant, user } = res.locals.me as Me;
    try { res.json(await deps.moderation.appeals.create(tenant, user, parsePayload(appealCreateSchema, req.body))); } catch (err) { sendError(res, err); }
  });
  me.use((_req: Request, res: Response) => { sendError(res, new CausetteError("not_found", "No such API route.")); });
  me.use(httpErrorHandler);
  const outer = Router();
  outer.use("/api/v1/tenants/:tenant/me", meCors(deps.tenants), me);
  return outer;
}

/** The guest token the chat issued, else the brand's JWT; a manager's token names a user like any other. */
async function authenticate(deps: MeApiDeps, req: Request): Promise<Me> {
  const { tenant, token } = tenantAndBearer(deps.tenants, req, "your sign-in token or guest token");
  const guest = await deps.guestTokens.verify(tenant.id, token);
  if (guest) return { tenant, user: { id: guest.id, name: guest.name, role: "guest" } };
  const claims = await tenant.verifyToken(token);
  return { tenant, user: { id: claims.sub, name: claims.name, role: claims.role } };
}
