import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { until } from "./wait.ts";

/** A delivery as a brand's receiver sees it, with the signature checked by the receiver's own code. */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  json: { type: string; timestamp: string; data: any };
  verified: boolean;
  /** Which TCP connection it came on (keep-alive reuse shows as one number). */
  connection: number;
}

export type Answer = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } | "hang";

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** How the next requests are answered (default 204). */
  answer: (r: Received) => Answer;
  secret: string;
  connections(): number;
  /** Waits for a delivery matching `pred` (verified or not). */
  waitFor(pred: (r: Received) => boolean, timeoutMs?: number): Promise<Received>;
  /** Stops listening and drops every open connection (the endpoint is down). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Standard Webhooks verification written apart from the server's signing (WebCrypto rather than
 * node:crypto's Hmac): `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the bytes the
 * `whsec_` secret encodes. A header may carry several space-separated signatures.
 */
export async function verifyStandardWebhook(secret: string, id: string, timestamp: string, body: string, header: string): Promise<boolean> {
  const keyBytes = Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`)));
  const expected = `v1,${btoa(String.fromCharCode(...mac))}`;
  return header.split(" ").includes(expected);
}

/** A real HTTP receiver on 127.0.0.1, port 0 (or the one given), recording every POST. */
export async function startReceiver(secret: string, port = 0): Promise<Receiver> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let connectionSeq = 0;
  const connIds = new WeakMap<Socket, number>();
  const hanging = new Set<ServerResponse>();
  const r: Receiver = {
    url: "", port, received: [], secret,
    answer: () => ({ status: 204 }),
    connections: () => connectionSeq,
    waitFor: (pred, timeoutMs = 10_000) => until(() => r.received.find(pred), timeoutMs, 10),
    async down() {
      if (!server) return;
      const s = server;
      server = undefined;
      for (const res of hanging) res.destroy();
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async up() {
      server = createServer((req, res) => void handle(req, res));
      server.on("connection", (sock) => {
        connIds.set(sock, ++connectionSeq);
        sockets.add(sock);
        sock.on("close", () => sockets.delete(sock));
      });
      await new Promise<void>((resolve) => server!.listen(r.port, "127.0.0.1", () => resolve()));
      r.port = (server.address() as AddressInfo).port;
      r.url = `http://127.0.0.1:${r.port}/hooks`;
    },
    close: () => r.down(),
  };
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const h = (n: string) => String(req.headers[n] ?? "");
    let json: Received["json"];
    try { json = JSON.parse(body); } catch { json = { type: "?", timestamp: "", data: null }; }
    const rec: Received = {
      id: h("webhook-id"), timestamp: h("webhook-timestamp"), signature: h("webhook-signature"), body, json,
      verified: await verifyStandardWebhook(r.secret, h("webhook-id"), h("webhook-timestamp"), body, h("webhook-signature")),
      connection: connIds.get(req.socket) ?? 0,
    };
    r.received.push(rec);
    const a = r.answer(rec);
    if (a === "hang") { hanging.add(res); return; }
    if (a.delayMs) await new Promise((resolve) => setTimeout(resolve, a.delayMs));
    if (res.destroyed) return;
    res.writeHead(a.status, { "content-type": "application/json", ...(a.headers ?? {}) });
    res.end(a.body ?? "");
  }
  await r.up();
  return r;
}

/** A fresh `whsec_` secret for a test. */
export function testSecret(fill = 7): string {
  return `whsec_${Buffer.alloc(32, fill).toString("base64")}`;
}
