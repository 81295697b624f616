import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG_PATH, parseConfig } from "../../server/config/load.ts";
import { browserAvailable, launchBrowser, newPage, screenshot, type PageWatch, openWidgetPage } from "../support/browser.ts";
import { startServer, type TestServer } from "../support/server.ts";

/**
 * The shipped config (demo tenant) on a free port, its origin list as shipped (port 8080 only):
 * the demo page must work on whatever port the server listens, as `PORT=3000 npm start` does.
 */
function demoConfig(production: boolean) {
  const raw = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, "utf8"));
  raw.server = { ...raw.server, port: 0, host: "127.0.0.1", logLevel: "silent", production, guestSecret: "guest-secret-for-tests-0123456789abcdef" };
  expect(raw.tenants[0].origins.length).toBeGreaterThan(0);
  return parseConfig(raw, "demo test config");
}

/** The demo product page `/` and the back office's demo sign-in, as a newcomer meets them. */
describe.skipIf(!browserAvailable())("demo page in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const watches: PageWatch[] = [];
  const widget = (p: Page) => p.locator("#causette");

  const open = (width = 1280, height = 900): Promise<Page> => openWidgetPage(browser, `${server.url}/`, watches, { width, height });

  beforeAll(async () => {
    server = await startServer(demoConfig(false));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    // The real pages run under the real CSP (script-src 'self'): any violation would be logged here.
    for (const w of watches) expect(w.errors).toEqual([]);
    await browser?.close();
    await server?.close();
  });

  it("switches roles from the demo bar and keeps the role across the reload", async () => {
    const page = await open();
    const bar = page.getByRole("group", { name: /try the chat as/ });
    expect(await bar.getByRole("button", { name: "Guest" }).getAttribute("aria-pressed")).toBe("true");
    await bar.getByRole("button", { name: "Moderator" }).click();
    await widget(page).getByText("Sam · Moderator").waitFor();
    await widget(page).getByRole("button", { name: /Alert the team/ }).waitFor();
    const box = widget(page).getByLabel("Your message");
    await box.fill("Welcome! Ask us anything about the serum.");
    await box.press("Enter");
    await widget(page).locator("li.msg", { hasText: "Welcome! Ask us" }).locator(".badge").getByText("Moderator").waitFor();
  });

  it("moves the widget to the restricted FAQ room from the tab", async () => {
    const page = await open();
    await page.getByRole("tab", { name: /FAQ/ }).click();
    await widget(page).getByText(/answers come from our experts and moderators/).waitFor();
    await screenshot(page, "demo-page-desktop", true);
    const phone = await open(375, 800);
    await widget(phone).locator("li.msg", { hasText: "Welcome! Ask us" }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, "demo-page-phone-375", true);
  });

  it("signs a manager in to the back office with one click on the demo tenant", async () => {
    const { page, watch } = await newPage(browser);
    watches.push(watch);
    await page.goto(`${server.url}/admin`);
    await page.getByRole("button", { name: /One-click demo sign-in/ }).click();
    await page.getByRole("tab", { name: /Queue/ }).waitFor();
    await page.getByText("Camille · Manager").waitFor();
    // The token stays in sessionStorage, never in the address bar.
    expect(page.url()).toBe(`${server.url}/admin`);
    await page.getByRole("tab", { name: /Rooms/ }).click();
    await page.locator('tbody.room-card[data-room="product:serum-42"]').waitFor();
  });

  it("offers no demo tokens in production", async () => {
    const prod = await startServer(demoConfig(true));
    try {
      const res = await fetch(`${prod.url}/api/v1/demo/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ role: "manager" }) });
      expect(res.status).toBe(404);
      expect(await (await fetch(`${prod.url}/config.js`)).text()).toContain('"production":true');
      // A brand's managers are not shown a developer's shell command.
      const { page, watch } = await newPage(browser);
      watches.push(watch);
      await page.goto(`${prod.url}/admin`);
      await page.getByLabel("Manager token").waitFor();
      expect(await page.locator("main").innerText()).not.toContain("npm run token");
      await page.close();
    } finally { await prod.close(); }
    const dev = await fetch(`${server.url}/api/v1/demo/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ role: "root" }) });
    expect(dev.status).toBe(400);
  });
});
