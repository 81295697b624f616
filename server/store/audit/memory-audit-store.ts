import type { AuditEntry } from "../../../client-sdk/src/protocol.ts";
import { decodeCursorValue, encodeCursor, refuseCursor } from "../../opaque-cursor.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import type { AuditStore } from "./audit-store.ts";

const AUDIT_KEEP = 100_000;

/** The embedded audit trail: each tenant's entries in order, numbered from 1, the oldest dropped past 100,000. */
export class MemoryAuditStore implements AuditStore {
  private readonly trails = new PerTenant(() => ({ entries: [] as { seq: number; entry: AuditEntry }[], seq: 0 }));

  async appendAudit(tenant: string, entry: AuditEntry) {
    const trail = this.trails.of(tenant);
    trail.entries.push({ seq: ++trail.seq, entry: copy(entry) });
    if (trail.entries.length > AUDIT_KEEP) trail.entries.splice(0, trail.entries.length - AUDIT_KEEP);
  }

  async rewriteAudit(tenant: string, change: (entry: AuditEntry) => AuditEntry | undefined) {
    let n = 0;
    for (const row of this.trails.of(tenant).entries) {
      const next = change(copy(row.entry));
      if (next) { row.entry = copy(next); n++; }
    }
    return n;
  }

  async listAudit(tenant: string, limit: number, cursor?: string) {
    const { entries } = this.trails.of(tenant);
    // Newest first; the cursor is the sequence number of the last entry seen, so appends between pages repeat nothing.
    const before = cursor === undefined ? Infinity : decodeAuditCursor(cursor);
    const out: AuditEntry[] = [];
    let i = entries.length - 1;
    while (i >= 0 && entries[i]!.seq >= before) i--;
    for (; i >= 0 && out.length < limit; i--) out.push(copy(entries[i]!.entry));
    return i >= 0 && out.length === limit ? { entries: out, cursor: encodeCursor(entries[i + 1]!.seq) } : { entries: out };
  }
}

/** The audit cursor is the sequence number (from 1) of the last entry seen. */
function decodeAuditCursor(cursor: string): number {
  const n = decodeCursorValue(cursor);
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) refuseCursor();
  return n;
}
