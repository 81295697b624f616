import type { Flag } from "../../../client-sdk/src/protocol.ts";
import type { StoredMessage } from "../messages/message-store.ts";

/**
 * Flags raised on messages (one per flagger per message, for the message's whole life), and how
 * many of them count towards hiding it. Flags go when their message is forgotten.
 */
export interface FlagStore {
  /**
   * Atomically adds a flag (one per flagger per message, for the message's whole life). `count`
   * is the number of flags that count towards hiding: the distinct flags added since the last
   * `resetFlagCount`. When the message is `visible` and either `hideNow` or `count` reaches
   * `reportsToHide`, its status becomes `hidden` in the same step, and `hiddenNow` says so.
   * Null when the message does not exist.
   */
  addFlag(
    tenant: string,
    messageId: string,
    flag: Flag,
    rule: { reportsToHide: number; hideNow: boolean },
  ): Promise<{ added: boolean; count: number; hiddenNow: boolean; message: StoredMessage } | null>;
  /** Every flag on the message, oldest first; with `sinceReset`, only those added since the last `resetFlagCount`. */
  getFlags(tenant: string, messageId: string, opts?: { sinceReset?: boolean }): Promise<Flag[]>;
  /**
   * Atomically stops the message's flags so far from counting towards hiding (a manager approved
   * it): they stay on record and their flaggers still cannot flag it again. Returns the flags that
   * counted until now, oldest first (empty when the message does not exist).
   */
  resetFlagCount(tenant: string, messageId: string): Promise<Flag[]>;
  /** SPEC §9.5 export: the flags the user raised on messages still kept. Flags are kept per message: a rare read scans them. */
  flagsBy(tenant: string, userId: string): Promise<{ messageId: string; flag: Flag }[]>;
  /**
   * SPEC §9.5 erasure: the user's flags stay on record (they count, and were scored), with the
   * flagger's name replaced by their id and their note dropped. Answers how many changed.
   */
  forgetFlagger(tenant: string, userId: string): Promise<number>;
}

/** A flag as erasure leaves it: who (by id) and why (the reason), not the flagger's name or words. */
export function anonymousFlag(f: Flag): Flag {
  const { note: _, ...rest } = f;
  return { ...rest, by: { ...f.by, name: f.by.id } };
}
