/**
 * What the services and doors count through, as narrow interfaces: the chat, moderation and
 * socket layers bump these and never see prom-client or the registry behind them
 * (`http/metrics.ts` builds the Prometheus implementation and serves `/metrics`).
 */

/** A counter with one label, bumped by value (`messages.inc("visible")`). */
export interface Tally { inc(value: string): void }

/** A counter with named labels. */
export interface LabelledCounter<L extends string> { inc(labels: Record<L, string>, by?: number): void }

/** A gauge with named labels. */
export interface LabelledGauge<L extends string> {
  set(labels: Record<L, string>, value: number): void;
  inc(labels: Record<L, string>, by?: number): void;
  dec(labels: Record<L, string>, by?: number): void;
}

/** A histogram with named labels. */
export interface LabelledHistogram<L extends string> { observe(labels: Record<L, string>, value: number): void }

/** What one pipeline stage observes its latency through. */
export interface StageTimer { observe(seconds: number): void }

/** Pipeline stage latency: a timer per stage, taken once when the stage is built. */
export interface StageTimers { stage(name: string): StageTimer }

export interface Metrics {
  /** Connected sockets by namespace. */
  sockets: LabelledGauge<"namespace">;
  /** message:send outcomes by verdict (visible, held, shadow, rejected, refused). */
  messages: Tally;
  /** Refused requests by error code. */
  refusals: Tally;
  stageSeconds: StageTimers;
  handshakes: LabelledCounter<"outcome">;
  moderation: LabelledCounter<"action">;
  flags: LabelledCounter<"reason">;
  queueSize: LabelledGauge<"tenant">;
  onlineUsers: LabelledGauge<"tenant">;
  messagesPerMinute: LabelledGauge<"tenant">;
  heldRecent: LabelledGauge<"tenant">;
  flagsRecent: LabelledGauge<"tenant">;
  /** Moderation hook calls that failed (SPEC §8.2 `causette_hook_failures_total`), by reason: timeout, error, invalid, breaker. */
  hookFailures: LabelledCounter<"reason">;
  /** Moderation hook call latency by outcome (allow, hold, reject, failed). */
  hookSeconds: LabelledHistogram<"outcome">;
  /** Webhook delivery attempts by outcome (delivered, retry, failed). */
  webhookAttempts: LabelledCounter<"outcome">;
}
