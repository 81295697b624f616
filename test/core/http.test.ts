import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.ts";
import { cleanText } from "../shared/texts.ts";
import { until } from "../support/wait.ts";

describe("HTTP endpoints", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await s.close(); });
  const get = (path: string) => fetch(`${s.url}${path}`);

  it("/healthz and /readyz", async () => {
    const h = await get("/healthz");
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ ok: true });
    const r = await get("/readyz");
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, store: "memory" });
  });

  it("/readyz is 503 when the store does not answer", async () => {
    const ping = s.app.stores.ping.bind(s.app.stores);
    s.app.stores.ping = async () => false;
    try {
      const r = await get("/readyz");
      expect(r.status).toBe(503);
      expect((await r.json()).ok).toBe(false);
    } finally {
      s.app.stores.ping = ping;
    }
  });

  it("/metrics: connected sockets, messages by verdict, per-stage histogram buckets", async () => {
    const a = await s.connected({ role: "member", sub: "metrics-a" });
    await a.join("product:metrics");
    await a.send("product:metrics", cleanText());
    await a.send("product:metrics", "just buy rivalbrand instead");
    await a.send("product:never-joined", cleanText()).catch(() => undefined);
    await a.send("product:metrics", "   ").catch(() => undefined); // refused by the pipeline itself
    const text = await until(async () => {
      const t = await (await get("/metrics")).text();
      return /causette_messages_total\{verdict="held"\} 1/.test(t) ? t : undefined;
    });
    expect(text).toMatch(/causette_connected_sockets\{namespace="\/chat"\} [1-9]/);
    expect(text).toMatch(/causette_messages_total\{verdict="visible"\} 1\b/);
    for (const stage of ["validate", "access", "rate", "spam", "words", "links", "deliver"]) {
      expect(text).toMatch(new RegExp(`causette_pipeline_stage_seconds_bucket\\{le="[^"]+",stage="${stage}"\\} [1-9]`));
      // The empty message is timed by the stage that refused it (validate) and by no later one.
      const timed = stage === "validate" ? 3 : 2;
      expect(text).toMatch(new RegExp(`causette_pipeline_stage_seconds_count\\{stage="${stage}"\\} ${timed}\\b`));
    }
    expect(text).toMatch(/causette_refusals_total\{code="not_in_room"\} 1\b/);
    // Counted once, by the door that answered, whether the handler or the pipeline refused.
    expect(text).toMatch(/causette_refusals_total\{code="empty_message"\} 1\b/);
    expect(text).toMatch(/causette_messages_total\{verdict="refused"\} 1\b/);
    expect(text).toMatch(/causette_handshakes_total\{outcome="ok"\} [1-9]/);
    a.disconnect();
    await until(async () => /causette_connected_sockets\{namespace="\/chat"\} 0\b/.test(await (await get("/metrics")).text()));
  });

  it("widget-config: shows on product pages and the faq, hidden elsewhere", async () => {
    const cfg = async (path: string, tenant = "acme") => {
      const r = await get(`/api/v1/tenants/${tenant}/widget-config?path=${encodeURIComponent(path)}`);
      return { status: r.status, body: await r.json(), cors: r.headers.get("access-control-allow-origin") };
    };
    const product = await cfg("/products/x");
    expect(product.status).toBe(200);
    expect(product.body).toEqual({ tenant: "acme", name: "Acme Beauty", show: true, room: "product:x", guests: true });
    expect(product.cors).toBe("*");
    expect((await cfg("/products/Serum-42/")).body).toMatchObject({ show: true, room: "product:serum-42" });
    expect((await cfg("/faq")).body).toMatchObject({ show: true, room: "faq" });
    const hidden = await cfg("/contact");
    expect(hidden.body.show).toBe(false);
    expect(hidden.body.room).toBeUndefined();
    // A product id the room pattern refuses is not shown.
    expect((await cfg(`/products/${"a".repeat(80)}`)).body.show).toBe(false);
  });

  it("widget-config: unknown tenant 404 and a bad path 400, as JSON errors", async () => {
    const unknown = await get("/api/v1/tenants/nope/widget-config?path=/faq");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown_tenant" } });
    for (const path of ["faq", "http://evil/", `/${"x".repeat(600)}`]) {
      const bad = await get(`/api/v1/tenants/acme/widget-config?path=${encodeURIComponent(path)}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: "invalid_payload" } });
    }
  });

  it("/ and /admin are served with a Content-Security-Policy", async () => {
    for (const path of ["/", "/admin"]) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/text\/html/);
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-powered-by")).toBeNull();
    }
  });
});
