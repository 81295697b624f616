import type { QueueItem } from "../../client-sdk/src/protocol.ts";
import type { FlagStore } from "../store/flags/flag-store.ts";
import type { StoredMessage } from "../store/messages/message-store.ts";
import type { QueueEntry } from "../store/queue/review-queue-store.ts";
import { toPublic } from "../chat/public-message.ts";

/** Builds the manager's view of a queue entry: message, reasons, flags, and the author's IP and device. */
export async function toQueueItem(store: FlagStore, tenant: string, entry: QueueEntry, message: StoredMessage): Promise<QueueItem> {
  // The flags this review is about: those an earlier approval overturned were judged already.
  const flags = await store.getFlags(tenant, entry.messageId, { sinceReset: true });
  const item: QueueItem = {
    message: toPublic(message),
    kind: entry.kind,
    reasons: entry.reasons,
    flags,
    priority: entry.priority,
    queuedAt: entry.queuedAt,
  };
  if (message.ip) item.ip = message.ip;
  if (message.device) item.device = message.device;
  return item;
}
