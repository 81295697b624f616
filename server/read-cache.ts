import type { MaybePromise } from "./maybe-promise.ts";

/**
 * A node-local cache of store reads on the message path (room settings, a tenant's IP blocks),
 * trusted for `ttlMs` and dropped at once by `invalidate` when a cluster event says the stored
 * value changed.
 *
 * - A read that answers at once (the embedded store) is cached at once: no promise is made.
 * - Messages that miss while a read is in flight share it (one Redis round trip, not one each).
 * - A read overtaken by an `invalidate` of its key is handed to those already waiting for it but
 *   not cached: it may predate the change, and caching it would undo the invalidation for `ttlMs`.
 * - A failed read is not cached; everyone sharing it gets the failure.
 */
export class ReadCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: V }>();
  private readonly reading = new Map<K, Promise<V>>();

  /** `maxEntries` bounds memory: past it the cache starts afresh (entries are cheap to read again). */
  constructor(private readonly ttlMs: number, private readonly maxEntries = 50_000) {}

  /** The cached value while fresh, else undefined: the hot path's check, with no read function to make. */
  fresh(key: K, now: number): V | undefined {
    const hit = this.entries.get(key);
    return hit && now - hit.at < this.ttlMs ? hit.value : undefined;
  }

  /** The cached value while fresh, else the read in flight, else a new `read()`. */
  get(key: K, now: number, read: () => MaybePromise<V>): MaybePromise<V> {
    const hit = this.fresh(key, now);
    if (hit !== undefined) return hit;
    const inFlight = this.reading.get(key);
    if (inFlight) return inFlight;
    const value = read();
    if (!(value instanceof Promise)) {
      this.keep(key, now, value);
      return value;
    }
    const shared: Promise<V> = value
      .then((v) => {
        if (this.reading.get(key) === shared) this.keep(key, now, v);
        return v;
      })
      .finally(() => { if (this.reading.get(key) === shared) this.reading.delete(key); });
    this.reading.set(key, shared);
    return shared;
  }

  /** The stored value of `key` (every key when none is given) changed: the next `get` reads it again. */
  invalidate(key?: K): void {
    if (key === undefined) {
      this.entries.clear();
      this.reading.clear();
    } else {
      this.entries.delete(key);
      this.reading.delete(key);
    }
  }

  private keep(key: K, now: number, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at: now, value });
  }
}
