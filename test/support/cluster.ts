import { parseConfig } from "../../server/config/load.ts";
import type { Config } from "../../server/config/schema.ts";
import { startModServer, type ModServer } from "../moderation/support.ts";
import { testConfig } from "./config.ts";
import { startRedis, type RedisServer } from "./redis-server.ts";

export interface Cluster {
  redis: RedisServer;
  a: ModServer;
  b: ModServer;
  config: Readonly<Config>;
  close(): Promise<void>;
}

/** A real redis-server on a spare port and two Causette nodes sharing it (fresh key prefix per cluster). */
export async function startCluster(over: Parameters<typeof testConfig>[0] = {}, name = "cl"): Promise<Cluster> {
  const redis = await startRedis();
  const config = parseConfig({ ...testConfig(over), redis: { url: redis.url, keyPrefix: `${name}${Date.now()}:` } });
  const a = await startModServer(config);
  const b = await startModServer(config);
  return {
    redis, a, b, config,
    async close() {
      await a.close();
      await b.close();
      await redis.dispose();
    },
  };
}
