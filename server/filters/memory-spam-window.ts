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
 * - Records sit in a ring (time, member hash, link to the previous record of the same key),
 *   numbered by a sequence: record s is in slot s mod capacity until overwritten.
 *   The ring doubles while the record it would overwrite is still inside the window, up to
 *   `maxRecords`; past that the oldest records are forgotten first.
 * - An open-addressed index, twice the ring's size, holds per key its 53-bit hash and its newest
 *   record. A key's entry is at its home slot (the low bits of the hash's low lane) or
 *   one of the next PROBE - 1 slots; an entry whose newest record is overwritten or out of the
 *   window is free to be taken by another key. So each key has a chain of its own records only,
 *   newest first, and a walk stops at the first one out of the window or overwritten, or after
 *   `maxPerKey`: a key sharing a home slot with a busy key no longer walks the busy key's records.
 *   Nothing ever expires explicitly: old entries and records are simply never reached.
 * - Work per record is bounded: at most PROBE index slots, then at most `maxPerKey` + 1 records.
 * - If all PROBE slots hold live entries of other keys, the entry whose newest record is oldest
 *   is taken over: its key starts a fresh chain and undercounts until its older records leave the
 *   window. A safe degradation (never an overcount, never unbounded work), and a rare one: live
 *   keys fill at most half the index, and even with every record a new key, all in the window, at
 *   the cap, it happened to about 50 records in a million. Texts chosen to aim at one home slot
 *   can cause it, but each costs the sender a message and only ages other keys out early. The
 *   same can happen to a key whose entry looked stale under a shorter window given by another
 *   caller (in the server, one detector per tenant: one window).
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
  /**
   * For tests: if given, each `record` adds to `probes` the index slots it looked at and to
   * `visits` the records its walk looked at, so tests can check the work stays bounded.
   */
  work?: { probes: number; visits: number };
}

export interface MemorySpamWindow extends SpamWindow {
  /** Records the ring holds before it grows or forgets (for tests of the memory bound). */
  readonly capacity: number;
  /** Answers at once: nothing here waits. */
  record(key: string, member: string, windowMs: number, now: number): SpamCount;
  recordPair(keys: readonly [string, string], member: string, windowMs: number, now: number): [SpamCount, SpamCount];
}

const INITIAL_CAPACITY = 1024;
/** Index slots looked at per key: its home slot and the next PROBE - 1. */
const PROBE = 32;

export function createMemorySpamWindow(opts: MemorySpamWindowOptions = {}): MemorySpamWindow {
  const maxRecords = 2 ** Math.ceil(Math.log2(Math.max(INITIAL_CAPACITY, opts.maxRecords ?? 1 << 20)));
  const maxPerKey = opts.maxPerKey ?? 256;
  const work = opts.work;

  let capacity = INITIAL_CAPACITY;
  let at = new Float64Array(capacity);
  let member = new Int32Array(capacity);
  /** Sequence number of the previous record of the same key, or -1. */
  let prev = new Float64Array(capacity);
  /** Per index entry: 1 + the sequence number of its key's newest record, or 0 if never used. */
  let head = new Float64Array(capacity * 2);
  /** Per index entry: its key's 53-bit hash (exact in a double). */
  let keyHash = new Float64Array(capacity * 2);
  /** Records written so far. */
  let written = 0;
  /** Records before this one were not copied when the ring last grew: gone, whatever their number. */
  let floor = 0;

  const alive = (s: number) => s >= floor && s >= written - capacity;

  /**
   * The index entry of the key hashed `h`: its own if it has one within PROBE slots of its home,
   * else a never-used or stale one, else the one whose newest record is oldest (taken over, see
   * above). An entry given to a new key starts with no records.
   */
  const entryFor = (h: number, cutoff: number) => {
    const mask = head.length - 1;
    let free = -1, oldest = -1, oldestAt = Infinity, probes = 0, found = -1;
    for (let e = h & mask; probes < PROBE; e = (e + 1) & mask) { // home: the hash's low bits
      probes++;
      const newest = head[e]! - 1;
      if (newest < 0) { if (free < 0) free = e; break; } // never used: no key sits past it
      if (keyHash[e] === h) { found = e; break; }
      if (free >= 0) continue;
      const t = alive(newest) ? at[newest % capacity]! : -Infinity;
      if (t <= cutoff) free = e;
      else if (t < oldestAt) { oldestAt = t; oldest = e; }
    }
    if (work) work.probes += probes;
    if (found >= 0) return found;
    const e = free >= 0 ? free : oldest >= 0 ? oldest : h & mask;
    head[e] = 0;
    keyHash[e] = h;
    return e;
  };

  /**
   * Doubles the ring and the index. Records keep their numbers, so their links stay valid; the
   * index entries that still lead somewhere are placed anew for the larger index.
   */
  const grow = (cutoff: number) => {
    const cap = capacity * 2;
    const a = new Float64Array(cap), m = new Int32Array(cap), p = new Float64Array(cap);
    const first = Math.max(floor, written - capacity);
    // Copied in runs (two at most: the old ring wraps once), not record by record: a grow
    // happens while messages wait, and at 131,072 records it was an 11 ms stall. A run never
    // crosses the new ring's end: `to` is `from` or `from + capacity`, and the run ends by the
    // old ring's end.
    for (let s = first; s < written;) {
      const from = s % capacity, to = s % cap;
      const n = Math.min(written - s, capacity - from);
      a.set(at.subarray(from, from + n), to);
      m.set(member.subarray(from, from + n), to);
      p.set(prev.subarray(from, from + n), to);
      s += n;
    }
    const oldHead = head, oldHash = keyHash;
    capacity = cap; at = a; member = m; prev = p; floor = first;
    head = new Float64Array(cap * 2); keyHash = new Float64Array(cap * 2);
    // Placed by entryFor, the one place that knows the probing rules. A second, leaner probe
    // for the fresh index saved ~1.5 ms of a ~9 ms grow at 131,072 records: not worth two copies.
    for (let e = 0; e < oldHead.length; e++) {
      const newest = oldHead[e]! - 1;
      if (alive(newest)) head[entryFor(oldHash[e]!, cutoff)] = newest + 1;
    }
  };

  const record = (key: string, who: string, windowMs: number, now: number) => {
    const cutoff = now - windowMs;
    // The record about to be overwritten is still inside the window: grow rather than forget it.
    if (written >= capacity && capacity < maxRecords && at[written % capacity]! > cutoff) grow(cutoff);

    const e = entryFor(hash53(key), cutoff);
    const newest = head[e]! - 1;
    const s = written++;
    const r0 = s % capacity;
    at[r0] = now;
    member[r0] = hash53(who) | 0; // its low 32 bits
    prev[r0] = alive(newest) ? newest : -1;
    head[e] = s + 1;

    // Walk the key's chain, newest first, until a record is out of the window or overwritten.
    // Distinct members: a short list while few (the usual case), a Set once there are many.
    const few: number[] = [];
    let many: Set<number> | undefined;
    let count = 0, visits = 0;
    for (let r = s; alive(r) && count < maxPerKey; r = prev[r % capacity]!) {
      const i = r % capacity;
      visits++;
      if (at[i]! <= cutoff) break;
      count++;
      const mh = member[i]!;
      if (many) many.add(mh);
      else if (!few.includes(mh) && few.push(mh) > 16) many = new Set(few);
    }
    if (work) work.visits += visits;
    return { count, distinct: many ? many.size : few.length };
  };

  return {
    get capacity() { return capacity; },
    record,
    recordPair: ([a, b], who, windowMs, now) => [record(a, who, windowMs, now), record(b, who, windowMs, now)],
  };
}
