/**
 * Who is online, cluster-wide: each node reports its own counts per room, with a ttl so a dead
 * node stops counting.
 */
export interface PresenceStore {
  /** Each node reports its local online counts per room; entries expire after `ttlMs`. */
  reportPresence(nodeId: string, tenant: string, counts: Record<string, number>, ttlMs: number): Promise<void>;
  /** Sum over live nodes of online counts per room. */
  presence(tenant: string): Promise<Record<string, number>>;
}
