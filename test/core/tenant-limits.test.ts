import { describe, expect, it } from "vitest";
import { MemoryLimitStore } from "../../server/store/limits/memory-limit-store.ts";
import { createTenantLimits } from "../../server/tenants/tenant-limits.ts";
import { testConfig } from "../support/config.ts";

/** Per-IP budgets count per network: an IPv4 address, or an IPv6 /64 (a sender can rotate through its own /64). */
describe("tenant limits per client network", () => {
  const config = testConfig({ acme: { rateLimit: { guestsPerIp: { burst: 2, perMinute: 1 }, flagsPerIp: { burst: 2, perMinute: 1 }, reportsPerIp: { burst: 2, perMinute: 1 }, guestMessagesPerIp: { burst: 2, perSecond: 0.01 } } } });
  const acme = config.tenants.find((t) => t.id === "acme")!;

  for (const bucket of ["guestsPerIp", "guestMessagesPerIp", "flagsPerIp", "reportsPerIp"] as const) {
    it(`${bucket}: addresses of one /64 share a budget; another /64 and IPv4 addresses have their own`, async () => {
      const limits = createTenantLimits(acme, new MemoryLimitStore(() => 1_700_000_000_000));
      // A guest's message spends from its own bucket too: a new guest each time, so only the network's counts.
      let guest = 0;
      const b = bucket === "guestMessagesPerIp" ? { take: async (ip: string) => (await limits.guestMessage.take(`g_${++guest}`, ip))[1] } : limits[bucket];
      expect(await b.take("2001:db8:1:2::a")).toBe(0);
      expect(await b.take("2001:db8:1:2:ffff::b")).toBe(0);
      expect(await b.take("2001:db8:1:2:1234:5678:9abc:def0")).toBeGreaterThan(0);
      expect(await b.take("2001:db8:1:3::a")).toBe(0);
      expect(await b.take("203.0.113.1")).toBe(0);
      expect(await b.take("203.0.113.2")).toBe(0);
    });
  }
});
