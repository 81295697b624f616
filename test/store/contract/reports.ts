import { beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../../server/store/stores.ts";
import type { StoredReport } from "../../../server/store/reports/report-store.ts";
import { A, B, T0 } from "./fixtures.ts";

/** The reports port (SPEC §9.3): kept as received, every open one on a message decided once, listed by time, per tenant. */
export function reportContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });
  const report = (n: number, over: Partial<StoredReport> = {}): StoredReport => ({
    id: `rp-${n}`, tenant: A, messageId: "m1", room: "lobby", category: "scams_and_fraud", explanation: `fake shop ${n}`,
    receiptHash: "ab".repeat(32), at: T0 + n, status: "received", ...over,
  });

  describe("reports", () => {
    it("lists a user's own reports and forgets who made them, keeping the reports (SPEC §9.5)", async () => {
      await stores.reports.addReport(A, report(1, { reporterUserId: "u1", reporterName: "Zoé", reporterEmail: "zoe@example.org" }));
      await stores.reports.addReport(A, report(2, { reporterUserId: "u2" }));
      await stores.reports.addReport(A, report(3, { reporterUserId: "u1", messageId: "m2" }));
      await stores.reports.addReport(B, report(4, { tenant: B, reporterUserId: "u1" }));
      expect((await stores.reports.reportsBy(A, "u1")).map((r) => r.id)).toStrictEqual(["rp-1", "rp-3"]);
      expect(await stores.reports.forgetReporter(A, "u1")).toBe(2);
      expect(await stores.reports.reportsBy(A, "u1")).toStrictEqual([]);
      const kept = await stores.reports.getReport(A, "rp-1");
      expect(kept).toStrictEqual({ ...report(1), explanation: "" });
      expect((await stores.reports.getReport(A, "rp-2"))?.reporterUserId).toBe("u2");
      // Another tenant's reporter of the same id is untouched.
      expect((await stores.reports.reportsBy(B, "u1")).map((r) => r.id)).toStrictEqual(["rp-4"]);
      expect(await stores.reports.forgetReporter(A, "nobody")).toBe(0);
    });

    it("keeps a report as given, optional fields included, and reads it back", async () => {
      const full = report(1, { reporterName: "Zoé", reporterEmail: "zoe@example.org", reporterUserId: "g_1" });
      await stores.reports.addReport(A, full);
      await stores.reports.addReport(A, report(2));
      expect(await stores.reports.getReport(A, "rp-1")).toStrictEqual(full);
      expect(await stores.reports.getReport(A, "rp-2")).toStrictEqual(report(2));
      expect(await stores.reports.getReport(A, "rp-404")).toBeNull();
    });

    it("decides every open report on a message once, and only that message's", async () => {
      await stores.reports.addReport(A, report(2));
      await stores.reports.addReport(A, report(1));
      await stores.reports.addReport(A, report(3, { messageId: "m2" }));
      const d = { decision: "removed" as const, decidedAt: T0 + 100 };
      const decided = await stores.reports.decideReports(A, "m1", d);
      expect(decided).toStrictEqual([report(1), report(2)].map((r) => ({ ...r, status: "decided", ...d })));
      expect(await stores.reports.decideReports(A, "m1", { decision: "kept", decidedAt: T0 + 200 })).toStrictEqual([]);
      expect(await stores.reports.getReport(A, "rp-2")).toStrictEqual({ ...report(2), status: "decided", ...d });
      expect(await stores.reports.getReport(A, "rp-3")).toStrictEqual(report(3, { messageId: "m2" }));
      // A report filed after a decision waits for the next one.
      await stores.reports.addReport(A, report(4));
      expect((await stores.reports.decideReports(A, "m1", { decision: "kept", decidedAt: T0 + 300 })).map((r) => [r.id, r.decision])).toStrictEqual([["rp-4", "kept"]]);
      expect(await stores.reports.decideReports(A, "m404", d)).toStrictEqual([]);
      // Decided or not, a report leaves its trace on the message.
      expect(await stores.reports.wasReported(A, "m1")).toBe(true);
      expect(await stores.reports.wasReported(A, "m2")).toBe(true);
      expect(await stores.reports.wasReported(A, "m404")).toBe(false);
      expect(await stores.reports.wasReported(B, "m1")).toBe(false);
    });

    it("lists reports received in [from, to), oldest first", async () => {
      for (const n of [5, 1, 3, 9]) await stores.reports.addReport(A, report(n));
      expect((await stores.reports.between(A, T0 + 1, T0 + 9)).map((r) => r.id)).toStrictEqual(["rp-1", "rp-3", "rp-5"]);
      expect(await stores.reports.between(A, T0 + 10, T0 + 20)).toStrictEqual([]);
      await stores.reports.decideReports(A, "m1", { decision: "kept", decidedAt: T0 + 50 });
      expect((await stores.reports.between(A, T0, T0 + 100)).map((r) => r.decision)).toStrictEqual(["kept", "kept", "kept", "kept"]);
    });

    it("keeps tenants apart", async () => {
      await stores.reports.addReport(A, report(1));
      expect(await stores.reports.getReport(B, "rp-1")).toBeNull();
      expect(await stores.reports.between(B, 0, T0 + 100)).toStrictEqual([]);
      expect(await stores.reports.decideReports(B, "m1", { decision: "removed", decidedAt: T0 + 5 })).toStrictEqual([]);
      expect((await stores.reports.getReport(A, "rp-1"))?.status).toBe("received");
    });
  });
}
