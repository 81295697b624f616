/**
 * FNV-1a, 32 bits: the hash the lexicon's split-word index and the glued-word reading grow one
 * letter at a time (a prefix's hash extends to the next letter's without reading the prefix again).
 */

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** `h` extended by one UTF-16 unit. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME) >>> 0;
}

/** `h` extended by the characters of `s`. */
export function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}
