import { parseConfig } from "../../server/config/load.ts";
import type { Config } from "../../server/config/schema.ts";

export const SECRETS = {
  acme: "acme-test-secret-0123456789abcdef0123456789",
  other: "other-test-secret-0123456789abcdef012345678",
} as const;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

function merge<T>(base: T, over: DeepPartial<T> | undefined): T {
  if (!over) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b) ? merge(b, v as never) : v;
  }
  return out as T;
}

/** Two tenants (acme, other) so every suite can check isolation; overrides deep-merge into acme. */
export function testConfig(over: { server?: DeepPartial<Config["server"]>; acme?: DeepPartial<Config["tenants"][number]>; other?: DeepPartial<Config["tenants"][number]> } = {}): Readonly<Config> {
  const tenant = (id: "acme" | "other") => ({
    id,
    name: id === "acme" ? "Acme Beauty" : "Other Brand",
    origins: [`http://${id}.test`],
    auth: { hs256Secret: SECRETS[id], issuer: `${id}-issuer`, audience: "causette" },
    guests: true,
    rooms: { pattern: "^[a-z0-9][a-z0-9:_/.-]{0,63}$", defaults: { contribution: "open", slowModeSec: 0, historySize: 50, maxLength: 500 }, overrides: { faq: { contribution: "restricted" } } },
    filters: {
      onHit: "hold",
      lexicon: { languages: ["en", "fr"], terms: ["rivalbrand"], allow: [] },
      links: { mode: "allowlist", allow: [`${id}.example`], block: ["rival.example"] },
      spam: { repeatsPerUser: 2, raidUsers: 4, windowSec: 60 },
    },
    // Raid detection off (0): suites that are not about raids post and join far above its rates.
    moderation: { reportsToHide: 3, moderatorFlagHides: true, raid: { messagesPerMin: 0, joinsPerMin: 0, shieldSec: 600 } },
    // Generous by default so suites that are not about rate limits never trip them.
    rateLimit: {
      burst: 1000, perSecond: 1000,
      // Every test client comes from 127.0.0.1, so the per-IP limits are as generous.
      guestsPerIp: { burst: 100_000, perMinute: 600_000 },
      guestMessagesPerIp: { burst: 100_000, perSecond: 10_000 },
      flags: { burst: 100_000, perMinute: 600_000 },
      flagsPerIp: { burst: 100_000, perMinute: 600_000 },
      reportsPerIp: { burst: 100_000, perMinute: 600_000 },
    },
    widget: { pages: ["/products/*", "/faq"], room: "page" },
  });
  return parseConfig({
    server: merge({ port: 0, host: "127.0.0.1", trustProxy: false, maxConnectionsPerIp: 1000, logLevel: "silent", guestSecret: "guest-secret-for-tests-0123456789abcdef", shutdownGraceMs: 2000 }, over.server as never),
    redis: { url: null },
    tenants: [merge(tenant("acme"), over.acme as never), merge(tenant("other"), over.other as never)],
  }, "test config");
}
