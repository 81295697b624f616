import type { RedisContext } from "../redis-context.ts";
import { FILTER_FIELDS, runScript } from "../redis-scripts.ts";
import type { FilterEdits, FilterEditStore, FilterEditsPatch } from "./filter-edit-store.ts";

/** The shared filter edits: `T fe` holds the version, one zset per list keeps insertion order; scripts apply a patch atomically. */
export class RedisFilterEditStore implements FilterEditStore {
  constructor(private readonly ctx: RedisContext) {}

  getFilterEdits(tenant: string) {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      return decodeFilterEdits(await runScript(this.ctx.client, "cstFilterGet", [`${T}fe`], [T]));
    });
  }

  updateFilterEdits(tenant: string, patch: FilterEditsPatch) {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      const args: string[] = [T];
      for (const [list, change] of Object.entries(patch) as [keyof FilterEditsPatch, { add?: string[]; remove?: string[] }][]) {
        if (!change || !(FILTER_FIELDS as readonly string[]).includes(list)) continue;
        for (const v of change.add ?? []) args.push(list, "+", v);
        for (const v of change.remove ?? []) args.push(list, "-", v);
      }
      return decodeFilterEdits(await runScript(this.ctx.client, "cstFilterUpdate", [`${T}fe`], args));
    });
  }
}

function decodeFilterEdits(reply: unknown): FilterEdits {
  const [version, ...lists] = reply as [string | number, ...string[][]];
  const out = { version: Number(version) } as FilterEdits;
  FILTER_FIELDS.forEach((f, i) => { out[f] = lists[i] ?? []; });
  return out;
}
