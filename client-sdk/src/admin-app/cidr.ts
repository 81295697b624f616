/**
 * Client-side check of an IP block before it is sent: an IPv4 or IPv6 address, optionally with a
 * /prefix (0–32 or 0–128). The server validates again; this only gives the manager instant feedback.
 */
export function isValidCidr(input: string): boolean {
  const s = input.trim();
  const slash = s.indexOf("/");
  const addr = slash === -1 ? s : s.slice(0, slash);
  const prefix = slash === -1 ? undefined : s.slice(slash + 1);
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return false;
  if (isIPv4(addr)) return prefix === undefined || Number(prefix) <= 32;
  if (isIPv6(addr)) return prefix === undefined || Number(prefix) <= 128;
  return false;
}

export function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === "0" || !p.startsWith("0")));
}

export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.includes(":::")) return false;
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  // An embedded IPv4 (::ffff:192.0.2.1) may only be last and counts as two groups.
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes(".")) {
    if (!isIPv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * Ranges wider than the server takes without `force` (IPv4 wider than /8, IPv6 wider than /32):
 * the form asks the manager to type the range again before it sends one.
 */
export function isWideRange(input: string): boolean {
  const s = input.trim();
  const slash = s.indexOf("/");
  if (slash === -1 || !isValidCidr(s)) return false;
  const bits = Number(s.slice(slash + 1));
  const addr = s.slice(0, slash);
  if (isIPv4(addr)) return bits < 8;
  // An IPv4-mapped rule (::ffff:a.b.c.d/n) is the IPv4 rule of n - 96 bits.
  if (/^::ffff:/i.test(addr) && addr.includes(".")) return bits - 96 < 8;
  return bits < 32;
}
