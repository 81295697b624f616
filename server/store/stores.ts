import type { AlertStore } from "./alerts/alert-store.ts";
import type { AppealStore } from "./appeals/appeal-store.ts";
import type { AuditStore } from "./audit/audit-store.ts";
import type { ClusterBus } from "./bus/cluster-bus.ts";
import type { EvasionStore } from "./evasion/evasion-store.ts";
import type { FilterEditStore } from "./filter-edits/filter-edit-store.ts";
import type { FlagStore } from "./flags/flag-store.ts";
import type { LimitStore } from "./limits/limit-store.ts";
import type { LockStore } from "./locks/lock-store.ts";
import type { MessageStore } from "./messages/message-store.ts";
import type { NewcomerStore } from "./newcomers/newcomer-store.ts";
import type { NoticeStore } from "./notices/notice-store.ts";
import type { OutboxStore } from "./outbox/outbox-store.ts";
import type { PeopleStore } from "./people/people-store.ts";
import type { PresenceStore } from "./presence/presence-store.ts";
import type { ReviewQueueStore } from "./queue/review-queue-store.ts";
import type { RestrictionStore } from "./restrictions/restriction-store.ts";
import type { RaidStore } from "./raids/raid-store.ts";
import type { ReportStore } from "./reports/report-store.ts";
import type { RoomStore } from "./rooms/room-store.ts";
import type { SanctionStore } from "./sanctions/sanction-store.ts";
import type { StatsStore } from "./stats/stats-store.ts";
import type { WebhookEndpointStore } from "./webhooks/webhook-endpoint-store.ts";

/** The backend as a whole: what it is, whether it answers, and closing it. */
export interface StoreLifecycle {
  readonly kind: "memory" | "redis";
  /** Resolves true when the backend answers. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Everything Causette shares between nodes, one narrow port per concept. Two backends build it:
 * `createMemoryStores` (embedded, one node) and `createRedisStores`; one contract suite runs
 * against both. Only the wiring (app.ts) holds the whole; each service is given the ports it uses.
 *
 * Example: `const stores = createMemoryStores(); await stores.messages.getMessage("acme", id)`.
 */
export interface Stores extends StoreLifecycle {
  messages: MessageStore;
  flags: FlagStore;
  queue: ReviewQueueStore;
  rooms: RoomStore;
  sanctions: SanctionStore;
  people: PeopleStore;
  audit: AuditStore;
  filterEdits: FilterEditStore;
  stats: StatsStore;
  presence: PresenceStore;
  limits: LimitStore;
  bus: ClusterBus;
  alerts: AlertStore;
  newcomers: NewcomerStore;
  evasion: EvasionStore;
  raids: RaidStore;
  outbox: OutboxStore;
  webhookEndpoints: WebhookEndpointStore;
  notices: NoticeStore;
  appeals: AppealStore;
  restrictions: RestrictionStore;
  reports: ReportStore;
  locks: LockStore;
}
