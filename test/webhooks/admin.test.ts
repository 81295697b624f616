import { afterEach, describe, expect, it } from "vitest";
import { ChatError } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { startModServer } from "../moderation/support.ts";
import { startReceiver, testSecret } from "../support/webhook-receiver.ts";
import { until } from "../support/wait.ts";
import { FAST_DELIVERY, webhookConfig } from "./support.ts";

const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: ChatError) => `${e.code}: ${e.message}`);

describe("managing webhooks (SPEC §8.1): /admin, REST and the URL checks", () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => { for (const o of open.splice(0).reverse()) await o.close(); });

  it("lists endpoints with a secret hint only; update keeps or rotates secrets; test events reach one or every endpoint", async () => {
    const secret = testSecret(1);
    const rx = await startReceiver(secret);
    const rx2 = await startReceiver(testSecret(2));
    open.push(rx, rx2);
    const s = await startModServer(webhookConfig(rx.url, secret));
    open.push(s);
    const admin = await s.admin();
    const [ep1] = await admin.listWebhooks();
    expect(ep1).toStrictEqual({ id: "ep1", url: rx.url, events: ["*"], secretHint: `whsec_…${secret.slice(-4)}` });

    // Add a second endpoint, keep the first one's secret by leaving it out.
    const saved = await admin.updateWebhooks([
      { id: "ep1", url: rx.url, events: ["user.banned"] },
      { url: rx2.url, events: ["*"], secret: rx2.secret },
    ]);
    expect(saved.map((e) => e.events)).toStrictEqual([["user.banned"], ["*"]]);
    const ep2 = saved[1]!.id;
    expect(JSON.stringify(saved)).not.toContain(secret.slice(6));
    expect(JSON.stringify(saved)).not.toContain(rx2.secret.slice(6));

    const ids = await admin.testWebhooks();
    expect(ids).toHaveLength(2);
    const t1 = await rx.waitFor((r) => r.json.type === "webhook.test");
    const t2 = await rx2.waitFor((r) => r.json.type === "webhook.test");
    expect([t1.id, t2.id].sort()).toStrictEqual([...ids].sort());
    expect(t1.verified && t2.verified).toBe(true);
    expect(t2.json.data).toMatchObject({ endpointId: ep2, by: { id: "cm-acme" } });
    expect(await admin.testWebhooks(ep2)).toHaveLength(1);
    expect(await refusal(admin.testWebhooks("nope"))).toMatch(/^not_found/);

    // Subscriptions: a mute goes to ep2 only.
    await admin.mute("u-1", 60, "calm");
    await rx2.waitFor((r) => r.json.type === "user.muted");
    // Rotate ep1's secret: deliveries now verify with the new one only.
    const rotated = testSecret(5);
    await admin.updateWebhooks([{ id: "ep1", url: rx.url, events: ["user.banned"], secret: rotated }, { id: ep2, url: rx2.url, events: ["*"] }]);
    rx.secret = rotated;
    await admin.ban("u-2", { reason: "spam" });
    expect((await rx.waitFor((r) => r.json.type === "user.banned")).verified).toBe(true);
    expect(rx.received.some((r) => r.json.type === "user.muted")).toBe(false);

    const { deliveries } = await admin.listDeliveries({ limit: 3 });
    expect(deliveries).toHaveLength(3);
    expect(deliveries[0]).toMatchObject({ type: expect.any(String), endpointId: expect.any(String), status: expect.stringMatching(/pending|delivered/), attempts: expect.any(Number) });
    const audit = await admin.listAudit({ action: "webhooks.updated" });
    expect(audit.entries).toHaveLength(2);
    expect(JSON.stringify(audit.entries)).not.toContain(rotated.slice(6));

    // Removing an endpoint fails what waited for it.
    await rx2.down();
    await admin.mute("u-3", 60, "calm");
    await admin.updateWebhooks([{ id: "ep1", url: rx.url, events: ["user.banned"] }]);
    await until(async () => (await admin.listDeliveries()).deliveries.find((d) => d.endpointId === ep2 && d.status === "failed" && d.lastError === "endpoint removed"));
  });

  it("the same over REST, in the OpenAPI document, and refused input names the field", async () => {
    const secret = testSecret(1);
    const rx = await startReceiver(secret);
    open.push(rx);
    const s = await startModServer(webhookConfig(rx.url, secret));
    open.push(s);
    const list = await s.rest("GET", "webhooks");
    expect(list.status).toBe(200);
    expect(list.body.endpoints[0].secretHint).toMatch(/^whsec_…/);
    const put = await s.rest("PUT", "webhooks", { body: { endpoints: [{ id: "ep1", url: rx.url, events: ["ip.blocked", "webhook.test"] }] } });
    expect(put.status).toBe(200);
    expect(put.body.endpoints[0].events).toStrictEqual(["ip.blocked", "webhook.test"]);
    const test = await s.rest("POST", "webhooks/test", { body: {} });
    expect(test.status).toBe(200);
    await rx.waitFor((r) => r.id === test.body.deliveryIds[0]);
    const page = await s.rest("GET", "webhooks/deliveries?limit=1");
    expect(page.status).toBe(200);
    expect(page.body.deliveries[0].id).toBe(test.body.deliveryIds[0]);
    expect((await s.rest("GET", "webhooks/deliveries?cursor=%3Cscript%3E")).body.error.code).toBe("invalid_payload");
    const bad = await s.rest("PUT", "webhooks", { body: { endpoints: [{ url: rx.url, events: ["user.exploded"], secret }] } });
    expect([bad.status, bad.body.error.code]).toStrictEqual([400, "invalid_payload"]);
    expect(bad.body.error.message).toMatch(/^endpoints\.0\.events\.0/);
    expect((await s.rest("PUT", "webhooks", { tenant: "other", body: { endpoints: [{ id: "ep1", url: rx.url, events: ["*"] }] } })).body.error.message).toBe("endpoints.0.id: no such endpoint");
    expect((await s.rest("GET", "webhooks", { tenant: "other" })).body).toStrictEqual({ endpoints: [] });
    const doc = (await s.rest("GET", "/api/v1/openapi.json", { token: null })).body;
    for (const [path, method] of [["webhooks", "get"], ["webhooks", "put"], ["webhooks/test", "post"], ["webhooks/deliveries", "get"]] as const) {
      expect(doc.paths[`/api/v1/tenants/{tenant}/${path}`]?.[method], `${method} ${path}`).toBeDefined();
    }
  });

  it("refuses loopback, private and local endpoints unless the tenant allows private networks, also after DNS", async () => {
    const secret = testSecret(1);
    const rx = await startReceiver(secret);
    open.push(rx);
    // acme allows private networks and its endpoint is the receiver; other does not, and its
    // config endpoint is a name (`vm`, `runsc` or `localhost`-like in /etc/hosts) that resolves to 127.0.0.1.
    const config = testConfig({
      server: { webhooks: { ...FAST_DELIVERY, failuresToPause: 100 } },
      other: { webhooks: [{ url: `https://vm:${rx.port}/hooks`, secret, events: ["*"] }] } as never,
    });
    const s = await startModServer(config);
    open.push(s);
    const admin = await s.admin({ tenant: "other" });
    const ep = (url: string, extra: object = {}) => admin.updateWebhooks([{ url, events: ["*"], secret, ...extra }]);
    const cases: [string, RegExp][] = [
      ["https://127.0.0.1/x", /endpoints\.0\.url: points at a non-public address/],
      ["https://10.1.2.3/x", /non-public/],
      ["https://[::1]:8443/x", /non-public/],
      ["https://[::ffff:192.168.1.1]/x", /non-public/],
      ["https://169.254.169.254/latest/meta-data", /non-public/],
      ["https://localhost/x", /local host name/],
      ["https://vm/x", /resolves to 127\.0\.0\.1/],
      ["http://hooks.example.com/x", /https:\/\//],
      ["ftp://hooks.example.com/x", /https:\/\//],
      ["not a url", /absolute URL/],
      ["https://user:pw@hooks.example.com/x", /credentials/],
    ];
    for (const [url, why] of cases) {
      const r = await refusal(ep(url));
      expect(r, url).toMatch(/^invalid_payload: /);
      expect(r, url).toMatch(why);
    }
    expect(await refusal(ep("https://hooks.example.com/x", { secret: "whsec_short" }))).toMatch(/^invalid_payload: endpoints\.0\.secret: must be whsec_/);
    expect(await refusal(admin.updateWebhooks([{ url: "https://hooks.example.com/x", events: ["*"] }]))).toMatch(/endpoints\.0\.secret: required for a new endpoint/);
    // A public name that does not resolve here passes the check on save (calls check again).
    expect((await ep("https://hooks.example.invalid/x")).length).toBe(1);

    // The config's endpoint passed the start-up check (a name), and is refused after DNS at the call.
    await s.rest("PUT", "webhooks", { tenant: "other", body: { endpoints: [] } });
    const fresh = await startModServer(config);
    open.push(fresh);
    const freshAdmin = await fresh.admin({ tenant: "other" });
    await freshAdmin.ban("u-1", { reason: "spam" });
    const d = await until(async () => (await freshAdmin.listDeliveries()).deliveries.find((x) => x.attempts > 0 && x.lastError));
    expect(d.lastError).toMatch(/^refused: vm resolves to 127\.0\.0\.1/);
    expect(rx.received).toStrictEqual([]);
  });
});
