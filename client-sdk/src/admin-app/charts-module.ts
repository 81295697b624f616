import type uPlot from "uplot";

/** What admin-charts.js hands the back office, on this global. */
export const CHARTS_GLOBAL = "__causetteCharts";

export interface ChartsModule { uPlot: typeof uPlot; css: string }

let loading: Promise<ChartsModule> | undefined;

/**
 * Loads admin-charts.js once (a script tag beside admin.js) and answers uPlot and its stylesheet.
 * A failed load is forgotten, so the next chart tries again.
 */
export function loadCharts(src = "/static/admin-charts.js"): Promise<ChartsModule> {
  const ready = (globalThis as unknown as Record<string, ChartsModule | undefined>)[CHARTS_GLOBAL];
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise<ChartsModule>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => {
      const mod = (globalThis as unknown as Record<string, ChartsModule | undefined>)[CHARTS_GLOBAL];
      if (mod) resolve(mod); else reject(new Error("admin-charts.js did not load"));
    };
    script.onerror = () => reject(new Error("admin-charts.js did not load"));
    document.head.append(script);
  }).catch((err: unknown) => { loading = undefined; throw err; });
  return loading;
}
