/**
 * Named, expiring locks per tenant, so that of a cluster's nodes one at a time runs a periodic
 * job (the retention purge, SPEC §9.5). A lock lapses by itself after its ttl: a node that dies
 * holding it stops no one for longer than that.
 */
export interface LockStore {
  /** Takes the lock for `holder` unless another holder has it; true when `holder` has it now (a holder may take it again, which renews it). */
  acquire(tenant: string, name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lock up if `holder` still has it (a lapsed lock another node took is left alone). */
  release(tenant: string, name: string, holder: string): Promise<void>;
}
