/**
 * Relay benchmark: the same chat load against a bare Socket.IO relay, one Causette node (full
 * pipeline, default filters) and two Causette nodes over Redis, alternated in one run
 * (bare, causette, causette-x2, bare, …) so machine drift hits every side alike.
 *
 * Every side is started once and its clients connected once; then each round gives every side
 * in turn a short load phase. Short phases, many times over, are the point: on a shared 2-core
 * machine the CPU time the same work takes drifts by ±20% within a minute, so long phases far
 * apart compared the machine's moods more than the servers.
 *
 *   npx tsx bench/relay.ts                     # standard load: 1,000 clients, 100 rooms, 2 msg/s each
 *   npx tsx bench/relay.ts --clients 250 --seconds 4 --rounds 3
 *   npx tsx bench/relay.ts --sides bare,causette --generators 2
 *   npm run bench -- relay --clients 250       # the runner passes flags through
 *   npx tsx bench/relay.ts --help              # this text
 *
 * Flags (all optional):
 *   --clients N      clients (default 1000); client i joins room i mod rooms
 *   --rooms N        rooms (default 100)
 *   --rate N         messages per client per second (default 2)
 *   --seconds N      measured seconds of each load phase, after a warm-up that is not measured
 *                    (5 s before a side's first phase, for the JIT; 1 s before the others) (default 6)
 *   --rounds N       rounds; each gives every side one load phase, in order (default 15: a
 *                    round's p99 is about its worst stall, so its ratio to bare's swings from
 *                    0.1x to 12x on a shared machine, and a median of 5 such ratios was decided by
 *                    the machine more than by the servers)
 *   --sides LIST     comma-separated, from bare, causette, causette-x2 (default: those three;
 *                    causette-x2 is left out, with a note, when redis-server is not on PATH);
 *                    run only when named: causette-uncorked (one node without the write
 *                    coalescer) and causette-v8-defaults (one node without npm start's node
 *                    flags, on V8's default heap settings), to show what each saves, and
 *                    bare-control (a second bare relay: how far two identical servers' figures
 *                    differ in the same run, the noise every other ratio sits in)
 *   --generators N   load generator processes (default 1); whole rooms go to one generator, so a
 *                    sender and the members who receive its message always share one clock
 *   --client NAME    the generators' client: wire (default; bench/wire-client.ts, a lean Socket.IO
 *                    protocol client) or socket.io (socket.io-client, which costs the shared
 *                    machine far more CPU per received message)
 *   --cpu-prof DIR   V8 CPU profiles of every server and generator child, one folder per child
 *                    (each covers the whole run: every phase of its side)
 *   --stall-watch    each server also counts its event-loop stalls over 15 ms (a 5 ms timer) and
 *                    splits them, from its main thread's scheduler counters, into time on the CPU
 *                    (our code; the part in GC pauses is shown), waiting for a core (the host, or
 *                    another process of the run) and asleep (blocked). Off by default: the timer
 *                    costs every server a little
 *   --baseline DIR   adds the side causette-baseline, right after causette: one Causette node
 *                    run from another checkout of this repository (say `git worktree add
 *                    ../before HEAD~3`, with its node_modules), so a change is judged against the
 *                    code before it in the same run rather than against last hour's machine. It
 *                    runs with this checkout's node flags; figures its server does not report
 *                    (an older bench's) print as n/a
 *   --try-flags "F"  adds the side causette-flags, right after causette: one Causette node run with
 *                    npm start's node flags plus these (e.g. "--no-compact"), to judge a flag
 *                    in the same run as the flags it would join
 *
 * Sides:
 * - bare: a plain Socket.IO relay that acks and broadcasts the same Message shape, nothing else;
 * - bare-control: a second, identical bare relay (an A/A check: its ratios to bare are pure noise);
 * - causette: one node, embedded store;
 * - causette-uncorked: the same, without the write coalescer (server/realtime/write-coalescer.ts);
 * - causette-v8-defaults: the same, without npm start's node flags (README, "Node settings");
 * - causette-flags: the same, with --try-flags added to npm start's node flags;
 * - causette-x2: a private redis-server on a spare port (never anyone else's Redis) and two
 *   Causette nodes whose `redis.url` points at it. The k-th member of every room connects to node
 *   k mod 2, so each room spans both nodes and every message crosses nodes through the Redis
 *   adapter. Its memory figures are the sum of both nodes (Redis itself not counted).
 *
 * Processes: every server runs in its own child process (Redis too) and each side's clients run
 * in `--generators` more, so the load never shares an event loop with a server. A side's state
 * carries over from one of its phases to the next, as on a live server (no text is ever sent
 * twice, so the spam window never fires). Every post carries a fresh `clientId`, as the SDK's do,
 * so Causette keeps an idempotency key per kept message, as it does in production. Only loopback
 * is used; every child is stopped at the end. Idle sides cost nothing measurable (their clients
 * are quiet). Budget: at standard load the
 * generator alone (20,000 receipts/s through socket.io-client) takes most of a core, so a 2-core
 * machine leaves the server about one; split generators share that same core, they add none.
 * Every server child, the bare relay included, runs with the Node flags of `npm start` (read from
 * package.json; see README, "Node settings"): both sides run under the same V8 heap settings, and
 * Causette runs as an operator's node does.
 *
 * Figures per round (one line per side and round), then a summary whose latency percentiles pool
 * every round's samples of a side. The p99 target must hold on those pooled figures and in the
 * median round (each round's ratio against the bare phase just before it), since a pooled tail
 * is decided by whichever side had the worst stall; every round's ratio is printed too:
 * - ack latency: client emit → ack, p50/p99;
 * - delivery latency: sender's emit → receipt by another member of the room, p50/p99
 *   (sender and receivers live in the same generator process, so one clock);
 * - delivered ratio: receipts by other members / (acknowledged visible messages × (room size − 1)),
 *   counted once receipts have stopped for a second (up to 30 s after the load), so late is not lost;
 * - server cpu: CPU time of the side's server processes over the measured window (100% = one
 *   core), and the part of it on their main threads (the rest is GC helper threads and libuv);
 *   gen cpu and gen lag: the busiest generator's CPU and event-loop delay p99 over that window.
 *   A generator near 100% or lagging by tens of ms is a bottleneck itself: the latencies
 *   of that round then measure the generator as much as the server. The machine's load average
 *   is printed too, and the rest of the machine's CPU over the window (every core's busy time
 *   from /proc/stat minus this side's server and generators: the other sides' idle processes,
 *   the bench, neighbours) with its steal time (cores the hypervisor gave to another guest): on
 *   a shared machine, other work is the usual cause of a bad round, and the summary names the
 *   phases where it surged (busyMachinePhases);
 * - server stalls: each server's event-loop delay over the window (p99 and max) and its longest
 *   GC pause and GC time in all. A tail that the CPU figures do not explain is a stall, and these
 *   say whose: the collector's or the server's own code;
 * - memory per idle connection (once per side, before the first round): heap and RSS of the server
 *   process(es) after `global.gc()` (the server children run with --expose-gc), before and after
 *   N clients connected and joined a room, divided by N;
 * - peak rss (summary): the most resident memory the side's server processes reached under load
 *   (getrusage's maxrss, summed over a side's nodes): what the Node flags' heap headroom costs.
 *
 * `runRelayBench(opts)` is exported; other sides can be passed as `sides`: each side starts its
 * servers and reports their URLs, memory and CPU time.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, openSync, readFileSync, readSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { redisAvailable, startRedis } from "../test/support/redis-process.ts";
import { startNodeFlags } from "../test/support/start-flags.ts";
import { shopperText } from "../test/support/texts.ts";

const SELF = fileURLToPath(import.meta.url);
const TENANT = "bench";
const SIDE_NAMES = ["bare", "causette", "causette-x2"] as const;
/** Sides run only when asked for by name. */
const EXTRA_SIDE_NAMES = ["bare-control", "causette-baseline", "causette-flags", "causette-uncorked", "causette-v8-defaults"] as const;
/** Unmeasured load before a side's first phase (later phases warm up for 1 s). */
const FIRST_WARMUP_MS = 5000;

export interface RelayBenchOptions {
  clients?: number;
  rooms?: number;
  /** Messages per client per second. */
  rate?: number;
  /** Seconds of each load phase (after a warm-up that is not measured). */
  seconds?: number;
  /** Each round runs every side once, in order. */
  rounds?: number;
  /** Load generator processes (default 1). */
  generators?: number;
  /** The generators' client library (default "wire", see bench/wire-client.ts). */
  client?: LoadClient;
  /** Sides to compare; default: bare relay, one Causette node, two Causette nodes over Redis. */
  sides?: RelaySide[];
  /** Print progress and the table (default true). */
  print?: boolean;
  /** Write CPU profiles of every child (servers and generators) under this folder. */
  cpuProfDir?: string;
  /** Count each server's event-loop stalls and how much of them it spent off the CPU (see stallWatch). */
  stallWatch?: boolean;
}

export interface Memory { heapUsed: number; rss: number }

/** CPU time a server process has used (user + system, µs) and its own clock (ms) when it read it. */
export interface CpuSample {
  micros: number; at: number;
  /** The main thread's share of `micros` (Linux only; NaN elsewhere): the rest is GC helpers and libuv. */
  mainMicros: number;
  /**
   * Since the previous reading: the server's event-loop delay (p99 and max, ms) and its longest
   * GC pause and GC time in all (ms). A tail that the CPU figures do not explain is a stall, and
   * these say whose: the collector's or the server's own code.
   */
  lagP99: number; lagMax: number; gcMax: number; gcTotal: number;
  /** The most resident memory the server process has had so far (bytes; getrusage's maxrss). */
  peakRss: number;
  /** With --stall-watch: event-loop stalls since the previous reading (see stallWatch). */
  stalls?: StallCount;
}

/**
 * Event-loop stalls: how many, their total length, and how much of it the main thread was off the
 * CPU (ms; at least that much where schedstat is missing), and of that, how long it waited for a
 * core (absent without schedstat); the rest of the off-CPU time it slept.
 */
export interface StallCount { count: number; ms: number; offCpuMs: number; waitCoreMs?: number; gcMs?: number }

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

export interface RoundResult {
  side: string;
  round: number;
  sent: number;
  acked: number;
  visible: number;
  refused: Record<string, number>;
  ackP50: number; ackP99: number;
  deliveryP50: number; deliveryP99: number;
  /** Every measured latency of the round, sorted (ms): the summary pools rounds before taking percentiles. */
  acks: number[]; deliveries: number[];
  deliveredRatio: number;
  heapPerConn: number; rssPerConn: number;
  msgPerSec: number;
  /** Server processes' CPU over the measured window, in % of one core. */
  serverCpu: number;
  /** The part of serverCpu spent on the servers' main threads (their event loops). */
  serverMainCpu: number;
  /** The worst server's event-loop delay over the measured window, p99 and max (ms). */
  serverLagP99: number; serverLagMax: number;
  /** The longest GC pause of any server process in the window, and the most GC time one spent (ms). */
  serverGcMax: number; serverGcTotal: number;
  /** Peak resident memory of the side's server processes so far, summed (bytes). */
  serverPeakRss: number;
  /** With --stall-watch: the side's servers' event-loop stalls over the window, summed. */
  serverStalls?: StallCount;
  /** The busiest generator's CPU over the measured window, in % of one core. */
  genCpu: number;
  /** All of this side's generators' CPU over the window, in % of one core. */
  genCpuSum: number;
  /**
   * The rest of the machine over the window (% of one core): every core's busy time minus this
   * side's server and generators. Other sides' processes, the bench itself, neighbours.
   */
  otherCpu: number;
  /** Time the hypervisor gave this machine's cores to another guest over the window (% of one core). */
  stealCpu: number;
  /** The worst generator event-loop delay p99 over the measured window, ms. */
  genLagP99: number;
  /** The machine's 1-minute load average when the round ended: other work competing for the cores. */
  loadAvg: number;
}

// ---------------------------------------------------------------------------------------------
// Server children

type ServerKind = "bare" | "causette";

const profArgs = (dir: string | undefined, label: string): string[] =>
  dir ? ["--cpu-prof", `--cpu-prof-dir=${join(dir, label)}`] : [];

let cpuReads = 0;

/**
 * One server child of `kind`; it answers memory, CPU and stop requests over IPC. `script` is
 * this file, or the same file in another checkout (see --baseline).
 */
async function startServerChild(kind: ServerKind, extra: Record<string, unknown>, execArgv: string[], nodeFlags = startNodeFlags(), script = SELF) {
  // A REDIS_URL inherited from the shell must never reach a bench server: the Redis side passes its own.
  const { REDIS_URL: _ignored, ...env } = process.env;
  const child = fork(script, ["--role", `server-${kind}`], {
    execArgv: [...nodeFlags, "--import", "tsx", "--expose-gc", ...execArgv],
    env: { ...env, RELAY_BENCH_EXTRA: JSON.stringify(extra) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const { port } = await nextMessage<{ port: number }>(child, "listening", 30_000);
    return {
      url: `http://127.0.0.1:${port}`,
      memory: async (): Promise<Memory> => {
        child.send({ cmd: "memory" });
        return nextMessage<Memory & { type: string }>(child, "memory", 10_000);
      },
      cpu: async (): Promise<CpuSample> => {
        // Tagged: two reads may overlap when a loaded server answers slowly.
        const id = ++cpuReads;
        const reply = nextMessage<CpuSample>(child, "cpu", 30_000, (m) => m.id === id);
        child.send({ cmd: "cpu", id });
        const { micros, at, mainMicros, lagP99, lagMax, gcMax, gcTotal, peakRss, stalls } = await reply;
        return { micros, at, mainMicros, lagP99, lagMax, gcMax, gcTotal, peakRss, ...(stalls ? { stalls } : {}) };
      },
      stop: () => stopChild(child),
    };
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
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

/** Two Causette nodes sharing a private redis-server started for this run. */
export function causetteOverRedis(clients: number, cpuProfDir?: string): RelaySide {
  return {
    name: "causette-x2",
    async start(label) {
      // Persisting the way README deploys it (AOF, fsync every second).
      const redis = await startRedis({ appendfsync: "everysec" });
      const extra = { clients, redisUrl: redis.url, keyPrefix: "relaybench:" };
      const started = await Promise.allSettled([0, 1].map((n) => startServerChild("causette", extra, profArgs(cpuProfDir, `${label}-node${n}`))));
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

async function runBareServer(): Promise<void> {
  const { createServer: createHttp } = await import("node:http");
  const { Server } = await import("socket.io");
  const http = createHttp();
  const io = new Server(http, { maxHttpBufferSize: 256 * 1024, pingInterval: 20_000, pingTimeout: 20_000, cors: { origin: true } });
  let seq = 0;
  io.of("/chat").on("connection", (socket) => {
    socket.on("room:join", (p: { room: string }, ack: (r: unknown) => void) => {
      void socket.join(p.room);
      ack({ ok: true, room: { id: p.room, contribution: "open", slowModeSec: 0, frozen: false, online: 0 }, history: [] });
    });
    socket.on("message:send", (p: { room: string; text: string }, ack: (r: unknown) => void) => {
      // The same shape Causette sends: a full Message, to the whole room (author included).
      const message = { id: `m_${(++seq).toString(36)}`, room: p.room, author: { id: socket.id, name: "Guest", role: "guest" }, text: p.text, createdAt: Date.now(), status: "visible" };
      io.of("/chat").to(p.room).emit("message", message);
      ack({ ok: true, message });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
  serveControl();
  process.send!({ type: "listening", port: (http.address() as { port: number }).port });
}

/** The Causette config of the bench: default filters, rate limits well above the load. */
export function benchConfigRaw(clients: number, redis: { url: string; keyPrefix: string } | null = null) {
  return {
    server: { port: 0, host: "127.0.0.1", maxConnectionsPerIp: clients * 4 + 100, logLevel: "silent", guestSecret: "relay-bench-guest-secret-0123456789abcdef" },
    redis: redis ?? { url: null },
    tenants: [{
      id: TENANT, name: "Bench Beauty", origins: [],
      auth: { hs256Secret: "relay-bench-jwt-secret-0123456789abcdef0123", issuer: "bench", audience: "causette" },
      guests: true,
      // Every generator's guests come from 127.0.0.1: the per-IP limits go as far above the load.
      rateLimit: {
        burst: 50, perSecond: 20,
        guestsPerIp: { burst: clients * 2, perMinute: clients * 60 },
        guestMessagesPerIp: { burst: Math.min(clients * 50, 1_000_000), perSecond: Math.min(clients * 20, 1_000_000) },
      },
    }],
  };
}

async function runCausetteServer(): Promise<void> {
  const { createApp } = await import("../server/app.ts");
  const { parseConfig } = await import("../server/config/load.ts");
  const extra = JSON.parse(process.env.RELAY_BENCH_EXTRA || "{}") as { clients?: number; redisUrl?: string; keyPrefix?: string; coalesceWrites?: boolean };
  const redis = extra.redisUrl ? { url: extra.redisUrl, keyPrefix: extra.keyPrefix ?? "relaybench:" } : null;
  const app = await createApp(parseConfig(benchConfigRaw(extra.clients ?? 1000, redis), "relay bench"), { coalesceWrites: extra.coalesceWrites !== false });
  const port = await app.listen(0, "127.0.0.1");
  serveControl(() => app.close());
  process.send!({ type: "listening", port });
}

/**
 * CPU time of this process's main thread, from /proc (Linux; NaN elsewhere). The process total
 * also counts V8's GC helper threads and libuv's pool, which run on the other core.
 */
function mainThreadMicros(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime (fields 14 and 15 of stat(5)), in clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

/**
 * The whole machine's CPU counters from /proc/stat (Linux; undefined elsewhere), in clock ticks:
 * busy (everything but idle and iowait) and steal (time the hypervisor gave this VM's cores to
 * someone else). Over a window they show what ran besides the side under load: the other sides'
 * processes, or neighbours on a shared host.
 */
function machineTicks(): { busy: number; steal: number; total: number } | undefined {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    return { busy: user + nice + system + irq + softirq + steal, steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

/** Machine CPU between two readings, in % of one core (so up to 100 × cores), busy and steal. */
function machinePercent(a: ReturnType<typeof machineTicks>, b: ReturnType<typeof machineTicks>): { busy: number; steal: number } {
  if (!a || !b || b.total <= a.total) return { busy: NaN, steal: NaN };
  const cores = availableParallelism();
  const f = (100 * cores) / (b.total - a.total);
  return { busy: (b.busy - a.busy) * f, steal: (b.steal - a.steal) * f };
}

/** Gaps between two ticks of the stall watch's timer that count as a stall (ms; the timer ticks every 5). */
const STALL_MS = 15;

/**
 * The main thread's scheduler counters (Linux's /proc/<pid>/task/<pid>/schedstat: time on a core,
 * time runnable but waiting for one, in ns), read with one pread on a file kept open (a few µs).
 * Undefined where the file does not exist.
 */
function mainThreadSchedstat(): (() => { onCpuNs: number; waitNs: number }) | undefined {
  let fd: number;
  try { fd = openSync(`/proc/self/task/${process.pid}/schedstat`, "r"); } catch { return undefined; }
  const buf = Buffer.alloc(128);
  return () => {
    const [on, wait] = buf.toString("latin1", 0, readSync(fd, buf, 0, buf.length, 0)).split(" ");
    return { onCpuNs: Number(on), waitNs: Number(wait) };
  };
}

/**
 * --stall-watch: a 5 ms timer that counts the event loop's stalls and splits each by what the
 * main thread did meanwhile, from its scheduler counters: ran (our code or the collector), waited
 * for a core (the host: another process, or the hypervisor taking the core back without
 * reporting steal time), or slept (blocked: on a lock such as a GC helper thread it waits to
 * join, or on a page fault). Without schedstat, only the process's CPU time is known, and the
 * off-CPU figure is then a lower bound (it counts helper threads' CPU as the main thread's).
 */
function stallWatch(): { take(gcSpans: readonly (readonly [number, number])[]): StallCount } {
  const sched = mainThreadSchedstat();
  // The process's CPU time is the fallback without schedstat (a system call more per tick).
  const processCpu = () => (sched ? 0 : (({ user, system }) => user + system)(process.cpuUsage()));
  let last = performance.now(), lastCpu = processCpu(), lastSched = sched?.();
  let count = 0, ms = 0, offCpuMs = 0, waitCoreMs = 0;
  /** This window's stalls, [from, to] on performance.now()'s clock, for the GC overlap at take(). */
  let spans: [number, number][] = [];
  setInterval(() => {
    const now = performance.now(), cpu = processCpu(), s = sched?.();
    const gap = now - last;
    if (gap > STALL_MS) {
      count++;
      ms += gap;
      spans.push([last, now]);
      if (s && lastSched) {
        offCpuMs += Math.max(0, gap - (s.onCpuNs - lastSched.onCpuNs) / 1e6);
        waitCoreMs += (s.waitNs - lastSched.waitNs) / 1e6;
      } else offCpuMs += Math.max(0, gap - (cpu - lastCpu) / 1000);
    }
    last = now;
    lastCpu = cpu;
    lastSched = s;
  }, 5).unref();
  return {
    take(gcSpans) {
      let gcMs = 0;
      for (const [from, to] of spans) for (const [a, b] of gcSpans) gcMs += Math.max(0, Math.min(to, b) - Math.max(from, a));
      const r = { count, ms, offCpuMs, gcMs, ...(sched ? { waitCoreMs } : {}) };
      count = 0; ms = 0; offCpuMs = 0; waitCoreMs = 0; spans = [];
      return r;
    },
  };
}

function serveControl(close?: () => Promise<void>): void {
  // Stall figures since the last CPU reading: the event loop's delay, and V8's GC pauses.
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const watch = process.env.RELAY_STALL_WATCH === "1" ? stallWatch() : undefined;
  let gcMax = 0, gcTotal = 0;
  /** This window's GC pauses, [from, to], for the stall watch to tell the collector's stalls apart. */
  let gcSpans: [number, number][] = [];
  const onGc = (list: { getEntries(): { startTime: number; duration: number }[] }) => {
    for (const e of list.getEntries()) {
      gcMax = Math.max(gcMax, e.duration); gcTotal += e.duration;
      if (watch) gcSpans.push([e.startTime, e.startTime + e.duration]);
    }
  };
  const gcObserver = new PerformanceObserver(onGc);
  gcObserver.observe({ entryTypes: ["gc"] });
  process.on("message", async (m: { cmd?: string; id?: number }) => {
    if (m?.cmd === "memory") {
      const gc = (globalThis as { gc?: () => void }).gc;
      // Two passes: the first may only queue finalizers.
      gc?.(); await new Promise((r) => setImmediate(r)); gc?.();
      const mem = process.memoryUsage();
      process.send!({ type: "memory", heapUsed: mem.heapUsed, rss: mem.rss });
    } else if (m?.cmd === "cpu") {
      // Pauses not yet handed to the observer's callback belong to this window too.
      onGc({ getEntries: () => gcObserver.takeRecords() });
      const u = process.cpuUsage();
      // The server's own clock: an overloaded server answers late, and the late answer must not stretch the window.
      process.send!({
        type: "cpu", id: m.id, micros: u.user + u.system, at: performance.now(), mainMicros: mainThreadMicros(),
        lagP99: lag.percentile(99) / 1e6, lagMax: lag.max / 1e6, gcMax, gcTotal, peakRss: process.resourceUsage().maxRSS * 1024,
        ...(watch ? { stalls: watch.take(gcSpans) } : {}),
      });
      lag.reset();
      gcMax = 0; gcTotal = 0; gcSpans = [];
    } else if (m?.cmd === "stop") {
      await close?.().catch(() => undefined);
      process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// Load children

/** Which client library the generators speak through (see `bench/wire-client.ts`). */
export type LoadClient = "wire" | "socket.io";

interface LoadConfig {
  urls: string[]; clients: number; rooms: number; rate: number; seconds: number; client: LoadClient;
  /** This generator drives the rooms r with r mod generators === generator. */
  generator: number; generators: number;
}

/** What one generator reports; the parent merges generators. */
interface LoadResult {
  sent: number; acked: number; visible: number; refused: Record<string, number>;
  ack: number[]; delivery: number[];
  expected: number; got: number;
  msgPerSec: number; cpu: number; lagP99: number;
}

const roomOf = (c: LoadConfig, i: number) => i % c.rooms;
/** The k-th member of a room connects to node k mod (number of nodes): with two nodes every room spans both. */
const urlOf = (c: LoadConfig, i: number) => c.urls[Math.floor(i / c.rooms) % c.urls.length]!;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What the generator needs of a client, whichever library speaks the protocol. */
interface LoadConn {
  onMessage(handler: (msg: { text: string }) => void): void;
  /** Emits with an ack; `err` is set when no ack came within `timeoutMs`. */
  emit(event: string, payload: unknown, timeoutMs: number, done: (err: Error | undefined, res?: unknown) => void): void;
  close(): void;
}

/** Connects one client to `/chat` with the guest handshake, through the chosen library. */
async function openConn(kind: LoadClient, url: string, timeoutMs: number): Promise<LoadConn> {
  const auth = { tenant: TENANT };
  if (kind === "wire") {
    const { WireClient } = await import("./wire-client.ts");
    const c = new WireClient(url, "/chat", auth, timeoutMs);
    await c.connected;
    return { onMessage: (h) => c.on("message", h as (p: unknown) => void), emit: (e, p, t, d) => c.emit(e, p, t, d), close: () => c.close() };
  }
  const { io } = await import("socket.io-client");
  const s = io(`${url}/chat`, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => { s.close(); reject(new Error("connect timed out")); }, timeoutMs);
    s.once("connect_error", (e) => { clearTimeout(t); s.close(); reject(e); });
    s.once("connect", () => { clearTimeout(t); resolve(); });
  });
  return {
    onMessage: (h) => s.on("message", h),
    emit: (e, p, t, d) => s.timeout(t).emit(e, p, (err: Error | null, res: unknown) => d(err ?? undefined, res)),
    close: () => s.close(),
  };
}

/** Latencies (ms) in a growing typed array: a sample costs the generator no heap object. */
class Samples {
  private buf = new Float64Array(1 << 16);
  private n = 0;
  push(ms: number): void {
    if (this.n === this.buf.length) { const b = new Float64Array(this.n * 2); b.set(this.buf); this.buf = b; }
    this.buf[this.n++] = ms;
  }
  /** Rounded to 10 µs (they cross IPC, and nothing finer is meaningful here); then empty. merge() sorts. */
  take(): number[] {
    const out = Array.from(this.buf.subarray(0, this.n), (x) => Math.round(x * 100) / 100);
    this.n = 0;
    return out;
  }
}

/**
 * What a generator sent during one phase, by slot: when, by which client (global index), how many
 * other members received it, and how many should have (set once its ack says visible). Typed
 * arrays and one text → slot map: the generator keeps no object per message. Its own GC pauses
 * land in the latencies of whichever side is under load; with an object per message they were
 * long enough (up to 9 ms, 1% of the time) to decide the p99 of both sides.
 */
class SentLog {
  at = new Float64Array(1 << 15);
  by = new Int32Array(1 << 15);
  got = new Int32Array(1 << 15);
  want = new Int32Array(1 << 15);
  n = 0;
  private readonly slots = new Map<string, number>();
  add(text: string, at: number, by: number): number {
    if (this.n === this.at.length) this.grow();
    const slot = this.n++;
    this.at[slot] = at; this.by[slot] = by; this.got[slot] = 0; this.want[slot] = 0;
    this.slots.set(text, slot);
    return slot;
  }
  slot(text: string): number | undefined { return this.slots.get(text); }
  totalGot(): number {
    let t = 0;
    for (let s = 0; s < this.n; s++) t += this.got[s]!;
    return t;
  }
  clear(): void { this.slots.clear(); this.n = 0; }
  private grow(): void {
    const wider = <T extends Float64Array | Int32Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
    this.at = wider(this.at); this.by = wider(this.by); this.got = wider(this.got); this.want = wider(this.want);
  }
}

async function runLoadChild(): Promise<void> {
  let cfg: LoadConfig;
  /** This generator's clients: global index and connection. */
  let mine: { i: number; s: LoadConn }[] = [];
  // One lookup per receipt (20,000 a second at standard load): the generator's own cost is shared by
  // every side, but on a 2-core machine every bit of it is contention for the server.
  const log = new SentLog();
  const delivery = new Samples();
  let measuring = false;

  process.on("message", async (m: { cmd: string; config?: LoadConfig; phase?: number; warmupMs?: number }) => {
    if (m.cmd === "connect") {
      cfg = m.config!;
      mine = await connectAll(cfg);
      process.send!({ type: "ready" });
    } else if (m.cmd === "run") {
      process.send!({ type: "result", ...(await load(m.phase ?? 0, m.warmupMs ?? 1000)) });
    } else if (m.cmd === "stop") {
      for (const { s } of mine) s.close();
      process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));

  async function connectAll(c: LoadConfig) {
    const ids: number[] = [];
    for (let i = 0; i < c.clients; i++) if (roomOf(c, i) % c.generators === c.generator) ids.push(i);
    const out: { i: number; s: LoadConn }[] = [];
    // In batches: a thousand simultaneous handshakes would measure the accept queue, not the relay.
    for (let b = 0; b < ids.length; b += 50) {
      const batch = ids.slice(b, b + 50);
      const socks = await Promise.all(batch.map((i) => connectOne(c, i)));
      batch.forEach((i, k) => out.push({ i, s: socks[k]! }));
    }
    return out;
  }

  async function connectOne(c: LoadConfig, i: number): Promise<LoadConn> {
    const room = `product:bench-${roomOf(c, i)}`;
    const s = await openConn(c.client, urlOf(c, i), 20_000);
    s.onMessage((msg) => {
      const slot = log.slot(msg.text);
      if (slot === undefined || log.by[slot] === i) return; // not ours, or the author's own echo
      log.got[slot]!++;
      if (measuring) delivery.push(performance.now() - log.at[slot]!);
    });
    const res = await new Promise<{ ok?: boolean } | undefined>((resolve, reject) =>
      s.emit("room:join", { room }, 20_000, (err, r) => (err ? reject(err) : resolve(r as { ok?: boolean }))));
    if (!res?.ok) { s.close(); throw new Error(`client ${i} could not join: ${JSON.stringify(res)}`); }
    return s;
  }

  /** One load phase; `phase` numbers it, so no text is ever sent twice by one client. */
  async function load(phase: number, warmupMs: number): Promise<LoadResult> {
    const c = cfg;
    const period = 1000 / c.rate;
    const next = mine.map(() => performance.now() + Math.random() * period);
    const seqs = mine.map(() => phase * 100_000);
    const ack = new Samples();
    const refused: Record<string, number> = {};
    const roomSize = new Array<number>(c.rooms).fill(0);
    for (const { i } of mine) roomSize[roomOf(c, i)]!++;
    let sent = 0, ackedCount = 0, visible = 0;
    const lag = monitorEventLoopDelay({ resolution: 5 });
    const t0 = performance.now();
    const warmEnd = t0 + warmupMs;
    const end = warmEnd + c.seconds * 1000;
    let measuredFrom = 0, measuredSent = 0, cpuFrom = process.cpuUsage();
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        if (!measuring && now >= warmEnd) {
          measuring = true; measuredFrom = now; measuredSent = sent; cpuFrom = process.cpuUsage(); lag.enable();
          process.send!({ type: "window", phase: "start" });
        }
        if (now >= end) { clearInterval(tick); resolve(); return; }
        for (let k = 0; k < mine.length; k++) {
          while (next[k]! <= now) {
            next[k]! += period;
            const { i, s } = mine[k]!;
            const text = shopperText(i, seqs[k]!++);
            const room = `product:bench-${roomOf(c, i)}`;
            const at = performance.now();
            const slot = log.add(text, at, i);
            const counted = measuring;
            sent++;
            // A clientId on every post, as the SDK sends (its retries are idempotent on it): the
            // server keeps a key per kept message.
            s.emit("message:send", { room, text, clientId: randomUUID() }, 10_000, (err, r) => {
              if (err) { refused.timeout = (refused.timeout ?? 0) + 1; return; }
              const res = r as { ok: boolean; message?: { status: string }; error?: { code: string } };
              ackedCount++;
              if (counted) ack.push(performance.now() - at);
              if (res.ok && res.message?.status === "visible") { visible++; log.want[slot] = roomSize[roomOf(c, i)]! - 1; }
              else if (res.ok) refused[res.message?.status ?? "?"] = (refused[res.message?.status ?? "?"] ?? 0) + 1;
              else refused[res.error?.code ?? "?"] = (refused[res.error?.code ?? "?"] ?? 0) + 1;
            });
          }
        }
      }, 5);
    });
    const loadMs = performance.now() - measuredFrom;
    const cpu = process.cpuUsage(cpuFrom);
    lag.disable();
    process.send!({ type: "window", phase: "end" });
    // Let stragglers arrive: until every ack is in and receipts have not grown for a second, at
    // most 30 s. An overloaded side delivers seconds late; cutting it short would count late as lost.
    const drainEnd = performance.now() + 30_000;
    let lastTotal = -1, still = 0;
    while (performance.now() < drainEnd) {
      await new Promise((r) => setTimeout(r, 200));
      const total = log.totalGot();
      still = total === lastTotal ? still + 1 : 0;
      if (ackedCount + (refused.timeout ?? 0) >= sent && still >= 5) break;
      lastTotal = total;
    }
    measuring = false;
    let expected = 0, got = 0;
    for (let slot = 0; slot < log.n; slot++) {
      expected += log.want[slot]!;
      got += Math.min(log.want[slot]!, log.got[slot]!);
    }
    const result: LoadResult = {
      sent, acked: ackedCount, visible, refused, ack: ack.take(), delivery: delivery.take(), expected, got,
      msgPerSec: ((sent - measuredSent) / loadMs) * 1000,
      cpu: (100 * (cpu.user + cpu.system)) / 1000 / loadMs,
      lagP99: lag.percentile(99) / 1e6,
    };
    log.clear();
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// Orchestration

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number, match: (m: Record<string, unknown>) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { cleanup(); reject(new Error(`timed out waiting for "${type}" from child`)); }, timeoutMs);
    const onMsg = (m: { type?: string }) => { if (m?.type === type && match(m)) { cleanup(); resolve(m as T); } };
    const onExit = (code: number | null) => { cleanup(); reject(new Error(`child exited (${code}) before "${type}"`)); };
    const cleanup = () => { clearTimeout(t); child.off("message", onMsg); child.off("exit", onExit); };
    child.on("message", onMsg);
    child.once("exit", onExit);
  });
}

/** Asks a child (server or generator) to stop and waits for it to exit; kills it after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try { child.send({ cmd: "stop" }); } catch { /* already gone */ }
  const hard = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(hard);
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
    else if (n === "causette") out.push(serverChild("causette", { clients }, cpuProfDir));
    else if (n === "causette-baseline") {
      if (!baselineDir) throw new Error("the causette-baseline side needs --baseline DIR");
      out.push(serverChild("causette", { clients }, cpuProfDir, n, undefined, baselineScript(baselineDir)));
    } else if (n === "causette-flags") {
      if (!tryFlags?.length) throw new Error("the causette-flags side needs --try-flags FLAGS");
      out.push(serverChild("causette", { clients }, cpuProfDir, n, [...startNodeFlags(), ...tryFlags]));
    } else if (n === "causette-uncorked") out.push(serverChild("causette", { clients, coalesceWrites: false }, cpuProfDir, n));
    else if (n === "causette-v8-defaults") out.push(serverChild("causette", { clients }, cpuProfDir, n, []));
    else if (n === "causette-x2") {
      if (redisAvailable) out.push(causetteOverRedis(clients, cpuProfDir));
      else console.warn("relay bench: redis-server is not on PATH, leaving out the causette-x2 side");
    } else throw new Error(`unknown side "${n}"; known: ${[...SIDE_NAMES, ...EXTRA_SIDE_NAMES].join(", ")}`);
  }
  return out;
}

/** Runs the comparison; resolves with one result per side per round. */
export async function runRelayBench(opts: RelayBenchOptions = {}): Promise<RoundResult[]> {
  const clients = opts.clients ?? 1000;
  const rooms = opts.rooms ?? 100;
  const rate = opts.rate ?? 2;
  const seconds = opts.seconds ?? 6;
  const rounds = opts.rounds ?? 15;
  const generators = Math.max(1, Math.min(opts.generators ?? 1, rooms));
  const client = opts.client ?? "wire";
  const print = opts.print ?? true;
  const sides = opts.sides ?? defaultSides(clients, { cpuProfDir: opts.cpuProfDir });
  // Server children inherit this process's environment; the switch goes with the run.
  if (opts.stallWatch) process.env.RELAY_STALL_WATCH = "1";
  else delete process.env.RELAY_STALL_WATCH;
  const log = (s: string) => { if (print) console.log(s); };
  log(`relay bench: ${clients} clients in ${rooms} rooms, ${rate} msg/s each; ${rounds} round(s), each a ${seconds} s load phase (after a warm-up: ${FIRST_WARMUP_MS / 1000} s the first time, then 1 s) on ${sides.map((s) => s.name).join(", ")} in turn; ${generators} load generator(s) per side, clients: ${client}; servers run with npm start's node flags: ${startNodeFlags().join(" ") || "(none)"}`);

  interface Live { side: RelaySide; server: RunningSide; loaders: ChildProcess[]; heapPerConn: number; rssPerConn: number }
  const live: Live[] = [];
  const results: RoundResult[] = [];
  try {
    // Every side is started and connected once; the rounds then take turns loading them.
    for (const side of sides) {
      const server = await side.start(side.name);
      const loaders = Array.from({ length: generators }, (_, g) => fork(SELF, ["--role", "load"], {
        execArgv: ["--import", "tsx", ...profArgs(opts.cpuProfDir, `gen-${side.name}-${g}`)],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }));
      const entry: Live = { side, server, loaders, heapPerConn: NaN, rssPerConn: NaN };
      live.push(entry);
      const before = await server.memory();
      const base = { urls: server.urls, clients, rooms, rate, seconds, generators, client };
      const ready = loaders.map((l) => nextMessage(l, "ready", 120_000));
      loaders.forEach((l, g) => l.send({ cmd: "connect", config: { ...base, generator: g } satisfies LoadConfig }));
      await Promise.all(ready);
      const after = await server.memory();
      entry.heapPerConn = (after.heapUsed - before.heapUsed) / clients;
      entry.rssPerConn = (after.rss - before.rss) / clients;
      log(`  ${side.name}: ${clients} clients connected and joined; idle heap ${kb(entry.heapPerConn)} rss ${kb(entry.rssPerConn)} per conn`);
    }
    for (let round = 0; round < rounds; round++) {
      for (const [k, { side, server, loaders, heapPerConn, rssPerConn }] of live.entries()) {
        // The server's CPU is read when the first generator starts and stops measuring.
        const marks: Promise<CpuSample[]>[] = [];
        const machine: ReturnType<typeof machineTicks>[] = [];
        const onWindow = (m: { type?: string }) => {
          if (m?.type !== "window") return;
          machine.push(machineTicks());
          marks.push(server.cpu());
        };
        loaders[0]!.on("message", onWindow);
        const done = loaders.map((l) => nextMessage<LoadResult>(l, "result", (seconds + 60) * 1000));
        // A side's first phase warms up longer: Causette has far more code for the JIT to settle than the bare relay.
        for (const l of loaders) l.send({ cmd: "run", phase: round * live.length + k, warmupMs: round === 0 ? FIRST_WARMUP_MS : 1000 });
        const parts = await Promise.all(done).finally(() => loaders[0]!.off("message", onWindow));
        const [from, to] = marks.length === 2 ? await Promise.all(marks) : [[], []];
        const merged = merge(parts);
        // Summed over processes: 100% is one core's worth, whichever processes used it.
        const serverCpu = cpuPercent(from!, to!, (c) => c.micros);
        const machineCpu = machinePercent(machine[0], machine[1]);
        const res: RoundResult = {
          side: side.name, round: round + 1, ...merged, heapPerConn, rssPerConn,
          serverCpu,
          serverMainCpu: cpuPercent(from!, to!, (c) => c.mainMicros),
          // The window's closing reading covers the window (each reading restarts the counts).
          serverLagP99: worst(to!, (c) => c.lagP99), serverLagMax: worst(to!, (c) => c.lagMax),
          serverGcMax: worst(to!, (c) => c.gcMax), serverGcTotal: worst(to!, (c) => c.gcTotal),
          serverPeakRss: to!.reduce((a, c) => a + c.peakRss, 0),
          serverStalls: sumStalls(to!),
          loadAvg: loadavg()[0]!,
          // Everything that ran besides this side's server and generators: other sides, the bench, neighbours.
          otherCpu: machineCpu.busy - serverCpu - merged.genCpuSum,
          stealCpu: machineCpu.steal,
        };
        results.push(res);
        const stalls = res.serverStalls ? ` | stalls ${formatStalls(res.serverStalls)}` : "";
        log(`  round ${round + 1} ${side.name.padEnd(11)} ack p50 ${fmt(res.ackP50)} p99 ${fmt(res.ackP99)} ms | delivery p50 ${fmt(res.deliveryP50)} p99 ${fmt(res.deliveryP99)} ms | delivered ${res.deliveredRatio.toFixed(4)} | ${Math.round(res.msgPerSec)} msg/s sent, ${res.visible}/${res.sent} visible${Object.keys(res.refused).length ? ` (other: ${JSON.stringify(res.refused)})` : ""} | cpu server ${pct(res.serverCpu)} (main thread ${pct(res.serverMainCpu)}; lag p99 ${fmt(res.serverLagP99)} max ${fmt(res.serverLagMax)} ms; gc max ${fmt(res.serverGcMax)} total ${Math.round(res.serverGcTotal)} ms) gen ${pct(res.genCpu)} (lag p99 ${fmt(res.genLagP99)} ms), rest of machine ${pct(res.otherCpu)} (steal ${pct(res.stealCpu)}), load avg ${res.loadAvg.toFixed(1)}${stalls}`);
      }
    }
  } finally {
    for (const { loaders, server } of live) {
      await Promise.all(loaders.map(stopChild));
      await server.stop();
    }
  }
  if (print) summarize(results, sides.map((s) => s.name));
  return results;
}

/** The largest figure among the server processes' readings (NaN when there are none). */
function worst(samples: CpuSample[], f: (c: CpuSample) => number): number {
  return samples.length ? Math.max(...samples.map(f)) : NaN;
}

/** CPU of the server processes between two readings, summed over processes, in % of one core. */
function cpuPercent(from: CpuSample[], to: CpuSample[], micros: (c: CpuSample) => number): number {
  if (!from.length) return NaN;
  return from.reduce((sum, a, i) => sum + (100 * (micros(to[i]!) - micros(a))) / 1000 / (to[i]!.at - a.at), 0);
}

function merge(parts: LoadResult[]): Omit<RoundResult, "side" | "round" | "heapPerConn" | "rssPerConn" | "serverCpu" | "serverMainCpu" | "serverLagP99" | "serverLagMax" | "serverGcMax" | "serverGcTotal" | "serverPeakRss" | "serverStalls" | "loadAvg" | "otherCpu" | "stealCpu"> {
  const ack = parts.flatMap((p) => p.ack).sort((a, b) => a - b);
  const delivery = parts.flatMap((p) => p.delivery).sort((a, b) => a - b);
  const refused: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.refused)) refused[k] = (refused[k] ?? 0) + v;
  const sum = (f: (p: LoadResult) => number) => parts.reduce((a, p) => a + f(p), 0);
  const expected = sum((p) => p.expected);
  return {
    sent: sum((p) => p.sent), acked: sum((p) => p.acked), visible: sum((p) => p.visible), refused,
    ackP50: percentile(ack, 50), ackP99: percentile(ack, 99),
    deliveryP50: percentile(delivery, 50), deliveryP99: percentile(delivery, 99),
    acks: ack, deliveries: delivery,
    deliveredRatio: expected ? sum((p) => p.got) / expected : NaN,
    msgPerSec: sum((p) => p.msgPerSec),
    genCpu: Math.max(...parts.map((p) => p.cpu)),
    genCpuSum: sum((p) => p.cpu),
    genLagP99: Math.max(...parts.map((p) => p.lagP99)),
  };
}

/** Stalls of a side's servers over a window, summed; undefined when no server watched (no --stall-watch, or an older baseline). */
function sumStalls(samples: CpuSample[]): StallCount | undefined {
  const watched = samples.filter((c) => c.stalls);
  if (!watched.length) return undefined;
  const sum = (key: keyof StallCount) => watched.reduce((a, c) => a + (c.stalls![key] ?? NaN), 0);
  const waitCoreMs = sum("waitCoreMs"), gcMs = sum("gcMs");
  return {
    count: sum("count"), ms: sum("ms"), offCpuMs: sum("offCpuMs"),
    ...(Number.isNaN(waitCoreMs) ? {} : { waitCoreMs }), ...(Number.isNaN(gcMs) ? {} : { gcMs }),
  };
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : "n/a");

/**
 * "3 (62 ms, 9 in GC pauses: 20 on CPU, 30 waiting for a core, 12 asleep)", or the lower bound
 * alone without schedstat. A GC pause's time is on the CPU or asleep (waiting for its helper).
 */
export function formatStalls(s: StallCount): string {
  const r = Math.round;
  const gc = s.gcMs === undefined ? "" : `, ${r(s.gcMs)} in GC pauses`;
  if (s.waitCoreMs === undefined) return `${s.count} (${r(s.ms)} ms${gc}, at least ${r(s.offCpuMs)} off-CPU)`;
  return `${s.count} (${r(s.ms)} ms${gc}: ${r(s.ms - s.offCpuMs)} on CPU, ${r(s.waitCoreMs)} waiting for a core, ${r(Math.max(0, s.offCpuMs - s.waitCoreMs))} asleep)`;
}

const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}%` : "n/a");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? `${Math.round(bytes / 1048576)} MB` : "n/a");
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
};

/**
 * The phases during which other work on the machine (a neighbour, another side's leftovers) took
 * far more CPU than it usually did during that side's phases: at least twice the side's median and
 * 20 points of a core above it. A burst lands on whichever side is under load, and one such phase
 * can make a side's pooled p99 by itself; the summary names them so a verdict can be read against
 * them. A phase whose figure could not be read (NaN) is never named.
 */
export function busyMachinePhases<R extends Pick<RoundResult, "side" | "otherCpu">>(results: readonly R[]): R[] {
  const typical = new Map<string, number>();
  for (const side of new Set(results.map((r) => r.side))) {
    typical.set(side, median(results.filter((r) => r.side === side && Number.isFinite(r.otherCpu)).map((r) => r.otherCpu)));
  }
  return results.filter((r) => {
    const usual = typical.get(r.side)!;
    return r.otherCpu >= Math.max(2 * usual, usual + 20);
  });
}

function summarize(results: RoundResult[], names: string[]): void {
  const by = (name: string) => results.filter((r) => r.side === name);
  const agg = (name: string) => {
    const rs = by(name);
    const med = (f: (r: RoundResult) => number) => median(rs.map(f));
    const pooled = (f: (r: RoundResult) => number[]) => rs.flatMap(f).sort((a, b) => a - b);
    const acks = pooled((r) => r.acks), deliveries = pooled((r) => r.deliveries);
    return {
      ackP50: percentile(acks, 50), ackP99: percentile(acks, 99),
      deliveryP50: percentile(deliveries, 50), deliveryP99: percentile(deliveries, 99),
      ratio: Math.min(...rs.map((r) => r.deliveredRatio)),
      serverCpu: med((r) => r.serverCpu), serverMainCpu: med((r) => r.serverMainCpu), genCpu: med((r) => r.genCpu), genLag: med((r) => r.genLagP99),
      lagMax: med((r) => r.serverLagMax), gcMax: med((r) => r.serverGcMax),
      heap: med((r) => r.heapPerConn), rss: med((r) => r.rssPerConn),
      peakRss: Math.max(...rs.map((r) => r.serverPeakRss)),
    };
  };
  console.log("\nsummary (latencies: every round's samples pooled; cpu, stalls, gen and memory: median over rounds; delivered ratio: worst round; cpu in % of one core)");
  console.log("side          ack p50  ack p99  deliv p50  deliv p99  delivered  srv cpu  (main)  srv lag max  gc max  gen cpu  gen lag p99  heap/conn  rss/conn  peak rss");
  for (const n of names) {
    const a = agg(n);
    console.log(`${n.padEnd(12)} ${fmt(a.ackP50).padStart(8)} ${fmt(a.ackP99).padStart(8)}  ${fmt(a.deliveryP50).padStart(9)}  ${fmt(a.deliveryP99).padStart(9)}  ${a.ratio.toFixed(4).padStart(9)}  ${pct(a.serverCpu).padStart(7)}  ${pct(a.serverMainCpu).padStart(6)}  ${fmt(a.lagMax).padStart(11)}  ${fmt(a.gcMax).padStart(6)}  ${pct(a.genCpu).padStart(7)}  ${fmt(a.genLag).padStart(11)}  ${kb(a.heap).padStart(9)}  ${kb(a.rss).padStart(8)}  ${mb(a.peakRss).padStart(8)}`);
  }
  // A generator that lags measures itself as much as the server. Busy (cpu near a core): the
  // generator is the bottleneck. Lagging at a low cpu: it was waiting for a core (other work).
  for (const n of names) {
    const a = agg(n);
    if (a.genCpu >= 90) console.log(`\nload generator saturated during ${n} (${pct(a.genCpu)} of a core): its latencies are upper bounds (--generators 2 spreads it, which only helps when a core is left idle; else fewer --clients)`);
    else if (a.genLag >= 50) console.log(`\nload generator starved during ${n} (loop lag p99 ${fmt(a.genLag)} ms at ${pct(a.genCpu)} cpu): the cores were busy elsewhere, its latencies are upper bounds`);
  }
  const load = results.map((r) => r.loadAvg);
  console.log(`machine load average during the run: ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${availableParallelism()} cores`);
  const busy = busyMachinePhases(results);
  if (busy.length) {
    console.log(`other work on the machine surged (at least twice its usual share during that side's phases) in: ${busy.map((r) => `round ${r.round} ${r.side} (${pct(r.otherCpu)} of a core; p99 ${fmt(r.ackP99)} ms)`).join(", ")}; a pooled p99 can be that phase's alone`);
  }
  if (names.includes("bare")) {
    const bare = agg("bare");
    for (const n of names.filter((x) => x !== "bare")) {
      const c = agg(n);
      const check = (ok: boolean) => (ok ? "OK " : "MISS");
      const p99 = Math.max(c.ackP99 / bare.ackP99, c.deliveryP99 / bare.deliveryP99);
      const mem = c.heap / bare.heap;
      // Round by round against the bare phase run just before it: how steady the pooled figure is.
      const perRound = (ratio: (side: RoundResult, bareRound: RoundResult) => number) => by(n).map((r) => {
        const b = by("bare").find((x) => x.round === r.round);
        return b ? ratio(r, b) : NaN;
      }).filter(Number.isFinite);
      const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(", ");
      const p99Rounds = perRound((r, b) => Math.max(r.ackP99 / b.ackP99, r.deliveryP99 / b.deliveryP99));
      // Pooled alone can pass on one bad bare round (the tail is whose stall was worst), so the
      // median round must pass too: met means met in a typical round, not on average.
      const p99Median = p99Rounds.length ? median(p99Rounds) : NaN;
      const within = p99Rounds.filter((x) => x <= 1.5).length;
      console.log(`\ntargets for ${n}:`);
      console.log(`  ${check(p99 <= 1.5 && p99Median <= 1.5)} p99 within 1.5x bare, pooled and in the median round: pooled ack ${(c.ackP99 / bare.ackP99).toFixed(2)}x, delivery ${(c.deliveryP99 / bare.deliveryP99).toFixed(2)}x; median round ${p99Median.toFixed(2)}x (${within} of ${p99Rounds.length} rounds within)`);
      console.log(`       p99 ratio round by round: ${list(p99Rounds)}`);
      // The servers' main-thread CPU for the same load: steadier than p99, and what drives it (a
      // main thread busier by x needs longer to drain the same stall, so the tail grows faster than x).
      console.log(`       main-thread cpu ratio round by round: ${list(perRound((r, b) => r.serverMainCpu / b.serverMainCpu))}`);
      console.log(`  ${check(mem <= 1.5)} idle memory per connection within 1.5x bare: heap ${mem.toFixed(2)}x (${kb(c.heap)} vs ${kb(bare.heap)}), rss ${(c.rss / bare.rss).toFixed(2)}x`);
      console.log(`  ${check(c.ratio === 1)} delivered ratio 1.0: ${c.ratio.toFixed(4)}`);
    }
  }
  if (names.includes("causette") && names.includes("causette-x2")) {
    const one = agg("causette"), two = agg("causette-x2");
    const d = (a: number, b: number) => `${b - a >= 0 ? "+" : ""}${fmt(b - a)} ms`;
    console.log("\ncross-node cost (causette-x2 minus causette):");
    console.log(`  ack p50 ${d(one.ackP50, two.ackP50)}, p99 ${d(one.ackP99, two.ackP99)}; delivery p50 ${d(one.deliveryP50, two.deliveryP50)}, p99 ${d(one.deliveryP99, two.deliveryP99)}`);
    console.log(`  delivered ratio ${two.ratio.toFixed(4)} (one node ${one.ratio.toFixed(4)}); server cpu ${pct(two.serverCpu)} for two nodes vs ${pct(one.serverCpu)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Entry

/** Options from command-line flags (see the header); `npm run bench` passes its flags here too. */
export function optionsFromArgs(argv: readonly string[]): RelayBenchOptions {
  const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const o: RelayBenchOptions = {};
  for (const k of ["clients", "rooms", "rate", "seconds", "rounds", "generators"] as const) {
    const v = arg(k);
    if (v === undefined) continue;
    const n = Number(v);
    if (!(n > 0)) throw new Error(`--${k} must be a positive number, got "${v}"`);
    o[k] = n;
  }
  const client = arg("client");
  if (client !== undefined) {
    if (client !== "wire" && client !== "socket.io") throw new Error(`--client must be wire or socket.io, got "${client}"`);
    o.client = client;
  }
  const prof = arg("cpu-prof");
  if (prof) o.cpuProfDir = prof;
  if (argv.includes("--stall-watch")) o.stallWatch = true;
  let names = arg("sides")?.split(",").map((s) => s.trim()).filter(Boolean);
  // Sides added by a flag go right after causette, so the two are loaded back to back in every round.
  const addAfterCausette = (side: string) => {
    const list = names ?? [...SIDE_NAMES];
    if (!list.includes(side)) list.splice(list.includes("causette") ? list.indexOf("causette") + 1 : list.length, 0, side);
    names = list;
  };
  const baseline = arg("baseline");
  if (baseline !== undefined) {
    baselineScript(baseline); // refuses a folder that is not a checkout, before anything starts
    addAfterCausette("causette-baseline");
  }
  const tryFlagsArg = arg("try-flags");
  const tryFlags = tryFlagsArg?.split(/\s+/).filter(Boolean);
  if (tryFlagsArg !== undefined) {
    if (!tryFlags!.length || tryFlags!.some((f) => !f.startsWith("--"))) throw new Error(`--try-flags takes node flags, each starting with --, got "${tryFlagsArg}"`);
    addAfterCausette("causette-flags");
  }
  if (names) o.sides = defaultSides(o.clients ?? 1000, { cpuProfDir: prof, names, baselineDir: baseline, tryFlags });
  return o;
}

/** This file in another checkout of the repository (--baseline), which must have its node_modules. */
function baselineScript(dir: string): string {
  const script = resolve(dir, "bench", "relay.ts");
  if (!existsSync(script) || !existsSync(resolve(dir, "node_modules"))) {
    throw new Error(`--baseline must name a checkout of this repository with its node_modules (no ${existsSync(script) ? "node_modules" : "bench/relay.ts"} in "${dir}")`);
  }
  return script;
}

const roleAt = process.argv.indexOf("--role");
const role = roleAt >= 0 ? process.argv[roleAt + 1] : undefined;
if (role === "server-bare") await runBareServer();
else if (role === "server-causette") await runCausetteServer();
else if (role === "load") await runLoadChild();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--help")) {
    // The header comment is the usage text: one place to keep up to date.
    const header = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(SELF, "utf8"))?.[1] ?? "";
    console.log(header.split("\n").map((l) => l.replace(/^ \* ?/, "")).join("\n").trim());
    process.exit(0);
  }
  await runRelayBench(optionsFromArgs(process.argv.slice(2)));
  process.exit(0);
}
