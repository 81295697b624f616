import type { Socket } from "socket.io";
import type { Logger } from "pino";
import type { SanctionState, SessionInfo } from "../../client-sdk/src/protocol.ts";
import type { SessionData } from "../contracts/session.ts";
import type { Metrics } from "../contracts/metrics.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { rooms } from "../contracts/room-names.ts";
import type { InFlight } from "./handler.ts";
import { GUEST_TOKEN, SANCTIONS } from "./handshake.ts";

/**
 * What every namespace does first with an admitted socket: count it, put it in its tenant's and
 * user's rooms (bans, role changes and IP blocks find it there on any node), and send `session`.
 */
export function openSession(
  socket: Socket,
  namespace: "/chat" | "/admin",
  deps: { tenants: TenantRegistry; metrics: Metrics; logger: Logger; inflight: InFlight },
): { session: SessionData; tenant: TenantRuntime } {
  const session = socket.data as SessionData;
  const tenant = deps.tenants.get(session.tenant)!;
  deps.metrics.sockets.inc({ namespace });
  socket.once("disconnect", () => deps.metrics.sockets.dec({ namespace }));
  void socket.join([rooms.tenant(tenant.id), rooms.user(tenant.id, session.user.id)]);
  const info: SessionInfo = { user: session.user, serverTime: Date.now() };
  const guestToken = (socket as unknown as Record<symbol, string | undefined>)[GUEST_TOKEN];
  if (guestToken) info.guestToken = guestToken;
  socket.emit("session", info);
  // A user muted before this connection learns it now, not from a refused send.
  const sanctions = (socket as unknown as Record<symbol, SanctionState | undefined>)[SANCTIONS];
  if (sanctions) socket.emit("sanction", sanctions);
  return { session, tenant };
}

