import type { Notice, NoticeKind } from "../../../client-sdk/src/protocol.ts";

/**
 * One restriction as the transparency figures and the statements of reasons need it (SPEC §9.4),
 * and nothing more: no user id, no name, no message id, no text. The notice it went with is named
 * by id only, which the statements never show in clear.
 */
export interface RestrictionRecord {
  noticeId: string;
  /** When the restriction was applied (the notice's time). */
  at: number;
  kind: NoticeKind;
  ground: Notice["ground"];
  category: string;
  source: Notice["source"];
  automated: Notice["automated"];
  /** When the restricted content was posted (a message's notice). */
  contentAt?: number;
  /** When a report of it was received, when a report led to the restriction. */
  reportedAt?: number;
  /** End of a timed restriction. */
  until?: number;
}

/**
 * How long the ledger keeps a restriction: two years, so a yearly transparency report (DSA Art. 15
 * and 24) can be compared with the year before; and at most this many per tenant, the oldest going.
 */
export const RESTRICTIONS_KEPT_MS = 731 * 24 * 3600_000;
export const RESTRICTIONS_KEPT = 1_000_000;

/**
 * The ledger of restrictions per tenant, in time order (SPEC §9.4): what the transparency report
 * counts and what the statements of reasons are written from. Kept apart from the users' notices,
 * which are per user, bounded per user and personal.
 */
export interface RestrictionStore {
  addRestriction(tenant: string, r: RestrictionRecord): Promise<void>;
  /**
   * The restrictions with `from <= at < to`, oldest first, `limit` at a time. `cursor` is opaque,
   * refused with `invalid_payload` unless this store issued it; absent in the answer on the last page.
   */
  listRestrictions(tenant: string, p: { from: number; to: number; limit: number; cursor?: string }): Promise<{ records: RestrictionRecord[]; cursor?: string }>;
}
