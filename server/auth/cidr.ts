import ipaddr from "ipaddr.js";

export interface ParsedCidr { canonical: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] }

/**
 * Parses a single address or a CIDR range (IPv4 or IPv6) into its canonical form
 * (`10.0.0.0/8`, `2001:db8::/32`, `1.2.3.4/32`); an IPv4-mapped IPv6 rule becomes the IPv4 rule.
 * Returns null for anything else, so callers answer `invalid_payload`.
 */
export function parseCidr(input: unknown): ParsedCidr | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const text = input.trim();
  try {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    let bits: number;
    if (text.includes("/")) {
      const [a, b] = text.split("/");
      if (!b || !/^\d{1,3}$/.test(b)) return null;
      addr = ipaddr.parse(a!);
      bits = Number(b);
    } else {
      addr = ipaddr.parse(text);
      bits = addr.kind() === "ipv4" ? 32 : 128;
    }
    // Checked on the text as typed: ipaddr also reads "10.0.0" (inet_aton style), which no one means in a block rule.
    if (addr.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(text.split("/")[0]!)) return null;
    if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
      if (bits < 96) return null;
      addr = (addr as ipaddr.IPv6).toIPv4Address();
      bits -= 96;
    }
    const max = addr.kind() === "ipv4" ? 32 : 128;
    if (bits > max) return null;
    const network = networkAddress(addr, bits);
    return { canonical: `${network.toString()}/${bits}`, range: [network, bits] };
  } catch {
    return null;
  }
}

function networkAddress(addr: ipaddr.IPv4 | ipaddr.IPv6, bits: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = addr.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i]! &= (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(bytes);
}

/** Compiles a rule list once; matching an address is then a scan over parsed ranges (lists are short). */
export function compileCidrMatcher<T extends { cidr: string }>(rules: readonly T[]): (ip: string) => T | undefined {
  const parsed = rules.flatMap((r) => {
    const p = parseCidr(r.cidr);
    return p ? [{ rule: r, range: p.range }] : [];
  });
  return (ip) => {
    if (!parsed.length) return undefined;
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    try { addr = ipaddr.process(ip); } catch { return undefined; }
    for (const { rule, range } of parsed) {
      if (range[0].kind() === addr.kind() && addr.match(range as [ipaddr.IPv4, number])) return rule;
    }
    return undefined;
  };
}
