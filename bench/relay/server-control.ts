import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { mainThreadMicros } from "./cpu-probes.ts";
import { stallWatch, type StallCount } from "./stall-watch.ts";

/**
 * The server child's side of the IPC with the bench: it answers "memory", "cpu" and "stop". These
 * messages are the contract with the parent, and with the parent of a newer checkout too (a
 * --baseline server runs this file from its own checkout), so fields are only ever added.
 */

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
 * Answers the bench over IPC until it says stop: "memory" (after a full GC), "cpu" (this
 * process's CPU time, and the stall figures since the previous "cpu"), "stop" (runs `close`, then
 * exits). It also exits when the bench goes away.
 */
export function serveControl(close?: () => Promise<void>): void {
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
