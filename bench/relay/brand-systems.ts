import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The shared secret of the bench's webhook endpoint and hook (32 bytes of 7). */
export const BRAND_SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
/** How long the bench's moderation hook takes to answer. */
export const HOOK_DELAY_MS = 5;

/**
 * The brand's side of the causette-webhooks side (`--role brand-systems`), in a process of its
 * own so its work is not counted as the server's: a webhook receiver that answers 204 at once,
 * and a moderation hook that allows every message after 5 ms. Neither checks signatures (the
 * tests do); they stand for a brand's systems that answer promptly.
 */
export async function runBrandSystems(): Promise<void> {
  let received = 0;
  let checked = 0;
  const drain = (req: import("node:http").IncomingMessage, done: () => void) => { req.resume(); req.on("end", done); };
  const receiver = createServer((req, res) => drain(req, () => { received++; res.writeHead(204).end(); }));
  const hook = createServer((req, res) => drain(req, () => {
    checked++;
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"action":"allow"}'), HOOK_DELAY_MS);
  }));
  await Promise.all([receiver, hook].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", () => resolve()))));
  process.on("message", (m: { cmd?: string }) => {
    if (m?.cmd === "counts") process.send!({ type: "counts", received, checked });
    if (m?.cmd === "stop") process.exit(0);
  });
  process.send!({ type: "listening", receiver: (receiver.address() as AddressInfo).port, hook: (hook.address() as AddressInfo).port });
}
