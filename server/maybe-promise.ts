/**
 * A value now, or later. The embedded store answers the message path's reads at once; typing
 * those reads as `MaybePromise` lets the pipeline skip a promise and a microtask turn per read
 * when the answer is already there (the Redis store still returns promises, and `await` accepts
 * both). Only the per-message hot path checks which one it got; everything else just awaits.
 *
 * The price of "at once": a function returning a MaybePromise may also throw at once instead of
 * rejecting. Its callers either await it inside an async function (where both become a
 * rejection) or, on the hot path, catch synchronous throws themselves (see serveEvents).
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Applies `then` now when `value` is already there (a throw in `then` then escapes at once), else
 * when it arrives (a throw rejects the returned promise).
 */
export function whenReady<T, R>(value: MaybePromise<T>, then: (v: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(then) : then(value);
}

/**
 * Starts every read in order, then applies `then` to their answers: at once when all answered at
 * once, else when the last one arrives. Reads that wait are asked together (one round trip's time
 * on Redis, not one each). If a read throws at once, the ones already started are still watched,
 * so none of them can end as an unhandled rejection, and the throw goes on to the caller.
 */
export function allReady<T extends unknown[], R>(
  reads: { [K in keyof T]: () => MaybePromise<T[K]> },
  then: (...values: T) => MaybePromise<R>,
): MaybePromise<R> {
  const values: unknown[] = [];
  let waiting = false;
  for (const read of reads as (() => unknown)[]) {
    let v: unknown;
    try {
      v = read();
    } catch (err) {
      for (const started of values) if (started instanceof Promise) started.catch(() => undefined);
      throw err;
    }
    if (v instanceof Promise) waiting = true;
    values.push(v);
  }
  return waiting ? Promise.all(values).then((vs) => then(...(vs as T))) : then(...(values as T));
}

/** Runs `run`, then `done` exactly once however it ends: at once or later, by a value or a failure. */
export function afterReady<T>(run: () => MaybePromise<T>, done: () => void): MaybePromise<T> {
  let value: MaybePromise<T>;
  try {
    value = run();
  } catch (err) {
    done();
    throw err;
  }
  if (value instanceof Promise) return value.finally(done);
  done();
  return value;
}

/** Runs `run` for its effect only: a failure, at once or later, is dropped (counters, bookkeeping). */
export function ignoreFailure(run: () => MaybePromise<unknown>): void {
  try {
    const value = run();
    if (value instanceof Promise) value.catch(() => undefined);
  } catch {
    // Dropped on purpose: the caller has said the outcome does not matter.
  }
}
