import type { AuditEntry } from "../../../client-sdk/src/protocol.ts";
import { refuseCursor } from "../../opaque-cursor.ts";
import type { RedisContext } from "../redis-context.ts";
import type { AuditStore } from "./audit-store.ts";

/** Approximate cap (XADD MAXLEN ~) on each tenant's audit stream. */
const AUDIT_KEEP = 100_000;

/** How many stream entries one read of a rewrite takes at a time. */
const REWRITE_PAGE = 1000;

/**
 * The shared audit trail: one stream per tenant (`T audit`), whose ids are the cursors. A stream
 * entry cannot be edited, so an erasure's rewritten entries (rewriteAudit) live in `T audit:r`, a
 * hash stream id -> entry JSON read in place of the stream's; they go with the stream's trimming
 * only approximately (an override of a trimmed entry is dropped at the next rewrite).
 */
export class RedisAuditStore implements AuditStore {
  constructor(private readonly ctx: RedisContext) {}

  appendAudit(tenant: string, entry: AuditEntry) {
    return this.ctx.guard(async () => {
      await this.ctx.client.xadd(`${this.ctx.t(tenant)}audit`, "MAXLEN", "~", AUDIT_KEEP, "*", "e", JSON.stringify(entry));
    });
  }

  rewriteAudit(tenant: string, change: (entry: AuditEntry) => AuditEntry | undefined) {
    return this.ctx.write(tenant, async () => {
      const T = this.ctx.t(tenant);
      let n = 0;
      let start = "-";
      const live = new Set<string>();
      for (;;) {
        const rows = await this.ctx.client.xrange(`${T}audit`, start, "+", "COUNT", REWRITE_PAGE);
        const entries = await this.withOverrides(tenant, rows);
        const writes: string[] = [];
        rows.forEach(([id], i) => {
          live.add(id);
          const next = change(entries[i]!);
          if (next) { writes.push(id, JSON.stringify(next)); n++; }
        });
        if (writes.length) await this.ctx.client.hset(`${T}audit:r`, ...writes);
        if (rows.length < REWRITE_PAGE) break;
        start = `(${rows[rows.length - 1]![0]}`;
      }
      const stale = (await this.ctx.client.hkeys(`${T}audit:r`)).filter((id) => !live.has(id));
      if (stale.length) await this.ctx.client.hdel(`${T}audit:r`, ...stale);
      return n;
    });
  }

  /** The entries of stream rows, each replaced by its rewrite when it has one. */
  private async withOverrides(tenant: string, rows: [string, string[]][]): Promise<AuditEntry[]> {
    if (!rows.length) return [];
    const over = await this.ctx.client.hmget(`${this.ctx.t(tenant)}audit:r`, ...rows.map(([id]) => id));
    return rows.map(([, fields], i) => JSON.parse(over[i] ?? fields[1]!) as AuditEntry);
  }

  listAudit(tenant: string, limit: number, cursor?: string) {
    return this.ctx.guard(async (): Promise<{ entries: AuditEntry[]; cursor?: string }> => {
      if (limit <= 0) return { entries: [] };
      const end = cursor === undefined ? "+" : `(${checkAuditCursor(cursor)}`;
      const rows = await this.ctx.client.xrevrange(`${this.ctx.t(tenant)}audit`, end, "-", "COUNT", limit + 1);
      const page = rows.slice(0, limit);
      const entries = await this.withOverrides(tenant, page);
      return rows.length > limit ? { entries, cursor: page[page.length - 1]![0] } : { entries };
    });
  }
}

/**
 * The audit cursor is the stream id of the last entry seen, as Redis issued it ("<ms>-<seq>", each
 * below 2^64, never 0-0): anything else is refused here rather than by a Redis error.
 */
function checkAuditCursor(cursor: string): string {
  const m = /^(\d{1,20})-(\d{1,20})$/.exec(cursor);
  const [ms, seq] = m ? [BigInt(m[1]!), BigInt(m[2]!)] : [0n, 0n];
  if (ms >= 2n ** 64n || seq >= 2n ** 64n || ms + seq === 0n) refuseCursor();
  return cursor;
}
