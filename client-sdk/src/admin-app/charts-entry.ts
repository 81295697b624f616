/**
 * The back office's chart library (dist/admin-charts.js, served as /static/admin-charts.js): uPlot
 * and its stylesheet, in a script of their own that the dashboard loads the first time it draws,
 * so signing in and the other screens do not wait for some 20 KB (gzipped) of charting code.
 */
import uPlot from "uplot";
import css from "uplot/dist/uPlot.min.css";
import { CHARTS_GLOBAL, type ChartsModule } from "./charts-module.ts";

(globalThis as unknown as Record<string, ChartsModule>)[CHARTS_GLOBAL] = { uPlot, css };
