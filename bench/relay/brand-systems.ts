import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** The shared secret of the bench's webhook endpoint and hook (32 bytes of 7). */
export const BRAND_SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
/** How long the bench's moderation hook takes to answer. */
export const HOOK_DELAY_MS = 5;

const HOOK_ANSWER = Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 18\r\nconnection: keep-alive\r\n\r\n{"action":"allow"}');
const RECEIVED = Buffer.from("HTTP/1.1 204 No Content\r\nconnection: keep-alive\r\n\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * The brand's side of the causette-webhooks side (`--role brand-systems`), in a process of its
 * own so its work is not counted as the server's: a webhook receiver that answers 204 at once,
 * and a moderation hook that allows every message after 5 ms. Neither checks signatures (the
 * tests do); they stand for a brand's systems that answer promptly.
 *
 * Both speak just enough HTTP/1.1 over `net` (keep-alive, requests with a content-length) rather
 * than through `node:http`: in production the brand's systems run on the brand's machines, but
 * here they share the bench's 2 cores, and node:http at 2,000 hook calls a second took about half
 * a core from the server it was meant to measure. Whatever this responder costs is still spent on
 * the same machine, so the figure stays on the harsh side.
 */
export async function runBrandSystems(): Promise<void> {
  let received = 0;
  let checked = 0;
  const receiver = createServer((socket) => serve(socket, (reply) => { received++; reply(RECEIVED); }));
  const hook = createServer((socket) => serve(socket, (reply) => { checked++; setTimeout(reply, HOOK_DELAY_MS, HOOK_ANSWER); }));
  await Promise.all([receiver, hook].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", () => resolve()))));
  process.on("message", (m: { cmd?: string }) => {
    if (m?.cmd === "counts") process.send!({ type: "counts", received, checked });
    if (m?.cmd === "stop") {
      console.log(`  causette-webhooks brand systems: ${checked} hook calls answered, ${received} webhook deliveries received`);
      process.exit(0);
    }
  });
  process.send!({ type: "listening", receiver: (receiver.address() as AddressInfo).port, hook: (hook.address() as AddressInfo).port });
}

/**
 * Reads requests one after another from a keep-alive connection (headers up to the blank line,
 * then `content-length` bytes of body) and hands each to `onRequest`, which answers in its own
 * time. Causette's client never pipelines, so answers go out in order.
 */
function serve(socket: Socket, onRequest: (reply: (answer: Buffer) => void) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  const reply = (answer: Buffer) => { if (!socket.destroyed) socket.write(answer); };
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const end = pending.indexOf(HEADER_END);
      if (end < 0) return;
      const head = pending.toString("latin1", 0, end);
      const m = /content-length:\s*(\d+)/i.exec(head);
      const total = end + 4 + (m ? Number(m[1]) : 0);
      if (pending.length < total) return;
      pending = pending.subarray(total);
      onRequest(reply);
    }
  });
}
