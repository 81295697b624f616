import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { nextCursor, readPosition } from "./restriction-cursor.ts";
import { RESTRICTIONS_KEPT, RESTRICTIONS_KEPT_MS, type RestrictionRecord, type RestrictionStore } from "./restriction-store.ts";

/** The embedded ledger: each tenant's restrictions in one array kept in time order. */
export class MemoryRestrictionStore implements RestrictionStore {
  private readonly data = new PerTenant<RestrictionRecord[]>(() => []);

  constructor(private readonly now: () => number = Date.now) {}

  async addRestriction(tenant: string, r: RestrictionRecord) {
    const list = this.data.of(tenant);
    // Nearly always the newest: the search only walks back past records of a later millisecond.
    let i = list.length;
    while (i > 0 && list[i - 1]!.at > r.at) i--;
    list.splice(i, 0, copy(r));
    const oldest = this.now() - RESTRICTIONS_KEPT_MS;
    let drop = Math.max(0, list.length - RESTRICTIONS_KEPT);
    while (drop < list.length && list[drop]!.at < oldest) drop++;
    if (drop) list.splice(0, drop);
  }

  async listRestrictions(tenant: string, p: { from: number; to: number; limit: number; cursor?: string }) {
    const pos = readPosition(p.cursor, p.from);
    const list = this.data.of(tenant);
    let i = firstAtOrAfter(list, pos.at) + pos.seen;
    const page: RestrictionRecord[] = [];
    while (i < list.length && list[i]!.at < p.to && page.length < p.limit) page.push(copy(list[i++]!));
    const more = i < list.length && list[i]!.at < p.to;
    const cursor = nextCursor(pos, page, more);
    return cursor ? { records: page, cursor } : { records: page };
  }
}

function firstAtOrAfter(list: readonly RestrictionRecord[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
