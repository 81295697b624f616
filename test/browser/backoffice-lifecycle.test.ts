import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient } from "../../client-sdk/src/index.ts";
import type { SessionData } from "../../server/contracts/session.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import { browserAvailable, launchBrowser, newPage, openBackOffice, expectCleanPages, type PageWatch } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const ROOM = "product:serum-42";

/**
 * The back office in real Chromium at the end of a session: whatever the signed-in app opened
 * (the room reader's /chat socket with the manager's token, the queue's keyboard shortcuts) must
 * be gone once the manager signs out or the server ends the session; and a queue item whose
 * message no longer exists leaves the screen.
 */
describe.skipIf(!browserAvailable())("back office: end of session and vanished queue items", () => {
  let server: TestServer;
  let browser: Browser;
  let shopper: ChatClient;
  const watches: PageWatch[] = [];
  /** Messages a retention purge removed: the store no longer knows them. */
  const purged = new Set<string>();

  /** The live sockets the server holds for a user on a namespace (what a leak would leave behind). */
  const socketsOf = (nsp: "/chat" | "/admin", userId: string) =>
    [...server.app.io.of(nsp).sockets.values()].filter((s) => (s.data as SessionData | undefined)?.user?.id === userId).length;

  /** The keydown listeners on `document`, read through the DevTools protocol (what the shell attaches). */
  async function documentKeyListeners(page: Page): Promise<number> {
    const cdp = await page.context().newCDPSession(page);
    try {
      const { result } = await cdp.send("Runtime.evaluate", { expression: "document" });
      const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId! });
      return listeners.filter((l) => l.type === "keydown").length;
    } finally {
      await cdp.detach();
    }
  }

  /** A page that records, for every key, whether some handler used it (the shell marks its shortcuts so). */
  async function managerPage(): Promise<{ page: Page; frames: string[]; requests: string[] }> {
    const { page, watch } = await newPage(browser);
    watches.push(watch);
    const frames: string[] = [];
    const requests: string[] = [];
    page.on("websocket", (ws) => ws.on("framesent", (f) => frames.push(String(f.payload))));
    page.on("request", (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      const w = window as unknown as { keys: { key: string; used: boolean }[] };
      w.keys = [];
      // On window, bubbling: runs after the document-level shortcuts had their chance.
      window.addEventListener("keydown", (e) => w.keys.push({ key: e.key, used: e.defaultPrevented }));
    });
    return { page, frames, requests };
  }

  async function readRoomLive(page: Page, text: string): Promise<void> {
    await page.getByRole("tab", { name: /Rooms/ }).click();
    await page.locator(`tbody.room-card[data-room="${ROOM}"]`).getByRole("button", { name: "Read live" }).click();
    await page.locator(".reader").getByText(text).waitFor();
  }

  beforeAll(async () => {
    const stores = createMemoryStores();
    const getMessage = stores.messages.getMessage.bind(stores.messages);
    stores.messages.getMessage = async (tenant, id) => (purged.has(id) ? null : getMessage(tenant, id));
    // No clock tolerance: a short-lived manager token stops being valid exactly at `exp`.
    server = await startServer(testConfig({ acme: { origins: [], auth: { clockToleranceSec: 0 } } }), { stores });
    browser = await launchBrowser();
    shopper = await server.connected({ role: "member", sub: "shopper-1", name: "Alix" });
    await shopper.join(ROOM);
    await shopper.send(ROOM, "Does it suit oily skin?");
  });

  afterAll(async () => {
    expectCleanPages(watches);
    await browser?.close();
    await server?.close();
  });

  it("sign-out closes the reader's /chat socket and the /admin one, and detaches the queue shortcuts", async () => {
    const { page, frames, requests } = await managerPage();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-out", name: "Camille" });
    const held = await shopper.send(ROOM, "quel connard ce vendeur");
    expect(held.status).toBe("held");
    await openBackOffice(page, server.url, "acme", token);
    await page.locator("li.qitem", { hasText: "quel connard" }).waitFor();
    await readRoomLive(page, "Does it suit oily skin?");
    // The probes see what they are meant to see while signed in.
    expect(socketsOf("/chat", "cm-out")).toBe(1);
    expect(socketsOf("/admin", "cm-out")).toBe(1);
    expect(await documentKeyListeners(page)).toBeGreaterThan(0);
    await page.getByRole("tab", { name: /Queue/ }).click();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Manager token").waitFor();
    await expect.poll(() => socketsOf("/chat", "cm-out")).toBe(0);
    await expect.poll(() => socketsOf("/admin", "cm-out")).toBe(0);
    expect(await documentKeyListeners(page)).toBe(0);

    // "a" on the sign-in screen (focus on the page, not in a field) approves nothing.
    await page.getByRole("heading", { name: "Sign in to the back office" }).click();
    const sentBefore = frames.length;
    const requestedBefore = requests.length;
    await page.keyboard.press("a");
    const keys = await page.evaluate(() => (window as unknown as { keys: { key: string; used: boolean }[] }).keys);
    expect(keys.filter((k) => k.key === "a")).toEqual([{ key: "a", used: false }]);
    expect(frames.slice(sentBefore)).toEqual([]);
    expect(requests.slice(requestedBefore)).toEqual([]);
    // The held message is still waiting for a decision.
    expect((await server.app.stores.messages.getMessage("acme", held.id))?.status).toBe("held");
    await page.context().close();
  });

  it("a session the server ends (token expired) closes the reader's /chat socket and the shortcuts too", async () => {
    const { page } = await managerPage();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-expiring", name: "Dominique", expiresIn: 5 });
    await openBackOffice(page, server.url, "acme", token);
    await readRoomLive(page, "Does it suit oily skin?");
    expect(socketsOf("/chat", "cm-expiring")).toBe(1);
    // /chat itself ignores token expiry on open sockets (SPEC): only the back office can close it.
    await page.getByRole("alert").filter({ hasText: /expired/i }).waitFor({ timeout: 10_000 });
    await expect.poll(() => socketsOf("/chat", "cm-expiring")).toBe(0);
    expect(socketsOf("/admin", "cm-expiring")).toBe(0);
    expect(await documentKeyListeners(page)).toBe(0);
    await page.context().close();
  });

  it("drops a queue item whose message no longer exists (not_found) and says why", async () => {
    const { page } = await managerPage();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-queue", name: "Eden" });
    const held = await shopper.send(ROOM, "you are such a connard, really");
    expect(held.status).toBe("held");
    await openBackOffice(page, server.url, "acme", token);
    const item = page.locator("li.qitem", { hasText: "such a connard" });
    await item.waitFor();
    // Purged behind the screen's back: no queue:resolved tells the back office.
    purged.add(held.id);
    await item.getByRole("button", { name: /^Approve/ }).click();
    await item.waitFor({ state: "detached" });
    const toast = page.locator(".toast", { hasText: /no longer exists/ });
    await toast.waitFor();
    expect(await toast.getAttribute("class")).not.toMatch(/\bbad\b/);
    await page.context().close();
  });
});
