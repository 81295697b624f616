import { createHmac, randomBytes } from "node:crypto";
import { secretKey } from "../config/outbound-policy.ts";

/**
 * Standard Webhooks signing (SPEC §8.1): `v1,` then the base64 HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the decoded part of the `whsec_` secret.
 */
export function signPayload(secret: string, id: string, timestampSec: number, body: string): string {
  const key = secretKey(secret);
  if (!key) throw new TypeError("malformed webhook secret");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestampSec}.${body}`).digest("base64")}`;
}

/** The three Standard Webhooks headers of one attempt, plus the JSON content type. */
export function signedHeaders(secret: string, id: string, body: string, nowMs: number): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(ts),
    "webhook-signature": signPayload(secret, id, ts, body),
  };
}

/** A fresh secret: 32 random bytes, as `whsec_<base64>`. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * What a manager may see of a secret: enough to tell two apart (the prefix and the last four
 * characters), never enough to sign with.
 */
export function secretHint(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}
