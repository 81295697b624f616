/**
 * Outbox drain benchmark (SPEC §8.1, issue 26): 10,000 events are written while the brand's
 * endpoint is down; the endpoint then comes back, and the bench times until every event has
 * reached it, on the embedded store and on Redis (a private redis-server on a spare port).
 * It prints, per store, how many were queued, how many distinct webhook-ids arrived, how many
 * arrived more than once (at least once allows it) and how many were lost, and the time from the
 * endpoint's return to the last one. The target: all of them within a minute.
 *
 *   npx tsx bench/outbox.ts                  # 10,000 events, endpoint down 20 s, both stores
 *   npx tsx bench/outbox.ts --events 2000 --down 5 --stores memory
 *
 * The events are real bans through the moderation service (store write, audit entry, outbox),
 * with the delivery settings' defaults: the endpoint is paused after 3 failures and probed at
 * growing intervals up to 15 s, so its return is noticed within about that. The receiver runs in
 * a child process (`--role receiver`), as a brand's server would be another machine.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";

export interface OutboxBenchOptions { events: number; downSec: number; stores: ("memory" | "redis")[] }

export function optionsFromArgs(argv: readonly string[]): OutboxBenchOptions {
  const { values } = parseArgs({ args: [...argv], options: { events: { type: "string" }, down: { type: "string" }, stores: { type: "string" } }, strict: false });
  return {
    events: Number(values.events ?? 10_000),
    downSec: Number(values.down ?? 20),
    stores: String(values.stores ?? "memory,redis").split(",").filter((s): s is "memory" | "redis" => s === "memory" || s === "redis"),
  };
}

const SECRET = `whsec_${Buffer.alloc(32, 3).toString("base64")}`;

/** The receiver child: counts deliveries by webhook-id, on the port it is given, answering 204. */
async function runReceiver(): Promise<void> {
  const port = Number(process.env.OUTBOX_BENCH_PORT);
  const ids = new Map<string, number>();
  let last = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = String(req.headers["webhook-id"]);
      ids.set(id, (ids.get(id) ?? 0) + 1);
      last = Date.now();
      res.writeHead(204).end();
    });
  });
  server.listen(port, "127.0.0.1", () => process.send!({ type: "listening" }));
  process.on("message", (m: { cmd?: string }) => {
    if (m?.cmd === "counts") {
      let dup = 0;
      for (const n of ids.values()) dup += n - 1;
      process.send!({ type: "counts", distinct: ids.size, duplicates: dup, last });
    }
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => { const p = (s.address() as AddressInfo).port; s.close(() => resolve(p)); });
  });
}

function message<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type?: string }) => { if (m?.type === type) { child.off("message", on); resolve(m as T); } };
    child.on("message", on);
  });
}

async function drainOnce(store: "memory" | "redis", opts: OutboxBenchOptions): Promise<void> {
  const { createApp } = await import("../server/app.ts");
  const { parseConfig } = await import("../server/config/load.ts");
  const { startRedis } = await import("../test/shared/redis-process.ts");
  const redis = store === "redis" ? await startRedis({ appendfsync: "everysec" }) : undefined;
  const port = await freePort();
  const config = parseConfig({
    server: { port: 0, host: "127.0.0.1", logLevel: "silent", guestSecret: "outbox-bench-guest-secret-0123456789abcdef" },
    redis: redis ? { url: redis.url, keyPrefix: "outboxbench:" } : { url: null },
    tenants: [{
      id: "bench", name: "Bench", origins: [], auth: { hs256Secret: "outbox-bench-jwt-secret-0123456789abcdef01", issuer: "bench", audience: "causette" },
      outbound: { allowPrivateNetworks: true },
      webhooks: [{ url: `http://127.0.0.1:${port}/events`, secret: SECRET, events: ["*"] }],
    }],
  }, "outbox bench");
  const app = await createApp(config);
  const tenant = app.tenants.get("bench")!;
  const actor = { id: "cm-bench", name: "Bench", role: "manager" as const };
  const t0 = Date.now();
  // Eight at a time, as a few busy managers and their tools would.
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < opts.events) { const i = next++; await app.moderation.sanctions.ban(tenant, actor, { userId: `u-${i}`, reason: "bench" }); }
  }));
  const queuedMs = Date.now() - t0;
  await new Promise((r) => setTimeout(r, opts.downSec * 1000));
  const receiver = fork(fileURLToPath(import.meta.url), ["--role", "receiver"], { execArgv: ["--import", "tsx"], env: { ...process.env, OUTBOX_BENCH_PORT: String(port) }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await message(receiver, "listening");
  const back = Date.now();
  let counts = { distinct: 0, duplicates: 0, last: 0 };
  while (Date.now() - back < 120_000) {
    receiver.send({ cmd: "counts" });
    counts = await message<typeof counts>(receiver, "counts");
    if (counts.distinct >= opts.events) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tookMs = (counts.last || Date.now()) - back;
  console.log(`${store.padEnd(6)}  queued ${opts.events} in ${(queuedMs / 1000).toFixed(1)} s, endpoint down ${opts.downSec} s; after its return: delivered ${counts.distinct} distinct, ${counts.duplicates} more than once, lost ${opts.events - counts.distinct}; last one after ${(tookMs / 1000).toFixed(1)} s (target: within 60 s) ${counts.distinct === opts.events && tookMs <= 60_000 ? "OK" : "MISSED"}`);
  receiver.kill();
  await app.close();
  await redis?.dispose();
}

export async function runOutboxBench(opts: OutboxBenchOptions = optionsFromArgs([])): Promise<void> {
  for (const store of opts.stores) await drainOnce(store, opts);
}

const roleAt = process.argv.indexOf("--role");
if (roleAt >= 0 && process.argv[roleAt + 1] === "receiver") await runReceiver();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runOutboxBench(optionsFromArgs(process.argv.slice(2)));
  process.exit(0);
}
