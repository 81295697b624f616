import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build, type Plugin } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "../../client-sdk/src/index.ts";
import { parseConfig } from "../../server/config/load.ts";
import { browserAvailable, launchBrowser, newPage, type PageWatch } from "../support/browser.ts";
import { freePort } from "../support/node-process.ts";
import { ROOT } from "../support/packed-sdk.ts";
import { startServer, type TestServer } from "../support/server.ts";

const GUIDE = `${ROOT}docs/quickstart.md`;
/** Inside the repo's node_modules, so the blocks' own imports (express, react) resolve as in a brand's project. */
const WORK = `${ROOT}node_modules/.cache/causette-quickstart/`;
/** The server the guide's snippets name; the test points them at its own Causette. */
const DOCS_URL = "https://chat.maison-lumiere.com";

interface Block { lang: string; code: string }
function codeBlocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** The guide imports the SDK by its package name; here that name means this checkout's sources. */
const sdkFromSources: Plugin = {
  name: "sdk-from-sources",
  setup(b) {
    const entries: Record<string, string> = { "": "index.ts", "/server": "server/index.ts", "/react": "react/index.ts" };
    b.onResolve({ filter: /^@causette\/client-sdk(\/server|\/react)?$/ }, (args) => ({ path: `${ROOT}client-sdk/src/${entries[args.path.slice("@causette/client-sdk".length)]}` }));
  },
};
/** Node bundles keep every other package an import, found in the repo's node_modules at run time. */
const otherPackagesExternal: Plugin = {
  name: "externals",
  setup(b) { b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@causette/client-sdk") ? undefined : { path: args.path, external: true })); },
};

/**
 * docs/quickstart.md, block by block: the tenant config starts a real Causette, the Express token
 * route runs in its own process and mints the tokens, the widget page and the React component
 * run in Chromium against them, and the moderation and production settings pass the config check.
 */
describe("docs/quickstart.md", () => {
  const blocks = codeBlocks(readFileSync(GUIDE, "utf8"));
  const [tenantFile, tokenRoute, widgetPage, reactComponent, moderation, production] = blocks;
  let server: TestServer;
  let route: ChildProcess;
  let routeUrl: string;
  let site: Server;
  let siteUrl: string;
  const sitePages = new Map<string, { type: string; body: string }>();
  const clients: ChatClient[] = [];

  it("has the blocks this test runs, in order (a new block needs its run here)", () => {
    expect(blocks.map((b) => b.lang)).toEqual(["json", "js", "html", "jsx", "json", "json"]);
  });

  beforeAll(async () => {
    mkdirSync(WORK, { recursive: true });
    // Section 1's file with section 4's settings in its tenant, as the guide says to put them.
    const config = JSON.parse(tenantFile!.code);
    config.tenants[0] = { ...config.tenants[0], ...JSON.parse(moderation!.code) };
    // The test's own port and log level; origins [] because the brand's site is a test server on a random port.
    config.server = { ...config.server, port: 0, host: "127.0.0.1", logLevel: "silent" };
    config.tenants[0].origins = [];
    server = await startServer(parseConfig(config, "quickstart"));

    const out = await build({
      stdin: { contents: tokenRoute!.code, resolveDir: WORK, loader: "js", sourcefile: "token-route.js" },
      bundle: true, platform: "node", format: "esm", write: false, logLevel: "silent", plugins: [sdkFromSources, otherPackagesExternal],
    });
    writeFileSync(`${WORK}token-route.mjs`, out.outputFiles[0]!.text);
    const port = await freePort();
    routeUrl = `http://127.0.0.1:${port}`;
    route = spawn(process.execPath, [`${WORK}token-route.mjs`], {
      env: { ...process.env, PORT: String(port), CAUSETTE_SECRET: JSON.parse(tenantFile!.code).tenants[0].auth.hs256Secret }, stdio: ["ignore", "inherit", "inherit"],
    });
    // Ready once it answers: the route has no "listening" line to wait for.
    for (const until = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 50))) {
      if (await fetch(`${routeUrl}/chat-token`).then((r) => r.ok, () => false)) break;
      if (Date.now() > until || route.exitCode !== null) throw new Error("the guide's token route did not start");
    }

    // The brand's site: its pages, and /chat-token passed on to the token route (one origin, as in the guide).
    site = createServer((req, res) => {
      if (req.url === "/chat-token") {
        void fetch(`${routeUrl}/chat-token`).then(async (r) => res.writeHead(r.status, { "Content-Type": "text/plain" }).end(await r.text()));
        return;
      }
      // No favicon: answered empty, so a 404 does not pass for a page error.
      if (req.url === "/favicon.ico") { res.writeHead(204).end(); return; }
      const page = sitePages.get(req.url ?? "");
      if (!page) { res.writeHead(404).end(); return; }
      res.writeHead(200, { "Content-Type": page.type }).end(page.body);
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    route?.kill();
    site?.close();
    await server?.close();
  });

  it("1 + 4: the tenant file and the moderation settings pass the config check", () => {
    const config = JSON.parse(tenantFile!.code);
    expect(parseConfig(config, "section 1").tenants[0]!.id).toBe("maison-lumiere");
    const tenant = server.app.config.tenants[0]!;
    expect(tenant.filters.lexicon.terms).toContain("rivalbrand");
    expect(tenant.rooms.overrides.faq!.contribution).toBe("restricted");
  });

  it("2: the Express route mints a token the tenant accepts, and the settings hold what they should", async () => {
    const token = await (await fetch(`${routeUrl}/chat-token`)).text();
    const chat = new ChatClient({ url: server.url, tenant: "maison-lumiere", token });
    clients.push(chat);
    expect((await chat.connect()).user).toEqual({ id: "cust-1042", name: "Amélie", role: "member" });
    await chat.join("product:serum-lumiere");
    expect((await chat.send("product:serum-lumiere", "Ce sérum convient-il aux peaux sèches ?")).status).toBe("visible");
    expect((await chat.send("product:serum-lumiere", "Le rivalbrand est moins cher")).status).toBe("held");
    expect((await chat.send("product:serum-lumiere", "voir https://www.maison-lumiere.com/serum")).status).toBe("visible");
    expect((await chat.send("product:serum-lumiere", "voir https://ailleurs.example/promo")).status).toBe("held");
  });

  it("5: the production settings pass the config check", () => {
    const config = parseConfig(JSON.parse(production!.code), "section 5");
    expect(config.server.production).toBe(true);
    expect(config.redis.url).toMatch(/^redis:\/\//);
    expect(config.tenants[0]!.origins).toEqual(["https://www.maison-lumiere.com"]);
  });

  describe.skipIf(!browserAvailable())("in a browser", () => {
    let browser: Browser;
    const watches: PageWatch[] = [];
    beforeAll(async () => { browser = await launchBrowser(); });
    afterAll(async () => {
      for (const w of watches) expect(w.errors).toEqual([]);
      await browser?.close();
    });

    it("3: the widget page shows the chat, in French, signed in through the token route", async () => {
      sitePages.set("/products/serum-lumiere", { type: "text/html; charset=utf-8", body: widgetPage!.code.replaceAll(DOCS_URL, server.url) });
      const { page, watch } = await newPage(browser);
      watches.push(watch);
      await page.goto(`${siteUrl}/products/serum-lumiere`);
      const w = page.locator("#causette");
      await w.locator(".pill.live").waitFor();
      await w.locator(".me", { hasText: "Amélie" }).waitFor();
      await w.getByLabel("Votre message").fill("Et pour les peaux mixtes ?");
      await w.getByLabel("Votre message").press("Enter");
      await w.locator("li.msg.own", { hasText: "peaux mixtes" }).waitFor();
    });

    it("3: the React component shows the room, the shopper's held message included", async () => {
      writeFileSync(`${WORK}product-chat.jsx`, reactComponent!.code.replaceAll(DOCS_URL, server.url));
      writeFileSync(`${WORK}main.jsx`, `
import { createRoot } from "react-dom/client";
import { ProductChat } from "./product-chat.jsx";
const token = await fetch("/chat-token").then((r) => r.text());
createRoot(document.getElementById("root")).render(<ProductChat productId="serum-lumiere" token={token} />);
`);
      const out = await build({
        entryPoints: [`${WORK}main.jsx`], bundle: true, format: "esm", platform: "browser", jsx: "automatic", write: false, logLevel: "silent",
        target: ["es2022"], define: { "process.env.NODE_ENV": '"production"' }, plugins: [sdkFromSources],
      });
      sitePages.set("/react.js", { type: "text/javascript", body: out.outputFiles[0]!.text });
      sitePages.set("/react", { type: "text/html; charset=utf-8", body: `<!doctype html><html lang="fr"><body><div id="root"></div><script type="module" src="/react.js"></script></body></html>` });
      const { page, watch } = await newPage(browser);
      watches.push(watch);
      await page.goto(`${siteUrl}/react`);
      const chat = page.locator("section.causette-chat[data-status=connected]");
      await chat.locator("li.causette-message", { hasText: "peaux sèches" }).waitFor();
      expect(await chat.locator("li.causette-message", { hasText: "rivalbrand" }).getAttribute("data-status")).toBe("held");
      expect(await chat.getByRole("button", { name: "Envoyer" }).isVisible()).toBe(true);
    });
  });
});
