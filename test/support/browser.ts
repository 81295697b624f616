import { expect } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** The system Chromium (Debian package `chromium`); override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots land here (gitignored), for people to look at after a run. */
export const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

/**
 * Whether the browser suites can run. Without Chromium they are skipped with a loud warning on a
 * laptop, but on CI (CI=true) a missing browser is a failure: a silently skipped suite proves nothing.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const msg = `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI === "true") throw new Error(`${msg} Browser suites cannot be skipped on CI.`);
  console.warn(`\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! SKIPPING BROWSER TESTS. ${msg}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
}

/** Everything a page reported that a healthy page never does: uncaught errors, console errors (CSP violations land there), dialogs. */
export interface PageWatch { errors: string[]; dialogs: string[] }

/** After a suite: no page threw, and no page opened an unexpected alert/confirm dialog. */
export function expectCleanPages(watches: readonly PageWatch[]): void {
  for (const w of watches) expect(w.errors).toEqual([]);
  for (const w of watches) expect(w.dialogs).toEqual([]);
}

export async function newPage(browser: Browser, opts: { width?: number; height?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: opts.locale ?? "en-GB",
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  // Fail a stuck wait with the locator's name well before the test's own timeout.
  page.setDefaultTimeout(8000);
  const watch: PageWatch = { errors: [], dialogs: [] };
  page.on("pageerror", (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") watch.errors.push(`console: ${m.text()}`); });
  page.on("dialog", (d) => { watch.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
  return { context, page, watch };
}

export interface ShopOptions {
  tenant?: string; path?: string; token?: string; title?: string;
  /** More data-* attributes for the widget's script tag, e.g. `{ "data-mode": "launcher" }`. */
  attrs?: Record<string, string>;
  /** The page's <html lang> and dir. */
  lang?: string; dir?: "ltr" | "rtl";
  /** The brand's own stylesheet, served from the shop's origin (the CSP allows no inline styles). */
  css?: string;
}

export interface ShopServer {
  url: string;
  /** Serves a new brand page embedding the widget and returns its address (options stay server-side: no token in the URL). */
  page(opts?: ShopOptions): string;
  close(): Promise<void>;
}

/**
 * A brand's website on its own origin, embedding the widget from the Causette server the way a
 * real brand does (cross-origin), under a strict CSP that only adds the Causette origin, with no
 * 'unsafe-inline' for styles: the widget must live with that.
 */
export async function startShop(causetteUrl: string): Promise<ShopServer> {
  const pages = new Map<string, string>();
  const ws = causetteUrl.replace(/^http/, "ws");
  const csp = [
    "default-src 'self'", `script-src 'self' ${causetteUrl}`, `connect-src 'self' ${causetteUrl} ${ws}`,
    "style-src 'self'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'",
  ].join("; ");
  const http = createServer((req, res) => {
    const html = pages.get(req.url ?? "");
    // No favicon: answered empty so a 404 does not pass for a page error.
    if (req.url === "/favicon.ico") { res.writeHead(204).end(); return; }
    if (!html) { res.writeHead(404).end(); return; }
    const type = req.url?.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
    res.writeHead(200, { "Content-Type": type, "Content-Security-Policy": csp }).end(html);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const attr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return {
    url,
    page(opts = {}) {
      const path = `/shop/${pages.size + 1}${opts.path ?? "/products/serum-42"}`;
      if (opts.css !== undefined) pages.set(`${path}.css`, opts.css);
      const extra = Object.entries(opts.attrs ?? {}).map(([k, v]) => ` ${k}="${attr(v)}"`).join("");
      pages.set(path, `<!doctype html><html lang="${attr(opts.lang ?? "en")}"${opts.dir ? ` dir="${opts.dir}"` : ""}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(opts.title ?? "Acme shop")}</title>${opts.css !== undefined ? `<link rel="stylesheet" href="${path}.css">` : ""}</head><body><h1>${attr(opts.title ?? "Acme shop")}</h1><div id="causette"></div>
<script src="${causetteUrl}/widget.js" data-tenant="${attr(opts.tenant ?? "acme")}" data-path="${attr(opts.path ?? "/products/serum-42")}"${opts.token ? ` data-token="${attr(opts.token)}"` : ""}${extra}></script>
</body></html>`);
      return url + path;
    },
    close: () => new Promise<void>((resolve) => { http.closeAllConnections(); http.close(() => resolve()); }),
  };
}

/**
 * A manager's back office in a fresh page of `browser` (its errors and dialogs watched with the
 * suite's other pages), signed in with `token`.
 */
export async function openManagerPage(browser: Browser, baseUrl: string, token: string, watches: PageWatch[], size: { width?: number; height?: number } = {}, tenant = "acme"): Promise<Page> {
  const opened = await newPage(browser, size);
  watches.push(opened.watch);
  await openBackOffice(opened.page, baseUrl, tenant, token);
  return opened.page;
}

/** The end of a browser suite: no page threw or opened a dialog, then the browser and the server close. */
export async function closeBrowserSuite(watches: readonly PageWatch[], browser: Browser | undefined, server: { close(): Promise<unknown> } | undefined): Promise<void> {
  expectCleanPages(watches);
  await browser?.close();
  await server?.close();
}

/**
 * Signs in to the back office with a pasted manager token, as a manager would. The home is the
 * dashboard; unless `home` is asked for, the queue is then opened, as most suites start there.
 */
export async function openBackOffice(page: Page, baseUrl: string, tenant: string, token: string, opts: { home?: boolean } = {}): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel(/^Tenant$/).fill(tenant);
  await page.getByLabel("Manager token").fill(token);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.locator('[role=tab][data-tab="dashboard"][aria-selected="true"]').waitFor();
  if (opts.home) return;
  await page.locator('[role=tab][data-tab="queue"]').click();
  await page.locator('[role=tab][data-tab="queue"][aria-selected="true"]').waitFor();
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Opens a page at `url` in a new context (its watch joins `watches`) and waits until the widget
 * on it has joined its room (the online pill shows once the room is joined).
 */
export async function openWidgetPage(browser: Browser, url: string, watches: PageWatch[], opts: { width?: number; height?: number; locale?: string } = {}): Promise<Page> {
  const { page, watch } = await newPage(browser, opts);
  watches.push(watch);
  await page.goto(url);
  await page.locator("#causette").locator(".pill.live").waitFor();
  return page;
}
