import { parseConfig } from "../../server/config/load.ts";
import type { Config } from "../../server/config/schema.ts";
import { startModServer, type ModServer } from "../moderation/support.ts";
import { testConfig } from "./config.ts";
import { startRedis, type RedisClusterServer, type RedisServer } from "./redis-server.ts";

export interface Cluster {
  /** The single redis-server (absent when the nodes share a Redis Cluster given by the suite). */
  redis?: RedisServer;
  a: ModServer;
  b: ModServer;
  config: Readonly<Config>;
  close(): Promise<void>;
}

/**
 * Two Causette nodes sharing a real redis-server on a spare port (fresh key prefix per cluster),
 * or sharing the Redis Cluster `on` (which the caller started and disposes of).
 */
export async function startCluster(over: Parameters<typeof testConfig>[0] = {}, name = "cl", on?: RedisClusterServer): Promise<Cluster> {
  const redis = on ? undefined : await startRedis();
  const keyPrefix = `${name}${Date.now()}:`;
  const config = parseConfig({ ...testConfig(over), redis: on ? { url: on.url, keyPrefix, cluster: true } : { url: redis!.url, keyPrefix } });
  const a = await startModServer(config);
  const b = await startModServer(config);
  return {
    ...(redis ? { redis } : {}), a, b, config,
    async close() {
      await a.close();
      await b.close();
      await redis?.dispose();
    },
  };
}
