/** The tenant every client of the bench connects as. */
export const BENCH_TENANT = "bench";

/** The Causette config of the bench: default filters, rate limits well above the load. */
export function benchConfigRaw(clients: number, redis: { url: string; keyPrefix: string } | null = null) {
  return {
    server: { port: 0, host: "127.0.0.1", maxConnectionsPerIp: clients * 4 + 100, logLevel: "silent", guestSecret: "relay-bench-guest-secret-0123456789abcdef" },
    redis: redis ?? { url: null },
    tenants: [{
      id: BENCH_TENANT, name: "Bench Beauty", origins: [],
      auth: { hs256Secret: "relay-bench-jwt-secret-0123456789abcdef0123", issuer: "bench", audience: "causette" },
      guests: true,
      rateLimit: { burst: 50, perSecond: 20 },
    }],
  };
}
