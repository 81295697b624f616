import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, launchBrowser, newPage, screenshot, startShop, type PageWatch, type ShopServer } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

/** The shopper's widget in real Chromium against a real server: what one page does, another sees. */
describe.skipIf(!browserAvailable())("widget in a browser", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  const pages: { page: Page; watch: PageWatch }[] = [];
  let alice: Page; // guest, English
  let bruno: Page; // guest, French browser

  const widget = (p: Page) => p.locator("#causette");
  const message = (p: Page, text: string) => widget(p).locator("li.msg", { hasText: text });
  async function open(opts: { locale?: string; width?: number; height?: number; path?: string; token?: string } = {}): Promise<Page> {
    const { page, watch } = await newPage(browser, opts);
    pages.push({ page, watch });
    await page.goto(shop.page({ ...(opts.path ? { path: opts.path } : {}), ...(opts.token ? { token: opts.token } : {}) }));
    // The online pill appears once the room is joined.
    await widget(page).locator(".pill.live").waitFor();
    return page;
  }
  async function say(p: Page, label: string, text: string): Promise<void> {
    const box = widget(p).getByLabel(label);
    await box.fill(text);
    await box.press("Enter");
  }

  beforeAll(async () => {
    // The shop's origin gets a random port, so acme allows any origin here.
    server = await startServer(testConfig({ acme: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    [alice, bruno] = await Promise.all([open(), open({ locale: "fr-FR" })]);
  });

  afterAll(async () => {
    for (const { page, watch } of pages) {
      // CSP violations and script errors would show here: the widget must run under script-src 'self'.
      expect(watch.errors.filter((e) => !/favicon/.test(e)), `page errors on ${page.url()}`).toEqual([]);
    }
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  it("shows a message from one shopper live in the other's page, in each one's language", async () => {
    await expect.poll(() => widget(bruno).getByLabel("Votre message").count()).toBe(1);
    await say(alice, "Your message", "Does it suit dry skin?");
    await message(bruno, "Does it suit dry skin?").waitFor();
    await message(alice, "Does it suit dry skin?").waitFor();
    expect(await message(alice, "Does it suit dry skin?").getAttribute("class")).toContain("own");
    // Screen readers hear the new message through the polite live region, in the reader's language.
    await expect.poll(() => widget(bruno).locator(".sr[aria-live=polite]").textContent()).toMatch(/^Invité \d+ : Does it suit dry skin\?$/);
  });

  it("shows a held message as pending to its author and not at all to the other shopper", async () => {
    await say(alice, "Your message", "quel connard");
    const held = message(alice, "quel connard");
    await held.waitFor();
    await expect.poll(() => held.getAttribute("data-status")).toBe("held");
    expect(await held.innerText()).toMatch(/Waiting for review/);
    // The pending sign is an inline SVG, not an emoji that shows as an empty box without an emoji font.
    await held.locator(".state svg.icon").waitFor();
    // A later message from the same author reaching Bruno proves the held one had its chance to arrive.
    await say(alice, "Your message", "Sorry, wrong window. It absorbs quickly?");
    await message(bruno, "It absorbs quickly?").waitFor();
    expect(await message(bruno, "connard").count()).toBe(0);
  });

  it("renders markup in messages as literal text (no XSS)", async () => {
    const payloads = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", '"><svg onload=alert(3)>'];
    for (const text of payloads) await say(alice, "Your message", text);
    for (const text of payloads) {
      const item = message(bruno, text);
      await item.waitFor();
      expect(await item.locator(".text").textContent()).toBe(text);
    }
    // Nothing was parsed: no element at all inside the message texts (icons live outside them).
    const injected = await bruno.evaluate(() => {
      const root = document.getElementById("causette")!.shadowRoot!;
      return root.querySelectorAll(".list .text *").length;
    });
    expect(injected).toBe(0);
    for (const { watch } of pages) expect(watch.dialogs).toEqual([]);
  });

  it("hides a message live in other pages when a moderator flags it", async () => {
    const moderator = await open({ token: await server.token({ tenant: "acme", role: "moderator", sub: "mod-1", name: "Sam" }) });
    await say(alice, "Your message", "Buy cheap followers now");
    const target = message(moderator, "Buy cheap followers");
    await target.waitFor();
    await target.getByRole("button", { name: /Report/ }).click();
    await target.getByRole("button", { name: "Spam or advertising" }).click();
    await widget(moderator).getByText(/hidden for everyone now, as a moderator’s report does/).waitFor();
    // Bruno's copy turns into a placeholder: the text is gone from his page.
    await expect.poll(() => widget(bruno).locator("li.msg[data-status=hidden]").count()).toBeGreaterThan(0);
    expect(await message(bruno, "Buy cheap followers").count()).toBe(0);
    await widget(bruno).getByText(/masqué le temps que les modérateurs/).first().waitFor();
    // The moderator's badge shows next to their name, and they can alert the team.
    await say(moderator, "Your message", "Please keep it friendly, everyone.");
    const modMsg = message(bruno, "keep it friendly");
    await modMsg.waitFor();
    expect(await modMsg.locator(".badge").textContent()).toBe("Modérateur");
  });

  it("refuses a shopper's answer in a restricted room and says why", async () => {
    const asker = await open({ path: "/faq" });
    const shopper = await open({ path: "/faq", locale: "fr-FR" });
    await widget(shopper).getByText(/les réponses viennent de nos experts/).waitFor();
    await say(asker, "Your message", "Is the serum safe during pregnancy?");
    const question = message(shopper, "safe during pregnancy");
    await question.waitFor();
    // The server mints guest names in English; a French reader sees them in French.
    expect(await question.locator(".name").textContent()).toMatch(/^Invité \d{1,4}$/);
    const reply = question.getByRole("button", { name: /Répondre/ });
    expect(await reply.getAttribute("aria-disabled")).toBe("true");
    // aria-disabled keeps it focusable and announced; a keyboard user pressing it gets the explanation.
    await reply.focus();
    await shopper.keyboard.press("Enter");
    await question.getByText(/Seuls les experts et les modérateurs répondent/).waitFor();
    // No reply was started: the composer still asks for a question.
    expect(await widget(shopper).locator(".replying").isVisible()).toBe(false);
    // An expert, on the other hand, may answer.
    const expert = await open({ path: "/faq", token: await server.token({ tenant: "acme", role: "expert", sub: "exp-1", name: "Dr Martin" }) });
    const q = message(expert, "safe during pregnancy");
    expect(await q.locator(".name").textContent()).toMatch(/^Guest \d{1,4}$/);
    await q.getByRole("button", { name: /Reply/ }).click();
    await widget(expert).getByText(/Replying to/).waitFor();
    await say(expert, "Your message", "Yes: no retinoids, no essential oils.");
    const answer = message(shopper, "no retinoids");
    await answer.waitFor();
    expect(await answer.locator(".quote").textContent()).toContain("safe during pregnancy");
  });

  it("counts helpful votes live in every page", async () => {
    const member = await open({ token: await server.token({ tenant: "acme", role: "member", sub: "member-1", name: "Léa" }) });
    const answer = message(member, "It absorbs quickly?");
    await answer.getByRole("button", { name: /Mark as helpful/ }).click();
    // Bruno, a guest on a brand without a sign-in page, sees the count but is not offered a vote he could not cast.
    await message(bruno, "It absorbs quickly?").locator(".count", { hasText: "Utile · 1" }).waitFor();
    // The voter's own button turns pressed on its ack, which may land after the room's broadcast
    // has reached another page: waited for, not read at the instant Bruno's count appears.
    await expect.poll(() => answer.getByRole("button", { name: /Mark as helpful/ }).getAttribute("aria-pressed")).toBe("true");
  });

  it("reconnects quietly after a dropped connection and shows what it missed exactly once", async () => {
    // Record every status the header shows, so a short-lived "Reconnecting…" is not missed.
    await alice.evaluate(() => {
      const status = document.getElementById("causette")!.shadowRoot!.querySelector(".status")!;
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, { childList: true, characterData: true, subtree: true });
    });
    // Drop every transport (not a server-side "disconnect", which clients must not retry).
    for (const s of server.app.io.of("/chat").sockets.values()) (s as unknown as { conn: { close(): void } }).conn.close();
    await say(bruno, "Votre message", "Pendant ta coupure : oui, il absorbe vite.");
    await message(alice, "Pendant ta coupure").waitFor();
    await expect.poll(() => alice.evaluate(() => (window as unknown as { seen: string[] }).seen)).toContain("Reconnecting…");
    await expect.poll(() => widget(alice).locator(".status").textContent()).toBe("");
    expect(await message(alice, "Pendant ta coupure").count()).toBe(1);
    expect(await message(alice, "Does it suit dry skin?").count()).toBe(1);
  });

  it("after a reconnect, drops a message a manager deleted while the page was offline", async () => {
    await say(bruno, "Votre message", "Et en hiver, ça tire un peu ?");
    const doomed = message(alice, "Et en hiver, ça tire un peu ?");
    await doomed.waitFor();
    const messageId = (await doomed.getAttribute("data-id"))!;
    // Hold every new handshake until the deletion is done, so it cannot reach any page live.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    server.app.io.of("/chat").use((_socket, next) => { void gate.then(() => next()); });
    for (const s of server.app.io.of("/chat").sockets.values()) (s as unknown as { conn: { close(): void } }).conn.close();
    await expect.poll(() => server.app.io.of("/chat").sockets.size).toBe(0);
    await server.app.moderation.roomControl.deleteMessage(server.app.tenants.get("acme")!, { id: "cm", name: "CM", role: "manager" }, { messageId });
    expect(await doomed.count()).toBe(1);
    open();
    await expect.poll(() => widget(alice).locator(".status").textContent()).toBe("");
    await expect.poll(() => doomed.count()).toBe(0);
    await expect.poll(() => message(bruno, "Et en hiver, ça tire un peu ?").count()).toBe(0);
    expect(await message(alice, "Does it suit dry skin?").count()).toBe(1);
  });

  it("counts characters against the room limit and explains errors", async () => {
    const box = widget(alice).getByLabel("Your message");
    await box.fill("x".repeat(510));
    await widget(alice).getByText(/510 \/ 500 · 10 characters too many/).waitFor();
    await box.press("Enter");
    await widget(alice).getByText(/Your message is too long \(500 characters at most\)/).waitFor();
    // Editing the text clears the error: it no longer describes what is in the box.
    await box.fill("");
    await expect.poll(() => widget(alice).locator(".composer .error").textContent()).toBe("");
  });

  it("explains a mute and slow mode, and lifts the countdown as soon as slow mode ends", async () => {
    const room = "product:quiet-7";
    const manager = new AdminClient({ url: server.url, tenant: "acme", token: await server.token({ tenant: "acme", role: "manager", sub: "cm-9", name: "Camille" }) });
    await manager.connect();
    try {
      const member = await open({ path: "/products/quiet-7", token: await server.token({ tenant: "acme", role: "member", sub: "member-9", name: "Inès" }) });
      const guest = await open({ path: "/products/quiet-7", locale: "fr-FR" });
      await manager.updateRoom(room, { slowModeSec: 30 });
      await widget(guest).getByText("Mode lent : un message toutes les 30 s.").waitFor();
      await say(guest, "Votre message", "Premier message");
      await message(guest, "Premier message").waitFor();
      const countdown = widget(guest).locator(".composer .info");
      await expect.poll(() => countdown.textContent()).toMatch(/^Mode lent : vous pourrez écrire à nouveau dans \d+ s\.$/);
      await widget(guest).getByLabel("Votre message").fill("Deuxième message");
      const send = widget(guest).getByRole("button", { name: "Envoyer" });
      expect(await send.getAttribute("aria-disabled")).toBe("true");
      // The manager turns slow mode off: the shopper need not wait out the old countdown.
      await manager.updateRoom(room, { slowModeSec: 0 });
      await expect.poll(() => countdown.textContent()).toBe("");
      await expect.poll(() => send.getAttribute("aria-disabled")).toBe("false");

      // The mute reaches the open page as it starts: no refused send is needed to learn it.
      await manager.mute("member-9", 600);
      await widget(member).locator(".banner", { hasText: /^You are muted until .+\. You can still read the conversation\.$/ }).waitFor();
      await expect.poll(() => widget(member).getByLabel("Your message").isDisabled()).toBe(true);
      // Said once, in the banner, not again under the box.
      expect(await widget(member).locator(".composer .error").textContent()).toBe("");
      await expect.poll(() => widget(member).locator(".sr[aria-live=polite]").textContent()).toMatch(/^You are muted until/);
    } finally { manager.disconnect(); }
  });

  it("shows how many people are in the room, live, without announcing it", async () => {
    // A room of its own, so the other tests' pages do not count.
    const first = await open({ path: "/products/count-2" });
    const pill = widget(first).locator(".pill.live");
    await expect.poll(() => pill.textContent()).toBe("1 online");
    const second = await open({ path: "/products/count-2", locale: "fr-FR" });
    await expect.poll(() => widget(second).locator(".pill.live").textContent()).toBe("2 en ligne");
    // The first page learns of the second from the server's push (a few seconds at most).
    await expect.poll(() => pill.textContent(), { timeout: 10_000 }).toBe("2 online");
    // Not inside any live region: screen readers read it with the header, not at every change.
    expect(await pill.evaluate((el) => el.closest("[aria-live], [role=status], [role=alert], [role=log]") === null && !el.hasAttribute("role"))).toBe(true);
    await second.close();
    await expect.poll(() => pill.textContent(), { timeout: 10_000 }).toBe("1 online");
  });

  it("looks right on a 375 px phone and on a desktop", async () => {
    const phone = await open({ width: 375, height: 780 });
    await message(phone, "Does it suit dry skin?").waitFor();
    const composer = widget(phone).getByLabel("Your message");
    await composer.fill("Can I use it with vitamin C?");
    const box = await widget(phone).locator("section.cw").boundingBox();
    expect(box!.width).toBeLessThanOrEqual(375);
    // Nothing overflows the phone's width.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, "widget-phone-375", true);
    await screenshot(alice, "widget-desktop", true);
    await screenshot(bruno, "widget-desktop-fr", true);
  });
});
