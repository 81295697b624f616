/**
 * `npm run webhook-listen -- --port 4000 --secret whsec_…`: a local receiver for Causette's
 * webhooks, for a brand developer trying them out. It verifies each delivery's signature the way
 * a receiver should (README, "Receiving webhooks") and prints the verified ones. Without
 * `--secret` (or WEBHOOK_SECRET) it makes one and prints it, to paste into the back office.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string", default: "4000" }, secret: { type: "string" }, host: { type: "string", default: "127.0.0.1" } } });
const secret = values.secret ?? process.env.WEBHOOK_SECRET ?? `whsec_${randomBytes(32).toString("base64")}`;
const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
/** Deliveries older than this are refused: a captured request cannot be replayed later. */
const TOLERANCE_SEC = 5 * 60;

function verify(id: string, timestamp: string, body: string, header: string): boolean {
  if (!id || Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SEC) return false;
  const expected = Buffer.from(createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64"));
  return header.split(" ").some((sig) => {
    const given = Buffer.from(sig.replace(/^v1,/, ""));
    return sig.startsWith("v1,") && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const seen = new Set<string>();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const h = (n: string) => String(req.headers[n] ?? "");
    if (!verify(h("webhook-id"), h("webhook-timestamp"), body, h("webhook-signature"))) {
      console.log(`${new Date().toISOString()}  REFUSED  bad or stale signature (${req.method} ${req.url})`);
      res.writeHead(401).end();
      return;
    }
    // At least once: a retry carries the same webhook-id, so a receiver acts on each id once.
    const again = seen.has(h("webhook-id"));
    seen.add(h("webhook-id"));
    const event = JSON.parse(body) as { type: string; data: unknown };
    console.log(`${new Date().toISOString()}  ${event.type}  ${h("webhook-id")}${again ? "  (retry, already seen)" : ""}\n${JSON.stringify(event.data, null, 2)}`);
    res.writeHead(204).end();
  });
});
server.listen(Number(values.port), values.host, () => {
  console.log(`Listening on http://${values.host}:${values.port}/ — add it as an endpoint (the tenant needs outbound.allowPrivateNetworks for a local address).`);
  if (!values.secret && !process.env.WEBHOOK_SECRET) console.log(`Secret for this endpoint (paste it in the back office): ${secret}`);
});
