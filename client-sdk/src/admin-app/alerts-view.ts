import type { Alert } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import { Beeper } from "./beep.ts";
import type { AppContext, Screen } from "./context.ts";
import { button } from "./ui.ts";

/**
 * Alerts raised by moderators from a room. They arrive live only, so they are kept for the
 * session; each one beeps, toasts, and counts in the tab badge until the manager has seen it.
 */
export class AlertsView implements Screen {
  readonly el: HTMLElement;
  readonly beeper = new Beeper();
  private readonly alerts: (Alert & { seen: boolean })[] = [];
  private readonly list: HTMLElement;
  private visible = false;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const sound = h("input", { type: "checkbox", checked: true });
    sound.addEventListener("change", () => { this.beeper.enabled = sound.checked; });
    this.list = h("ol", { class: "alerts", "aria-label": t.alerts.title });
    this.el = h("div", { class: "screen alerts-screen" },
      h("div", { class: "toolbar" }, h("h2", null, t.alerts.title), h("div", { class: "spacer" }), h("label", { class: "check" }, sound, ` ${t.alerts.sound}`)),
      this.list);
    ctx.admin.on("alert", (a) => this.add(a));
    this.render();
  }

  show(): void {
    this.visible = true;
    for (const a of this.alerts) a.seen = true;
    this.render();
  }

  /** The shell tells us when another tab takes over, so new alerts count as unseen again. */
  hide(): void { this.visible = false; }

  private add(a: Alert): void {
    if (this.alerts.some((x) => x.id === a.id)) return;
    this.alerts.unshift({ ...a, seen: this.visible });
    this.beeper.beep();
    this.ctx.toast(this.ctx.t.alerts.toast(a.by.name, a.room), "info");
    this.render();
  }

  private render(): void {
    const { t, fmt } = this.ctx;
    this.ctx.setBadge("alerts", this.alerts.filter((a) => !a.seen).length);
    if (!this.alerts.length) { replace(this.list, h("li", { class: "empty" }, t.alerts.empty)); return; }
    replace(this.list, ...this.alerts.map((a) => h("li", { class: `alert${a.seen ? "" : " unseen"}`, "data-id": a.id },
      h("div", { class: "qhead" }, h("span", { class: "tag roomtag" }, a.room), h("b", null, a.by.name), h("span", { class: "muted" }, `${fmt.role(a.by.role)} · ${fmt.time(a.at)}`)),
      h("p", { class: "qtext" }, a.note),
      h("div", { class: "qactions" },
        button(t.alerts.openRoom, () => this.ctx.go("rooms", a.room), "primary"),
        a.seen ? null : button(t.alerts.dismiss, () => { a.seen = true; this.render(); }, "ghost")))));
  }
}
