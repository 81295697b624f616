import { hash53 } from "../../filters/hash53.ts";
import { createLocTable } from "./loc-table.ts";
import { RefTable } from "./ref-table.ts";
import type { StoredMessage } from "./message-store.ts";

/**
 * The embedded store's kept messages, encoded in large off-heap buffers instead of living as
 * objects on the JS heap.
 *
 * Why: a room keeps its last few hundred messages (timelineKeep), so every message sent lives for
 * seconds to hours. As objects (the message, its id, text and client id strings, its idempotency
 * entry: some eight heap objects) each one was copied by two young-generation collections, then
 * marked by every old-generation one for as long as it was kept. Buffer contents are outside the
 * heap: the collector sees a few hundred buffers, whatever they hold. The indexes by id and by
 * idempotency key are typed-array tables that hold locations, not strings (loc-table.ts), so what
 * stays on the heap per message is its id string in its room's timeline and its author's list.
 * bench/history.ts measures both ways in one run: with 300,000 kept messages (1,000 rooms full),
 * 29 MB of heap and 130 MB of buffers instead of 398 MB of heap, a full GC about 17 times
 * shorter, a sixth of the young-GC time per message, appending 8 µs instead of 12–13 and no stall
 * (the Maps' table rebuilds stalled an append 181–187 ms); reading a message back 1.7 µs instead
 * of 0.8.
 *
 * Layout: records are appended to 64 KB chunks (a record larger than that gets a chunk of its
 * own). A record is a header (length, live flag, references to its author, device and IP in
 * shared tables, its idempotency key's hash and expiry, its id's hash), its id (UTF-16), then the
 * rest of the message as JSON (the id and the shared values as placeholders). A record is never
 * changed in place except for its live flag: a change appends the new version and kills the old
 * one. A chunk whose records are all dead is reused; one that falls below a quarter live (say, a
 * few messages of a quiet room among a busy room's, long gone) has its live records copied, as
 * bytes, into the newest chunk, so memory stays within about four times what is live, plus the
 * newest chunk and a few empty ones kept for reuse, whatever the rooms' rhythms.
 *
 * Every read decodes a fresh message (authors and devices copied too), so readers never share
 * stored state: the copy the embedded store's boundary promises. A writer's author and device
 * objects are kept as they are, shared (see MessageStore.appendMessage).
 *
 * @example
 *   const log = createMessageLog();
 *   log.put(message);
 *   log.get(message.id); // an equal, separate object
 */
export interface MessageLog {
  /** Stores `m` (replacing a message with its id), with the hash and expiry of its idempotency key if it has one. */
  put(m: StoredMessage, idemHash?: number, idemExpires?: number): void;
  /** A fresh copy of the message, or undefined. */
  get(id: string): StoredMessage | undefined;
  has(id: string): boolean;
  /**
   * Stores a changed copy of a kept message (from `get`), keeping its idempotency key's hash and
   * expiry; nothing if the message is no longer kept.
   */
  replace(m: StoredMessage): void;
  /** Forgets the message; returns its author's id (read in place, for the author's list), or undefined if it was not kept. */
  delete(id: string): string | undefined;
  /**
   * The kept message whose idempotency key has this hash and expires after `now`. A key names
   * the message last put with it: an older message with the same key is no longer found by it.
   */
  findIdempotent(idemHash: number, now: number): StoredMessage | undefined;
  /** Idempotency keys indexed, live or expired (one at most per kept message). */
  readonly idempotencyKeys: number;
  /** Messages kept. */
  readonly size: number;
  /** Bytes of buffers in use and of live records (for tests of the memory bound). */
  usage(): { bytes: number; live: number; shared: number };
}

const CHUNK = 64 * 1024;
/** A record's location is chunk × SPAN + offset (a chunk larger than SPAN holds one record, at 0). */
const SPAN = CHUNK;
/** A chunk with fewer live bytes than this, other than the newest, is emptied into the newest. */
const COMPACT_BELOW = CHUNK / 4;
/** Empty chunks kept for reuse. */
const POOL = 4;

// Header fields (byte offsets in a record).
const LEN = 0, LIVE = 4, AUTHOR = 8, DEVICE = 12, IP = 16, ID_LEN = 20, IDEM_HASH = 24, IDEM_EXPIRES = 32, ID_HASH = 40, HEADER = 44;

/** The 32 bits of an id's hash its record keeps (its place in the id index). */
const idHash = (id: string) => hash53(id) | 0;
/** A 53-bit idempotency key hash folded to the 32 bits the idempotency index files it under. */
const foldIdem = (h: number) => (h >>> 0) ^ Math.imul(Math.floor(h / 0x100000000), 0x9e3779b1);

export function createMessageLog(): MessageLog {
  const chunks: (Buffer | undefined)[] = [];
  /** Per chunk: bytes written, bytes of live records. */
  const used: number[] = [];
  const live: number[] = [];
  const freeSlots: number[] = [];
  const pool: Buffer[] = [];
  let current = -1;
  const chunkAt = (loc: number) => chunks[Math.floor(loc / SPAN)]!;
  /** Kept messages by id, and by idempotency key hash (see loc-table.ts for why not Maps). */
  const byId = createLocTable<string>((loc, id) => {
    const b = chunkAt(loc), at = loc % SPAN + HEADER;
    if (b.readUInt32LE(loc % SPAN + ID_LEN) !== 2 * id.length) return false;
    for (let i = 0; i < id.length; i++) if ((b[at + 2 * i]! | (b[at + 2 * i + 1]! << 8)) !== id.charCodeAt(i)) return false;
    return true;
  });
  const byIdem = createLocTable<number>((loc, h) => chunkAt(loc).readDoubleLE(loc % SPAN + IDEM_HASH) === h);
  const authors = new RefTable<object>();
  const devices = new RefTable<object>();
  const ips = new RefTable<string>();

  const takeChunk = (size: number) => {
    const c = freeSlots.pop() ?? chunks.length;
    chunks[c] = size <= CHUNK ? pool.pop() ?? Buffer.allocUnsafeSlow(CHUNK) : Buffer.allocUnsafeSlow(size);
    used[c] = 0;
    live[c] = 0;
    return c;
  };

  const dropChunk = (c: number) => {
    const b = chunks[c]!;
    if (b.length === CHUNK && pool.length < POOL) pool.push(b);
    chunks[c] = undefined;
    freeSlots.push(c);
  };

  /** Chunks sealed (no longer written to) and not yet settled. */
  const sealed: number[] = [];

  /**
   * The chunk the next `size` bytes go to: the newest if they fit, else a new one; a record larger
   * than a chunk gets one of its own, never the newest, so nothing else is ever written to it.
   * A sealed chunk is settled only after the write (settleSealed): settled first, its last
   * records could fill the new chunk before the record it was opened for.
   */
  const roomFor = (size: number): number => {
    if (size > CHUNK) return takeChunk(size);
    if (current < 0 || used[current]! + size > CHUNK) {
      if (current >= 0) sealed.push(current);
      current = takeChunk(CHUNK);
    }
    return current;
  };

  const settleSealed = () => {
    while (sealed.length) settle(sealed.pop()!);
  };

  /** A chunk no longer written to is reused once empty and emptied once mostly dead. */
  const settle = (c: number) => {
    if (c === current || !chunks[c]) return;
    if (live[c] === 0) dropChunk(c);
    else if (live[c]! < COMPACT_BELOW) evacuate(c);
  };

  /** Copies a chunk's live records into the newest chunk, as they are, then reuses it. */
  const evacuate = (c: number) => {
    const b = chunks[c]!;
    for (let off = 0; off < used[c]!;) {
      const len = b.readUInt32LE(off + LEN);
      if (b[off + LIVE] === 1) {
        const to = roomFor(len);
        const at = used[to]!;
        b.copy(chunks[to]!, at, off, off + len);
        used[to]! += len;
        live[to]! += len;
        const from = c * SPAN + off, moved = to * SPAN + at;
        byId.move(b.readInt32LE(off + ID_HASH), from, moved);
        const idem = b.readDoubleLE(off + IDEM_HASH);
        // Not there when a newer message took the key: then it is not this record's to move.
        if (!Number.isNaN(idem)) byIdem.move(foldIdem(idem), from, moved);
      }
      off += len;
    }
    dropChunk(c);
  };

  /** A 32-bit field of the record at `loc`, or `none` when there is no record. */
  const int32At = (loc: number, field: number, none: number) => loc < 0 ? none : chunkAt(loc).readInt32LE(loc % SPAN + field);
  const locOf = (id: string) => byId.find(idHash(id), id);

  /** Forgets the record at `loc`, with its index entries. */
  const remove = (loc: number) => {
    const c = Math.floor(loc / SPAN), off = loc % SPAN, b = chunks[c]!;
    byId.remove(b.readInt32LE(off + ID_HASH), loc);
    const idem = b.readDoubleLE(off + IDEM_HASH);
    if (!Number.isNaN(idem)) byIdem.remove(foldIdem(idem), loc);
    b[off + LIVE] = 0;
    authors.release(b.readInt32LE(off + AUTHOR));
    const device = b.readInt32LE(off + DEVICE), ip = b.readInt32LE(off + IP);
    if (device >= 0) devices.release(device);
    if (ip >= 0) ips.release(ip);
    live[c]! -= b.readUInt32LE(off + LEN);
    settle(c);
  };

  /**
   * Stores `m`. When it replaces a kept version whose shared author or device equals its own (a
   * reader's copy, from `get`), the shared one is kept, so a moderated message does not end up
   * with an author of its own.
   */
  const put = (m: StoredMessage, idemHash = NaN, idemExpires = NaN) => {
    const hash = idHash(m.id);
    write(m, hash, byId.find(hash, m.id), idemHash, idemExpires);
  };

  /** Writes `m`, whose id hashes to `hash`, as the new version of the record at `was` (-1: none). */
  const write = (m: StoredMessage, hash: number, was: number, idemHash: number, idemExpires: number) => {
    // Encoded before anything changes, so a message JSON cannot hold (a BigInt, a cycle) throws
    // with the log as it was. The id (in the header) and the shared values keep their places in
    // the JSON, and so the message its key order, but not their content.
    const shell: Record<string, unknown> = { ...m, id: 0, author: 0 };
    if (m.device !== undefined) shell.device = 0;
    if (m.ip !== undefined) shell.ip = 0;
    const json = JSON.stringify(shell);
    // The id as UTF-16: it comes back exactly, lone surrogates included, when a chunk is evacuated.
    const idLen = 2 * m.id.length;
    const len = HEADER + idLen + Buffer.byteLength(json);
    // Held before the old version (if any) lets go, so a shared value is never forgotten and re-added.
    const author = holdShared(authors, m.author, int32At(was, AUTHOR, -1));
    const device = m.device !== undefined ? holdShared(devices, m.device, int32At(was, DEVICE, -1)) : -1;
    const ip = m.ip !== undefined ? ips.hold(m.ip) : -1;
    if (was >= 0) remove(was);
    const c = roomFor(len);
    const b = chunks[c]!, off = used[c]!;
    b.writeUInt32LE(len, off + LEN);
    b[off + LIVE] = 1;
    b.writeInt32LE(author, off + AUTHOR);
    b.writeInt32LE(device, off + DEVICE);
    b.writeInt32LE(ip, off + IP);
    b.writeUInt32LE(idLen, off + ID_LEN);
    b.writeDoubleLE(idemHash, off + IDEM_HASH);
    b.writeDoubleLE(idemExpires, off + IDEM_EXPIRES);
    b.writeInt32LE(hash, off + ID_HASH);
    b.write(m.id, off + HEADER, idLen, "utf16le");
    b.write(json, off + HEADER + idLen, len - HEADER - idLen, "utf8");
    used[c]! += len;
    live[c]! += len;
    const loc = c * SPAN + off;
    byId.add(hash, loc);
    if (!Number.isNaN(idemHash)) {
      // The key names the newest message put with it, as a Map's set would.
      const folded = foldIdem(idemHash), prev = byIdem.find(folded, idemHash);
      if (prev >= 0) byIdem.move(folded, prev, loc);
      else byIdem.add(folded, loc);
    }
    settleSealed();
  };

  const holdShared = (table: RefTable<object>, value: object, storedRef: number) => {
    const stored = storedRef >= 0 ? table.get(storedRef) : undefined;
    return table.hold(stored !== undefined && shallowEqual(stored, value) ? stored : value);
  };

  const get = (id: string): StoredMessage | undefined => {
    const loc = locOf(id);
    return loc < 0 ? undefined : decode(loc);
  };

  const decode = (loc: number): StoredMessage => {
    const b = chunkAt(loc), off = loc % SPAN;
    const len = b.readUInt32LE(off + LEN), idLen = b.readUInt32LE(off + ID_LEN);
    const m = JSON.parse(b.toString("utf8", off + HEADER + idLen, off + len)) as StoredMessage;
    m.id = b.toString("utf16le", off + HEADER, off + HEADER + idLen);
    m.author = { ...(authors.get(b.readInt32LE(off + AUTHOR)) as StoredMessage["author"]) };
    const device = b.readInt32LE(off + DEVICE), ip = b.readInt32LE(off + IP);
    if (device >= 0) m.device = { ...(devices.get(device) as NonNullable<StoredMessage["device"]>) };
    if (ip >= 0) m.ip = ips.get(ip);
    return m;
  };

  return {
    put,
    get,
    has: (id) => locOf(id) >= 0,
    replace(m) {
      const hash = idHash(m.id), loc = byId.find(hash, m.id);
      if (loc < 0) return;
      const b = chunkAt(loc), off = loc % SPAN;
      write(m, hash, loc, b.readDoubleLE(off + IDEM_HASH), b.readDoubleLE(off + IDEM_EXPIRES));
    },
    delete(id) {
      const loc = locOf(id);
      if (loc < 0) return undefined;
      // Read before `remove` lets go of the shared author.
      const authorId = (authors.get(int32At(loc, AUTHOR, -1)) as StoredMessage["author"]).id;
      remove(loc);
      settleSealed();
      return authorId;
    },
    findIdempotent(h, now) {
      const loc = byIdem.find(foldIdem(h), h);
      return loc >= 0 && chunkAt(loc).readDoubleLE(loc % SPAN + IDEM_EXPIRES) > now ? decode(loc) : undefined;
    },
    get idempotencyKeys() { return byIdem.size; },
    get size() { return byId.size; },
    usage() {
      let bytes = 0, bytesLive = 0;
      chunks.forEach((b, c) => { if (b) { bytes += b.length; bytesLive += live[c]!; } });
      return { bytes, live: bytesLive, shared: authors.size + devices.size + ips.size };
    },
  };
}

/** Same own keys with the same values (authors and devices are flat records of strings and booleans). */
function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  return true;
}
