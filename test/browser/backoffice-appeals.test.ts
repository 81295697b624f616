import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, newPage, openBackOffice, openWidgetPage, screenshot } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startShopRig, type ShopRig } from "../support/shop-rig.ts";

const PATH = "/products/appeal-1";

/**
 * SPEC §9.2 end to end in two Chromium pages: a shopper contests a removal in the widget, the
 * manager finds the appeal live in the back office's Appeals tab beside the original content,
 * reverses it from the keyboard, and the shopper sees the message back with the outcome. Then a
 * ban's appeal, upheld, and the decided list.
 */
describe.skipIf(!browserAvailable())("back office: appeals", () => {
  let rig: ShopRig;
  let admin: Page;
  const widget = (p: Page) => p.locator("#causette");
  const card = (hasText: string) => admin.locator("ol.appeals li.qitem", { hasText });
  /** The shopper appeals the notice shown in their widget, as a shopper does. */
  const appealFrom = async (notice: Locator, text: string) => {
    await notice.getByRole("button", { name: "Appeal" }).click();
    await notice.getByLabel("Why should this decision be reviewed?").fill(text);
    await notice.getByRole("button", { name: "Send my appeal" }).click();
    await notice.locator(".outcome", { hasText: "Appeal sent." }).waitFor();
  };

  beforeAll(async () => {
    rig = await startShopRig(testConfig({ acme: { origins: [] } }));
    const opened = await newPage(rig.browser, { width: 1280, height: 1000 });
    admin = opened.page;
    rig.watches.push(opened.watch);
    await openBackOffice(admin, rig.server.url, "acme", rig.managerToken);
    await admin.getByRole("tab", { name: /Appeals/ }).click();
  });
  afterAll(async () => { await rig?.close(); });

  it("a removal's appeal arrives live beside the original content and who decided; reversed from the keyboard, the shopper gets the message back", async () => {
    await admin.getByText("No open appeal.", { exact: false }).waitFor();
    const token = await rig.server.token({ tenant: "acme", role: "member", sub: "bo-shopper", name: "Inès" });
    const page = await openWidgetPage(rig.browser, rig.shop.page({ path: PATH, token }), rig.watches);
    const box = widget(page).getByLabel("Your message");
    await box.fill("Is the refill cheaper on the other site?");
    await box.press("Enter");
    const item = widget(page).locator("li.msg", { hasText: "Is the refill cheaper on the other site?" });
    await item.waitFor();
    await rig.manager.deleteMessage((await item.getAttribute("data-id"))!, "Comparing with other shops is not allowed here");
    await item.waitFor({ state: "detached" });

    const notice = widget(page).locator("section.notices li.notice");
    await appealFrom(notice, "I only asked about the price, I did not name any shop.");

    // Live, with a toast and the tab's count.
    const c = card("Is the refill cheaper on the other site?");
    await c.waitFor();
    await admin.locator(".toast", { hasText: "New appeal: Message removed" }).waitFor();
    expect(await admin.getByRole("tab", { name: /Appeals/ }).getAttribute("aria-label")).toBe("Appeals (1)");
    expect(await c.locator("blockquote.excerpt").textContent()).toBe("Is the refill cheaper on the other site?");
    expect(await c.locator(".tag.roomtag").textContent()).toBe("product:appeal-1");
    expect(await c.locator(".first-decision").textContent()).toBe("Camille (Manager)");
    expect(await c.locator(".appeal-text").textContent()).toBe("I only asked about the price, I did not name any shop.");
    expect(await c.locator(".explanation").textContent()).toContain("Comparing with other shops is not allowed here");
    expect(await c.locator("ol.history li").count()).toBe(2);
    // No raw codes: categories, kinds and sources are words.
    expect(await c.innerText()).not.toMatch(/scope_of_platform_service|message_removed|_/);
    await screenshot(admin, "backoffice-appeals");

    // The note is required: v without one asks for it and puts the caret there.
    await admin.locator("body").click({ position: { x: 5, y: 5 } });
    await admin.keyboard.press("v");
    await c.getByText("Write a note for the user first").waitFor();
    const note = c.getByLabel("Note to the user (required)");
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    await note.fill("You are right: asking about the price is fine.");
    await admin.keyboard.press("Escape");
    await admin.keyboard.press("v");
    await admin.locator(".toast", { hasText: "the restriction is undone" }).waitFor();
    await c.waitFor({ state: "detached" });
    await admin.getByText("No open appeal.", { exact: false }).waitFor();

    await item.waitFor();
    await notice.locator(".outcome", { hasText: "Your appeal was accepted: your message was restored." }).waitFor();

    // The decided list keeps the history, with who decided and the note.
    await admin.getByLabel("Appeals shown").selectOption("closed");
    const closed = card("Is the refill cheaper on the other site?");
    await closed.locator(".tag", { hasText: "Reversed" }).waitFor();
    expect(await closed.locator("ol.history li").last().textContent()).toMatch(/Reversed by Camille — You are right: asking about the price is fine\./);
    await admin.getByLabel("Appeals shown").selectOption("open");
  });

  it("a banned shopper's appeal shows the account restriction; upheld with a note, the ban stays; the view reads in French", async () => {
    const token = await rig.server.token({ tenant: "acme", role: "member", sub: "bo-banned", name: "Hugo" });
    const page = await openWidgetPage(rig.browser, rig.shop.page({ path: PATH, token }), rig.watches);
    await rig.manager.ban("bo-banned", { reason: "Repeated insults", durationSec: 86_400 });
    await appealFrom(widget(page).locator("section.notices li.notice[data-kind=banned]"), "Someone else used my phone.");

    const c = card("Someone else used my phone.");
    await c.waitFor();
    expect(await c.locator(".tag").first().textContent()).toBe("Ban");
    expect(await c.getByText("No message: the restriction concerns the account.").count()).toBe(1);
    expect(await c.locator(".first-decision").textContent()).toBe("Camille (Manager)");
    await c.getByLabel("Note to the user (required)").fill("The messages came from your account; the ban stands.");
    await c.getByRole("button", { name: /Uphold/ }).click();
    await admin.locator(".toast", { hasText: "the restriction stands" }).waitFor();
    await c.waitFor({ state: "detached" });
    expect((await rig.manager.inspect("bo-banned")).ban).toBeDefined();

    await admin.locator("[data-lang=fr]").click();
    await admin.getByRole("tab", { name: /Contestations/ }).waitFor();
    await admin.getByLabel("Contestations affichées").selectOption("closed");
    const fr = card("Someone else used my phone.");
    await fr.locator(".tag", { hasText: "Maintenue" }).waitFor();
    expect(await fr.locator("h3").allTextContents()).toEqual(["Contenu d’origine", "L’avis", "La contestation de l’utilisateur", "Historique"]);
    expect(await fr.locator(".tag").first().textContent()).toBe("Exclusion");
  });
});
