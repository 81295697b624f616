import type { RoomInfo, RoomStats, Stats } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import { SLOW_PRESETS } from "./format.ts";
import { RoomReader } from "./room-reader.ts";
import { sparkline } from "./sparkline.ts";
import { act, button, errorText, field, select } from "./ui.ts";

/**
 * Every active room as a card: live online count and a messages-per-minute sparkline fed by the
 * `stats` feed, and the room's controls (freeze, slow mode, open/restricted, clear with a confirm
 * step, read live). Cards reflow from one column on a tablet to a grid on a desktop.
 */
export class RoomsView implements Screen {
  readonly el: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly reader: RoomReader;
  private readonly rooms = new Map<string, RoomInfo>();
  private readonly stats = new Map<string, RoomStats>();
  private readonly cards = new Map<string, HTMLElement>();
  /** The room whose "clear" is waiting for confirmation. */
  private confirming: string | undefined;
  private loaded = false;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    this.grid = h("div", { class: "room-grid" });
    this.reader = new RoomReader(ctx);
    this.el = h("div", { class: "screen rooms-screen" },
      h("div", { class: "toolbar" }, h("h2", null, t.rooms.title), h("div", { class: "spacer" }), button(t.refresh, () => void this.load(), "ghost")),
      h("div", { class: "rooms-layout" }, this.grid, this.reader.el),
    );
    ctx.admin.on("stats", (s) => this.onStats(s));
    ctx.admin.on("room:updated", (r) => { this.rooms.set(r.id, r); this.renderCard(r.id); });
  }

  show(room?: string): void {
    if (!this.loaded) void this.load();
    if (room) void this.reader.open(room);
  }

  async load(): Promise<void> {
    try {
      const [rooms, stats] = await Promise.all([this.ctx.admin.listRooms(), this.ctx.admin.stats()]);
      for (const r of rooms) this.rooms.set(r.id, r);
      this.loaded = true;
      this.onStats(stats);
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  private onStats(s: Stats): void {
    for (const r of s.rooms) {
      this.stats.set(r.room, r);
      const known = this.rooms.get(r.room);
      if (known) known.online = r.online;
    }
    if (!this.loaded) return;
    // Stats can name a room before rooms:list knows it (first message on another node).
    for (const r of s.rooms) if (!this.rooms.has(r.room)) void this.loadOne();
    this.renderAll();
  }

  private async loadOne(): Promise<void> {
    try { for (const r of await this.ctx.admin.listRooms()) this.rooms.set(r.id, r); this.renderAll(); } catch { /* the next stats tick retries */ }
  }

  private order(): RoomInfo[] {
    return [...this.rooms.values()].sort((a, b) =>
      (this.stats.get(b.id)?.messagesPerMinute ?? 0) - (this.stats.get(a.id)?.messagesPerMinute ?? 0) || b.online - a.online || a.id.localeCompare(b.id));
  }

  private renderAll(): void {
    const order = this.order();
    if (!order.length) { replace(this.grid, h("p", { class: "empty" }, this.ctx.t.rooms.empty)); return; }
    for (const r of order) this.renderCard(r.id);
    // Re-append in order. Moving a node takes the focus out of it (the browser blurs what leaves
    // the document, even for a moment), so the control that had it gets it back afterwards.
    const focused = document.activeElement instanceof HTMLElement && this.grid.contains(document.activeElement) ? document.activeElement : undefined;
    const first = this.grid.firstElementChild;
    if (first && !first.classList.contains("room-card")) first.remove();
    const wanted = order.map((r) => this.cards.get(r.id)).filter((c): c is HTMLElement => c !== undefined);
    const inPlace = wanted.length === this.grid.children.length && wanted.every((c, i) => this.grid.children[i] === c);
    if (!inPlace) for (const c of wanted) this.grid.append(c);
    if (focused && focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  /**
   * Rebuilds one card. A live update (figures, another manager's change) spares a card whose
   * control has focus, changing only its figures; the card's own buttons (`force`) rebuild it,
   * since what they change (the clear confirmation) is what the manager is waiting to see.
   */
  private renderCard(id: string, force = false): void {
    const r = this.rooms.get(id);
    if (!r) return;
    const old = this.cards.get(id);
    if (!force && old && old.contains(document.activeElement) && old.querySelector(".figures")) {
      old.querySelector(".figures")!.replaceWith(this.figures(r));
      return;
    }
    const card = this.card(r);
    if (old) old.replaceWith(card);
    this.cards.set(id, card);
  }

  /** Rebuilds a card now and puts the focus on one of its buttons. */
  private refocus(id: string, action: string): void {
    this.renderCard(id, true);
    this.cards.get(id)?.querySelector<HTMLButtonElement>(`[data-action=${action}]`)?.focus();
  }

  private figures(r: RoomInfo): HTMLElement {
    const { t, fmt } = this.ctx;
    const s = this.stats.get(r.id);
    const mpm = s?.messagesPerMinute ?? 0;
    return h("div", { class: "figures" },
      h("span", { class: "fig" }, h("b", null, fmt.number(r.online)), ` ${t.rooms.online}`),
      h("span", { class: "fig" }, h("b", null, fmt.number(mpm, 1)), ` ${t.rooms.mpm}`),
      sparkline(s?.series ?? [], t.rooms.sparkline(r.id, mpm)),
      h("span", { class: "fig muted" }, `${s?.held ?? 0} ${t.rooms.held} · ${s?.flags ?? 0} ${t.rooms.flags}`),
    );
  }

  private card(r: RoomInfo): HTMLElement {
    const { t, admin } = this.ctx;
    const update = (btn: HTMLButtonElement | undefined, patch: Parameters<typeof admin.updateRoom>[1]) =>
      void act(btn, t, this.ctx.toast, async () => { const room = await admin.updateRoom(r.id, patch); this.rooms.set(room.id, room); this.renderCard(room.id); return t.rooms.updated; });

    const contribution = select([["open", t.rooms.open], ["restricted", t.rooms.restricted]] as const, r.contribution);
    contribution.addEventListener("change", () => update(undefined, { contribution: contribution.value as RoomInfo["contribution"] }));
    const slowOptions = [...new Set([...SLOW_PRESETS, r.slowModeSec])].sort((a, b) => a - b);
    const slow = select(slowOptions.map((s) => [String(s), s === 0 ? t.rooms.slowOff : `${s} s`] as const), String(r.slowModeSec));
    slow.addEventListener("change", () => update(undefined, { slowModeSec: Number(slow.value) }));
    // SPEC §10.3: one click locks the room down (and lifts a raid's automatic shield).
    const shield: HTMLButtonElement = button(r.shield ? t.guard.shieldOff : t.guard.shieldOn, () => update(shield, { shield: !r.shield }), r.shield ? "danger" : "ghost",
      { "aria-pressed": r.shield ? "true" : "false", "data-action": "shield", title: t.guard.shieldHint });
    const freeze: HTMLButtonElement = button(r.frozen ? t.rooms.unfreeze : t.rooms.freeze, () => update(freeze, { frozen: !r.frozen }), r.frozen ? "primary" : "ghost",
      { "aria-pressed": r.frozen ? "true" : "false", "data-action": "freeze" });

    const confirmRow = this.confirming === r.id
      ? h("div", { class: "confirm", role: "alert" },
          h("p", null, t.rooms.clearConfirm(r.id)),
          button(t.confirm, (e) => {
            this.confirming = undefined;
            void act(e.currentTarget as HTMLButtonElement, t, this.ctx.toast, async () => t.rooms.cleared(await admin.clearRoom(r.id))).then(() => this.refocus(r.id, "clear"));
          }, "danger", { "data-action": "confirm-clear" }),
          button(t.cancel, () => { this.confirming = undefined; this.refocus(r.id, "clear"); }, "ghost", { "data-action": "cancel-clear" }))
      : null;

    const card = h("article", { class: `room-card${r.frozen ? " frozen" : ""}${r.shield ? " shielded" : ""}`, "data-room": r.id, "aria-label": r.id },
      h("header", null,
        h("h3", null, r.id),
        r.shield ? h("span", { class: "tag shielded" }, r.shieldUntil ? t.guard.shieldedUntil(this.ctx.fmt.time(r.shieldUntil)) : t.guard.shielded) : null,
        r.frozen ? h("span", { class: "tag frozen" }, t.rooms.frozen) : null,
        r.contribution === "restricted" ? h("span", { class: "tag restricted" }, t.rooms.restrictedTag) : null,
        r.slowModeSec ? h("span", { class: "tag slow" }, `${t.rooms.slowMode} ${r.slowModeSec} s`) : null),
      this.figures(r),
      h("div", { class: "controls" }, field(t.rooms.contribution, contribution), field(t.rooms.slowMode, slow)),
      h("div", { class: "qactions" },
        shield,
        freeze,
        button(t.rooms.openRoom, () => void this.reader.open(r.id), "ghost", { "data-action": "open" }),
        button(t.rooms.clear, () => { this.confirming = r.id; this.refocus(r.id, "confirm-clear"); }, "danger", { "data-action": "clear" })),
      confirmRow,
    );
    return card;
  }
}
