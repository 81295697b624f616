import { fingerprint } from "./fingerprint.ts";

/**
 * A read-only map from token keys to values, found by the key's fingerprint (WordToken.fp) rather
 * than by hashing the key: the word matchers look up tens of thousands of keys for every message,
 * and a string-keyed Map hashes each fresh key string (all of it) before a probe that misses the
 * cache in a big table. Here the fingerprint, already in the token, picks the slot; the slots hold
 * fingerprints and entry numbers side by side (one cache line per probe), and only an equal
 * fingerprint reads the entry's key. Fingerprints collide by design ("manger" and "mander" share
 * one), so a hit is always confirmed by comparing the keys: answers are exactly a Map's.
 *
 * @example
 *   const t = new FingerprintTable(new Map([["con", 1]]));
 *   t.get("con", fingerprint("con")); // 1
 */
export class FingerprintTable<V> {
  /** Pairs (fingerprint, entry number + 1); 0 ends a probe. Linear probing, at most half full. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /**
   * Key and value of each entry side by side (key at 2n, value at 2n + 1): a hit reads one line of
   * this array, where two arrays would cost a cache miss each.
   */
  private readonly pairs: (string | V)[] = [];

  constructor(entries: Iterable<readonly [string, V]>, count: number) {
    let size = 8;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (const [k, v] of entries) {
      const fp = fingerprint(k);
      let i = fp & this.mask;
      while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.pairs.push(k, v);
      this.slots[2 * i] = fp;
      this.slots[2 * i + 1] = this.pairs.length >> 1;
    }
  }

  /** The value of `key`, whose fingerprint is `fp` (fingerprint(key)). */
  get(key: string, fp: number): V | undefined {
    const slots = this.slots, mask = this.mask;
    for (let i = fp & mask; ; i = (i + 1) & mask) {
      const id = slots[2 * i + 1];
      if (id === 0) return undefined;
      if (slots[2 * i] === fp && this.pairs[2 * id - 2] === key) return this.pairs[2 * id - 1] as V;
    }
  }
}
