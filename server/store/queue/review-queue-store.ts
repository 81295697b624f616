import type { Reason } from "../../../client-sdk/src/protocol.ts";

/**
 * The review queue: held and flagged messages waiting for a manager's decision. A queued message
 * is kept even when it falls off its room's timeline, until `releaseReviewed`.
 */
export interface ReviewQueueStore {
  /**
   * Puts a message in the review queue or merges into its entry: reasons are appended,
   * priority only rises (normal → high), kind only rises (filter → flag → report: a flag, then
   * a report of illegal content, is what a manager must know first).
   */
  queuePut(tenant: string, entry: QueueEntry): Promise<QueueEntry>;
  /**
   * Oldest first within priority (high before normal). `cursor` is opaque: one this store issued,
   * anything else is refused with `invalid_payload` (never read as "from the start").
   */
  queueList(tenant: string, limit: number, cursor?: string): Promise<{ entries: QueueEntry[]; cursor?: string }>;
  queueGet(tenant: string, messageId: string): Promise<QueueEntry | null>;
  /** Atomically removes the entry: exactly one caller racing on the same id gets it back. */
  queueTake(tenant: string, messageId: string): Promise<QueueEntry | null>;
  /**
   * The review of a message is over (its entry taken and the decision applied): a message that
   * fell off its room's timeline while queued, and so was kept for the review, is forgotten now,
   * as any other is when it falls off. Nothing happens while it is queued again or still on the
   * timeline.
   */
  releaseReviewed(tenant: string, room: string, messageId: string): Promise<void>;
  queueSize(tenant: string): Promise<number>;
  /** When the longest-waiting entry was queued (whatever its priority), or null when the queue is empty. */
  queueOldest(tenant: string): Promise<number | null>;
}

export interface QueueEntry {
  messageId: string;
  kind: "filter" | "flag" | "report";
  reasons: Reason[];
  priority: "high" | "normal";
  queuedAt: number;
}
