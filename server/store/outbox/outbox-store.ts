import type { MaybePromise } from "../../maybe-promise.ts";

export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One event on its way to one endpoint (SPEC §8.1 `webhooks:deliveries`). `id` is the `webhook-id`. */
export interface Delivery {
  id: string;
  type: string;
  endpointId: string;
  status: DeliveryStatus;
  /** Attempts started so far (an attempt counts when a node claims it, so a crash mid-call counts). */
  attempts: number;
  createdAt: number;
  lastError?: string;
  /** When a pending delivery is next due (absent while a node holds it, and once settled). */
  nextAttemptAt?: number;
  settledAt?: number;
}

/** A delivery a node has claimed: the body to send and the lease that proves the claim is still its own. */
export interface ClaimedDelivery extends Delivery {
  /** The JSON body, fixed when the event was written, so every retry sends the same bytes. */
  body: string;
  lease: string;
}

export type Settlement =
  | { status: "delivered" }
  | { status: "pending"; nextAttemptAt: number; lastError: string }
  | { status: "failed"; lastError: string };

/**
 * The durable outbox of outgoing webhooks (SPEC §8.1): pending deliveries survive a node's crash
 * or restart, and one node at a time holds each. A node claims due deliveries of one endpoint
 * with a lease (`leaseMs`); it settles each with that lease; a lease that ran out (its node died)
 * makes the delivery due again for any node. Settling with a lease that is no longer the
 * delivery's own changes nothing, so a node that outlived its lease cannot undo another's work.
 * Settled deliveries are kept (the newest `keepSettled` per tenant) for the deliveries view.
 */
export interface OutboxStore {
  /** Writes new pending deliveries, due at once, in one step (all or none). */
  enqueue(tenant: string, deliveries: readonly (Delivery & { body: string })[]): MaybePromise<void>;
  /** Claims up to `limit` deliveries of `endpointId` due at `now` (roughly oldest first). */
  claim(tenant: string, endpointId: string, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** Records an attempt's outcome; false (and nothing changed) when the lease is no longer held. */
  settle(tenant: string, id: string, lease: string, outcome: Settlement, now: number): Promise<boolean>;
  /** Makes every pending delivery of an endpoint due now (the endpoint has recovered); returns how many. */
  expedite(tenant: string, endpointId: string, now: number): Promise<number>;
  /** Marks every waiting delivery of an endpoint failed (the endpoint was removed); returns how many. */
  abandon(tenant: string, endpointId: string, reason: string, now: number): Promise<number>;
  /** Deliveries, newest first; `cursor` is the last id of the previous page. */
  list(tenant: string, limit: number, cursor?: string): Promise<{ deliveries: Delivery[]; cursor?: string }>;
}

/** Settled deliveries kept per tenant for the deliveries view (pending ones are all kept). */
export const KEEP_SETTLED = 10_000;
