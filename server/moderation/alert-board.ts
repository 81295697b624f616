import type { Alert, Author } from "../../client-sdk/src/protocol.ts";
import { CausetteError } from "../errors.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { SYSTEM } from "./audit-log.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";

/** The system as an alert's author (a raid Causette detected). */
export const SYSTEM_AUTHOR = { id: "system", name: "Causette" } as const;

/**
 * Alerts for the managers: a moderator's call from a room, or a raid (SPEC §10.3). Each one is
 * kept (AlertStore) until a manager acknowledges it, so none is lost while nobody is signed in;
 * every manager who signs in lists the open ones, and an acknowledgement clears them for all.
 */
export class AlertBoard {
  constructor(private readonly deps: ModerationDepsWith<"alerts">) {}

  /**
   * The one way an alert is raised, a moderator's or a raid's: kept, shown live to the managers
   * watching its room, and audited (`alert.raised`, or `room.raid_detected` with the figures).
   */
  async raise(tenant: string, alert: Alert): Promise<Alert> {
    const { stores, broadcaster, audit, events } = this.deps;
    await stores.alerts.addAlert(tenant, alert);
    broadcaster.toAdmins(tenant, alert.room, "alert", alert);
    if (alert.kind === "raid") {
      await audit.record(tenant, SYSTEM, "room.raid_detected", { room: alert.room, alertId: alert.id, ...alert.raid }, alert.note, alert.room);
    } else {
      await audit.record(tenant, alert.by as Author, "alert.raised", { room: alert.room, alertId: alert.id }, alert.note, alert.room);
    }
    // SPEC §8.1: the brand's systems hear of both kinds (`kind: "raid"` for a raid).
    await events.emit(tenant, "alert.raised", { room: alert.room, note: alert.note, by: alert.by, ...(alert.kind === "raid" ? { kind: "raid" as const } : {}) });
    return alert;
  }

  async list(tenant: TenantRuntime, p: { status?: "open" | "acked"; limit?: number }): Promise<{ alerts: Alert[] }> {
    return { alerts: await this.deps.stores.alerts.listAlerts(tenant.id, { limit: p.limit ?? 100, ...(p.status ? { status: p.status } : {}) }) };
  }

  /** Once per alert: a second manager's acknowledgement answers the first one's, unchanged. */
  async ack(tenant: TenantRuntime, actor: Author, p: { alertId: string }): Promise<{ alert: Alert }> {
    const { stores, broadcaster, audit } = this.deps;
    const res = await stores.alerts.ackAlert(tenant.id, p.alertId, { ...actor }, Date.now());
    if (!res) throw new CausetteError("not_found", "No such alert.");
    if (res.acked) {
      broadcaster.toAdmins(tenant.id, res.alert.room, "alert:acked", res.alert);
      await audit.record(tenant.id, actor, "alert.acked", { room: res.alert.room, alertId: res.alert.id, ...(res.alert.kind ? { kind: res.alert.kind } : {}) }, undefined, res.alert.room);
    }
    return { alert: res.alert };
  }
}
