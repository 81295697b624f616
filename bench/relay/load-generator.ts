import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { shopperText } from "../../test/shared/texts.ts";
import { openConn, type LoadClient, type LoadConn } from "./load-connection.ts";
import { Samples } from "./samples.ts";
import { SentLog } from "./sent-log.ts";

/**
 * A load generator child (`--role load`): connects its share of the clients (whole rooms) once,
 * then runs one load phase per "run" and reports what it sent and received.
 */

export interface LoadConfig {
  urls: string[]; clients: number; rooms: number; rate: number; seconds: number; client: LoadClient;
  /** This generator drives the rooms r with r mod generators === generator. */
  generator: number; generators: number;
}

/** What one generator reports; the parent merges generators. */
export interface LoadResult {
  sent: number; acked: number; visible: number; refused: Record<string, number>;
  ack: number[]; delivery: number[];
  expected: number; got: number;
  msgPerSec: number; cpu: number; lagP99: number;
}

const roomOf = (c: LoadConfig, i: number) => i % c.rooms;
/** The k-th member of a room connects to node k mod (number of nodes): with two nodes every room spans both. */
const urlOf = (c: LoadConfig, i: number) => c.urls[Math.floor(i / c.rooms) % c.urls.length]!;

export async function runLoadGenerator(): Promise<void> {
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
