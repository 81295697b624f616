/**
 * A circuit breaker for one remote (a tenant's moderation hook): after `failures` failures in a
 * row it opens, and for `openMs` every call is answered at once without trying; then one trial
 * call goes through (half-open) while the others still get the immediate answer. A success
 * closes it; a failed trial opens it again. So a dead hook costs one timeout every few seconds,
 * not one per message.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private openUntil = 0;
  private trialInFlight = false;

  constructor(private readonly opts: { failures: number; openMs: number; now?: () => number }) {}

  /** Whether a call may go out now (taking the one trial slot when half-open). */
  allow(): boolean {
    if (this.consecutive < this.opts.failures) return true;
    const now = (this.opts.now ?? Date.now)();
    if (now < this.openUntil || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  succeeded(): void {
    this.consecutive = 0;
    this.trialInFlight = false;
  }

  failed(): void {
    this.consecutive++;
    this.trialInFlight = false;
    if (this.consecutive >= this.opts.failures) this.openUntil = (this.opts.now ?? Date.now)() + this.opts.openMs;
  }

  get state(): "closed" | "open" { return this.consecutive >= this.opts.failures ? "open" : "closed"; }
}
