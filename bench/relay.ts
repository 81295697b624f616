/**
 * Relay benchmark: the same chat load against a bare Socket.IO relay and against Causette (full
 * pipeline, default filters), alternated in one run (bare, causette, bare, causette) so machine
 * drift hits both alike.
 *
 *   npx tsx bench/relay.ts                     # standard load: 1,000 clients, 100 rooms, 2 msg/s each
 *   npx tsx bench/relay.ts --clients 200 --seconds 5 --rounds 1
 *   npm run bench -- relay
 *
 * Processes: every server runs in its own child process (fresh per round) and all clients run in
 * one more child process, so the load generator never shares an event loop with the server
 * (2 cores: one each). Only loopback is used; every child is stopped when the round ends.
 *
 * Figures per round:
 * - ack latency: client emit → ack, p50/p99;
 * - delivery latency: sender's emit → receipt by another member of the room, p50/p99
 *   (sender and receivers live in the same client process, so one clock);
 * - delivered ratio: receipts by other members / (acknowledged visible messages × (room size − 1));
 * - memory per idle connection: heap and RSS of the server process after `global.gc()`
 *   (the server children run with --expose-gc), before and after N clients connected and joined
 *   a room, divided by N. Measured in the server's own child process, for each side.
 *
 * `runRelayBench(opts)` is exported so another side (e.g. a two-node Redis cluster) can be added
 * by passing `sides`: each side starts its servers and reports their URLs and memory.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const TENANT = "bench";

export interface RelayBenchOptions {
  clients?: number;
  rooms?: number;
  /** Messages per client per second. */
  rate?: number;
  /** Seconds of load per round (after a 1 s warm-up that is not measured). */
  seconds?: number;
  /** Each round runs every side once, in order. */
  rounds?: number;
  /** Sides to compare; default: bare Socket.IO relay and one Causette node. */
  sides?: RelaySide[];
  /** Print progress and the table (default true). */
  print?: boolean;
}

export interface Memory { heapUsed: number; rss: number }

/** A running system under test: where clients connect, and how to read the servers' memory. */
export interface RunningSide {
  urls: string[];
  /** Total memory of its server processes after a full GC. */
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

export interface RelaySide {
  name: string;
  start(): Promise<RunningSide>;
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
  deliveredRatio: number;
  heapPerConn: number; rssPerConn: number;
  msgPerSec: number;
}

// ---------------------------------------------------------------------------------------------
// Server children

type ServerKind = "bare" | "causette";

/** Starts one server child of `kind`; the child answers memory requests over IPC. */
export function serverChild(kind: ServerKind, extra: Record<string, unknown> = {}): RelaySide {
  return {
    name: kind,
    async start() {
      const child = fork(SELF, ["--role", `server-${kind}`], {
        execArgv: ["--import", "tsx", "--expose-gc"],
        env: { ...process.env, RELAY_BENCH_EXTRA: JSON.stringify(extra) },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      const { port } = await nextMessage<{ port: number }>(child, "listening", 30_000);
      return {
        urls: [`http://127.0.0.1:${port}`],
        memory: async () => {
          child.send({ cmd: "memory" });
          return nextMessage<Memory & { type: string }>(child, "memory", 10_000);
        },
        stop: () => stopChild(child),
      };
    },
  };
}

async function runBareServer(): Promise<void> {
  const { createServer } = await import("node:http");
  const { Server } = await import("socket.io");
  const http = createServer();
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
  serveMemory();
  process.send!({ type: "listening", port: (http.address() as { port: number }).port });
}

/** The Causette config of the bench: default filters, rate limits well above the load. */
export function benchConfigRaw(clients: number) {
  return {
    server: { port: 0, host: "127.0.0.1", maxConnectionsPerIp: clients * 4 + 100, logLevel: "silent", guestSecret: "relay-bench-guest-secret-0123456789abcdef" },
    redis: { url: null },
    tenants: [{
      id: TENANT, name: "Bench Beauty", origins: [],
      auth: { hs256Secret: "relay-bench-jwt-secret-0123456789abcdef0123", issuer: "bench", audience: "causette" },
      guests: true,
      rateLimit: { burst: 50, perSecond: 20 },
    }],
  };
}

async function runCausetteServer(): Promise<void> {
  const { createApp } = await import("../server/app.ts");
  const { parseConfig } = await import("../server/config/load.ts");
  const extra = JSON.parse(process.env.RELAY_BENCH_EXTRA || "{}") as { clients?: number };
  const app = await createApp(parseConfig(benchConfigRaw(extra.clients ?? 1000), "relay bench"));
  const port = await app.listen(0, "127.0.0.1");
  serveMemory(() => app.close());
  process.send!({ type: "listening", port });
}

function serveMemory(close?: () => Promise<void>): void {
  process.on("message", async (m: { cmd?: string }) => {
    if (m?.cmd === "memory") {
      const gc = (globalThis as { gc?: () => void }).gc;
      // Two passes: the first may only queue finalizers.
      gc?.(); await new Promise((r) => setImmediate(r)); gc?.();
      const mem = process.memoryUsage();
      process.send!({ type: "memory", heapUsed: mem.heapUsed, rss: mem.rss });
    } else if (m?.cmd === "stop") {
      await close?.().catch(() => undefined);
      process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// Load child

interface LoadConfig { urls: string[]; clients: number; rooms: number; rate: number; seconds: number; warmupMs: number; round: number }

const OPENERS = [
  "Does this serum suit dry skin", "Is the cream good for sensitive skin", "How long does one bottle last",
  "Can I use it with retinol", "Is the packaging recyclable", "Does the scent stay all day",
  "Would you recommend it for oily skin", "How do you apply the mask", "Is the travel size worth it",
  "Does the tint match fair skin",
];
const WORDS = [
  "amber", "birch", "cedar", "dahlia", "elm", "fern", "ginger", "hazel", "iris", "jasmine", "kale", "lilac",
  "maple", "nutmeg", "olive", "peony", "quince", "rose", "sage", "thyme", "umber", "violet", "willow", "yarrow",
  "zinnia", "basil", "clover", "daisy", "ember", "fig", "garnet", "heather", "indigo", "juniper", "kiwi", "lotus",
];
const word = (n: number) => WORDS[Math.floor(n) % WORDS.length]!;
/** A clean shopper text unique per (client, sequence): no filter hit, never a repeat or a raid. */
function shopperText(client: number, seq: number): string {
  return `${OPENERS[seq % OPENERS.length]}? Asking for my ${word(client)} ${word(client / 36)} ${word(seq)} ${word(seq / 36)} ${word(seq / 1296)} routine`;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function runLoadChild(): Promise<void> {
  const { io } = await import("socket.io-client");
  type Sock = ReturnType<typeof io>;
  let cfg: LoadConfig;
  let socks: Sock[] = [];
  const sentAt = new Map<string, number>();
  const receipts = new Map<string, number>();
  const delivery: number[] = [];
  let measuring = false;

  process.on("message", async (m: { cmd: string; config?: LoadConfig }) => {
    if (m.cmd === "connect") {
      cfg = m.config!;
      socks = await connectAll(cfg);
      process.send!({ type: "ready" });
    } else if (m.cmd === "run") {
      process.send!({ type: "result", ...(await load()) });
    } else if (m.cmd === "close") {
      for (const s of socks) s.close();
      process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));

  async function connectAll(c: LoadConfig): Promise<Sock[]> {
    const out: Sock[] = [];
    // In batches: a thousand simultaneous handshakes would measure the accept queue, not the relay.
    for (let i = 0; i < c.clients; i += 50) {
      const batch = [];
      for (let j = i; j < Math.min(c.clients, i + 50); j++) batch.push(connectOne(c, j));
      out.push(...(await Promise.all(batch)));
    }
    return out;
  }

  function connectOne(c: LoadConfig, i: number): Promise<Sock> {
    const url = c.urls[i % c.urls.length]!;
    const room = `product:bench-${i % c.rooms}`;
    const s = io(`${url}/chat`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { tenant: TENANT } });
    s.on("message", (msg: { text: string; author: { id: string } }) => {
      const t = sentAt.get(msg.text);
      if (t === undefined) return;
      if ((s as unknown as { __sender?: Set<string> }).__sender?.has(msg.text)) return; // own echo
      receipts.set(msg.text, (receipts.get(msg.text) ?? 0) + 1);
      if (measuring) delivery.push(performance.now() - t);
    });
    (s as unknown as { __sender: Set<string> }).__sender = new Set();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`client ${i} did not connect`)), 20_000);
      s.once("connect_error", (e) => { clearTimeout(t); reject(e); });
      s.once("connect", () => {
        s.timeout(20_000).emit("room:join", { room }, (err: Error | null, res: { ok: boolean }) => {
          clearTimeout(t);
          if (err || !res?.ok) reject(err ?? new Error(JSON.stringify(res)));
          else resolve(s);
        });
      });
    });
  }

  async function load() {
    const c = cfg;
    const period = 1000 / c.rate;
    const next = socks.map(() => performance.now() + Math.random() * period);
    const seqs = socks.map(() => c.round * 100_000);
    const ack: number[] = [];
    const refused: Record<string, number> = {};
    const acked = new Map<string, number>(); // text → room size - 1 expected receipts, for visible acks
    const roomSize = new Array(c.rooms).fill(0);
    for (let i = 0; i < socks.length; i++) roomSize[i % c.rooms]++;
    let sent = 0, ackedCount = 0, visible = 0;
    const t0 = performance.now();
    const warmEnd = t0 + c.warmupMs;
    const end = warmEnd + c.seconds * 1000;
    let measuredFrom = 0, measuredSent = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        if (!measuring && now >= warmEnd) { measuring = true; measuredFrom = now; measuredSent = sent; }
        if (now >= end) { clearInterval(tick); resolve(); return; }
        for (let i = 0; i < socks.length; i++) {
          while (next[i]! <= now) {
            next[i]! += period;
            const s = socks[i]!;
            const text = shopperText(i, seqs[i]!++);
            const room = `product:bench-${i % c.rooms}`;
            const at = performance.now();
            sentAt.set(text, at);
            (s as unknown as { __sender: Set<string> }).__sender.add(text);
            const counted = measuring;
            sent++;
            s.timeout(10_000).emit("message:send", { room, text }, (err: Error | null, res: { ok: boolean; message?: { status: string }; error?: { code: string } }) => {
              if (err) { refused.timeout = (refused.timeout ?? 0) + 1; return; }
              ackedCount++;
              if (counted) ack.push(performance.now() - at);
              if (res.ok && res.message?.status === "visible") { visible++; acked.set(text, roomSize[i % c.rooms] - 1); }
              else if (res.ok) refused[res.message?.status ?? "?"] = (refused[res.message?.status ?? "?"] ?? 0) + 1;
              else refused[res.error?.code ?? "?"] = (refused[res.error?.code ?? "?"] ?? 0) + 1;
            });
          }
        }
      }, 5);
    });
    const loadMs = performance.now() - measuredFrom;
    // Let stragglers arrive: until every ack is in and receipts stop growing, at most 5 s.
    const drainEnd = performance.now() + 5000;
    let lastTotal = -1;
    while (performance.now() < drainEnd) {
      await new Promise((r) => setTimeout(r, 200));
      let total = 0;
      for (const v of receipts.values()) total += v;
      if (ackedCount + (refused.timeout ?? 0) >= sent && total === lastTotal) break;
      lastTotal = total;
    }
    measuring = false;
    let expected = 0, got = 0;
    for (const [text, want] of acked) {
      expected += want;
      got += Math.min(want, receipts.get(text) ?? 0);
    }
    ack.sort((a, b) => a - b);
    delivery.sort((a, b) => a - b);
    const result = {
      sent, acked: ackedCount, visible, refused,
      ackP50: percentile(ack, 50), ackP99: percentile(ack, 99),
      deliveryP50: percentile(delivery, 50), deliveryP99: percentile(delivery, 99),
      deliveredRatio: expected ? got / expected : NaN,
      msgPerSec: ((sent - measuredSent) / loadMs) * 1000,
    };
    sentAt.clear(); receipts.clear(); delivery.length = 0;
    for (const s of socks) (s as unknown as { __sender: Set<string> }).__sender.clear();
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// Orchestration

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { cleanup(); reject(new Error(`timed out waiting for "${type}" from child`)); }, timeoutMs);
    const onMsg = (m: { type?: string }) => { if (m?.type === type) { cleanup(); resolve(m as T); } };
    const onExit = (code: number | null) => { cleanup(); reject(new Error(`child exited (${code}) before "${type}"`)); };
    const cleanup = () => { clearTimeout(t); child.off("message", onMsg); child.off("exit", onExit); };
    child.on("message", onMsg);
    child.once("exit", onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try { child.send({ cmd: "stop" }); } catch { /* already gone */ }
  const hard = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(hard);
}

/** Runs the comparison; resolves with one result per side per round. */
export async function runRelayBench(opts: RelayBenchOptions = {}): Promise<RoundResult[]> {
  const clients = opts.clients ?? 1000;
  const rooms = opts.rooms ?? 100;
  const rate = opts.rate ?? 2;
  const seconds = opts.seconds ?? 12;
  const rounds = opts.rounds ?? 2;
  const print = opts.print ?? true;
  const sides = opts.sides ?? [serverChild("bare"), serverChild("causette", { clients })];
  const log = (s: string) => { if (print) console.log(s); };
  log(`relay bench: ${clients} clients in ${rooms} rooms, ${rate} msg/s each, ${seconds} s per round (+1 s warm-up), ${rounds} round(s) of ${sides.map((s) => s.name).join(", ")}`);
  const results: RoundResult[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) {
      const server = await side.start();
      const loader = fork(SELF, ["--role", "load"], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
      try {
        const before = await server.memory();
        const config: LoadConfig = { urls: server.urls, clients, rooms, rate, seconds, warmupMs: 1000, round: round * sides.length + sides.indexOf(side) };
        loader.send({ cmd: "connect", config });
        await nextMessage(loader, "ready", 120_000);
        const after = await server.memory();
        loader.send({ cmd: "run" });
        const r = await nextMessage<Omit<RoundResult, "side" | "round" | "heapPerConn" | "rssPerConn">>(loader, "result", (seconds + 30) * 1000);
        const res: RoundResult = {
          side: side.name, round: round + 1, ...r,
          heapPerConn: (after.heapUsed - before.heapUsed) / clients,
          rssPerConn: (after.rss - before.rss) / clients,
        };
        results.push(res);
        log(`  round ${round + 1} ${side.name.padEnd(9)} ack p50 ${fmt(res.ackP50)} p99 ${fmt(res.ackP99)} ms | delivery p50 ${fmt(res.deliveryP50)} p99 ${fmt(res.deliveryP99)} ms | delivered ${res.deliveredRatio.toFixed(4)} | ${Math.round(res.msgPerSec)} msg/s sent, ${res.visible}/${res.sent} visible${Object.keys(res.refused).length ? ` (other: ${JSON.stringify(res.refused)})` : ""} | idle heap ${kb(res.heapPerConn)} rss ${kb(res.rssPerConn)} per conn`);
      } finally {
        try { loader.send({ cmd: "close" }); } catch { /* gone */ }
        await new Promise<void>((resolve) => { if (loader.exitCode !== null) resolve(); else loader.once("exit", () => resolve()); setTimeout(() => { loader.kill("SIGKILL"); resolve(); }, 5000).unref(); });
        await server.stop();
      }
    }
  }
  if (print) summarize(results, sides.map((s) => s.name));
  return results;
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : "n/a");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
};

function summarize(results: RoundResult[], names: string[]): void {
  const by = (name: string) => results.filter((r) => r.side === name);
  const agg = (name: string) => {
    const rs = by(name);
    return {
      ackP50: median(rs.map((r) => r.ackP50)), ackP99: median(rs.map((r) => r.ackP99)),
      deliveryP50: median(rs.map((r) => r.deliveryP50)), deliveryP99: median(rs.map((r) => r.deliveryP99)),
      ratio: Math.min(...rs.map((r) => r.deliveredRatio)),
      heap: median(rs.map((r) => r.heapPerConn)), rss: median(rs.map((r) => r.rssPerConn)),
    };
  };
  console.log("\nsummary (median over rounds; delivered ratio: worst round)");
  console.log("side       ack p50  ack p99  deliv p50  deliv p99  delivered  heap/conn  rss/conn");
  for (const n of names) {
    const a = agg(n);
    console.log(`${n.padEnd(10)} ${fmt(a.ackP50).padStart(7)}  ${fmt(a.ackP99).padStart(7)}  ${fmt(a.deliveryP50).padStart(9)}  ${fmt(a.deliveryP99).padStart(9)}  ${a.ratio.toFixed(4).padStart(9)}  ${kb(a.heap).padStart(9)}  ${kb(a.rss).padStart(8)}`);
  }
  if (names.includes("bare")) {
    const bare = agg("bare");
    for (const n of names.filter((x) => x !== "bare")) {
      const c = agg(n);
      const check = (ok: boolean) => (ok ? "OK " : "MISS");
      const p99 = Math.max(c.ackP99 / bare.ackP99, c.deliveryP99 / bare.deliveryP99);
      const mem = c.heap / bare.heap;
      console.log(`\ntargets for ${n}:`);
      console.log(`  ${check(p99 <= 1.5)} p99 within 1.5x bare: ack ${(c.ackP99 / bare.ackP99).toFixed(2)}x, delivery ${(c.deliveryP99 / bare.deliveryP99).toFixed(2)}x`);
      console.log(`  ${check(mem <= 1.5)} idle memory per connection within 1.5x bare: heap ${mem.toFixed(2)}x (${kb(c.heap)} vs ${kb(bare.heap)}), rss ${(c.rss / bare.rss).toFixed(2)}x`);
      console.log(`  ${check(c.ratio === 1)} delivered ratio 1.0: ${c.ratio.toFixed(4)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Entry

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const role = arg("role");
if (role === "server-bare") await runBareServer();
else if (role === "server-causette") await runCausetteServer();
else if (role === "load") await runLoadChild();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const num = (n: string) => (arg(n) !== undefined ? Number(arg(n)) : undefined);
  const o: RelayBenchOptions = {};
  for (const k of ["clients", "rooms", "rate", "seconds", "rounds"] as const) { const v = num(k); if (v !== undefined) o[k] = v; }
  await runRelayBench(o);
  process.exit(0);
}
