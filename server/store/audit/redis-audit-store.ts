import type { AuditEntry } from "../../../client-sdk/src/protocol.ts";
import { refuseCursor } from "../../opaque-cursor.ts";
import type { RedisContext } from "../redis-context.ts";
import type { AuditStore } from "./audit-store.ts";

/** Approximate cap (XADD MAXLEN ~) on each tenant's audit stream. */
const AUDIT_KEEP = 100_000;

/** The shared audit trail: one stream per tenant (`T audit`), whose ids are the cursors. */
export class RedisAuditStore implements AuditStore {
  constructor(private readonly ctx: RedisContext) {}

  appendAudit(tenant: string, entry: AuditEntry) {
    return this.ctx.guard(async () => {
      await this.ctx.client.xadd(`${this.ctx.t(tenant)}audit`, "MAXLEN", "~", AUDIT_KEEP, "*", "e", JSON.stringify(entry));
    });
  }

  listAudit(tenant: string, limit: number, cursor?: string) {
    return this.ctx.guard(async (): Promise<{ entries: AuditEntry[]; cursor?: string }> => {
      if (limit <= 0) return { entries: [] };
      const end = cursor === undefined ? "+" : `(${checkAuditCursor(cursor)}`;
      const rows = await this.ctx.client.xrevrange(`${this.ctx.t(tenant)}audit`, end, "-", "COUNT", limit + 1);
      const page = rows.slice(0, limit);
      const entries = page.map(([, fields]) => JSON.parse(fields[1]!) as AuditEntry);
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
