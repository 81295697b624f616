import type { Author, Device, Role } from "../../client-sdk/src/protocol.ts";
import { ROLE_RANK } from "../../client-sdk/src/protocol.ts";
import { CausetteError } from "../errors.ts";

/** What the handshake learned about a connection; kept in `socket.data` (plain data: it crosses nodes). */
export interface SessionData {
  tenant: string;
  user: Author;
  /** The role the brand's token (or guest status) gave; the effective role is the higher of this and a manager's grant. */
  tokenRole: Role;
  ip: string;
  device: Device;
  connectedAt: number;
  /** When the brand token it connected with stops being valid (epoch ms); absent for guests. */
  tokenValidUntil?: number;
}

export function effectiveRole(tokenRole: Role, granted: Role | null): Role {
  if (!granted || tokenRole === "guest") return tokenRole; // guests are anonymous: promotion needs an account
  return ROLE_RANK[granted] > ROLE_RANK[tokenRole] ? granted : tokenRole;
}

/**
 * The one back-office check, for the /admin handshake and the REST door alike: the effective role
 * (the token's, raised by a manager's grant) must be `manager`. Answers that role, or throws `forbidden`.
 */
export function requireManager(tokenRole: Role, granted: Role | null): "manager" {
  const role = effectiveRole(tokenRole, granted);
  if (role !== "manager") throw new CausetteError("forbidden", "The back office is for community managers.");
  return role;
}

/** Roles that may answer in restricted rooms and skip slow mode. */
export const isStaff = (role: Role) => role === "expert" || role === "moderator" || role === "manager";
