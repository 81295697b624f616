import type { Socket } from "socket.io";
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { Author, Role } from "../../client-sdk/src/protocol.ts";
import type { GuestTokens } from "../auth/guest-token.ts";
import { parseUserAgent } from "../auth/user-agent.ts";
import { effectiveRole, type SessionData } from "../chat/session.ts";
import { CausetteError, toErrorBody } from "../errors.ts";
import type { Metrics } from "../http/metrics.ts";
import type { Stores } from "../store/stores.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";

export interface HandshakeDeps {
  tenants: TenantRegistry;
  stores: Pick<Stores, "limits" | "sanctions" | "people">;
  guestTokens: GuestTokens;
  clientIp: (req: IncomingMessage) => string;
  maxConnectionsPerIp: number;
  nodeId: string;
  metrics: Metrics;
  logger: Logger;
}

/** What the /chat connection handler needs beyond `socket.data`. */
export const GUEST_TOKEN = Symbol("guestToken");

/** A refusal as Socket.IO delivers it: `err.message` is the code, `err.data` the body (SPEC §4). */
function refusal(err: unknown): Error & { data: unknown } {
  const body = toErrorBody(err);
  return Object.assign(new Error(body.code), { data: body });
}

/**
 * `origins` lists the brand pages that may embed the widget (SPEC §3). The back office at
 * `/admin` is served by this very server, so its page's Origin is the server's own; refusing it
 * would lock managers out whenever the brand lists only its shop. Same origin = same host:port.
 */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try { return new URL(origin).host === host.toLowerCase(); } catch { return false; }
}

/**
 * Connection middleware (DESIGN: connection checks live here, message checks in the pipeline).
 * Order, as SPEC §4: tenant, Origin, IP block, per-IP cap, token, ban.
 */
export function createHandshake(deps: HandshakeDeps, namespace: "chat" | "admin") {
  return async (socket: Socket, next: (err?: Error) => void) => {
    let slot: string | undefined;
    try {
      const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
      const tenant = deps.tenants.get(auth.tenant);
      if (!tenant) throw new CausetteError("unknown_tenant");
      // Browsers always send Origin; a client without one is a server-side client, which the token then governs.
      const origin = socket.handshake.headers.origin;
      if (origin !== undefined && tenant.config.origins.length > 0 && !tenant.config.origins.includes(origin)
        && !(namespace === "admin" && sameOrigin(origin, socket.handshake.headers.host))) throw new CausetteError("origin_not_allowed");
      const ip = deps.clientIp(socket.request);
      const now = Date.now();
      const block = await tenant.ipBlock(ip, now);
      if (block) throw new CausetteError("ip_blocked", undefined, block.until ? { until: block.until } : undefined);
      if (!(await deps.stores.limits.acquireConnection(deps.nodeId, ip, deps.maxConnectionsPerIp))) throw new CausetteError("too_many_connections");
      slot = ip;

      let user: Author;
      let tokenRole: Role;
      let guestToken: string | undefined;
      let tokenValidUntil: number | undefined;
      if (typeof auth.token === "string" && auth.token) {
        const claims = await tenant.verifyToken(auth.token);
        user = { id: claims.sub, name: claims.name, role: claims.role };
        tokenRole = claims.role;
        tokenValidUntil = claims.validUntil;
      } else if (auth.token !== undefined && auth.token !== null && auth.token !== "") {
        throw new CausetteError("invalid_token");
      } else if (namespace === "admin") {
        throw new CausetteError("unauthorized", "The back office needs a manager token.");
      } else if (!tenant.config.guests) {
        throw new CausetteError("unauthorized", "This chat needs you to sign in.");
      } else {
        const known = await deps.guestTokens.verify(tenant.id, auth.guestToken);
        const issued = await deps.guestTokens.issue(tenant.id, known ?? undefined);
        user = { id: issued.identity.id, name: issued.identity.name, role: "guest" };
        tokenRole = "guest";
        guestToken = issued.token;
      }

      const [ban, granted] = await Promise.all([deps.stores.sanctions.getBan(tenant.id, user.id, now), deps.stores.people.getRole(tenant.id, user.id)]);
      if (ban && !ban.shadow) throw new CausetteError("banned", ban.reason ? `You are banned: ${ban.reason}` : undefined, ban.until ? { until: ban.until } : undefined);
      user.role = effectiveRole(tokenRole, granted);
      if (namespace === "admin" && user.role !== "manager") throw new CausetteError("forbidden", "The back office is for community managers.");

      const device = parseUserAgent(socket.handshake.headers["user-agent"]);
      const session: SessionData = { tenant: tenant.id, user, tokenRole, ip, device, connectedAt: now };
      if (tokenValidUntil !== undefined) session.tokenValidUntil = tokenValidUntil;
      socket.data = session;
      if (guestToken) (socket as unknown as Record<symbol, string>)[GUEST_TOKEN] = guestToken;
      socket.once("disconnect", () => { void deps.stores.limits.releaseConnection(deps.nodeId, ip).catch(() => undefined); });
      slot = undefined;
      // The record keeps the role the token gave, not the effective one: a manager's grant lives
      // in the store and is applied on read, so lifting it shows at once in the back office
      // instead of lingering until the user reconnects.
      void deps.stores.people.recordSession(tenant.id, { ...user, role: tokenRole }, ip, device, now).catch(() => undefined);
      deps.metrics.handshakes.inc({ outcome: "ok" });
      next();
    } catch (err) {
      if (slot) void deps.stores.limits.releaseConnection(deps.nodeId, slot).catch(() => undefined);
      const e = refusal(err);
      deps.metrics.handshakes.inc({ outcome: e.message });
      if (e.message === "internal") deps.logger.error({ err }, "handshake failed");
      next(e);
    }
  };
}
