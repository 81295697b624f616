import type { RequestHandler } from "express";
import { CausetteError } from "../errors.ts";

/**
 * A request body must arrive whole within `ms` of the request reaching its route: a client that
 * trickles its body a byte at a time would otherwise hold a connection (and the parser's buffer)
 * for as long as it likes. Answers 408 `invalid_payload` and closes the connection.
 */
export function bodyDeadline(ms: number): RequestHandler {
  return (req, res, next) => {
    const length = req.headers["content-length"];
    const hasBody = req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
    if (!hasBody || req.complete) return next();
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      // With Connection: close, Node ends the connection once the answer is out; the rest of the
      // body is never read.
      res.status(408).set("Connection", "close")
        .json({ error: new CausetteError("invalid_payload", `The request body did not arrive within ${ms / 1000} s.`).toBody() });
    }, ms);
    const stop = () => clearTimeout(timer);
    req.once("end", stop);
    res.once("close", stop);
    next();
  };
}
