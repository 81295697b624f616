import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, type ChatClient } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, screenshot, type PageWatch } from "../support/browser.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

const ROOM = "product:policy-1";

/**
 * SPEC §12 in the back office: the filters view shows the tenant's policy as a table of
 * categories, each with an action and a minimum severity (like AutoMod's levels); saving it is in
 * force for the next message, and the queue names each reason's category and severity.
 */
describe.skipIf(!browserAvailable())("back office filter policy", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let cm: AdminClient;
  let shopper: ChatClient;
  const watches: PageWatch[] = [];
  const row = (category: string) => page.locator(`table.policy-table tr[data-category="${category}"]`);

  beforeAll(async () => {
    server = await startServer(testConfig({ acme: { origins: [], filters: { policy: { hate: "reject" } } } }));
    browser = await launchBrowser();
    const token = await server.token({ tenant: "acme", role: "manager", sub: "cm-1", name: "Camille" });
    cm = new AdminClient({ url: server.url, tenant: "acme", token });
    await cm.connect();
    shopper = await server.connected({ role: "member", sub: "pol-shopper", name: "Lea" });
    await shopper.join(ROOM);
    const opened = await newPage(browser, { width: 1280, height: 900 });
    page = opened.page;
    watches.push(opened.watch);
    await openBackOffice(page, server.url, "acme", token);
  });

  afterAll(async () => {
    expectCleanPages(watches);
    cm?.disconnect();
    await browser?.close();
    await server?.close();
  });

  it("shows the policy as a table of categories and saves actions and minimum severities", async () => {
    await page.getByRole("tab", { name: /Filters/ }).click();
    const table = page.getByRole("table", { name: "What happens, by category" });
    await table.waitFor();
    // The table is drawn before the policy arrives: wait for its rows, not just its frame.
    await expect.poll(() => table.locator("tbody tr").count()).toBe(10);
    // The config's policy: hate refused, everything else on the default action.
    await expect.poll(() => row("hate").getByLabel("Hate: what happens").inputValue()).toBe("reject");
    expect(await row("threat").getByLabel("Threats: what happens").inputValue()).toBe("");
    expect(await page.getByLabel("Categories on “Default”").inputValue()).toBe("hold");

    expect((await shopper.send(ROOM, "merde, encore en rupture")).status).toBe("held");
    await row("profanity").getByLabel("Swearing: what happens").selectOption("allow");
    await row("threat").getByLabel("Threats: what happens").selectOption("reject");
    await row("insult").getByLabel("Insults: what happens").selectOption("shadow");
    await row("insult").getByLabel("Insults: minimum severity").selectOption("2");
    await page.getByRole("button", { name: "Save the policy" }).click();
    await page.getByText("Saved: in force now.").first().waitFor();

    expect((await cm.getFilters()).policy).toEqual({ profanity: "allow", threat: "reject", insult: "shadow", hate: "reject", minSeverity: { insult: 2 } });
    expect((await shopper.send(ROOM, "merde, encore en rupture")).status).toBe("visible");
    await expect(shopper.send(ROOM, "je vais te casser les dents à la sortie")).rejects.toMatchObject({ code: "content_blocked" });
    // Shadow: the author is told it is visible.
    expect((await shopper.send(ROOM, "quel connard celui-là")).status).toBe("visible");
    await screenshot(page, "backoffice-filter-policy");

    // Read back after a reload of the view: what the server holds, not what the form still shows.
    await page.reload();
    await page.getByRole("tab", { name: /Filters/ }).click();
    await expect.poll(() => row("threat").getByLabel("Threats: what happens").inputValue()).toBe("reject");
    expect(await row("insult").getByLabel("Insults: minimum severity").inputValue()).toBe("2");
    expect(await row("contact").getByLabel("Contact details: what happens").inputValue()).toBe("");
  });

  it("names a held message's category and severity in the queue", async () => {
    await shopper.send(ROOM, "écris-moi sur WhatsApp au 07 98 76 54 32");
    await page.getByRole("tab", { name: /Queue/ }).click();
    const item = page.locator("li.qitem", { hasText: "écris-moi sur WhatsApp" });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain("Contact details, severity 3");
  });

  it("says in the queue what the category model judged, and switches the model off and on for the tenant", async () => {
    // No rule names it; sexual content follows the default action here (hold).
    const judged = "viens me voir en privé ce soir ma belle";
    expect((await shopper.send(ROOM, judged)).status).toBe("held");
    await page.getByRole("tab", { name: /Queue/ }).click();
    const item = page.locator("li.qitem", { hasText: judged });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toMatch(/Judged by the category model \(\d+% sure\) · Sexual, severity 2/);

    await page.getByRole("tab", { name: /Filters/ }).click();
    const box = page.getByLabel("Category model");
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.uncheck();
    await page.getByRole("button", { name: "Save the policy" }).click();
    await page.getByText("Saved: in force now.").first().waitFor();
    expect((await cm.getFilters()).model).toBe(false);
    expect((await shopper.send(ROOM, judged)).status).toBe("visible");

    await page.reload();
    await page.getByRole("tab", { name: /Filters/ }).click();
    await expect.poll(() => page.getByLabel("Category model").isChecked()).toBe(false);
    await page.getByLabel("Category model").check();
    await page.getByRole("button", { name: "Save the policy" }).click();
    await page.getByText("Saved: in force now.").first().waitFor();
    expect((await cm.getFilters()).model).toBe(true);
    expect((await shopper.send(ROOM, judged)).status).toBe("held");
  });
});
