import type { Alert, Author } from "../../../client-sdk/src/protocol.ts";

/** How many alerts each tenant keeps (the oldest go first): a raid or a busy evening stays bounded. */
export const ALERTS_KEPT = 500;

/**
 * Moderators' alerts and raid alerts, kept per tenant until a manager acknowledges them, so a
 * manager who signs in later still finds them. Bounded to ALERTS_KEPT per tenant.
 */
export interface AlertStore {
  addAlert(tenant: string, alert: Alert): Promise<void>;
  /** Newest first; `open` only those not acknowledged, `acked` only those acknowledged. */
  listAlerts(tenant: string, opts: { status?: "open" | "acked"; limit: number }): Promise<Alert[]>;
  /**
   * Acknowledges an alert once (atomic: of two managers at once, one wins). Answers the alert as
   * it stands, with `acked` false when it was acknowledged already (by whom it says); null when
   * the tenant has no such alert.
   */
  ackAlert(tenant: string, alertId: string, by: Author, at: number): Promise<{ alert: Alert; acked: boolean } | null>;
  /** SPEC §9.5 erasure: drops the alerts the user raised (their note is their own words). Answers how many. */
  forgetRaisedBy(tenant: string, userId: string): Promise<number>;
}
