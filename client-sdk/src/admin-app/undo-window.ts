/** One decision held back: the queue items it covers, what to say about it, and how to send it. */
export interface HeldAction {
  ids: string[];
  label: string;
  /** Sends the decision for the ids still covered when the window closes. */
  send(ids: string[]): Promise<void>;
}

interface Held { action: HeldAction; timer: ReturnType<typeof setTimeout> }

/**
 * Undo by holding back: an approve or a remove is kept here for a few seconds and only then sent.
 * Undoing it costs nothing, because nobody else learnt of it: the room was not told, the author
 * got no statement of reasons, the brand's webhook did not fire, the other managers still see the
 * item. A server-side undo would have to take all of that back. The price is that another manager
 * may decide the same item meanwhile: `forget` drops it from what will be sent.
 */
export class UndoWindow {
  private readonly held: Held[] = [];
  /** Ids whose decision left the window and awaits the server's answer: still not shown. */
  private readonly sending = new Set<string>();

  constructor(private readonly ms: number, private readonly changed: () => void) {}

  hold(action: HeldAction): void {
    const entry: Held = { action, timer: setTimeout(() => void this.send(entry), this.ms) };
    this.held.push(entry);
    this.changed();
  }

  /** Whether an item is covered by a held decision (the queue hides it meanwhile). */
  has(id: string): boolean { return this.sending.has(id) || this.held.some((e) => e.action.ids.includes(id)); }

  /** The most recent held decision, the one `undo` would cancel. */
  latest(): HeldAction | undefined { return this.held.at(-1)?.action; }

  get size(): number { return this.held.length; }

  /** Cancels the most recent held decision and answers it (its items come back). */
  undo(): HeldAction | undefined {
    const entry = this.held.pop();
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.changed();
    return entry.action;
  }

  /** Someone else decided `id` meanwhile: it leaves every held decision (an emptied one is dropped). */
  forget(id: string): void {
    for (const entry of [...this.held]) {
      entry.action.ids = entry.action.ids.filter((x) => x !== id);
      if (!entry.action.ids.length) { clearTimeout(entry.timer); this.held.splice(this.held.indexOf(entry), 1); }
    }
    this.changed();
  }

  /** Sends everything held now (the session ends: a decision made must not be lost). */
  flush(): void { for (const entry of [...this.held]) { clearTimeout(entry.timer); void this.send(entry); } }

  private async send(entry: Held): Promise<void> {
    const i = this.held.indexOf(entry);
    if (i < 0) return;
    this.held.splice(i, 1);
    const ids = entry.action.ids;
    for (const id of ids) this.sending.add(id);
    try {
      await entry.action.send(ids);
    } finally {
      // What the server refused for a reason other than "already decided" shows again.
      for (const id of ids) this.sending.delete(id);
      this.changed();
    }
  }
}
