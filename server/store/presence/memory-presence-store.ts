import { PerTenant } from "../per-tenant.ts";
import type { PresenceStore } from "./presence-store.ts";

/** The embedded presence: each node's last report per tenant, dropped when read after its expiry. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly reports = new PerTenant(() => new Map<string, { counts: Map<string, number>; expires: number }>());

  constructor(private readonly now: () => number = Date.now) {}

  async reportPresence(nodeId: string, tenant: string, counts: ReadonlyMap<string, number>, ttlMs: number) {
    this.reports.of(tenant).set(nodeId, { counts: new Map(counts), expires: this.now() + ttlMs });
  }

  async presence(tenant: string) {
    const now = this.now();
    const reports = this.reports.of(tenant);
    const out = new Map<string, number>();
    for (const [node, p] of reports) {
      if (p.expires <= now) { reports.delete(node); continue; }
      for (const [room, n] of p.counts) out.set(room, (out.get(room) ?? 0) + n);
    }
    return out;
  }
}
