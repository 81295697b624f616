import { Router, static as serveStatic } from "express";
import { fileURLToPath } from "node:url";

const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));
const DIST_DIR = fileURLToPath(new URL("../../client-sdk/dist/", import.meta.url));

/** User text is only ever rendered as text; the CSP is the second line of defence. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "media-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The demo product page at `/`, the back office at `/admin`, and the bundled browser scripts. */
export function pageRoutes(opts: { production: boolean }): Router {
  const r = Router();
  r.use((_req, res, next) => {
    res.set("Content-Security-Policy", CSP).set("X-Content-Type-Options", "nosniff").set("Referrer-Policy", "no-referrer");
    next();
  });
  r.get("/config.js", (_req, res) => {
    res.type("application/javascript").set("Cache-Control", "no-store")
      .send(`window.CAUSETTE_ENV=${JSON.stringify({ production: opts.production })};`);
  });
  r.get("/", (_req, res) => res.sendFile("index.html", { root: PUBLIC_DIR }));
  r.get(["/admin", "/admin/"], (_req, res) => res.sendFile("admin.html", { root: PUBLIC_DIR }));
  {
    // Built by esbuild (`npm run build:widget`, run before start and test); widget.js may be loaded by any brand page.
    r.use("/static", serveStatic(DIST_DIR, { fallthrough: true, maxAge: "5m", setHeaders: (res) => res.set("Access-Control-Allow-Origin", "*") }));
    r.use("/assets", serveStatic(PUBLIC_DIR, { fallthrough: true, maxAge: "5m" }));
  }
  r.get("/widget.js", (_req, res) => res.set("Access-Control-Allow-Origin", "*").sendFile("widget.js", { root: DIST_DIR }));
  return r;
}
