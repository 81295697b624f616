import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Appeal } from "../../client-sdk/src/index.ts";
import { browserAvailable, openWidgetPage, screenshot } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startShopRig, type ShopRig } from "../support/shop-rig.ts";

const PATH = "/products/notice-1";
const TERMS = "https://acme.example/community-rules";

/**
 * SPEC §9.1–9.2 in the shopper's widget: a restriction's notice in plain words, the appeal form,
 * the outcome; and a banned shopper, whose chat is closed, reading the ban's notice and appealing
 * through the `me/` door from the brand's page (another origin).
 */
describe.skipIf(!browserAvailable())("widget: moderation notices and appeals", () => {
  let rig: ShopRig;
  const widget = (p: Page) => p.locator("#causette");
  const panel = (p: Page) => widget(p).locator("section.notices");

  beforeAll(async () => {
    rig = await startShopRig(testConfig({ acme: { origins: [], moderation: { termsUrl: TERMS } } }));
  });
  afterAll(async () => { await rig?.close(); });

  it("a removed message's notice says what, why, which rule and who decided; the shopper appeals, and sees the message back and the outcome", async () => {
    const token = await rig.server.token({ tenant: "acme", role: "member", sub: "nt-shopper", name: "Inès" });
    const page = await openWidgetPage(rig.browser, rig.shop.page({ path: PATH, token }), rig.watches);
    const box = widget(page).getByLabel("Your message");
    const focused = (l: typeof box) => l.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);
    const item = widget(page).locator("li.msg", { hasText: "Does the serum suit oily skin?" });
    const second = widget(page).locator("li.msg", { hasText: "Call me on my cell" });
    for (const text of ["Call me on my cell to talk about it", "Does the serum suit oily skin? Mine reacted badly."]) {
      await box.fill(text);
      await box.press("Enter");
    }
    await item.waitFor();
    await second.waitFor();
    const messageId = (await item.getAttribute("data-id"))!;
    await rig.manager.deleteMessage(messageId, "Off topic for this product");
    await item.waitFor({ state: "detached" });

    // The notice opens by itself, once, in plain words; the keyboard stays where it was.
    const notice = panel(page).locator("li.notice", { hasText: "Does the serum" });
    await notice.waitFor();
    expect(await focused(box)).toBe(true);
    expect(await notice.locator("h4").textContent()).toContain("Your message was removed");
    expect(await notice.locator(".excerpt").textContent()).toBe("Does the serum suit oily skin? Mine reacted badly.");
    expect(await notice.locator(".why").textContent()).toMatch(/community manager removed your message.*Off topic for this product/);
    expect(await notice.locator(".category").textContent()).not.toMatch(/_/);
    expect(await notice.getByRole("link", { name: "The community rules" }).getAttribute("href")).toBe(TERMS);
    expect(await notice.locator(".decided").textContent()).toBe("By a person");
    const appealButton = notice.getByRole("button", { name: "Appeal" });
    await appealButton.waitFor();
    expect(await widget(page).getByRole("button", { name: /^Notices/ }).getAttribute("aria-expanded")).toBe("true");
    await screenshot(page, "widget-notice");

    // The form: required, capped, and its refusal is said in words.
    await appealButton.click();
    const text = notice.getByLabel("Why should this decision be reviewed?");
    expect(await focused(text)).toBe(true);
    expect(await text.getAttribute("maxlength")).toBe("2000");
    await notice.getByRole("button", { name: "Send my appeal" }).click();
    await notice.getByText("Please explain in a few words why you contest the decision.").waitFor();
    const created = new Promise<Appeal>((resolve) => { rig.manager.on("appeal:created", resolve); });
    await rig.manager.subscribe();
    await text.fill("I was asking about the product itself: my skin reacted to it.");
    // Another notice arriving meanwhile keeps what is typed, and the caret.
    await rig.manager.deleteMessage((await second.getAttribute("data-id"))!, "No phone numbers");
    await panel(page).locator("li.notice", { hasText: "Call me on my cell" }).waitFor();
    expect(await text.inputValue()).toBe("I was asking about the product itself: my skin reacted to it.");
    expect(await focused(text)).toBe(true);
    await notice.getByRole("button", { name: "Send my appeal" }).click();
    await notice.locator(".outcome", { hasText: "Appeal sent." }).waitFor();
    expect(await notice.getByRole("button", { name: "Appeal" }).count()).toBe(0);
    await screenshot(page, "widget-appeal");

    const appeal = await created;
    expect(appeal).toMatchObject({ userId: "nt-shopper", status: "open", notice: { excerpt: "Does the serum suit oily skin? Mine reacted badly." }, restrictedBy: { id: "cm-1", name: "Camille" } });
    await rig.manager.resolveAppeal(appeal.id, "reverse", "You are right, it was about the product.");
    await item.waitFor();
    await notice.locator(".outcome", { hasText: "Your appeal was accepted: your message was restored." }).waitFor();

    // Seen notices do not open again on the next visit; the button brings them back, outcome kept.
    await page.reload();
    await widget(page).locator(".pill.live").waitFor();
    const button = widget(page).getByRole("button", { name: "Notices" });
    await button.waitFor();
    expect(await panel(page).count()).toBe(0);
    await button.click();
    await panel(page).locator(".outcome", { hasText: "your message was restored" }).waitFor();
    await page.keyboard.press("Escape");
    await panel(page).waitFor({ state: "detached" });
  });

  it("a banned shopper (in French) sees the ban's notice with its end, appeals it through the me/ door, finds it sent after a reload, and is let back in when it is reversed", async () => {
    const token = await rig.server.token({ tenant: "acme", role: "member", sub: "nt-banned", name: "Hugo" });
    const url = rig.shop.page({ path: PATH, token, lang: "fr", attrs: { "data-language": "fr" } });
    const page = await openWidgetPage(rig.browser, url, rig.watches, { locale: "fr-FR" });
    await rig.manager.ban("nt-banned", { reason: "Insultes répétées" });
    await widget(page).locator(".banner.bad", { hasText: "Insultes répétées" }).waitFor();
    const notice = panel(page).locator("li.notice[data-kind=banned]");
    await notice.waitFor();
    expect(await panel(page).locator("h3").textContent()).toBe("Avis de modération");
    expect(await notice.locator("h4").textContent()).toContain("Vous avez été exclu du chat");
    expect(await notice.locator(".why").textContent()).toMatch(/exclu du chat définitivement .*Insultes répétées/);
    expect(await notice.locator("dd").allTextContents()).toContain("Définitive");

    await notice.getByRole("button", { name: "Contester" }).click();
    await notice.getByLabel("Pourquoi cette décision devrait-elle être revue ?").fill("Je répondais à une insulte, je ne recommencerai pas.");
    await notice.getByRole("button", { name: "Envoyer ma contestation" }).click();
    await notice.locator(".outcome", { hasText: "Contestation envoyée." }).waitFor();
    const open = (await rig.manager.listAppeals({ status: "open" })).appeals.filter((a) => a.userId === "nt-banned");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ text: "Je répondais à une insulte, je ne recommencerai pas.", notice: { kind: "banned" } });

    // Reloaded while banned: the chat refuses the connection, the notice is still a click away.
    await page.reload();
    await widget(page).locator(".banner.bad").waitFor();
    await widget(page).getByRole("button", { name: "Avis" }).click();
    await panel(page).locator("li.notice[data-kind=banned] .outcome", { hasText: "Contestation envoyée." }).waitFor();

    // Decided while the shopper has no connection: the widget asks the me/ door again (now, as the
    // page is shown again), tells the outcome, and the chat comes back without a reload.
    await rig.manager.resolveAppeal(open[0]!.id, "reverse", "Merci pour votre explication.");
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await widget(page).locator(".pill.live").waitFor();
    await panel(page).locator("li.notice[data-kind=banned] .outcome", { hasText: "Votre contestation a été acceptée : l’exclusion a été levée." }).waitFor();
    await widget(page).locator(".banner.bad").waitFor({ state: "detached" });
    expect(await widget(page).getByLabel("Votre message").isDisabled()).toBe(false);
  });
});
