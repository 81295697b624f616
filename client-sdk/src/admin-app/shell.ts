import type { AdminClient } from "../admin-client.ts";
import type { SessionInfo, Stats } from "../protocol.ts";
import { h } from "../widget/dom.ts";
import { AlertsView } from "./alerts-view.ts";
import { AppealsView } from "./appeals-view.ts";
import { AuditView } from "./audit-view.ts";
import { DashboardView } from "./dashboard-view.ts";
import { NameBook } from "./name-book.ts";
import type { AppContext, Screen, TabId } from "./context.ts";
import { FiltersView } from "./filters-view.ts";
import type { Formatter } from "./format.ts";
import type { AdminStrings, Lang } from "./i18n.ts";
import { IpView } from "./ip-view.ts";
import type { Lifetime } from "./lifetime.ts";
import { PeopleView } from "./people-view.ts";
import { QueueView } from "./queue-view.ts";
import { RoomsView } from "./rooms-view.ts";
import { button } from "./ui.ts";
import { TransparencyView } from "./transparency-view.ts";
import { WebhooksView } from "./webhooks-view.ts";

const TABS: TabId[] = ["dashboard", "queue", "rooms", "people", "ip", "filters", "alerts", "appeals", "audit", "webhooks", "transparency"];
const TOAST_MS = 4000;

/**
 * The signed-in back office: a header with live figures and connection state, the tab bar
 * (ARIA tabs, arrow keys move between them), one screen per tab, toasts, and the screen-level
 * keyboard shortcuts (ignored while typing in a field).
 */
export class Shell {
  readonly el: HTMLElement;
  private readonly ctx: AppContext;
  private readonly screens: Record<TabId, Screen>;
  private readonly tabs = new Map<TabId, HTMLButtonElement>();
  private readonly badges = new Map<TabId, HTMLElement>();
  private readonly panels = new Map<TabId, HTMLElement>();
  private readonly toasts: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly status: HTMLElement;
  private active: TabId = "dashboard";
  private readonly alerts: AlertsView;
  private lastStats: Stats | undefined;
  private reviewCount: number | undefined;

  constructor(opts: {
    admin: AdminClient; life: Lifetime; t: AdminStrings; fmt: Formatter; url: string; tenant: string; token: string; session: SessionInfo; signOut(): void;
    /** The language shown, and how to show another one (the caller builds a new shell on `tab`). */
    lang: Lang; setLang(lang: Lang, tab: TabId): void;
    tab?: TabId;
  }) {
    const { t, admin, life } = opts;
    this.toasts = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    this.figures = h("span", { class: "figures-top" });
    this.status = h("span", { class: "conn ok" }, t.connected);
    // Managers sign in to the back office only, so the people store may not know them: the book
    // starts with the signed-in manager, and learns the others from the audit feed as they act.
    const names = new NameBook(admin);
    names.remember(opts.session.user);
    life.own(admin.on("audit", (e) => { if (e.actor.id !== "system" && e.actor.name) names.remember({ id: e.actor.id, name: e.actor.name }); }));
    this.ctx = {
      admin, life, t, fmt: opts.fmt, names, url: opts.url, tenant: opts.tenant, token: opts.token,
      toast: (text, tone = "info") => this.toast(text, tone),
      go: (tab, arg) => this.select(tab, arg, true),
      setBadge: (tab, n) => this.setBadge(tab, n),
      setReviewCount: (n) => { this.reviewCount = n; if (this.lastStats) this.onStats(this.lastStats); },
    };
    this.alerts = new AlertsView(this.ctx);
    this.screens = {
      dashboard: new DashboardView(this.ctx), queue: new QueueView(this.ctx), rooms: new RoomsView(this.ctx), people: new PeopleView(this.ctx), ip: new IpView(this.ctx),
      filters: new FiltersView(this.ctx), alerts: this.alerts, appeals: new AppealsView(this.ctx), audit: new AuditView(this.ctx), webhooks: new WebhooksView(this.ctx),
      transparency: new TransparencyView(this.ctx),
    };

    const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": t.appTitle });
    for (const id of TABS) {
      const badge = h("span", { class: "badge", hidden: true });
      const tab = h("button", { type: "button", role: "tab", id: `tab-${id}`, "aria-controls": `panel-${id}`, "aria-selected": "false", tabindex: "-1", "data-tab": id },
        t.tabs[id], badge);
      tab.addEventListener("click", () => this.select(id, undefined, false));
      tab.addEventListener("keydown", (e) => this.tabKeys(e, id));
      this.tabs.set(id, tab); this.badges.set(id, badge);
      tablist.append(tab);
      const panel = h("section", { role: "tabpanel", id: `panel-${id}`, "aria-labelledby": `tab-${id}`, hidden: true });
      panel.append(this.screens[id].el);
      this.panels.set(id, panel);
    }
    const user = opts.session.user;
    this.el = h("div", { class: "app" },
      h("header", { class: "top" },
        h("div", { class: "brand" }, h("span", { class: "logo" }, "causette"), h("span", { class: "tenant" }, opts.tenant)),
        this.figures,
        h("div", { class: "spacer" }),
        this.status,
        h("span", { class: "who" }, `${user.name} · ${opts.fmt.role(user.role)}`),
        this.langSwitch(opts.lang, (l) => opts.setLang(l, this.active)),
        button(t.signOut, () => opts.signOut(), "ghost", { "data-action": "sign-out" })),
      h("nav", { class: "tabbar" }, tablist),
      this.alerts.banner,
      h("main", { class: "panels" }, ...this.panels.values()),
      this.toasts);

    life.own(admin.on("stats", (s) => this.onStats(s)));
    // The feed ticks every few seconds; ask once so the header is filled from the start.
    void admin.stats().then((s) => this.onStats(s), () => undefined);
    life.own(admin.on("status", (s) => {
      this.status.textContent = s === "connected" ? t.connected : s === "reconnecting" ? t.reconnecting : t.closed;
      this.status.className = `conn ${s === "connected" ? "ok" : s === "reconnecting" ? "warn" : "bad"}`;
    }));
    // On the document, so they outlive this screen unless the session's end removes them: left
    // behind, "a" pressed on the sign-in form would still approve the old queue's selection.
    life.listen(document, "keydown", (e) => this.onKey(e));
    // Audio may only start after a gesture; any first click in the page unlocks the alert beep.
    life.listen(document, "pointerdown", () => this.alerts.beeper.unlock(), { once: true });
    // The dashboard is the home: where a manager sees at a glance what needs them.
    this.select(opts.tab ?? "dashboard", undefined, false);
  }

  /** Two buttons, each language named in itself; the current one pressed. */
  private langSwitch(lang: Lang, pick: (l: Lang) => void): HTMLElement {
    const { t } = this.ctx;
    return h("div", { class: "lang-switch", role: "group", "aria-label": t.language.label },
      ...(["en", "fr"] as const).map((l) => button(t.language[l], () => { if (l !== lang) pick(l); }, "ghost",
        { lang: l, "aria-pressed": l === lang ? "true" : "false", "data-lang": l })));
  }

  /** Sign-in was a click: audio can be unlocked right away. */
  unlockAudio(): void { this.alerts.beeper.unlock(); }

  private select(id: TabId, arg: string | undefined, focusPanel: boolean): void {
    this.active = id;
    for (const [tid, tab] of this.tabs) {
      const on = tid === id;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      this.panels.get(tid)!.hidden = !on;
    }
    this.screens[id].show(arg);
    if (focusPanel) this.panels.get(id)!.querySelector<HTMLElement>("h2")?.scrollIntoView({ block: "nearest" });
  }

  private tabKeys(e: KeyboardEvent, id: TabId): void {
    const i = TABS.indexOf(id);
    const to = e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] : e.key === "ArrowLeft" ? TABS[(i - 1 + TABS.length) % TABS.length]
      : e.key === "Home" ? TABS[0] : e.key === "End" ? TABS[TABS.length - 1] : undefined;
    if (!to) return;
    e.preventDefault();
    this.select(to, undefined, false);
    this.tabs.get(to)!.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (this.screens[this.active].onKey?.(e)) e.preventDefault();
  }

  private setBadge(tab: TabId, n: number): void {
    const badge = this.badges.get(tab);
    if (!badge) return;
    badge.hidden = n === 0;
    badge.textContent = String(n);
    this.tabs.get(tab)!.setAttribute("aria-label", n ? `${this.ctx.t.tabs[tab]} (${n})` : this.ctx.t.tabs[tab]);
  }

  private onStats(s: Stats): void {
    this.lastStats = s;
    this.figures.textContent = this.ctx.t.figures(s.online, this.reviewCount ?? s.queue, s.messagesPerMinute);
  }

  private toast(text: string, tone: "ok" | "bad" | "info"): void {
    const el = h("p", { class: `toast ${tone}` }, text);
    this.toasts.append(el);
    setTimeout(() => el.remove(), tone === "bad" ? TOAST_MS * 2 : TOAST_MS);
    while (this.toasts.childElementCount > 3) this.toasts.firstElementChild!.remove();
  }
}
