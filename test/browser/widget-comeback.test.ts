import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, openWidgetPage, startShop, type PageWatch, type ShopServer } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const PATH = "/products/comeback-1";

/**
 * Issue 22, item 5: after an IP block is lifted (or a timed ban ends), shoppers who were cut off
 * get back in without reloading the page. The browser's address is 127.0.0.1, so the manager
 * blocks that; the manager's own /admin connection stays (blocks end /chat sessions).
 */
describe.skipIf(!browserAvailable())("widget: back in after a block is lifted, without a reload", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  let manager: AdminClient;
  const watches: PageWatch[] = [];
  const widget = (p: Page) => p.locator("#causette");

  const open = (token?: string): Promise<Page> => openWidgetPage(browser, shop.page({ path: PATH, ...(token ? { token } : {}) }), watches);

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    manager = new AdminClient({ url: server.url, tenant: "acme", token: await server.token({ tenant: "acme", role: "manager", sub: "cm-1", name: "Camille" }) });
    await manager.connect();
  });

  afterAll(async () => {
    expectCleanPages(watches);
    manager?.disconnect();
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  /** The red banner of a session that ended. */
  const ended = (p: Page) => widget(p).locator(".banner.bad");

  it("an IP block ends the chat; once it is lifted the widget comes back live by itself and can post", async () => {
    const page = await open();
    await manager.blockIp("127.0.0.1", { reason: "Spam wave from this network" });
    await ended(page).filter({ hasText: "Your network is blocked from this chat." }).waitFor();
    const box = widget(page).getByLabel("Your message");
    expect(await box.isDisabled()).toBe(true);
    await manager.unblockIp("127.0.0.1");
    // The first try comes within about 5 s of the block; no reload, no click.
    await ended(page).waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(() => box.isDisabled()).toBe(false);
    await box.fill("Back again, is the serum in stock?");
    await box.press("Enter");
    await widget(page).locator("li.msg", { hasText: "Back again, is the serum in stock?" }).waitFor();
  });

  it("a page shown again tries at once; a block still in place keeps the chat closed", async () => {
    const page = await open();
    const refusals = async () => Number(/causette_handshakes_total\{outcome="ip_blocked"\} (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
    await manager.blockIp("127.0.0.1", { reason: "Second wave" });
    await ended(page).filter({ hasText: "Your network is blocked from this chat." }).waitFor();
    // Shown again while still blocked: it tries at once, is refused, and still says why.
    const before = await refusals();
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect.poll(refusals, { timeout: 3000 }).toBeGreaterThan(before);
    await ended(page).filter({ hasText: "Your network is blocked from this chat." }).waitFor();
    await manager.unblockIp("127.0.0.1");
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await ended(page).waitFor({ state: "detached", timeout: 3000 });
  });

  it("a timed ban ends the chat until its end, then the widget is live again", async () => {
    const token = await server.token({ tenant: "acme", role: "member", sub: "timed-ban", name: "Léa" });
    const page = await open(token);
    await manager.ban("timed-ban", { reason: "Cooling off", durationSec: 2 });
    await ended(page).filter({ hasText: "Cooling off" }).waitFor();
    await ended(page).waitFor({ state: "detached", timeout: 12_000 });
    await expect.poll(() => widget(page).getByLabel("Your message").isDisabled()).toBe(false);
  });
});
