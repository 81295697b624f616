import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Metrics } from "../contracts/metrics.ts";
import { LabelTally } from "./label-tally.ts";
import { StageHistogram } from "./stage-histogram.ts";

/**
 * The Prometheus implementation of the services' `Metrics`, with the registry `/metrics` serves.
 * One registry per app instance (no global default registry), so tests can run many apps in one process.
 */
export function createMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    sockets: new Gauge({ name: "causette_connected_sockets", help: "Connected sockets by namespace", labelNames: ["namespace"] as const, registers: [registry] }),
    messages: new LabelTally({ name: "causette_messages_total", help: "message:send outcomes by verdict (visible, held, shadow, rejected, refused)", label: "verdict", registers: [registry] }),
    refusals: new LabelTally({ name: "causette_refusals_total", help: "Refused requests by error code", label: "code", registers: [registry] }),
    stageSeconds: new StageHistogram({
      name: "causette_pipeline_stage_seconds", help: "Pipeline stage latency", registers: [registry],
      buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    }),
    handshakes: new Counter({ name: "causette_handshakes_total", help: "Handshakes by outcome", labelNames: ["outcome"] as const, registers: [registry] }),
    moderation: new Counter({ name: "causette_moderation_actions_total", help: "Moderation actions by action", labelNames: ["action"] as const, registers: [registry] }),
    flags: new Counter({ name: "causette_flags_total", help: "Flags raised by reason", labelNames: ["reason"] as const, registers: [registry] }),
    queueSize: new Gauge({ name: "causette_review_queue_size", help: "Review queue size by tenant", labelNames: ["tenant"] as const, registers: [registry] }),
    onlineUsers: new Gauge({ name: "causette_online_users", help: "Sockets in rooms by tenant, as the back-office stats see them", labelNames: ["tenant"] as const, registers: [registry] }),
    messagesPerMinute: new Gauge({ name: "causette_messages_per_minute", help: "Messages over the last minute by tenant", labelNames: ["tenant"] as const, registers: [registry] }),
    heldRecent: new Gauge({ name: "causette_held_recent", help: "Messages held by the filters over the last 15 minutes by tenant", labelNames: ["tenant"] as const, registers: [registry] }),
    flagsRecent: new Gauge({ name: "causette_flags_recent", help: "Flags raised over the last 15 minutes by tenant", labelNames: ["tenant"] as const, registers: [registry] }),
    hookFailures: new Counter({ name: "causette_hook_failures_total", help: "Moderation hook calls that failed (onError decided), by reason", labelNames: ["reason"] as const, registers: [registry] }),
    hookSeconds: new Histogram({
      name: "causette_hook_duration_seconds", help: "Moderation hook call latency by outcome", labelNames: ["outcome"] as const, registers: [registry],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 3, 10],
    }),
    webhookAttempts: new Counter({ name: "causette_webhook_attempts_total", help: "Webhook delivery attempts by outcome (delivered, retry, failed)", labelNames: ["outcome"] as const, registers: [registry] }),
  };
}
export interface PrometheusMetrics extends Metrics { readonly registry: Registry }
