/**
 * Downloads the audit export through the REST API with the token in the Authorization header
 * (never in a URL: URLs end up in history, logs and Referer headers), then hands the browser a
 * Blob link to save.
 */
export async function fetchAuditExport(opts: { url: string; tenant: string; token: string; format: "ndjson" | "csv"; action?: string; actor?: string }): Promise<{ href: string; name: string }> {
  const q = new URLSearchParams({ format: opts.format });
  if (opts.action) q.set("action", opts.action);
  if (opts.actor) q.set("actor", opts.actor);
  const res = await fetch(`${opts.url}/api/v1/tenants/${encodeURIComponent(opts.tenant)}/audit?${q}`, {
    headers: { Authorization: `Bearer ${opts.token}` },
    cache: "no-store",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const disposition = res.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `audit-${opts.tenant}.${opts.format}`;
  return { href: URL.createObjectURL(blob), name };
}
