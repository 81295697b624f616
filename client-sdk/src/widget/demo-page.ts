/**
 * The demo product page's own script (dist/demo.js), loaded before widget.js: a role switcher so
 * a newcomer can try guest, member, expert and moderator side by side in two windows, and the
 * "Product questions / FAQ" tabs that move the widget between an open and a restricted room.
 * Demo tokens come from `POST /api/v1/demo/token`, which only exists outside production; the
 * token stays in memory and in request bodies, never in a URL.
 */
import { h, replace } from "./dom.ts";
import { pickLang } from "./i18n.ts";

type DemoRole = "guest" | "member" | "expert" | "moderator";
const ROLES: DemoRole[] = ["guest", "member", "expert", "moderator"];
/** Per tab (sessionStorage), so two windows can hold two different roles. */
const ROLE_KEY = "causette-demo:role";
const SUB_KEY = "causette-demo:sub:";
const NAMES: Record<Exclude<DemoRole, "guest">, string> = { member: "Léa", expert: "Dr Martin", moderator: "Sam" };

const T = pickLang() === "fr"
  ? { label: "Mode démo — essayer la discussion en tant que :", roles: { guest: "Invité", member: "Membre", expert: "Expert", moderator: "Modérateur" }, tip: "Astuce : ouvrez une deuxième fenêtre avec un autre rôle.", admin: "Back-office →" }
  : { label: "Demo mode — try the chat as:", roles: { guest: "Guest", member: "Member", expert: "Expert", moderator: "Moderator" }, tip: "Tip: open a second window with another role.", admin: "Back office →" };

declare global {
  interface Window { CAUSETTE_ENV?: { production?: boolean } }
}

function storedRole(): DemoRole {
  try {
    const r = sessionStorage.getItem(ROLE_KEY);
    return ROLES.includes(r as DemoRole) ? (r as DemoRole) : "guest";
  } catch { return "guest"; }
}

/** One stable user id per role and tab, so a reload keeps the same person. */
function subFor(role: DemoRole): string {
  const key = SUB_KEY + role;
  try {
    const known = sessionStorage.getItem(key);
    if (known) return known;
    const sub = `demo-${role}-${Math.random().toString(36).slice(2, 8)}`;
    sessionStorage.setItem(key, sub);
    return sub;
  } catch { return `demo-${role}`; }
}

async function demoToken(role: Exclude<DemoRole, "guest">): Promise<string | undefined> {
  const res = await fetch("/api/v1/demo/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ role, name: NAMES[role], sub: subFor(role) }),
  });
  if (!res.ok) throw new Error(`demo token: HTTP ${res.status}`);
  return ((await res.json()) as { token?: string }).token;
}

function mountSwitcher(current: DemoRole): void {
  const bar = document.getElementById("demo-bar");
  if (!bar) return;
  const group = h("div", { class: "demo-roles", role: "group", "aria-label": T.label },
    ...ROLES.map((r) => h("button", {
      type: "button", class: "demo-role", "data-role": r, "aria-pressed": r === current ? "true" : "false",
      onclick: () => {
        if (r === current) return;
        try { sessionStorage.setItem(ROLE_KEY, r); } catch { /* private mode: the reload falls back to guest */ }
        location.reload();
      },
    }, T.roles[r])));
  replace(bar, h("span", { class: "demo-label" }, T.label), group, h("span", { class: "demo-tip" }, T.tip), h("a", { href: "/admin", class: "demo-admin" }, T.admin));
  bar.hidden = false;
}

function mountTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>("[data-chat-path]")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      for (const other of tabs) other.setAttribute("aria-selected", other === tab ? "true" : "false");
      void window.Causette?.setPath(tab.dataset.chatPath!);
    });
  }
}

const demo = window.CAUSETTE_ENV?.production === false;
if (demo) {
  const role = storedRole();
  if (role !== "guest") window.CausetteAuth = { getToken: () => demoToken(role) };
}
const ready = () => { if (demo) mountSwitcher(storedRole()); mountTabs(); };
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready, { once: true });
else ready();

export {};
