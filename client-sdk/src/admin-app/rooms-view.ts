import type { RoomInfo, RoomStats, Stats } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import { SLOW_PRESETS } from "./format.ts";
import { RoomReader } from "./room-reader.ts";
import { sparkline } from "./sparkline.ts";
import { act, button, errorText, field, select, uid } from "./ui.ts";

type SortKey = "room" | "online" | "mpm" | "held" | "flags" | "last" | "state";
const COLUMNS: readonly SortKey[] = ["room", "online", "mpm", "held", "flags", "last", "state"];
const MINUTE = 60_000;

/** One room's rows: the room itself, and under it the clear confirmation while one is open. */
interface RoomRows { body: HTMLTableSectionElement; figures: Record<"online" | "mpm" | "held" | "flags" | "last", HTMLElement> }

/**
 * Every active room as one row of a table, for brands with hundreds of product rooms: live
 * figures from the `stats` feed, sorting by any column (aria-sort on its header), a search by
 * room id, and the room's controls on its row (shield, freeze, who may answer, slow mode, read
 * live, clear with a confirm step right under the row).
 *
 * Each room is its own `<tbody class="room-card" data-room>`, so the confirmation stays with its
 * room when the table is sorted again. Stats ticks only rewrite figures in place: a row is rebuilt
 * when its settings change, and never under the manager's focus (see renderRoom).
 */
export class RoomsView implements Screen {
  readonly el: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly headers = new Map<SortKey, HTMLTableCellElement>();
  private readonly search: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly reader: RoomReader;
  private readonly rooms = new Map<string, RoomInfo>();
  private readonly stats = new Map<string, RoomStats>();
  /** When each room last had a message, as far as the 15-minute series shows (epoch ms). */
  private readonly lastActive = new Map<string, number>();
  private readonly rows = new Map<string, RoomRows>();
  private statsAt = Date.now();
  private sort: { key: SortKey; desc: boolean } = { key: "mpm", desc: true };
  /** The room whose "clear" is waiting for confirmation. */
  private confirming: string | undefined;
  private loaded = false;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    this.search = h("input", { type: "search", autocomplete: "off", spellcheck: "false", "data-action": "search-rooms" });
    this.search.addEventListener("input", () => this.renderAll());
    this.count = h("span", { class: "muted", "aria-live": "polite" });
    this.empty = h("p", { class: "empty", hidden: true });
    const head = h("tr", null);
    for (const key of COLUMNS) {
      const th = h("th", { scope: "col", "data-col": key }, button(t.rooms.cols[key], () => this.sortBy(key), "link", { "data-sort": key }));
      this.headers.set(key, th);
      head.append(th);
    }
    head.append(h("th", { scope: "col" }, t.rooms.cols.controls));
    this.table = h("table", { class: "table rooms-table", "aria-label": t.rooms.title }, h("thead", null, head));
    this.reader = new RoomReader(ctx);
    this.el = h("div", { class: "screen rooms-screen" },
      h("div", { class: "toolbar" }, h("h2", null, t.rooms.title), this.count, h("div", { class: "spacer" }),
        field(t.rooms.search, this.search), button(t.refresh, () => void this.load(), "ghost")),
      h("div", { class: "rooms-layout" }, h("div", { class: "table-wrap" }, this.table, this.empty), this.reader.el),
    );
    this.markSort();
    ctx.life.own(ctx.admin.on("stats", (s) => this.onStats(s)));
    ctx.life.own(ctx.admin.on("room:updated", (r) => {
      this.rooms.set(r.id, r);
      if (this.rows.has(r.id)) this.renderRoom(r.id); else if (this.loaded) this.renderAll();
    }));
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
    this.statsAt = s.at;
    for (const r of s.rooms) {
      this.stats.set(r.room, r);
      const known = this.rooms.get(r.room);
      if (known) known.online = r.online;
      const series = r.series ?? [];
      let i = series.length - 1;
      while (i >= 0 && !series[i]) i--;
      if (i >= 0) this.lastActive.set(r.room, Math.max(this.lastActive.get(r.room) ?? 0, s.at - (series.length - 1 - i) * MINUTE));
    }
    if (!this.loaded) return;
    // Stats can name a room before rooms:list knows it (first message on another node).
    if (s.rooms.some((r) => !this.rooms.has(r.room))) void this.loadOne();
    this.renderAll();
  }

  private async loadOne(): Promise<void> {
    try { for (const r of await this.ctx.admin.listRooms()) this.rooms.set(r.id, r); this.renderAll(); } catch { /* the next stats tick retries */ }
  }

  private sortBy(key: SortKey): void {
    // A second click on the same column turns it round; a new column starts with what a manager
    // looks for first: names A to Z, the busiest rooms on top.
    this.sort = this.sort.key === key ? { key, desc: !this.sort.desc } : { key, desc: key !== "room" };
    this.markSort();
    this.renderAll();
  }

  private markSort(): void {
    for (const [key, th] of this.headers) {
      if (key === this.sort.key) th.setAttribute("aria-sort", this.sort.desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
  }

  private value(r: RoomInfo, key: SortKey): number {
    const s = this.stats.get(r.id);
    switch (key) {
      case "online": return r.online;
      case "mpm": return s?.messagesPerMinute ?? 0;
      case "held": return s?.held ?? 0;
      case "flags": return s?.flags ?? 0;
      case "last": return this.lastActive.get(r.id) ?? 0;
      // The most locked-down rooms first when descending.
      case "state": return (r.frozen ? 8 : 0) + (r.shield ? 4 : 0) + (r.contribution === "restricted" ? 2 : 0) + (r.slowModeSec ? 1 : 0);
      case "room": return 0;
    }
  }

  private order(): RoomInfo[] {
    const { key, desc } = this.sort;
    const dir = desc ? -1 : 1;
    return [...this.rooms.values()].sort((a, b) =>
      (key === "room" ? a.id.localeCompare(b.id) * dir : (this.value(a, key) - this.value(b, key)) * dir || a.id.localeCompare(b.id)));
  }

  private renderAll(): void {
    const { t } = this.ctx;
    const order = this.order();
    const q = this.search.value.trim().toLowerCase();
    let shown = 0;
    for (const r of order) {
      const rows = this.rows.get(r.id);
      if (rows) this.fillFigures(r, rows); else this.renderRoom(r.id);
      const match = !q || r.id.toLowerCase().includes(q);
      this.rows.get(r.id)!.body.hidden = !match;
      if (match) shown++;
    }
    this.count.textContent = order.length ? t.rooms.shown(shown, order.length) : "";
    this.table.hidden = shown === 0;
    this.empty.hidden = shown > 0;
    this.empty.textContent = order.length ? t.rooms.noMatch(this.search.value.trim()) : t.rooms.empty;
    // Re-append in order, only when the order changed. Moving a node takes the focus out of it
    // (the browser blurs what leaves the document, even for a moment), so the control that had
    // it gets it back afterwards.
    const wanted = order.map((r) => this.rows.get(r.id)!.body);
    const current = [...this.table.tBodies];
    if (wanted.length === current.length && wanted.every((b, i) => current[i] === b)) return;
    const focused = document.activeElement instanceof HTMLElement && this.table.contains(document.activeElement) ? document.activeElement : undefined;
    this.table.append(...wanted);
    if (focused && focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  /**
   * Rebuilds one room's rows. A live update (another manager's change) spares a room whose
   * control has focus, changing only its figures; the room's own buttons (`force`) rebuild it,
   * since what they change (the clear confirmation) is what the manager is waiting to see.
   */
  private renderRoom(id: string, force = false): void {
    const r = this.rooms.get(id);
    if (!r) return;
    const old = this.rows.get(id);
    if (old && !force && old.body.contains(document.activeElement)) { this.fillFigures(r, old); return; }
    const rows = this.build(r);
    rows.body.hidden = old?.body.hidden ?? false;
    if (old) old.body.replaceWith(rows.body);
    this.rows.set(id, rows);
  }

  /**
   * Rebuilds a room's rows now and puts the focus on one of its controls, unless the manager has
   * since moved on to something outside the room (an answer can come after they did).
   */
  private refocus(id: string, action: string): void {
    const old = this.rows.get(id)?.body;
    const active = document.activeElement;
    const here = !active || active === document.body || (old?.contains(active) ?? false);
    this.renderRoom(id, true);
    if (here) this.rows.get(id)?.body.querySelector<HTMLElement>(`[data-action=${action}]`)?.focus();
  }

  private fillFigures(r: RoomInfo, rows: RoomRows): void {
    const { t, fmt } = this.ctx;
    const s = this.stats.get(r.id);
    const mpm = s?.messagesPerMinute ?? 0;
    const last = this.lastActive.get(r.id);
    const ago = last === undefined || this.statsAt - last >= 15 * MINUTE ? undefined : Math.max(0, Math.round((this.statsAt - last) / MINUTE));
    replace(rows.figures.online, fmt.number(r.online));
    replace(rows.figures.mpm, h("span", { class: "num" }, fmt.number(mpm, 1)), sparkline(s?.series ?? [], t.rooms.sparkline(r.id, mpm), 72, 20));
    replace(rows.figures.held, fmt.number(s?.held ?? 0));
    replace(rows.figures.flags, fmt.number(s?.flags ?? 0));
    replace(rows.figures.last, t.rooms.lastActive(ago));
  }

  private build(r: RoomInfo): RoomRows {
    const { t, admin } = this.ctx;
    // The row is rebuilt with what the server now says, and the control that acted keeps the focus.
    const update = (btn: HTMLButtonElement | undefined, action: string, patch: Parameters<typeof admin.updateRoom>[1]) =>
      void act(btn, t, this.ctx.toast, async () => { const room = await admin.updateRoom(r.id, patch); this.rooms.set(room.id, room); this.refocus(room.id, action); return t.rooms.updated; });

    const contribution = select([["open", t.rooms.open], ["restricted", t.rooms.restricted]] as const, r.contribution, { "aria-label": `${t.rooms.contribution} (${r.id})`, title: t.rooms.contribution, "data-action": "contribution" });
    contribution.addEventListener("change", () => update(undefined, "contribution", { contribution: contribution.value as RoomInfo["contribution"] }));
    const slowOptions = [...new Set([...SLOW_PRESETS, r.slowModeSec])].sort((a, b) => a - b);
    const slow = select(slowOptions.map((s) => [String(s), s === 0 ? t.rooms.slowOff : `${s} s`] as const), String(r.slowModeSec), { "aria-label": `${t.rooms.slowMode} (${r.id})`, title: t.rooms.slowMode, "data-action": "slow" });
    slow.addEventListener("change", () => update(undefined, "slow", { slowModeSec: Number(slow.value) }));
    // SPEC §10.3: one click locks the room down (and lifts a raid's automatic shield).
    const shield: HTMLButtonElement = button(r.shield ? t.guard.shieldOff : t.guard.shieldOn, () => update(shield, "shield", { shield: !r.shield }), r.shield ? "danger" : "ghost",
      { "aria-pressed": r.shield ? "true" : "false", "data-action": "shield", title: t.guard.shieldHint });
    const freeze: HTMLButtonElement = button(r.frozen ? t.rooms.unfreeze : t.rooms.freeze, () => update(freeze, "freeze", { frozen: !r.frozen }), r.frozen ? "primary" : "ghost",
      { "aria-pressed": r.frozen ? "true" : "false", "data-action": "freeze" });

    const figures = { online: h("td", { class: "n" }), mpm: h("td", { class: "n mpm" }), held: h("td", { class: "n" }), flags: h("td", { class: "n" }), last: h("td", { class: "last" }) };
    const nameId = uid("room");
    const row = h("tr", { class: "room-row", "aria-labelledby": nameId },
      h("th", { scope: "row", class: "room-id", id: nameId }, r.id),
      figures.online, figures.mpm, figures.held, figures.flags, figures.last,
      h("td", { class: "state" },
        r.shield ? h("span", { class: "tag shielded" }, r.shieldUntil ? t.guard.shieldedUntil(this.ctx.fmt.time(r.shieldUntil)) : t.guard.shielded) : null,
        r.frozen ? h("span", { class: "tag frozen" }, t.rooms.frozen) : null,
        r.contribution === "restricted" ? h("span", { class: "tag restricted" }, t.rooms.restrictedTag) : null,
        r.slowModeSec ? h("span", { class: "tag slow" }, `${t.rooms.slowMode} ${r.slowModeSec} s`) : null),
      h("td", { class: "controls" },
        h("div", { class: "row-controls" },
          shield, freeze, contribution, slow,
          button(t.rooms.openRoom, () => void this.reader.open(r.id), "ghost", { "data-action": "open" }),
          button(t.rooms.clear, () => { this.confirming = r.id; this.refocus(r.id, "confirm-clear"); }, "danger", { "data-action": "clear" }))),
    );

    const confirmRow = this.confirming === r.id
      ? h("tr", { class: "confirm-row" }, h("td", { colspan: String(COLUMNS.length + 1) },
          h("div", { class: "confirm", role: "alert" },
            h("p", null, t.rooms.clearConfirm(r.id)),
            button(t.confirm, (e) => {
              this.confirming = undefined;
              void act(e.currentTarget as HTMLButtonElement, t, this.ctx.toast, async () => t.rooms.cleared(await admin.clearRoom(r.id))).then(() => this.refocus(r.id, "clear"));
            }, "danger", { "data-action": "confirm-clear" }),
            button(t.cancel, () => { this.confirming = undefined; this.refocus(r.id, "clear"); }, "ghost", { "data-action": "cancel-clear" }))))
      : null;

    const body = h("tbody", { class: `room-card${r.frozen ? " frozen" : ""}${r.shield ? " shielded" : ""}`, "data-room": r.id }, row, confirmRow);
    const rows = { body, figures };
    this.fillFigures(r, rows);
    return rows;
  }
}
