import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { IpBlock } from "../../client-sdk/src/protocol.ts";
import { compileCidrMatcher } from "../auth/cidr.ts";
import { createTokenVerifier, type TokenVerifier } from "../auth/jwt.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { CompiledFilters, FilterLists, SpamDetector, Tag } from "../filters/types.ts";
import { FILTER_CATEGORIES, type FilterCategory, type FilterPolicy, type Severity } from "../../client-sdk/src/protocol.ts";
import { EMPTY_FILTER_EDITS, type FilterEdits } from "../store/filter-edits/filter-edit-store.ts";
import type { FilterSettingsInForce, OnHit } from "../filters/policy.ts";
import { spamWindowFor } from "../store/limits/limit-store.ts";
import type { Stores } from "../store/stores.ts";
import { createSpamDetector } from "../filters/spam.ts";
import { createTenantLimits, type TenantLimits } from "./tenant-limits.ts";
import { whenReady, type MaybePromise } from "../maybe-promise.ts";
import { ReadCache } from "../read-cache.ts";
import { NO_SANCTIONS, userSanctions, type UserSanctions } from "../store/sanctions/sanction-store.ts";

/** How long a node trusts its cached IP block list before re-reading it (timed blocks, missed events). */
const IP_BLOCK_CACHE_MS = 2000;

/**
 * How long a node trusts a poster's cached ban and mute. Every ban, mute and their lifting drops
 * the tenant's entries at once on every node (`sanctions:changed`); this bounds a missed event.
 */
const USER_SANCTIONS_CACHE_MS = 1000;

export type FilterCompiler = (lists: FilterLists) => Promise<CompiledFilters>;

/** The store ports a tenant's runtime reads: its limiters and spam windows, IP blocks, filter edits. */
export type TenantStores = Pick<Stores, "limits" | "sanctions" | "filterEdits">;

/**
 * One tenant's compiled, per-node state: token verifier, room pattern, limiters, spam detector
 * and the current compiled filters (swapped whole on every lexicon or link change).
 */
export class TenantRuntime {
  readonly id: string;
  readonly roomPattern: RegExp;
  readonly verifyToken: TokenVerifier;
  /** Message buckets per user and, for guests, per network; limits on guest ids and flags (cluster-wide on Redis). */
  readonly limits: TenantLimits;
  readonly spam: SpamDetector;
  private compiled: CompiledFilters | undefined;
  private settings: FilterSettingsInForce;
  private modelInForce: boolean;
  private compiledVersion = -1;
  private rebuilding: Promise<void> | undefined;
  private readonly slowLimiters = new Map<number, RateLimiterAbstract>();
  /** The tenant's IP block list, compiled; one entry, keyed by the tenant id. */
  private readonly ipBlocks = new ReadCache<string, IpMatcher>(IP_BLOCK_CACHE_MS, 1);
  /** Posters' bans and mutes, by user id: on a shared store, one round trip less per message. */
  private readonly sanctions = new ReadCache<string, UserSanctions>(USER_SANCTIONS_CACHE_MS);

  constructor(readonly config: TenantConfig, private readonly stores: TenantStores, private readonly compile: FilterCompiler) {
    this.id = config.id;
    this.roomPattern = new RegExp(config.rooms.pattern);
    this.verifyToken = createTokenVerifier(config.auth);
    this.limits = createTenantLimits(config, stores.limits);
    this.spam = createSpamDetector(config.filters.spam, spamWindowFor(stores.limits, this.id));
    this.settings = mergeSettings(config, EMPTY_FILTER_EDITS);
    this.modelInForce = config.filters.lexicon.model;
  }

  /** Whether the compiled filters in force judge with the category model (config, or a manager's switch). */
  modelOn(): boolean {
    return this.modelInForce;
  }

  /** onHit and the per-category policy in force (SPEC §12): config plus managers' edits, swapped with the filters. */
  filterSettings(): FilterSettingsInForce {
    return this.settings;
  }

  /** The compiled filters in force. `ready()` must have resolved once before the first message. */
  filters(): CompiledFilters {
    if (!this.compiled) throw new Error(`filters of tenant ${this.id} are not compiled yet`);
    return this.compiled;
  }

  /** Compiles the filters from config plus the managers' edits in the store; safe to call repeatedly. */
  async refreshFilters(): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    this.rebuilding = (async () => {
      try {
        const edits = await this.stores.filterEdits.getFilterEdits(this.id);
        if (edits.version === this.compiledVersion && this.compiled) return;
        const lists = mergeLists(this.config, edits);
        const next = await this.compile(lists);
        // Swapped whole: a message being checked keeps the object it started with.
        this.compiled = next;
        this.modelInForce = lists.model !== false;
        this.settings = mergeSettings(this.config, edits);
        this.compiledVersion = edits.version;
      } finally {
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  get filtersVersion(): number { return this.compiledVersion; }

  /**
   * Refreshes until the filters in force are at least `version` (an edit announced by another
   * node): a refresh already running when the announcement came may have read the edits before
   * it, and would otherwise leave the new version to the periodic refresh.
   */
  async refreshFiltersTo(version: number, maxRounds = 5): Promise<void> {
    for (let i = 0; i < maxRounds && this.compiledVersion < version; i++) await this.refreshFilters();
  }

  /** Slow mode uses one limiter per distinct interval a manager has chosen. */
  slowLimiter(sec: number): RateLimiterAbstract {
    let l = this.slowLimiters.get(sec);
    if (!l) {
      l = this.stores.limits.createRateLimiter({ keyPrefix: `slow:${this.id}:${sec}`, points: 1, durationSec: sec });
      this.slowLimiters.set(sec, l);
    }
    return l;
  }

  /**
   * The IP block covering `ip`, if any, from a short-lived cache of the tenant's block list:
   * answered at once from the cache, later when the list must be read again.
   */
  ipBlock(ip: string, now: number): MaybePromise<IpBlock | undefined> {
    const match = this.ipBlocks.fresh(this.id, now);
    if (match) return liveBlock(match(ip), now);
    const read = this.ipBlocks.get(this.id, now, () => whenReady(this.stores.sanctions.listIpBlocks(this.id, now), compileCidrMatcher));
    return whenReady(read, (m) => liveBlock(m(ip), now));
  }

  /** A user's ban and mute in force at `now`: cached per node (see USER_SANCTIONS_CACHE_MS). */
  sanctionsOf(userId: string, now: number): MaybePromise<UserSanctions> {
    const hit = this.sanctions.fresh(userId, now);
    if (hit !== undefined) return stillInForce(hit, now);
    return whenReady(this.sanctions.get(userId, now, () => this.stores.sanctions.getBanAndMute(this.id, userId, now)), (s) => stillInForce(s, now));
  }

  /** A ban, mute or IP block changed: the next message reads them afresh. */
  invalidateSanctions(): void {
    this.ipBlocks.invalidate();
    this.sanctions.invalidate();
  }
}

type IpMatcher = (ip: string) => IpBlock | undefined;

/** A cached ban or mute that ran out since it was read no longer counts. */
function stillInForce(s: UserSanctions, now: number): UserSanctions {
  if (s === NO_SANCTIONS) return s;
  const ban = s.ban && (s.ban.until === undefined || s.ban.until > now) ? s.ban : null;
  const mute = s.mute && s.mute.until > now ? s.mute : null;
  return ban === s.ban && mute === s.mute ? s : userSanctions(ban, mute);
}

const liveBlock = (hit: IpBlock | undefined, now: number) => (hit && (hit.until === undefined || hit.until > now) ? hit : undefined);

/** Config lists plus managers' edits: the one place that decides what a tenant's lists are. */
export function mergeLists(config: TenantConfig, edits: FilterEdits): FilterLists {
  const apply = (base: readonly string[], add: readonly string[], remove: readonly string[]) => {
    const set = new Set(base.map((s) => s.toLowerCase()));
    for (const a of add) set.add(a.toLowerCase());
    for (const r of remove) set.delete(r.toLowerCase());
    return [...set];
  };
  const f = config.filters;
  // Config terms may name their category; a manager's later choice (termTags) wins.
  // Keyed by terms (user input): no prototype, so a term "constructor" or "__proto__" is a term.
  const tags: Record<string, Tag> = Object.create(null);
  const plain = f.lexicon.terms.map((t) => {
    if (typeof t === "string") return t;
    if (t.category) tags[t.term.toLowerCase()] = { category: t.category, severity: t.severity ?? 2 };
    return t.term;
  });
  for (const entry of edits.termTags ?? []) {
    const [term, category, sev] = entry.split("\t");
    if (term && (FILTER_CATEGORIES as readonly string[]).includes(category)) tags[term] = { category: category as FilterCategory, severity: (Number(sev) || 2) as Severity };
  }
  const terms = apply(plain, edits.added, edits.removed);
  const termSet = new Set(terms);
  for (const k of Object.keys(tags)) if (!termSet.has(k)) delete tags[k];
  return {
    languages: f.lexicon.languages,
    model: managerSettings(edits).model ?? f.lexicon.model,
    terms,
    tags,
    allow: apply(f.lexicon.allow, edits.allow, edits.disallowed),
    removed: edits.removed.map((s) => s.toLowerCase()),
    links: {
      mode: f.links.mode,
      allow: apply(f.links.allow, edits.linkAllow, edits.linkUnallowed),
      block: apply(f.links.block, edits.linkBlock, edits.linkUnblocked),
    },
  };
}

/**
 * What managers set with `filters:update` (stored as "onHit=…", "policy=<JSON>", "model=true|false"),
 * read in one place: the last stored entry of each kind wins (two managers racing both leave an
 * entry; every node reads the same order, so they agree on the winner); a kind never set is absent.
 */
function managerSettings(edits: FilterEdits): { onHit?: OnHit; policy?: FilterPolicy; model?: boolean } {
  const out: { onHit?: OnHit; policy?: FilterPolicy; model?: boolean } = {};
  for (const entry of edits.settings ?? []) {
    const eq = entry.indexOf("=");
    const key = entry.slice(0, eq), value = entry.slice(eq + 1);
    if (key === "onHit" && (value === "hold" || value === "shadow" || value === "reject")) out.onHit = value;
    else if (key === "model" && (value === "true" || value === "false")) out.model = value === "true";
    else if (key === "policy") {
      try { out.policy = JSON.parse(value) as FilterPolicy; } catch { /* written by FilterEditor, always JSON */ }
    }
  }
  return out;
}

/** onHit and the policy in force: the config's, unless a manager set them (`filters:update`). */
export function mergeSettings(config: TenantConfig, edits: FilterEdits): FilterSettingsInForce {
  const set = managerSettings(edits);
  return Object.freeze({ onHit: set.onHit ?? config.filters.onHit, policy: set.policy ?? config.filters.policy });
}
