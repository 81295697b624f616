import { Counter, type Registry } from "prom-client";

/**
 * A Prometheus counter with one label, bumped on the message path. It adds in a plain Map and
 * hands the sums to a prom-client Counter when the registry is scraped: prom-client validates and
 * hashes the label object on every `inc`, which a message paid for on every send.
 *
 * @example
 *   const verdicts = new LabelTally({ name: "x_total", help: "…", label: "verdict", registers: [registry] });
 *   verdicts.inc("visible");
 */
export class LabelTally {
  private readonly pending = new Map<string, number>();

  constructor(opts: { name: string; help: string; label: string; registers: Registry[] }) {
    const pending = this.pending;
    const label = opts.label;
    // Reached through the registries it is given; nothing here needs to hold it.
    new Counter({
      name: opts.name, help: opts.help, labelNames: [label], registers: opts.registers,
      collect() {
        for (const [value, n] of pending) this.inc({ [label]: value }, n);
        pending.clear();
      },
    });
  }

  inc(value: string): void {
    this.pending.set(value, (this.pending.get(value) ?? 0) + 1);
  }
}
