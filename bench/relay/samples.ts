/** Latencies (ms) in a growing typed array: a sample costs the generator no heap object. */
export class Samples {
  private buf = new Float64Array(1 << 16);
  private n = 0;
  push(ms: number): void {
    if (this.n === this.buf.length) { const b = new Float64Array(this.n * 2); b.set(this.buf); this.buf = b; }
    this.buf[this.n++] = ms;
  }
  /** Rounded to 10 µs (they cross IPC, and nothing finer is meaningful here); then empty. mergeLoads() sorts. */
  take(): number[] {
    const out = Array.from(this.buf.subarray(0, this.n), (x) => Math.round(x * 100) / 100);
    this.n = 0;
    return out;
  }
}
