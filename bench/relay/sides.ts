import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { redisClusterAvailable, startRedisCluster } from "../../test/shared/redis-cluster-process.ts";
import { redisAvailable, startRedis } from "../../test/shared/redis-process.ts";
import { startNodeFlags } from "../../test/shared/start-flags.ts";
import { profArgs } from "./children.ts";
import type { CpuSample, Memory } from "./server-control.ts";
import { startServerChild, type ServerKind } from "./server-child.ts";

/** The sides run by default. */
export const SIDE_NAMES = ["bare", "causette", "causette-x2"] as const;
/** Sides run only when asked for by name. */
const EXTRA_SIDE_NAMES = ["bare-cluster-x2", "bare-control", "causette-baseline", "causette-cluster-x2", "causette-flags", "causette-uncorked", "causette-v8-defaults", "causette-webhooks"] as const;

/** A running system under test: where clients connect, and how to read the servers' memory and CPU. */
export interface RunningSide {
  /** Client k of a room connects to urls[k mod urls.length]. */
  urls: string[];
  /** Total memory of its server processes after a full GC. */
  memory(): Promise<Memory>;
  /** One CPU reading per server process. */
  cpu(): Promise<CpuSample[]>;
  stop(): Promise<void>;
}

export interface RelaySide {
  name: string;
  /** `label` names this start, e.g. for profile folders. */
  start(label: string): Promise<RunningSide>;
}

/** A side made of one server child of `kind`. */
export function serverChild(kind: ServerKind, extra: Record<string, unknown> = {}, cpuProfDir?: string, name: string = kind, nodeFlags?: string[], script?: string): RelaySide {
  return {
    name,
    async start(label) {
      const s = await startServerChild(kind, extra, profArgs(cpuProfDir, label), nodeFlags, script);
      return { urls: [s.url], memory: s.memory, cpu: async () => [await s.cpu()], stop: s.stop };
    },
  };
}

/**
 * Two Causette nodes sharing a private redis-server started for this run, or with `cluster`, a
 * private Redis Cluster of three masters with a replica each (causette-cluster-x2); with `kind`
 * "bare", two bare relays fanning out through the same sharded adapter (bare-cluster-x2).
 */
export function causetteOverRedis(clients: number, cpuProfDir?: string, cluster = false, more: Record<string, unknown> = {}, kind: ServerKind = "causette"): RelaySide {
  return {
    name: `${kind}${cluster ? "-cluster" : ""}-x2`,
    async start(label) {
      // Persisting the way README deploys it (AOF, fsync every second).
      const redis = cluster ? await startRedisCluster({ appendfsync: "everysec" }) : await startRedis({ appendfsync: "everysec" });
      const extra = { clients, redisUrl: redis.url, redisCluster: cluster, keyPrefix: "relaybench:", ...more };
      const started = await Promise.allSettled([0, 1].map((n) => startServerChild(kind, extra, profArgs(cpuProfDir, `${label}-node${n}`))));
      const nodes = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) {
        await Promise.all(nodes.map((n) => n.stop()));
        await redis.dispose();
        throw failed.reason;
      }
      return {
        urls: nodes.map((n) => n.url),
        async memory() {
          const ms = await Promise.all(nodes.map((n) => n.memory()));
          return { heapUsed: ms.reduce((a, m) => a + m.heapUsed, 0), rss: ms.reduce((a, m) => a + m.rss, 0) };
        },
        cpu: () => Promise.all(nodes.map((n) => n.cpu())),
        async stop() {
          await Promise.all(nodes.map((n) => n.stop()));
          await redis.dispose();
        },
      };
    },
  };
}

/** Where the named sides come from, beyond the client count every Causette side is sized for. */
export interface SideSources {
  cpuProfDir?: string;
  /** Side names (default: bare, causette, causette-x2). */
  names?: readonly string[];
  /** Another checkout, for causette-baseline (--baseline). */
  baselineDir?: string;
  /** Node flags added to npm start's, for causette-flags (--try-flags). */
  tryFlags?: readonly string[];
}

/** The default sides: bare relay, one Causette node, and (when redis-server is installed) two over Redis. */
export function defaultSides(clients: number, { cpuProfDir, names = SIDE_NAMES, baselineDir, tryFlags }: SideSources = {}): RelaySide[] {
  const out: RelaySide[] = [];
  for (const n of names) {
    if (n === "bare") out.push(serverChild("bare", {}, cpuProfDir));
    else if (n === "bare-control") out.push(serverChild("bare", {}, cpuProfDir, n));
    else if (n === "bare-cluster-x2") {
      if (redisClusterAvailable) out.push(causetteOverRedis(clients, cpuProfDir, true, {}, "bare"));
      else console.warn("relay bench: redis-server or redis-cli is not on PATH, leaving out the bare-cluster-x2 side");
    }
    else if (n === "causette") out.push(serverChild("causette", { clients }, cpuProfDir));
    else if (n === "causette-baseline") {
      if (!baselineDir) throw new Error("the causette-baseline side needs --baseline DIR");
      out.push(serverChild("causette", { clients }, cpuProfDir, n, undefined, baselineScript(baselineDir)));
    } else if (n === "causette-flags") {
      if (!tryFlags?.length) throw new Error("the causette-flags side needs --try-flags FLAGS");
      out.push(serverChild("causette", { clients }, cpuProfDir, n, [...startNodeFlags(), ...tryFlags]));
    } else if (n === "causette-uncorked") out.push(serverChild("causette", { clients, coalesceWrites: false }, cpuProfDir, n));
    else if (n === "causette-v8-defaults") out.push(serverChild("causette", { clients }, cpuProfDir, n, []));
    else if (n === "causette-cluster-x2") {
      if (redisClusterAvailable) out.push(causetteOverRedis(clients, cpuProfDir, true));
      else console.warn("relay bench: redis-server or redis-cli is not on PATH, leaving out the causette-cluster-x2 side");
    } else if (n === "causette-webhooks") out.push(serverChild("causette", { clients, brandSystems: true }, cpuProfDir, n));
    else if (n === "causette-x2") {
      if (redisAvailable) out.push(causetteOverRedis(clients, cpuProfDir));
      else console.warn("relay bench: redis-server is not on PATH, leaving out the causette-x2 side");
    } else throw new Error(`unknown side "${n}"; known: ${[...SIDE_NAMES, ...EXTRA_SIDE_NAMES].join(", ")}`);
  }
  return out;
}

/**
 * The entry script of another checkout of the repository (--baseline), which must have its
 * node_modules. It is bench/relay.ts in either layout: the single file it was before it was split
 * into bench/relay/, or the entry it is since; both run a Causette server with `--role
 * server-causette` and answer the same IPC messages.
 */
export function baselineScript(dir: string): string {
  const script = resolve(dir, "bench", "relay.ts");
  if (!existsSync(script) || !existsSync(resolve(dir, "node_modules"))) {
    throw new Error(`--baseline must name a checkout of this repository with its node_modules (no ${existsSync(script) ? "node_modules" : "bench/relay.ts"} in "${dir}")`);
  }
  return script;
}
