import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundClient, OutboundError } from "../../server/outbound/outbound-client.ts";

/**
 * The one HTTP client of webhooks and the moderation hook, against a real server on port 0:
 * kept-alive connections (a late answer must not cost the pool its connection), the time bound,
 * the answer cap, redirects not followed, and refused addresses.
 */
describe("OutboundClient", () => {
  let connections = 0;
  let closed = 0;
  let lateAnswered: () => void = () => {};
  let base = "";
  const client = new OutboundClient();
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    "/ok": (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"action":"allow"}'),
    "/late": (_req, res) => setTimeout(() => { res.writeHead(200).end("late"); lateAnswered(); }, 300),
    "/big": (_req, res) => res.writeHead(200).end("x".repeat(100_000)),
    "/moved": (_req, res) => res.writeHead(302, { location: "/ok" }).end(),
  };
  const server = createServer((req, res) => { req.resume(); req.on("end", () => routes[req.url ?? ""]!(req, res)); });
  server.on("connection", (socket) => { connections++; socket.on("close", () => closed++); });
  const opts = { timeoutMs: 2000, maxResponseBytes: 64 * 1024, allowPrivateNetworks: true };
  const post = (path: string, o = opts) => client.post(`${base}${path}`, { "content-type": "application/json" }, "{}", o);

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await client.close(); await new Promise((r) => server.close(r)); });

  it("answers status and body over kept-alive connections", async () => {
    const before = connections;
    for (let i = 0; i < 10; i++) expect(await post("/ok")).toEqual({ status: 200, body: '{"action":"allow"}' });
    // undici may open a second connection when a call starts from the previous one's answer.
    expect(connections - before).toBeLessThanOrEqual(2);
    expect(closed).toBe(0);
  });

  it("gives up at the time bound without closing the connection, which the next call reuses", async () => {
    const answered = new Promise<void>((r) => { lateAnswered = r; });
    const err = await post("/late", { ...opts, timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundError);
    expect((err as OutboundError).kind).toBe("timeout");
    await answered;
    // The late answer arrived and was dropped; no connection was torn down for it.
    for (let i = 0; i < 5; i++) expect((await post("/ok")).status).toBe(200);
    expect(closed).toBe(0);
  });

  it("refuses an answer over the cap", async () => {
    const err = await post("/big", { ...opts, maxResponseBytes: 1024 }).catch((e: unknown) => e);
    expect((err as OutboundError).kind).toBe("too_large");
    expect((await post("/ok")).status).toBe(200);
  });

  it("does not follow redirects", async () => {
    expect((await post("/moved")).status).toBe(302);
  });

  it("refuses what is not a URL, plain http and private addresses unless the tenant allows private networks", async () => {
    const strict = { ...opts, allowPrivateNetworks: false };
    const kind = (p: Promise<unknown>) => p.then(() => "ok", (e: OutboundError) => e.kind);
    expect(await kind(client.post("not a url", {}, "{}", opts))).toBe("refused");
    expect(await kind(client.post(`${base}/ok`, {}, "{}", strict))).toBe("refused");
    expect(await kind(client.post("https://127.0.0.1/ok", {}, "{}", strict))).toBe("refused");
    expect(await kind(client.post("https://[::1]/ok", {}, "{}", strict))).toBe("refused");
    expect(await kind(client.post("https://localhost/ok", {}, "{}", strict))).toBe("refused");
  });
});
