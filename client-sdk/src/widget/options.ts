import type { WidgetConfig } from "../protocol.ts";
import type { Lang } from "./i18n.ts";

/**
 * How a brand page configures the widget, all from its script tag (every attribute but
 * `data-tenant` is optional):
 *
 * @example
 * <div id="causette"></div>
 * <script src="https://chat.example.com/widget.js" data-tenant="demo" data-path="/products/serum-42"></script>
 *
 * | attribute | values | default |
 * |---|---|---|
 * | `data-tenant` | the brand's tenant id | required |
 * | `data-room` | a room id, e.g. `product:serum-42`: pins the room (and shows the widget on any page) | the room widget-config picks for the page |
 * | `data-path` | the page path widget-config decides on | `location.pathname` |
 * | `data-language` | `en`, `fr` | the browser's language |
 * | `data-mode` | `inline` (in `#causette`, or right after the script tag), `launcher` (a floating button that opens the chat) | `inline` |
 * | `data-position` | `bottom-right`, `bottom-left` (the launcher's corner) | `bottom-right`, `bottom-left` in a right-to-left page |
 * | `data-theme` | `light`, `dark`, `auto` (follows the shopper's system setting) | `light` |
 * | `data-dir` | `ltr`, `rtl`, `auto` (the page's `dir`, or its `lang` for Arabic, Hebrew, Persian, Urdu) | `auto` |
 * | `data-url` | the Causette server | the origin the script was served from |
 * | `data-token` | a signed-in shopper's JWT | none: a guest |
 *
 * Colours and fonts come from CSS custom properties set on the page (see styles.ts).
 *
 * A signed-in shopper's JWT comes from `data-token`, or from a hook the page defines before the
 * script loads (asked once at start, so the page can fetch a short-lived token from its own backend):
 * `window.CausetteAuth = { getToken: () => fetch("/my/chat-token").then((r) => r.text()) }`
 * (a plain function works too).
 */
export interface WidgetOptions {
  tenant: string;
  /** Causette server base URL; defaults to the origin the script was served from. */
  url: string;
  /** The page path widget-config decides on; defaults to location.pathname. */
  path: string;
  /** Where to mount: `#causette` if present, else a container right after the script tag (inside the launcher in launcher mode). */
  mount: HTMLElement;
  token?: string;
  /** A fixed room instead of widget-config's choice. */
  room?: string;
  /** Absent: the browser's language. */
  language?: Lang;
  mode: "inline" | "launcher";
  position: "bottom-right" | "bottom-left";
  theme: "light" | "dark" | "auto";
  dir: "ltr" | "rtl";
}

export type TokenHook = (() => string | null | undefined | Promise<string | null | undefined>)
  | { getToken(): string | null | undefined | Promise<string | null | undefined> };

declare global {
  interface Window {
    CausetteAuth?: TokenHook;
  }
}

/** The script tag that loaded us: currentScript while running, else the tag carrying data-tenant. */
export function findScript(): HTMLScriptElement | null {
  const cur = document.currentScript;
  if (cur instanceof HTMLScriptElement && cur.dataset.tenant) return cur;
  return document.querySelector<HTMLScriptElement>("script[data-tenant][src*='widget']");
}

export function readOptions(script: HTMLScriptElement): WidgetOptions | undefined {
  const d = script.dataset;
  const tenant = d.tenant?.trim();
  if (!tenant) {
    console.warn("causette: the widget script needs a data-tenant attribute");
    return undefined;
  }
  const url = (d.url || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  const path = d.path || location.pathname || "/";
  const mode = oneOf(d.mode, ["inline", "launcher"] as const, "inline", "data-mode");
  const dir = pageDirection(oneOf(d.dir, ["auto", "ltr", "rtl"] as const, "auto", "data-dir"));
  let mount = mode === "inline" ? document.getElementById("causette") : null;
  if (!mount) {
    mount = document.createElement("div");
    mount.className = "causette-widget";
    // A launcher puts the mount in its own panel; inline, it goes where the script tag is.
    if (mode === "inline") script.after(mount);
  }
  const opts: WidgetOptions = {
    tenant, url, path, mount, mode, dir,
    position: oneOf(d.position, ["bottom-right", "bottom-left"] as const, dir === "rtl" ? "bottom-left" : "bottom-right", "data-position"),
    theme: oneOf(d.theme, ["light", "dark", "auto"] as const, "light", "data-theme"),
  };
  if (d.token) opts.token = d.token;
  if (d.room?.trim()) opts.room = d.room.trim();
  // "fr-CA" reads as French; "auto" (or nothing) leaves it to the browser's language.
  const language = d.language?.trim().toLowerCase();
  if (language && language !== "auto") opts.language = oneOf(language.slice(0, 2), ["en", "fr"] as const, "en", "data-language");
  return opts;
}

/** `data-room` pins the room, and shows the widget wherever the brand put the tag; widget-config still names the brand. */
export function pinRoom(cfg: WidgetConfig | undefined, room: string | undefined): WidgetConfig | undefined {
  return cfg && room ? { ...cfg, show: true, room } : cfg;
}

/** The look the widget's stylesheet reads from its host element: colour scheme and direction. */
export function applyLook(host: HTMLElement, opts: Pick<WidgetOptions, "theme" | "dir">): void {
  host.dataset.scheme = opts.theme;
  host.dir = opts.dir;
}

const RTL_LANGS = /^(ar|he|iw|fa|ur|yi|ps|sd|ckb|dv)\b/i;

/** `auto`: the page's own direction, else its language's. */
function pageDirection(dir: "auto" | "ltr" | "rtl"): "ltr" | "rtl" {
  if (dir !== "auto") return dir;
  const html = document.documentElement;
  const declared = (html.dir || document.body?.dir || "").toLowerCase();
  if (declared === "rtl" || declared === "ltr") return declared;
  return RTL_LANGS.test(html.lang) ? "rtl" : "ltr";
}

/** A known value, or the default with a warning naming the attribute (a typo should not break the page). */
function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, attr: string): T {
  const v = value?.trim().toLowerCase();
  if (!v) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  console.warn(`causette: ${attr}="${value}" is not one of ${allowed.join(", ")}; using ${fallback}`);
  return fallback;
}

/** The shopper's JWT: the hook's answer wins over data-token; a failing hook means "guest". */
export async function resolveToken(opts: WidgetOptions, hook: TokenHook | undefined = window.CausetteAuth): Promise<string | undefined> {
  if (!hook) return opts.token;
  try {
    const value = typeof hook === "function" ? await hook() : await hook.getToken();
    return value || opts.token;
  } catch (err) {
    console.warn("causette: the CausetteAuth hook failed; continuing as a guest", err);
    return opts.token;
  }
}
