import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, openWidgetPage } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startShopRig, type ShopRig } from "../support/shop-rig.ts";

const PATH = "/products/comeback-1";

/**
 * Issue 22, item 5: after an IP block is lifted (or a timed ban ends), shoppers who were cut off
 * get back in without reloading the page. The browser's address is 127.0.0.1, so the manager
 * blocks that; the manager's own /admin connection stays (blocks end /chat sessions).
 */
describe.skipIf(!browserAvailable())("widget: back in after a block is lifted, without a reload", () => {
  let rig: ShopRig;
  const widget = (p: Page) => p.locator("#causette");
  const open = (token?: string): Promise<Page> => openWidgetPage(rig.browser, rig.shop.page({ path: PATH, ...(token ? { token } : {}) }), rig.watches);
  /** The red banner of a session that ended. */
  const ended = (p: Page) => widget(p).locator(".banner.bad");

  beforeAll(async () => {
    rig = await startShopRig(testConfig({ acme: { origins: [] } }));
  });
  afterAll(async () => { await rig?.close(); });

  it("an IP block ends the chat; once it is lifted the widget comes back live by itself and can post", async () => {
    const page = await open();
    await rig.manager.blockIp("127.0.0.1", { reason: "Spam wave from this network" });
    await ended(page).filter({ hasText: "Your network is blocked from this chat." }).waitFor();
    const box = widget(page).getByLabel("Your message");
    expect(await box.isDisabled()).toBe(true);
    await rig.manager.unblockIp("127.0.0.1");
    // The first try comes within about 5 s of the block; no reload, no click.
    await ended(page).waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(() => box.isDisabled()).toBe(false);
    await box.fill("Back again, is the serum in stock?");
    await box.press("Enter");
    await widget(page).locator("li.msg", { hasText: "Back again, is the serum in stock?" }).waitFor();
  });

  it("a page shown again tries at once; a block still in place keeps the chat closed", async () => {
    const page = await open();
    const refusals = async () => Number(/causette_handshakes_total\{outcome="ip_blocked"\} (\d+)/.exec(await (await fetch(`${rig.server.url}/metrics`)).text())?.[1] ?? 0);
    await rig.manager.blockIp("127.0.0.1", { reason: "Second wave" });
    await ended(page).filter({ hasText: "Your network is blocked from this chat." }).waitFor();
    // Shown again while still blocked: it tries at once, is refused, and still says why.
    const before = await refusals();
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await expect.poll(refusals, { timeout: 3000 }).toBeGreaterThan(before);
    await ended(page).filter({ hasText: "Your network is blocked from this chat." }).waitFor();
    await rig.manager.unblockIp("127.0.0.1");
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await ended(page).waitFor({ state: "detached", timeout: 3000 });
  });

  it("a timed ban ends the chat until its end, then the widget is live again", async () => {
    const token = await rig.server.token({ tenant: "acme", role: "member", sub: "timed-ban", name: "Léa" });
    const page = await open(token);
    await rig.manager.ban("timed-ban", { reason: "Cooling off", durationSec: 2 });
    await ended(page).filter({ hasText: "Cooling off" }).waitFor();
    await ended(page).waitFor({ state: "detached", timeout: 12_000 });
    await expect.poll(() => widget(page).getByLabel("Your message").isDisabled()).toBe(false);
  });
});
