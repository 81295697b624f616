import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { EMPTY_FILTER_EDITS, type FilterEdits, type FilterEditStore, type FilterEditsPatch } from "./filter-edit-store.ts";

/** The embedded filter edits: each tenant's lists, replaced whole on every change (so a change is one step). */
export class MemoryFilterEditStore implements FilterEditStore {
  private readonly edits = new PerTenant(() => ({ current: copy(EMPTY_FILTER_EDITS) as FilterEdits }));

  async getFilterEdits(tenant: string) { return copy(this.edits.of(tenant).current); }

  async updateFilterEdits(tenant: string, patch: FilterEditsPatch) {
    const held = this.edits.of(tenant);
    const next = copy(held.current);
    for (const [field, change] of Object.entries(patch) as [keyof FilterEditsPatch, { add?: string[]; remove?: string[] }][]) {
      if (!change) continue;
      const set = new Set(next[field]);
      for (const v of change.add ?? []) set.add(v);
      for (const v of change.remove ?? []) set.delete(v);
      next[field] = [...set];
    }
    next.version += 1;
    held.current = next;
    return copy(next);
  }
}
