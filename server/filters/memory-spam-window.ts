import { hash53 } from "./hash53.ts";
import type { SpamWindow } from "./types.ts";

/**
 * The in-memory `SpamWindow`: the embedded store keeps one per tenant, unit tests use it directly.
 *
 * It is on the path of every message (two records each) and, at chat rates, holds hundreds of
 * thousands of records, so it is built to allocate nothing per record and to expire for free:
 * - records live in a ring of typed arrays (time, key check, member hash, link to the key's
 *   previous record). A typed array is one object to the garbage collector whatever it holds, so
 *   a minute of records costs the collector nothing to trace (as JS objects they were most of the
 *   server's heap, and every major GC paid for them). The ring doubles while its oldest record is
 *   still inside the window, up to `maxRecords`; past that the oldest records are forgotten first;
 * - an index maps each key to its newest record. It has two generations, each one window long:
 *   when the current one is a window old it becomes the previous one, and the old previous one
 *   (whose records are all out of the window by then) is dropped whole. Nothing ever sweeps;
 * - keys are indexed by 31 bits of a 53-bit hash (a small integer, so the index holds no key
 *   strings and no boxed numbers) and each record keeps 22 more bits to tell keys apart that share
 *   those 31. Members are compared by a 32-bit hash. A wrong count would need two keys to agree
 *   on all 53 bits, or two members of one key on 32.
 *
 * Memory is bounded by `maxRecords` and `maxKeys` (a flood of distinct keys turns the index's
 * generations early, so some records are forgotten before their window ends rather than memory
 * growing without end).
 *
 * @example
 *   const w = createMemorySpamWindow();
 *   await w.record("k", "alice", 60_000, Date.now()); // { count: 1, distinct: 1 }
 */

export interface MemorySpamWindowOptions {
  /** Most records kept (rounded up to a power of two); the oldest go first past it. */
  maxRecords?: number;
  /** Most keys in one index generation; past it the generations turn early. */
  maxKeys?: number;
  /** Most records counted per key; thresholds are far lower, so older ones add nothing. */
  maxPerKey?: number;
}

export interface MemorySpamWindow extends SpamWindow {
  /** Keys currently indexed (for tests of the memory bound). */
  readonly size: number;
  /** Records the ring can hold before it grows or forgets (for tests of the memory bound). */
  readonly capacity: number;
  /** The same as `record`, without the promise (the embedded store calls it in its own async method). */
  recordSync(key: string, member: string, windowMs: number, now: number): { count: number; distinct: number };
}

const INITIAL_CAPACITY = 1024;
const TWO_31 = 0x80000000;

/** 32-bit FNV-1a of a string, as a signed int (fits an Int32Array). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export function createMemorySpamWindow(opts: MemorySpamWindowOptions = {}): MemorySpamWindow {
  const maxRecords = 2 ** Math.ceil(Math.log2(Math.max(INITIAL_CAPACITY, opts.maxRecords ?? 1 << 20)));
  const maxPerKey = opts.maxPerKey ?? 256;
  const maxKeys = opts.maxKeys ?? 1 << 20;

  let capacity = INITIAL_CAPACITY;
  let at = new Float64Array(capacity);
  let check = new Int32Array(capacity);
  let member = new Int32Array(capacity);
  /** Sequence number of the same key's previous record, or -1. */
  let prev = new Float64Array(capacity);
  /** Records written so far; record s sits in slot s mod capacity while s >= written - capacity. */
  let written = 0;

  let current = new Map<number, number>();
  let previous = new Map<number, number>();
  let currentSince = -Infinity;

  const alive = (s: number) => s >= 0 && s >= written - capacity;

  /** Doubles the ring, keeping every record's sequence number (only the slots move). */
  const grow = () => {
    const next = capacity * 2;
    const a = new Float64Array(next), c = new Int32Array(next), m = new Int32Array(next), p = new Float64Array(next);
    for (let s = Math.max(0, written - capacity); s < written; s++) {
      const from = s % capacity, to = s % next;
      a[to] = at[from]!; c[to] = check[from]!; m[to] = member[from]!; p[to] = prev[from]!;
    }
    capacity = next; at = a; check = c; member = m; prev = p;
  };

  const recordSync = (key: string, who: string, windowMs: number, now: number) => {
    if (now - currentSince >= windowMs || current.size >= maxKeys) {
      // Two turns without records in between: the current generation is out of the window too.
      previous = now - currentSince >= 2 * windowMs ? new Map() : current;
      current = new Map();
      currentSince = now;
    }
    const cutoff = now - windowMs;
    // The slot about to be reused still holds a record inside the window: grow rather than forget it.
    if (written >= capacity && capacity < maxRecords && at[written % capacity]! > cutoff) grow();

    const h = hash53(key);
    const idx = h % TWO_31;
    const chk = Math.floor(h / TWO_31) | 0;
    const head = current.get(idx) ?? previous.get(idx);
    const s = written++;
    const slot = s % capacity;
    at[slot] = now;
    check[slot] = chk;
    member[slot] = hash32(who);
    prev[slot] = head !== undefined && alive(head) ? head : -1;
    current.set(idx, s);

    // Walk the key's records, newest first, until one is out of the window (or overwritten).
    // Distinct members: a short list while few (the usual case), a Set once there are many.
    const few: number[] = [];
    let many: Set<number> | undefined;
    let count = 0;
    for (let r = s; alive(r) && count < maxPerKey; r = prev[r % capacity]!) {
      const sl = r % capacity;
      if (at[sl]! <= cutoff) break;
      if (check[sl] !== chk) continue; // another key sharing the index's 31 bits
      count++;
      const m = member[sl]!;
      if (many) many.add(m);
      else if (!few.includes(m) && few.push(m) > 16) many = new Set(few);
    }
    return { count, distinct: many ? many.size : few.length };
  };

  return {
    get size() { return current.size + previous.size; },
    get capacity() { return capacity; },
    recordSync,
    async record(key, who, windowMs, now) { return recordSync(key, who, windowMs, now); },
  };
}
