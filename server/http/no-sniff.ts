import type { RequestHandler } from "express";

/**
 * Every answer is to be read as the type it declares: without this, a browser may sniff a JSON
 * or CSV answer that quotes user text (an audit export, an error message) as HTML or script.
 */
export const noSniff: RequestHandler = (_req, res, next) => {
  res.set("X-Content-Type-Options", "nosniff");
  next();
};
