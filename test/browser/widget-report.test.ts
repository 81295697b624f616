import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, type ChatClient, type Message } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, openWidgetPage, screenshot, startShop, type PageWatch, type ShopServer } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken } from "../support/tokens.ts";

const PATH = "/products/report-1";
const ROOM = "product:report-1";

/** SPEC §9.3 in Chromium: a guest reports illegal content through the widget's form and is told the outcome. */
describe.skipIf(!browserAvailable())("widget: report illegal content", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  let admin: AdminClient;
  let seller: ChatClient;
  const watches: PageWatch[] = [];
  const widget = (p: Page) => p.locator("#causette");
  const item = (p: Page, text: string) => widget(p).locator("li.msg", { hasText: text });

  beforeAll(async () => {
    // The shop's origin gets a random port, so acme allows any origin here.
    server = await startServer(testConfig({ acme: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    admin = new AdminClient({ url: server.url, tenant: "acme", token: await mintToken({ tenant: "acme", role: "manager", sub: "cm-report", name: "Camille" }) });
    await admin.connect();
    seller = await server.connected({ role: "member", sub: "rp-seller", name: "Marc" });
    await seller.join(ROOM);
  });

  afterAll(async () => {
    expectCleanPages(watches);
    admin?.disconnect();
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  async function openMenuEntry(page: Page, text: string, entry: RegExp): Promise<void> {
    await item(page, text).getByRole("button", { name: /Report|Signaler/ }).click();
    await item(page, text).getByRole("button", { name: entry }).click();
  }

  it("a guest reports a message through the form, gets a receipt and a status link, and is told the manager removed it in the back office", async () => {
    // Illegal but not caught by the filters (a shopper has to report it). A seller's "pay me by
    // bank transfer" is one the category model now holds as contact (0.51), so not that one.
    const text = "This serum is a miracle cure, throw away your prescriptions";
    const message: Message = await seller.send(ROOM, text);
    const page = await openWidgetPage(browser, shop.page({ path: PATH }), watches);
    await item(page, text).waitFor();

    await openMenuEntry(page, text, /^Report illegal content$/);
    const form = widget(page).getByRole("form", { name: "Report illegal content" });
    await form.waitFor();
    const category = form.getByLabel("What kind of illegal content is it?");
    // The form takes the focus where it starts; categories read as words, never codes.
    await expect.poll(() => category.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const options = await category.locator("option").allTextContents();
    expect(options).toHaveLength(15);
    expect(options).toContain("Scam or fraud");
    expect(options.join(" ")).not.toMatch(/_/);

    // Sent empty: each problem is said at its field, the first field gets the focus.
    await form.getByRole("button", { name: "Send the report" }).click();
    await form.getByText("Choose what kind of illegal content it is.").waitFor();
    await form.getByText("Explain why the message is illegal.").waitFor();
    await form.getByText("Tick the box to confirm you are reporting in good faith.").waitFor();
    expect(await category.getAttribute("aria-invalid")).toBe("true");

    await category.selectOption({ label: "Scam or fraud" });
    const why = form.getByLabel("Why is it illegal?");
    expect(await why.getAttribute("maxlength")).toBe("2000");
    await why.fill("The seller asks for bank transfers for a fake product: a classic advance-payment scam.");
    await form.getByLabel(/^Your e-mail/).fill("not-an-address");
    await form.getByLabel(/^I confirm that the information/).check();
    await form.getByRole("button", { name: "Send the report" }).click();
    await form.getByText("This e-mail address does not look right.").waitFor();
    await form.getByLabel(/^Your e-mail/).fill("zoe@example.org");
    await form.getByLabel(/^Your name/).fill("Zoé");
    await screenshot(page, "widget-report-form");
    await form.getByRole("button", { name: "Send the report" }).click();

    const panel = widget(page).locator("[data-panel=report]");
    await panel.getByText(/Thank you, your report was received/).waitFor();
    const receipt = (await panel.locator("[data-receipt]").textContent())!;
    expect(receipt.length).toBeGreaterThanOrEqual(32);
    const href = (await panel.getByRole("link", { name: "Follow your report" }).getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^${server.url}/api/v1/tenants/acme/reports/rp_[\\w-]+\\?receipt=`));
    expect(await (await fetch(href)).json()).toMatchObject({ report: { status: "received" } });
    const queued = (await admin.listQueue()).items.find((i) => i.message.id === message.id);
    expect(queued).toMatchObject({ kind: "report", priority: "high", reasons: [{ kind: "report", detail: "scams_and_fraud" }] });

    // The manager sees it at the top of the back office's queue, said in words, and removes it there.
    const bo = await newPage(browser);
    watches.push(bo.watch);
    await openBackOffice(bo.page, server.url, "acme", await mintToken({ tenant: "acme", role: "manager", sub: "cm-report", name: "Camille" }));
    const queued2 = bo.page.locator("li.qitem", { hasText: text });
    await queued2.locator(".tag.report", { hasText: "Illegal content report" }).waitFor();
    await queued2.locator(".tag.high").waitFor();
    await queued2.locator(".reason", { hasText: "Reported as illegal: Scam or fraud — The seller asks for bank transfers" }).waitFor();
    await screenshot(bo.page, "backoffice-report");
    await queued2.getByRole("button", { name: "Remove (r)", exact: true }).click();
    await panel.getByText("Your report was reviewed: the message was removed.").waitFor();
    await expect.poll(() => item(page, text).count()).toBe(0);
    expect(await (await fetch(href)).json()).toMatchObject({ report: { status: "decided", decision: "removed" } });
    await screenshot(page, "widget-report");
  });

  it("after flagging a message, its menu still offers the legal route, and only that", async () => {
    const text = "Message flagged, then reported as illegal";
    await seller.send(ROOM, text);
    const page = await openWidgetPage(browser, shop.page({ path: PATH }), watches);
    await item(page, text).waitFor();
    await item(page, text).getByRole("button", { name: /Report/ }).click();
    await item(page, text).getByRole("button", { name: "Spam or advertising" }).click();
    await widget(page).getByText("Thanks, our moderators will take a look.").waitFor();
    await item(page, text).getByRole("button", { name: /Report/ }).click();
    const menu = item(page, text).getByRole("group");
    await menu.getByRole("button", { name: "Report illegal content" }).waitFor();
    expect(await menu.getByRole("button", { name: "Spam or advertising" }).count()).toBe(0);
    await menu.getByRole("button", { name: "Report illegal content" }).click();
    await widget(page).getByRole("form", { name: "Report illegal content" }).waitFor();
  });

  it("in French, with the keyboard: the entry, the categories and the good-faith statement in plain French; Escape closes and gives the focus back", async () => {
    const text = "Copie du sérum vendue sous la marque Acme";
    await seller.send(ROOM, text);
    const page = await openWidgetPage(browser, shop.page({ path: PATH }), watches, { locale: "fr-FR" });
    await item(page, text).waitFor();
    await openMenuEntry(page, text, /^Signaler un contenu illicite$/);
    const form = widget(page).getByRole("form", { name: "Signaler un contenu illicite" });
    const category = form.getByLabel("De quel type de contenu illicite s’agit-il ?");
    expect(await category.locator("option").allTextContents()).toContain("Atteinte au droit d’auteur ou à une marque");
    await form.getByLabel(/^Je confirme que les informations/).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => form.count()).toBe(0);
    const back = item(page, text).getByRole("button", { name: /Signaler/ });
    await expect.poll(() => back.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  });
});
