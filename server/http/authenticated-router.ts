import express, { Router, type NextFunction, type Request, type Response } from "express";
import { MAX_PAYLOAD_BYTES } from "../contracts/limits.ts";
import { bodyDeadline } from "./body-deadline.ts";
import { sendError } from "./send-error.ts";

/**
 * A router whose every request is authenticated first (`res.locals[local]` holds who it is),
 * and only then has its JSON body read, within `maxBytes` (default: the socket doors' payload
 * limit) and the body deadline: a caller without a valid token never gets its body read or
 * parsed. A public route's "authentication" is only finding its tenant. A gzip, deflate or br
 * body is decoded by the parser, and the limit applies to what it decodes to.
 *
 * @example
 *   const api = authenticatedRouter((req) => authenticate(deps, req), "authed", 10_000);
 */
export function authenticatedRouter<T>(authenticate: (req: Request) => Promise<T>, local: string, bodyTimeoutMs: number, maxBytes = MAX_PAYLOAD_BYTES): Router {
  const router = Router({ mergeParams: true });
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals[local] = await authenticate(req);
      next();
    } catch (err) { sendError(res, err); }
  });
  router.use(bodyDeadline(bodyTimeoutMs), express.json({ limit: maxBytes }));
  return router;
}
