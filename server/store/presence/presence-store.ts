/**
 * Who is online, cluster-wide: each node reports its own counts per room, with a ttl so a dead
 * node stops counting.
 */
export interface PresenceStore {
  /** Each node reports its local online counts per room; entries expire after `ttlMs`. */
  reportPresence(nodeId: string, tenant: string, counts: ReadonlyMap<string, number>, ttlMs: number): Promise<void>;
  /**
   * Sum over live nodes of online counts per room. A Map, not an object: rooms are named by
   * shoppers' pages, and a room called `constructor` or `__proto__` must be a room like any other.
   */
  presence(tenant: string): Promise<Map<string, number>>;
}
