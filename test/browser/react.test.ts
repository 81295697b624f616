import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, type ChatClient, type Message } from "../../client-sdk/src/index.ts";
import { browserAvailable, launchBrowser, newPage, type PageWatch } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const ROOM = "product:react";
const USER = "react-shopper";

/** The React bindings in Chromium: a page bundled by esbuild from the SDK's sources, against a real Causette. */
describe.skipIf(!browserAvailable())("React bindings in a browser", () => {
  let server: TestServer;
  let site: Server;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  let admin: AdminClient;
  let other: ChatClient;
  const chat = () => page.locator("section.causette-chat");
  const summary = () => page.locator("#summary");
  const item = (text: string) => chat().locator("li.causette-message", { hasText: text });
  async function say(text: string): Promise<void> {
    await chat().getByLabel("Your message").fill(text);
    await chat().getByRole("button", { name: "Send" }).click();
  }

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    const out = await build({
      entryPoints: [fileURLToPath(new URL("./react-page.ts", import.meta.url))],
      bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent",
      define: { "process.env.NODE_ENV": '"development"' },
    });
    const js = out.outputFiles[0]!.text;
    const token = await server.token({ tenant: "acme", sub: USER, name: "Rosa" });
    site = createServer((req, res) => {
      if (req.url === "/app.js") { res.writeHead(200, { "Content-Type": "text/javascript" }).end(js); return; }
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="en"><head><title>React shop</title></head>
<body data-url="${server.url}" data-tenant="acme" data-room="${ROOM}" data-token="${token}"><div id="root"></div><script type="module" src="/app.js"></script></body></html>`);
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    admin = new AdminClient({ url: server.url, tenant: "acme", token: await server.token({ tenant: "acme", sub: "cm-react", role: "manager" }) });
    await admin.connect();
    other = await server.connected({ role: "member", sub: "other-shopper", name: "Olga" });
    await other.join(ROOM);
    browser = await launchBrowser();
    ({ page, watch } = await newPage(browser));
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    await page.locator('#summary[data-joined="true"]').waitFor({ state: "attached" });
  });

  afterAll(async () => {
    // React warnings (keys, effects) land in console.error: a healthy page has none.
    expect(watch?.errors ?? []).toEqual([]);
    admin?.disconnect();
    await browser?.close();
    site?.close();
    await server?.close();
  });

  it("posts from <CausetteChat> and shows what others post, live", async () => {
    const seen = new Promise<Message>((resolve) => other.on("message", (m) => { if (m.text === "Hello from React") resolve(m); }));
    await say("Hello from React");
    expect((await seen).author).toEqual({ id: USER, name: "Rosa", role: "member" });
    await expect.poll(() => item("Hello from React").getAttribute("data-status")).toBe("visible");
    expect(await item("Hello from React").getAttribute("class")).toContain("causette-own");
    await other.send(ROOM, "Olga here");
    await item("Olga here").waitFor();
    expect(await summary().getAttribute("data-status")).toBe("connected");
  });

  it("shows the author's held message as waiting for review, then visible once a manager approves it", async () => {
    await say("quel connard");
    const held = item("quel connard");
    await expect.poll(() => held.getAttribute("data-status")).toBe("held");
    expect(await held.innerText()).toMatch(/Waiting for review/);
    await expect.poll(() => summary().getAttribute("data-held")).toBe("1");
    expect(await chat().locator(".causette-info").innerText()).toMatch(/Only you can see this message/);
    const { items } = await admin.listQueue();
    const queued = items.find((i) => i.message.text === "quel connard")!;
    await admin.resolve(queued.message.id, "approve");
    await expect.poll(() => held.getAttribute("data-status")).toBe("visible");
    expect(await summary().getAttribute("data-held")).toBe("0");
  });

  it("reconnects by itself and catches up with what was posted while it was away", async () => {
    const sockets = [...server.app.io.of("/chat").sockets.values()].filter((s) => (s.data as { user?: { id: string } }).user?.id === USER);
    expect(sockets).toHaveLength(1);
    sockets[0]!.conn.close();
    await expect.poll(() => chat().getAttribute("data-status")).toBe("reconnecting");
    expect(await chat().locator(".causette-status").innerText()).toBe("Reconnecting…");
    // Posted during the page's fixed 1.5 s pause before it reconnects.
    await other.send(ROOM, "posted while you were away");
    await expect.poll(() => chat().getAttribute("data-status"), { timeout: 8000 }).toBe("connected");
    await item("posted while you were away").waitFor();
    expect(await item("posted while you were away").count()).toBe(1);
  });

  it("reports a refusal as its SPEC error code", async () => {
    await admin.updateRoom(ROOM, { frozen: true });
    await say("anyone there?");
    // Each useCausetteRoom keeps the errors of its own actions: <CausetteChat> sent, so it shows this one.
    await expect.poll(() => chat().locator(".causette-error").getAttribute("data-code")).toBe("room_frozen");
    expect(await chat().locator(".causette-error").innerText()).toMatch(/paused/);
    expect(await summary().getAttribute("data-error")).toBe("");
    await admin.updateRoom(ROOM, { frozen: false });
    await say("back again");
    await item("back again").waitFor();
    expect(await chat().locator(".causette-error").count()).toBe(0);
  });

  it("tells the shopper of a mute live (sanction), and passes the server's moderation:notice to the hook", async () => {
    await admin.mute(USER, 600, "spamming links");
    await expect.poll(() => summary().getAttribute("data-muted")).toBe("yes");
    expect(await chat().locator(".causette-muted").innerText()).toMatch(/You are muted until .*Reason: spamming links/);
    expect(await chat().getByLabel("Your message").isDisabled()).toBe(true);
    // SPEC §9.1: the mute's statement of reasons reaches the hook and the component.
    await chat().locator(".causette-notice[data-kind=muted]", { hasText: "spamming links" }).waitFor();
    expect(await page.evaluate(() => window.notices.map((n) => n.kind))).toEqual(["muted"]);
    expect(await summary().getAttribute("data-notices")).toBe("1");
    await admin.unmute(USER);
    await expect.poll(() => summary().getAttribute("data-muted")).toBe("no");
    expect(await chat().getByLabel("Your message").isDisabled()).toBe(false);
  });

  it("ends the session on a ban, saying why", async () => {
    await admin.ban(USER, { reason: "repeated insults", durationSec: 3600 });
    await expect.poll(() => summary().getAttribute("data-ended")).toBe("banned");
    expect(await chat().locator(".causette-ended").innerText()).toMatch(/You are banned from this chat until .*Reason: repeated insults/);
    expect(await chat().getByLabel("Your message").isDisabled()).toBe(true);
  });
});
