/** The tenant every client of the bench connects as. */
export const BENCH_TENANT = "bench";

/** The secret, issuer and audience of the bench tenant's JWTs (the capacity bench mints managers' tokens with them). */
export const BENCH_AUTH = { hs256Secret: "relay-bench-jwt-secret-0123456789abcdef0123", issuer: "bench", audience: "causette" } as const;

/** The Causette config of the bench: default filters, rate limits well above the load. */
export function benchConfigRaw(clients: number, redis: { url: string; keyPrefix: string; cluster?: boolean } | null = null, trustProxy = false) {
  return {
    server: { port: 0, host: "127.0.0.1", trustProxy, maxConnectionsPerIp: clients * 4 + 100, logLevel: "silent", guestSecret: "relay-bench-guest-secret-0123456789abcdef" },
    redis: redis ?? { url: null },
    tenants: [{
      id: BENCH_TENANT, name: "Bench Beauty", origins: [],
      auth: { ...BENCH_AUTH },
      guests: true,
      // The load is far above a raid's rates in every room: raid detection would shield them all.
      moderation: { raid: { messagesPerMin: 0, joinsPerMin: 0, shieldSec: 600 } },
      // Every generator's guests come from 127.0.0.1: the per-IP limits go as far above the load.
      rateLimit: {
        burst: 50, perSecond: 20,
        guestsPerIp: { burst: clients * 2, perMinute: clients * 60 },
        guestMessagesPerIp: { burst: Math.min(clients * 50, 1_000_000), perSecond: Math.min(clients * 20, 1_000_000) },
      },
    }],
  };
}
