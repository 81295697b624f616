/**
 * A hash table from keys to record locations (non-negative numbers, such as the message log's
 * chunk × span + offset) kept in two typed arrays, for keys that the records themselves hold.
 *
 * Why not a Map: a JS Map with entries both added and deleted all day (a message log's ids and
 * idempotency keys, one of each per message, each forgotten when its message falls off its room's
 * timeline) fills its table with deleted entries and rebuilds it whenever it is full, however few
 * entries are live: with 30,000 kept messages, both maps rebuilt on the same message every 35,000
 * messages and stalled the event loop about 11 ms (a 1.8 MB table each, allocated on the heap the
 * collector marks); with 300,000 kept messages, ten times that. Here, open addressing with linear
 * probing and backward-shift deletion leaves no deleted entries behind, so the table is rebuilt
 * only when the live count doubles or falls to an eighth, and its arrays are outside the JS heap.
 * Nor are the keys kept: an entry is a 32-bit hash and a location, and a lookup asks `matches`
 * whether the record at a location holds the key, so a table of ids holds no id strings.
 *
 * @example
 *   const byId = createLocTable<string>((loc, id) => recordIdAt(loc) === id);
 *   byId.add(hashOfId, loc);
 *   byId.find(hashOfId, id); // loc, or -1
 */
export interface LocTable<K> {
  /** The location under `hash` whose record holds `key`, or -1. */
  find(hash: number, key: K): number;
  /** Adds `loc` under `hash`; the caller makes sure no location under it holds the same key. */
  add(hash: number, loc: number): void;
  /** Removes the entry `loc` under `hash`; false when there is none. */
  remove(hash: number, loc: number): boolean;
  /** Points the entry `from` under `hash` at `to` (its record moved); false when there is none. */
  move(hash: number, from: number, to: number): boolean;
  readonly size: number;
}

const MIN_CAPACITY = 1024;
/** Grown past this load; linear probing stays short below it with a well-mixed hash. */
const MAX_LOAD = 0.7;
const EMPTY = -1;

export function createLocTable<K>(matches: (loc: number, key: K) => boolean): LocTable<K> {
  let capacity = MIN_CAPACITY;
  let mask = capacity - 1;
  let hashes = new Int32Array(capacity);
  let locs = new Float64Array(capacity).fill(EMPTY);
  let size = 0;

  /** The slot holding `loc` under `hash`, or -1. */
  const slotOfLoc = (hash: number, loc: number) => {
    for (let i = mix(hash) & mask; locs[i] !== EMPTY; i = (i + 1) & mask) {
      if (locs[i] === loc && hashes[i] === hash) return i;
    }
    return -1;
  };

  const insert = (hash: number, loc: number) => {
    let i = mix(hash) & mask;
    while (locs[i] !== EMPTY) i = (i + 1) & mask;
    hashes[i] = hash;
    locs[i] = loc;
  };

  const resize = (to: number) => {
    const oldHashes = hashes, oldLocs = locs;
    capacity = to;
    mask = to - 1;
    hashes = new Int32Array(to);
    locs = new Float64Array(to).fill(EMPTY);
    for (let i = 0; i < oldLocs.length; i++) if (oldLocs[i] !== EMPTY) insert(oldHashes[i]!, oldLocs[i]!);
  };

  /**
   * Empties slot `i`, then walks the cluster after it and moves back every entry whose home slot
   * lies at or before the gap, so each entry stays reachable from its home without tombstones.
   */
  const clear = (i: number) => {
    let gap = i;
    for (let j = (i + 1) & mask; locs[j] !== EMPTY; j = (j + 1) & mask) {
      const home = mix(hashes[j]!) & mask;
      // Does `home` lie cyclically in (gap, j]? Then the entry must stay where it is.
      const stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
      if (stays) continue;
      hashes[gap] = hashes[j]!;
      locs[gap] = locs[j]!;
      gap = j;
    }
    locs[gap] = EMPTY;
  };

  return {
    find(hash, key) {
      hash |= 0;
      for (let i = mix(hash) & mask; locs[i] !== EMPTY; i = (i + 1) & mask) {
        if (hashes[i] === hash && matches(locs[i]!, key)) return locs[i]!;
      }
      return -1;
    },
    add(hash, loc) {
      if (size + 1 > capacity * MAX_LOAD) resize(capacity * 2);
      insert(hash | 0, loc);
      size++;
    },
    remove(hash, loc) {
      const i = slotOfLoc(hash | 0, loc);
      if (i < 0) return false;
      clear(i);
      size--;
      if (capacity > MIN_CAPACITY && size < capacity / 8) resize(capacity / 2);
      return true;
    },
    move(hash, from, to) {
      const i = slotOfLoc(hash | 0, from);
      if (i < 0) return false;
      locs[i] = to;
      return true;
    },
    get size() { return size; },
  };
}

/** MurmurHash3's 32-bit finalizer: every input bit reaches the low bits the mask keeps. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
