import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient, UserDataExport } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, openWidgetPage, screenshot, startShop, type PageWatch, type ShopServer } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { until } from "../support/wait.ts";

const ROOM = "product:serum-42";
const TEXT = "Ce sérum m'a donné des boutons, je ne le recommande pas";

/** SPEC §9.5 in the back office: a person's data exported as a file, and erased after a clear warning. */
describe.skipIf(!browserAvailable())("back office: personal data", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  let person: ChatClient;
  let token: string;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    person = await server.connected({ role: "member", sub: "pd-paula", name: "Paula Durand" });
    await person.join(ROOM);
    await person.send(ROOM, TEXT);
    await until(() => server.app.stores.people.getUser("acme", "pd-paula"));
    token = await server.token({ tenant: "acme", role: "manager", sub: "cm-1", name: "Camille" });
  });

  afterAll(async () => {
    expectCleanPages(watches);
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  const openPerson = async (admin: Page, tabName: RegExp, idLabel: string) => {
    await admin.getByRole("tab", { name: tabName }).click();
    await admin.getByLabel(idLabel, { exact: true }).fill("pd-paula");
    await admin.getByLabel(idLabel, { exact: true }).press("Enter");
    const card = admin.locator('article.person[data-user="pd-paula"]');
    await card.waitFor();
    return card;
  };

  it("exports the person's data as a JSON file, then erases it after a warning naming them and what is kept; open widgets drop the messages", async () => {
    const shopper = await openWidgetPage(browser, shop.page(), watches);
    const widget = shopper.locator("#causette");
    await widget.getByText(TEXT).waitFor();

    const { page: admin, watch } = await newPage(browser, { width: 1280, height: 900 });
    watches.push(watch);
    await openBackOffice(admin, server.url, "acme", token);
    const card = await openPerson(admin, /People/, "Name or user id");
    const section = card.locator("section.privacy");
    await section.getByText("Personal data (GDPR)").waitFor();

    const download = admin.waitForEvent("download");
    await section.getByRole("button", { name: "Export data" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("personal-data-acme-pd-paula.json");
    const doc = JSON.parse(readFileSync((await file.path())!, "utf8")) as UserDataExport;
    expect(doc).toMatchObject({ tenant: "acme", userId: "pd-paula", profile: { user: { name: "Paula Durand" } } });
    expect(doc.messages.map((m) => m.text)).toEqual([TEXT]);

    await section.getByRole("button", { name: "Erase data" }).click();
    const dialog = section.getByRole("alertdialog");
    await dialog.getByText(/^Erase the data of Paula Durand \(pd-paula\)\?/).waitFor();
    await dialog.getByText(/Kept, as the law requires: bans and mutes/).waitFor();
    await screenshot(admin, "backoffice-personal-data");
    // Cancelling changes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await server.app.stores.messages.userMessages("acme", "pd-paula", 10)).toHaveLength(1);

    await section.getByRole("button", { name: "Erase data" }).click();
    await section.getByRole("alertdialog").getByRole("button", { name: "Erase for good" }).click();
    await admin.getByText("Data erased: 1 message removed.").waitFor();
    await widget.getByText(TEXT).waitFor({ state: "detached" });
    // The card now shows a person the chat knows nothing about.
    await admin.locator('article.person[data-user="pd-paula"] [data-unseen]').waitFor();
    expect(await server.app.stores.people.getUser("acme", "pd-paula")).toBeNull();
    expect(await admin.locator("main").innerText()).not.toMatch(/user:data|not_found|invalid_payload/);
    // The audit log says it in words.
    await admin.getByRole("tab", { name: /Audit log/ }).click();
    const row = admin.locator('tr[data-action="user.erased"]', { hasText: "pd-paula" });
    await row.locator("td.action", { hasText: /^Erased a user’s personal data$/ }).waitFor();
    await row.getByText("1 message deleted").waitFor();
  });

  it("speaks French to a French manager", async () => {
    const { page: admin, watch } = await newPage(browser, { locale: "fr-FR" });
    watches.push(watch);
    await admin.addInitScript(() => { try { localStorage.setItem("causette-admin:lang", "fr"); } catch { /* ignore */ } });
    await openBackOfficeFr(admin, server.url, token);
    const card = await openPerson(admin, /Personnes/, "Nom ou identifiant");
    const section = card.locator("section.privacy");
    await section.getByText("Données personnelles (RGPD)").waitFor();
    await section.getByRole("button", { name: "Exporter les données" }).waitFor();
    await section.getByRole("button", { name: "Effacer les données" }).click();
    await section.getByRole("alertdialog").getByText(/^Effacer les données de pd-paula \(pd-paula\) \?/).waitFor();
    await section.getByRole("alertdialog").getByText(/^Conservé, comme la loi l'exige/).waitFor();
    await section.getByRole("alertdialog").getByRole("button", { name: "Annuler" }).click();
  });
});

/** The sign-in form in French (its labels follow the last language picked on this browser). */
async function openBackOfficeFr(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel(/^Tenant$/).fill("acme");
  await page.getByLabel("Jeton de responsable").fill(token);
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await page.getByRole("tab", { name: /^File/ }).waitFor();
}
