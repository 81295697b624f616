import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { CausetteError } from "../errors.ts";
import { sendError, serverErrorOf } from "./send-error.ts";

/**
 * Mounted first: every answer with status 500, whichever route or handler produced it, is logged
 * through the app's logger with its error (a 500 that logs nothing cannot be investigated). The
 * path is logged without its query string, which may carry a receipt or a search.
 */
export function logServerErrors(logger: Logger): RequestHandler {
  return (req, res, next) => {
    // Read now: routers rewrite req.url while they run.
    const path = req.originalUrl.split("?")[0];
    res.once("close", () => {
      if (res.statusCode !== 500) return;
      logger.error({ err: serverErrorOf(res), method: req.method, path, status: 500 }, "request failed");
    });
    next();
  };
}

/** An error an Express middleware raised with a 4xx status (http-errors: the body parser, static files). */
interface ClientFault { status: number; type?: string; limit?: number; encoding?: string; charset?: string }

function clientFault(err: unknown): ClientFault | undefined {
  if (err instanceof CausetteError || !err || typeof err !== "object") return undefined;
  const status = (err as { status?: unknown }).status;
  return typeof status === "number" && status >= 400 && status < 500 ? (err as ClientFault) : undefined;
}

/** The SPEC code and message for a client fault; the body parser's are all `invalid_payload`. */
function describe(e: ClientFault): CausetteError {
  if (e.status === 404) return new CausetteError("not_found");
  if (e.status === 401) return new CausetteError("unauthorized");
  if (e.status === 403) return new CausetteError("forbidden");
  if (e.status === 413) {
    const limit = typeof e.limit === "number" ? ` ${Math.round(e.limit / 1024)} kB` : " the limit";
    return new CausetteError("invalid_payload", `The request body is larger than${limit}.`);
  }
  if (e.status === 415) {
    return new CausetteError("invalid_payload", e.type === "encoding.unsupported"
      ? `Content-Encoding "${e.encoding ?? "?"}" is not supported: send identity, gzip, deflate or br.`
      : `Charset "${e.charset ?? "?"}" is not supported: send UTF-8.`);
  }
  if (e.type === "entity.parse.failed") return new CausetteError("invalid_payload", "The request body is not valid JSON.");
  // A decompression failure reaches us as the zlib error itself, with no type of the parser's.
  if (e.type === undefined) return new CausetteError("invalid_payload", "The request body could not be decoded as its Content-Encoding says.");
  return new CausetteError("invalid_payload", "The request body could not be read.");
}

/**
 * The last error handler, for the REST routers and the app: a 4xx raised by a middleware keeps
 * its status with a SPEC code (the body parser's refusals: broken JSON, too large, an unsupported
 * or corrupt Content-Encoding, are `invalid_payload`); anything else goes through `sendError`,
 * and its 500 is logged by `logServerErrors`.
 */
export const httpErrorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (res.headersSent) {
    // Mid-answer there is no clean way to report it; a half-sent answer must not look whole.
    if (!res.writableEnded) res.destroy();
    return;
  }
  const fault = clientFault(err);
  if (fault) {
    res.status(fault.status).json({ error: describe(fault).toBody() });
    return;
  }
  sendError(res, err);
};
