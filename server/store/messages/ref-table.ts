/**
 * Values shared by many records, each kept once and named by a small number while any record
 * holds it: the message log's authors, devices and IPs (one per session, hundreds of messages each).
 * Objects are matched by identity, strings by value. A reference is dropped with its last holder.
 *
 * @example
 *   const t = new RefTable<object>();
 *   const r = t.hold(author); t.get(r) === author; t.release(r); // forgotten
 */
export class RefTable<T> {
  private readonly values: (T | undefined)[] = [];
  private readonly holders: number[] = [];
  private readonly byValue = new Map<T, number>();
  private readonly free: number[] = [];

  /** A reference to `value`, held once more. */
  hold(value: T): number {
    let ref = this.byValue.get(value);
    if (ref === undefined) {
      ref = this.free.pop() ?? this.values.length;
      this.values[ref] = value;
      this.holders[ref] = 0;
      this.byValue.set(value, ref);
    }
    this.holders[ref]!++;
    return ref;
  }

  get(ref: number): T {
    return this.values[ref]!;
  }

  /** One holder fewer; the last one forgets the value. */
  release(ref: number): void {
    if (--this.holders[ref]! > 0) return;
    this.byValue.delete(this.values[ref]!);
    this.values[ref] = undefined;
    this.free.push(ref);
  }

  /** Values held (for tests of the memory bound). */
  get size(): number {
    return this.byValue.size;
  }
}
