import { randomFillSync } from "node:crypto";

const ID_RANDOM_BYTES = 6;
/**
 * Random bytes are drawn 512 ids at a time: one `randomBytes(6)` per id was a syscall and a buffer
 * per message sent (~10% of a message's pipeline time). Same source, same entropy per id, the way
 * `crypto.randomUUID()` batches its own.
 */
const pool = Buffer.alloc(ID_RANDOM_BYTES * 512);
let poolAt = pool.length;

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
  return `${prefix}${lastMs.toString(36).padStart(9, "0")}${seq.toString(36).padStart(3, "0")}${random}`;
}
