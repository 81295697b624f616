import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, openWidgetPage, screenshot, startShop, type PageWatch, type ShopServer,
} from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const ROOM = "product:serum-42";
const BRAND_TEXT = "Bonjour ! Livraison offerte ce week-end sur toute la gamme sérum.";

/**
 * Issue 24 item 4, brand voice, through the real server and real browsers: a manager posts as the
 * brand from the back office's room reader and pins the post; shoppers' widgets, in English on a
 * desktop and in French on a phone, show the Team badge and the pin at the top (folded on the
 * phone); a late visitor finds the pin on arrival; unpinning takes it off every widget.
 */
describe.skipIf(!browserAvailable())("back office brand voice: Team posts and the pinned message", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  let admin: Page;
  let en: Page;
  let fr: Page;
  const watches: PageWatch[] = [];

  const widget = (p: Page) => p.locator("#causette");
  const reader = () => admin.locator("aside.reader");

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-brand", name: "Camille" });
    const opened = await newPage(browser, { width: 1400, height: 900 });
    admin = opened.page;
    watches.push(opened.watch);
    [en, fr] = await Promise.all([
      openWidgetPage(browser, shop.page(), watches, { width: 1100, height: 900 }),
      openWidgetPage(browser, shop.page({ lang: "fr" }), watches, { width: 390, height: 800, locale: "fr-FR" }),
      openBackOffice(admin, server.url, "acme", token),
    ]);
    // A shopper's question, so the room has a conversation the brand answers.
    const shopper = await server.connected({ role: "member", sub: "shopper-1", name: "Lou" });
    await shopper.join(ROOM);
    await shopper.send(ROOM, "Ce sérum convient-il aux peaux sèches ?");
  });

  afterAll(async () => {
    expectCleanPages(watches);
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  it("a manager posts as the brand from the room reader; both widgets show it with the Team badge", async () => {
    await admin.getByRole("tab", { name: "Rooms" }).click();
    await admin.locator(`tbody.room-card[data-room="${ROOM}"] [data-action=open]`).click();
    await reader().locator("li.rmsg", { hasText: "peaux sèches" }).waitFor();
    await admin.getByLabel("Post as the brand").fill(BRAND_TEXT);
    await reader().locator("[data-action=brand-post]").click();
    await reader().locator("li.rmsg.team", { hasText: "Livraison offerte" }).waitFor();
    expect(await admin.getByLabel("Post as the brand").inputValue()).toBe("");

    const enPost = widget(en).locator("li.msg.team", { hasText: "Livraison offerte" });
    await enPost.waitFor();
    // Signed with the brand's name, a visible "Team" badge and an accessible sentence for it.
    expect(await enPost.locator(".name").innerText()).toBe("Acme Beauty");
    expect(await enPost.locator(".badge.team span[aria-hidden=true]").innerText()).toMatch(/^team$/i);
    expect(await enPost.locator(".badge.team .sr").textContent()).toBe("Official message from the brand’s team");
    // Shoppers answer the brand, but do not report it.
    expect(await enPost.locator("[data-action=reply]").count()).toBe(1);
    expect(await enPost.locator("[data-action=report]").count()).toBe(0);

    const frPost = widget(fr).locator("li.msg.team", { hasText: "Livraison offerte" });
    await frPost.waitFor();
    expect(await frPost.locator(".badge.team span[aria-hidden=true]").innerText()).toMatch(/^équipe$/i);
    expect(await frPost.locator(".badge.team .sr").textContent()).toBe("Message officiel de l’équipe de la marque");
    // Distinct from a shopper's message at a glance.
    const [teamBorder, plainBorder] = await Promise.all([
      enPost.evaluate((el) => getComputedStyle(el).borderInlineStartWidth),
      widget(en).locator("li.msg", { hasText: "peaux sèches" }).evaluate((el) => getComputedStyle(el).borderInlineStartWidth),
    ]);
    expect(teamBorder).not.toBe(plainBorder);
  });

  it("pins the post: both widgets show it at the top (folded on the phone), and a late visitor finds it", async () => {
    await reader().locator("li.rmsg.team [data-action=pin]").click();
    await reader().locator("section.reader-pin", { hasText: "Livraison offerte" }).waitFor();

    const enPin = widget(en).getByRole("region", { name: "Pinned message" });
    await enPin.getByText("Livraison offerte", { exact: false }).waitFor();
    expect(await enPin.locator(".badge.team").count()).toBe(1);
    // Above the message list, not inside it.
    const [pinBox, listBox] = await Promise.all([enPin.boundingBox(), widget(en).locator("ol.list").boundingBox()]);
    expect(pinBox!.y + pinBox!.height).toBeLessThanOrEqual(listBox!.y + 1);
    // A desktop shows it whole, with no fold button.
    expect(await enPin.locator(".pin-toggle").isVisible()).toBe(false);
    await screenshot(en, "widget-team-pin");

    const frPin = widget(fr).getByRole("region", { name: "Message épinglé" });
    await frPin.getByText("Livraison offerte", { exact: false }).waitFor();
    const toggle = frPin.getByRole("button", { name: "Afficher le message épinglé" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    const folded = (await frPin.locator(".pin-text").boundingBox())!.height;
    await toggle.click();
    const open = frPin.getByRole("button", { name: "Replier le message épinglé" });
    expect(await open.getAttribute("aria-expanded")).toBe("true");
    expect((await frPin.locator(".pin-text").boundingBox())!.height).toBeGreaterThan(folded);
    await screenshot(fr, "widget-team-pin-fr-phone");

    const late = await openWidgetPage(browser, shop.page(), watches, { width: 1100, height: 900 });
    await widget(late).getByRole("region", { name: "Pinned message" }).getByText("Livraison offerte", { exact: false }).waitFor();
    await late.context().close();
  });

  it("unpinning from the back office takes the pin off every widget; the post stays in the conversation", async () => {
    await reader().locator("section.reader-pin [data-action=unpin]").click();
    await reader().locator("section.reader-pin").waitFor({ state: "hidden" });
    await widget(en).locator("section.pin").waitFor({ state: "hidden" });
    await widget(fr).locator("section.pin").waitFor({ state: "hidden" });
    expect(await widget(en).locator("li.msg.team", { hasText: "Livraison offerte" }).count()).toBe(1);
    // Both actions are in the audit log, in the manager's words.
    await admin.getByRole("tab", { name: "Audit log" }).click();
    for (const action of ["Posted as the brand", "Pinned a message", "Unpinned a message"]) await admin.getByText(action, { exact: true }).first().waitFor();
  });

  it("the room reader speaks French too", async () => {
    await admin.getByRole("group", { name: "Language" }).getByRole("button", { name: "Français" }).click();
    await admin.getByRole("tab", { name: "Salons" }).click();
    await admin.locator(`tbody.room-card[data-room="${ROOM}"] [data-action=open]`).click();
    await admin.getByLabel("Publier au nom de la marque").waitFor();
    await reader().locator("li.rmsg.team .tag.team", { hasText: "Équipe" }).waitFor();
    expect(await reader().locator("li.rmsg.team [data-action=pin]").innerText()).toBe("Épingler");
  });
});
