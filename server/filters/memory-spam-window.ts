import { hash53 } from "./hash53.ts";
import type { SpamCount, SpamWindow } from "./types.ts";

/**
 * The in-memory `SpamWindow`: the embedded store keeps one per tenant, unit tests use it directly.
 *
 * It is on the path of every message (two records each) and, at chat rates, holds hundreds of
 * thousands of records, so it allocates nothing per record, never sweeps, and gives the garbage
 * collector nothing to trace: everything lives in typed arrays, which the collector sees as a
 * handful of objects whatever they hold. (As JS objects in Maps, these records were most of a busy
 * server's heap, and every major GC paid for them.)
 * - Records sit in a ring (time, key hash, member hash, link to the previous record of the same
 *   index slot), numbered by a sequence: record s is in slot s mod capacity until overwritten.
 *   The ring doubles while the record it would overwrite is still inside the window, up to
 *   `maxRecords`; past that the oldest records are forgotten first.
 * - A direct-mapped index, twice the ring's size, holds per slot (chosen by the key's hash) the
 *   newest record. Keys that share a slot share one chain, newest first; a walk skips the records
 *   whose 53-bit key hash differs and stops at the first one that is out of the window or
 *   overwritten. So nothing ever expires explicitly: old entries are simply never reached.
 * - A wrong count would need two keys to agree on all 53 bits of their hash, or two members of
 *   one key on 32.
 *
 * @example
 *   const w = createMemorySpamWindow();
 *   w.record("k", "alice", 60_000, Date.now()); // { count: 1, distinct: 1 }
 */

export interface MemorySpamWindowOptions {
  /** Most records kept (rounded up to a power of two); the oldest go first past it. */
  maxRecords?: number;
  /** Most records counted per key; thresholds are far lower, so older ones add nothing. */
  maxPerKey?: number;
}

export interface MemorySpamWindow extends SpamWindow {
  /** Records the ring holds before it grows or forgets (for tests of the memory bound). */
  readonly capacity: number;
  /** Answers at once: nothing here waits. */
  record(key: string, member: string, windowMs: number, now: number): SpamCount;
}

const INITIAL_CAPACITY = 1024;
const TWO_32 = 0x100000000;

export function createMemorySpamWindow(opts: MemorySpamWindowOptions = {}): MemorySpamWindow {
  const maxRecords = 2 ** Math.ceil(Math.log2(Math.max(INITIAL_CAPACITY, opts.maxRecords ?? 1 << 20)));
  const maxPerKey = opts.maxPerKey ?? 256;

  let capacity = INITIAL_CAPACITY;
  let at = new Float64Array(capacity);
  let keyLo = new Int32Array(capacity);
  let keyHi = new Int32Array(capacity);
  let member = new Int32Array(capacity);
  /** Sequence number of the previous record of the same index slot, or -1. */
  let prev = new Float64Array(capacity);
  /** Per index slot: 1 + the sequence number of its newest record, or 0. */
  let index = new Float64Array(capacity * 2);
  /** Records written so far. */
  let written = 0;

  const alive = (s: number) => s >= 0 && s >= written - capacity;

  /** Doubles the ring and the index; records keep their numbers, chains are rebuilt for the new slots. */
  const grow = () => {
    const cap = capacity * 2;
    const a = new Float64Array(cap), lo = new Int32Array(cap), hi = new Int32Array(cap), m = new Int32Array(cap), p = new Float64Array(cap);
    const idx = new Float64Array(cap * 2);
    const mask = cap * 2 - 1;
    for (let s = Math.max(0, written - capacity); s < written; s++) {
      const from = s % capacity, to = s % cap;
      a[to] = at[from]!; lo[to] = keyLo[from]!; hi[to] = keyHi[from]!; m[to] = member[from]!;
      const slot = lo[to]! & mask;
      p[to] = idx[slot]! - 1;
      idx[slot] = s + 1;
    }
    capacity = cap; at = a; keyLo = lo; keyHi = hi; member = m; prev = p; index = idx;
  };

  const record = (key: string, who: string, windowMs: number, now: number) => {
    const cutoff = now - windowMs;
    // The record about to be overwritten is still inside the window: grow rather than forget it.
    if (written >= capacity && capacity < maxRecords && at[written % capacity]! > cutoff) grow();

    const h = hash53(key);
    const lo = h >>> 0 | 0;
    const hi = Math.floor(h / TWO_32);
    const slot = lo & (index.length - 1);
    const head = index[slot]! - 1;
    const s = written++;
    const r0 = s % capacity;
    at[r0] = now;
    keyLo[r0] = lo;
    keyHi[r0] = hi;
    member[r0] = hash53(who) | 0; // its low 32 bits
    prev[r0] = alive(head) ? head : -1;
    index[slot] = s + 1;

    // Walk the slot's chain, newest first, until a record is out of the window or overwritten.
    // Distinct members: a short list while few (the usual case), a Set once there are many.
    const few: number[] = [];
    let many: Set<number> | undefined;
    let count = 0;
    for (let r = s; alive(r) && count < maxPerKey; r = prev[r % capacity]!) {
      const i = r % capacity;
      if (at[i]! <= cutoff) break;
      if (keyLo[i] !== lo || keyHi[i] !== hi) continue; // another key of the same slot
      count++;
      const mh = member[i]!;
      if (many) many.add(mh);
      else if (!few.includes(mh) && few.push(mh) > 16) many = new Set(few);
    }
    return { count, distinct: many ? many.size : few.length };
  };

  return {
    get capacity() { return capacity; },
    record,
  };
}
