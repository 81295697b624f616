import { createHmac, randomBytes } from "node:crypto";
import type { NoticeKind, TransparencyReport } from "../../client-sdk/src/protocol.ts";
import type { StatementOfReasons } from "../contracts/transparency-database.ts";
import type { RestrictionRecord } from "../store/restrictions/restriction-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import { parsePeriod, type Period } from "./report-period.ts";
import { statementOf } from "./statement-of-reasons.ts";

const HOUR_MS = 3600_000;
/** Records read from the ledger at a time while counting. */
const LEDGER_PAGE = 500;
const APPEALS_PAGE = 200;
const KINDS: readonly NoticeKind[] = ["message_removed", "message_hidden", "message_rejected", "banned", "muted"];

/**
 * SPEC §9.4 (DSA Art. 15 and 24): a period's figures and its statements of reasons, both read
 * from the restrictions ledger, which holds no personal data. The reports of illegal content come
 * from the reports port (SPEC §9.3), appeals from the appeals port.
 */
export class TransparencyService {
  private puidKey: Promise<string> | undefined;

  constructor(private readonly deps: ModerationDepsWith<"restrictions" | "appeals" | "bus" | "reports">) {}

  async report(tenant: TenantRuntime, p: { from: string; to: string }): Promise<TransparencyReport> {
    const period = parsePeriod(p);
    const [reports, actions, appeals] = await Promise.all([
      this.deps.stores.reports.between(tenant.id, period.from, period.to),
      this.countActions(tenant.id, period),
      this.countAppeals(tenant.id, period),
    ]);
    return {
      from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(),
      reports: { total: reports.length, byCategory: tally(reports.map((r) => r.category)) },
      actions: actions.figures,
      medianHoursToAction: medianHours(actions.waits),
      appeals,
    };
  }

  /** One page of the period's statements of reasons, oldest first (`statements:list`). */
  async statements(tenant: TenantRuntime, p: { from: string; to: string; limit?: number; cursor?: string }): Promise<{ statements: StatementOfReasons[]; cursor?: string }> {
    const period = parsePeriod(p);
    const page = await this.deps.stores.restrictions.listRestrictions(tenant.id, { ...period, limit: p.limit ?? 50, ...(p.cursor ? { cursor: p.cursor } : {}) });
    const statements = await this.toStatements(tenant, page.records);
    return page.cursor ? { statements, cursor: page.cursor } : { statements };
  }

  /**
   * Every statement of the period, page by page, for a download that never holds the period
   * whole. The period is checked before the first page is read, so a bad one fails up front.
   */
  allStatements(tenant: TenantRuntime, p: { from: string; to: string }): AsyncIterable<StatementOfReasons[]> {
    const period = parsePeriod(p);
    const self = this;
    return (async function* () {
      for await (const records of self.ledger(tenant.id, period)) yield await self.toStatements(tenant, records);
    })();
  }

  private async toStatements(tenant: TenantRuntime, records: RestrictionRecord[]): Promise<StatementOfReasons[]> {
    const key = await this.key();
    const termsUrl = tenant.config.moderation.termsUrl;
    return records.map((r) => statementOf(r, { puid: puid(key, tenant.id, r.noticeId), ...(termsUrl ? { termsUrl } : {}) }));
  }

  /** The puid key, one for the whole cluster (the store shares it), made on first use. */
  private key(): Promise<string> {
    this.puidKey ??= this.deps.stores.bus.sharedSecret("statement-puid", randomBytes(32).toString("hex"))
      .catch((err: unknown) => { this.puidKey = undefined; throw err; });
    return this.puidKey;
  }

  private async *ledger(tenant: string, period: Period): AsyncGenerator<RestrictionRecord[]> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.stores.restrictions.listRestrictions(tenant, { ...period, limit: LEDGER_PAGE, ...(cursor ? { cursor } : {}) });
      if (page.records.length) yield page.records;
      cursor = page.cursor;
    } while (cursor);
  }

  private async countActions(tenant: string, period: Period): Promise<{ figures: TransparencyReport["actions"]; waits: number[] }> {
    const figures: TransparencyReport["actions"] = {
      total: 0, byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<NoticeKind, number>,
      byGround: { terms: 0, illegal: 0 }, byCategory: {}, bySource: { filter: 0, flags: 0, manager: 0, report: 0 },
      automatedDetection: 0, automatedDecision: 0,
    };
    const waits: number[] = [];
    for await (const records of this.ledger(tenant, period)) {
      for (const r of records) {
        figures.total += 1;
        figures.byKind[r.kind] += 1;
        figures.byGround[r.ground] += 1;
        figures.bySource[r.source] += 1;
        figures.byCategory[r.category] = (figures.byCategory[r.category] ?? 0) + 1;
        if (r.automated.detection) figures.automatedDetection += 1;
        if (r.automated.decision) figures.automatedDecision += 1;
        const since = r.reportedAt ?? (r.kind === "message_removed" || r.kind === "message_hidden" ? r.contentAt : undefined);
        if (since !== undefined) waits.push(Math.max(0, r.at - since));
      }
    }
    return { figures, waits };
  }

  /** Appeals filed in the period: read newest first until older than the period. */
  private async countAppeals(tenant: string, period: Period): Promise<TransparencyReport["appeals"]> {
    let received = 0;
    let reversed = 0;
    const waits: number[] = [];
    for (let offset = 0; ; offset += APPEALS_PAGE) {
      const page = await this.deps.stores.appeals.listAppeals(tenant, { limit: APPEALS_PAGE, offset });
      for (const a of page) {
        if (a.at < period.from || a.at >= period.to) continue;
        received += 1;
        if (a.status === "reversed") reversed += 1;
        if (a.decidedAt !== undefined) waits.push(Math.max(0, a.decidedAt - a.at));
      }
      if (page.length < APPEALS_PAGE || page[page.length - 1]!.at < period.from) break;
    }
    return { received, reversed, medianHoursToDecision: medianHours(waits) };
  }
}

/**
 * The statement's platform unique identifier: unique per restriction, stable across exports,
 * and useless for finding the notice, its user or its message without the server's key (an HMAC,
 * keyed per deployment, of the tenant and the notice id).
 */
function puid(key: string, tenant: string, noticeId: string): string {
  return createHmac("sha256", key).update(`${tenant}\u0000${noticeId}`).digest("hex");
}

function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** The median of durations in ms, as hours to two decimals; null for none. */
function medianHours(ms: number[]): number | null {
  if (!ms.length) return null;
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const m = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round((m / HOUR_MS) * 100) / 100;
}

/** The report as `figure,value` rows for the CSV download: one row per figure, dotted names, no value for a null. */
export function reportRows(report: TransparencyReport): [string, string][] {
  const rows: [string, string][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    else rows.push([prefix, v === null ? "" : String(v)]);
  };
  walk("", report);
  return rows;
}
