/**
 * A read-only map of one entry: two fields, where a Map of one entry is a hash table with room for
 * four, some 150 bytes more. The filter engine's finished structures hold thousands of maps of one
 * word (the lexicon trie's next words: 9,400 of 13,400; the proximity scorer's phrases by their
 * second word: half of them), and the first tenant's compile is held under 20 MB of heap (SPEC §12).
 * Read like a Map (`get` on every message, iteration when a tenant's build copies a node); never
 * written: a build that changes what it holds copies it into a Map first.
 */
export class OneEntryMap<V> implements ReadonlyMap<string, V> {
  constructor(private readonly key: string, private readonly value: V) {}
  get size(): number { return 1; }
  get(k: string): V | undefined { return k === this.key ? this.value : undefined; }
  has(k: string): boolean { return k === this.key; }
  forEach(fn: (v: V, k: string, m: ReadonlyMap<string, V>) => void): void { fn(this.value, this.key, this); }
  *entries(): MapIterator<[string, V]> { yield [this.key, this.value]; }
  *keys(): MapIterator<string> { yield this.key; }
  *values(): MapIterator<V> { yield this.value; }
  [Symbol.iterator](): MapIterator<[string, V]> { return this.entries(); }
}

/** `map` as a finished structure keeps it: a OneEntryMap when it has one entry, else itself. */
export function compacted<V>(map: Map<string, V>): Map<string, V> | OneEntryMap<V> {
  if (map.size !== 1) return map;
  const [[key, value]] = map;
  return new OneEntryMap(key, value!);
}
