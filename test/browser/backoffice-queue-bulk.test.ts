import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, launchBrowser, screenshot, type PageWatch, openManagerPage, closeBrowserSuite } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const HELD = "quel connard";

/**
 * The queue's context and bulk tools in Chromium against the real server: the conversation
 * around an item, an author's items removed at once, an undo that leaves the message as it was,
 * a banned author's remaining items cleared, the filters and the purge offer; keyboard first.
 */
describe.skipIf(!browserAvailable())("back office queue: context, bulk, undo, purge", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Page;
  const watches: PageWatch[] = [];
  const item = (text: string) => admin.locator("li.qitem", { hasText: text });
  const group = (authorId: string) => admin.locator(`li.qgroup[data-author="${authorId}"]`);
  const status = async (id: string) => (await server.app.stores.messages.getMessage("acme", id))?.status;
  const queued = async (id: string) => (await server.app.stores.queue.queueGet("acme", id)) !== null;

  async function member(sub: string, name: string): Promise<ChatClient> {
    return server.connected({ role: "member", sub, name });
  }
  async function say(c: ChatClient, room: string, text: string) {
    await c.join(room).catch(() => undefined);
    return c.send(room, text);
  }

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [] } }));
    browser = await launchBrowser();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-q", name: "Camille" });
    admin = await openManagerPage(browser, server.url, token, watches, { width: 1280, height: 1000 });
  });

  afterAll(() => closeBrowserSuite(watches, browser, server));

  it("unfolds the conversation around an item (c), with the item marked", async () => {
    const room = "product:ctx";
    const paul = await member("u-paul", "Paul");
    const zoe = await member("u-zoe", "Zoé");
    await say(zoe, room, "Ce sérum est-il bio ?");
    await say(paul, room, "Oui, certifié.");
    const held = await say(paul, room, `${HELD} de vendeur`);
    await say(zoe, room, "Merci pour la réponse");
    await item("de vendeur").waitFor();
    await item("de vendeur").click();
    await admin.keyboard.press("c");
    const ctx = item("de vendeur").locator(".qcontext li");
    await expect.poll(() => ctx.allInnerTexts()).toEqual([
      expect.stringContaining("Ce sérum est-il bio ?"), expect.stringContaining("Oui, certifié."),
      expect.stringContaining("de vendeur"), expect.stringContaining("Merci pour la réponse"),
    ]);
    expect(await item("de vendeur").locator(".ctxmsg.self").getAttribute("data-id")).toBe(held.id);
    await admin.keyboard.press("c");
    await item("de vendeur").locator(".qcontext").waitFor({ state: "detached" });
    // Approved with the keyboard, then undone: nothing reaches the server.
    await admin.keyboard.press("a");
    await item("de vendeur").waitFor({ state: "detached" });
    await admin.keyboard.press("u");
    await item("de vendeur").waitFor();
    expect(await status(held.id)).toBe("held");
  });

  it("removes all of one author's items at once, with an undo that leaves the messages as they were", async () => {
    const room = "product:bulk";
    const troll = await member("u-troll", "Troll Dupont");
    const other = await member("u-calm", "Calme");
    const mine = [await say(troll, room, `${HELD} un`), await say(troll, "product:bulk-2", `${HELD} deux`), await say(troll, room, `${HELD} trois`)];
    const kept = await say(other, room, `${HELD} pas le troll`);
    for (const t of ["un", "deux", "trois", "pas le troll"]) await item(`${HELD} ${t}`).waitFor();
    await expect.poll(() => group("u-troll").innerText()).toContain("Remove all (3)");
    // The filters narrow the queue to one room: the group counts what is shown.
    await admin.locator('select[data-filter="room"]').selectOption("product:bulk");
    await expect.poll(() => group("u-troll").innerText()).toContain("Remove all (2)");
    await admin.locator('select[data-filter="room"]').selectOption("");
    await admin.locator('select[data-filter="kind"]').selectOption("flag");
    await admin.getByText("No item matches these filters.").waitFor();
    await admin.locator('select[data-filter="kind"]').selectOption("");
    await admin.locator('select[data-filter="reason"]').selectOption("word");
    await item(`${HELD} un`).waitFor();
    await admin.locator('select[data-filter="reason"]').selectOption("");

    await screenshot(admin, "backoffice-queue-bulk");
    // Remove all, then undo before the window closes: the messages stay held and queued.
    await group("u-troll").getByRole("button", { name: "Remove all (3)" }).click();
    await item(`${HELD} un`).waitFor({ state: "detached" });
    await admin.locator(".undo-bar").getByText("Removing 3 messages…").waitFor();
    await screenshot(admin, "backoffice-queue-undo");
    await admin.locator(".undo-bar").getByRole("button", { name: /Undo/ }).click();
    await item(`${HELD} trois`).waitFor();
    for (const m of mine) expect(await status(m.id)).toBe("held");

    // Now for real, with the keyboard: shift+R on one of the troll's items.
    await item(`${HELD} deux`).click();
    await admin.keyboard.press("Shift+R");
    await admin.getByText("3 messages removed.").waitFor();
    for (const m of mine) {
      expect(await status(m.id)).toBe("deleted");
      expect(await queued(m.id)).toBe(false);
    }
    // The undone remove was never sent meanwhile: the other author's item was untouched throughout.
    expect(await status(kept.id)).toBe("held");
    // The removal offers to purge the author's other recent messages (SPEC §10.3).
    const visible = await say(troll, "product:bulk-3", "un message visible du troll");
    expect(visible.status).toBe("visible");
    await admin.locator(".offer-bar").getByText(/Troll Dupont/).waitFor();
    await admin.keyboard.press("p");
    await admin.getByText(/1 message deleted|1 message/).first().waitFor();
    await expect.poll(() => status(visible.id)).toBe("deleted");
  });

  it("marks a banned author's remaining items and clears them in one action", async () => {
    const room = "product:ban";
    const spammer = await member("u-spam", "Spammeur");
    const items = [await say(spammer, room, `${HELD} alpha`), await say(spammer, room, `${HELD} beta`), await say(spammer, room, `${HELD} gamma`)];
    for (const t of ["alpha", "beta", "gamma"]) await item(`${HELD} ${t}`).waitFor();
    await item(`${HELD} alpha`).click();
    await admin.keyboard.press("b");
    await admin.getByText("Removed and author banned.").waitFor();
    expect(await status(items[0]!.id)).toBe("deleted");
    await expect.poll(() => group("u-spam").textContent()).toContain("Author banned");
    expect(await item(`${HELD} beta`).locator("[data-banned]").count()).toBe(1);
    await group("u-spam").getByRole("button", { name: "Clear all (2)" }).click();
    await admin.getByText("2 messages removed.").waitFor();
    expect(await status(items[1]!.id)).toBe("deleted");
    expect(await status(items[2]!.id)).toBe("deleted");
    await group("u-spam").waitFor({ state: "detached" });
  });

  it("reads in French", async () => {
    await admin.locator("button[data-lang=fr]").click();
    await admin.getByText(/R \(maj\) tout supprimer de l’auteur/).waitFor();
    // The queue's room filter (the dashboard, hidden behind its tab, has a "Salon" label too).
    await admin.locator(".queue-screen").getByText("Salon", { exact: true }).first().waitFor();
  });
});
