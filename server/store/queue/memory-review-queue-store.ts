import { decodeCursorValue, encodeCursor, refuseCursor } from "../../opaque-cursor.ts";
import type { MemoryMessageStore } from "../messages/memory-message-store.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import type { QueueEntry, ReviewQueueStore } from "./review-queue-store.ts";

/**
 * The embedded review queue, per message id. The memory message half asks `holds` before it
 * forgets a message that fell off its timeline; releaseReviewed hands it back once reviewed.
 */
export class MemoryReviewQueueStore implements ReviewQueueStore {
  private readonly entries = new PerTenant(() => new Map<string, QueueEntry>());

  constructor(private readonly messages: MemoryMessageStore) {}

  async queuePut(tenant: string, entry: QueueEntry) {
    const queue = this.entries.of(tenant);
    const prev = queue.get(entry.messageId);
    const next: QueueEntry = prev
      ? {
          messageId: prev.messageId,
          kind: KIND_RANK[entry.kind] > KIND_RANK[prev.kind] ? entry.kind : prev.kind,
          reasons: [...prev.reasons, ...entry.reasons],
          priority: prev.priority === "high" || entry.priority === "high" ? "high" : "normal",
          queuedAt: prev.queuedAt,
        }
      : copy(entry);
    queue.set(entry.messageId, next);
    return copy(next);
  }

  async queueList(tenant: string, limit: number, cursor?: string) {
    const all = [...this.entries.of(tenant).values()].sort(queueOrder);
    // The cursor names the last entry seen, so taking earlier entries between pages skips nothing.
    const after = cursor === undefined ? null : decodeQueueCursor(cursor);
    const found = after ? all.findIndex((e) => queueOrder(e, after) > 0) : 0;
    const start = found < 0 ? all.length : found;
    const entries = all.slice(start, start + limit).map(copy);
    const last = entries[entries.length - 1];
    const next = start + limit < all.length && last ? encodeQueueCursor(last) : undefined;
    return next ? { entries, cursor: next } : { entries };
  }

  async queueGet(tenant: string, messageId: string) {
    const e = this.entries.of(tenant).get(messageId);
    return e ? copy(e) : null;
  }

  async queueTake(tenant: string, messageId: string) {
    const queue = this.entries.of(tenant);
    const e = queue.get(messageId);
    if (!e) return null;
    queue.delete(messageId);
    return e;
  }

  async releaseReviewed(tenant: string, room: string, messageId: string) {
    this.messages.forgetUnlessListed(tenant, room, messageId);
  }

  async queueSize(tenant: string) { return this.entries.of(tenant).size; }

  async queueOldest(tenant: string) {
    let oldest: number | null = null;
    for (const e of this.entries.of(tenant).values()) if (oldest === null || e.queuedAt < oldest) oldest = e.queuedAt;
    return oldest;
  }

  /** Drops the message's entry at once (its message is being erased, SPEC §9.5). */
  unqueue(tenant: string, messageId: string): void {
    this.entries.of(tenant).delete(messageId);
  }

  /** Whether the message awaits review (then its message is kept after leaving its timeline). */
  holds(tenant: string, messageId: string): boolean {
    return this.entries.of(tenant).has(messageId);
  }
}

/** Merged entries keep the weightiest kind (the Redis script ranks them the same way). */
const KIND_RANK: Record<QueueEntry["kind"], number> = { filter: 0, flag: 1, report: 2 };

function queueOrder(a: QueueEntry, b: QueueEntry): number {
  if (a.priority !== b.priority) return a.priority === "high" ? -1 : 1;
  return a.queuedAt - b.queuedAt || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
}

/** The queue cursor names the last entry seen by its sort key: [priority, queuedAt, messageId]. */
function encodeQueueCursor(e: QueueEntry): string {
  return encodeCursor([e.priority, e.queuedAt, e.messageId]);
}
function decodeQueueCursor(cursor: string): QueueEntry {
  const v = decodeCursorValue(cursor);
  if (!Array.isArray(v) || v.length !== 3) refuseCursor();
  const [priority, queuedAt, messageId] = v as unknown[];
  if ((priority !== "high" && priority !== "normal") || typeof queuedAt !== "number" || !Number.isFinite(queuedAt) || typeof messageId !== "string") refuseCursor();
  return { priority, queuedAt, messageId, kind: "filter", reasons: [] };
}
