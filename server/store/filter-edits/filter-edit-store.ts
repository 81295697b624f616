/** The word and link lists managers edited, on top of the config's (per tenant). */
export interface FilterEditStore {
  getFilterEdits(tenant: string): Promise<FilterEdits>;
  /** Applies set additions/removals atomically and returns the new edits. */
  updateFilterEdits(tenant: string, patch: FilterEditsPatch): Promise<FilterEdits>;
}

export interface FilterEdits {
  /** Terms managers added (beyond config terms). */
  added: string[];
  /** Terms managers removed (from config terms or the built-in lists). */
  removed: string[];
  /** Exceptions managers added. */
  allow: string[];
  /** Exceptions managers lifted (from config allow). */
  disallowed: string[];
  linkAllow: string[];
  linkBlock: string[];
  linkUnallowed: string[];
  linkUnblocked: string[];
  /** Categories managers chose for their terms: "term\tcategory\tseverity" (SPEC §12). */
  termTags: string[];
  /** Managers' filter settings: "onHit=<action>", "policy=<JSON>" and "model=true|false"; the last of each kind wins. */
  settings: string[];
  /** Bumped on every change so nodes can tell a stale compile. */
  version: number;
}

export type FilterEditsPatch = Partial<Record<Exclude<keyof FilterEdits, "version">, { add?: string[]; remove?: string[] }>>;

export const EMPTY_FILTER_EDITS: Readonly<FilterEdits> = Object.freeze({
  added: [], removed: [], allow: [], disallowed: [], linkAllow: [], linkBlock: [], linkUnallowed: [], linkUnblocked: [], termTags: [], settings: [], version: 0,
});
