import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, screenshot, type PageWatch } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const ROOMS = 32;
const room = (i: number) => `product:bulk-${String(i).padStart(2, "0")}`;
/** The busiest room: three messages where the others have one. */
const BUSY = room(7);

/**
 * Issue 24, items 5 and 7: a brand with many product rooms reads them as one table it can sort
 * and search, acts from a row, and a manager switches the back office between English and French,
 * a choice kept across reloads.
 */
describe.skipIf(!browserAvailable())("back office rooms table and language switch", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let cm: AdminClient;
  const watches: PageWatch[] = [];

  const row = (id: string) => admin.locator(`tbody.room-card[data-room="${id}"]`);
  const shownRooms = () => admin.locator("tbody.room-card:not([hidden])").evaluateAll((els) => els.map((el) => el.getAttribute("data-room")));

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    browser = await launchBrowser();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-rooms", name: "Camille" });
    cm = new AdminClient({ url: server.url, tenant: "acme", token });
    await cm.connect();
    // Shoppers post in every room, so the rooms exist as they do for a brand: by being used.
    const shoppers = await Promise.all([1, 2, 3, 4].map((n) => server.connected({ role: "member", sub: `shopper-${n}`, name: `Shopper ${n}` })));
    await Promise.all(shoppers.map(async (s, n) => {
      for (let i = n; i < ROOMS; i += shoppers.length) {
        await s.join(room(i));
        await s.send(room(i), `Question ${i} about this product`);
        if (room(i) === BUSY) for (const k of [1, 2]) await s.send(room(i), `Follow-up ${k}`);
      }
    }));
    const opened = await newPage(browser, { width: 1600, height: 900 });
    admin = opened.page;
    watches.push(opened.watch);
    await openBackOffice(admin, server.url, "acme", token);
    await admin.getByRole("tab", { name: "Rooms" }).click();
    await admin.getByText(`${ROOMS} rooms`, { exact: true }).waitFor();
  });

  afterAll(async () => {
    cm?.disconnect();
    expectCleanPages(watches);
    await browser?.close();
    await server?.close();
  });

  it("sorts by a column header, with aria-sort saying how", async () => {
    const roomHeader = admin.getByRole("columnheader", { name: "Room" });
    await roomHeader.getByRole("button").click();
    expect(await roomHeader.getAttribute("aria-sort")).toBe("ascending");
    expect((await shownRooms())[0]).toBe(room(0));
    await roomHeader.getByRole("button").click();
    expect(await roomHeader.getAttribute("aria-sort")).toBe("descending");
    expect((await shownRooms())[0]).toBe(room(ROOMS - 1));

    const mpmHeader = admin.getByRole("columnheader", { name: "Msg/min" });
    await mpmHeader.getByRole("button").click();
    expect(await mpmHeader.getAttribute("aria-sort")).toBe("descending");
    expect(await roomHeader.getAttribute("aria-sort")).toBeNull();
    // Three messages against one: the busiest room leads, and the figures shown go down the table.
    await expect.poll(async () => (await shownRooms())[0]).toBe(BUSY);
    const figures = await admin.locator("tbody.room-card td.mpm .num").allInnerTexts();
    const values = figures.map(Number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("searches by room id, and acts from a row: freeze, then unfreeze", async () => {
    const search = admin.getByLabel("Find a room");
    await search.fill("bulk-1");
    await admin.getByText("10 of 32 rooms").waitFor();
    expect((await shownRooms()).sort()).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map(room));
    await search.fill("bulk-12");
    await expect.poll(shownRooms).toEqual([room(12)]);

    await row(room(12)).getByRole("button", { name: "Freeze" }).click();
    await row(room(12)).locator(".tag.frozen").waitFor();
    expect((await cm.listRooms()).find((r) => r.id === room(12))?.frozen).toBe(true);
    // The control that acted keeps the focus, now as the way back.
    const unfreeze = row(room(12)).getByRole("button", { name: "Unfreeze" });
    expect(await unfreeze.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill("");
    await expect.poll(() => shownRooms().then((r) => r.length)).toBe(ROOMS);
    await screenshot(admin, "backoffice-rooms-table-en");
    await unfreeze.click();
    await row(room(12)).locator(".tag.frozen").waitFor({ state: "detached" });
    expect((await cm.listRooms()).find((r) => r.id === room(12))?.frozen).toBe(false);
  });

  it("switches to French without a reload, on the same screen, and keeps it after a reload", async () => {
    await admin.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });
    await admin.getByRole("group", { name: "Language" }).getByRole("button", { name: "Français" }).click();
    await admin.getByRole("heading", { name: "Salons" }).waitFor();
    expect(await admin.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await admin.getByRole("tab", { name: "Salons" }).getAttribute("aria-selected")).toBe("true");
    expect(await admin.evaluate(() => document.documentElement.lang)).toBe("fr");
    await admin.getByRole("columnheader", { name: "Dernière activité" }).waitFor();
    await row(BUSY).getByRole("button", { name: "Geler" }).waitFor();
    await expect.poll(() => shownRooms().then((r) => r.length)).toBe(ROOMS);
    await screenshot(admin, "backoffice-rooms-table-fr");

    await admin.reload();
    await admin.getByRole("tab", { name: /File/ }).waitFor();
    expect(await admin.getByRole("group", { name: "Langue" }).getByRole("button", { name: "Français" }).getAttribute("aria-pressed")).toBe("true");
    // Back to English: the live feed still reaches the rebuilt screens.
    await admin.getByRole("group", { name: "Langue" }).getByRole("button", { name: "English" }).click();
    await admin.getByRole("tab", { name: /Queue/ }).waitFor();
    await admin.getByRole("tab", { name: "Rooms" }).click();
    await row(room(3)).getByRole("button", { name: "Shield" }).waitFor();
    await cm.updateRoom(room(3), { shield: true });
    await row(room(3)).locator(".tag.shielded").waitFor();
  });
});
