import type { EvasionLink } from "../../../client-sdk/src/protocol.ts";
import type { MaybePromise } from "../../maybe-promise.ts";

/** Something a connection leaves that another account may share: its client IP, or its browser's guest-token lineage. */
export interface Trace { via: "ip" | "guest"; value: string }

/**
 * SPEC §10.2, ban evasion: the traces banned users left (marked for the lookback window), the
 * browser lineages each user connected with, and the links made between accounts. Links are read
 * on the message path: at once on the embedded store.
 */
export interface EvasionStore {
  /** Remembers a browser lineage a user connected with (the last few per user). */
  rememberLineage(tenant: string, userId: string, lineage: string): Promise<void>;
  lineages(tenant: string, userId: string): Promise<string[]>;
  /** Marks a banned user's traces until `until` (a later ban of another user sharing one takes it over). */
  markBanned(tenant: string, bannedUserId: string, traces: readonly Trace[], until: number): Promise<void>;
  /** Drops every mark of a user (their ban was lifted). */
  unmarkBanned(tenant: string, bannedUserId: string): Promise<void>;
  /** The first of `traces` (in the order given) a banned user other than `except` left and whose mark still runs. */
  findMark(tenant: string, traces: readonly Trace[], except: string, now: number): Promise<{ userId: string; via: Trace["via"] } | null>;
  /**
   * Links `userId` (the evader) to `bannedUserId`, recorded on both accounts. False when a manager
   * cleared that pair before (it is not made again) or when it exists already.
   */
  link(tenant: string, userId: string, bannedUserId: string, via: Trace["via"], at: number): Promise<boolean>;
  /** The account's links, both sides. */
  links(tenant: string, userId: string): MaybePromise<EvasionLink[]>;
  /** Clears the link between two accounts, both sides, for good. False when there was none. */
  unlink(tenant: string, userId: string, otherId: string): Promise<boolean>;
  /**
   * SPEC §9.5 erasure: forgets the user's browser lineages and their links to other accounts (both
   * sides). The marks their own ban left stay while the ban's lookback runs: they are the ban.
   */
  forgetUser(tenant: string, userId: string): Promise<void>;
}

/** How many browser lineages a user keeps, and for how long a lineage is remembered (days). */
export const LINEAGES_KEPT = 5;
export const LINEAGE_DAYS = 400;

/** The key of a pair of accounts, the same whichever is named first (cleared links). */
export function linkPair(a: string, b: string): string { return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`; }
