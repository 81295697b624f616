import type { Config } from "../../server/config/schema.ts";
import { testConfig } from "../support/config.ts";

/** Delivery timings short enough for tests: retries after 100–200 ms, pauses of at most 300 ms. */
export const FAST_DELIVERY = {
  timeoutMs: 1000, retryScheduleMs: [100, 200], jitter: 0.2, retryForMs: 60_000, leaseMs: 2000, pollMs: 50,
  maxInFlightPerEndpoint: 4, failuresToPause: 3, maxPauseMs: 300,
} satisfies Partial<Config["server"]["webhooks"]>;

/** The test config with acme's webhooks pointed at `url`, private networks allowed (the receivers are on 127.0.0.1). */
export function webhookConfig(url: string, secret: string, over: { events?: string[]; webhooks?: Partial<Config["server"]["webhooks"]>; other?: NonNullable<Parameters<typeof testConfig>[0]>["other"] } = {}): Readonly<Config> {
  return testConfig({
    server: { webhooks: { ...FAST_DELIVERY, ...over.webhooks } },
    acme: { outbound: { allowPrivateNetworks: true }, webhooks: [{ url, secret, events: (over.events ?? ["*"]) as never }] } as never,
    ...(over.other ? { other: over.other } : {}),
  });
}
