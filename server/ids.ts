import { randomFillSync } from "node:crypto";

const ID_RANDOM_BYTES = 6;
/**
 * Random bytes are drawn 512 ids at a time: one `randomBytes(6)` per id was a syscall and a buffer
 * per message sent (~10% of a message's pipeline time). Same source, same entropy per id, the way
 * `crypto.randomUUID()` batches its own.
 */
const pool = Buffer.alloc(ID_RANDOM_BYTES * 512);
let poolAt = pool.length;

/** Time-ordered ids (base36 ms + random) so ids sort roughly by creation across nodes. */
export function newId(prefix = ""): string {
  if (poolAt + ID_RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const random = pool.toString("base64url", poolAt, poolAt + ID_RANDOM_BYTES);
  poolAt += ID_RANDOM_BYTES;
  return `${prefix}${Date.now().toString(36).padStart(9, "0")}${random}`;
}
