/**
 * The manager's credentials live in sessionStorage: gone when the tab closes, never in a URL
 * (URLs leak through history, logs and Referer).
 */
export interface Credentials { tenant: string; token: string }

const KEY = "causette-admin:credentials";
const DEMO_TENANT = "demo";

export function loadCredentials(): Credentials | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    const c = raw ? (JSON.parse(raw) as Partial<Credentials>) : undefined;
    return c && typeof c.tenant === "string" && typeof c.token === "string" ? { tenant: c.tenant, token: c.token } : undefined;
  } catch { return undefined; }
}

export function saveCredentials(c: Credentials): void {
  try { sessionStorage.setItem(KEY, JSON.stringify(c)); } catch { /* private mode: signing in again after a reload */ }
}

export function clearCredentials(): void {
  try { sessionStorage.removeItem(KEY); } catch { /* nothing stored */ }
}

/** Outside production only: a manager token for the demo tenant from the demo token route. */
export async function demoCredentials(url: string): Promise<Credentials> {
  const res = await fetch(`${url}/api/v1/demo/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ role: "manager", name: "Camille", sub: "demo-manager-camille" }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { token?: string; tenant?: string };
  if (!body.token) throw new Error("no token");
  return { tenant: body.tenant ?? DEMO_TENANT, token: body.token };
}
