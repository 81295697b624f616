import { createServer as createNetServer } from "node:net";
import { SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { canonicalIp, createClientIpResolver } from "../../server/auth/client-ip.ts";
import { testConfig, SECRETS } from "../support/config.ts";
import { ask, closeAllRaw, connectRaw, refusedWith } from "../support/raw.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken, unsignedToken } from "../support/tokens.ts";
import { until } from "../support/wait.ts";

const dualStack = await new Promise<boolean>((resolve) => {
  const srv = createNetServer();
  srv.once("error", () => resolve(false));
  srv.listen(0, "::", () => srv.close(() => resolve(true)));
});

const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

afterEach(() => closeAllRaw());

/** Asserts a refusal reaches the client as SPEC §4 says: message = code, data.code = code. */
async function expectRefused(url: string, code: string, o: Parameters<typeof refusedWith>[1] = {}) {
  const err = await refusedWith(url, o);
  expect(err.message).toBe(code);
  expect(err.data?.code).toBe(code);
  expect(typeof err.data?.message).toBe("string");
  return err;
}

describe("handshake: refusals and identity", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await s.close(); });

  it("unknown tenant, including a non-string tenant", async () => {
    await expectRefused(s.url, "unknown_tenant", { auth: { tenant: "nope" } });
    await expectRefused(s.url, "unknown_tenant", { auth: { tenant: { $ne: "" } } });
    await expectRefused(s.url, "unknown_tenant", { auth: {} });
  });

  it("Origin: foreign refused, listed allowed, absent allowed", async () => {
    await expectRefused(s.url, "origin_not_allowed", { headers: { origin: "http://evil.test" } });
    // acme's origin is not other's.
    await expectRefused(s.url, "origin_not_allowed", { auth: { tenant: "other" }, headers: { origin: "http://acme.test" } });
    const listed = await connectRaw(s.url, { headers: { origin: "http://acme.test" } });
    expect(listed.session.user.role).toBe("guest");
    const none = await connectRaw(s.url);
    expect(none.session.user.role).toBe("guest");
  });

  it("invalid_token: alg none, wrong key, expired, no exp, wrong audience, wrong issuer, unknown role, non-string", async () => {
    const bad = [
      unsignedToken({ sub: "u1", iss: "acme-issuer", aud: "causette" }),
      await mintToken({ secret: SECRETS.other }),
      await mintToken({ expiresIn: -3600 }),
      await mintToken({ expiresIn: null }),
      await mintToken({ audience: "someone-else" }),
      await mintToken({ issuer: "other-issuer" }),
      await mintToken({ role: "admin" }),
      await mintToken({ role: "guest" }),
      await mintToken({ sub: "" }),
      "not.a.jwt",
    ];
    for (const token of bad) await expectRefused(s.url, "invalid_token", { auth: { tenant: "acme", token } });
    for (const token of [42, { sub: "x" }, ["a"], true]) await expectRefused(s.url, "invalid_token", { auth: { tenant: "acme", token } });
    // An HS256 token signed with the right secret but for the other tenant is the other tenant's, not acme's.
    await expectRefused(s.url, "invalid_token", { auth: { tenant: "acme", token: await mintToken({ tenant: "other" }) } });
  });

  it("a valid token gives the session payload { user: {id,name,role}, serverTime }", async () => {
    const token = await mintToken({ sub: "ex-1", name: "Eve Expert", role: "expert" });
    const before = Date.now();
    const { session } = await connectRaw(s.url, { auth: { tenant: "acme", token } });
    expect(session.user).toEqual({ id: "ex-1", name: "Eve Expert", role: "expert" });
    expect(session.guestToken).toBeUndefined();
    expect(session.serverTime).toBeGreaterThanOrEqual(before - 1000);
    expect(session.serverTime).toBeLessThanOrEqual(Date.now() + 1000);
    // Absent role means member.
    const plain = await connectRaw(s.url, { auth: { tenant: "acme", token: await mintToken({ sub: "m-9" }) } });
    expect(plain.session.user.role).toBe("member");
  });

  it("guests get a guestToken; presenting it keeps the id; forged or other-tenant tokens get a fresh id", async () => {
    const first = await connectRaw(s.url);
    expect(first.session.user.role).toBe("guest");
    expect(first.session.user.id).toMatch(/^g_/);
    expect(typeof first.session.guestToken).toBe("string");
    const again = await connectRaw(s.url, { auth: { tenant: "acme", guestToken: first.session.guestToken } });
    expect(again.session.user.id).toBe(first.session.user.id);
    expect(again.session.user.name).toBe(first.session.user.name);

    // Forged: same claims, signed with a key Causette does not know.
    const forged = await new SignJWT({ name: "Mallory", tenant: "acme" }).setProtectedHeader({ alg: "HS256" })
      .setSubject(first.session.user.id).setIssuer("causette-guest").setAudience("acme").setExpirationTime("1h")
      .sign(new TextEncoder().encode("x".repeat(40)));
    const f = await connectRaw(s.url, { auth: { tenant: "acme", guestToken: forged } });
    expect(f.session.user.role).toBe("guest");
    expect(f.session.user.id).not.toBe(first.session.user.id);

    const otherGuest = await connectRaw(s.url, { auth: { tenant: "other" } });
    const cross = await connectRaw(s.url, { auth: { tenant: "acme", guestToken: otherGuest.session.guestToken } });
    expect(cross.session.user.id).not.toBe(otherGuest.session.user.id);

    const junk = await connectRaw(s.url, { auth: { tenant: "acme", guestToken: { sub: first.session.user.id } } });
    expect(junk.session.user.id).not.toBe(first.session.user.id);
  });

  it("names are cleaned as message texts are: no bidi overrides, zero-width characters or NUL, at most 64 characters, never empty", async () => {
    const named = async (name: unknown, sub = "named-1") => {
      const token = await new SignJWT({ name }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuer("acme-issuer")
        .setAudience("causette").setExpirationTime("1h").sign(new TextEncoder().encode(SECRETS.acme));
      return (await connectRaw(s.url, { auth: { tenant: "acme", token } })).session.user.name;
    };
    expect(await named("\u202Eelle\u0000mi\u200BaC\u202C")).toBe("ellemiaC");
    expect(await named("  Zoé\n\tMartin\u2066  ")).toBe("Zoé Martin");
    expect(await named("Ana 👩‍💻🇫🇷")).toBe("Ana 👩‍💻🇫🇷");
    const long = await named(`${"é".repeat(60)}👨‍👩‍👧‍👦${"x".repeat(500)}`);
    expect([...long].length).toBeLessThanOrEqual(64);
    expect(long).toBe("é".repeat(60)); // the family emoji would not fit whole: it is left out, not cut
    // Nothing visible left, or no string at all: the user's id stands in, as without a name.
    for (const blank of ["\u200B\u200D\u2060", "\u3164", "\u202E\u202C", "   ", "", 42, null, ["x"]]) expect(await named(blank, "sub-blank")).toBe("sub-blank");
    expect(await named("\u200B", "\u202E\u200B")).toBe("Member");
  });

  it("guest names in guest tokens are cleaned too, and fall back to the id's guest name", async () => {
    const first = await connectRaw(s.url);
    const id = first.session.user.id;
    const guestToken = (name: unknown) => new SignJWT({ name, tenant: "acme" }).setProtectedHeader({ alg: "HS256" })
      .setSubject(id).setIssuer("causette-guest").setAudience("acme").setExpirationTime("1h")
      .sign(new TextEncoder().encode(testConfig().server.guestSecret!));
    const dirty = await connectRaw(s.url, { auth: { tenant: "acme", guestToken: await guestToken("Gu\u0000est\u202E 12") } });
    expect(dirty.session.user).toMatchObject({ id, name: "Guest 12" });
    const blank = await connectRaw(s.url, { auth: { tenant: "acme", guestToken: await guestToken("\u200B\u200B") } });
    expect(blank.session.user.id).toBe(id);
    expect(blank.session.user.name).toBe(first.session.user.name);
    expect(blank.session.user.name).toMatch(/^Guest \d{1,4}$/);
  });

  it("the back office sees cleaned names: message authors and the audit log's actors", async () => {
    const author = await connectRaw(s.url, { auth: { tenant: "acme", token: await mintToken({ sub: "dirty-author", name: "Bob\u202E\u0000\u200B" }) } });
    expect((await ask(author.socket, "room:join", { room: "product:names" })).ok).toBe(true);
    const sent = await ask(author.socket, "message:send", { room: "product:names", text: "Is it vegan?" });
    expect(sent.message.author.name).toBe("Bob");
    const manager = await mintToken({ sub: "cm-dirty", role: "manager", name: "\u202ECamille\u0000" });
    const auth = { authorization: `Bearer ${manager}`, "content-type": "application/json" };
    const del = await fetch(`${s.url}/api/v1/tenants/acme/messages/${sent.message.id}`, { method: "DELETE", headers: auth });
    expect(del.status).toBe(200);
    const audit = await (await fetch(`${s.url}/api/v1/tenants/acme/audit?actor=cm-dirty`, { headers: auth })).json();
    expect(audit.entries[0].actor.name).toBe("Camille");
  });

  it("banned users are refused; a shadow ban is not visible at the handshake", async () => {
    await s.app.stores.sanctions.setBan("acme", "bad-1", { reason: "spam", shadow: false, at: Date.now(), by: "cm" });
    const err = await expectRefused(s.url, "banned", { auth: { tenant: "acme", token: await mintToken({ sub: "bad-1" }) } });
    expect(err.data?.message).toContain("spam");
    // The ban is per tenant.
    await connectRaw(s.url, { auth: { tenant: "other", token: await mintToken({ tenant: "other", sub: "bad-1" }) } });
    await s.app.stores.sanctions.setBan("acme", "shady-1", { reason: "troll", shadow: true, at: Date.now(), by: "cm" });
    const shady = await connectRaw(s.url, { auth: { tenant: "acme", token: await mintToken({ sub: "shady-1" }) } });
    expect(shady.session.user.id).toBe("shady-1");
  });

  it("a timed ban carries until", async () => {
    const until = Date.now() + 60_000;
    await s.app.stores.sanctions.setBan("acme", "bad-2", { reason: "x", shadow: false, at: Date.now(), by: "cm", until });
    const err = await expectRefused(s.url, "banned", { auth: { tenant: "acme", token: await mintToken({ sub: "bad-2" }) } });
    expect(err.data?.until).toBe(until);
  });

  it("bots may connect, join and read, but not post", async () => {
    const reader = await connectRaw(s.url, { headers: { "user-agent": GOOGLEBOT } });
    expect((await ask(reader.socket, "room:join", { room: "product:bots" })).ok).toBe(true);
    const human = await s.connected({ role: "member", sub: "human-1" });
    await human.join("product:bots");
    const got = new Promise((resolve) => reader.socket.once("message", resolve));
    const m = await human.send("product:bots", "Is this good for dry skin?");
    expect(await got).toMatchObject({ id: m.id });
    const res = await ask(reader.socket, "message:send", { room: "product:bots", text: "Buy now" });
    expect(res).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // A bot with a member token still cannot post.
    const botMember = await connectRaw(s.url, { auth: { tenant: "acme", token: await mintToken({ sub: "botm" }) }, headers: { "user-agent": GOOGLEBOT } });
    await ask(botMember.socket, "room:join", { room: "product:bots" });
    expect(await ask(botMember.socket, "message:send", { room: "product:bots", text: "hello" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("ip_blocked once a block covers the peer", async () => {
    await s.app.stores.sanctions.addIpBlock("acme", { cidr: "127.0.0.0/8", reason: "test", at: Date.now(), by: "cm" });
    s.app.tenants.get("acme")!.invalidateSanctions();
    try {
      await expectRefused(s.url, "ip_blocked");
      // Blocks are per tenant.
      await connectRaw(s.url, { auth: { tenant: "other" } });
    } finally {
      await s.app.stores.sanctions.removeIpBlock("acme", "127.0.0.0/8");
      s.app.tenants.get("acme")!.invalidateSanctions();
    }
    await connectRaw(s.url);
  });
});

describe("handshake: guests off", () => {
  it("no token → unauthorized", async () => {
    const s = await startServer(testConfig({ acme: { guests: false } }));
    try {
      await expectRefused(s.url, "unauthorized");
      await expectRefused(s.url, "unauthorized", { auth: { tenant: "acme", guestToken: "whatever" } });
      const ok = await connectRaw(s.url, { auth: { tenant: "acme", token: await mintToken({ sub: "m1" }) } });
      expect(ok.session.user.id).toBe("m1");
    } finally { closeAllRaw(); await s.close(); }
  });

  it("origins: [] allows any origin", async () => {
    const s = await startServer(testConfig({ acme: { origins: [] } }));
    try {
      const { session } = await connectRaw(s.url, { headers: { origin: "http://anything.example" } });
      expect(session.user.role).toBe("guest");
    } finally { closeAllRaw(); await s.close(); }
  });
});

describe("handshake: connections per IP", () => {
  it("the third connection from one IP is refused; after one leaves a new one is admitted", async () => {
    const s = await startServer(testConfig({ server: { maxConnectionsPerIp: 2 } }));
    try {
      const a = await connectRaw(s.url);
      await connectRaw(s.url);
      await expectRefused(s.url, "too_many_connections");
      a.socket.close();
      const c = await until(async () => {
        try { return await connectRaw(s.url); } catch (e) {
          if ((e as Error).message !== "too_many_connections") throw e;
          return undefined;
        }
      });
      expect(c.session.user.role).toBe("guest");
      await expectRefused(s.url, "too_many_connections");
    } finally { closeAllRaw(); await s.close(); }
  });
});

describe("handshake: client IP and trustProxy", () => {
  const block = async (s: TestServer, cidr: string) => {
    await s.app.stores.sanctions.addIpBlock("acme", { cidr, reason: "test", at: Date.now(), by: "cm" });
    s.app.tenants.get("acme")!.invalidateSanctions();
  };

  it("trustProxy false: a spoofed X-Forwarded-For is ignored", async () => {
    const s = await startServer(testConfig({ server: { trustProxy: false } }));
    try {
      await block(s, "203.0.113.0/24");
      const { session } = await connectRaw(s.url, { headers: { "x-forwarded-for": "203.0.113.9" } });
      expect(session.user.role).toBe("guest");
      await block(s, "127.0.0.1");
      // Nor can a spoofed header get a blocked peer out of its block.
      await expectRefused(s.url, "ip_blocked", { headers: { "x-forwarded-for": "198.51.100.1" } });
    } finally { closeAllRaw(); await s.close(); }
  });

  it("trustProxy 1: the forwarded IP is honoured", async () => {
    const s = await startServer(testConfig({ server: { trustProxy: 1 } }));
    try {
      await block(s, "203.0.113.0/24");
      await expectRefused(s.url, "ip_blocked", { headers: { "x-forwarded-for": "203.0.113.9" } });
      // Only one hop is trusted: a client-supplied entry further left does not count.
      await connectRaw(s.url, { headers: { "x-forwarded-for": "203.0.113.9, 198.51.100.7" } });
      await connectRaw(s.url, { headers: { "x-forwarded-for": "198.51.100.7" } });
    } finally { closeAllRaw(); await s.close(); }
  });

  it("trustProxy as a CIDR list: honoured when the peer is listed, ignored otherwise", async () => {
    const trusted = await startServer(testConfig({ server: { trustProxy: ["127.0.0.0/8", "::1/128"] } }));
    const untrusted = await startServer(testConfig({ server: { trustProxy: ["10.0.0.0/8"] } }));
    try {
      for (const s of [trusted, untrusted]) await block(s, "203.0.113.0/24");
      await expectRefused(trusted.url, "ip_blocked", { headers: { "x-forwarded-for": "203.0.113.50" } });
      const { session } = await connectRaw(untrusted.url, { headers: { "x-forwarded-for": "203.0.113.50" } });
      expect(session.user.role).toBe("guest");
    } finally { closeAllRaw(); await trusted.close(); await untrusted.close(); }
  });

  it("per-IP limits count the forwarded IP behind a trusted proxy", async () => {
    const s = await startServer(testConfig({ server: { trustProxy: 1, maxConnectionsPerIp: 1 } }));
    try {
      await connectRaw(s.url, { headers: { "x-forwarded-for": "198.51.100.1" } });
      await expectRefused(s.url, "too_many_connections", { headers: { "x-forwarded-for": "198.51.100.1" } });
      await connectRaw(s.url, { headers: { "x-forwarded-for": "198.51.100.2" } });
    } finally { closeAllRaw(); await s.close(); }
  });

  it("canonicalIp folds IPv4-mapped IPv6 and lower-cases IPv6", () => {
    expect(canonicalIp("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(canonicalIp("::FFFF:10.1.2.3")).toBe("10.1.2.3");
    expect(canonicalIp("2001:DB8::1")).toBe("2001:db8::1");
    expect(canonicalIp("127.0.0.1")).toBe("127.0.0.1");
    const resolve = createClientIpResolver(false);
    const fake = (remoteAddress: string, xff?: string) => ({ headers: xff ? { "x-forwarded-for": xff } : {}, socket: { remoteAddress }, connection: { remoteAddress } }) as never;
    expect(resolve(fake("::ffff:192.0.2.1", "203.0.113.1"))).toBe("192.0.2.1");
    expect(createClientIpResolver(1)(fake("::ffff:127.0.0.1", "203.0.113.1"))).toBe("203.0.113.1");
    expect(createClientIpResolver(["127.0.0.1"])(fake("::ffff:127.0.0.1", "203.0.113.1"))).toBe("203.0.113.1");
  });

  it("canonicalIp: one spelling per address, null for anything that is not exactly one", () => {
    for (const [spelling, ip] of [
      ["203.0.113.7", "203.0.113.7"], ["::ffff:203.0.113.7", "203.0.113.7"], ["::FFFF:cb00:7107", "203.0.113.7"],
      ["0:0:0:0:0:ffff:203.0.113.7", "203.0.113.7"], ["203.0.113.7:51234", "203.0.113.7"], ["[::ffff:203.0.113.7]:443", "203.0.113.7"],
      ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"], ["2001:0db8::0001", "2001:db8::1"], ["[2001:db8::1]:443", "2001:db8::1"], ["fe80::1%eth0", "fe80::1"],
    ] as const) expect(canonicalIp(spelling), spelling).toBe(ip);
    for (const bad of [
      "<script>", "999.1.1.1", "unknown", "010.041.000.001", "10.40.0.4.", "1.2.3", "0x7f.0.0.1", "2130706433", "1.2.3.4/24",
      "1.2.3.4:99999", "1.2.3.4:", "::ffff:010.1.1.1", "[1.2.3.4]", "1:2:3:4:5:6:7:8:9", "", " 1.2.3.4", "fe80::1%<x>",
    ]) expect(canonicalIp(bad), bad).toBeNull();
  });

  it("X-Forwarded-For values that are not addresses fall back to the proxy's address, as the per-IP key and the stored IP", async () => {
    const s = await startServer(testConfig({ server: { trustProxy: 1 } }));
    const manager = { authorization: `Bearer ${await mintToken({ sub: "cm-ip", role: "manager" })}`, "content-type": "application/json" };
    const ipsOf = async (userId: string) => (await (await fetch(`${s.url}/api/v1/tenants/acme/members/${userId}`, { headers: manager })).json()).ips as string[];
    try {
      // Blocking the octal reading of a zero-padded quad does not catch it: it is not read at all.
      await block(s, "8.33.0.1");
      for (const [i, xff] of ["<script>", "999.1.1.1", "unknown", "010.041.000.001", "1.2.3.4, <b>x</b>", "10.40.0.4:99999"].entries()) {
        const userId = `xff-${i}`;
        await connectRaw(s.url, { auth: { tenant: "acme", token: await mintToken({ sub: userId }) }, headers: { "x-forwarded-for": xff } });
        expect(await until(async () => { const ips = await ipsOf(userId); return ips.length ? ips : undefined; }), xff).toEqual(["127.0.0.1"]);
      }
      await connectRaw(s.url, { auth: { tenant: "acme", token: await mintToken({ sub: "xff-port" }) }, headers: { "x-forwarded-for": "10.40.0.4:1234" } });
      expect(await until(async () => { const ips = await ipsOf("xff-port"); return ips.length ? ips : undefined; })).toEqual(["10.40.0.4"]);
    } finally { closeAllRaw(); await s.close(); }
  });

  it("an ip:block of an address holds against every spelling of it; a spelling that is no address is the proxy's", async () => {
    const s = await startServer(testConfig({ server: { trustProxy: 1 } }));
    const manager = { authorization: `Bearer ${await mintToken({ sub: "cm-ip", role: "manager" })}`, "content-type": "application/json" };
    const blockOver = async (cidr: string) => {
      const r = await fetch(`${s.url}/api/v1/tenants/acme/ip-blocks`, { method: "POST", headers: manager, body: JSON.stringify({ cidr, reason: "test" }) });
      expect(r.status).toBe(200);
    };
    try {
      await blockOver("10.41.0.1");
      await blockOver("2001:db8::7");
      for (const xff of [
        "10.41.0.1", "::ffff:10.41.0.1", "::FFFF:0a29:0001", "0:0:0:0:0:ffff:10.41.0.1", "10.41.0.1:1234", "[::ffff:10.41.0.1]:443",
        "2001:db8::7", "2001:DB8::7", "2001:0db8:0000:0000:0000:0000:0000:0007", "[2001:db8::7]:8080",
      ]) await expectRefused(s.url, "ip_blocked", { headers: { "x-forwarded-for": xff } });
      // Not an address: the client is the proxy (127.0.0.1 here), which is not blocked...
      await connectRaw(s.url, { headers: { "x-forwarded-for": "010.041.000.001" } });
      // ...until the proxy's own address is.
      await blockOver("127.0.0.1");
      for (const xff of ["010.041.000.001", "<script>", "unknown"]) await expectRefused(s.url, "ip_blocked", { headers: { "x-forwarded-for": xff } });
    } finally { closeAllRaw(); await s.close(); }
  });

  it("every spelling of one address counts against one per-IP connection cap", async () => {
    const s = await startServer(testConfig({ server: { trustProxy: 1, maxConnectionsPerIp: 1 } }));
    try {
      await connectRaw(s.url, { headers: { "x-forwarded-for": "203.0.113.9" } });
      for (const xff of ["::ffff:203.0.113.9", "203.0.113.9:4242", "[::ffff:cb00:7109]:80"]) await expectRefused(s.url, "too_many_connections", { headers: { "x-forwarded-for": xff } });
    } finally { closeAllRaw(); await s.close(); }
  });

  it.skipIf(!dualStack)("a dual-stack server (listening on ::) sees IPv4 peers as IPv4: an IPv4 block applies", async () => {
    const app = await createApp(testConfig());
    const s = { app } as TestServer;
    const url = `http://127.0.0.1:${await app.listen(0, "::")}`;
    try {
      const { session } = await connectRaw(url);
      expect(session.user.role).toBe("guest");
      await block(s, "127.0.0.1/32");
      await expectRefused(url, "ip_blocked");
    } finally { closeAllRaw(); await app.close(); }
  });
});
