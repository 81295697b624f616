/**
 * A value now, or later. The embedded store answers the message path's reads at once; typing
 * those reads as `MaybePromise` lets the pipeline skip a promise and a microtask turn per read
 * when the answer is already there (the Redis store still returns promises, and `await` accepts
 * both). Only the per-message hot path checks which one it got; everything else just awaits.
 */
export type MaybePromise<T> = T | Promise<T>;

/** Applies `then` now when `value` is already there, else when it arrives. */
export function whenReady<T, R>(value: MaybePromise<T>, then: (v: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(then) : then(value);
}
