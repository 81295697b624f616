import { MemoryAuditStore } from "./audit/memory-audit-store.ts";
import { MemoryFilterEditStore } from "./filter-edits/memory-filter-edit-store.ts";
import { MemoryStore } from "./memory.ts";
import { MemoryPresenceStore } from "./presence/memory-presence-store.ts";
import { MemorySanctionStore } from "./sanctions/memory-sanction-store.ts";
import type { Stores } from "./stores.ts";

/**
 * The embedded backend (one process, no persistence), every port of it. Example:
 * `const stores = createMemoryStores(); createApp(config, { stores })`.
 */
export function createMemoryStores(opts: { now?: () => number } = {}) {
  const legacy = new MemoryStore(opts);
  const stores = {
    kind: "memory" as const,
    ping: () => legacy.ping(),
    close: () => legacy.close(),
    messages: legacy, flags: legacy, queue: legacy, rooms: legacy, sanctions: new MemorySanctionStore(), people: legacy, audit: new MemoryAuditStore(),
    filterEdits: new MemoryFilterEditStore(), stats: legacy, presence: new MemoryPresenceStore(opts.now), limits: legacy, bus: legacy,
  };
  return stores satisfies Stores;
}
