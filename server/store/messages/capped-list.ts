/**
 * The newest items pushed, up to a cap, oldest first: a room's timeline of message ids, a user's
 * recent ones. A ring: a push into a full list reuses the slot of the item it drops, and `shift`
 * frees the oldest slot for a later push.
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
  /** The ring's slots: item i (0 is the oldest) is at (head + i) % slots.length; free slots hold undefined. */
  private slots: (T | undefined)[] = [];
  private head = 0;
  private size = 0;

  get length(): number { return this.size; }

  /**
   * Adds `item` as the newest; `onDrop` hears of what falls off the old end first: one item at
   * most, unless `cap` is smaller than at the last push (then each, oldest first). With a cap
   * below 1 the list empties and `item` itself is dropped.
   */
  push(item: T, cap: number, onDrop?: (dropped: T) => void): void {
    while (this.size > 0 && this.size >= Math.max(cap, 1)) {
      const dropped = this.shift()!;
      onDrop?.(dropped);
    }
    if (cap < 1) {
      onDrop?.(item);
      return;
    }
    const slots = this.slots;
    if (this.size < slots.length) slots[(this.head + this.size) % slots.length] = item;
    else {
      // Every slot taken: lay the ring out oldest first so the array's own growth adds the room.
      if (this.head !== 0) this.unroll();
      this.slots.push(item);
    }
    this.size++;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const slots = this.slots;
    const item = slots[this.head];
    slots[this.head] = undefined;
    this.size--;
    this.head = this.size === 0 ? 0 : (this.head + 1) % slots.length;
    return item;
  }

  /** The item `i` places from the oldest (0 is the oldest). */
  at(i: number): T | undefined {
    return i >= 0 && i < this.size ? this.slots[(this.head + i) % this.slots.length] : undefined;
  }

  /** The newest `n` items (all when n is larger), oldest first, in a new array. */
  newest(n: number): T[] {
    const count = Math.min(Math.max(0, n), this.size);
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) out[i] = this.at(this.size - count + i)!;
    return out;
  }

  toArray(): T[] { return this.newest(this.size); }

  private unroll(): void {
    this.slots = this.toArray();
    this.head = 0;
  }
}
