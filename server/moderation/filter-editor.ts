import type { Author, FilterSettings } from "../../client-sdk/src/protocol.ts";
import { linkDomainProblem } from "../config/link-domain.ts";
import { CausetteError } from "../errors.ts";
import type { FilterEditsPatch } from "../store/filter-edits/filter-edit-store.ts";
import { mergeLists, type TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";

/** A rebuild already running when the edit landed may have read the old lists: try a few times. */
const MAX_REFRESH_ROUNDS = 5;

/**
 * Managers' edits to the word and link lists. An edit is stored, announced to every node, and in
 * force on this node before the ack, so the manager's next test message already meets it.
 */
export class FilterEditor {
  constructor(private readonly deps: ModerationDepsWith<"filterEdits" | "bus">) {}

  async updateLexicon(
    tenant: TenantRuntime,
    actor: Author,
    p: { add?: string[]; remove?: string[]; allow?: string[]; disallow?: string[] },
  ): Promise<{ terms: number }> {
    const add = p.add ?? [], remove = p.remove ?? [], allow = p.allow ?? [], disallow = p.disallow ?? [];
    assertDisjoint("add", add, "remove", remove);
    assertDisjoint("allow", allow, "disallow", disallow);
    if (!add.length && !remove.length && !allow.length && !disallow.length) throw new CausetteError("invalid_payload", "Nothing to change.");
    // Each pair of sets is kept consistent: adding a term also un-removes it, and so on.
    const patch: FilterEditsPatch = {
      added: { add, remove },
      removed: { add: remove, remove: add },
      allow: { add: allow, remove: disallow },
      disallowed: { add: disallow, remove: allow },
    };
    await this.apply(tenant, actor, patch, "lexicon.updated", { add, remove, allow, disallow });
    return { terms: tenant.filters().termCount };
  }

  async updateLinks(
    tenant: TenantRuntime,
    actor: Author,
    p: { allow?: string[]; block?: string[]; unallow?: string[]; unblock?: string[] },
  ): Promise<void> {
    const allow = p.allow ?? [], block = p.block ?? [], unallow = p.unallow ?? [], unblock = p.unblock ?? [];
    assertDisjoint("allow", allow, "unallow", unallow);
    assertDisjoint("block", block, "unblock", unblock);
    if (!allow.length && !block.length && !unallow.length && !unblock.length) throw new CausetteError("invalid_payload", "Nothing to change.");
    // The rule the config obeys at start; what is taken out (unallow, unblock) is never checked,
    // so an entry stored before a rule existed can always be removed.
    assertDomains("allow", allow);
    assertDomains("block", block);
    const patch: FilterEditsPatch = {
      linkAllow: { add: allow, remove: unallow },
      linkUnallowed: { add: unallow, remove: allow },
      linkBlock: { add: block, remove: unblock },
      linkUnblocked: { add: unblock, remove: block },
    };
    await this.apply(tenant, actor, patch, "links.updated", { allow, block, unallow, unblock });
  }

  /** The lists in force: config plus managers' edits (the built-in word lists are not listed). */
  async get(tenant: TenantRuntime): Promise<FilterSettings> {
    const lists = mergeLists(tenant.config, await this.deps.stores.filterEdits.getFilterEdits(tenant.id));
    return {
      terms: [...lists.terms].sort(),
      allow: [...lists.allow].sort(),
      links: { mode: lists.links.mode, allow: [...lists.links.allow].sort(), block: [...lists.links.block].sort() },
      onHit: tenant.config.filters.onHit,
    };
  }

  private async apply(tenant: TenantRuntime, actor: Author, patch: FilterEditsPatch, action: string, target: Record<string, unknown>): Promise<void> {
    const { stores, audit, metrics } = this.deps;
    const edits = await stores.filterEdits.updateFilterEdits(tenant.id, patch);
    await stores.bus.publish({ type: "filters:changed", tenant: tenant.id, version: edits.version });
    for (let i = 0; i < MAX_REFRESH_ROUNDS && tenant.filtersVersion < edits.version; i++) await tenant.refreshFilters();
    metrics.moderation.inc({ action: action.replace(".", "_") });
    await audit.record(tenant.id, actor, action, target);
  }
}

function assertDisjoint(aName: string, a: readonly string[], bName: string, b: readonly string[]): void {
  const set = new Set(a);
  const both = b.find((x) => set.has(x));
  if (both !== undefined) throw new CausetteError("invalid_payload", `"${both}" is in both ${aName} and ${bName}.`);
}

function assertDomains(list: "allow" | "block", entries: readonly string[]): void {
  for (const entry of entries) {
    const problem = linkDomainProblem(entry, list);
    if (problem) throw new CausetteError("invalid_payload", `${list}: ${problem}`);
  }
}
