import { svg } from "../widget/dom.ts";

/**
 * A messages-per-minute sparkline as inline SVG (no library, no canvas): a line over a light
 * area, scaled to its own maximum so quiet rooms still show their shape.
 */
export function sparkline(series: readonly number[], label: string, width = 120, height = 28): SVGSVGElement {
  const values = series.length > 1 ? series : [0, ...(series.length ? series : [0])];
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
  const el = svg("svg", { class: "spark", viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": label },
    svg("polygon", { points: `0,${height} ${pts.join(" ")} ${width},${height}`, class: "spark-area" }),
    svg("polyline", { points: pts.join(" "), class: "spark-line", fill: "none" }),
  );
  const title = svg("title");
  title.textContent = label;
  el.prepend(title);
  return el;
}
