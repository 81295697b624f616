import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, launchBrowser, newPage, openBackOffice, screenshot, startShop, type PageWatch, expectCleanPages, type ShopServer, openWidgetPage } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

/** The back office in real Chromium, acting on real shoppers' widgets. */
describe.skipIf(!browserAvailable())("back office in a browser", () => {
  let server: TestServer;
  let shop: ShopServer;
  let browser: Browser;
  let admin: Page;
  let alice: Page;
  let bruno: Page;
  let token: string;
  let moderator: ChatClient;
  const watches: PageWatch[] = [];
  const requested: string[] = [];

  const widget = (p: Page) => p.locator("#causette");
  const message = (p: Page, text: string) => widget(p).locator("li.msg", { hasText: text });
  const queueItem = (text: string) => admin.locator("li.qitem", { hasText: text });
  const tab = (name: RegExp) => admin.getByRole("tab", { name });
  async function say(p: Page, text: string): Promise<void> {
    const box = widget(p).getByLabel("Your message");
    await box.fill(text);
    await box.press("Enter");
  }
  const shopper = (): Promise<Page> => openWidgetPage(browser, shop.page(), watches);

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    shop = await startShop(server.url);
    browser = await launchBrowser();
    token = await server.token({ tenant: "acme", role: "manager", sub: "cm-1", name: "Camille" });
    const opened = await newPage(browser, { width: 1280, height: 900 });
    admin = opened.page;
    watches.push(opened.watch);
    admin.on("request", (r) => requested.push(r.url()));
    // Counts the oscillators the alert beep starts: the audible cue, observed without speakers.
    await admin.addInitScript(() => {
      const w = window as unknown as { beeps: number };
      w.beeps = 0;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode["start"]>) { w.beeps++; return start.apply(this, args); };
    });
    [alice, bruno] = await Promise.all([shopper(), shopper(), openBackOffice(admin, server.url, "acme", token)]);
    moderator = await server.connected({ role: "moderator", sub: "mod-1", name: "Sam" });
    await moderator.join("product:serum-42");
  });

  afterAll(async () => {
    expectCleanPages(watches);
    // The manager's token never travels in a URL (it would land in logs and history).
    expect(requested.filter((u) => u.includes(token))).toEqual([]);
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  it("shows held messages live in the queue with the matched words highlighted", async () => {
    await say(alice, "Hello! quel connard ce vendeur");
    await say(alice, "you are such a connard, seriously");
    await queueItem("quel connard").waitFor();
    await queueItem("such a connard").waitFor();
    const first = queueItem("quel connard");
    expect(await first.locator("mark").textContent()).toBe("connard");
    // Author, role, device and IP are there for the manager.
    const facts = await first.locator(".facts").innerText();
    expect(facts).toMatch(/Guest \d+/);
    expect(facts).toMatch(/127\.0\.0\.1/);
    expect(facts).toMatch(/Chrome/);
    await admin.getByText(/j \/ k next \/ previous/).waitFor();
    // The header's figure agrees with the queue right away, not at the next stats tick.
    expect(await admin.locator(".figures-top").textContent()).toContain("2 to review");
    await screenshot(admin, "backoffice-queue");
  });

  it("approves with the keyboard (j then a) and the other shopper then sees the message", async () => {
    expect(await message(bruno, "such a connard").count()).toBe(0);
    await expect.poll(() => queueItem("quel connard").getAttribute("aria-current")).toBe("true");
    await admin.keyboard.press("j");
    await expect.poll(() => queueItem("such a connard").getAttribute("aria-current")).toBe("true");
    await admin.keyboard.press("a");
    await message(bruno, "such a connard").waitFor();
    await queueItem("such a connard").waitFor({ state: "detached" });
    await expect.poll(() => message(alice, "such a connard").getAttribute("data-status")).toBe("visible");
  });

  it("removes and bans in one action (b): the shopper's session ends with a clear message", async () => {
    const item = queueItem("quel connard");
    const userId = (await item.locator(".facts code").first().textContent())!;
    await expect.poll(() => item.getAttribute("aria-current")).toBe("true");
    await admin.keyboard.press("b");
    await widget(alice).getByText(/You are banned from this chat until/).waitFor();
    await expect.poll(() => widget(alice).getByLabel("Your message").isDisabled()).toBe(true);
    await admin.getByText(/Nothing to review/).waitFor();

    await tab(/People/).click();
    await admin.getByLabel("User id").fill(userId);
    await admin.getByLabel("User id").press("Enter");
    const person = admin.locator(`article.person[data-user="${userId}"]`);
    await person.getByText(/^Banned until/).waitFor();
    await person.getByText("you are such a connard, seriously").waitFor();
    await screenshot(admin, "backoffice-people");
  });

  it("receives moderator alerts with a visible badge", async () => {
    await moderator.raiseAlert("product:serum-42", "Several accounts posting the same link, please look");
    await expect.poll(() => tab(/Alerts/).getAttribute("aria-label")).toBe("Alerts (1)");
    await admin.locator("[data-tab=alerts] .badge").waitFor();
    await tab(/Alerts/).click();
    await admin.getByText("Several accounts posting the same link, please look").waitFor();
    await expect.poll(() => admin.evaluate(() => (window as unknown as { beeps: number }).beeps)).toBeGreaterThan(0);
    await screenshot(admin, "backoffice-alerts");
  });

  it("controls a room: freezing it shows at once in the shopper's widget; reads it live", async () => {
    await tab(/Rooms/).click();
    const card = admin.locator('tbody.room-card[data-room="product:serum-42"]');
    await card.waitFor();
    await card.locator("svg.spark").waitFor();
    // The held/flag counts are 15-minute totals, not what is waiting now (that is the queue): the table says so.
    await admin.getByRole("columnheader", { name: "Held, last 15 min" }).waitFor();
    await admin.getByRole("columnheader", { name: "Flags, last 15 min" }).waitFor();
    expect(await card.locator("td.n").nth(2).innerText()).toMatch(/^\d+$/);
    await card.getByRole("button", { name: "Read live" }).click();
    await admin.locator(".reader").getByText("such a connard").waitFor();
    // Live: a new message from the moderator shows up in the reader without a refresh.
    await moderator.send("product:serum-42", "Pausing the room for a few minutes, thanks for your patience.");
    await admin.locator(".reader").getByText("Pausing the room for a few minutes").waitFor();
    await card.getByRole("button", { name: "Freeze" }).click();
    await widget(bruno).getByText(/paused by the moderators/).first().waitFor();
    await screenshot(admin, "backoffice-rooms");
    await admin.setViewportSize({ width: 768, height: 1024 });
    await screenshot(admin, "backoffice-rooms-tablet-768");
    await admin.setViewportSize({ width: 1280, height: 900 });
    await card.getByRole("button", { name: "Unfreeze" }).click();
    await widget(bruno).getByText(/paused by the moderators/).first().waitFor({ state: "detached" });
  });

  it("validates IP blocks in the form before sending, then lists them", async () => {
    await tab(/IP blocks/).click();
    const address = admin.getByLabel(/Address or CIDR range/);
    await address.fill("300.1.2.3/24");
    await admin.getByRole("button", { name: "Block", exact: true }).click();
    await admin.getByText("Not a valid IPv4 or IPv6 address or CIDR range.").waitFor();
    expect(await address.getAttribute("aria-invalid")).toBe("true");
    for (const cidr of ["203.0.113.0/24", "2001:db8::/32"]) {
      await address.fill(cidr);
      await admin.locator("#panel-ip").getByLabel("Reason", { exact: true }).fill("Spam wave");
      await admin.getByRole("button", { name: "Block", exact: true }).click();
      await admin.locator(`tr[data-cidr="${cidr}"]`).waitFor();
    }
    // No reason: nothing is sent, the form says why.
    await address.fill("198.51.100.0/24");
    await admin.locator("#panel-ip").getByLabel("Reason", { exact: true }).fill("");
    await admin.getByRole("button", { name: "Block", exact: true }).click();
    await admin.getByText("Give a reason for the block: it is kept in the audit log.").waitFor();
    expect(await admin.locator('tr[data-cidr="198.51.100.0/24"]').count()).toBe(0);
    // 0.0.0.0/0 would cut every shopper off: typed confirmation first, Cancel sends nothing.
    await address.fill("0.0.0.0/0");
    await admin.locator("#panel-ip").getByLabel("Reason", { exact: true }).fill("Typo test");
    await admin.getByRole("button", { name: "Block", exact: true }).click();
    const confirm = admin.getByRole("alertdialog");
    await confirm.getByText(/in fact every shopper/).waitFor();
    await screenshot(admin, "backoffice-ip-wide-confirm");
    const go = confirm.getByRole("button", { name: "Block this range" });
    expect(await go.isDisabled()).toBe(true);
    await confirm.getByLabel("Type 0.0.0.0/0 to confirm").fill("0.0.0.0");
    expect(await go.isDisabled()).toBe(true);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "hidden" });
    expect(await admin.locator('tr[data-cidr="0.0.0.0/0"]').count()).toBe(0);
    // A wide range confirmed by typing it goes through (with force).
    await address.fill("10.0.0.0/7");
    await admin.locator("#panel-ip").getByLabel("Reason", { exact: true }).fill("Abuse from a whole carrier");
    await admin.getByRole("button", { name: "Block", exact: true }).click();
    await confirm.getByLabel("Type 10.0.0.0/7 to confirm").fill("10.0.0.0/7");
    await confirm.getByRole("button", { name: "Block this range" }).click();
    await admin.locator('tr[data-cidr="10.0.0.0/7"]').waitFor();
    await admin.getByRole("button", { name: "Remove 10.0.0.0/7" }).click();
    await admin.locator('tr[data-cidr="10.0.0.0/7"]').waitFor({ state: "detached" });
    await screenshot(admin, "backoffice-ip-blocks");
    await admin.getByRole("button", { name: "Remove 2001:db8::/32" }).click();
    await admin.locator('tr[data-cidr="2001:db8::/32"]').waitFor({ state: "detached" });
    await admin.locator('tr[data-cidr="203.0.113.0/24"]').waitFor();
  });

  it("lists moderator candidates and promotes and mutes one, on a tablet too", async () => {
    const member = await server.connected({ role: "member", sub: "member-7", name: "Inès" });
    await member.join("product:serum-42");
    for (const text of ["It suits my dry skin well.", "Use two drops, morning and night.", "Yes, with vitamin C in the morning."]) await member.send("product:serum-42", text);
    await admin.setViewportSize({ width: 768, height: 1024 });
    try {
      await tab(/People/).click();
      const row = admin.locator(".panel tr", { hasText: "member-7" });
      const promote = row.getByRole("button", { name: "Make moderator" });
      await promote.waitFor();
      // The action links stay inside the candidates panel, not cut off under the next one.
      const panelBox = (await admin.locator(".panel", { has: admin.locator("tr", { hasText: "member-7" }) }).boundingBox())!;
      const buttonBox = (await promote.boundingBox())!;
      expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
      expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
      await screenshot(admin, "backoffice-people-tablet-768", true);
      await row.getByRole("button", { name: "Inspect" }).click();
      await promote.click();
      // A moderator is no longer a candidate.
      await row.waitFor({ state: "detached" });
      const person = admin.locator('article.person[data-user="member-7"]');
      await expect.poll(() => person.locator("header .tag.role").textContent()).toBe("Moderator");
      await person.getByRole("button", { name: "Mute", exact: true }).click();
      await person.getByText(/^Muted until/).waitFor();
      await expect(member.send("product:serum-42", "Still there?")).rejects.toMatchObject({ code: "muted" });
    } finally {
      await admin.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("edits the filters with immediate effect", async () => {
    await tab(/Filters/).click();
    const add = admin.getByLabel("Add — Blocked terms");
    await add.fill("fakebrand");
    await add.press("Enter");
    await admin.getByRole("button", { name: "Remove fakebrand" }).waitFor();
    await say(bruno, "Honestly fakebrand is cheaper");
    const held = message(bruno, "fakebrand is cheaper");
    await expect.poll(() => held.getAttribute("data-status")).toBe("held");
    await screenshot(admin, "backoffice-filters");
  });

  it("shows the audit log and exports it through an authorised fetch, never a token URL", async () => {
    await tab(/Audit log/).click();
    await admin.locator("table.audit td.action").getByText("Banned a user").first().waitFor();
    await admin.locator("table.audit td.action").getByText("Approved a message from the review queue").first().waitFor();
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-acme-.*\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain("queue.approved");
    expect(csv).toContain("user.banned");
    await admin.getByLabel("Action").fill("user.banned");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => admin.locator("table.audit tbody tr").count()).toBe(1);
    await admin.getByLabel("Action").fill("");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => admin.locator("table.audit tbody tr").count()).toBeGreaterThan(3);
    await screenshot(admin, "backoffice-audit");
  });

  it("bans a customer the chat has never seen, from their id, before their first visit (SPEC §6.4)", async () => {
    await tab(/People/).click();
    await admin.getByLabel("User id").fill("crm-4711");
    await admin.getByRole("button", { name: "Find", exact: true }).click();
    const person = admin.locator('article.person[data-user="crm-4711"]');
    await person.getByText(/^Not seen in the chat yet/).waitFor();
    await person.getByLabel("Reason (required)").fill("Known fraud case in our CRM");
    await person.getByRole("button", { name: "Ban", exact: true }).click();
    await person.locator("header").getByText(/^Banned/).waitFor();
    await expect(server.connected({ role: "member", sub: "crm-4711", name: "Nouveau" })).rejects.toMatchObject({ code: "banned" });
  });

  it("keeps the manager signed in across a reload, with the token out of the URL", async () => {
    await admin.reload();
    await tab(/Queue/).waitFor();
    await admin.getByText("Camille · Manager").waitFor();
    expect(admin.url()).toBe(`${server.url}/admin`);
    // The token lives in this tab's sessionStorage only: not in localStorage, not in a cookie.
    expect(await admin.evaluate(() => localStorage.length)).toBe(0);
    expect((await admin.context().cookies()).length).toBe(0);
    await admin.getByRole("button", { name: "Sign out" }).click();
    await admin.getByLabel("Manager token").waitFor();
    await admin.reload();
    await admin.getByLabel("Manager token").waitFor();
  });

  it("speaks French to a French browser, with room settings readable in full", async () => {
    const { page, watch } = await newPage(browser, { locale: "fr-FR" });
    watches.push(watch);
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(`${server.url}/admin`);
    await page.getByRole("heading", { name: "Connexion au back-office" }).waitFor();
    await page.getByLabel(/^Tenant$/).fill("acme");
    await page.getByLabel("Jeton de responsable").fill(token);
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    await page.getByRole("tab", { name: /File/ }).waitFor();
    await page.getByRole("tab", { name: "Salons" }).click();
    const card = page.locator('tbody.room-card[data-room="product:serum-42"]');
    await card.getByLabel(/^Qui peut répondre/).waitFor();
    // Every option of the room's selects fits in its box (a cut "Tout le mond" reads as a bug).
    const cut = await card.evaluate((el) => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      return [...el.querySelectorAll("select")].flatMap((sel) => {
        const cs = getComputedStyle(sel);
        ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
        // Padding on both sides and about 24 px for the drop-down arrow.
        const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 24;
        return [...sel.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => o.text);
      });
    });
    expect(cut).toEqual([]);
    await screenshot(page, "backoffice-rooms-fr");
    await page.close();
  });
});
