/**
 * Deep copies at the embedded store's boundary so callers can never mutate stored state (as a
 * remote store would behave). Stored values are plain JSON-like data (the Redis store keeps them
 * as JSON), which a recursive copy reproduces exactly at a tenth of structuredClone's cost (a
 * message: ~0.4 µs instead of ~3.6 µs, and every message sent is copied twice, every join copies
 * the room's history). Anything else (a Date, a Map, a function…) still goes through
 * structuredClone, errors included.
 *
 * Example: `return copy(this.bans.get(userId))`.
 */
export const copy = <T>(v: T): T => copyPlain(v) as T;

function copyPlain(v: unknown): unknown {
  if (v === null) return v;
  const type = typeof v;
  if (type !== "object") return type === "function" || type === "symbol" ? structuredClone(v) : v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyPlain(v[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object)) {
    const x = copyPlain((v as Record<string, unknown>)[k]);
    // A plain assignment to "__proto__" would set the prototype instead of copying the field.
    if (k === "__proto__") Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}
