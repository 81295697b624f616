import type { Lang } from "./i18n.ts";

/**
 * The language a manager picked in the back office, in localStorage: per tenant and manager, so
 * two managers sharing a computer each keep theirs. The last pick on this browser also words the
 * sign-in form, before anyone is known.
 */
const PREFIX = "causette-admin:lang";

const isLang = (v: string | null): v is Lang => v === "en" || v === "fr";

function read(key: string): Lang | undefined {
  try { const v = localStorage.getItem(key); return isLang(v) ? v : undefined; } catch { return undefined; }
}

export function managerLang(tenant: string, managerId: string): Lang | undefined {
  return read(`${PREFIX}:${tenant}:${managerId}`);
}

export function lastLang(): Lang | undefined {
  return read(PREFIX);
}

export function saveLang(tenant: string, managerId: string, lang: Lang): void {
  try {
    localStorage.setItem(`${PREFIX}:${tenant}:${managerId}`, lang);
    localStorage.setItem(PREFIX, lang);
  } catch { /* storage refused (private mode): the pick lasts until the page closes */ }
}
