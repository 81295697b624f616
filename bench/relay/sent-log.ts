/**
 * What a generator sent during one phase, by slot: when, by which client (global index), how many
 * other members received it, and how many should have (set once its ack says visible). Typed
 * arrays and one text → slot map: the generator keeps no object per message. Its own GC pauses
 * land in the latencies of whichever side is under load; with an object per message they were
 * long enough (up to 9 ms, 1% of the time) to decide the p99 of both sides.
 */
export class SentLog {
  at = new Float64Array(1 << 15);
  by = new Int32Array(1 << 15);
  got = new Int32Array(1 << 15);
  want = new Int32Array(1 << 15);
  n = 0;
  private readonly slots = new Map<string, number>();
  add(text: string, at: number, by: number): number {
    if (this.n === this.at.length) this.grow();
    const slot = this.n++;
    this.at[slot] = at; this.by[slot] = by; this.got[slot] = 0; this.want[slot] = 0;
    this.slots.set(text, slot);
    return slot;
  }
  slot(text: string): number | undefined { return this.slots.get(text); }
  totalGot(): number {
    let t = 0;
    for (let s = 0; s < this.n; s++) t += this.got[s]!;
    return t;
  }
  clear(): void { this.slots.clear(); this.n = 0; }
  private grow(): void {
    const wider = <T extends Float64Array | Int32Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
    this.at = wider(this.at); this.by = wider(this.by); this.got = wider(this.got); this.want = wider(this.want);
  }
}
