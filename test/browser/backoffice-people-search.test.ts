import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, launchBrowser, screenshot, type PageWatch, openManagerPage, closeBrowserSuite } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

/**
 * People in Chromium against the real server: a search by name (accents and case aside) opens
 * the person's page with their messages, reports, sanctions, devices and linked accounts; the
 * "online now" and "recent authors" lists; names instead of ids in bans, IP blocks and the audit.
 */
describe.skipIf(!browserAvailable())("back office people: search, lists, a person's page", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  let helene: ChatClient;
  let marc: ChatClient;
  const watches: PageWatch[] = [];
  const tab = (name: RegExp) => admin.getByRole("tab", { name });
  const person = (id: string) => admin.locator(`article.person[data-user="${id}"]`);

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    browser = await launchBrowser();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-p", name: "Camille Manager" });
    helene = await server.connected({ role: "member", sub: "crm-hel-77", name: "Hélène Dupré" });
    marc = await server.connected({ role: "member", sub: "crm-marc-12", name: "Marc Hélias" });
    await helene.join("product:creme");
    await marc.join("product:creme");
    const first = await helene.send("product:creme", "Cette crème est parfaite pour les peaux sèches");
    await marc.flag(first.id, "off_topic");
    await marc.send("product:creme", "Je confirme, très bonne");
    admin = await openManagerPage(browser, server.url, token, watches, { width: 1280, height: 1100 });
  });

  afterAll(() => closeBrowserSuite(watches, browser, server));

  it("finds a person by the start of their name, accents and case aside, and opens their page", async () => {
    await tab(/People/).click();
    // Keyboard: "/" jumps to the search box.
    await admin.keyboard.press("/");
    await expect.poll(() => admin.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("userId");
    await admin.keyboard.type("HELE");
    await admin.keyboard.press("Enter");
    const page = person("crm-hel-77");
    await page.getByText("Cette crème est parfaite pour les peaux sèches").waitFor();
    await page.locator("h3", { hasText: "Hélène Dupré" }).waitFor();
    // Reports received, by name; the room of each message; devices.
    await page.locator(".flags-received").getByText(/Marc Hélias/).waitFor();
    expect(await page.locator(".recent").innerText()).toContain("product:creme");
    await page.getByText("Devices").waitFor();

    // Only the start of the name counts: "m" finds Marc Hélias, not Hélène's other words.
    await admin.getByLabel("Name or user id").fill("m");
    await admin.getByLabel("Name or user id").press("Enter");
    await person("crm-marc-12").waitFor();
  });

  it("lists several matches to pick from, by name, with the keyboard", async () => {
    const other = await server.connected({ role: "member", sub: "crm-hel-78", name: "Helena Roy" });
    await other.join("product:creme");
    await admin.getByLabel("Name or user id").fill("hél");
    await admin.getByLabel("Name or user id").press("Enter");
    const results = admin.locator('.results ul[data-list="search"] li');
    await expect.poll(() => results.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-user")))).toEqual(["crm-hel-78", "crm-hel-77"]);
    // In name order ("helena" before "helene"). The first result has the focus: Tab to the next one's button, Enter opens it.
    await admin.keyboard.press("Tab");
    await admin.keyboard.press("Enter");
    await person("crm-hel-77").waitFor();
  });

  it("shows who is online now and who wrote last, by name", async () => {
    await admin.getByRole("tab", { name: "Online now" }).click();
    const online = admin.locator('ul[data-list="online"]');
    await online.getByText("Hélène Dupré").waitFor();
    await online.getByText("Marc Hélias").waitFor();
    await admin.getByRole("tab", { name: "Recent authors" }).click();
    const recent = admin.locator('ul[data-list="recent"] li');
    await expect.poll(() => recent.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-user")))).toEqual(["crm-marc-12", "crm-hel-77"]);
    expect(await recent.first().innerText()).toContain("product:creme");
  });

  it("shows names instead of ids in bans, sanctions, IP blocks and the audit log", async () => {
    await admin.getByLabel("Name or user id").fill("crm-marc-12");
    await admin.getByLabel("Name or user id").press("Enter");
    const marcPage = person("crm-marc-12");
    await marcPage.getByLabel("Reason (required)").fill("Publicité répétée");
    await marcPage.getByRole("button", { name: "Ban", exact: true }).click();
    await marcPage.locator("header").getByText(/^Banned/).waitFor();
    // The sanctions on the person's page, and the ban in the list, by name.
    await marcPage.locator(".sanctions").getByText(/by Camille Manager/).waitFor();
    const ban = admin.locator('.lists li[data-user="crm-marc-12"]');
    await ban.getByText("Marc Hélias").waitFor();
    // The banning manager's name is looked up after the list is drawn: wait for it, never read at once.
    await expect.poll(() => ban.innerText()).toContain("by Camille Manager");
    await screenshot(admin, "backoffice-person", true);

    await admin.getByRole("tab", { name: /IP blocks/ }).click();
    const form = admin.locator("form").filter({ has: admin.getByLabel(/Address or CIDR/) });
    await form.getByLabel(/Address or CIDR/).fill("198.51.100.0/24");
    await form.getByLabel("Reason", { exact: true }).fill("Réseau de spam");
    await form.getByRole("button", { name: "Block", exact: true }).click();
    await admin.locator('tr[data-cidr="198.51.100.0/24"]').getByText("Camille Manager (cm-p)").waitFor();

    await tab(/Audit/).click();
    await admin.locator('tr[data-action="user.banned"]').first().getByText(/Marc Hélias \(crm-marc-12\)/).waitFor();
  });

  it("reads in French", async () => {
    await admin.locator("button[data-lang=fr]").click();
    await tab(/Personnes/).click();
    await admin.getByLabel("Nom ou identifiant").fill("hélène");
    await admin.getByLabel("Nom ou identifiant").press("Enter");
    await person("crm-hel-77").getByText("Signalements reçus").waitFor();
    await admin.getByRole("tab", { name: "En ligne" }).waitFor();
    await admin.getByRole("tab", { name: "Auteurs récents" }).waitFor();
  });
});
