import { describe, expect, it } from "vitest";
import type { NoticeKind } from "../../client-sdk/src/protocol.ts";
import { statementOfReasons } from "../../server/contracts/transparency-database.ts";
import type { ModerationDeps } from "../../server/moderation/moderation-deps.ts";
import { DSA_CATEGORIES } from "../../server/moderation/dsa-category.ts";
import { parsePeriod } from "../../server/moderation/report-period.ts";
import { statementOf, TDB_CATEGORY_OF } from "../../server/moderation/statement-of-reasons.ts";
import { TransparencyService } from "../../server/moderation/transparency-service.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import type { RestrictionRecord } from "../../server/store/restrictions/restriction-store.ts";
import type { TenantRuntime } from "../../server/tenants/tenant-runtime.ts";

const KINDS: NoticeKind[] = ["message_removed", "message_hidden", "message_rejected", "banned", "muted"];
const SOURCES: RestrictionRecord["source"][] = ["filter", "flags", "manager", "report"];
const HOUR = 3600_000;

describe("statements of reasons (SPEC §9.4)", () => {
  it("every kind, source, ground, category and automation makes a statement the Database's schema accepts", () => {
    const at = Date.UTC(2026, 10, 15, 12);
    let n = 0;
    for (const kind of KINDS) for (const source of SOURCES) for (const ground of ["terms", "illegal"] as const) for (const category of [...DSA_CATEGORIES, "not-a-category"]) {
      for (const [detection, decision] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const rec: RestrictionRecord = { noticeId: `nt_${n++}`, at, kind, ground, category, source, automated: { detection, decision }, contentAt: at - HOUR };
        if (kind === "muted" || n % 2) rec.until = at + 24 * HOUR;
        const s = statementOf(rec, { puid: `p_${n}`, termsUrl: "https://brand.example/rules" });
        const parsed = statementOfReasons.safeParse(s);
        expect(parsed.error?.issues ?? [], JSON.stringify(rec)).toEqual([]);
      }
    }
    expect(n).toBeGreaterThan(2000);
  });

  it("maps each restriction onto the Database's decisions, sources and automation", () => {
    const at = Date.UTC(2026, 10, 15, 12);
    const base: RestrictionRecord = { noticeId: "nt_1", at, kind: "message_hidden", ground: "terms", category: "illegal_or_harmful_speech", source: "flags", automated: { detection: false, decision: true }, contentAt: Date.UTC(2026, 10, 14, 23) };
    expect(statementOf(base, { puid: "p" })).toMatchObject({
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_DISABLED"], source_type: "SOURCE_TYPE_OTHER_NOTIFICATION",
      automated_detection: "No", automated_decision: "AUTOMATED_DECISION_PARTIALLY", content_date: "2026-11-14", application_date: "2026-11-15",
      category: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", content_type: ["CONTENT_TYPE_TEXT"],
    });
    const report = statementOf({ ...base, kind: "message_removed", source: "report", ground: "illegal", category: "pornography_or_sexualized_content", automated: { detection: false, decision: false } }, { puid: "p", termsUrl: "not a url" });
    expect(report).toMatchObject({
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"], source_type: "SOURCE_ARTICLE_16", decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT",
      category: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", category_specification: ["KEYWORD_ADULT_SEXUAL_MATERIAL"], automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
    });
    expect(report.decision_ground_reference_url).toBeUndefined();
    expect(report.incompatible_content_ground).toBeUndefined();
    const mute = statementOf({ ...base, kind: "muted", source: "manager", until: Date.UTC(2026, 10, 16, 1), automated: { detection: false, decision: false } }, { puid: "p" });
    expect(mute).toMatchObject({ decision_provision: "DECISION_PROVISION_PARTIAL_SUSPENSION", end_date_service_restriction: "2026-11-16", content_type: ["CONTENT_TYPE_OTHER"], content_type_other: "Chat account" });
    expect(mute.decision_visibility).toBeUndefined();
    // Every SPEC category has a place in the Database's v2 list.
    for (const c of DSA_CATEGORIES) expect(TDB_CATEGORY_OF[c].category).toMatch(/^STATEMENT_CATEGORY_/);
  });
});

describe("report periods", () => {
  it("reads dates as whole UTC days and date-times with their offset; refuses impossible or reversed ones", () => {
    expect(parsePeriod({ from: "2026-11-01", to: "2026-11-30" })).toEqual({ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) });
    expect(parsePeriod({ from: "2026-11-01T00:00:00+01:00", to: "2026-11-01T12:30:00.5Z" })).toEqual({ from: Date.UTC(2026, 9, 31, 23), to: Date.UTC(2026, 10, 1, 12, 30, 0, 500) });
    // Without an offset, a date-time is UTC, whatever the server's time zone.
    expect(parsePeriod({ from: "2026-11-01T10:00:00", to: "2026-11-01T18:00" })).toEqual({ from: Date.UTC(2026, 10, 1, 10), to: Date.UTC(2026, 10, 1, 18) });
    expect(parsePeriod({ from: "2024-02-29", to: "2024-02-29" }).to - parsePeriod({ from: "2024-02-29", to: "2024-02-29" }).from).toBe(24 * HOUR);
    for (const [from, to] of [["2026-02-29", "2026-03-01"], ["2026-11-31", "2026-12-01"], ["2026-11-02", "2026-11-01"], ["2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z"], ["2026-11-01T25:00:00Z", "2026-11-02"], ["2026-00-10", "2026-01-01"]]) {
      expect(() => parsePeriod({ from: from!, to: to! }), `${from} ${to}`).toThrow(expect.objectContaining({ code: "invalid_payload" }));
    }
  });
});

describe("transparency figures with reports of illegal content", () => {
  it("counts the reports of illegal content by category and measures a report's wait from its receipt", async () => {
    const stores = createMemoryStores();
    const now = Date.now();
    // Three reports of illegal content, as the reports port keeps them (one for another tenant).
    const report = (id: string, tenant: string, category: "scams_and_fraud" | "violence", at: number, decidedAt?: number) => stores.reports.addReport(tenant, {
      id, tenant, messageId: `m_${id}`, room: "product:x", category, explanation: "x", receiptHash: "h", at,
      status: decidedAt ? "decided" : "received", ...(decidedAt ? { decision: "removed" as const, decidedAt } : {}),
    });
    await report("r1", "acme", "scams_and_fraud", now - 5 * HOUR, now - HOUR);
    await report("r2", "acme", "scams_and_fraud", now - 2 * HOUR);
    await report("r3", "acme", "violence", now - HOUR);
    await report("r4", "other", "violence", now - HOUR);
    const service = new TransparencyService({ stores } as unknown as ModerationDeps);
    const tenant = { id: "acme", config: { moderation: {} } } as unknown as TenantRuntime;
    // A report acted on in 4 hours, a deletion 1 hour after posting, a rejection and a ban with no start.
    await stores.restrictions.addRestriction("acme", { noticeId: "nt_a", at: now - HOUR, kind: "message_removed", ground: "illegal", category: "scams_and_fraud", source: "report", automated: { detection: false, decision: false }, contentAt: now - 10 * HOUR, reportedAt: now - 5 * HOUR });
    await stores.restrictions.addRestriction("acme", { noticeId: "nt_b", at: now - HOUR, kind: "message_removed", ground: "terms", category: "violence", source: "manager", automated: { detection: false, decision: false }, contentAt: now - 2 * HOUR });
    await stores.restrictions.addRestriction("acme", { noticeId: "nt_c", at: now - HOUR, kind: "message_rejected", ground: "terms", category: "violence", source: "filter", automated: { detection: true, decision: true }, contentAt: now - HOUR });
    await stores.restrictions.addRestriction("acme", { noticeId: "nt_d", at: now - HOUR, kind: "banned", ground: "terms", category: "scope_of_platform_service", source: "manager", automated: { detection: false, decision: false } });
    const r = await service.report(tenant, { from: new Date(now - 24 * HOUR).toISOString(), to: new Date(now).toISOString() });
    expect(r.reports).toEqual({ total: 3, byCategory: { scams_and_fraud: 2, violence: 1 } });
    expect(r.actions).toMatchObject({ total: 4, byGround: { terms: 3, illegal: 1 }, bySource: { report: 1, manager: 2, filter: 1, flags: 0 } });
    // Waits of 4 h (the report's) and 1 h (the deletion's): the median is 2.5 h.
    expect(r.medianHoursToAction).toBe(2.5);
    expect(r.appeals).toEqual({ received: 0, reversed: 0, medianHoursToDecision: null });
    // The puid does not change from one export to the next, and differs per restriction.
    const [a, b] = [await service.statements(tenant, { from: "2020-01-01", to: "2099-01-01" }), await service.statements(tenant, { from: "2020-01-01", to: "2099-01-01" })];
    expect(a.statements.map((s) => s.puid)).toEqual(b.statements.map((s) => s.puid));
    expect(new Set(a.statements.map((s) => s.puid)).size).toBe(4);
    expect(JSON.stringify(a)).not.toMatch(/\bnt_[a-d]\b/);
  });
});
