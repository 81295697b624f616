import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { onPath, redisAvailable } from "./redis-process.ts";

/**
 * A private Redis Cluster for tests and benchmarks: three masters with one replica each, six
 * `redis-server --cluster-enabled yes` processes on spare ports (never the shared one on 6379),
 * joined by `redis-cli --cluster create … --cluster-replicas 1 --cluster-yes`. Free of vitest so
 * the capacity bench can use it too; suites use `describeRedisCluster` from test/support/.
 *
 * Example: `const rc = await startRedisCluster(); … REDIS_URL=rc.url, redis.cluster=true … await rc.dispose();`
 */

const run = promisify(execFile);

/** True when both `redis-server` and `redis-cli` are on PATH. */
export const redisClusterAvailable: boolean = redisAvailable && onPath("redis-cli");

export interface RedisClusterNode {
  port: number;
  role: "master" | "replica";
  /** Slot ranges (masters), e.g. ["0-5460"]. */
  slots: string[];
}

export interface RedisClusterServer {
  /** Comma-separated seed URLs, as `redis.url` takes them with `redis.cluster: true`. */
  url: string;
  ports: number[];
  /** The cluster as one live node sees it (failed nodes left out). */
  nodes(): Promise<RedisClusterNode[]>;
  /** The port of the master that owns `key`'s slot. */
  masterOf(key: string): Promise<number>;
  /** SIGKILL one node, no waiting: a crashed host. */
  kill9(port: number): void;
  /** Starts a killed node again on its port and data; it rejoins (a killed master comes back as a replica). */
  restart(port: number): Promise<void>;
  /** Resolves when every live node reports cluster_state:ok and each master has an online replica (unless `replicas` is false). */
  healthy(timeoutMs?: number, replicas?: boolean): Promise<void>;
  /** Runs a redis-cli command against one node, e.g. `cli(port, "CLUSTER", "INFO")`. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** Stops every node and removes their data. */
  dispose(): Promise<void>;
}

export async function startRedisCluster(opts: { appendfsync?: "always" | "everysec"; nodeTimeoutMs?: number } = {}): Promise<RedisClusterServer> {
  if (!redisClusterAvailable) throw new Error("redis-server and redis-cli must be on PATH: install Redis (apt-get install redis-server)");
  // Ports found free can be taken by another process before redis binds them: try fresh ones a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

async function startOnce(opts: { appendfsync?: "always" | "everysec"; nodeTimeoutMs?: number }): Promise<RedisClusterServer> {
  const dir = mkdtempSync(join(tmpdir(), "causette-rcluster-"));
  const ports = await sixPorts();
  const children = new Map<number, ChildProcess>();
  const cli = async (port: number, ...args: string[]) => (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { timeout: 10_000 })).stdout;

  const launch = async (port: number) => {
    const nodeDir = join(dir, String(port));
    mkdirSync(nodeDir, { recursive: true });
    const child = spawn("redis-server", [
      "--port", String(port), "--bind", "127.0.0.1", "--dir", nodeDir, "--daemonize", "no", "--loglevel", "warning",
      "--save", "", "--appendonly", "yes", "--appendfsync", opts.appendfsync ?? "everysec",
      "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
      "--cluster-node-timeout", String(opts.nodeTimeoutMs ?? 1000),
      // A shard whose master is down must not stop the other two (the default stops them all).
      "--cluster-require-full-coverage", "no",
      // A replica always takes over, however long it was cut off: the test kills masters on purpose.
      "--cluster-replica-validity-factor", "0",
    ], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr!.on("data", (d) => { err += d; });
    children.set(port, child);
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited (${child.exitCode}): ${err.trim()}`);
      return (await cli(port, "PING").catch(() => "")).trim() === "PONG";
    }, 10_000);
  };

  const nodes = async (): Promise<RedisClusterNode[]> => {
    for (const port of ports) {
      if (!children.has(port)) continue;
      const text = await cli(port, "CLUSTER", "NODES").catch(() => "");
      if (!text) continue;
      return text.trim().split("\n").flatMap((line) => {
        const f = line.split(" ");
        const flags = f[2] ?? "";
        if (flags.includes("fail") || flags.includes("noaddr")) return [];
        const port = Number(/:(\d+)@/.exec(f[1] ?? "")?.[1]);
        return [{ port, role: flags.includes("master") ? "master" as const : "replica" as const, slots: f.slice(8) }];
      });
    }
    throw new Error("no node of the Redis Cluster answers");
  };

  const healthy = async (timeoutMs = 20_000, replicas = true) => {
    await until(async () => {
      for (const port of children.keys()) {
        const info = await cli(port, "CLUSTER", "INFO").catch(() => "");
        if (!/cluster_state:ok/.test(info) || !/cluster_slots_ok:16384/.test(info)) return false;
      }
      if (!replicas) return true;
      for (const n of (await nodes()).filter((x) => x.role === "master")) {
        const rep = await cli(n.port, "INFO", "replication").catch(() => "");
        if (!/slave0:.*state=online/.test(rep)) return false;
      }
      return true;
    }, timeoutMs);
  };

  const stopAll = async () => {
    await Promise.all([...children.values()].map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once("exit", () => resolve());
      c.kill("SIGKILL");
    })));
    children.clear();
  };
  const onExit = () => { for (const c of children.values()) c.kill("SIGKILL"); };
  process.once("exit", onExit);

  try {
    await Promise.all(ports.map(launch));
    await run("redis-cli", ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "1", "--cluster-yes"], { timeout: 30_000 });
    await healthy();
  } catch (err) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    url: ports.map((p) => `redis://127.0.0.1:${p}`).join(","),
    ports,
    nodes,
    async masterOf(key: string) {
      const slot = Number((await cli(ports.find((p) => children.has(p))!, "CLUSTER", "KEYSLOT", key)).trim());
      for (const n of await nodes()) {
        if (n.role !== "master") continue;
        for (const range of n.slots) {
          const [lo, hi] = range.split("-").map(Number);
          if (slot >= lo! && slot <= (hi ?? lo)!) return n.port;
        }
      }
      throw new Error(`no master owns slot ${slot}`);
    },
    kill9(port: number) {
      children.get(port)?.kill("SIGKILL");
      children.delete(port);
    },
    restart: launch,
    healthy,
    cli,
    async dispose() {
      await stopAll();
      process.off("exit", onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Six ports whose cluster bus ports (port + 10000) are free too. */
async function sixPorts(): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 25_000);
    const ports = Array.from({ length: 6 }, (_, i) => base + i);
    const free = await Promise.all(ports.flatMap((p) => [p, p + 10_000]).map(isFree));
    if (free.every(Boolean)) return ports;
  }
  throw new Error("no six free ports (and their cluster bus ports) found");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
      if ((err as Error).message.includes("exited")) throw err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Redis Cluster not ready within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`);
}
