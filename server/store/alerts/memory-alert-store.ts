import type { Alert, Author } from "../../../client-sdk/src/protocol.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { ALERTS_KEPT, type AlertStore } from "./alert-store.ts";

/** The embedded alerts: each tenant's in insertion order (a Map keeps it), the oldest dropped past ALERTS_KEPT. */
export class MemoryAlertStore implements AlertStore {
  private readonly data = new PerTenant(() => new Map<string, Alert>());

  async addAlert(tenant: string, alert: Alert) {
    const alerts = this.data.of(tenant);
    alerts.set(alert.id, copy(alert));
    for (const id of alerts.keys()) {
      if (alerts.size <= ALERTS_KEPT) break;
      alerts.delete(id);
    }
  }

  async listAlerts(tenant: string, opts: { status?: "open" | "acked"; limit: number }) {
    const out: Alert[] = [];
    for (const a of [...this.data.of(tenant).values()].reverse()) {
      if (out.length >= opts.limit) break;
      if (opts.status === "open" && a.ackedAt !== undefined) continue;
      if (opts.status === "acked" && a.ackedAt === undefined) continue;
      out.push(copy(a));
    }
    return out;
  }

  async forgetRaisedBy(tenant: string, userId: string) {
    const alerts = this.data.of(tenant);
    let n = 0;
    for (const [id, a] of alerts) if (a.by?.id === userId) { alerts.delete(id); n++; }
    return n;
  }

  async ackAlert(tenant: string, alertId: string, by: Author, at: number) {
    const a = this.data.of(tenant).get(alertId);
    if (!a) return null;
    if (a.ackedAt !== undefined) return { alert: copy(a), acked: false };
    a.ackedBy = copy(by);
    a.ackedAt = at;
    return { alert: copy(a), acked: true };
  }
}
