import type { ErrorBody, ErrorCode } from "./protocol.ts";

/** Codes the SDK itself produces when the server never answered. */
export type ClientErrorCode = "timeout" | "disconnected";

/** Every refusal from the server (or the SDK giving up) as one error type with a stable `code`. */
export class ChatError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly retryAfterMs?: number;
  readonly until?: number;
  /** A ban's reason, when the server refused the connection with `banned` (an extension). */
  readonly reason?: string;
  constructor(code: ErrorCode | ClientErrorCode, message?: string, extra?: { retryAfterMs?: number; until?: number; reason?: string }) {
    super(message ?? code);
    this.name = "ChatError";
    this.code = code;
    if (extra?.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
    if (extra?.until !== undefined) this.until = extra.until;
    if (extra?.reason !== undefined) this.reason = extra.reason;
  }
  static from(body: Partial<ErrorBody> | undefined): ChatError {
    const code = (body?.code ?? "internal") as ErrorCode;
    const extra: { retryAfterMs?: number; until?: number; reason?: string } = {};
    if (typeof body?.retryAfterMs === "number") extra.retryAfterMs = body.retryAfterMs;
    if (typeof body?.until === "number") extra.until = body.until;
    if (typeof body?.reason === "string") extra.reason = body.reason;
    return new ChatError(code, body?.message ?? code, extra);
  }
}

/** Handshake refusals that retrying cannot fix; the SDK stops reconnecting after one of these. */
export const FATAL_CONNECT_CODES: ReadonlySet<string> = new Set([
  "unknown_tenant", "origin_not_allowed", "invalid_token", "unauthorized", "forbidden", "banned", "ip_blocked",
]);
