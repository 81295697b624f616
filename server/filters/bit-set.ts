/**
 * Bit sets over hashes: the lexicon, the proximity rules and the glued-word reading test a word's
 * fingerprint or hash against one before any map lookup, since most words of a message are in none.
 */

export function hasBit(bits: Uint32Array, i: number): boolean {
  return (bits[i >>> 5] & (1 << (i & 31))) !== 0;
}

export function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] |= 1 << (i & 31);
}

/** A bit set of at least 16 bits per entry, a power of two (so an index is a mask away). */
export function bloomBits(entries: number): Uint32Array {
  let bits = 4096;
  while (bits < entries * 16) bits *= 2;
  return new Uint32Array(bits / 32);
}
