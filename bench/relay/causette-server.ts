import { benchConfigRaw } from "./bench-config.ts";
import { BRAND_SECRET } from "./brand-systems.ts";
import { forkRole, nextMessage, stopChild } from "./children.ts";
import { serveControl } from "./server-control.ts";

/**
 * A Causette side's server (`--role server-causette`): one node with the bench's config, from
 * RELAY_BENCH_EXTRA (client count, the Redis or Redis Cluster of causette-x2 and
 * causette-cluster-x2, the coalescer off for causette-uncorked, trustProxy for the capacity
 * bench's IP blocks, the brand's webhook receiver and hook for causette-webhooks).
 */
export async function runCausetteServer(): Promise<void> {
  const { createApp } = await import("../../server/app.ts");
  const { parseConfig } = await import("../../server/config/load.ts");
  const extra = JSON.parse(process.env.RELAY_BENCH_EXTRA || "{}") as { clients?: number; redisUrl?: string; redisCluster?: boolean; keyPrefix?: string; coalesceWrites?: boolean; trustProxy?: boolean; brandSystems?: boolean };
  const redis = extra.redisUrl ? { url: extra.redisUrl, keyPrefix: extra.keyPrefix ?? "relaybench:", cluster: extra.redisCluster === true } : null;
  const raw = benchConfigRaw(extra.clients ?? 1000, redis, extra.trustProxy === true);
  // causette-uncorked: the write coalescer off, through the config switch an operator would use.
  const server = extra.coalesceWrites === false ? { ...raw.server, transport: { coalesceWrites: false } } : raw.server;
  // causette-webhooks: the brand's receiver and 5 ms hook run in a child of this server.
  const brand = extra.brandSystems ? forkRole("brand-systems", ["--import", "tsx"]) : undefined;
  let tenants = raw.tenants as Record<string, unknown>[];
  if (brand) {
    const ports = await nextMessage<{ receiver: number; hook: number }>(brand, "listening", 30_000);
    tenants = tenants.map((t) => ({
      ...t,
      outbound: { allowPrivateNetworks: true },
      webhooks: [{ url: `http://127.0.0.1:${ports.receiver}/events`, secret: BRAND_SECRET, events: ["*"] }],
      filters: { hook: { url: `http://127.0.0.1:${ports.hook}/check`, secret: BRAND_SECRET, timeoutMs: 1500, onError: "allow" } },
    }));
  }
  const app = await createApp(parseConfig({ ...raw, server, tenants }, "relay bench"));
  const port = await app.listen(0, "127.0.0.1");
  serveControl(async () => {
    // causette-webhooks: how the hook fared, so a stretch with the breaker open (messages let
    // through without asking the hook) cannot pass for a cheap hook.
    if (brand) console.log(`  causette-webhooks server: ${await hookSummary(app.metrics.registry).catch((e: Error) => `no hook figures (${e.message})`)}`);
    await app.close();
    if (brand) await stopChild(brand);
  });
  process.send!({ type: "listening", port });
}

/** The hook's calls by outcome and its failures by reason, from the node's own /metrics registry. */
async function hookSummary(registry: { getSingleMetricAsString(name: string): Promise<string> }): Promise<string> {
  const lines = async (name: string) => (await registry.getSingleMetricAsString(name)).split("\n").filter((l) => !l.startsWith("#") && l.trim());
  const calls = (await lines("causette_hook_duration_seconds")).filter((l) => l.includes("_count"))
    .map((l) => `${/outcome="([^"]+)"/.exec(l)?.[1] ?? "?"} ${l.split(" ").pop()}`);
  const failures = (await lines("causette_hook_failures_total")).map((l) => `${/reason="([^"]+)"/.exec(l)?.[1] ?? "?"} ${l.split(" ").pop()}`);
  // Share of calls answered within each bucket bound (all outcomes): where the hook's own tail is.
  const all = await lines("causette_hook_duration_seconds");
  const total = all.filter((l) => l.includes("_count")).reduce((n, l) => n + Number(l.split(" ").pop()), 0);
  const within = new Map<string, number>();
  for (const l of all.filter((x) => x.includes("_bucket"))) {
    const le = /le="([^"]+)"/.exec(l)?.[1] ?? "?";
    within.set(le, (within.get(le) ?? 0) + Number(l.split(" ").pop()));
  }
  const spread = total ? [...within].filter(([le]) => le !== "+Inf").map(([le, n]) => `≤${Number(le) * 1000} ms ${(100 * n / total).toFixed(1)}%`).join(", ") : "";
  return `moderation hook calls by outcome: ${calls.join(", ") || "none"}; failures by reason: ${failures.join(", ") || "none"}; answered within: ${spread}`;
}
