import type { MaybePromise } from "../../maybe-promise.ts";

/**
 * SPEC §10.1: how many messages each user has posted in the tenant (only as far as the newcomer
 * hold needs to know), and who a manager trusted ("approve and trust"). Answers the message path
 * at once on the embedded store.
 */
export interface NewcomerStore {
  /**
   * Counts one post by the user and answers their posts so far, this one included, or
   * `Infinity` for a user a manager trusted (never a newcomer again).
   */
  countPost(tenant: string, userId: string): MaybePromise<number>;
  trust(tenant: string, userId: string): Promise<void>;
  isTrusted(tenant: string, userId: string): Promise<boolean>;
  /** SPEC §9.5 erasure: forgets the user's post count and trust (they are a newcomer again). */
  forgetUser(tenant: string, userId: string): Promise<void>;
}

/**
 * How long (and, on the embedded store, for how many users) a post count is remembered. A user
 * forgotten after a year of silence, or pushed out by 200,000 newer posters, is a newcomer again:
 * bounded memory costs at most `holdFirst` more held messages.
 */
export const NEWCOMER_MEMORY = { days: 365, users: 200_000 } as const;
