import type { Appeal, Author, Message, Reason } from "../../client-sdk/src/protocol.ts";

/**
 * The `data` of each event type a brand can receive by webhook (SPEC §8.1). `report.created`
 * belongs to SPEC §9.3 and is declared so the service that will raise it calls the same `emit`;
 * nothing emits it yet.
 */
export interface DomainEventData {
  "message.held": { message: Message; reasons: Reason[] };
  "message.flagged": { message: Message; flag: { by: Author; reason: string; note?: string }; hidden: boolean };
  "message.removed": { message: Message; by: Author; reason?: string };
  /** `by` is Causette itself (`{ id: "system" }`) for a raid it detected. */
  "alert.raised": { room: string; note: string; by: Author | { id: "system"; name: string }; kind?: "raid" };
  "report.created": { report: object };
  /** `shadow` is an addition: a shadow ban is reported too, and said to be one. */
  "user.banned": { userId: string; until?: number; reason: string; by: Author; shadow?: boolean };
  "user.muted": { userId: string; until?: number; reason: string; by: Author };
  "ip.blocked": { cidr: string; until?: number; reason: string; by: Author };
  "appeal.created": { appeal: Appeal };
  "appeal.resolved": { appeal: Appeal };
  "webhook.test": { endpointId: string; by: Author };
}
export type DomainEventType = keyof DomainEventData;

/**
 * The one seam through which services tell the brand's systems what happened: called next to the
 * audit entry, and awaited before the action is acknowledged, so an acknowledged action has its
 * event in the store (the outbox writer in `webhooks/` implements it).
 *
 * Example: `await events.emit(tenant.id, "user.banned", { userId, reason, by: actor })`.
 */
export interface DomainEvents {
  emit<K extends DomainEventType>(tenant: string, type: K, data: DomainEventData[K]): Promise<void>;
}

/** For wiring without webhooks (unit tests of a service): every event goes nowhere. */
export const NO_DOMAIN_EVENTS: DomainEvents = { emit: async () => undefined };
