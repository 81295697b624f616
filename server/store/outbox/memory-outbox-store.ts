import { randomUUID } from "node:crypto";
import { PerTenant } from "../per-tenant.ts";
import { KEEP_SETTLED, type ClaimedDelivery, type Delivery, type OutboxStore, type Settlement } from "./outbox-store.ts";

interface Held { d: Delivery; body: string; lease?: string; leaseUntil?: number }
interface TenantOutbox {
  /** Every kept delivery by id, in creation order (ids are time-ordered). */
  all: Map<string, Held>;
  /** Per endpoint: ids waiting for their next attempt → when due. */
  due: Map<string, Map<string, number>>;
  /** Ids a node holds → lease end. */
  leased: Map<string, number>;
  settled: string[];
}

/**
 * The embedded outbox. Each call runs to completion without awaiting, so claims never overlap;
 * `enqueue` writes at once (no promise), in the same turn of the event loop as the action that
 * caused the event. Nothing survives the process (the embedded store keeps nothing on disk).
 */
export class MemoryOutboxStore implements OutboxStore {
  private readonly tenants = new PerTenant<TenantOutbox>(() => ({ all: new Map(), due: new Map(), leased: new Map(), settled: [] }));

  constructor(private readonly keepSettled = KEEP_SETTLED) {}

  enqueue(tenant: string, deliveries: readonly (Delivery & { body: string })[]): void {
    const t = this.tenants.of(tenant);
    for (const { body, ...d } of deliveries) {
      t.all.set(d.id, { d: { ...d }, body });
      this.dueOf(t, d.endpointId).set(d.id, d.nextAttemptAt ?? d.createdAt);
    }
  }

  async claim(tenant: string, endpointId: string, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const t = this.tenants.of(tenant);
    this.reap(t, now);
    const due = this.dueOf(t, endpointId);
    // Insertion order: new deliveries in creation order, a retry behind them (it was put back
    // later). Taking the first due ones keeps a claim O(limit) on a backlog of thousands.
    const ready: string[] = [];
    for (const [id, at] of due) {
      if (at > now) continue;
      ready.push(id);
      if (ready.length === limit) break;
    }
    const out: ClaimedDelivery[] = [];
    for (const id of ready) {
      const h = t.all.get(id)!;
      due.delete(id);
      h.lease = randomUUID();
      h.leaseUntil = now + leaseMs;
      h.d.attempts++;
      delete h.d.nextAttemptAt;
      t.leased.set(id, h.leaseUntil);
      out.push({ ...h.d, body: h.body, lease: h.lease });
    }
    return out;
  }

  async settle(tenant: string, id: string, lease: string, outcome: Settlement, now: number): Promise<boolean> {
    const t = this.tenants.of(tenant);
    const h = t.all.get(id);
    if (!h || h.lease !== lease || h.d.status !== "pending") return false;
    t.leased.delete(id);
    delete h.lease;
    delete h.leaseUntil;
    if (outcome.status !== "delivered") h.d.lastError = outcome.lastError;
    if (outcome.status === "pending") {
      h.d.nextAttemptAt = outcome.nextAttemptAt;
      this.dueOf(t, h.d.endpointId).set(id, outcome.nextAttemptAt);
    } else {
      this.finish(t, h, outcome.status, now);
    }
    return true;
  }

  async expedite(tenant: string, endpointId: string, now: number): Promise<number> {
    const t = this.tenants.of(tenant);
    let n = 0;
    for (const [id, at] of this.dueOf(t, endpointId)) {
      if (at <= now) continue;
      this.dueOf(t, endpointId).set(id, now);
      t.all.get(id)!.d.nextAttemptAt = now;
      n++;
    }
    return n;
  }

  async abandon(tenant: string, endpointId: string, reason: string, now: number): Promise<number> {
    const t = this.tenants.of(tenant);
    const due = this.dueOf(t, endpointId);
    const ids = [...due.keys()];
    for (const id of ids) {
      const h = t.all.get(id)!;
      h.d.lastError = reason;
      this.finish(t, h, "failed", now);
    }
    due.clear();
    return ids.length;
  }

  async list(tenant: string, limit: number, cursor?: string): Promise<{ deliveries: Delivery[]; cursor?: string }> {
    const ids = [...this.tenants.of(tenant).all.keys()];
    let end = ids.length;
    if (cursor !== undefined) {
      // Ids are time-ordered: the page starts below the cursor even if the cursor was trimmed away.
      end = 0;
      while (end < ids.length && ids[end]! < cursor) end++;
    }
    const start = Math.max(0, end - limit);
    const deliveries = ids.slice(start, end).reverse().map((id) => ({ ...this.tenants.of(tenant).all.get(id)!.d }));
    return start > 0 ? { deliveries, cursor: ids[start]! } : { deliveries };
  }

  private dueOf(t: TenantOutbox, endpointId: string): Map<string, number> {
    let m = t.due.get(endpointId);
    if (!m) t.due.set(endpointId, (m = new Map()));
    return m;
  }

  /** Leases that ran out (their node died or hung) make their deliveries due again. */
  private reap(t: TenantOutbox, now: number): void {
    for (const [id, until] of t.leased) {
      if (until > now) continue;
      t.leased.delete(id);
      const h = t.all.get(id);
      if (!h || h.d.status !== "pending") continue;
      delete h.lease;
      delete h.leaseUntil;
      h.d.nextAttemptAt = now;
      this.dueOf(t, h.d.endpointId).set(id, now);
    }
  }

  private finish(t: TenantOutbox, h: Held, status: "delivered" | "failed", now: number): void {
    h.d.status = status;
    h.d.settledAt = now;
    delete h.d.nextAttemptAt;
    h.body = "";
    t.settled.push(h.d.id);
    if (t.settled.length > this.keepSettled * 1.1) {
      for (const id of t.settled.splice(0, t.settled.length - this.keepSettled)) t.all.delete(id);
    }
  }
}
