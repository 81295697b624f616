import type { Alert } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import { Beeper } from "./beep.ts";
import type { AppContext, Screen } from "./context.ts";
import { act, button, errorText } from "./ui.ts";

/** How many alerts the screen loads at sign-in (the open ones come first in what matters). */
const LOADED = 100;

/**
 * Moderators' alerts and raids. The server keeps them until a manager acknowledges them, so the
 * screen loads them at sign-in (and after a reconnect), and an acknowledgement by any manager
 * clears them everywhere (`alert:acked`). Each new one beeps and toasts; the open ones count in
 * the tab badge and the window title. An open raid also puts a banner above every screen.
 */
export class AlertsView implements Screen {
  readonly el: HTMLElement;
  /** The raid banner, shown by the shell above every screen while a raid alert is open. */
  readonly banner: HTMLElement;
  readonly beeper = new Beeper();
  private readonly alerts = new Map<string, Alert>();
  private readonly list: HTMLElement;
  private readonly showAcked: HTMLInputElement;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const sound = h("input", { type: "checkbox", checked: true });
    sound.addEventListener("change", () => { this.beeper.enabled = sound.checked; });
    this.showAcked = h("input", { type: "checkbox" });
    this.showAcked.addEventListener("change", () => this.render());
    this.list = h("ol", { class: "alerts", "aria-label": t.alerts.title });
    this.banner = h("div", { class: "raid-banner", role: "alert", hidden: true });
    this.el = h("div", { class: "screen alerts-screen" },
      h("div", { class: "toolbar" }, h("h2", null, t.alerts.title), h("div", { class: "spacer" }),
        h("label", { class: "check" }, this.showAcked, ` ${t.guard.openOnly}`),
        h("label", { class: "check" }, sound, ` ${t.alerts.sound}`)),
      this.list);
    ctx.life.own(ctx.admin.on("alert", (a) => this.add(a)));
    ctx.life.own(ctx.admin.on("alert:acked", (a) => this.acked(a)));
    // Alerts raised while this page was away are kept by the server: read them again.
    ctx.life.own(ctx.admin.on("status", (s) => { if (s === "connected") void this.load(); }));
    ctx.life.own(() => { document.title = t.appTitle; });
    this.render();
    void this.load();
  }

  show(): void { this.render(); }

  async load(): Promise<void> {
    try {
      for (const a of await this.ctx.admin.listAlerts({ limit: LOADED })) this.alerts.set(a.id, a);
      this.render();
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  private add(a: Alert): void {
    if (this.alerts.has(a.id)) return;
    this.alerts.set(a.id, a);
    this.beeper.beep();
    const g = this.ctx.t.guard;
    if (a.kind === "raid") this.ctx.toast(g.raidToast(a.room), "bad");
    else this.ctx.toast(this.ctx.t.alerts.toast(a.by.name, a.room), "info");
    this.render();
  }

  private acked(a: Alert): void {
    const was = this.alerts.get(a.id);
    this.alerts.set(a.id, a);
    const me = this.ctx.admin.session?.user.id;
    if (was?.ackedAt === undefined && a.ackedBy && a.ackedBy.id !== me) this.ctx.toast(this.ctx.t.guard.ackedToast(a.ackedBy.name), "info");
    this.render();
  }

  private async ack(a: Alert, btn: HTMLButtonElement | undefined): Promise<void> {
    await act(btn, this.ctx.t, this.ctx.toast, async () => {
      this.alerts.set(a.id, await this.ctx.admin.ackAlert(a.id));
      this.render();
    });
  }

  private render(): void {
    const { t } = this.ctx;
    const all = [...this.alerts.values()].sort((a, b) => b.at - a.at);
    const open = all.filter((a) => a.ackedAt === undefined);
    this.ctx.setBadge("alerts", open.length);
    document.title = open.length ? `(${open.length}) ${t.appTitle}` : t.appTitle;
    this.renderBanner(open.filter((a) => a.kind === "raid"));
    const shown = this.showAcked.checked ? all : open;
    if (!shown.length) { replace(this.list, h("li", { class: "empty" }, t.alerts.empty)); return; }
    replace(this.list, ...shown.map((a) => this.item(a)));
  }

  private item(a: Alert): HTMLElement {
    const { t, fmt } = this.ctx;
    const g = t.guard;
    const raid = a.kind === "raid" && a.raid ? a.raid : undefined;
    const ackBtn: HTMLButtonElement = button(g.ack, () => void this.ack(a, ackBtn), "primary", { "data-action": "ack" });
    return h("li", { class: `alert${a.ackedAt === undefined ? " unseen" : ""}${raid ? " raid" : ""}`, "data-id": a.id },
      h("div", { class: "qhead" },
        h("span", { class: "tag roomtag" }, a.room),
        raid ? h("b", null, g.raidTitle(a.room)) : h("b", null, a.by.name),
        h("span", { class: "muted" }, `${"role" in a.by ? `${fmt.role(a.by.role)} · ` : ""}${fmt.dateTime(a.at)}`)),
      raid
        ? h("p", { class: "qtext" }, `${g.raidFigures(raid.messagesPerMin, raid.joinsPerMin, raid.limits.messagesPerMin, raid.limits.joinsPerMin)} ${g.raidShield(fmt.time(raid.shieldUntil))}`)
        : h("p", { class: "qtext" }, a.note),
      a.ackedBy && a.ackedAt !== undefined ? h("p", { class: "muted acked" }, g.acked(a.ackedBy.name, fmt.dateTime(a.ackedAt))) : null,
      h("div", { class: "qactions" },
        a.ackedAt === undefined ? ackBtn : null,
        button(t.alerts.openRoom, () => this.ctx.go("rooms", a.room), "ghost")));
  }

  /** Open raids, above every screen: impossible to miss, one click to the room or to acknowledge. */
  private renderBanner(raids: Alert[]): void {
    this.banner.hidden = raids.length === 0;
    const g = this.ctx.t.guard;
    replace(this.banner, ...raids.slice(0, 3).map((a) => {
      const ackBtn: HTMLButtonElement = button(g.ack, () => void this.ack(a, ackBtn), "danger", { "data-action": "ack-raid" });
      return h("p", { "data-id": a.id },
        h("b", null, g.raidBanner(a.room, a.raid?.messagesPerMin ?? 0, a.raid?.joinsPerMin ?? 0)), " ",
        button(this.ctx.t.alerts.openRoom, () => this.ctx.go("rooms", a.room), "ghost"), " ", ackBtn);
    }));
  }
}
