import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChatError } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { ask, closeAllRaw, connectRaw, refusedWith } from "../support/raw.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { cleanText } from "../shared/texts.ts";

afterEach(() => closeAllRaw());

/** Clients pose as networks through X-Forwarded-For, which `trustProxy: true` believes. */
const from = (ip: string) => ({ "x-forwarded-for": ip });

describe("guests are limited per client IP (issue 22, item 12)", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(testConfig({
      server: { trustProxy: true },
      acme: { rateLimit: { guestsPerIp: { burst: 3, perMinute: 1 }, guestMessagesPerIp: { burst: 3, perSecond: 0.01 } } },
    }));
  });
  afterAll(async () => { await s.close(); });

  it("new guest ids: a burst per IP, then rate_limited with retryAfterMs; a known guest, a member, another IP or tenant still connect", async () => {
    const ip = "203.0.113.7";
    const first = await connectRaw(s.url, { headers: from(ip) });
    await connectRaw(s.url, { headers: from(ip) });
    await connectRaw(s.url, { headers: from(ip) });
    const refused = await refusedWith(s.url, { headers: from(ip) });
    expect(refused.message).toBe("rate_limited");
    expect(refused.data?.code).toBe("rate_limited");
    expect(typeof refused.data?.message).toBe("string");
    // One new id a minute: the wait is up to a minute, never nothing.
    expect(refused.data?.retryAfterMs).toBeGreaterThan(0);
    expect(refused.data?.retryAfterMs).toBeLessThanOrEqual(60_000);

    // A guest presenting its valid token is not a new guest: it reconnects, with the same id.
    const again = await connectRaw(s.url, { headers: from(ip), auth: { tenant: "acme", guestToken: first.session.guestToken } });
    expect(again.session.user.id).toBe(first.session.user.id);
    // A forged token mints a new id, so it is limited like none.
    expect((await refusedWith(s.url, { headers: from(ip), auth: { tenant: "acme", guestToken: "forged" } })).data?.code).toBe("rate_limited");
    // Signed-in users are not guests; other networks and other tenants have budgets of their own.
    const member = await connectRaw(s.url, { headers: from(ip), auth: { tenant: "acme", token: await s.token({ role: "member", sub: "gl-member" }) } });
    expect(member.session.user.role).toBe("member");
    expect((await connectRaw(s.url, { headers: from("198.51.100.9") })).session.user.role).toBe("guest");
    expect((await connectRaw(s.url, { headers: from(ip), auth: { tenant: "other" } })).session.user.role).toBe("guest");
  });

  it("guests' messages: one budget for every guest of an IP; members and other IPs are not counted", async () => {
    const ip = "203.0.113.50";
    const room = "product:guest-flood";
    const g1 = await connectRaw(s.url, { headers: from(ip) });
    const g2 = await connectRaw(s.url, { headers: from(ip) });
    for (const g of [g1, g2]) expect((await ask(g.socket, "room:join", { room })).ok).toBe(true);
    // Each guest is far below its own bucket (1000 a second here): only the IP's budget of 3 binds.
    const texts = [cleanText(), cleanText(), cleanText(), cleanText()];
    const sent = [];
    for (const [i, g] of [g1, g2, g1, g2].entries()) sent.push(await ask(g.socket, "message:send", { room, text: texts[i] }));
    expect(sent.slice(0, 3).map((r) => r.ok)).toEqual([true, true, true]);
    expect(sent[3]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(sent[3].error.retryAfterMs).toBeGreaterThan(0);
    // Nothing of the refused message reached the room.
    const history = (await ask(g1.socket, "room:join", { room })).history as { text: string }[];
    expect(history.map((m) => m.text)).toEqual(texts.slice(0, 3));

    const member = await s.connected({ role: "member", sub: "gl-poster", socketOptions: { extraHeaders: from(ip) } });
    await member.join(room);
    expect((await member.send(room, cleanText())).status).toBe("visible");
    const elsewhere = await connectRaw(s.url, { headers: from("198.51.100.60") });
    await ask(elsewhere.socket, "room:join", { room });
    expect((await ask(elsewhere.socket, "message:send", { room, text: cleanText() })).ok).toBe(true);
  });

  it("the SDK surfaces a guest's rate_limited send as a ChatError with retryAfterMs", async () => {
    const ip = "203.0.113.80";
    const room = "product:guest-sdk";
    const g = await s.connected({ socketOptions: { extraHeaders: from(ip) } });
    await g.join(room);
    for (let i = 0; i < 3; i++) await g.send(room, cleanText());
    const err = await g.send(room, cleanText()).catch((e: ChatError) => e);
    expect(err).toMatchObject({ code: "rate_limited" });
    expect((err as ChatError).retryAfterMs).toBeGreaterThan(0);
  });
});
