import type { SpamWindow } from "./types.ts";

/**
 * An in-memory `SpamWindow` for the embedded store and unit tests (one node only).
 * Memory is bounded three ways: expired records are pruned on every touch of their key, a sweep
 * drops idle keys every `sweepEvery` records, and the oldest keys are evicted beyond `maxKeys`.
 *
 * @example
 *   const w = createMemorySpamWindow();
 *   await w.record("k", "alice", 60_000, Date.now()); // { count: 1, distinct: 1 }
 */

export interface MemorySpamWindowOptions {
  /** Most keys kept at once; the least recently touched go first. */
  maxKeys?: number;
  /** Most records kept per key; thresholds are far lower, so older ones add nothing. */
  maxPerKey?: number;
  /** Records between two sweeps of idle keys. */
  sweepEvery?: number;
}

interface Bucket { times: number[]; members: string[]; windowMs: number }

export interface MemorySpamWindow extends SpamWindow {
  /** Keys currently held (for tests of the memory bound). */
  readonly size: number;
}

export function createMemorySpamWindow(opts: MemorySpamWindowOptions = {}): MemorySpamWindow {
  const maxKeys = opts.maxKeys ?? 50_000;
  const maxPerKey = opts.maxPerKey ?? 256;
  const sweepEvery = opts.sweepEvery ?? 1_024;
  const buckets = new Map<string, Bucket>();
  let sinceSweep = 0;

  const sweep = (now: number): void => {
    for (const [key, b] of buckets) {
      if (b.times.length === 0 || b.times[b.times.length - 1] <= now - b.windowMs) buckets.delete(key);
    }
  };

  return {
    get size() { return buckets.size; },
    async record(key, member, windowMs, now) {
      let b = buckets.get(key);
      if (b) buckets.delete(key); // re-inserted below, so Map order is least recently used first
      else b = { times: [], members: [], windowMs };
      b.windowMs = windowMs;
      let drop = 0;
      while (drop < b.times.length && b.times[drop] <= now - windowMs) drop++;
      if (b.times.length - drop >= maxPerKey) drop = b.times.length - maxPerKey + 1;
      if (drop > 0) { b.times.splice(0, drop); b.members.splice(0, drop); }
      b.times.push(now);
      b.members.push(member);
      buckets.set(key, b);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      if (++sinceSweep >= sweepEvery) { sinceSweep = 0; sweep(now); }
      return { count: b.times.length, distinct: new Set(b.members).size };
    },
  };
}
