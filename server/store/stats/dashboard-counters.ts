/**
 * The names of the back office dashboard's counters, shared by both halves of the stats port so
 * a post or a decision counts the same on either. One bucket is a flat map name -> count:
 * - `messages`, `held`, `held:<reason kind>`, `flagged`;
 * - `removed`, `removed:<category>`, `approved` (a manager's queue decisions, by DSA category);
 * - `dec:<approve|remove>:<manager id>` (decisions per manager);
 * - `upheld`, `rejected` (the people whose flag a decision upheld or overturned);
 * - `lat:<i>` (decision latencies, in the fixed buckets of LATENCY_BOUNDS_SEC: a histogram any
 *   number of buckets can be summed into, from which a median is read without keeping samples).
 */

/** Upper bounds (seconds) of the decision-latency histogram; the last bucket has no upper bound. */
export const LATENCY_BOUNDS_SEC = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400] as const;

/** Minute buckets cover the last hour (kept two), hour buckets the last week (kept eight days). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const MINUTES_KEEP_MS = 2 * HOUR_MS;
export const HOURS_KEEP_MS = 8 * 24 * HOUR_MS;

export type DashResolution = "minute" | "hour";

/** One bucket: its start (epoch ms) and its counters (only those counted at least once). */
export interface DashBucket { at: number; counts: Record<string, number> }

/** A manager's decision on a queued message, as the dashboard counts it. */
export interface DecisionRecord {
  room: string;
  at: number;
  manager: { id: string; name: string };
  decision: "approve" | "remove";
  /** When the message entered the review queue. */
  queuedAt: number;
  /** The DSA category of the entry's reasons. */
  category: string;
  /** How many people's flags the decision judged (upheld on removal, overturned on approval). */
  flaggers: number;
}

export function bucketStart(at: number, resolution: DashResolution): number {
  const size = resolution === "minute" ? MINUTE_MS : HOUR_MS;
  return Math.floor(at / size) * size;
}

export function latencyBucket(ms: number): number {
  const sec = Math.max(0, ms) / 1000;
  const i = LATENCY_BOUNDS_SEC.findIndex((b) => sec <= b);
  return i === -1 ? LATENCY_BOUNDS_SEC.length : i;
}

/** What a post counts for: always `messages`; when held, `held` and its first reason's kind. */
export function postCounters(post: { held: boolean; heldReason?: string | undefined }): string[] {
  if (!post.held) return ["messages"];
  return ["messages", "held", `held:${post.heldReason ?? "other"}`];
}

/** What a decision counts for (a counter listed n times counts n). */
export function decisionCounters(d: DecisionRecord): string[] {
  const out = [d.decision === "remove" ? "removed" : "approved", `dec:${d.decision}:${d.manager.id}`, `lat:${latencyBucket(d.at - d.queuedAt)}`];
  if (d.decision === "remove") out.push(`removed:${d.category}`);
  for (let i = 0; i < d.flaggers; i++) out.push(d.decision === "remove" ? "upheld" : "rejected");
  return out;
}

/** The manager id a `dec:<decision>:<id>` counter names. */
export function managerOf(counter: string): string | undefined {
  if (!counter.startsWith("dec:")) return undefined;
  const i = counter.indexOf(":", 4);
  return i === -1 ? undefined : counter.slice(i + 1);
}

/** Sets an own property even for a key like "__proto__" (manager ids are free-form). */
export function setOwn<V>(o: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
