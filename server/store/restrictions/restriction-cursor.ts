import { decodeCursor, encodeCursor, refuseCursor } from "../../opaque-cursor.ts";
import type { RestrictionRecord } from "./restriction-store.ts";

/**
 * Where a page of the ledger ends, for both halves: the last time read and how many records of
 * that very millisecond were read already (two restrictions can share one), so the next page
 * starts right after them without an offset from the start of the period.
 */
export interface LedgerPosition { at: number; seen: number }

const TAG = "rs1";

export function readPosition(cursor: string | undefined, from: number): LedgerPosition {
  if (cursor === undefined) return { at: from, seen: 0 };
  const v = decodeCursor(cursor);
  if (v.v !== TAG || !isCount(v.a) || !isCount(v.n) || v.a < from) refuseCursor();
  return { at: v.a, seen: v.n };
}

/** The cursor after `page` (read from `pos`), or undefined when it was the last. */
export function nextCursor(pos: LedgerPosition, page: readonly RestrictionRecord[], more: boolean): string | undefined {
  if (!more || page.length === 0) return undefined;
  const last = page[page.length - 1]!.at;
  let seen = page.filter((r) => r.at === last).length;
  if (last === pos.at) seen += pos.seen;
  return encodeCursor({ v: TAG, a: last, n: seen });
}

function isCount(x: unknown): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x >= 0;
}
