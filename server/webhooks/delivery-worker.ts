import type { Logger } from "pino";
import type { WebhookDeliverySettings } from "../config/schema.ts";
import type { Metrics } from "../contracts/metrics.ts";
import { OutboundError, type OutboundClient } from "../outbound/outbound-client.ts";
import { signedHeaders } from "../outbound/signature.ts";
import type { ClaimedDelivery, OutboxStore } from "../store/outbox/outbox-store.ts";
import type { StoredEndpoint } from "../store/webhooks/webhook-endpoint-store.ts";
import type { EndpointRegistry } from "./endpoint-registry.ts";
import { nextAttemptAt } from "./retry-schedule.ts";

/** A receiver's answer body is read (to keep the connection reusable) but never kept beyond this. */
const MAX_RECEIVER_ANSWER = 64 * 1024;

/** This node's view of one endpoint: what it has in flight, and whether it is resting. */
interface EndpointState {
  inFlight: number;
  claiming: boolean;
  /** Failed attempts in a row (on this node). */
  failures: number;
  /** While paused, one probe at a time goes out, no more often than this allows. */
  pausedUntil: number;
}

export interface DeliveryWorkerDeps {
  registry: EndpointRegistry;
  outbox: OutboxStore;
  client: Pick<OutboundClient, "post">;
  settings: WebhookDeliverySettings;
  metrics: Pick<Metrics, "webhookAttempts">;
  logger: Logger;
  now?: () => number;
}

/**
 * Sends the outbox's due deliveries from this node, off the message path: every `pollMs`, and at
 * once after this node writes one. Per endpoint it claims no more than it has free slots
 * (`maxInFlightPerEndpoint`), so a slow endpoint holds a few connections and nothing else; an
 * endpoint that failed `failuresToPause` times in a row is paused, then probed with one delivery
 * at a time at growing intervals (up to `maxPauseMs`) instead of being sent the whole backlog;
 * the probe's success brings every waiting delivery of it forward, so a backlog built up while it
 * was down flows as soon as it is back rather than at each delivery's own retry time.
 *
 * Several nodes run this over one Redis; the outbox's leases make each delivery one node's at a
 * time. Secrets stay in memory: a delivery's log line names its id and endpoint, never its headers.
 */
export class DeliveryWorker {
  private readonly state = new Map<string, EndpointState>();
  private timer: NodeJS.Timeout | undefined;
  private passing = false;
  private again = false;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: DeliveryWorkerDeps) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.deps.settings.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Looks for due deliveries now (coalesced: one pass at a time, one more if asked meanwhile). */
  kick(): void {
    if (this.stopped) return;
    if (this.passing) { this.again = true; return; }
    this.passing = true;
    void this.pass().catch((err) => this.deps.logger.warn({ err }, "webhook delivery pass failed")).finally(() => {
      this.passing = false;
      if (this.again) { this.again = false; this.kick(); }
    });
  }

  /** Stops claiming; waits up to `graceMs` for attempts in flight (the rest come due again when their leases end). */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => { timer = setTimeout(r, graceMs); })]);
    clearTimeout(timer);
  }

  private async pass(): Promise<void> {
    for (const tenant of this.deps.registry.tenants()) {
      const endpoints = await this.deps.registry.endpoints(tenant);
      for (const ep of endpoints) await this.fill(tenant, ep);
    }
  }

  private stateOf(tenant: string, endpointId: string): EndpointState {
    const key = `${tenant}\u0000${endpointId}`;
    let s = this.state.get(key);
    if (!s) this.state.set(key, (s = { inFlight: 0, claiming: false, failures: 0, pausedUntil: 0 }));
    return s;
  }

  /** Claims as many due deliveries of one endpoint as it has free slots, and sends them. */
  private async fill(tenant: string, ep: StoredEndpoint): Promise<void> {
    const { outbox, settings } = this.deps;
    const s = this.stateOf(tenant, ep.id);
    if (this.stopped || s.claiming) return;
    const now = this.now();
    const paused = s.failures >= settings.failuresToPause;
    if (paused && (now < s.pausedUntil || s.inFlight > 0)) return;
    const free = paused ? 1 : settings.maxInFlightPerEndpoint - s.inFlight;
    if (free <= 0) return;
    s.claiming = true;
    let claimed: ClaimedDelivery[];
    try {
      claimed = await outbox.claim(tenant, ep.id, now, free, settings.leaseMs);
    } finally {
      s.claiming = false;
    }
    for (const d of claimed) {
      s.inFlight++;
      const p = this.attempt(tenant, ep, d, s).finally(() => {
        s.inFlight--;
        this.inFlight.delete(p);
        // A slot is free: more may be due (a backlog drains at the endpoint's pace, not the poll's).
        if (!this.stopped) void this.fill(tenant, ep).catch(() => undefined);
      });
      this.inFlight.add(p);
    }
  }

  private async attempt(tenant: string, ep: StoredEndpoint, d: ClaimedDelivery, s: EndpointState): Promise<void> {
    const { client, settings, outbox, metrics, logger, registry } = this.deps;
    let error: string | undefined;
    try {
      const res = await client.post(ep.url, signedHeaders(ep.secret, d.id, d.body, this.now()), d.body, {
        timeoutMs: settings.timeoutMs, maxResponseBytes: MAX_RECEIVER_ANSWER, allowPrivateNetworks: registry.allowPrivateNetworks(tenant),
      });
      if (res.status < 200 || res.status > 299) error = res.status >= 300 && res.status < 400 ? `HTTP ${res.status} (redirects are not followed)` : `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof OutboundError ? err.message : "request failed";
    }
    const now = this.now();
    try {
      if (error === undefined) {
        const recovering = s.failures >= settings.failuresToPause;
        s.failures = 0;
        s.pausedUntil = 0;
        metrics.webhookAttempts.inc({ outcome: "delivered" });
        await outbox.settle(tenant, d.id, d.lease, { status: "delivered" }, now);
        if (recovering) {
          const n = await outbox.expedite(tenant, ep.id, now);
          logger.info({ tenant, endpoint: ep.id, waiting: n }, "webhook endpoint answers again");
        }
        return;
      }
      s.failures++;
      if (s.failures >= settings.failuresToPause) {
        s.pausedUntil = now + Math.min(settings.maxPauseMs, 1000 * 2 ** (s.failures - settings.failuresToPause));
      }
      const next = nextAttemptAt(d, now, settings);
      metrics.webhookAttempts.inc({ outcome: next === undefined ? "failed" : "retry" });
      await outbox.settle(tenant, d.id, d.lease, next === undefined ? { status: "failed", lastError: error } : { status: "pending", nextAttemptAt: next, lastError: error }, now);
      logger.debug({ tenant, endpoint: ep.id, delivery: d.id, attempts: d.attempts, error }, "webhook delivery failed");
    } catch (err) {
      // The store is away: the lease ends and the delivery comes due again, on this node or another.
      logger.warn({ err, tenant, delivery: d.id }, "could not record a webhook attempt");
    }
  }

  private now(): number { return (this.deps.now ?? Date.now)(); }
}
