import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, type ChatClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, screenshot, type PageWatch } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const ROOM = "product:serum-42";
const OTHER = "product:lipstick-7";

/**
 * Issue 24 item 1: the back office opens on a live dashboard. A shopper's message held by the
 * filter moves the "held" and "waiting for review" tiles without a reload; the period and the
 * room can be switched; the charts (uPlot) show messages, holds by reason, removals by category,
 * decisions per manager (by name) and moderators' flags.
 */
describe.skipIf(!browserAvailable())("back office dashboard", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let cm: AdminClient;
  let shopper: ChatClient;
  const watches: PageWatch[] = [];

  const tile = (id: string) => admin.locator(`.tile[data-tile="${id}"] .tile-value`);
  const tileNumber = async (id: string) => Number((await tile(id).textContent())?.replace(/\D/g, "") || "NaN");

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    browser = await launchBrowser();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-dash", name: "Camille" });
    cm = new AdminClient({ url: server.url, tenant: "acme", token });
    await cm.connect();
    // A morning's activity: messages in two rooms, holds for a word and a link, a moderator's
    // flag, and Camille's decisions on some of them.
    shopper = await server.connected({ role: "member", sub: "shopper-1", name: "Shopper 1" });
    const other = await server.connected({ role: "member", sub: "shopper-2", name: "Shopper 2" });
    const mod = await server.connected({ role: "moderator", sub: "mod-1", name: "Sam" });
    for (const c of [shopper, other, mod]) { await c.join(ROOM); await c.join(OTHER); }
    for (let i = 0; i < 6; i++) await other.send(i % 2 ? ROOM : OTHER, `Question ${i} about this product`);
    const word = await shopper.send(ROOM, "quel connard ce vendeur");
    const link = await other.send(OTHER, "venez voir www.spam-link.biz");
    const flagged = await other.send(ROOM, "allez plutôt chez le concurrent");
    await mod.flag(flagged.id, "competitor");
    await cm.resolve(word.id, "remove");
    await cm.resolve(link.id, "approve");
    await cm.resolve(flagged.id, "remove");

    const opened = await newPage(browser, { width: 1440, height: 1100 });
    admin = opened.page;
    watches.push(opened.watch);
    await openBackOffice(admin, server.url, "acme", token, { home: true });
  });

  afterAll(async () => {
    cm?.disconnect();
    expectCleanPages(watches);
    await browser?.close();
    await server?.close();
  });

  it("opens on the dashboard, and a held message moves the held and queue tiles live", async () => {
    expect(await admin.locator('[role=tab][data-tab="dashboard"]').getAttribute("aria-selected")).toBe("true");
    // What the server counts (newcomers' first messages are held too): the page shows the same.
    const held = (await cm.dashboard()).tiles.held;
    expect(held).toBeGreaterThanOrEqual(2);
    await expect.poll(() => tileNumber("held")).toBe(held);
    const queueBefore = await tileNumber("queue");
    // The charts draw once admin-charts.js (uPlot, loaded on first use) has arrived.
    await expect.poll(() => admin.locator(".chart canvas").count()).toBeGreaterThanOrEqual(4);
    // Decisions per manager by name, never by id; reasons and categories in words, never codes.
    await admin.locator(".manager-totals").getByText("Camille").waitFor();
    const page = await admin.locator(".dashboard-screen").innerText();
    expect(page).not.toContain("cm-dash");
    expect(page).not.toMatch(/illegal_or_harmful_speech|scope_of_platform_service/);

    const requests: string[] = [];
    admin.on("framenavigated", (f) => requests.push(f.url()));
    await shopper.send(ROOM, "you are such a connard, seriously");
    await expect.poll(() => tileNumber("held"), { timeout: 10_000 }).toBe(held + 1);
    await expect.poll(() => tileNumber("queue"), { timeout: 10_000 }).toBe(queueBefore + 1);
    expect(await admin.locator('.tile[data-tile="queue"] .tile-sub').textContent()).toMatch(/oldest waiting/);
    expect(await admin.locator('.tile[data-tile="median"] .tile-value').textContent()).not.toBe("–");
    // No reload happened: the figures moved on the page as it was.
    expect(requests).toEqual([]);
  });

  it("switches the period and the room", async () => {
    await admin.getByRole("button", { name: "Last 7 days" }).click();
    await expect.poll(() => admin.getByRole("button", { name: "Last 7 days" }).getAttribute("aria-pressed")).toBe("true");
    await admin.getByRole("button", { name: "Last 24 hours" }).click();
    await expect.poll(() => admin.getByRole("button", { name: "Last 24 hours" }).getAttribute("aria-pressed")).toBe("true");
    expect(await admin.getByRole("button", { name: "Last hour" }).getAttribute("aria-pressed")).toBe("false");
    // One room: only its holds (the link was held in the other room).
    await expect.poll(() => admin.locator('[data-control="dashboard-room"] option').count()).toBeGreaterThanOrEqual(3);
    const [inOther, all] = await Promise.all([cm.dashboard({ room: OTHER }), cm.dashboard()]);
    expect(inOther.tiles.held).toBeLessThan(all.tiles.held);
    await admin.locator('[data-control="dashboard-room"]').selectOption(OTHER);
    await expect.poll(() => tileNumber("held")).toBe(inOther.tiles.held);
    await admin.locator('[data-control="dashboard-room"]').selectOption("");
    await expect.poll(() => tileNumber("held")).toBe(all.tiles.held);
    await admin.getByRole("button", { name: "Last hour" }).click();
    await admin.locator(".chart .u-legend").first().waitFor();
    await screenshot(admin, "backoffice-dashboard", true);
  });

  it("fits a phone: tiles and charts follow the width, nothing scrolls sideways", async () => {
    await admin.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => admin.locator(".chart canvas").first().evaluate((c) => c.getBoundingClientRect().width)).toBeLessThanOrEqual(390);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(admin, "backoffice-dashboard-mobile");
    await admin.setViewportSize({ width: 1440, height: 1100 });
  });

  it("speaks French too", async () => {
    await admin.locator('[data-lang="fr"]').click();
    await admin.getByRole("heading", { name: "Tableau de bord" }).waitFor();
    await admin.getByText("Retenus aujourd’hui").waitFor();
    await expect.poll(() => tileNumber("held")).toBe((await cm.dashboard()).tiles.held);
    await admin.locator('[data-lang="en"]').click();
    await admin.getByRole("heading", { name: "Dashboard" }).waitFor();
  });
});
