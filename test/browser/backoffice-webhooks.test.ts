import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, expectCleanPages, launchBrowser, newPage, openBackOffice, type PageWatch } from "../support/browser.ts";
import { startModServer, type ModServer } from "../moderation/support.ts";
import { until } from "../support/wait.ts";
import { startReceiver, testSecret, type Receiver } from "../support/webhook-receiver.ts";
import { webhookConfig } from "../webhooks/support.ts";

/** The back office's webhooks screen in real Chromium: endpoints, test events, deliveries. */
describe.skipIf(!browserAvailable())("back office: webhooks", () => {
  let server: ModServer;
  let rx: Receiver;
  let rx2: Receiver;
  let browser: Browser;
  let page: Page;
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    rx = await startReceiver(testSecret(1));
    rx2 = await startReceiver(testSecret(2));
    server = await startModServer(webhookConfig(rx.url, rx.secret, { webhooks: { retryScheduleMs: [60_000], failuresToPause: 100 } }));
    browser = await launchBrowser();
    const opened = await newPage(browser, { width: 1280, height: 900 });
    page = opened.page;
    watches.push(opened.watch);
    await openBackOffice(page, server.url, "acme", await server.managerToken());
    await page.getByRole("tab", { name: /Webhooks/ }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rx?.close();
    await rx2?.close();
  });

  const row = (type: string) => page.locator("table.deliveries tbody tr", { hasText: type });

  it("shows the endpoint with its secret hint only, sends a test event, and lists deliveries with status, attempts, error and next try", async () => {
    const ep = page.locator("fieldset.webhook-endpoint[data-endpoint='ep1']");
    await expect.poll(() => ep.locator("input[data-field='url']").inputValue()).toBe(rx.url);
    await expect.poll(() => ep.locator("[data-field='secret']").textContent()).toBe(`Secret: whsec_…${rx.secret.slice(-4)}`);
    expect(await page.content()).not.toContain(rx.secret.slice(6, 30));

    await ep.locator("[data-action='test-endpoint']").click();
    await page.locator(".toast", { hasText: "Test event queued." }).waitFor();
    const sent = await rx.waitFor((r) => r.json.type === "webhook.test");
    expect(sent.verified).toBe(true);
    await until(async () => {
      await page.locator("[data-action='refresh-deliveries']").click();
      return (await row("webhook.test").getAttribute("data-status")) === "delivered";
    }, 5000, 100);
    expect(await row("webhook.test").getAttribute("data-delivery")).toBe(sent.id);

    // The endpoint fails: the row says pending, one attempt, the error and when it is tried next.
    rx.answer = () => ({ status: 500 });
    const admin = await server.admin();
    await admin.ban("u-troll", { reason: "insults" });
    await rx.waitFor((r) => r.json.type === "user.banned");
    await until(async () => {
      await page.locator("[data-action='refresh-deliveries']").click();
      return (await row("user.banned").locator("td").nth(4).textContent()) === "HTTP 500";
    }, 5000, 100);
    const cells = await row("user.banned").locator("td").allTextContents();
    expect(cells.slice(0, 5)).toStrictEqual(["user.banned", "ep1", "Pending", "1", "HTTP 500"]);
    expect(cells[5]).toMatch(/\d/);
  });

  it("edits endpoints: events, a rotated secret shown once, a new endpoint; the server holds them", async () => {
    rx.answer = () => ({ status: 204 });
    const ep = page.locator("fieldset.webhook-endpoint[data-endpoint='ep1']");
    await ep.locator("input[data-event='*']").uncheck();
    await ep.locator("input[data-event='user.muted']").check();
    await ep.locator("[data-action='rotate-secret']").click();
    const rotated = await page.locator("input[data-field='new-secret']").inputValue();
    expect(rotated).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    await page.locator("[data-action='add-endpoint']").click();
    const added = await page.locator("input[data-field='new-secret']").inputValue();
    const fresh = page.locator("fieldset.webhook-endpoint", { hasText: "New endpoint" });
    await fresh.locator("input[data-field='url']").fill(rx2.url);
    await page.locator("[data-action='save-endpoints']").click();
    await page.locator(".toast", { hasText: "Saved: in force now on every node." }).waitFor();

    const admin = await server.admin();
    const list = await admin.listWebhooks();
    expect(list.map((e) => [e.url, e.events, e.secretHint])).toStrictEqual([
      [rx.url, ["user.muted"], `whsec_…${rotated.slice(-4)}`],
      [rx2.url, ["*"], `whsec_…${added.slice(-4)}`],
    ]);
    // Once saved, the page no longer shows any whole secret.
    expect(await page.locator("input[data-field='new-secret']").count()).toBe(0);
    rx.secret = rotated;
    rx2.secret = added;
    await admin.mute("u-noisy", 60, "calm");
    expect((await rx.waitFor((r) => r.json.type === "user.muted")).verified).toBe(true);
    expect((await rx2.waitFor((r) => r.json.type === "user.muted")).verified).toBe(true);
    expectCleanPages(watches);
  });
});
