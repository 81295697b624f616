/**
 * The newest items pushed, up to a cap, oldest first: a room's timeline of message ids, a user's
 * recent ones. Once full it is a ring: a push overwrites the oldest slot.
 *
 * Why not an array with push and shift: V8 shifts by moving the array's start, which eats into
 * its capacity, so a full list of 300 grew a new backing store every 166 pushes (3.7 KB, copied by
 * the next young-generation collections, since the list is alive). At the relay bench's load that
 * was some 100 KB a second of survivors for the collector to copy, for lists that never grow.
 *
 * @example
 *   const l = new CappedList<string>();
 *   l.push("a", 2); l.push("b", 2);
 *   l.push("c", 2, (dropped) => forget(dropped)); // forgets "a"
 *   l.toArray(); // ["b", "c"]
 */
export class CappedList<T> {
  private items: T[] = [];
  /** Where the oldest item is, once the list is a full ring. */
  private head = 0;

  get length(): number { return this.items.length; }

  /**
   * Adds `item` as the newest; `onDrop` hears of what falls off the old end: one item at most,
   * unless `cap` is smaller than at the last push (then each, oldest first).
   */
  push(item: T, cap: number, onDrop?: (dropped: T) => void): void {
    if (cap < 1) {
      this.shrink(0, onDrop);
      onDrop?.(item);
      return;
    }
    const items = this.items;
    if (items.length < cap) {
      if (this.head !== 0) this.unroll();
      this.items.push(item);
      return;
    }
    if (items.length > cap) this.shrink(cap, onDrop);
    const slots = this.items;
    const dropped = slots[this.head]!;
    slots[this.head] = item;
    this.head = (this.head + 1) % slots.length;
    onDrop?.(dropped);
  }

  /** The item `i` places from the oldest (0 is the oldest). */
  at(i: number): T | undefined {
    const items = this.items;
    return i >= 0 && i < items.length ? items[(this.head + i) % items.length] : undefined;
  }

  /** The newest `n` items (all when n is larger), oldest first, in a new array. */
  newest(n: number): T[] {
    const count = Math.min(Math.max(0, n), this.items.length);
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = this.at(this.items.length - count + i)!;
    return out;
  }

  toArray(): T[] { return this.newest(this.items.length); }

  /** Makes the oldest item the first slot again, so plain pushes keep the order. */
  private unroll(): void {
    this.items = this.toArray();
    this.head = 0;
  }

  private shrink(cap: number, onDrop?: (dropped: T) => void): void {
    const all = this.toArray();
    const cut = all.length - cap;
    for (let i = 0; i < cut; i++) onDrop?.(all[i]!);
    this.items = all.slice(cut);
    this.head = 0;
  }
}
