import { mainThreadSchedstat } from "./cpu-probes.ts";

/**
 * Event-loop stalls: how many, their total length, and how much of it the main thread was off the
 * CPU (ms; at least that much where schedstat is missing), and of that, how long it waited for a
 * core (absent without schedstat); the rest of the off-CPU time it slept.
 */
export interface StallCount { count: number; ms: number; offCpuMs: number; waitCoreMs?: number; gcMs?: number }

/** Gaps between two ticks of the stall watch's timer that count as a stall (ms; the timer ticks every 5). */
const STALL_MS = 15;

/**
 * --stall-watch: a 5 ms timer that counts the event loop's stalls and splits each by what the
 * main thread did meanwhile, from its scheduler counters: ran (our code or the collector), waited
 * for a core (the host: another process, or the hypervisor taking the core back without
 * reporting steal time), or slept (blocked: on a lock such as a GC helper thread it waits to
 * join, or on a page fault). Without schedstat, only the process's CPU time is known, and the
 * off-CPU figure is then a lower bound (it counts helper threads' CPU as the main thread's).
 */
export function stallWatch(): { take(gcSpans: readonly (readonly [number, number])[]): StallCount } {
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
