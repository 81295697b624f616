import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

export type TrustProxy = boolean | number | readonly string[];

/** A dotted quad in decimal without leading zeros: "010.1.1.1" is octal to some parsers and decimal to others. */
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** "[v6]" or "[v6]:port", and "v4:port": the forms proxies that append the client's port use. */
const BRACKETED = /^\[([^\][]+)\](?::(\d{1,5}))?$/;
const V4_PORT = /^([\d.]+):(\d{1,5})$/;
const ZONE = /^[\w.-]{1,32}$/;

const validPort = (p: string | undefined) => p === undefined || (Number(p) >= 1 && Number(p) <= 65_535 && !p.startsWith("0"));

/**
 * The one spelling of an address that every key uses (per-IP limits, IP blocks, stored sessions):
 * IPv4 in dotted decimal, IPv4-mapped IPv6 as its IPv4 address (a dual-stack socket shows IPv4
 * peers that way), other IPv6 in RFC 5952 form (lower case, zeros compressed, no zone). A port
 * after the address is dropped. Anything else is null, never guessed at: `<script>`, `unknown`,
 * `999.1.1.1`, and zero-padded quads such as `010.041.000.001`, which one parser reads as octal
 * (8.33.0.1) and another as decimal, so a block written one way could be dodged the other.
 */
export function canonicalIp(text: string): string | null {
  if (text.length > 64) return null;
  let t = text;
  const bracketed = BRACKETED.exec(t);
  if (bracketed) {
    if (!validPort(bracketed[2]) || !bracketed[1]!.includes(":")) return null;
    t = bracketed[1]!;
  } else {
    const withPort = V4_PORT.exec(t);
    if (withPort) {
      if (!validPort(withPort[2])) return null;
      t = withPort[1]!;
    }
  }
  if (IPV4.test(t)) return t;
  if (!t.includes(":")) return null;
  const pct = t.indexOf("%");
  if (pct >= 0) {
    // A zone names an interface of the host that saw the address; it is no part of the address.
    if (!ZONE.test(t.slice(pct + 1))) return null;
    t = t.slice(0, pct);
  }
  // An embedded IPv4 tail obeys the IPv4 rule too ("::ffff:010.0.0.1" is refused like "010.0.0.1").
  const lastColon = t.lastIndexOf(":");
  if (t.includes(".") && !IPV4.test(t.slice(lastColon + 1))) return null;
  if (!/^[0-9a-fA-F:.]+$/.test(t) || !ipaddr.IPv6.isValid(t)) return null;
  const v6 = ipaddr.IPv6.parse(t);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toRFC5952String();
}

/**
 * Builds the client-IP resolver once from `server.trustProxy`: the TCP peer, or the
 * X-Forwarded-For entry that the trusted proxies vouch for (never further than they allow).
 * An entry that is not an address is never believed, nor trusted to vouch for the ones left of
 * it: the client is then the proxy that reported it, the last address known for sure.
 */
export function createClientIpResolver(trust: TrustProxy): (req: IncomingMessage) => string {
  let trusted: (addr: string, i: number) => boolean;
  if (trust === true) trusted = () => true;
  else if (trust === false) trusted = () => false;
  else if (typeof trust === "number") trusted = (_addr, i) => i < trust;
  else trusted = proxyaddr.compile([...trust]);
  const vouches = (addr: string, i: number) => {
    const ip = canonicalIp(addr);
    return ip !== null && trusted(ip, i);
  };
  return (req) => {
    const peer = canonicalIp(req.socket?.remoteAddress ?? "") ?? "0.0.0.0";
    let chain: string[];
    try {
      // [peer, then X-Forwarded-For right to left, as far as each hop is trusted, plus one].
      chain = proxyaddr.all(req as Parameters<typeof proxyaddr.all>[0], vouches);
    } catch {
      return peer;
    }
    let ip = peer;
    for (let i = 1; i < chain.length; i++) {
      const next = canonicalIp(chain[i]!);
      if (next === null) break;
      ip = next;
    }
    return ip;
  };
}

/**
 * The network a canonical address stands for when budgets are counted: an IPv4 address itself,
 * an IPv6 address's /64 (one subscriber's or one server's usual allocation, 2^64 addresses a
 * sender could otherwise rotate through to get as many fresh budgets).
 */
export function budgetKeyOf(ip: string): string {
  if (!ip.includes(":")) return ip;
  try {
    const parts = ipaddr.IPv6.parse(ip).parts;
    return `${parts.slice(0, 4).map((x) => x.toString(16)).join(":")}::/64`;
  } catch {
    return ip;
  }
}
