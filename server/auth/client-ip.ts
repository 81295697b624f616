import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export type TrustProxy = boolean | number | readonly string[];

/** `::ffff:1.2.3.4` is how an IPv4 peer appears on a dual-stack socket; rules and blocks speak IPv4. */
export function canonicalIp(ip: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m ? m[1]! : ip.toLowerCase();
}

/**
 * Builds the client-IP resolver once from `server.trustProxy`: the TCP peer, or the
 * X-Forwarded-For entry that the trusted proxies vouch for (never further than they allow).
 */
export function createClientIpResolver(trust: TrustProxy): (req: IncomingMessage) => string {
  let fn: (addr: string, i: number) => boolean;
  if (trust === true) fn = () => true;
  else if (trust === false) fn = () => false;
  else if (typeof trust === "number") fn = (_addr, i) => i < trust;
  else fn = proxyaddr.compile([...trust]);
  return (req) => {
    try {
      return canonicalIp(proxyaddr(req as Parameters<typeof proxyaddr>[0], fn));
    } catch {
      return canonicalIp(req.socket?.remoteAddress ?? "0.0.0.0");
    }
  };
}
