import type { Response } from "express";
import { CausetteError, HTTP_STATUS, toErrorBody } from "../errors.ts";

/** Where a 500's error is kept on the response, for the request log (request-errors.ts) to show what failed. */
const FAILURE = "internalError";

/** The error behind this response's 500, if `sendError` answered it. */
export function serverErrorOf(res: Response): unknown {
  return res.locals[FAILURE];
}

/** REST errors: `{ error: { code, message } }` with the code's HTTP status (SPEC §5.4). */
export function sendError(res: Response, err: unknown): void {
  const body = toErrorBody(err);
  if (body.retryAfterMs !== undefined) res.set("Retry-After", String(Math.ceil(body.retryAfterMs / 1000)));
  const status = err instanceof CausetteError ? err.status : HTTP_STATUS[body.code];
  if (status === 500) res.locals[FAILURE] = err;
  res.status(status).json({ error: body });
}
