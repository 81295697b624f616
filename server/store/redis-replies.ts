import type { Redis } from "ioredis";

/** MULTI/pipeline results without the per-command error tuples; the first error is thrown. */
export async function exec(m: ReturnType<Redis["multi"]>): Promise<unknown[]> {
  const res = await m.exec();
  if (!res) throw new Error("transaction aborted");
  return res.map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}

/** WITHSCORES replies: flat [member, score, ...] (RESP2 shapes) or [member, score] pairs (RESP3 reply mapping). */
export function scored(reply: unknown): { member: string; score: string }[] {
  const a = reply as unknown[];
  if (a.length && Array.isArray(a[0])) return (a as [unknown, unknown][]).map(([m, s]) => ({ member: String(m), score: String(s) }));
  const out: { member: string; score: string }[] = [];
  for (let i = 0; i < a.length; i += 2) out.push({ member: String(a[i]), score: String(a[i + 1]) });
  return out;
}

/** Script replies come back as flat [field, value, ...] arrays, direct HGETALL as objects. */
export function fields(reply: unknown): Record<string, string> | null {
  if (Array.isArray(reply)) {
    if (!reply.length) return null;
    const out: Record<string, string> = {};
    for (let i = 0; i < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
    return out;
  }
  if (reply && typeof reply === "object" && Object.keys(reply).length) return reply as Record<string, string>;
  return null;
}
