import type { DomainEventData, DomainEvents, DomainEventType } from "../contracts/domain-events.ts";
import { newId } from "../ids.ts";
import type { Delivery, OutboxStore } from "../store/outbox/outbox-store.ts";
import type { StoredEndpoint } from "../store/webhooks/webhook-endpoint-store.ts";
import type { EndpointRegistry } from "./endpoint-registry.ts";

/** Whether an endpoint wants an event type (`webhook.test` goes only where a manager sends it). */
export function subscribes(endpoint: Pick<StoredEndpoint, "events">, type: DomainEventType): boolean {
  if (type === "webhook.test") return false;
  return endpoint.events.includes("*") || endpoint.events.includes(type);
}

/**
 * DomainEvents written to the outbox: one pending delivery per subscribed endpoint, each with
 * its own `webhook-id`, all sharing one body (`{ type, timestamp, data }`, SPEC §8.1) that
 * every retry sends again byte for byte. The write is done before `emit` resolves, so the
 * service that awaits it acknowledges its action only once the event is stored.
 */
export class OutboxWriter implements DomainEvents {
  constructor(private readonly deps: {
    registry: EndpointRegistry;
    outbox: Pick<OutboxStore, "enqueue">;
    /** Told after each write (the local delivery worker looks at once instead of at its next poll). */
    written?: (tenant: string) => void;
    now?: () => number;
  }) {}

  async emit<K extends DomainEventType>(tenant: string, type: K, data: DomainEventData[K]): Promise<void> {
    const endpoints = (await this.deps.registry.endpoints(tenant)).filter((e) => subscribes(e, type));
    if (endpoints.length) await this.write(tenant, type, data, endpoints);
  }

  /** Writes one event for the given endpoints; returns the deliveries' ids (their `webhook-id`s). */
  async write<K extends DomainEventType>(tenant: string, type: K, data: DomainEventData[K], endpoints: readonly StoredEndpoint[]): Promise<string[]> {
    const at = (this.deps.now ?? Date.now)();
    const body = JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
    const deliveries: (Delivery & { body: string })[] = endpoints.map((e) => ({
      id: newId("msg_"), type, endpointId: e.id, status: "pending", attempts: 0, createdAt: at, nextAttemptAt: at, body,
    }));
    await this.deps.outbox.enqueue(tenant, deliveries);
    this.deps.written?.(tenant);
    return deliveries.map((d) => d.id);
  }
}
