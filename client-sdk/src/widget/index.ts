/**
 * The embeddable chat widget (dist/widget.js): `<script src=".../widget.js" data-tenant="demo">`.
 * See options.ts for every attribute and styles.ts for the CSS custom properties. It also exposes `window.Causette.setPath(path)` so a page
 * with client-side navigation (or the demo's FAQ tab) can move the widget to another page's room.
 */
import { pickLang, strings } from "./i18n.ts";
import { mountLauncher } from "./launcher.ts";
import { applyLook, findScript, readOptions } from "./options.ts";
import { WidgetApp } from "./widget-app.ts";

declare global {
  interface Window {
    Causette?: { setPath(path: string): Promise<void> };
  }
}

function boot(tag: HTMLScriptElement | null): void {
  if (!tag) { console.warn("causette: cannot find the widget's script tag"); return; }
  const opts = readOptions(tag);
  if (!opts) return;
  const t = strings(opts.language ?? pickLang());
  applyLook(opts.mount, opts);
  if (opts.mode === "launcher") mountLauncher(opts, t);
  const app = new WidgetApp(opts, t);
  window.Causette = { setPath: (path) => app.show(path) };
  void app.show(opts.path);
}

// currentScript is only set while this script first runs, so the tag is taken now; mounting
// waits for the DOM only when the page's `#causette` may not be parsed yet.
const tag = findScript();
if (document.readyState === "loading" && !document.getElementById("causette")) {
  document.addEventListener("DOMContentLoaded", () => boot(tag), { once: true });
} else boot(tag);
