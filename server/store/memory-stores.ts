import { MemoryAuditStore } from "./audit/memory-audit-store.ts";
import { MemoryClusterBus } from "./bus/memory-cluster-bus.ts";
import { MemoryFilterEditStore } from "./filter-edits/memory-filter-edit-store.ts";
import { MemoryLimitStore } from "./limits/memory-limit-store.ts";
import { MemoryStore } from "./memory.ts";
import { MemoryPeopleStore } from "./people/memory-people-store.ts";
import { MemoryPresenceStore } from "./presence/memory-presence-store.ts";
import { MemoryRoomStore } from "./rooms/memory-room-store.ts";
import { MemorySanctionStore } from "./sanctions/memory-sanction-store.ts";
import { MemoryStatsStore } from "./stats/memory-stats-store.ts";
import type { Stores } from "./stores.ts";

/**
 * The embedded backend (one process, no persistence), every port of it. Each port's operations
 * are atomic because the event loop runs each one to completion without awaiting in between; the
 * message path's reads and writes answer at once (see MaybePromise).
 *
 * Example: `const stores = createMemoryStores(); createApp(config, { stores })`.
 */
export function createMemoryStores(opts: { now?: () => number } = {}) {
  const now = opts.now ?? Date.now;
  const legacy = new MemoryStore({ now });
  const bus = new MemoryClusterBus();
  const rooms = new MemoryRoomStore();
  const people = new MemoryPeopleStore(now);
  const stores = {
    kind: "memory" as const,
    ping: async () => true,
    async close() { bus.close(); },
    messages: legacy, flags: legacy, queue: legacy, rooms,
    sanctions: new MemorySanctionStore(), people, audit: new MemoryAuditStore(),
    filterEdits: new MemoryFilterEditStore(), stats: new MemoryStatsStore(rooms, people), presence: new MemoryPresenceStore(now),
    limits: new MemoryLimitStore(now), bus,
  };
  return stores satisfies Stores;
}
