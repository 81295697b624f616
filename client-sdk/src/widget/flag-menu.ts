import { FLAG_REASONS, type FlagReason } from "../protocol.ts";
import { h } from "./dom.ts";
import type { WidgetStrings } from "./i18n.ts";

/**
 * The report reasons as a row of buttons under the message: plain buttons keep it usable with a
 * keyboard and a screen reader without a custom menu widget; Escape closes it.
 */
export function flagMenu(t: WidgetStrings, on: { choose(r: FlagReason): void; illegal(): void; cancel(): void }, opts: { flagged?: boolean } = {}): HTMLElement {
  const titleId = `cw-flag-${Math.random().toString(36).slice(2, 9)}`;
  // A message is flagged once; after that only the legal route is left to offer.
  const reasons = opts.flagged ? [] : FLAG_REASONS;
  const box = h("div", { class: "menu", role: "group", "aria-labelledby": titleId },
    h("p", { id: titleId }, opts.flagged ? t.reported : t.reportTitle),
    ...reasons.map((r) => h("button", { type: "button", class: "chip", "data-reason": r, onclick: () => on.choose(r) }, t.reasons[r])),
    // SPEC §9.3: the legal route, with its own form; beside the community reasons, not one of them.
    h("button", { type: "button", class: "chip legal", "data-action": "report-illegal", onclick: () => on.illegal() }, t.illegal.entry),
    h("button", { type: "button", class: "chip plain", onclick: () => on.cancel() }, t.cancel),
  );
  box.addEventListener("keydown", (e: KeyboardEvent) => {
    if (e.key === "Escape") { e.preventDefault(); on.cancel(); }
  });
  return box;
}
