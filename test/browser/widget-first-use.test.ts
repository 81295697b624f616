import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, type ChatClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, startShop, type PageWatch, type ShopServer, openWidgetPage } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { until } from "../support/wait.ts";

const SIGN_IN = "https://acme.example/account/sign-in";
const ROOM = "product:first-1";
const PATH = "/products/first-1";
const TIPS = [
  "Apply it on damp skin.", "Two drops are plenty.", "It smells faintly of citrus.", "Mine arrived in three days.",
  "Great under sunscreen.", "Not sticky at all.", "The pipette is handy.", "My sister loves it too.",
  "Use it morning and evening.", "Keep it away from sunlight.", "Pairs well with a light cream.", "Patch test first if sensitive.",
  "Lasts about two months.", "The glass bottle feels solid.", "Fine with my contact lenses.",
];

/**
 * The widget as a new shopper meets it (issue 22): live sanctions, what a phone shows, guests,
 * links, and a keyboard that reaches the composer without visiting every message's buttons.
 */
describe.skipIf(!browserAvailable())("widget, tried as a new user would", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  let manager: AdminClient;
  let poster: ChatClient;
  const watches: PageWatch[] = [];

  const widget = (p: Page) => p.locator("#causette");
  const message = (p: Page, text: string) => widget(p).locator("li.msg", { hasText: text });
  /** What has the keyboard focus inside the widget's shadow root. */
  const focused = (p: Page) => p.evaluate(() => {
    const el = document.getElementById("causette")!.shadowRoot!.activeElement as HTMLElement | null;
    return el ? { tag: el.tagName, action: el.dataset.action ?? null, text: el.closest("li.msg")?.querySelector(".text")?.textContent ?? null, pressed: el.getAttribute("aria-pressed") } : null;
  });
  const open = (opts: { locale?: string; token?: string; tenant?: string; path?: string } = {}): Promise<Page> =>
    openWidgetPage(browser, shop.page({ path: opts.path ?? PATH, ...(opts.token ? { token: opts.token } : {}), ...(opts.tenant ? { tenant: opts.tenant } : {}) }), watches, opts.locale ? { locale: opts.locale } : {});

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [], widget: { signInUrl: SIGN_IN } }, other: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    manager = new AdminClient({ url: server.url, tenant: "acme", token: await server.token({ tenant: "acme", role: "manager", sub: "cm-1", name: "Camille" }) });
    await manager.connect();
    poster = await server.connected({ role: "member", sub: "poster", name: "Noé" });
    await poster.join(ROOM);
    // Distinct texts: near-identical ones from one author would be held as spam.
    for (const tip of TIPS) expect((await poster.send(ROOM, tip)).status).toBe("visible");
    await poster.send(ROOM, "All the details: https://acme.example/serum-42?ref=chat.");
  });

  afterAll(async () => {
    expectCleanPages(watches);
    manager?.disconnect();
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  // Léa, a member, on one page through the next five tests.
  let lea: Page;

  it("shows an allowed link as a link", async () => {
    lea = await open({ token: await server.token({ tenant: "acme", role: "member", sub: "lea", name: "Léa" }) });
    await message(lea, "All the details").waitFor();

    // An allowed link is a link, opening in a new tab, without passing ranking or the opener.
    const link = message(lea, "All the details").locator("a");
    expect(await link.getAttribute("href")).toBe("https://acme.example/serum-42?ref=chat");
    expect(await link.textContent()).toBe("https://acme.example/serum-42?ref=chat");
    expect(await link.getAttribute("rel")).toBe("nofollow ugc noopener");
    expect(await link.getAttribute("target")).toBe("_blank");
  });

  it("explains a held message on the page, not in a tooltip a phone never shows", async () => {
    const box = widget(lea).getByLabel("Your message");
    await box.fill("quel connard");
    await box.press("Enter");
    const held = message(lea, "quel connard");
    await expect.poll(() => held.getAttribute("data-status")).toBe("held");
    const help = held.locator(".state-help");
    expect(await help.textContent()).toBe("Only you can see this message until a moderator approves it.");
    expect((await help.boundingBox())!.width).toBeGreaterThan(100);
    expect(await held.locator("[title]").count()).toBe(0);
  });

  it("makes the message list one Tab stop, with arrow keys inside it", async () => {
    // From the top of the page, the composer is a few Tab presses away, whatever the history holds.
    await lea.locator("h1").click();
    let presses = 0;
    while (presses < 60 && (await focused(lea))?.tag !== "TEXTAREA") { await lea.keyboard.press("Tab"); presses++; }
    expect(presses).toBeLessThanOrEqual(3);
    // Back into the list: the newest message; arrows move between messages and their buttons.
    await lea.keyboard.press("Shift+Tab");
    expect(await focused(lea)).toMatchObject({ tag: "LI", text: "quel connard" });
    await lea.keyboard.press("ArrowUp");
    expect(await focused(lea)).toMatchObject({ tag: "LI", text: "All the details: https://acme.example/serum-42?ref=chat." });
    await lea.keyboard.press("ArrowUp");
    expect(await focused(lea)).toMatchObject({ tag: "LI", text: "Fine with my contact lenses." });
    await lea.keyboard.press("ArrowRight");
    expect(await focused(lea)).toMatchObject({ tag: "BUTTON", action: "reply" });
    await lea.keyboard.press("ArrowRight");
    expect(await focused(lea)).toMatchObject({ tag: "BUTTON", action: "helpful" });
    await lea.keyboard.press("Enter");
    // The vote re-renders the message; the keyboard stays on the same button.
    await expect.poll(() => focused(lea)).toMatchObject({ tag: "BUTTON", action: "helpful", pressed: "true", text: "Fine with my contact lenses." });
    await lea.keyboard.press("Escape");
    expect(await focused(lea)).toMatchObject({ tag: "LI", text: "Fine with my contact lenses." });
    await lea.keyboard.press("Tab");
    expect((await focused(lea))?.tag).toBe("TEXTAREA");
  });

  it("shows a mute as it starts and lifts it live when a manager unmutes", async () => {
    const box = widget(lea).getByLabel("Your message");
    await until(() => server.app.stores.people.getUser("acme", "lea"));
    await manager.mute("lea", 600);
    const muted = widget(lea).locator(".banner", { hasText: /^You are muted until .+\. You can still read the conversation\.$/ });
    await muted.waitFor();
    await expect.poll(() => box.isDisabled()).toBe(true);
    await manager.unmute("lea");
    await muted.waitFor({ state: "detached" });
    await expect.poll(() => box.isDisabled()).toBe(false);
    const info = widget(lea).locator(".composer .info");
    expect(await info.textContent()).toBe("You can post again.");
  });

  it("tells a moderator their report hid the message at once; info lines stay in their room", async () => {
    const info = widget(lea).locator(".composer .info");
    // Promoted live, Léa reports as a moderator: the message is hidden at once, and she is told so.
    await manager.setRole("lea", "moderator");
    await widget(lea).getByText("Léa · Moderator").waitFor();
    const tip = message(lea, "Two drops are plenty");
    await tip.getByRole("button", { name: /Report/ }).click();
    await tip.getByRole("button", { name: "Off topic" }).click();
    await expect.poll(() => info.textContent()).toBe("The message is hidden for everyone now, as a moderator’s report does. The team will confirm or restore it.");

    // What the info line said was about this room: it does not follow Léa into the FAQ.
    await lea.evaluate(() => window.Causette!.setPath("/faq"));
    await widget(lea).getByText(/answers come from our experts/).waitFor();
    expect(await info.textContent()).toBe("");
  });

  it("a guest: helpful votes lead to the brand's sign-in page when it has one, and are not offered when it has none", async () => {
    const guest = await open({ locale: "fr-FR" });
    const tip = message(guest, "It smells faintly");
    await tip.getByRole("button", { name: /utile/i }).click();
    await tip.getByText("Connectez-vous pour marquer une réponse comme utile.").waitFor();
    expect(await tip.getByRole("link", { name: "Se connecter" }).getAttribute("href")).toBe(SIGN_IN);
    expect(await widget(guest).locator(".me").getByRole("link", { name: "Se connecter" }).getAttribute("href")).toBe(SIGN_IN);
    // Nothing asked the server: a guest's vote would only be refused.
    expect(await tip.getByText("Connectez-vous pour faire cela.").count()).toBe(0);

    const elsewhere = await server.connected({ tenant: "other", role: "member", sub: "other-1", name: "Ana" });
    await elsewhere.join(ROOM);
    await elsewhere.send(ROOM, "Other brand, same question.");
    const other = await open({ tenant: "other" });
    const answer = message(other, "Other brand, same question.");
    await answer.getByRole("button", { name: /Report/ }).waitFor();
    expect(await answer.locator("[data-action=helpful]").count()).toBe(0);
    expect(await widget(other).locator(".me a").count()).toBe(0);
  });

  it("a banned shopper who reloads is told why, in French, without an invitation to ask the first question", async () => {
    const hugo = await open({ locale: "fr-FR", token: await server.token({ tenant: "acme", role: "member", sub: "hugo", name: "Hugo" }) });
    await until(() => server.app.stores.people.getUser("acme", "hugo"));
    await manager.ban("hugo", { reason: "Insultes répétées envers d’autres clients.", durationSec: 3600 });
    const banner = widget(hugo).locator(".banner.bad");
    await expect.poll(() => banner.textContent()).toMatch(/^Vous êtes banni de cette discussion jusqu’à .+\. Motif : Insultes répétées envers d’autres clients\.$/);
    await hugo.reload();
    await expect.poll(() => banner.textContent()).toMatch(/^Vous êtes banni de cette discussion jusqu’à .+\. Motif : Insultes répétées envers d’autres clients\.$/);
    expect(await widget(hugo).getByText(/Posez la première question/).isVisible()).toBe(false);
  });
});
