import type uPlot from "uplot";
import { h } from "../widget/dom.ts";
import { loadCharts, type ChartsModule } from "./charts-module.ts";

/** Series colours readable on a light and on a dark card alike (mid-lightness, distinct hues). */
const PALETTE = ["#c2416e", "#3a7bd5", "#d9891c", "#2e9b62", "#8a5cc7", "#17939e", "#b8572b", "#7f8c2a"];

export interface ChartLine { label: string; values: readonly number[] }

/**
 * A time-series chart drawn by uPlot (canvas, ~50 KB minified for the whole library): one line per
 * series over shared bucket starts, a legend that reads the hovered bucket, axes in the page's own
 * text colour (so it stays readable whatever the theme), and the width of its container, followed
 * on resize. Same series labels: the data is swapped in place; other labels: the chart is rebuilt.
 */
export class TimeChart {
  readonly el: HTMLElement;
  private plot: uPlot | undefined;
  private labels = "";
  private readonly resize: ResizeObserver;
  /** uPlot, once admin-charts.js has loaded (see charts-module.ts). */
  private lib: ChartsModule | undefined;
  /** The latest data asked for while the library was loading: drawn when it arrives. */
  private pending: { at: readonly number[]; lines: readonly ChartLine[] } | undefined;
  private destroyed = false;

  constructor(private readonly opts: { label: string; timeLabel: string; height?: number; formatTime(ms: number): string; formatValue?(n: number): string }) {
    this.el = h("div", { class: "chart", role: "img", "aria-label": opts.label });
    this.resize = new ResizeObserver(() => {
      if (this.plot && this.el.clientWidth) this.plot.setSize({ width: this.el.clientWidth, height: this.height() });
    });
    this.resize.observe(this.el);
  }

  /** Shows `lines` over `at` (bucket starts, epoch ms). */
  set(at: readonly number[], lines: readonly ChartLine[]): void {
    if (!this.lib) {
      const first = this.pending === undefined;
      this.pending = { at, lines };
      if (first) {
        void loadCharts().then((lib) => {
          injectCss(lib.css);
          this.lib = lib;
          const p = this.pending;
          this.pending = undefined;
          if (p && !this.destroyed) this.set(p.at, p.lines);
        }, () => { this.pending = undefined; this.el.dataset.failed = "true"; });
      }
      return;
    }
    const UPlot = this.lib.uPlot;
    const data: uPlot.AlignedData = [at.map((t) => t / 1000), ...lines.map((l) => [...l.values])];
    const labels = lines.map((l) => l.label).join("\u0000");
    if (this.plot && labels === this.labels) { this.plot.setData(data); return; }
    this.plot?.destroy();
    this.labels = labels;
    const ink = getComputedStyle(this.el).color || "#555";
    const grid = { stroke: "rgba(128,128,128,.22)", width: 1 };
    const fmtTime = (sec: number | null) => (sec == null ? "" : this.opts.formatTime(sec * 1000));
    const fmtValue = (n: number | null) => (n == null ? "" : this.opts.formatValue ? this.opts.formatValue(n) : String(n));
    this.plot = new UPlot({
      width: this.el.clientWidth || 480,
      height: this.height(),
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { stroke: ink, grid, ticks: grid, values: (_u, splits) => splits.map(fmtTime) },
        { stroke: ink, grid, ticks: grid, size: 40, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? fmtValue(v) : "")) },
      ],
      series: [
        { label: this.opts.timeLabel, value: (_u, v) => fmtTime(v) },
        ...lines.map((l, i) => {
          const colour = PALETTE[i % PALETTE.length]!;
          // A faint fill under each line, which also fills its legend marker.
          return { label: l.label, stroke: colour, fill: `${colour}1f`, width: 2, points: { show: false }, value: (_u: uPlot, v: number | null) => fmtValue(v) };
        }),
      ],
    }, data, this.el);
  }

  destroy(): void {
    this.destroyed = true;
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private height(): number { return this.opts.height ?? 190; }
}

/** uPlot's own stylesheet (cursor, legend), shipped as text in admin-charts.js and added once. */
function injectCss(css: string): void {
  if (document.getElementById("uplot-css")) return;
  document.head.append(h("style", { id: "uplot-css" }, css));
}
