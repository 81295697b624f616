import type { ErrorBody, ErrorCode } from "../client-sdk/src/protocol.ts";

/** HTTP status for each stable error code; REST and socket acks share the same codes. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_payload: 400, unknown_tenant: 404, origin_not_allowed: 403, invalid_token: 401,
  unauthorized: 401, forbidden: 403, not_found: 404, not_in_room: 409, invalid_room: 400,
  message_too_long: 400, empty_message: 400, room_frozen: 403, answers_restricted: 403,
  rate_limited: 429, slow_mode: 429, banned: 403, muted: 403, ip_blocked: 403,
  too_many_connections: 429, content_blocked: 422, store_unavailable: 503, internal: 500, conflict: 409, shielded: 403,
};

const DEFAULT_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  invalid_payload: "The request payload is malformed.",
  unknown_tenant: "No such tenant.",
  origin_not_allowed: "This origin may not connect to this tenant.",
  invalid_token: "The token is invalid or expired.",
  unauthorized: "Authentication is required.",
  forbidden: "You may not do this.",
  not_found: "Not found.",
  not_in_room: "Join the room first.",
  invalid_room: "That room id is not allowed.",
  message_too_long: "The message is too long.",
  empty_message: "The message is empty.",
  room_frozen: "The room is frozen.",
  answers_restricted: "Only experts and moderators can answer in this room.",
  rate_limited: "Too many messages, slow down.",
  slow_mode: "Slow mode is on in this room.",
  banned: "You are banned.",
  muted: "You are muted.",
  ip_blocked: "Your network is blocked.",
  too_many_connections: "Too many connections from your network.",
  content_blocked: "The message was blocked by the filters.",
  store_unavailable: "The store is unavailable, try again shortly.",
  internal: "Internal error.",
  conflict: "Someone else already did this.",
  shielded: "This chat is in protected mode: sign in to take part.",
};

/** The one error type thrown inside the server; turned into `{ code, message }` at the edges. */
export class CausetteError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterMs?: number;
  readonly until?: number;
  readonly reason?: string;
  constructor(code: ErrorCode, message?: string, extra?: { retryAfterMs?: number; until?: number; reason?: string }) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = "CausetteError";
    this.code = code;
    if (extra?.retryAfterMs !== undefined) this.retryAfterMs = Math.max(0, Math.ceil(extra.retryAfterMs));
    if (extra?.until !== undefined) this.until = extra.until;
    if (extra?.reason !== undefined) this.reason = extra.reason;
  }
  get status(): number { return HTTP_STATUS[this.code]; }
  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.retryAfterMs !== undefined) body.retryAfterMs = this.retryAfterMs;
    if (this.until !== undefined) body.until = this.until;
    if (this.reason !== undefined) body.reason = this.reason;
    return body;
  }
}

/** Anything thrown becomes a safe body: known errors keep their code, the rest is `internal` (no stack leaks). */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof CausetteError) return err.toBody();
  if (isStoreDown(err)) return new CausetteError("store_unavailable").toBody();
  return new CausetteError("internal").toBody();
}

/** Store clients raise their own errors when the backend is away; they all mean `store_unavailable`. */
export function isStoreDown(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === "StoreUnavailableError") return true;
  return /Connection is closed|ECONNREFUSED|ECONNRESET|Stream isn't writeable|MaxRetriesPerRequest|enableOfflineQueue/i.test(
    e.message ?? "",
  );
}

export class StoreUnavailableError extends Error {
  constructor(message = "store unavailable") { super(message); this.name = "StoreUnavailableError"; }
}
