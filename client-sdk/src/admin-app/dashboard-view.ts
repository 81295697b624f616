import type { Dashboard, DashboardRange, DashboardTiles } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import { TimeChart, type ChartLine } from "./time-chart.ts";
import { button, errorText, field, select } from "./ui.ts";

const RANGES: readonly DashboardRange[] = ["hour", "day", "week"];
/** The charts are read again at most this often while the feed ticks (the tiles every tick). */
const CHARTS_EVERY_MS = 15_000;
/** A room's tiles are not in the tenant-wide tick: they are read again at most this often. */
const ROOM_TILES_EVERY_MS = 4_000;

type TileId = "online" | "mpm" | "held" | "flagged" | "queue" | "median";

/**
 * The back office's home: live tiles (people online, messages per minute, held and flagged
 * today, the queue and its oldest item, today's median time to a decision) and charts over the
 * last hour, day or week, for the tenant or one room. The tenant's tiles come with every feed
 * tick (`dashboard:tick`); a room's, and the charts, are read again while the screen is shown.
 */
export class DashboardView implements Screen {
  readonly el: HTMLElement;
  private range: DashboardRange = "hour";
  private room: string | undefined;
  private readonly tiles = new Map<TileId, { value: HTMLElement; sub: HTMLElement }>();
  private readonly rangeButtons = new Map<DashboardRange, HTMLButtonElement>();
  private readonly roomSelect: HTMLSelectElement;
  private readonly charts: { activity: TimeChart; heldBy: TimeChart; removedBy: TimeChart; decisions: TimeChart; flags: TimeChart };
  private readonly notes: Record<"heldBy" | "removedBy" | "decisions", HTMLElement>;
  private readonly managers: HTMLElement;
  private readonly error: HTMLElement;
  private lastFull = 0;
  private lastTiles = 0;
  private loading = false;

  constructor(private readonly ctx: AppContext) {
    const { t, fmt } = ctx;
    const d = t.dashboard;
    this.roomSelect = select([["", d.allRooms]], "", { "data-control": "dashboard-room" });
    this.roomSelect.addEventListener("change", () => { this.room = this.roomSelect.value || undefined; void this.load(); });
    const rangeGroup = h("div", { class: "range-switch", role: "group", "aria-label": d.range });
    for (const r of RANGES) {
      const b = button(d.ranges[r]!, () => { this.range = r; this.pressRange(); void this.load(); }, "ghost", { "data-range": r, "aria-pressed": "false" });
      this.rangeButtons.set(r, b);
      rangeGroup.append(b);
    }
    this.pressRange();
    const tileGrid = h("div", { class: "tiles" });
    for (const id of ["online", "mpm", "held", "flagged", "queue", "median"] as const) {
      const value = h("strong", { class: "tile-value" }, "–");
      const sub = h("span", { class: "tile-sub" });
      this.tiles.set(id, { value, sub });
      tileGrid.append(h("div", { class: "tile", "data-tile": id }, h("span", { class: "tile-label" }, d.tiles[id]), value, sub));
    }
    const at = (ms: number) => this.formatTime(ms);
    const chart = (label: string) => new TimeChart({ label, timeLabel: d.time, formatTime: at, formatValue: (n) => fmt.number(n) });
    this.charts = {
      activity: chart(d.charts.activity), heldBy: chart(d.charts.heldBy), removedBy: chart(d.charts.removedBy),
      decisions: chart(d.charts.decisions), flags: chart(d.charts.flags),
    };
    ctx.life.own(() => { for (const c of Object.values(this.charts)) c.destroy(); });
    const note = () => h("p", { class: "muted chart-empty", hidden: true }, d.nothing);
    this.notes = { heldBy: note(), removedBy: note(), decisions: note() };
    this.managers = h("div", { class: "manager-totals" });
    this.error = h("p", { class: "field-error", role: "alert" });
    const card = (title: string, ...body: (Node | null)[]) => h("section", { class: "panel chart-card" }, h("h3", null, title), ...body);
    this.el = h("div", { class: "screen dashboard-screen" },
      h("div", { class: "toolbar" }, h("h2", null, d.title), h("div", { class: "spacer" }), field(d.room, this.roomSelect), rangeGroup),
      this.error,
      tileGrid,
      h("div", { class: "charts" },
        card(d.charts.activity, this.charts.activity.el),
        card(d.charts.heldBy, this.charts.heldBy.el, this.notes.heldBy),
        card(d.charts.removedBy, this.charts.removedBy.el, this.notes.removedBy),
        card(d.charts.decisions, this.charts.decisions.el, this.notes.decisions, this.managers),
        card(d.charts.flags, this.charts.flags.el)));

    ctx.life.own(ctx.admin.on("dashboard:tick", (tick) => this.onTick(tick.tiles)));
    ctx.life.own(ctx.admin.on("status", (s) => { if (s === "connected" && this.visible()) void this.load(); }));
  }

  show(): void {
    void this.loadRooms();
    void this.load();
  }

  private visible(): boolean { return this.el.isConnected && this.el.closest("[hidden]") === null; }

  private pressRange(): void {
    for (const [r, b] of this.rangeButtons) b.setAttribute("aria-pressed", r === this.range ? "true" : "false");
  }

  /** The room list of the selector, kept as chosen. */
  private async loadRooms(): Promise<void> {
    try {
      const rooms = await this.ctx.admin.listRooms();
      const keep = this.roomSelect.value;
      replace(this.roomSelect, h("option", { value: "" }, this.ctx.t.dashboard.allRooms), ...rooms.map((r) => h("option", { value: r.id }, r.id)));
      if (keep && !rooms.some((r) => r.id === keep)) this.roomSelect.append(h("option", { value: keep }, keep));
      this.roomSelect.value = keep;
    } catch { /* the selector keeps what it had; the figures say if the server is away */ }
  }

  private onTick(tiles: DashboardTiles): void {
    if (!this.visible()) return;
    const now = Date.now();
    if (this.room === undefined) this.renderTiles(tiles);
    if (now - this.lastFull >= CHARTS_EVERY_MS || (this.room !== undefined && now - this.lastTiles >= ROOM_TILES_EVERY_MS)) void this.load();
  }

  async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    const asked = { range: this.range, room: this.room };
    try {
      const d = await this.ctx.admin.dashboard({ range: asked.range, ...(asked.room !== undefined ? { room: asked.room } : {}) });
      // The manager changed the view while this was on its way: the next load answers it.
      if (asked.range !== this.range || asked.room !== this.room) return;
      this.lastFull = this.lastTiles = Date.now();
      this.error.textContent = "";
      this.renderTiles(d.tiles);
      this.renderCharts(d);
    } catch (err) {
      this.error.textContent = `${this.ctx.t.dashboard.failed} ${errorText(this.ctx.t, err)}`;
    } finally {
      this.loading = false;
      if (asked.range !== this.range || asked.room !== this.room) void this.load();
    }
  }

  private renderTiles(x: DashboardTiles): void {
    const { fmt } = this.ctx;
    const d = this.ctx.t.dashboard;
    const set = (id: TileId, value: string, sub = "") => {
      const tile = this.tiles.get(id)!;
      tile.value.textContent = value;
      tile.sub.textContent = sub;
    };
    set("online", fmt.number(x.online));
    set("mpm", fmt.number(x.messagesPerMinute, 1));
    set("held", fmt.number(x.held));
    set("flagged", fmt.number(x.flagged));
    set("queue", fmt.number(x.queue), x.oldestQueuedAt === null ? d.noneWaiting : d.oldest(d.duration(Math.max(0, (Date.now() - x.oldestQueuedAt) / 1000))));
    set("median", x.medianDecisionSec === null ? "–" : d.duration(x.medianDecisionSec), x.medianDecisionSec === null ? d.noDecision : d.decisionsToday(x.decisions));
  }

  private renderCharts(dash: Dashboard): void {
    const d = this.ctx.t.dashboard;
    const s = dash.series;
    const named = (lines: { key: string; values: number[] }[], names: Record<string, string>): ChartLine[] =>
      lines.map((l) => ({ label: Object.hasOwn(names, l.key) ? names[l.key]! : d.unknown, values: l.values }));
    this.charts.activity.set(s.at, [
      { label: d.series.messages, values: s.messages }, { label: d.series.held, values: s.held }, { label: d.series.flagged, values: s.flagged },
    ]);
    this.lines("heldBy", s.at, named(s.heldBy, d.reasons));
    this.lines("removedBy", s.at, named(s.removedBy, d.categories));
    this.lines("decisions", s.at, s.decisions.map((m) => ({ label: m.name, values: m.values })));
    this.charts.flags.set(s.at, [{ label: d.series.upheld, values: s.flagsUpheld }, { label: d.series.rejected, values: s.flagsRejected }]);
    replace(this.managers, ...(s.decisions.length ? [h("table", { class: "table compact" },
      h("thead", null, h("tr", null, h("th", { scope: "col" }, d.manager), h("th", { scope: "col" }, d.approved), h("th", { scope: "col" }, d.removed))),
      h("tbody", null, ...s.decisions.map((m) => h("tr", null, h("th", { scope: "row" }, m.name), h("td", null, this.ctx.fmt.number(m.approved)), h("td", null, this.ctx.fmt.number(m.removed))))))] : []));
  }

  /** A chart whose series come and go: a sentence instead of an empty chart. */
  private lines(id: "heldBy" | "removedBy" | "decisions", at: number[], lines: ChartLine[]): void {
    this.notes[id].hidden = lines.length > 0;
    this.charts[id].el.hidden = lines.length === 0;
    if (lines.length) this.charts[id].set(at, lines);
  }

  /** Minutes for the hour and the day, the weekday too for the week. */
  private formatTime(ms: number): string { return this.ctx.fmt.clock(ms, this.range === "week"); }
}
