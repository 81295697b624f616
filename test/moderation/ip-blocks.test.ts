import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatError } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { collect, until, waitFor } from "../support/wait.ts";
import { startModServer, type ModServer } from "./support.ts";

describe("IP blocks (SPEC §5.3 ip:block, §6.4)", () => {
  let s: ModServer;
  // Clients pose as different networks through X-Forwarded-For, which trustProxy lets through.
  beforeAll(async () => { s = await startModServer(testConfig({ server: { trustProxy: true } })); });
  afterAll(async () => { await s.close(); });

  const refusal = async (ip: string, sub: string) => {
    try { await s.chat({ role: "member", sub, ip }); return "connected"; } catch (e) { return (e as ChatError).code; }
  };

  it("an IPv4 CIDR ends matching live sockets (session:ended ip_blocked), refuses new handshakes, spares others", async () => {
    const inside = await s.chat({ role: "member", sub: "ip-in", ip: "203.0.113.7" });
    const outside = await s.chat({ role: "member", sub: "ip-out", ip: "198.51.100.7" });
    const admin = await s.admin({ ip: "192.0.2.1" });
    const outsideEnded = collect(outside, "session:ended");
    const ended = waitFor(inside, "session:ended");
    expect(await admin.blockIp("203.0.113.0/24", { reason: "raid" })).toEqual({});
    expect(await ended).toEqual({ code: "ip_blocked", reason: "raid" });
    await until(() => !inside.socket.connected);
    expect(await refusal("203.0.113.99", "ip-in-2")).toBe("ip_blocked");
    expect(await refusal("198.51.100.8", "ip-out-2")).toBe("connected");
    expect(outsideEnded).toHaveLength(0);
    expect(outside.socket.connected).toBe(true);
    const blocks = await admin.listIpBlocks();
    expect(blocks.find((b) => b.cidr === "203.0.113.0/24")).toMatchObject({ reason: "raid", by: "cm-acme" });
    await admin.unblockIp("203.0.113.0/24");
    expect(await refusal("203.0.113.99", "ip-in-3")).toBe("connected");
    await expect(admin.unblockIp("203.0.113.0/24")).rejects.toMatchObject({ code: "not_found" });
  });

  it("a single address is stored canonically; an IPv4-mapped IPv6 client matches the IPv4 rule", async () => {
    const admin = await s.admin({ ip: "192.0.2.1" });
    const mapped = await s.chat({ role: "member", sub: "ip-mapped", ip: "::ffff:198.51.100.42" });
    const ended = waitFor(mapped, "session:ended");
    await admin.blockIp("198.51.100.42", { reason: "one host" });
    expect((await ended).code).toBe("ip_blocked");
    expect((await admin.listIpBlocks()).map((b) => b.cidr)).toContain("198.51.100.42/32");
    expect(await refusal("198.51.100.42", "ip-mapped-2")).toBe("ip_blocked");
    expect(await refusal("::ffff:198.51.100.42", "ip-mapped-3")).toBe("ip_blocked");
    // A mapped rule is the IPv4 rule: unblocking by either spelling lifts it.
    await admin.unblockIp("::ffff:198.51.100.42");
    expect(await refusal("198.51.100.42", "ip-mapped-4")).toBe("connected");
  });

  it("IPv6 ranges and addresses", async () => {
    const admin = await s.admin({ ip: "192.0.2.1" });
    const v6 = await s.chat({ role: "member", sub: "ip-v6", ip: "2001:db8:abcd::17" });
    const ended = waitFor(v6, "session:ended");
    const { until: end } = await admin.blockIp("2001:DB8:ABCD::/48", { reason: "v6 range", durationSec: 3600 });
    expect(end).toBeGreaterThan(Date.now());
    expect((await ended).code).toBe("ip_blocked");
    expect((await admin.listIpBlocks()).map((b) => b.cidr)).toContain("2001:db8:abcd::/48");
    expect(await refusal("2001:db8:abcd:1::1", "ip-v6-2")).toBe("ip_blocked");
    expect(await refusal("2001:db8:abce::1", "ip-v6-3")).toBe("connected");
    await admin.unblockIp("2001:db8:abcd::/48");
  });

  it("a timed block lifts itself", async () => {
    const admin = await s.admin({ ip: "192.0.2.1" });
    await admin.blockIp("100.64.0.9", { reason: "short", durationSec: 1 });
    expect(await refusal("100.64.0.9", "ip-t1")).toBe("ip_blocked");
    await until(async () => (await refusal("100.64.0.9", "ip-t2")) === "connected", 6000, 150);
    expect((await admin.listIpBlocks()).some((b) => b.cidr === "100.64.0.9/32")).toBe(false);
  });

  it("refuses ranges wider than /8 (IPv4) or /32 (IPv6) unless forced, and a reason that says nothing", async () => {
    const admin = await s.admin({ ip: "192.0.2.1" });
    const bystander = await s.chat({ role: "member", sub: "ip-bystander", ip: "198.51.100.77" });
    const ended = collect(bystander, "session:ended");
    const before = (await admin.listIpBlocks()).length;
    for (const cidr of ["0.0.0.0/0", "::/0", "128.0.0.0/1", "10.0.0.0/7", "2001::/31", "::ffff:0.0.0.0/96"]) {
      const err = await admin.blockIp(cidr, { reason: "typo" }).then(() => null, (e: ChatError) => e);
      expect(err, cidr).toMatchObject({ code: "invalid_payload" });
      expect(err!.message, cidr).toMatch(/force/);
    }
    // The same over REST, with its status.
    const rest = await s.rest("POST", "ip-blocks", { body: { cidr: "0.0.0.0/0", reason: "typo" } });
    expect(rest.status).toBe(400);
    expect(rest.body.error.code).toBe("invalid_payload");
    for (const reason of ["-", "   ", ".", "…"]) {
      await expect(admin.blockIp("203.0.113.50", { reason }), JSON.stringify(reason)).rejects.toMatchObject({ code: "invalid_payload" });
    }
    await expect(s.rest("POST", "ip-blocks", { body: { cidr: "203.0.113.50" } })).resolves.toMatchObject({ status: 400 });
    expect((await admin.listIpBlocks()).length).toBe(before);
    expect(bystander.socket.connected).toBe(true);
    expect(ended).toHaveLength(0);
    // The bound itself is allowed; a wider range goes through with force, and the audit says it was forced.
    expect(await admin.blockIp("10.0.0.0/8", { reason: "carrier-grade abuse", durationSec: 60 })).toMatchObject({ until: expect.any(Number) });
    expect(await admin.blockIp("2001:db8::/32", { reason: "provider-wide abuse", durationSec: 60 })).toMatchObject({ until: expect.any(Number) });
    await admin.blockIp("10.0.0.0/7", { reason: "confirmed on purpose", durationSec: 60, force: true });
    const { entries } = await admin.listAudit({ limit: 5 });
    expect(entries.find((e) => e.action === "ip.blocked" && (e.target as { cidr?: string }).cidr === "10.0.0.0/7")?.target).toMatchObject({ forced: true });
    for (const cidr of ["10.0.0.0/8", "2001:db8::/32", "10.0.0.0/7"]) await admin.unblockIp(cidr);
  });

  it("bad CIDRs are invalid_payload and block nothing", async () => {
    const admin = await s.admin({ ip: "192.0.2.1" });
    const before = (await admin.listIpBlocks()).length;
    for (const cidr of ["", "999.1.1.1", "10.0.0.0/33", "2001:db8::/129", "10.0.0/8", "abc", "1.2.3.4/-1", "::ffff:1.2.3.4/64", "1.2.3.4/ 8", "x".repeat(70)]) {
      await expect(admin.blockIp(cidr, { reason: "bad" }), cidr).rejects.toMatchObject({ code: "invalid_payload" });
    }
    await expect(admin.blockIp("10.0.0.0/8", { reason: "neg", durationSec: -5 })).rejects.toMatchObject({ code: "invalid_payload" });
    expect((await admin.listIpBlocks()).length).toBe(before);
  });
});
