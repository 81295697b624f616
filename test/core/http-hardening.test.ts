import { connect } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken } from "../support/tokens.ts";

/** A server whose log lines are kept, parsed, to check what it logged. */
async function loggedServer(over: Parameters<typeof testConfig>[0] = {}) {
  const lines: Record<string, unknown>[] = [];
  const config = testConfig({ ...over, server: { logLevel: "info", ...over.server } });
  const logger = createLogger(config, { write: (s: string) => { lines.push(JSON.parse(s)); } });
  const s = await startServer(config, { logger });
  return { s, lines };
}

describe("REST bodies with a Content-Encoding", () => {
  let s: TestServer;
  let lines: Record<string, unknown>[];
  let auth: Record<string, string>;
  beforeAll(async () => {
    ({ s, lines } = await loggedServer());
    auth = { authorization: `Bearer ${await mintToken({ role: "manager", sub: "cm-enc" })}`, "content-type": "application/json" };
  });
  afterAll(async () => { await s.close(); });
  const patch = (encoding: string, body: Buffer) =>
    fetch(`${s.url}/api/v1/tenants/acme/links`, { method: "PATCH", headers: { ...auth, "content-encoding": encoding }, body: new Uint8Array(body) });

  it("gzip, deflate and br bodies are decoded and applied", async () => {
    for (const [encoding, encode] of [["gzip", gzipSync], ["deflate", deflateSync], ["br", brotliCompressSync]] as const) {
      const domain = `${encoding}-enc.example`;
      const r = await patch(encoding, encode(Buffer.from(JSON.stringify({ allow: [domain] }))));
      expect(r.status, encoding).toBe(200);
      const filters = await (await fetch(`${s.url}/api/v1/tenants/acme/filters`, { headers: auth })).json();
      expect(filters.links.allow).toContain(domain);
    }
  });

  it("a body that does not decode as its Content-Encoding says is 400 invalid_payload, never a 500", async () => {
    const plain = Buffer.from(JSON.stringify({ allow: ["plain.example"] }));
    for (const encoding of ["gzip", "deflate", "br", "GZIP"]) {
      const r = await patch(encoding, plain);
      expect(r.status, encoding).toBe(400);
      expect((await r.json()).error.code).toBe("invalid_payload");
    }
    const del = await fetch(`${s.url}/api/v1/tenants/acme/messages/m_nope`, { method: "DELETE", headers: { ...auth, "content-encoding": "gzip" }, body: "xx" });
    expect([del.status, (await del.json()).error.code]).toEqual([400, "invalid_payload"]);
  });

  it("an encoding the server does not decode is 415 invalid_payload, naming it", async () => {
    for (const encoding of ["compress", "zstd", "gzip, gzip", "x-unknown"]) {
      const r = await patch(encoding, Buffer.from("{}"));
      expect(r.status, encoding).toBe(415);
      const body = await r.json();
      expect(body.error.code).toBe("invalid_payload");
      expect(body.error.message).toContain(encoding);
    }
  });

  it("the size limit applies to the decoded body: a compression bomb is 413", async () => {
    const bomb = gzipSync(Buffer.from(`{"allow":["${"a".repeat(2_000_000)}.example"]}`));
    expect(bomb.length).toBeLessThan(10_000);
    const r = await patch("gzip", bomb);
    expect([r.status, (await r.json()).error.code]).toEqual([413, "invalid_payload"]);
  });

  it("none of these refusals was logged as a server error", () => {
    expect(lines.filter((l) => l.msg === "request failed")).toEqual([]);
  });
});

describe("every 500 is logged", () => {
  it("a REST request that fails inside is logged with its error, method and path (no query)", async () => {
    const { s, lines } = await loggedServer();
    try {
      const token = await mintToken({ role: "manager", sub: "cm-500" });
      (s.app.stores.people as unknown as { getRole: () => never }).getRole = () => { throw new Error("boom in the store"); };
      const r = await fetch(`${s.url}/api/v1/tenants/acme/queue?limit=5`, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(500);
      expect((await r.json()).error).toEqual({ code: "internal", message: "Internal error." });
      const line = await new Promise<Record<string, unknown>>((resolve) => {
        const poll = () => { const l = lines.find((x) => x.msg === "request failed"); if (l) resolve(l); else setImmediate(poll); };
        poll();
      });
      expect(line).toMatchObject({ level: 50, module: "http", method: "GET", path: "/api/v1/tenants/acme/queue", status: 500 });
      expect((line.err as { message: string }).message).toBe("boom in the store");
      expect(JSON.stringify(line)).not.toContain(token);
    } finally { await s.close(); }
  });
});

describe("REST hardening: nosniff, slow bodies, Node's request limits", () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startServer(testConfig({ server: { bodyTimeoutMs: 300 } }));
    token = await mintToken({ role: "manager", sub: "cm-hard" });
  });
  afterAll(async () => { await s.close(); });

  it("JSON and CSV answers, errors included, say nosniff", async () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const [path, headers] of [
      ["/api/v1/tenants/acme/queue", auth], ["/api/v1/tenants/acme/audit?format=csv", auth], ["/api/v1/tenants/acme/audit?format=ndjson", auth],
      ["/api/v1/tenants/acme/queue", {}], ["/api/v1/tenants/nope/queue", auth], ["/api/v1/tenants/acme/widget-config?path=/faq", {}],
      ["/api/v1/openapi.json", {}], ["/healthz", {}], ["/metrics", {}],
    ] as const) {
      const r = await fetch(`${s.url}${path}`, { headers });
      expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("a body that trickles in is cut at server.bodyTimeoutMs: 408 invalid_payload, connection closed", async () => {
    const started = Date.now();
    const { head, closed } = await new Promise<{ head: string; closed: boolean }>((resolve, reject) => {
      const sock = connect(s.port, "127.0.0.1");
      let got = "";
      sock.setEncoding("utf8");
      sock.on("data", (d) => { got += d; });
      sock.on("error", reject);
      sock.on("close", () => resolve({ head: got, closed: true }));
      sock.write(`PATCH /api/v1/tenants/acme/links HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"allow":`);
    });
    expect(closed).toBe(true);
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head.toLowerCase()).toContain("connection: close");
    expect(head).toContain('"code":"invalid_payload"');
    expect(Date.now() - started).toBeLessThan(5000);
  }, 8000);

  it("a body that arrives in time is served as usual", async () => {
    const r = await fetch(`${s.url}/api/v1/tenants/acme/links`, {
      method: "PATCH", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ allow: ["in-time.example"] }),
    });
    expect(r.status).toBe(200);
  });

  it("Node's own limits: headers within 10 s, a whole request within 30 s, checked every 2 s", () => {
    expect(s.app.http.headersTimeout).toBe(10_000);
    expect(s.app.http.requestTimeout).toBe(30_000);
  });
});

describe("/metrics behind server.metricsToken", () => {
  const TOKEN = "metrics-token-0123456789abcdef";
  let s: TestServer;
  beforeAll(async () => { s = await startServer(testConfig({ server: { metricsToken: TOKEN } })); });
  afterAll(async () => { await s.close(); });
  const metrics = (authorization?: string) => fetch(`${s.url}/metrics`, authorization ? { headers: { authorization } } : {});

  it("without the token: 401 unauthorized with a Bearer challenge; a wrong one: 401 invalid_token", async () => {
    const none = await metrics();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await none.json()).error.code).toBe("unauthorized");
    for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, "Bearer x", `Basic ${TOKEN}`, TOKEN]) {
      const r = await metrics(wrong);
      expect(r.status, wrong).toBe(401);
      expect((await r.json()).error.code).toBe("invalid_token");
    }
  });

  it("with the token: the Prometheus text", async () => {
    const r = await metrics(`Bearer ${TOKEN}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("causette_connected_sockets");
    // Health checks stay open: the orchestrator has no token.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});
