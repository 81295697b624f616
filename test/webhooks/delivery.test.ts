import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { freePort } from "../support/node-process.ts";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger.ts";
import { HELD_TEXT, post, postHeld, startModServer, type ModServer } from "../moderation/support.ts";
import { startReceiver, testSecret, type Receiver } from "../support/webhook-receiver.ts";
import { until } from "../support/wait.ts";
import { webhookConfig } from "./support.ts";

describe("outgoing webhooks (SPEC §8.1)", () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => { for (const o of open.splice(0).reverse()) await o.close(); });
  async function setup(over: Parameters<typeof webhookConfig>[2] = {}, receiverSecret = testSecret()) {
    const rx = await startReceiver(receiverSecret);
    open.push(rx);
    const s = await startModServer(webhookConfig(rx.url, receiverSecret, over));
    open.push(s);
    return { rx, s };
  }
  const ofType = (rx: Receiver, type: string) => rx.received.filter((r) => r.json.type === type);

  it("delivers every event type that exists today, signed (checked independently), in the Standard Webhooks envelope", async () => {
    const { rx, s } = await setup();
    const otherRx = await startReceiver(testSecret(9));
    open.push(otherRx);
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "u-author", name: "Author" });
    const flagger = await s.chat({ role: "member", sub: "u-flagger" });
    const mod = await s.chat({ role: "moderator", sub: "u-mod", name: "Mo" });
    const visible = await post(author, "faq", "Is this serum good for dry skin?");
    const toDelete = await post(author, "faq", "second question");
    await flagger.join("faq");
    await flagger.flag(visible.id, "abuse", "rude");
    const held = await postHeld(author, "product:serum");
    await mod.join("faq");
    await mod.raiseAlert("faq", "raid going on");
    await admin.resolve(held.id, "remove");
    await admin.deleteMessage(toDelete.id, "off topic");
    await admin.ban("u-troll", { reason: "insults", durationSec: 3600 });
    await admin.mute("u-noisy", 600, "calm down");
    await admin.blockIp("203.0.113.0/24", { reason: "spam network" });

    const types = ["message.flagged", "message.held", "alert.raised", "message.removed", "user.banned", "user.muted", "ip.blocked"];
    await until(() => types.every((t) => ofType(rx, t).length > 0) && ofType(rx, "message.removed").length === 2, 10_000);
    for (const r of rx.received) {
      expect(r.verified, `${r.json.type} signature`).toBe(true);
      expect(r.id).toMatch(/^msg_/);
      expect(Math.abs(Number(r.timestamp) - Date.now() / 1000)).toBeLessThan(30);
      expect(new Date(r.json.timestamp).toISOString()).toBe(r.json.timestamp);
    }
    expect(new Set(rx.received.map((r) => r.id)).size).toBe(rx.received.length);
    const data = (t: string) => ofType(rx, t)[0]!.json.data;
    expect(data("message.flagged")).toStrictEqual({ message: expect.objectContaining({ id: visible.id, text: visible.text }), flag: { by: expect.objectContaining({ id: "u-flagger" }), reason: "abuse", note: "rude" }, hidden: false });
    expect(data("message.held")).toMatchObject({ message: { id: held.id, status: "held", text: HELD_TEXT }, reasons: [expect.objectContaining({ kind: "word" })] });
    expect(data("alert.raised")).toStrictEqual({ room: "faq", note: "raid going on", by: expect.objectContaining({ id: "u-mod", role: "moderator" }) });
    expect(ofType(rx, "message.removed").map((r) => r.json.data.message.id).sort()).toStrictEqual([held.id, toDelete.id].sort());
    expect(ofType(rx, "message.removed").find((r) => r.json.data.message.id === toDelete.id)!.json.data).toMatchObject({ by: { id: "cm-acme" }, reason: "off topic", message: { status: "deleted" } });
    expect(data("user.banned")).toStrictEqual({ userId: "u-troll", until: expect.any(Number), reason: "insults", by: expect.objectContaining({ id: "cm-acme" }), shadow: false });
    expect(data("user.muted")).toMatchObject({ userId: "u-noisy", reason: "calm down", until: expect.any(Number) });
    expect(data("ip.blocked")).toMatchObject({ cidr: "203.0.113.0/24", reason: "spam network", by: { id: "cm-acme" } });
    // The delivery list agrees, and the other tenant saw nothing of it.
    const { deliveries } = await admin.listDeliveries({ limit: 50 });
    expect(deliveries.filter((d) => d.status === "delivered").length).toBe(rx.received.length);
    const otherAdmin = await s.admin({ tenant: "other" });
    expect((await otherAdmin.listDeliveries()).deliveries).toStrictEqual([]);
    expect(otherRx.received).toStrictEqual([]);
  });

  it("retries a failed delivery with the same webhook-id; the first retry comes within 5 s on the default schedule", async () => {
    const { rx, s } = await setup({ webhooks: { retryScheduleMs: [3000, 20_000] } });
    let calls = 0;
    rx.answer = () => (++calls === 1 ? { status: 500 } : { status: 200 });
    const admin = await s.admin();
    await admin.ban("u-1", { reason: "spam" });
    const first = await rx.waitFor(() => true);
    const retry = await rx.waitFor((r) => r !== first, 6000);
    expect(retry.id).toBe(first.id);
    expect(retry.body).toBe(first.body);
    expect(retry.verified).toBe(true);
    expect(Number(retry.timestamp) - Number(first.timestamp)).toBeLessThanOrEqual(5);
    const d = await until(async () => (await admin.listDeliveries()).deliveries.find((x) => x.id === first.id && x.status === "delivered"));
    expect(d).toMatchObject({ attempts: 2, lastError: "HTTP 500", type: "user.banned", endpointId: "ep1" });
  });

  it("an endpoint that is down is paused, not hammered, and its backlog flows as soon as it is back", async () => {
    const { rx, s } = await setup({ webhooks: { retryScheduleMs: [5000], maxPauseMs: 300 } });
    await rx.down();
    const admin = await s.admin();
    for (let i = 0; i < 20; i++) await admin.ban(`u-${i}`, { reason: "spam" });
    // Each delivery would be retried 5 s later; the pause probes every 300 ms at most.
    await until(async () => (await admin.listDeliveries({ limit: 50 })).deliveries.filter((d) => d.attempts > 0).length >= 4, 5000);
    await new Promise((r) => setTimeout(r, 600));
    const attempted = (await admin.listDeliveries({ limit: 50 })).deliveries.reduce((n, d) => n + d.attempts, 0);
    // Without the pause every delivery would have had its first attempt: 20.
    expect(attempted).toBeLessThan(12);
    await rx.up();
    const t0 = Date.now();
    await until(() => new Set(rx.received.map((r) => r.id)).size === 20, 4000);
    // Far sooner than the 5 s retry delay of the deliveries that failed.
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(rx.received.every((r) => r.verified)).toBe(true);
    const list = (await admin.listDeliveries({ limit: 50 })).deliveries;
    await until(async () => (await admin.listDeliveries({ limit: 50 })).deliveries.every((d) => d.status === "delivered"));
    expect(list.length).toBe(20);
  });

  it("gives up after retryForMs and marks the delivery failed; a redirect is not followed", async () => {
    const { rx, s } = await setup({ webhooks: { retryForMs: 400, failuresToPause: 100 } });
    rx.answer = () => ({ status: 302, headers: { location: "http://127.0.0.1:1/elsewhere" } });
    const admin = await s.admin();
    await admin.ban("u-1", { reason: "spam" });
    const d = await until(async () => (await admin.listDeliveries()).deliveries.find((x) => x.status === "failed"), 5000);
    expect(d.lastError).toBe("HTTP 302 (redirects are not followed)");
    expect(d.attempts).toBeGreaterThanOrEqual(2);
    expect(d.nextAttemptAt).toBeUndefined();
  });

  it("never writes a secret in the logs, even at debug level with failing deliveries", async () => {
    const secret = testSecret(3);
    const rx = await startReceiver(secret);
    open.push(rx);
    rx.answer = () => ({ status: 503 });
    let logs = "";
    const config = webhookConfig(rx.url, secret, { webhooks: { failuresToPause: 100 } });
    const sink = new Writable({ write(chunk, _enc, cb) { logs += chunk; cb(); } });
    const s: ModServer = await startModServer(config, { logger: createLogger({ ...config, server: { ...config.server, logLevel: "debug" } }, sink) });
    open.push(s);
    const admin = await s.admin();
    await admin.ban("u-1", { reason: "spam" });
    await until(() => rx.received.length >= 3);
    await admin.updateWebhooks([{ id: "ep1", url: rx.url, events: ["*"], secret: testSecret(4) }]);
    expect(logs).toContain("webhook delivery failed");
    for (const sec of [secret, testSecret(4)]) expect(logs).not.toContain(sec.slice(6, 30));
  });

  it("npm run webhook-listen prints verified deliveries and refuses forged ones", async () => {
    const secret = testSecret(11);
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "server/cli/webhook-listen.ts", "--port", String(port), "--secret", secret], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    open.push({ close: async () => { child.kill(); } });
    await until(() => out.includes("Listening"), 15_000);
    const s = await startModServer(webhookConfig(`http://127.0.0.1:${port}/`, secret));
    open.push(s);
    await (await s.admin()).ban("u-listen", { reason: "spam" });
    await until(() => out.includes("user.banned") && out.includes("u-listen"), 5000);
    const forged = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: { "webhook-id": "msg_x", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1,AAAA" }, body: "{}" });
    expect(forged.status).toBe(401);
    await until(() => out.includes("REFUSED"));
  });
});
