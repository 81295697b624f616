import type { ReportDecision } from "../../../client-sdk/src/protocol.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import type { ReportStore, StoredReport } from "./report-store.ts";

/** The embedded reports: by id in the order received (a Map keeps it), and the open ones per message. */
export class MemoryReportStore implements ReportStore {
  private readonly data = new PerTenant(() => ({ byId: new Map<string, StoredReport>(), open: new Map<string, Set<string>>() }));

  async addReport(tenant: string, report: StoredReport) {
    const d = this.data.of(tenant);
    d.byId.set(report.id, copy(report));
    if (report.status !== "received") return;
    let open = d.open.get(report.messageId);
    if (!open) d.open.set(report.messageId, (open = new Set()));
    open.add(report.id);
  }

  async getReport(tenant: string, reportId: string) {
    const r = this.data.of(tenant).byId.get(reportId);
    return r ? copy(r) : null;
  }

  async decideReports(tenant: string, messageId: string, dec: { decision: ReportDecision; decidedAt: number }) {
    const d = this.data.of(tenant);
    const open = d.open.get(messageId);
    if (!open) return [];
    d.open.delete(messageId);
    const decided: StoredReport[] = [];
    for (const id of open) {
      const r = d.byId.get(id)!;
      Object.assign(r, { status: "decided", decision: dec.decision, decidedAt: dec.decidedAt });
      decided.push(copy(r));
    }
    return decided.sort((a, b) => a.at - b.at);
  }

  async wasReported(tenant: string, messageId: string) {
    for (const r of this.data.of(tenant).byId.values()) if (r.messageId === messageId) return true;
    return false;
  }

  async between(tenant: string, from: number, to: number) {
    return [...this.data.of(tenant).byId.values()].filter((r) => r.at >= from && r.at < to).sort((a, b) => a.at - b.at).map(copy);
  }

  async reportsBy(tenant: string, userId: string) {
    return [...this.data.of(tenant).byId.values()].filter((r) => r.reporterUserId === userId).sort((a, b) => a.at - b.at).map(copy);
  }

  async forgetReporter(tenant: string, userId: string) {
    let n = 0;
    for (const r of this.data.of(tenant).byId.values()) {
      if (r.reporterUserId !== userId) continue;
      delete r.reporterUserId; delete r.reporterName; delete r.reporterEmail;
      r.explanation = "";
      n++;
    }
    return n;
  }
}
