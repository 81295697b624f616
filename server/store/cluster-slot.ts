/**
 * The Redis Cluster slot of a key (CRC16/XMODEM of the key, or of its first non-empty `{…}` hash
 * tag, modulo 16384), as every Redis Cluster node computes it. Used to ask the client's slot map
 * which master holds a tenant's keys and how many replicas it has.
 *
 * Example: `clusterSlot("causette:t:{acme}:q") === clusterSlot("{acme}")`.
 */
export function clusterSlot(key: string): number {
  const bytes = Buffer.from(key);
  let start = 0;
  let end = bytes.length;
  const open = bytes.indexOf(0x7b); // {
  if (open >= 0) {
    const close = bytes.indexOf(0x7d, open + 1); // }
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xff00) ^ TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!;
  return crc & 0x3fff;
}

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let b = 0; b < 8; b++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();
