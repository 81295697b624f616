import type { AuditStore } from "./audit/audit-store.ts";
import type { ClusterBus } from "./bus/cluster-bus.ts";
import type { FilterEditStore } from "./filter-edits/filter-edit-store.ts";
import type { FlagStore } from "./flags/flag-store.ts";
import type { LimitStore } from "./limits/limit-store.ts";
import type { MessageStore } from "./messages/message-store.ts";
import type { PeopleStore } from "./people/people-store.ts";
import type { PresenceStore } from "./presence/presence-store.ts";
import type { ReviewQueueStore } from "./queue/review-queue-store.ts";
import type { RoomStore } from "./rooms/room-store.ts";
import type { SanctionStore } from "./sanctions/sanction-store.ts";
import type { StatsStore } from "./stats/stats-store.ts";
import type { StoreLifecycle } from "./stores.ts";

/**
 * The legacy single store, while its methods move to the ports' own halves: every port at once.
 * Methods that two nodes can race on are atomic in both implementations: appendMessage with an
 * idempotency key, setMessageStatus with `from`, addFlag, resetFlagCount, addHelpful, queueTake, setRole.
 */
export interface Store extends StoreLifecycle, MessageStore, FlagStore, ReviewQueueStore, RoomStore, SanctionStore,
  PeopleStore, AuditStore, FilterEditStore, StatsStore, PresenceStore, LimitStore, ClusterBus {}

export { idempotencyKey, type StoredMessage } from "./messages/message-store.ts";
export type { QueueEntry } from "./queue/review-queue-store.ts";
export type { RoomState } from "./rooms/room-store.ts";
export type { UserCounter, UserRecord } from "./people/people-store.ts";
export { EMPTY_FILTER_EDITS, type FilterEdits, type FilterEditsPatch } from "./filter-edits/filter-edit-store.ts";
export type { RoomCounter } from "./stats/stats-store.ts";
export { spamWindowFor, type SpamWindowStore } from "./limits/limit-store.ts";
export type { ClusterEvent } from "./bus/cluster-bus.ts";
