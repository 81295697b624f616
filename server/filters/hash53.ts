/**
 * A 53-bit non-cryptographic hash of a string (two 32-bit multiplicative FNV-style lanes), exact
 * as a JS number, so it can key a Map without allocating a string. Used where a long or
 * attacker-chosen string must become a short, fixed-size key and a collision (odds about n²/2^54
 * among n keys) would only merge two counters.
 */
export function hash53(s: string): number {
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h2 >>> 11) * 0x100000000 + (h1 >>> 0);
}
