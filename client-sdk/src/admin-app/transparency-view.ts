import type { NoticeKind, TransparencyReport } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import { fetchExport } from "./fetch-export.ts";
import { button, errorText, field, select } from "./ui.ts";

const DAY_MS = 24 * 3600_000;
const KINDS: readonly NoticeKind[] = ["message_removed", "message_hidden", "message_rejected", "banned", "muted"];
/** How many past months the period picker offers, this one included. */
const MONTHS = 12;

const ymd = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * SPEC §9.4 in the back office: a period (last 30 days by default, or a calendar month, or any
 * dates, all whole UTC days as the server counts them), its figures in words, and the two files
 * for the authorities: the report as CSV and the statements of reasons as NDJSON, both fetched
 * with the manager's token.
 */
export class TransparencyView implements Screen {
  readonly el: HTMLElement;
  private readonly preset: HTMLSelectElement;
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;
  private readonly figures: HTMLElement;
  private readonly downloads: HTMLElement;
  private readonly status: HTMLElement;
  private loaded = false;

  constructor(private readonly ctx: AppContext) {
    const { t, fmt } = ctx;
    const x = t.transparency;
    const now = new Date();
    const months = Array.from({ length: MONTHS }, (_, i) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    this.preset = select([["last30", x.last30], ...months.map((m) => [`m:${ymd(m).slice(0, 7)}`, fmt.month(m)] as const), ["custom", x.custom]], "last30", { "data-field": "preset" });
    this.from = h("input", { type: "date", required: true, "data-field": "from" });
    this.to = h("input", { type: "date", required: true, "data-field": "to" });
    this.preset.addEventListener("change", () => { this.applyPreset(); if (this.preset.value !== "custom") void this.load(); });
    for (const input of [this.from, this.to]) input.addEventListener("input", () => { this.preset.value = "custom"; });
    const form = h("form", { class: "inline", novalidate: true },
      field(x.period, this.preset), field(x.from, this.from), field(x.to, this.to),
      h("button", { type: "submit", class: "btn primary" }, x.show));
    form.addEventListener("submit", (e) => { e.preventDefault(); void this.load(); });
    this.status = h("p", { class: "muted", role: "status", "aria-live": "polite" });
    this.figures = h("div", { class: "transparency-figures" });
    this.downloads = h("div", { class: "downloads", "aria-live": "polite" });
    this.el = h("div", { class: "screen transparency-screen" },
      h("div", { class: "toolbar" }, h("h2", null, x.title)),
      h("p", { class: "hint" }, x.intro),
      form, this.status,
      h("section", { class: "panel", "aria-label": x.downloads },
        h("h3", null, x.downloads),
        h("div", { class: "toolbar" },
          button(x.downloadCsv, (e) => void this.download("csv", e.currentTarget as HTMLButtonElement), "ghost", { "data-action": "download-csv" }),
          button(x.downloadNdjson, (e) => void this.download("ndjson", e.currentTarget as HTMLButtonElement), "ghost", { "data-action": "download-ndjson" })),
        this.downloads),
      this.figures);
    this.applyPreset();
  }

  show(): void { if (!this.loaded) void this.load(); }

  /** Fills the dates from the preset: the last 30 days up to today, or a whole calendar month (up to today for this one). */
  private applyPreset(): void {
    const v = this.preset.value;
    const today = Date.now();
    if (v === "last30") { this.from.value = ymd(today - 29 * DAY_MS); this.to.value = ymd(today); }
    else if (v.startsWith("m:")) {
      const [y, m] = v.slice(2).split("-").map(Number) as [number, number];
      const last = Date.UTC(y, m, 1) - DAY_MS;
      this.from.value = `${v.slice(2)}-01`;
      this.to.value = ymd(Math.min(last, today));
    }
  }

  private period(): { from: string; to: string } | undefined {
    const { from, to } = { from: this.from.value, to: this.to.value };
    if (!from || !to || from > to) { this.status.textContent = this.ctx.t.transparency.badPeriod; return undefined; }
    return { from, to };
  }

  private async load(): Promise<void> {
    const p = this.period();
    if (!p) return;
    this.status.textContent = this.ctx.t.transparency.loading;
    try {
      const report = await this.ctx.admin.transparency(p.from, p.to);
      this.loaded = true;
      this.status.textContent = "";
      replace(this.figures, ...this.render(report));
    } catch (err) { this.status.textContent = errorText(this.ctx.t, err); }
  }

  private render(r: TransparencyReport): HTMLElement[] {
    const { t, fmt } = this.ctx;
    const x = t.transparency;
    const n = (v: number) => fmt.number(v);
    const hours = (v: number | null) => (v === null ? x.noMedian : x.hours(fmt.number(v, 2)));
    const summary: [string, string, string][] = [
      ["reports", x.reports, n(r.reports.total)],
      ["actions", x.actions, n(r.actions.total)],
      ["automatedDetection", x.automatedDetection, n(r.actions.automatedDetection)],
      ["automatedDecision", x.automatedDecision, n(r.actions.automatedDecision)],
      ["medianHoursToAction", x.medianAction, hours(r.medianHoursToAction)],
      ["appealsReceived", x.appealsReceived, n(r.appeals.received)],
      ["appealsReversed", x.appealsReversed, n(r.appeals.reversed)],
      ["medianHoursToDecision", x.medianAppeal, hours(r.appeals.medianHoursToDecision)],
    ];
    const categories = [...new Set([...Object.keys(r.actions.byCategory), ...Object.keys(r.reports.byCategory)])]
      .sort((a, b) => (r.actions.byCategory[b] ?? 0) - (r.actions.byCategory[a] ?? 0) || a.localeCompare(b));
    const groundsAndSources: [string, string, number][] = [
      ...Object.entries(r.actions.byGround).map(([k, v]) => [`ground:${k}`, x.grounds[k] ?? k, v] as [string, string, number]),
      ...Object.entries(r.actions.bySource).map(([k, v]) => [`source:${k}`, x.sources[k] ?? k, v] as [string, string, number]),
    ];
    return [
      table(x.summary, [x.figure, x.value], summary.map(([key, label, value]) => row(key, label, value))),
      table(x.byKind, [x.kind, x.count], KINDS.map((k) => row(k, x.kinds[k] ?? k, n(r.actions.byKind[k] ?? 0)))),
      table(x.byCategory, [x.category, x.restrictions, x.reportsCol], categories.length
        ? categories.map((c) => row(c, x.categories[c] ?? c, n(r.actions.byCategory[c] ?? 0), n(r.reports.byCategory[c] ?? 0)))
        : [h("tr", null, h("td", { colspan: 3, class: "empty" }, x.noCategory))]),
      table(x.byGroundSource, [x.figure, x.count], groundsAndSources.map(([key, label, v]) => row(key, label, n(v)))),
    ];
  }

  private async download(format: "csv" | "ndjson", btn: HTMLButtonElement): Promise<void> {
    const { t } = this.ctx;
    const p = this.period();
    if (!p) return;
    btn.disabled = true;
    this.downloads.textContent = t.transparency.preparing;
    try {
      const { href, name } = await fetchExport({
        url: this.ctx.url, tenant: this.ctx.tenant, token: this.ctx.token,
        path: format === "csv" ? "transparency" : "statements", params: format === "csv" ? { ...p, format } : p,
        fallbackName: `${format === "csv" ? "transparency" : "statements"}-${this.ctx.tenant}.${format}`,
      });
      const link = h("a", { href, download: name, class: "btn primary", "data-export": format }, t.transparency.ready(name));
      replace(this.downloads, link);
      link.click();
    } catch (err) {
      this.downloads.textContent = errorText(t, err);
    } finally { btn.disabled = false; }
  }
}

function table(caption: string, head: string[], rows: HTMLTableRowElement[]): HTMLElement {
  return h("div", { class: "table-wrap" }, h("table", { class: "table transparency" },
    h("caption", null, caption),
    h("thead", null, h("tr", null, ...head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, ...rows)));
}

function row(key: string, label: string, ...values: string[]): HTMLTableRowElement {
  return h("tr", { "data-figure": key }, h("th", { scope: "row" }, label), ...values.map((v) => h("td", { class: "num" }, v)));
}
