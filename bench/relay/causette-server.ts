import { benchConfigRaw } from "./bench-config.ts";
import { serveControl } from "./server-control.ts";

/**
 * A Causette side's server (`--role server-causette`): one node with the bench's config, from
 * RELAY_BENCH_EXTRA (client count, the Redis or Redis Cluster of causette-x2 and
 * causette-cluster-x2, the coalescer off for causette-uncorked, trustProxy for the capacity
 * bench's IP blocks).
 */
export async function runCausetteServer(): Promise<void> {
  const { createApp } = await import("../../server/app.ts");
  const { parseConfig } = await import("../../server/config/load.ts");
  const extra = JSON.parse(process.env.RELAY_BENCH_EXTRA || "{}") as { clients?: number; redisUrl?: string; redisCluster?: boolean; keyPrefix?: string; coalesceWrites?: boolean; trustProxy?: boolean };
  const redis = extra.redisUrl ? { url: extra.redisUrl, keyPrefix: extra.keyPrefix ?? "relaybench:", cluster: extra.redisCluster === true } : null;
  const raw = benchConfigRaw(extra.clients ?? 1000, redis, extra.trustProxy === true);
  // causette-uncorked: the write coalescer off, through the config switch an operator would use.
  const server = extra.coalesceWrites === false ? { ...raw.server, transport: { coalesceWrites: false } } : raw.server;
  const app = await createApp(parseConfig({ ...raw, server }, "relay bench"));
  const port = await app.listen(0, "127.0.0.1");
  serveControl(() => app.close());
  process.send!({ type: "listening", port });
}
