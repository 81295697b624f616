import type { AuditEntry, Author } from "../../client-sdk/src/protocol.ts";
import { newId } from "../ids.ts";
import { decodeCursor, encodeCursor, refuseCursor } from "../opaque-cursor.ts";
import type { Broadcaster } from "../contracts/broadcaster.ts";
import type { AuditStore } from "../store/audit/audit-store.ts";

/** How many stored entries one filtered read may scan before it returns what it has with a cursor. */
const SCAN_BUDGET = 5000;
const PAGE = 200;

export interface AuditQuery { limit?: number; cursor?: string; action?: string; actor?: string; subject?: string }

/** Whether an entry is about `userId`: what was done to them, or to one of their messages. */
const about = (e: AuditEntry, userId: string) => e.target.userId === userId || e.target.authorId === userId;

export type Actor = Author | { id: "system"; name?: string };
export const SYSTEM: Actor = { id: "system", name: "Causette" };

/** Append-only record of every moderation action, automatic or human; each entry also reaches the live feed. */
export class AuditLog {
  constructor(private readonly store: AuditStore, private readonly broadcaster: Broadcaster) {}

  async record(tenant: string, actor: Actor, action: string, target: Record<string, unknown>, reason?: string, room?: string): Promise<AuditEntry> {
    const entry: AuditEntry = { id: newId("a_"), at: Date.now(), actor: { ...actor }, action, target };
    if (reason) entry.reason = reason;
    await this.store.appendAudit(tenant, entry);
    this.broadcaster.toAdmins(tenant, room, "audit", entry);
    return entry;
  }

  /** Every kept entry `match` picks, newest first (a rare full read: an export of one person's data). */
  async every(tenant: string, match: (e: AuditEntry) => boolean): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.listAudit(tenant, PAGE * 5, cursor);
      for (const e of page.entries) if (match(e)) out.push(e);
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  /** Rewrites kept entries in place (SPEC §9.5 erasure only; see AuditStore.rewriteAudit). */
  rewrite(tenant: string, change: (e: AuditEntry) => AuditEntry | undefined): Promise<number> {
    return this.store.rewriteAudit(tenant, change);
  }

  /**
   * Newest first, optionally only one action, one actor or one subject. The cursor wraps the store's own
   * cursor plus how many entries of that store page were already returned, so a page that
   * holds more matches than asked for is resumed exactly where it stopped.
   */
  async list(tenant: string, q: AuditQuery): Promise<{ entries: AuditEntry[]; cursor?: string }> {
    const limit = q.limit ?? 50;
    const filtered = q.action !== undefined || q.actor !== undefined || q.subject !== undefined;
    const matches = (e: AuditEntry) => (q.action === undefined || e.action === q.action) && (q.actor === undefined || e.actor.id === q.actor)
      && (q.subject === undefined || about(e, q.subject));
    let { c: storeCursor, s: skip } = decodeAuditCursor(q.cursor);
    const out: AuditEntry[] = [];
    let scanned = 0;
    for (;;) {
      const pageSize = filtered ? PAGE : limit + skip;
      const page = await this.store.listAudit(tenant, pageSize, storeCursor);
      for (let i = skip; i < page.entries.length; i++) {
        const e = page.entries[i]!;
        scanned++;
        if (!matches(e)) continue;
        out.push(e);
        if (out.length === limit) {
          // More of this page is left, or more pages: resume right after this entry.
          if (i + 1 < page.entries.length) return { entries: out, cursor: encodeAuditCursor(storeCursor, i + 1) };
          return page.cursor ? { entries: out, cursor: encodeAuditCursor(page.cursor, 0) } : { entries: out };
        }
      }
      if (!page.cursor) return { entries: out };
      storeCursor = page.cursor;
      skip = 0;
      if (scanned >= SCAN_BUDGET) return { entries: out, cursor: encodeAuditCursor(storeCursor, 0) };
    }
  }
}

function encodeAuditCursor(c: string | undefined, s: number): string {
  return encodeCursor({ c: c ?? null, s });
}

function decodeAuditCursor(cursor: string | undefined): { c: string | undefined; s: number } {
  if (!cursor) return { c: undefined, s: 0 };
  const v = decodeCursor(cursor);
  const s = v.s;
  if ((v.c !== null && typeof v.c !== "string") || typeof s !== "number" || !Number.isInteger(s) || s < 0 || s > 10_000) refuseCursor();
  return { c: typeof v.c === "string" ? v.c : undefined, s };
}
