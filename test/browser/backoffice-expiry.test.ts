import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, newPage, openBackOffice, expectCleanPages, type PageWatch } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

/** The back office in real Chromium when the manager token it signed in with expires. */
describe.skipIf(!browserAvailable())("back office: manager token expiry", () => {
  let server: TestServer;
  let browser: Browser;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    // No clock tolerance: the token stops being valid exactly at `exp`.
    server = await startServer(testConfig({ acme: { origins: [], auth: { clockToleranceSec: 0 } } }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    expectCleanPages(watches);
    await browser?.close();
    await server?.close();
  });

  it("goes back to the sign-in form, saying the token expired, and forgets the stored token", async () => {
    const { page, watch } = await newPage(browser);
    watches.push(watch);
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-exp", name: "Camille", expiresIn: 3 });
    // The home is enough here: the token lives 3 s, opening the queue too would only race it.
    await openBackOffice(page, server.url, "acme", token, { home: true });
    const alert = page.getByRole("alert").filter({ hasText: /expired/i });
    await alert.waitFor({ timeout: 8000 });
    expect(await alert.innerText()).toMatch(/sign in again/i);
    await page.getByLabel("Manager token").waitFor();
    expect(await page.getByRole("tab", { name: /Queue/ }).count()).toBe(0);
    // The tenant stays filled in; the expired token is not kept for the next reload.
    expect(await page.getByLabel(/^Tenant$/).inputValue()).toBe("acme");
    expect(await page.evaluate(() => sessionStorage.getItem("causette-admin:credentials"))).toBeNull();
    // Signing in again with a fresh token works.
    const fresh = await server.token({ tenant: "acme", role: "manager", sub: "cm-exp", name: "Camille" });
    await openBackOffice(page, server.url, "acme", fresh, { home: true });
    await page.context().close();
  });
});
