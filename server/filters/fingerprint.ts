/*
 * Token fingerprints, shared by the normaliser (each word token carries its own, computed once)
 * and the matchers that test words against bit sets (the lexicon, the proximity rules): with two
 * matchers reading every word of every message, computing it once per token saved them both.
 */

/**
 * A 32-bit fingerprint of a token key from its length and its first two and last two letters: four
 * reads, however long the word, and finer than its shape ("com" and "cum", "this" and "thus" differ).
 */
export function fingerprint(key: string): number {
  const n = key.length;
  return mix(n, key.charCodeAt(0), key.charCodeAt(n > 1 ? 1 : 0), key.charCodeAt(n > 2 ? n - 2 : 0), key.charCodeAt(n - 1));
}

/**
 * fingerprint(s.slice(from, to)) without the slice (to > from). The tokeniser cuts its keys from one
 * folded string: reading that string keeps this call site's string shapes few, where fingerprint()
 * sees every kind of string a build makes and reads each through the megamorphic property cache.
 */
export function fingerprintIn(s: string, from: number, to: number): number {
  const n = to - from;
  return mix(n, s.charCodeAt(from), s.charCodeAt(n > 1 ? from + 1 : from), s.charCodeAt(n > 2 ? to - 2 : from), s.charCodeAt(to - 1));
}

/** fingerprint(a + b) without building the string (both non-empty). */
export function fingerprintOf2(a: string, b: string): number {
  const na = a.length, nb = b.length, n = na + nb;
  const second = na > 1 ? a.charCodeAt(1) : b.charCodeAt(0);
  const beforeLast = n <= 2 ? a.charCodeAt(0) : nb > 1 ? b.charCodeAt(nb - 2) : a.charCodeAt(na - 1);
  return mix(n, a.charCodeAt(0), second, beforeLast, b.charCodeAt(nb - 1));
}

/**
 * The 32 bits as a signed integer, not `>>> 0`: every reader only masks or multiplies them (the
 * same bits either way), and a signed 32-bit value is a small integer to V8, where half of the
 * unsigned ones are heap numbers: a box allocated for every word token and read through on every test.
 */
function mix(n: number, c0: number, c1: number, c2: number, c3: number): number {
  let h = Math.imul(n ^ 0x811c9dc5, 0x01000193);
  h = Math.imul(h ^ c0, 0x01000193);
  h = Math.imul(h ^ c1, 0x01000193);
  h = Math.imul(h ^ c2, 0x01000193);
  h = Math.imul(h ^ c3, 0x01000193);
  return h ^ (h >>> 16);
}
