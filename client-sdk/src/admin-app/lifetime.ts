/**
 * Everything one signed-in session of the back office opened — its AdminClient, the room
 * reader's /chat connection, document-level listeners, feed subscriptions — registered in one
 * place and released together on sign-out or when the server ends the session. Screens register
 * what they open here instead of each needing its own "close" path, so a new screen cannot leave
 * a socket with the manager's token open, or keyboard shortcuts acting after sign-out.
 */
export class Lifetime {
  private readonly cleanups: (() => void)[] = [];
  private over = false;

  /** True once `end()` ran: nothing new should be opened for this session. */
  get ended(): boolean { return this.over; }

  /**
   * Registers how to release something. After `end()` the cleanup runs at once, so a connection
   * whose opening finished after sign-out is still closed.
   */
  own(cleanup: () => void): void {
    if (this.over) { safely(cleanup); return; }
    this.cleanups.push(cleanup);
  }

  /** addEventListener, removed when the session ends. */
  listen<K extends keyof DocumentEventMap>(target: Document, type: K, handler: (e: DocumentEventMap[K]) => void, opts?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, opts);
    this.own(() => target.removeEventListener(type, handler, opts));
  }

  /** Releases everything, newest first (a screen's resources before the client they depend on). */
  end(): void {
    if (this.over) return;
    this.over = true;
    for (const cleanup of this.cleanups.splice(0).reverse()) safely(cleanup);
  }
}

/** One failing cleanup must not keep the others (the sockets especially) open. */
function safely(cleanup: () => void): void {
  try { cleanup(); } catch (err) { console.warn("causette: a back-office cleanup failed", err); }
}
