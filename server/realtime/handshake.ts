import type { Socket } from "socket.io";
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { Author, Role, SanctionState } from "../../client-sdk/src/protocol.ts";
import type { GuestTokens } from "../auth/guest-token.ts";
import { parseUserAgent } from "../auth/user-agent.ts";
import { effectiveRole, requireManager, type SessionData } from "../contracts/session.ts";
import { CausetteError, toErrorBody } from "../errors.ts";
import type { Metrics } from "../contracts/metrics.ts";
import type { EvasionWatch } from "../moderation/evasion-watch.ts";
import { visibleMute } from "../moderation/sanctions.ts";
import { noticeLanguage } from "../moderation/notice-wording.ts";
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
  /** Ban evasion (SPEC §10.2): told who connects, with their browser's lineage. */
  evasion?: Pick<EvasionWatch, "arrived">;
}

/** What the /chat connection handler needs beyond `socket.data`. */
export const GUEST_TOKEN = Symbol("guestToken");
/** The sanctions in force at the handshake that the user may know of, sent right after `session`. */
export const SANCTIONS = Symbol("sanctions");

/** A refusal as Socket.IO delivers it: `err.message` is the code, `err.data` the body (SPEC §4). */
function refusal(err: unknown): Error & { data: unknown } {
  const body = toErrorBody(err);
  return Object.assign(new Error(body.code), { data: body });
}

/**
 * `origins` lists the brand pages that may embed the widget (SPEC §3). The pages this very server
 * serves (the back office at `/admin`, the demo page at `/`) have the server's own Origin, whatever
 * host and port it listens on; refusing them would lock managers out whenever the brand lists only
 * its shop, and break the demo on any port but the one the config names. No third-party page can
 * have that origin, so accepting it weakens nothing. Same origin = same host:port as the request's
 * Host; behind a proxy that rewrites Host the comparison fails, which refuses (the safe side).
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
        && !sameOrigin(origin, socket.handshake.headers.host)) throw new CausetteError("origin_not_allowed");
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
      let lineage: string | undefined;
      if (typeof auth.token === "string" && auth.token) {
        const claims = await tenant.verifyToken(auth.token);
        // A signed-in browser that still holds a guest token tells which browser it is (SPEC §10.2).
        if (namespace === "chat" && auth.guestToken !== undefined) lineage = (await deps.guestTokens.verify(tenant.id, auth.guestToken))?.lineage;
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
        // Guest ids are free, so minting one is what a flood spends: limited per client IP.
        // A guest presenting its valid token reconnects without touching the budget.
        if (!known) {
          const waitMs = await tenant.limits.guestsPerIp.take(ip);
          if (waitMs > 0) throw new CausetteError("rate_limited", "Too many new guests from your network, try again shortly.", { retryAfterMs: waitMs });
        }
        const issued = await deps.guestTokens.issue(tenant.id, known ?? undefined);
        user = { id: issued.identity.id, name: issued.identity.name, role: "guest" };
        lineage = issued.identity.lineage;
        tokenRole = "guest";
        guestToken = issued.token;
      }

      const [ban, granted, mute] = await Promise.all([
        deps.stores.sanctions.getBan(tenant.id, user.id, now), deps.stores.people.getRole(tenant.id, user.id),
        namespace === "chat" ? deps.stores.sanctions.getMute(tenant.id, user.id, now) : null,
      ]);
      if (ban && !ban.shadow) {
        throw new CausetteError("banned", ban.reason ? `You are banned: ${ban.reason}` : undefined, { ...(ban.until ? { until: ban.until } : {}), ...(ban.reason ? { reason: ban.reason } : {}) });
      }
      user.role = namespace === "admin" ? requireManager(tokenRole, granted) : effectiveRole(tokenRole, granted);
      if (namespace === "chat" && deps.evasion) await deps.evasion.arrived(tenant, { user, ip, ...(lineage ? { lineage } : {}) }, user.role, now);

      const device = parseUserAgent(socket.handshake.headers["user-agent"]);
      const lang = noticeLanguage(socket.handshake.headers["accept-language"]);
      if (lang) device.lang = lang;
      const session: SessionData = { tenant: tenant.id, user, tokenRole, ip, device, connectedAt: now };
      if (tokenValidUntil !== undefined) session.tokenValidUntil = tokenValidUntil;
      socket.data = session;
      if (guestToken) (socket as unknown as Record<symbol, string>)[GUEST_TOKEN] = guestToken;
      if (mute) (socket as unknown as Record<symbol, SanctionState>)[SANCTIONS] = { mute: visibleMute(mute) };
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
