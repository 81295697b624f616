import { randomFillSync } from "node:crypto";

const ID_RANDOM_BYTES = 6;
/**
 * Random bytes are drawn 512 ids at a time: one `randomBytes(6)` per id was a syscall and a buffer
 * per message sent (~10% of a message's pipeline time). Same source, same entropy per id, the way
 * `crypto.randomUUID()` batches its own.
 */
const pool = Buffer.alloc(ID_RANDOM_BYTES * 512);
let poolAt = pool.length;

/** Prefixes are short ASCII constants ("m_", "a_"…); the scratch buffer holds the longest. */
const MAX_PREFIX = 16;
const scratch = Buffer.alloc(MAX_PREFIX + 9 + 3 + 8);

/** Ids one process makes within one millisecond before it borrows the next one (36^3). */
const SEQ_LIMIT = 46_656;
let lastMs = 0;
let seq = 0;

/**
 * Time-ordered ids: base36 milliseconds, a per-millisecond counter, then random. They sort by
 * creation across nodes to the millisecond, and exactly within one process: at a few hundred
 * messages a second many share a millisecond, and with random alone their order was a coin toss
 * (the SDK keeps the newest id it showed as its `since`). A clock that steps back does not make
 * ids go back: the counter carries on from the last millisecond used.
 */
export function newId(prefix = ""): string {
  if (prefix.length > MAX_PREFIX) throw new RangeError(`id prefix longer than ${MAX_PREFIX} characters`);
  if (poolAt + ID_RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const random = pool.toString("base64url", poolAt, poolAt + ID_RANDOM_BYTES);
  poolAt += ID_RANDOM_BYTES;
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else if (++seq === SEQ_LIMIT) {
    lastMs++;
    seq = 0;
  }
  // Written out and read back as one flat string. Joined with `+` or a template, an id was a tree
  // of four to six string objects (V8 joins strings lazily); every message keeps its id for its
  // room's whole timeline, and the young-generation GC copies each of those objects once or twice.
  let n = scratch.write(prefix, 0, "latin1");
  n += scratch.write(lastMs.toString(36).padStart(9, "0"), n, "latin1");
  n += scratch.write(seq.toString(36).padStart(3, "0"), n, "latin1");
  n += scratch.write(random, n, "latin1");
  return scratch.toString("latin1", 0, n);
}
