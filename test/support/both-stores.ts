import { afterAll, beforeAll, describe } from "vitest";
import { parseConfig } from "../../server/config/load.ts";
import type { Config } from "../../server/config/schema.ts";
import { startModServer, type ModServer } from "../moderation/support.ts";
import { testConfig } from "./config.ts";
import { redisAvailable, startRedis, type RedisServer } from "./redis-server.ts";

/**
 * Runs `suite` once against a node on the embedded store and once against a node on a real
 * redis-server (a spare port, a fresh key prefix). The Redis run follows `describeRedis`'s rule:
 * skipped with a warning without redis-server, a failure under CI=true.
 */
export function onBothStores(name: string, over: Parameters<typeof testConfig>[0], suite: (server: () => ModServer) => void): void {
  for (const kind of ["memory", "redis"] as const) {
    const run = kind === "memory" || redisAvailable || process.env.CI === "true" ? describe : describe.skip;
    run(`${name} (${kind} store)`, () => {
      let server: ModServer;
      let redis: RedisServer | undefined;
      beforeAll(async () => {
        let config: Readonly<Config> = testConfig(over);
        if (kind === "redis") {
          redis = await startRedis();
          config = parseConfig({ ...config, redis: { url: redis.url, keyPrefix: `both${Date.now()}:` } });
        }
        server = await startModServer(config);
      });
      afterAll(async () => {
        await server?.close();
        await redis?.dispose();
      });
      suite(() => server);
    });
  }
}
