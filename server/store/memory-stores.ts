import { MemoryAlertStore } from "./alerts/memory-alert-store.ts";
import { MemoryAppealStore } from "./appeals/memory-appeal-store.ts";
import { MemoryAuditStore } from "./audit/memory-audit-store.ts";
import { MemoryClusterBus } from "./bus/memory-cluster-bus.ts";
import { MemoryEvasionStore } from "./evasion/memory-evasion-store.ts";
import { MemoryFilterEditStore } from "./filter-edits/memory-filter-edit-store.ts";
import { MemoryFlagStore } from "./flags/memory-flag-store.ts";
import { MemoryLimitStore } from "./limits/memory-limit-store.ts";
import { MemoryLockStore } from "./locks/memory-lock-store.ts";
import { MemoryMessageStore } from "./messages/memory-message-store.ts";
import { MemoryNewcomerStore } from "./newcomers/memory-newcomer-store.ts";
import { MemoryNoticeStore } from "./notices/memory-notice-store.ts";
import { MemoryOutboxStore } from "./outbox/memory-outbox-store.ts";
import { MemoryPeopleStore } from "./people/memory-people-store.ts";
import { GUEST_RECORD_IDLE_MS, GUEST_RECORDS_KEPT } from "./people/people-store.ts";
import { MemoryPresenceStore } from "./presence/memory-presence-store.ts";
import { MemoryReviewQueueStore } from "./queue/memory-review-queue-store.ts";
import { MemoryRaidStore } from "./raids/memory-raid-store.ts";
import { MemoryRestrictionStore } from "./restrictions/memory-restriction-store.ts";
import { MemoryReportStore } from "./reports/memory-report-store.ts";
import { MemoryRoomStore } from "./rooms/memory-room-store.ts";
import { MemorySanctionStore } from "./sanctions/memory-sanction-store.ts";
import { MemoryStatsStore } from "./stats/memory-stats-store.ts";
import type { Stores } from "./stores.ts";
import { MemoryWebhookEndpointStore } from "./webhooks/memory-webhook-endpoint-store.ts";

/**
 * The embedded backend (one process, no persistence), every port of it. Each operation is atomic
 * because the event loop runs it to completion without awaiting in between, also when it spans
 * halves (a flag hiding its message, a post's bookkeeping, a message forgotten with its flags
 * unless queued): those halves call each other synchronously. The message path's reads and
 * writes answer at once (see MaybePromise).
 *
 * Example: `const stores = createMemoryStores(); createApp(config, { stores })`.
 */
export function createMemoryStores(opts: { now?: () => number; guestRecordsKept?: number } = {}) {
  const now = opts.now ?? Date.now;
  // The message half asks the queue and flag halves, built right after it, what to keep and drop.
  let queue: MemoryReviewQueueStore | undefined;
  let flags: MemoryFlagStore | undefined;
  const messages = new MemoryMessageStore({
    holds: (tenant, id) => queue!.holds(tenant, id),
    forgotten: (tenant, id) => flags!.forget(tenant, id),
    erased: (tenant, id) => queue!.unqueue(tenant, id),
  }, now);
  queue = new MemoryReviewQueueStore(messages);
  flags = new MemoryFlagStore(messages);
  const rooms = new MemoryRoomStore();
  const people = new MemoryPeopleStore(now, { guestsKept: opts.guestRecordsKept ?? GUEST_RECORDS_KEPT, guestIdleMs: GUEST_RECORD_IDLE_MS });
  const bus = new MemoryClusterBus();
  const stores = {
    kind: "memory" as const,
    ping: async () => true,
    async close() { bus.close(); },
    messages, flags, queue, rooms, people,
    sanctions: new MemorySanctionStore(),
    audit: new MemoryAuditStore(),
    filterEdits: new MemoryFilterEditStore(),
    stats: new MemoryStatsStore(rooms, people),
    presence: new MemoryPresenceStore(now),
    limits: new MemoryLimitStore(now),
    bus,
    alerts: new MemoryAlertStore(),
    newcomers: new MemoryNewcomerStore(),
    evasion: new MemoryEvasionStore(),
    raids: new MemoryRaidStore(),
    outbox: new MemoryOutboxStore(),
    webhookEndpoints: new MemoryWebhookEndpointStore(),
    notices: new MemoryNoticeStore(),
    appeals: new MemoryAppealStore(),
    restrictions: new MemoryRestrictionStore(now),
    reports: new MemoryReportStore(),
    locks: new MemoryLockStore(now),
  };
  return stores satisfies Stores;
}
