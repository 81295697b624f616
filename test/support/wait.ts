/** Minimal event source both the SDK clients and raw sockets satisfy. */
interface Source { on(event: string, fn: (...a: any[]) => void): unknown; off(event: string, fn: (...a: any[]) => void): unknown }

/** Resolves with the first `event` whose payload passes `predicate`; rejects after `timeoutMs` (never a fixed sleep). */
export function waitFor<T = any>(src: Source, event: string, predicate: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { src.off(event, fn); reject(new Error(`timed out waiting for "${event}"`)); }, timeoutMs);
    const fn = (p: T) => {
      if (!predicate(p)) return;
      clearTimeout(timer);
      src.off(event, fn);
      resolve(p);
    };
    src.on(event, fn);
  });
}

/** Polls `check` until it returns a truthy value (for state with no event, e.g. a store or an HTTP endpoint). */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 5000, everyMs = 20): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Collects every payload of `event` into an array, for asserting that something did NOT arrive. */
export function collect<T = any>(src: Source, event: string): T[] {
  const out: T[] = [];
  src.on(event, (p: T) => out.push(p));
  return out;
}
