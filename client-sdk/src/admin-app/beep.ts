/**
 * The audible cue for moderator alerts, synthesised with WebAudio (no sound file to fetch).
 * Browsers only let audio start after a user gesture, so `unlock()` is called from the sign-in click.
 */
export class Beeper {
  private ctx: AudioContext | undefined;
  enabled = true;

  unlock(): void {
    try {
      this.ctx ??= new AudioContext();
      void this.ctx.resume();
    } catch { /* no audio device: alerts stay visual */ }
  }

  /** Two short rising tones: noticeable without being alarming. */
  beep(): void {
    if (!this.enabled) return;
    this.unlock();
    const ctx = this.ctx;
    if (!ctx) return;
    const now = ctx.currentTime;
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      const start = now + i * 0.18;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.15);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.16);
    });
  }
}
