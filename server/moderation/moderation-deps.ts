import type { Logger } from "pino";
import type { Author } from "../../client-sdk/src/protocol.ts";
import type { RoomDirectory } from "../chat/room-directory.ts";
import type { Metrics } from "../contracts/metrics.ts";
import type { Broadcaster } from "../contracts/broadcaster.ts";
import type { DomainEvents } from "../contracts/domain-events.ts";
import type { Stores } from "../store/stores.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { WebhookService } from "../webhooks/webhook-service.ts";
import type { AuditLog } from "./audit-log.ts";

/** Live online counts as this node knows them (the realtime Presence satisfies it). */
export interface OnlineCounts {
  /** Sockets in a room across the cluster (this node live, others as last reported). */
  online(tenant: string, room: string): number;
  /** This node's rooms with sockets in them. */
  localCounts(tenant: string): ReadonlyMap<string, number>;
  /** Who is connected to the tenant's chat now, across the cluster, at most `limit` distinct users. */
  onlineUsers(tenant: string, limit: number): Promise<Author[]>;
}

/** What every part of the moderation service is given (DESIGN: narrow interfaces, passed in). */
export interface ModerationDeps {
  stores: ModerationStores;
  broadcaster: Broadcaster;
  audit: AuditLog;
  metrics: Metrics;
  rooms: RoomDirectory;
  tenants: TenantRegistry;
  logger: Logger;
  /** What happened, for the brand's systems (webhooks); emitted next to the audit entry. */
  events: DomainEvents;
  /** Managers' webhook endpoints, test events and deliveries (SPEC §8.1). */
  webhooks: WebhookService;
  /** Absent in unit wiring: stats then read online counts from the store's presence reports alone. */
  presence?: OnlineCounts;
}

/** The store ports the moderation service uses, all parts together. */
export type ModerationStores = Pick<Stores, "messages" | "flags" | "queue" | "rooms" | "sanctions" | "people" | "stats" | "presence" | "filterEdits" | "bus" | "alerts" | "newcomers" | "evasion" | "raids" | "notices" | "appeals" | "restrictions" | "reports" | "limits" | "locks">;

/** ModerationDeps narrowed to the store ports one part of the service uses. */
export type ModerationDepsWith<K extends keyof ModerationStores> = Omit<ModerationDeps, "stores"> & { stores: Pick<ModerationStores, K> };
