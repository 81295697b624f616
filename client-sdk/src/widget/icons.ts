import { svg } from "./dom.ts";

/**
 * Tiny inline SVG icons: emoji depend on the shopper's fonts (and show as empty boxes without
 * one), these do not. Decorative only; the button's text carries the meaning.
 */
const PATHS = {
  reply: "M6.5 3 1.5 7.5l5 4.5V9c3.6 0 6 .9 8 3.5-.8-4.2-3.3-6.8-8-7.3V3z",
  helpful: "M1.5 7h3v7.5h-3zM6 14.5V7.2l3-5.2c1.1 0 1.9.9 1.7 2L10.2 6h3.6c.9 0 1.5.8 1.3 1.6l-1.4 5.8c-.2.7-.8 1.1-1.5 1.1z",
  report: "M3 1.5h1.5v1h8.5L11 6l2 3.5H4.5v5H3z",
  bell: "M8 1.5c-2.5 0-4.2 1.9-4.2 4.4v3L2.5 11v1h11v-1l-1.3-2.1v-3c0-2.5-1.7-4.4-4.2-4.4zM6.3 13a1.8 1.8 0 0 0 3.4 0z",
  // A tick, on the brand's own posts.
  check: "M6.2 11.6 2.4 7.8l1.2-1.2 2.6 2.6 6.2-6.2 1.2 1.2z",
  // Points down; turned round when what it folds is open.
  chevron: "M2.6 5.4 3.7 4.3 8 8.6l4.3-4.3 1.1 1.1L8 10.8z",
  // A push pin, for the message pinned at the top of the room.
  pin: "M9.6 1.2 14.8 6.4l-1.1.6-2.6 2.6.2 3.3-1.2 1.2-2.9-2.9-4.1 4.1H2v-1.1l4.1-4.1-2.9-2.9 1.2-1.2 3.3.2L10.3 3.6z",
  // A ring with two hands (the ring's hole comes from the even-odd fill rule below).
  clock: "M8 1a7 7 0 1 0 0 14A7 7 0 1 0 8 1zm0 1.6a5.4 5.4 0 1 1 0 10.8A5.4 5.4 0 1 1 8 2.6zM7.2 4h1.6v3.6l2.4 1.4-.8 1.4-3.2-1.9z",
} as const;

export function icon(name: keyof typeof PATHS): SVGSVGElement {
  return svg("svg", { class: "icon", viewBox: "0 0 16 16", width: 14, height: 14, "aria-hidden": "true", focusable: "false" },
    svg("path", { d: PATHS[name], fill: "currentColor", "fill-rule": "evenodd" }));
}
