/** A tiny typed event emitter that works the same in browsers and Node. */
export class Emitter<Events extends { [K in keyof Events]: (...args: any[]) => void }> {
  private readonly handlers = new Map<keyof Events, Set<(...args: any[]) => void>>();

  on<E extends keyof Events>(event: E, handler: Events[E]): () => void {
    let set = this.handlers.get(event);
    if (!set) { set = new Set(); this.handlers.set(event, set); }
    set.add(handler);
    return () => this.off(event, handler);
  }

  off<E extends keyof Events>(event: E, handler: Events[E]): void {
    this.handlers.get(event)?.delete(handler);
  }

  protected emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) {
      try { h(...args); } catch (err) { console.error(`causette: a "${String(event)}" handler threw`, err); }
    }
  }
}
