import { afterAll, describe, expect, it } from "vitest";
import type { ChatError, Notice, QueueItem, ReportDecided } from "../../client-sdk/src/index.ts";
import { onBothStores } from "../support/both-stores.ts";
import { collect, waitFor } from "../support/wait.ts";
import { startReceiver, testSecret } from "../support/webhook-receiver.ts";
import { webhookConfig } from "../webhooks/support.ts";
import { freshRoom, post, startModServer, type ModServer } from "./support.ts";

const code = (p: Promise<unknown>) => p.then(() => "ok", (e: ChatError) => e.code);
const EXPLANATION = "This account sells counterfeit serum and asks for card numbers in private.";
const body = (messageId: string, over: Record<string, unknown> = {}) =>
  ({ messageId, category: "scams_and_fraud", explanation: EXPLANATION, goodFaith: true, ...over });
/** The public route: no token, as any visitor or rights holder calls it. */
const file = (s: ModServer, b: unknown, opts: { tenant?: "acme" | "other"; headers?: Record<string, string> } = {}) =>
  s.rest("POST", "reports", { token: null, body: b, ...opts });
const status = (s: ModServer, id: string, receipt?: string) =>
  s.rest("GET", `reports/${encodeURIComponent(id)}${receipt === undefined ? "" : `?receipt=${encodeURIComponent(receipt)}`}`, { token: null });

/** SPEC §9.3: reports of illegal content over /chat and the public REST routes, on both stores. */
onBothStores("reports of illegal content", {}, (server) => {
  it("a guest reports over /chat: receipt, high-priority queue item, removal decided for the reporter and told to the author on the ground of the law", async () => {
    const s = server();
    const room = freshRoom();
    const admin = await s.admin();
    await admin.subscribe();
    const author = await s.chat({ role: "member", sub: "rp-author" });
    const guest = await s.chat();
    // A message the filters let through (the category model reads "much cheaper than the shop" as
    // a seller moving shoppers away, contact): the report is what brings this one to a moderator.
    const message = await post(author, room, "This serum is a miracle cure, throw away your prescriptions");

    const queued = waitFor<QueueItem>(admin, "queue:added", (i) => i.message.id === message.id);
    const receipt = await guest.report(message.id, "scams_and_fraud", EXPLANATION, { name: "Zoé", email: "zoe@example.org" });
    expect(receipt).toMatchObject({ status: "received" });
    expect(receipt.id).toMatch(/^rp_/);
    expect(receipt.receipt.length).toBeGreaterThanOrEqual(32);
    const item = await queued;
    expect(item).toMatchObject({ kind: "report", priority: "high", reasons: [{ kind: "report", detail: "scams_and_fraud", match: EXPLANATION }] });
    expect((await admin.listQueue()).items.find((i) => i.message.id === message.id)).toMatchObject({ kind: "report", priority: "high" });
    // The receipt is never kept: only what verifies it.
    const stored = await s.app.stores.reports.getReport("acme", receipt.id);
    expect(stored).toMatchObject({ messageId: message.id, room, category: "scams_and_fraud", reporterName: "Zoé", reporterEmail: "zoe@example.org", reporterUserId: guest.session!.user.id, status: "received" });
    expect(JSON.stringify(stored)).not.toContain(receipt.receipt);

    const before = await status(s, receipt.id, receipt.receipt);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ report: { id: receipt.id, status: "received" } });
    expect(before.headers.get("cache-control")).toBe("no-store");
    expect(guest.reportStatusUrl(receipt)).toBe(`${s.url}/api/v1/tenants/acme/reports/${receipt.id}?receipt=${encodeURIComponent(receipt.receipt)}`);

    const decided = waitFor<ReportDecided>(guest, "report:decided");
    const notice = waitFor<Notice>(author, "moderation:notice");
    await admin.resolve(message.id, "remove");
    expect(await decided).toEqual({ reportId: receipt.id, messageId: message.id, decision: "removed" });
    expect(await notice).toMatchObject({ kind: "message_removed", messageId: message.id, source: "report", ground: "illegal", category: "scams_and_fraud", automated: { detection: false, decision: false } });
    const after = await status(s, receipt.id, receipt.receipt);
    expect(after.body.report).toMatchObject({ id: receipt.id, status: "decided", decision: "removed" });
    expect(after.body.report.decidedAt).toBeGreaterThanOrEqual(stored!.at);
  });

  it("a report over REST answers 201; approval decides every open report on the message as kept, over /chat and on the status URL", async () => {
    const s = server();
    const room = freshRoom();
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "rp-kept-author" });
    const member = await s.chat({ role: "member", sub: "rp-kept-reporter" });
    const message = await post(author, room, "Ce sérum est une copie, je crois");
    const web = await file(s, body(message.id, { category: "intellectual_property_infringements", reporterEmail: "legal@brand.example" }));
    expect(web.status).toBe(201);
    expect(web.body.report).toMatchObject({ status: "received" });
    expect(web.headers.get("access-control-allow-origin")).toBe("*");
    const chat = await member.report(message.id, "intellectual_property_infringements", "Copy of our trademark");
    const queued = (await admin.listQueue()).items.find((i) => i.message.id === message.id)!;
    expect(queued.reasons.map((r) => [r.kind, r.detail])).toEqual([["report", "intellectual_property_infringements"], ["report", "intellectual_property_infringements"]]);

    const decided = waitFor<ReportDecided>(member, "report:decided");
    const notices = collect<Notice>(author, "moderation:notice");
    await admin.resolve(message.id, "approve");
    expect(await decided).toEqual({ reportId: chat.id, messageId: message.id, decision: "kept" });
    for (const r of [web.body.report, chat]) {
      expect((await status(s, r.id, r.receipt)).body.report).toMatchObject({ status: "decided", decision: "kept" });
    }
    expect(notices).toEqual([]);
    // Decided already: a second manager is told so, not that the message was never queued.
    expect(await code(admin.resolve(message.id, "remove"))).toBe("conflict");
    // The message stays visible; a later report of it waits for a new decision.
    const again = await member.report(message.id, "intellectual_property_infringements", "Still a copy");
    expect((await status(s, again.id, again.receipt)).body.report).toEqual({ id: again.id, status: "received" });
  });

  it("deleting a reported message (message:delete) is the decision: its reports are removed, the reporter told", async () => {
    const s = server();
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "rp-del-author" });
    const reporter = await s.chat({ role: "member", sub: "rp-del-reporter" });
    const message = await post(author, freshRoom(), "Rendez-vous derrière le magasin ce soir");
    const r = await reporter.report(message.id, "risk_for_public_security", "Sounds like a threat");
    const decided = waitFor<ReportDecided>(reporter, "report:decided");
    await admin.deleteMessage(message.id, "unsafe");
    expect(await decided).toEqual({ reportId: r.id, messageId: message.id, decision: "removed" });
    expect((await status(s, r.id, r.receipt)).body.report).toMatchObject({ status: "decided", decision: "removed" });
    expect((await admin.listQueue()).items.some((i) => i.message.id === message.id)).toBe(false);
    // Deleted now: nobody can report it any more.
    expect(await code(reporter.report(message.id, "violence", "Again"))).toBe("not_found");
  });

  it("a receipt opens its own report only: a missing, wrong or other report's receipt, and another tenant, answer the same 404", async () => {
    const s = server();
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "rp-receipt-author" });
    const message = await post(author, room, "Un message signalé");
    const a = (await file(s, body(message.id))).body.report;
    const b = (await file(s, body(message.id))).body.report;
    const unknown = await status(s, "rp_unknown", "whatever");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    for (const r of [await status(s, a.id), await status(s, a.id, ""), await status(s, a.id, "x".repeat(43)), await status(s, a.id, b.receipt), await status(s, a.id, `${a.receipt}x`)]) {
      expect(r.status).toBe(404);
      expect(r.body).toEqual(unknown.body);
    }
    const elsewhere = await s.rest("GET", `reports/${a.id}?receipt=${encodeURIComponent(a.receipt)}`, { token: null, tenant: "other" });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toEqual(unknown.body);
    expect((await s.rest("GET", `/api/v1/tenants/nope/reports/${a.id}?receipt=x`, { token: null })).body.error.code).toBe("unknown_tenant");
  });

  it("the OpenAPI document lists the public report routes, their body from the validating schema", async () => {
    const doc = (await server().rest("GET", "/api/v1/openapi.json", { token: null })).body;
    const post = doc.paths["/api/v1/tenants/{tenant}/reports"].post;
    expect(post.security).toEqual([]);
    const schema = post.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["messageId", "category", "explanation", "goodFaith"]));
    expect(schema.properties.category.enum).toHaveLength(14);
    expect(schema.properties.goodFaith.const).toBe(true);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "429", "413"]));
    expect(doc.paths["/api/v1/tenants/{tenant}/reports/{id}"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["tenant", "id", "receipt"]);
  });

  it("refuses bad reports with SPEC codes over REST and /chat", async () => {
    const s = server();
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "rp-bad-author" });
    const message = await post(author, room, "Message à signaler");
    const outsider = await s.chat({ tenant: "other", role: "member", sub: "rp-outsider" });
    const foreign = await post(outsider, freshRoom(), "Message of the other brand");

    expect((await file(s, body("m_unknown"))).body.error.code).toBe("not_found");
    // Another tenant's message does not exist here, whichever door.
    const cross = await file(s, body(foreign.id));
    expect([cross.status, cross.body.error.code]).toEqual([404, "not_found"]);
    expect(await code(author.report(foreign.id, "violence", "Threats"))).toBe("not_found");
    expect(await code(author.report(message.id, "violence", "Mine"))).toBe("forbidden");

    const invalid: Record<string, unknown>[] = [
      body(message.id, { goodFaith: false }), body(message.id, { goodFaith: "true" }), body(message.id, { goodFaith: 1 }),
      (({ goodFaith: _g, ...rest }) => rest)(body(message.id)),
      body(message.id, { explanation: "x".repeat(2001) }), body(message.id, { explanation: "   " }), body(message.id, { explanation: 42 }),
      body(message.id, { reporterEmail: "not-an-email" }), body(message.id, { reporterEmail: "" }), body(message.id, { reporterName: "n".repeat(101) }),
      body(message.id, { category: "STATEMENT_CATEGORY_VIOLENCE" }), body(message.id, { category: "spam" }), body(message.id, { messageId: 12 }),
      body(message.id, { messageId: "m".repeat(65) }),
    ];
    for (const b of invalid) {
      const res = await file(s, b);
      expect([res.status, res.body.error.code], JSON.stringify(b).slice(0, 80)).toEqual([400, "invalid_payload"]);
    }
    for (const raw of ["[1,2]", "null", "\"text\"", "{broken"]) {
      expect((await s.rest("POST", "reports", { token: null, raw })).body.error.code).toBe("invalid_payload");
    }
    const huge = await s.rest("POST", "reports", { token: null, raw: JSON.stringify(body(message.id, { explanation: "x".repeat(40_000) })) });
    expect([huge.status, huge.body.error.code]).toEqual([413, "invalid_payload"]);
    const unknown = await s.rest("POST", "/api/v1/tenants/nope/reports", { token: null, body: body(message.id) });
    expect(unknown.body.error.code).toBe("unknown_tenant");
    // A page reads the refusals as well as the receipts (CORS comes before any check).
    for (const refused of [huge, unknown]) expect(refused.headers.get("access-control-allow-origin")).toBe("*");

    // The same payloads over /chat, raw so the SDK's own shaping is bypassed.
    const raw = (payload: unknown) => new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => {
      (author as unknown as { socket: { emit: (e: string, p: unknown, ack: (r: never) => void) => void } }).socket.emit("message:report", payload, resolve);
    });
    for (const b of [...invalid, null, "x", [1]]) expect((await raw(b)).error?.code).toBe("invalid_payload");
    expect((await s.app.stores.reports.between("acme", 0, Date.now() + 1)).filter((r) => r.messageId === message.id)).toEqual([]);
  });
});

/** A small per-IP budget, one client IP (trustProxy off): X-Forwarded-For names nobody. */
onBothStores("report flood", { acme: { rateLimit: { reportsPerIp: { burst: 3, perMinute: 1 } } } }, (server) => {
  it("a flood from one IP is rate_limited on both doors, whatever X-Forwarded-For says", async () => {
    const s = server();
    const author = await s.chat({ role: "member", sub: "rp-flood-author" });
    const message = await post(author, freshRoom(), "Flooded with reports");
    for (let i = 0; i < 3; i++) expect((await file(s, body(message.id), { headers: { "x-forwarded-for": `203.0.113.${i}` } })).status).toBe(201);
    const refused = await file(s, body(message.id), { headers: { "x-forwarded-for": "198.51.100.7" } });
    expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
    expect(refused.body.error.retryAfterMs).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const guest = await s.chat({ ip: "192.0.2.55" });
    expect(await code(guest.report(message.id, "violence", "Again"))).toBe("rate_limited");
    expect((await s.app.stores.reports.between("acme", 0, Date.now() + 1)).length).toBe(3);
  });
});

/** Behind one trusted proxy (trustProxy: 1): the client is the address the proxy appended, whatever the client wrote before it. */
onBothStores("report flood behind a proxy", { server: { trustProxy: 1 }, acme: { rateLimit: { reportsPerIp: { burst: 2, perMinute: 1 } } } }, (server) => {
  it("entries the client forged to the left of the proxy's do not buy a new budget; another client does have its own", async () => {
    const s = server();
    const author = await s.chat({ role: "member", sub: "rp-proxy-author" });
    const message = await post(author, freshRoom(), "Reported through a proxy");
    // What the proxy sends on: the client's own X-Forwarded-For, then the address it saw.
    const via = (forged: string, client: string) => ({ headers: { "x-forwarded-for": `${forged}, ${client}` } });
    expect((await file(s, body(message.id), via("203.0.113.1", "198.51.100.20"))).status).toBe(201);
    expect((await file(s, body(message.id), via("203.0.113.2", "198.51.100.20"))).status).toBe(201);
    const refused = await file(s, body(message.id), via("203.0.113.3", "198.51.100.20"));
    expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
    expect((await file(s, body(message.id), via("203.0.113.3", "198.51.100.21"))).status).toBe(201);
  });

  it("counts an IPv6 sender per /64: rotating addresses inside it buys no new budget; another /64 has its own", async () => {
    const s = server();
    const author = await s.chat({ role: "member", sub: "rp-v6-author" });
    const message = await post(author, freshRoom(), "Reported from IPv6");
    const from = (client: string) => ({ headers: { "x-forwarded-for": client } });
    expect((await file(s, body(message.id), from("2001:db8:1:2::a"))).status).toBe(201);
    expect((await file(s, body(message.id), from("2001:db8:1:2:ffff::b"))).status).toBe(201);
    const refused = await file(s, body(message.id), from("2001:db8:1:2:1234:5678:9abc:def0"));
    expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
    expect((await file(s, body(message.id), from("2001:db8:1:3::a"))).status).toBe(201);
  });
});

describe("report.created webhook", () => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => { for (const o of open.reverse()) await o.close(); });

  it("tells the brand of a report without the reporter's name or e-mail", async () => {
    const secret = testSecret();
    const rx = await startReceiver(secret);
    open.push(rx);
    const s = await startModServer(webhookConfig(rx.url, secret, { events: ["report.created"] }));
    open.push(s);
    const author = await s.chat({ role: "member", sub: "rp-wh-author" });
    const message = await post(author, freshRoom(), "Webhook-watched message");
    const filed = (await file(s, body(message.id, { reporterName: "Zoé", reporterEmail: "zoe@example.org" }))).body.report;
    const got = await rx.waitFor((r) => r.json.type === "report.created");
    expect(got.verified).toBe(true);
    expect(got.json.data).toStrictEqual({ report: { id: filed.id, messageId: message.id, room: message.room, category: "scams_and_fraud", explanation: EXPLANATION, at: expect.any(Number) } });
    expect(got.body).not.toContain("zoe@example.org");
    expect(got.body).not.toContain(filed.receipt);
  });
});
