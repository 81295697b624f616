import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notice } from "../../client-sdk/src/index.ts";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, screenshot, type PageWatch } from "../support/browser.ts";
import { freshRoom, post, startModServer, type ModServer } from "../moderation/support.ts";
import { waitFor } from "../support/wait.ts";

/** SPEC §9.4 in the back office, in real Chromium: the period's figures in words and the two downloads. */
describe.skipIf(!browserAvailable())("back office: transparency", () => {
  let server: ModServer;
  let browser: Browser;
  let page: Page;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    server = await startModServer();
    // A deletion, a ban and a mute whose appeal is reversed.
    const admin = await server.admin();
    const author = await server.chat({ role: "member", sub: "bt-author", name: "Bérénice Témoin" });
    const room = freshRoom();
    const m = await post(author, room, "Où en est ma commande 5521 ?");
    let told = waitFor<Notice>(author, "moderation:notice");
    await admin.deleteMessage(m.id, "Hors sujet");
    await told;
    await admin.ban("bt-banned", { reason: "Insultes", durationSec: 3600 });
    told = waitFor<Notice>(author, "moderation:notice");
    await admin.mute("bt-author", 600, "Flood");
    const appeal = await author.appeal((await told).id, "Je répondais à une question.");
    await admin.resolveAppeal(appeal.id, "reverse", "Fair");

    browser = await launchBrowser();
    const opened = await newPage(browser, { width: 1280, height: 1000 });
    page = opened.page;
    watches.push(opened.watch);
    await openBackOffice(page, server.url, "acme", await server.managerToken());
    await page.getByRole("tab", { name: /Transparency/ }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const value = (figure: string, col = 0) => page.locator(`table.transparency tr[data-figure='${figure}'] td`).nth(col);

  it("shows the last 30 days' figures in words, and a month's", async () => {
    expect(await page.locator("[data-field='preset']").inputValue()).toBe("last30");
    await expect.poll(() => value("actions").textContent()).toBe("3");
    expect(await value("appealsReceived").textContent()).toBe("1");
    expect(await value("appealsReversed").textContent()).toBe("1");
    expect(await value("reports").textContent()).toBe("0");
    expect(await page.locator("tr[data-figure='banned'] th").textContent()).toBe("Ban");
    expect(await value("banned").textContent()).toBe("1");
    expect(await value("message_removed").textContent()).toBe("1");
    expect(await value("message_hidden").textContent()).toBe("0");
    // A manager's own action falls under "outside what the chat is for".
    expect(await page.locator("tr[data-figure='scope_of_platform_service'] th").textContent()).toBe("Outside what the chat is for (spam, links, advertising)");
    expect(await value("medianHoursToAction").textContent()).toBe("0 h");
    expect(await value("medianHoursToDecision").textContent()).toBe("0 h");
    await screenshot(page, "backoffice-transparency", true);

    // This calendar month (the first month preset) counts the same restrictions.
    const month = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(Date.now());
    await page.locator("[data-field='preset']").selectOption({ label: month });
    await expect.poll(() => page.locator("[data-field='from']").inputValue()).toBe(`${new Date().toISOString().slice(0, 7)}-01`);
    await expect.poll(() => value("actions").textContent()).toBe("3");
    // A past period without any restriction.
    await page.locator("[data-field='from']").fill("2024-01-01");
    await page.locator("[data-field='to']").fill("2024-01-31");
    await page.getByRole("button", { name: "Show" }).click();
    await expect.poll(() => value("actions").textContent()).toBe("0");
    expect(await value("medianHoursToAction").textContent()).toBe("no case");
    // A reversed period is refused in words before anything is asked.
    await page.locator("[data-field='from']").fill("2024-02-01");
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByText("Choose a start date on or before the end date.").waitFor();
  });

  it("downloads the report as CSV and the statements as NDJSON with the manager's token", async () => {
    await page.locator("[data-field='preset']").selectOption("last30");
    await expect.poll(() => value("actions").textContent()).toBe("3");
    const [csvFile] = await Promise.all([page.waitForEvent("download"), page.locator("[data-action='download-csv']").click()]);
    expect(csvFile.suggestedFilename()).toMatch(/^transparency-acme-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await csvFile.path())!, "utf8").split("\r\n");
    expect(csv[0]).toBe("figure,value");
    expect(csv).toContain("actions.total,3");
    expect(csv).toContain("appeals.reversed,1");

    const [ndjsonFile] = await Promise.all([page.waitForEvent("download"), page.locator("[data-action='download-ndjson']").click()]);
    expect(ndjsonFile.suggestedFilename()).toMatch(/^statements-acme-.+\.ndjson$/);
    const text = readFileSync((await ndjsonFile.path())!, "utf8");
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.decision_ground)).toEqual(Array(3).fill("DECISION_GROUND_INCOMPATIBLE_CONTENT"));
    for (const secret of ["bt-author", "bt-banned", "Bérénice", "5521", "Hors sujet", "Insultes"]) expect(text).not.toContain(secret);
  });

  it("speaks French on the same screen", async () => {
    await page.locator("[data-lang='fr']").click();
    await page.getByRole("tab", { name: /Transparence/ }).waitFor();
    await expect.poll(() => page.locator("tr[data-figure='banned'] th").textContent()).toBe("Bannissement");
    expect(await page.locator("tr[data-figure='muted'] th").textContent()).toBe("Mise en sourdine");
    expect(await page.getByRole("button", { name: "Rapport de la période (CSV)" }).count()).toBe(1);
    expectCleanPages(watches);
  });
});
