/**
 * History benchmark: what keeping rooms' recent messages costs the embedded store's heap and its
 * garbage collector, against the same messages kept as plain objects in Maps (how the embedded
 * store kept them before message-log.ts, and how any straightforward in-memory store would),
 * measured in the same run.
 *
 *   npx tsx bench/history.ts                      # 1,000 rooms × 300 kept messages
 *   npx tsx bench/history.ts --rooms 100          # the relay bench's 100 rooms
 *   npm run bench -- history --rooms 100
 *
 * Flags (all optional):
 *   --rooms N       rooms (default 1000); each keeps 300 messages, what the default historySize of
 *                   100 keeps (timelineKeep), so N × 300 messages are live at the end
 *   --rounds N      alternations of the two sides (default 2), each side in a fresh process
 *
 * Each side runs in its own child process with npm start's node flags. It appends messages shaped
 * like the relay bench's (guest authors, a shared device, French text, a client id as the SDK
 * sends) until every room is full, then as many again while a PerformanceObserver records each
 * garbage collection. Figures per side:
 * - append: µs per message in the second half (the pipeline's `appendMessage`, forgetting included);
 * - young GC: time in scavenges per 1,000 messages appended, and the longest one;
 * - longest append: the slowest single append of the second half that no GC ran during: the
 *   store's own stalls (a Map kept busy with adds and deletes rebuilds its whole table now and then);
 * - heap and external: after a full GC, with every room full (external is Buffer memory, off the
 *   heap, which the collector does not walk);
 * - full GC: median of 5 `global.gc()` with every room full: the marking a major collection does;
 * - read: µs per message of a room's whole kept window, which is what a `room:join` reads.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PerformanceObserver, constants as perfConstants } from "node:perf_hooks";
import type { Author, Device } from "../client-sdk/src/protocol.ts";
import { createMemoryStores } from "../server/store/memory-stores.ts";
import { idempotencyKey, type StoredMessage } from "../server/store/messages/message-store.ts";
import { hash53 } from "../server/filters/hash53.ts";
import { startNodeFlags } from "../test/shared/start-flags.ts";
import { shopperText } from "../test/shared/texts.ts";

const SELF = fileURLToPath(import.meta.url);
const KEEP = 300;
const TENANT = "bench";
const SIDES = ["causette", "objects"] as const;
type SideName = (typeof SIDES)[number];

export interface HistoryBenchOptions { rooms?: number; rounds?: number; print?: boolean }

export interface HistoryFigures {
  side: SideName; messages: number; appendUs: number; longestAppendMs: number; youngGcMsPer1k: number; youngGcMaxMs: number;
  heapMB: number; externalMB: number; fullGcMs: number; readUs: number;
}

/** The minimum a store of plain objects does per message: by id, per room (capped), idempotency. */
interface HistoryKeeper {
  append(m: StoredMessage, idemKey: string): void;
  timeline(room: string, limit: number): StoredMessage[] | Promise<StoredMessage[]>;
}

function objectKeeper(): HistoryKeeper {
  const messages = new Map<string, StoredMessage>();
  const timelines = new Map<string, string[]>();
  const idempotency = new Map<number, { id: string; expires: number }>();
  const copy = (m: StoredMessage): StoredMessage => ({ ...m, author: { ...m.author }, ...(m.device ? { device: { ...m.device } } : {}) });
  return {
    append(m, idemKey) {
      const key = hash53(idemKey);
      idempotency.set(key, { id: m.id, expires: m.createdAt + 600_000 });
      messages.set(m.id, m);
      let list = timelines.get(m.room);
      if (!list) timelines.set(m.room, (list = []));
      list.push(m.id);
      if (list.length > KEEP) {
        const gone = messages.get(list.shift()!)!;
        messages.delete(gone.id);
        idempotency.delete(hash53(idempotencyKey(gone.author.id, gone.clientId!)));
      }
    },
    timeline(room, limit) {
      return (timelines.get(room) ?? []).slice(-limit).map((id) => copy(messages.get(id)!));
    },
  };
}

function causetteKeeper(): HistoryKeeper {
  const store = createMemoryStores().messages;
  return {
    append(m, idemKey) {
      store.appendMessage(TENANT, m, { keep: KEEP, idempotency: { key: idemKey, ttlMs: 600_000 } });
    },
    timeline: (room, limit) => store.roomTimeline(TENANT, room, limit),
  };
}

async function measureSide(side: SideName, rooms: number): Promise<HistoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  const keeper = side === "causette" ? causetteKeeper() : objectKeeper();
  const device: Device = { browser: "Chrome", os: "Android", type: "mobile", bot: false, ua: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36" };
  const authors: Author[] = Array.from({ length: 1000 }, (_, i) => ({ id: `g_${randomUUID().slice(0, 18)}`, name: `Guest ${i}`, role: "member" }));
  let n = 0;
  const append = () => {
    const author = authors[n % authors.length]!, clientId = randomUUID();
    keeper.append({
      id: `m_${(1.7e12 + n).toString(36)}${randomUUID().slice(0, 8)}`, room: `room-${n % rooms}`, author, text: shopperText(n, n * 7),
      createdAt: Date.now(), status: "visible", ip: `10.0.${(n >> 8) & 255}.${n & 255}`, device, clientId,
    }, idempotencyKey(author.id, clientId));
    n++;
  };
  const full = rooms * KEEP;
  for (let i = 0; i < full; i++) append();

  const pauses: number[] = [];
  /** Every GC's [start, end], to tell the store's own stalls from the collector's. */
  const gcs: [number, number][] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcs.push([e.startTime, e.startTime + e.duration]);
      if ((e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) pauses.push(e.duration);
    }
  });
  obs.observe({ entryTypes: ["gc"] });
  const slow: [number, number][] = [];
  const t0 = performance.now();
  for (let i = 0; i < full; i++) {
    const t = performance.now();
    append();
    const end = performance.now();
    if (end - t > 0.2) slow.push([t, end]);
  }
  const appendUs = ((performance.now() - t0) * 1000) / full;
  await new Promise((r) => setTimeout(r, 50)); // the observer reports asynchronously
  obs.disconnect();
  const longestAppendMs = Math.max(0, ...slow.filter(([a, b]) => !gcs.some(([g0, g1]) => g0 < b && g1 > a)).map(([a, b]) => b - a));

  gc(); gc();
  const mem = process.memoryUsage();
  const fulls: number[] = [];
  for (let k = 0; k < 5; k++) { const t = performance.now(); gc(); fulls.push(performance.now() - t); }
  fulls.sort((a, b) => a - b);

  let read = 0;
  const r0 = performance.now();
  for (let k = 0; k < 200; k++) read += (await keeper.timeline(`room-${k % rooms}`, KEEP)).length;
  const readUs = ((performance.now() - r0) * 1000) / read;
  (globalThis as { kept?: unknown }).kept = keeper; // alive until the figures are taken
  return {
    side, messages: full, appendUs, longestAppendMs, youngGcMsPer1k: (pauses.reduce((a, b) => a + b, 0) / full) * 1000,
    youngGcMaxMs: Math.max(0, ...pauses), heapMB: mem.heapUsed / 2 ** 20, externalMB: mem.external / 2 ** 20,
    fullGcMs: fulls[2]!, readUs,
  };
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

export async function runHistoryBench(opts: HistoryBenchOptions = {}): Promise<HistoryFigures[]> {
  const rooms = opts.rooms ?? 1000, rounds = opts.rounds ?? 2, print = opts.print ?? true;
  const log = (s: string) => { if (print) console.log(s); };
  log(`history bench: ${rooms} rooms × ${KEEP} kept messages; ${rounds} round(s), each side in a fresh process with npm start's node flags: ${startNodeFlags().join(" ")}`);
  log("side       messages  append µs  longest append ms  young GC ms/1k msgs  longest young GC ms  heap MB  external MB  full GC ms  read µs/msg");
  const all: HistoryFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const side of SIDES) {
      const child = spawnSync(process.execPath, [...startNodeFlags(), "--expose-gc", "--import", "tsx", SELF, "--role", side, "--rooms", String(rooms)], { encoding: "utf8", maxBuffer: 1 << 20 });
      const line = child.stdout.trim().split("\n").pop() ?? "";
      if (child.status !== 0 || !line.startsWith("{")) throw new Error(`history bench: ${side} failed (${child.status}): ${child.stderr.slice(-2000)}`);
      const r = JSON.parse(line) as HistoryFigures;
      all.push(r);
      log(`${r.side.padEnd(10)} ${String(r.messages).padStart(8)}  ${f2(r.appendUs).padStart(9)}  ${f1(r.longestAppendMs).padStart(17)}  ${f2(r.youngGcMsPer1k).padStart(19)}  ${f1(r.youngGcMaxMs).padStart(19)}  ${f1(r.heapMB).padStart(7)}  ${f1(r.externalMB).padStart(11)}  ${f1(r.fullGcMs).padStart(10)}  ${f2(r.readUs).padStart(11)}`);
    }
  }
  const median = (side: SideName, k: keyof HistoryFigures) => {
    const v = all.filter((r) => r.side === side).map((r) => r[k] as number).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)]!;
  };
  const ratio = (k: keyof HistoryFigures) => `${f2(median("causette", k) / median("objects", k))}×`;
  log(`causette against objects (medians): heap + external ${f2((median("causette", "heapMB") + median("causette", "externalMB")) / (median("objects", "heapMB") + median("objects", "externalMB")))}×, heap alone ${ratio("heapMB")}, full GC ${ratio("fullGcMs")}, young GC time ${ratio("youngGcMsPer1k")}, append ${ratio("appendUs")}, read ${ratio("readUs")}`);
  return all;
}

/** Options from command-line flags (see the header); `npm run bench` passes its flags here too. */
export function optionsFromArgs(argv: readonly string[]): HistoryBenchOptions {
  const o: HistoryBenchOptions = {};
  for (const k of ["rooms", "rounds"] as const) {
    const i = argv.indexOf(`--${k}`);
    if (i < 0) continue;
    const v = Number(argv[i + 1]);
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`--${k} must be a positive integer, got "${argv[i + 1]}"`);
    o[k] = v;
  }
  return o;
}

const roleAt = process.argv.indexOf("--role");
const role = roleAt >= 0 ? process.argv[roleAt + 1] : undefined;
if (role !== undefined) {
  if (!(SIDES as readonly string[]).includes(role)) throw new Error(`unknown side ${role}`);
  console.log(JSON.stringify(await measureSide(role as SideName, optionsFromArgs(process.argv).rooms ?? 1000)));
  process.exit(0);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runHistoryBench(optionsFromArgs(process.argv.slice(2)));
  process.exit(0);
}
