/**
 * Measures the longest stretch the event loop went without running a `setImmediate` callback
 * while `work` runs: the stall a chat user would feel. Shared by the compile test and the
 * filter benchmark so both judge "never blocks for more than 50 ms" the same way.
 */
export async function longestLoopGap<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number; maxGapMs: number }> {
  let maxGapMs = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, elapsedMs: performance.now() - t0, maxGapMs };
  } finally {
    running = false;
  }
}
