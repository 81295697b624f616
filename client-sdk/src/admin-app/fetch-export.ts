/**
 * Downloads an export through the REST API (the audit log, the transparency report, the
 * statements of reasons) with the token in the Authorization header (never in a URL: URLs end up
 * in history, logs and Referer headers), then hands the browser a Blob link to save.
 */
export async function fetchExport(opts: { url: string; tenant: string; token: string; path: string; params: Record<string, string>; fallbackName: string }): Promise<{ href: string; name: string }> {
  const q = new URLSearchParams(opts.params);
  const res = await fetch(`${opts.url}/api/v1/tenants/${encodeURIComponent(opts.tenant)}/${opts.path}?${q}`, {
    headers: { Authorization: `Bearer ${opts.token}` },
    cache: "no-store",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const disposition = res.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? opts.fallbackName;
  return { href: URL.createObjectURL(blob), name };
}
