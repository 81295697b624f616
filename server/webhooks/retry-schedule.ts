import type { WebhookDeliverySettings } from "../config/schema.ts";

/**
 * When a failed delivery is tried next, or undefined when it is out of time and fails for good.
 * Delays follow `retryScheduleMs` (the last one repeats), each stretched or shrunk at random by
 * up to `jitter`; the last attempt falls exactly at `createdAt + retryForMs`, so a delivery is
 * tried for the whole window (24 h by default) and no longer.
 *
 * Example: with the defaults, attempt 1 fails at t → the next one is at t + 2.4–3.6 s.
 */
export function nextAttemptAt(
  d: { attempts: number; createdAt: number }, now: number, s: Pick<WebhookDeliverySettings, "retryScheduleMs" | "jitter" | "retryForMs">, random = Math.random,
): number | undefined {
  const end = d.createdAt + s.retryForMs;
  if (now >= end) return undefined;
  const base = s.retryScheduleMs[Math.min(Math.max(d.attempts, 1) - 1, s.retryScheduleMs.length - 1)]!;
  const delay = base * (1 + s.jitter * (2 * random() - 1));
  return Math.min(Math.round(now + delay), end);
}
