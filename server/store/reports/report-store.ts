import type { IllegalContentReport, ReportDecision } from "../../../client-sdk/src/protocol.ts";

/**
 * A report of illegal content as kept (SPEC §9.3). The receipt handed to the reporter is never
 * kept, only its SHA-256 (`receiptHash`, hex): enough to check one presented, useless to a reader
 * of the store. Name and e-mail are the reporter's own choice to give.
 */
export interface StoredReport extends IllegalContentReport {
  tenant: string;
  receiptHash: string;
}

/**
 * Reports of illegal content, per tenant. `decideReports` is atomic per report in both
 * implementations: of two decisions racing on one message, each report is decided once.
 */
export interface ReportStore {
  addReport(tenant: string, report: StoredReport): Promise<void>;
  getReport(tenant: string, reportId: string): Promise<StoredReport | null>;
  /** Decides every report on the message still `received`; answers those it decided now, oldest first. */
  decideReports(tenant: string, messageId: string, d: { decision: ReportDecision; decidedAt: number }): Promise<StoredReport[]>;
  /** Whether the message was ever reported (a queue decision's trace: SPEC §6.4 `conflict` vs `not_found`). */
  wasReported(tenant: string, messageId: string): Promise<boolean>;
  /** Reports received at `from` ≤ at < `to` (epoch ms), oldest first: what a transparency report counts. */
  between(tenant: string, from: number, to: number): Promise<StoredReport[]>;
  /** The reports a signed-in or guest user made from the chat, oldest first (SPEC §9.5 export). */
  reportsBy(tenant: string, userId: string): Promise<StoredReport[]>;
  /**
   * SPEC §9.5 erasure of a reporter: their reports stay (a notice and its decision were taken on
   * them, and the transparency report counts them) without who made them: no user id, name or
   * e-mail, and without their explanation (their own words).
   */
  forgetReporter(tenant: string, userId: string): Promise<number>;
}
