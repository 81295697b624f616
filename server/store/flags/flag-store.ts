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
}
