/**
 * The seam between the message pipeline and the filter engine (SPEC §6.1 stages 4–6).
 * The pipeline only sees these types; the engine's insides may change freely behind them.
 */
import type { FilterCategory, Severity } from "../../client-sdk/src/protocol.ts";
import type { MaybePromise } from "../maybe-promise.ts";
import type { NormalizedText } from "./normalize.ts";

/**
 * `hook`: the brand's moderation hook (SPEC §8.2) held or refused it; its hits carry no match.
 * `classifier`: the category model judged the whole message (an extension of SPEC §12).
 */
export type HitKind = "word" | "link" | "spam" | "hook" | "classifier";

/** SPEC §12: what a term, phrase or pattern is (its category) and how bad (1 mild … 4 severe). */
export interface Tag { readonly category: FilterCategory; readonly severity: Severity }

/** One reason a message was stopped, with the matched text as the author typed it. */
export type Hit = FilterHit | HookHit;

/** The brand's hook held or refused the message: it says what (its `detail`), the policy has no say. */
export interface HookHit { kind: "hook"; detail: string; match: ""; start: 0; end: 0 }

/** A filter stage's hit (spam, words, links). */
export interface FilterHit {
  kind: Exclude<HitKind, "hook">;
  /** Short machine-readable detail: the lexicon term ("connard"), the link's domain ("rivalbeauty.com"), or the spam kind ("repeat" | "raid" | "flood"). */
  detail: string;
  /** The matched slice of the ORIGINAL text (what the author typed, for managers). */
  match: string;
  /** [start, end) offsets of `match` in the original text (UTF-16 code units). */
  start: number;
  end: number;
  category: FilterCategory;
  severity: Severity;
}

/** What a tenant's lists look like once config and manager edits are merged. */
export interface FilterLists {
  languages: readonly ("en" | "fr")[];
  /** Extra terms (words or phrases) of the tenant, e.g. competitor brands. */
  terms: readonly string[];
  /** The category of some of `terms` (lower case), chosen by the manager; the others are `competitor`, severity 2. */
  tags?: Readonly<Record<string, Tag>>;
  /** Whether the category model (category-model.ts) judges what the lists let through; default true. */
  model?: boolean;
  /** Exceptions: words or phrases that never fire even when a list has them (a coded-hate sign is turned off by `removed`: codes.ts). */
  allow: readonly string[];
  /** Terms a manager removed from the built-in lists for this tenant. */
  removed?: readonly string[];
  links: { mode: "allowlist" | "blocklist"; allow: readonly string[]; block: readonly string[] };
}

/** A tenant's filters, compiled once; immutable, so a rebuild swaps the whole object atomically. */
export interface CompiledFilters {
  /** Number of terms in the compiled lexicon (built-in plus tenant terms, minus allow/removed). */
  readonly termCount: number;
  /** Words stage: whole-word lexicon hits. `norm` is `normalize(text)` when the caller has it already. */
  words(text: string, norm?: NormalizedText): FilterHit[];
  /** Links stage: links that the tenant's link mode does not allow. `norm` as for `words`. */
  links(text: string, norm?: NormalizedText): FilterHit[];
}

/** What a spam window answers for one key: records in the window, and distinct members among them. */
export interface SpamCount { count: number; distinct: number }

/** A sliding window shared by the nodes of a cluster (the store provides it). */
export interface SpamWindow {
  /**
   * Records `member` under `key` at `now` and answers, within the last `windowMs`:
   * how many records `key` has (`count`) and from how many distinct members (`distinct`).
   */
  record(key: string, member: string, windowMs: number, now: number): MaybePromise<SpamCount>;
  /** `record` under both keys, in one step (one round trip on a shared store); counts in the keys' order. */
  recordPair(keys: readonly [string, string], member: string, windowMs: number, now: number): MaybePromise<[SpamCount, SpamCount]>;
}

export interface SpamOptions { repeatsPerUser: number; raidUsers: number; windowSec: number }

/** One message, as the spam detector sees it. The tenant is not here: each tenant's window is its own. */
export interface SpamInput {
  room: string; userId: string; text: string; now: number;
  /** `normalize(text)` when the caller has it already (the pipeline shares one with the word and link stages). */
  norm?: NormalizedText;
}

export interface SpamDetector {
  /** Answers at once when the window does (the embedded store), else later. */
  check(input: SpamInput): MaybePromise<FilterHit | undefined>;
}
