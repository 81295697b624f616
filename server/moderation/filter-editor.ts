import type { Author, FilterPolicy, FilterSettings, LexiconTerm } from "../../client-sdk/src/protocol.ts";
import type { OnHit } from "../filters/policy.ts";
import { linkDomainProblem } from "../config/link-domain.ts";
import { CausetteError } from "../errors.ts";
import type { FilterEditsPatch } from "../store/filter-edits/filter-edit-store.ts";
import { mergeLists, mergeSettings, type TenantRuntime } from "../tenants/tenant-runtime.ts";
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
    p: { add?: LexiconTerm[]; remove?: string[]; allow?: string[]; disallow?: string[] },
  ): Promise<{ terms: number }> {
    // A plain term is a competitor (SPEC §12); `{ term, category, severity }` names another category.
    const tagged = (p.add ?? []).map((t) => (typeof t === "string" ? { term: t } : t));
    const add = tagged.map((t) => t.term), remove = p.remove ?? [], allow = p.allow ?? [], disallow = p.disallow ?? [];
    assertDisjoint("add", add, "remove", remove);
    assertDisjoint("allow", allow, "disallow", disallow);
    if (!add.length && !remove.length && !allow.length && !disallow.length) throw new CausetteError("invalid_payload", "Nothing to change.");
    // A term's category is replaced whole: its old entries go, its new one (if any) comes.
    const touched = new Set([...add, ...remove]);
    const { termTags } = await this.deps.stores.filterEdits.getFilterEdits(tenant.id);
    const stale = termTags.filter((e) => touched.has(e.slice(0, e.indexOf("\t"))));
    const fresh = tagged.filter((t) => t.category !== undefined).map((t) => `${t.term}\t${t.category}\t${t.severity ?? 2}`);
    // Each pair of sets is kept consistent: adding a term also un-removes it, and so on.
    const patch: FilterEditsPatch = {
      added: { add, remove },
      removed: { add: remove, remove: add },
      allow: { add: allow, remove: disallow },
      disallowed: { add: disallow, remove: allow },
      termTags: { add: fresh, remove: stale.filter((e) => !fresh.includes(e)) },
    };
    const categories = Object.fromEntries(tagged.filter((t) => t.category).map((t) => [t.term, { category: t.category, severity: t.severity ?? 2 }]));
    await this.apply(tenant, actor, patch, "lexicon.updated", { add, remove, allow, disallow, ...(fresh.length ? { categories } : {}) });
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

  /**
   * SPEC §12 `filters:update`: onHit and the per-category policy (replaced whole: a category left
   * out follows onHit), stored, announced and in force on every node like a list edit. Extension:
   * `model` switches the category model on or off (every node recompiles, as for a list edit);
   * the answer says `model` only when it was asked to change, so SPEC's answer stays as it is.
   */
  async updateSettings(tenant: TenantRuntime, actor: Author, p: { onHit?: OnHit; policy?: FilterPolicy; model?: boolean }): Promise<{ onHit: OnHit; policy: FilterPolicy; model?: boolean }> {
    if (p.onHit === undefined && p.policy === undefined && p.model === undefined) throw new CausetteError("invalid_payload", "Nothing to change.");
    const { settings } = await this.deps.stores.filterEdits.getFilterEdits(tenant.id);
    const add: string[] = [], remove: string[] = [];
    if (p.onHit !== undefined) { add.push(`onHit=${p.onHit}`); remove.push(...settings.filter((e) => e.startsWith("onHit="))); }
    if (p.policy !== undefined) { add.push(`policy=${JSON.stringify(p.policy)}`); remove.push(...settings.filter((e) => e.startsWith("policy="))); }
    if (p.model !== undefined) { add.push(`model=${p.model}`); remove.push(...settings.filter((e) => e.startsWith("model="))); }
    await this.apply(tenant, actor, { settings: { add, remove: remove.filter((e) => !add.includes(e)) } }, "filters.updated", { ...p });
    const now = tenant.filterSettings();
    return { onHit: now.onHit, policy: now.policy, ...(p.model !== undefined ? { model: tenant.modelOn() } : {}) };
  }

  /** The lists and settings in force: config plus managers' edits (the built-in word lists are not listed). */
  async get(tenant: TenantRuntime): Promise<FilterSettings> {
    const edits = await this.deps.stores.filterEdits.getFilterEdits(tenant.id);
    const lists = mergeLists(tenant.config, edits);
    const { onHit, policy } = mergeSettings(tenant.config, edits);
    const terms = [...lists.terms].sort(), allow = [...lists.allow].sort();
    // Keyed by terms (user input): built as own entries, so "__proto__" is a key like any other.
    const categories: FilterSettings["lexicon"]["categories"] = Object.fromEntries(
      terms.map((t) => [t, (lists.tags && Object.hasOwn(lists.tags, t) ? lists.tags[t] : undefined) ?? { category: "competitor" as const, severity: 2 as const }]));
    return {
      terms,
      allow,
      links: { mode: lists.links.mode, allow: [...lists.links.allow].sort(), block: [...lists.links.block].sort() },
      onHit,
      lexicon: { languages: [...lists.languages], terms, allow, categories },
      policy,
      model: lists.model !== false,
    };
  }

  private async apply(tenant: TenantRuntime, actor: Author, patch: FilterEditsPatch, action: string, target: Record<string, unknown>): Promise<void> {
    const { stores, audit, metrics } = this.deps;
    const edits = await stores.filterEdits.updateFilterEdits(tenant.id, patch);
    await stores.bus.publish({ type: "filters:changed", tenant: tenant.id, version: edits.version });
    await tenant.refreshFiltersTo(edits.version, MAX_REFRESH_ROUNDS);
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
