import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { WEBHOOK_EVENT_TYPES } from "../../client-sdk/src/protocol.ts";

/**
 * What an outgoing call (webhooks, the moderation hook; SPEC §8) may be aimed at, in one place for
 * the config check at start, the managers' edits and the outbound client's check after DNS.
 * A manager-editable URL is otherwise a way into the host's own network (server-side request
 * forgery), so only public unicast addresses are allowed unless the tenant says
 * `outbound.allowPrivateNetworks`.
 */

/** Event types of SPEC §8.1, plus `webhook.test` (one list, in the wire types); `*` subscribes to all. */
export { WEBHOOK_EVENT_TYPES };

/** Host names that always mean this machine or its network, whatever DNS says. */
const LOCAL_NAMES = /(^|\.)(localhost|localdomain|local|internal|intranet|home\.arpa)$/i;

/**
 * True for an address on the public internet: ipaddr.js's "unicast" range, after unwrapping an
 * IPv4-mapped IPv6 address. Loopback, private, link-local, carrier-grade NAT, multicast,
 * documentation, 6to4/Teredo/NAT64 and the other special ranges are not.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.range() === "unicast";
}

/**
 * Why `raw` cannot be an endpoint, or undefined: not an absolute http(s) URL, `http://` while
 * private networks are not allowed, credentials in it, or a host that is a non-public address or
 * a local name. Names that resolve to a private address are caught after DNS (see OutboundClient).
 */
export function endpointUrlProblem(raw: string, allowPrivateNetworks: boolean): string | undefined {
  let url: URL;
  try { url = new URL(raw); } catch { return "must be an absolute URL"; }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an https:// URL";
  if (url.protocol === "http:" && !allowPrivateNetworks) return "must be an https:// URL (http:// only where outbound.allowPrivateNetworks is true)";
  if (url.username || url.password) return "must not carry credentials";
  if (raw.length > 2048) return "is longer than 2048 characters";
  if (allowPrivateNetworks) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPublicAddress(host) ? undefined : `points at a non-public address (${host}); set outbound.allowPrivateNetworks to allow it`;
  if (LOCAL_NAMES.test(host)) return `points at a local host name (${host}); set outbound.allowPrivateNetworks to allow it`;
  return undefined;
}

/** Standard Webhooks secrets: `whsec_` then the base64 of 24 to 64 random bytes. */
export function secretProblem(secret: string): string | undefined {
  const key = secretKey(secret);
  if (!key) return "must be whsec_ followed by the base64 of 24 to 64 random bytes";
  return undefined;
}

/** The HMAC key of a `whsec_` secret, or undefined when it is malformed. */
export function secretKey(secret: string): Buffer | undefined {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!m) return undefined;
  const key = Buffer.from(m[1]!, "base64");
  // A round trip refuses base64 that Node would silently truncate.
  if (key.toString("base64").replace(/=+$/, "") !== m[1]!.replace(/=+$/, "")) return undefined;
  return key.length >= 24 && key.length <= 64 ? key : undefined;
}
