import { adoptStyles, h, svg } from "./dom.ts";
import type { WidgetStrings } from "./i18n.ts";
import type { WidgetOptions } from "./options.ts";
import { LAUNCHER_CSS } from "./styles.ts";

/**
 * Launcher mode: a floating button in a corner of the page (`data-position`) that opens and
 * closes the chat in a panel above it. The widget's own mount is slotted into the panel, so the
 * widget itself is the same in both modes. The launcher hides with the widget when widget-config
 * says the page has no chat.
 */
export function mountLauncher(opts: Pick<WidgetOptions, "mount" | "position" | "theme" | "dir">, t: WidgetStrings): HTMLElement {
  const host = h("div", { class: "causette-launcher", "data-position": opts.position, dir: opts.dir });
  const root = host.attachShadow({ mode: "open" });
  adoptStyles(root, LAUNCHER_CSS);
  const panelId = "causette-launcher-panel";
  const panel = h("div", { class: "panel", id: panelId, hidden: true }, h("slot"));
  const button = h("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": panelId, "aria-label": t.openChat, title: t.openChat },
    svg("svg", { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" },
      svg("path", { fill: "currentColor", d: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.3 1.3 0 1 0 0 2.6A1.3 1.3 0 0 0 7 10zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6z" })));
  const toggle = (open: boolean) => {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("aria-label", open ? t.close : t.openChat);
    button.title = open ? t.close : t.openChat;
  };
  button.addEventListener("click", () => toggle(button.getAttribute("aria-expanded") !== "true"));
  // Escape from anywhere in the chat closes it and gives the keyboard back to the button.
  host.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !panel.hidden) { toggle(false); button.focus(); }
  });
  root.append(panel, button);
  host.append(opts.mount);
  // widget-config may hide the widget on this page: the button goes with it.
  new MutationObserver(() => { host.hidden = opts.mount.hidden; }).observe(opts.mount, { attributes: true, attributeFilter: ["hidden"] });
  document.body.append(host);
  return host;
}
