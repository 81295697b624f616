import { openSync, readFileSync, readSync } from "node:fs";
import { availableParallelism } from "node:os";

/** CPU counters read from Linux's /proc: the machine's, and this process's main thread's. */

/**
 * CPU time of this process's main thread, from /proc (Linux; NaN elsewhere). The process total
 * also counts V8's GC helper threads and libuv's pool, which run on the other core.
 */
export function mainThreadMicros(): number {
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
export function machineTicks(): { busy: number; steal: number; total: number } | undefined {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    return { busy: user + nice + system + irq + softirq + steal, steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

/** Machine CPU between two readings, in % of one core (so up to 100 × cores), busy and steal. */
export function machinePercent(a: ReturnType<typeof machineTicks>, b: ReturnType<typeof machineTicks>): { busy: number; steal: number } {
  if (!a || !b || b.total <= a.total) return { busy: NaN, steal: NaN };
  const cores = availableParallelism();
  const f = (100 * cores) / (b.total - a.total);
  return { busy: (b.busy - a.busy) * f, steal: (b.steal - a.steal) * f };
}


/**
 * The main thread's scheduler counters (Linux's /proc/<pid>/task/<pid>/schedstat: time on a core,
 * time runnable but waiting for one, in ns), read with one pread on a file kept open (a few µs).
 * Undefined where the file does not exist.
 */
export function mainThreadSchedstat(): (() => { onCpuNs: number; waitNs: number }) | undefined {
  let fd: number;
  try { fd = openSync(`/proc/self/task/${process.pid}/schedstat`, "r"); } catch { return undefined; }
  const buf = Buffer.alloc(128);
  return () => {
    const [on, wait] = buf.toString("latin1", 0, readSync(fd, buf, 0, buf.length, 0)).split(" ");
    return { onCpuNs: Number(on), waitNs: Number(wait) };
  };
}
