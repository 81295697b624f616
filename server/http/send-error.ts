import type { Response } from "express";
import { CausetteError, HTTP_STATUS, toErrorBody } from "../errors.ts";

/** REST errors: `{ error: { code, message } }` with the code's HTTP status (SPEC §5.4). */
export function sendError(res: Response, err: unknown): void {
  const body = toErrorBody(err);
  if (body.retryAfterMs !== undefined) res.set("Retry-After", String(Math.ceil(body.retryAfterMs / 1000)));
  res.status(err instanceof CausetteError ? err.status : HTTP_STATUS[body.code]).json({ error: body });
}
