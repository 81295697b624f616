import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, launchBrowser, newPage, screenshot, startShop, type PageWatch, type ShopOptions, type ShopServer } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

/** The widget's look and placement from the script tag's data-* options and the page's CSS custom properties. */
describe.skipIf(!browserAvailable())("widget themes and options", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  let shopper: ChatClient;
  const watches: PageWatch[] = [];
  const BRAND_CSS = `
body { font-family: Georgia, serif; background: #f4f1ea; margin: 24px; }
#causette, .causette-launcher { --causette-accent: #0b6e4f; --causette-font: Georgia, "Times New Roman", serif; --causette-radius: 4px; }`;

  async function open(opts: ShopOptions & { colorScheme?: "light" | "dark" }, ready = true): Promise<Page> {
    const { page, watch } = await newPage(browser, { width: 1000, height: 760 });
    watches.push(watch);
    if (opts.colorScheme) await page.emulateMedia({ colorScheme: opts.colorScheme });
    await page.goto(shop.page(opts));
    if (ready) await page.locator(".causette-widget, #causette").locator(".pill.live").waitFor();
    return page;
  }
  /** A computed style inside the widget's shadow root. */
  const style = (p: Page, selector: string, prop: string) => p.locator(selector).first().evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), prop);

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    shopper = await server.connected({ role: "member", sub: "sami", name: "Sami" });
    await shopper.join("product:serum-42");
    await shopper.send("product:serum-42", "Does it suit dry skin?");
    await shopper.send("product:serum-42", "هل يناسب البشرة الجافة؟");
  });

  afterAll(async () => {
    for (const w of watches) expect(w.errors).toEqual([]);
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  it("takes the brand's colour, font and radius from CSS custom properties (inline, light)", async () => {
    const page = await open({ css: BRAND_CSS, title: "Maison Verte" });
    const w = page.locator("#causette");
    expect(await style(page, "#causette .send", "background-color")).toBe("rgb(11, 110, 79)");
    expect(await style(page, "#causette .cw", "font-family")).toMatch(/^Georgia/);
    expect(await style(page, "#causette .cw", "border-radius")).toBe("4px");
    expect(await style(page, "#causette .cw", "background-color")).toBe("rgb(255, 255, 255)");
    await w.getByLabel("Your message").fill("Love the new bottle!");
    await w.getByLabel("Your message").press("Enter");
    await w.locator("li.msg.own", { hasText: "Love the new bottle" }).waitFor();
    await screenshot(page, "widget-theme-brand-light");
  });

  it("launcher mode, dark scheme, right to left on an Arabic page: button in the bottom-left corner opens a mirrored dark chat", async () => {
    const page = await open({ css: BRAND_CSS, lang: "ar", dir: "rtl", title: "متجر", attrs: { "data-mode": "launcher", "data-theme": "dark", "data-language": "fr" } }, false);
    const launcher = page.locator(".causette-launcher");
    const button = launcher.getByRole("button", { name: "Discuter avec la communauté" });
    await button.waitFor();
    // RTL puts the launcher bottom-left by default; the inline #causette stays empty.
    const box = (await button.boundingBox())!;
    expect(box.x).toBeLessThan(100);
    expect(box.y).toBeGreaterThan(600);
    expect(await page.locator("#causette").evaluate((el) => el.shadowRoot)).toBeNull();
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await button.click();
    expect(await launcher.getByRole("button", { name: "Fermer" }).getAttribute("aria-expanded")).toBe("true");
    const w = launcher.locator(".causette-widget");
    await w.locator(".pill.live").waitFor();
    await w.locator("li.msg", { hasText: "هل يناسب" }).waitFor();
    expect(await style(page, ".causette-widget .cw", "background-color")).toBe("rgb(28, 23, 25)");
    expect(await style(page, ".causette-widget .cw", "direction")).toBe("rtl");
    // The brand's accent applies to the dark scheme too (no --causette-dark-accent given).
    expect(await style(page, ".causette-widget .send", "background-color")).toBe("rgb(11, 110, 79)");
    // Mirrored: the author's name starts at the right of a message, the time follows to its left.
    const item = w.locator("li.msg", { hasText: "Does it suit" });
    const name = (await item.locator(".name").boundingBox())!;
    const time = (await item.locator("time").boundingBox())!;
    expect(name.x).toBeGreaterThan(time.x);
    await screenshot(page, "widget-theme-dark-rtl-launcher");
    // Escape closes the panel and gives the keyboard back to the button.
    await w.getByLabel("Votre message").focus();
    await page.keyboard.press("Escape");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await w.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("causette-launcher");
  });

  it("data-theme=auto follows the shopper's system setting", async () => {
    const dark = await open({ attrs: { "data-theme": "auto" }, colorScheme: "dark" });
    expect(await style(dark, "#causette .cw", "background-color")).toBe("rgb(28, 23, 25)");
    const light = await open({ attrs: { "data-theme": "auto" }, colorScheme: "light" });
    expect(await style(light, "#causette .cw", "background-color")).toBe("rgb(255, 255, 255)");
  });

  it("data-room pins the room on a page widget-config does not list; without it the launcher hides with the widget", async () => {
    const pinned = await open({ path: "/about-us", attrs: { "data-room": "faq" } });
    // faq is a restricted room in the test config: its banner proves which room was joined.
    await pinned.locator("#causette").getByText(/answers come from our experts/).waitFor();
    const hidden = await open({ path: "/about-us", attrs: { "data-mode": "launcher" } }, false);
    await expect.poll(() => hidden.locator(".causette-launcher").evaluate((el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await hidden.locator(".causette-launcher button").isVisible()).toBe(false);
  });
});
