/**
 * How a brand page configures the widget, all from its script tag:
 *
 * @example
 * <div id="causette"></div>
 * <script src="https://chat.example.com/widget.js" data-tenant="demo" data-path="/products/serum-42"></script>
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
  /** Where to mount: `#causette` if present, else a container right after the script tag. */
  mount: HTMLElement;
  token?: string;
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
  const tenant = script.dataset.tenant?.trim();
  if (!tenant) {
    console.warn("causette: the widget script needs a data-tenant attribute");
    return undefined;
  }
  const url = (script.dataset.url || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  const path = script.dataset.path || location.pathname || "/";
  let mount = document.getElementById("causette");
  if (!mount) {
    mount = document.createElement("div");
    mount.className = "causette-widget";
    script.after(mount);
  }
  const opts: WidgetOptions = { tenant, url, path, mount };
  if (script.dataset.token) opts.token = script.dataset.token;
  return opts;
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
