import type { Author, Notice } from "../../../client-sdk/src/protocol.ts";

/** How many notices each user keeps (the oldest go first): a user who is restricted often stays bounded. */
export const NOTICES_KEPT = 100;

/**
 * A notice as kept: `by` is the person whose decision it tells of (a manager, or the moderator whose
 * flag hid the message), for the managers who decide its appeal. The user's copy never carries it.
 */
export interface KeptNotice extends Notice { by?: Author }

/**
 * Statements of reasons (SPEC §9.1), kept per user so a user who was away when a restriction
 * came reads it on their next connection. Bounded to NOTICES_KEPT per user.
 */
export interface NoticeStore {
  addNotice(tenant: string, userId: string, notice: KeptNotice): Promise<void>;
  /** The user's notices, newest first, at most `limit`. */
  listNotices(tenant: string, userId: string, limit: number): Promise<KeptNotice[]>;
  /** One of the user's kept notices; null when the user has no such notice (another user's included). */
  getNotice(tenant: string, userId: string, noticeId: string): Promise<KeptNotice | null>;
  /**
   * SPEC §9.5 erasure: drops the user's notices except those of the `keep` kinds (the sanctions
   * the host must keep), which stay without their excerpt of the user's words.
   */
  forgetUser(tenant: string, userId: string, keep: readonly Notice["kind"][]): Promise<void>;
}

/** A kept notice as erasure leaves it: the facts of the restriction, not the user's words. */
export function withoutExcerpt<N extends Notice>(n: N): N {
  const { excerpt: _, ...rest } = n;
  return rest as N;
}
