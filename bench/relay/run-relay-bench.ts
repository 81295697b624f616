import type { ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { startNodeFlags } from "../../test/shared/start-flags.ts";
import { forkRole, nextMessage, profArgs, stopChild } from "./children.ts";
import { machinePercent, machineTicks } from "./cpu-probes.ts";
import { formatRound, kb } from "./format.ts";
import type { LoadConfig, LoadResult } from "./load-generator.ts";
import type { RelayBenchOptions } from "./options.ts";
import { cpuPercent, mergeLoads, sumStalls, worst, type RoundResult } from "./round-result.ts";
import type { CpuSample } from "./server-control.ts";
import { defaultSides, type RelaySide, type RunningSide } from "./sides.ts";
import { summarize } from "./summary.ts";

/** Unmeasured load before a side's first phase (later phases warm up for 1 s). */
const FIRST_WARMUP_MS = 5000;

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
      const loaders = Array.from({ length: generators }, (_, g) => forkRole("load", ["--import", "tsx", ...profArgs(opts.cpuProfDir, `gen-${side.name}-${g}`)]));
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
        const merged = mergeLoads(parts);
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
        log(formatRound(res));
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
