import type { Appeal, Author } from "../../../client-sdk/src/protocol.ts";
import { withoutExcerpt } from "../notices/notice-store.ts";

/** An appeal as erasure leaves it: the decision's record without the user's words (their text, the notice's excerpt). */
export function withoutWords(a: Appeal): Appeal {
  const out: Appeal = { ...a, text: "" };
  if (a.notice) out.notice = withoutExcerpt(a.notice);
  return out;
}

/** A manager's decision on an appeal. */
export interface AppealDecision { status: "upheld" | "reversed"; note: string; decidedAt: number; decidedBy: Author }

/**
 * Appeals (SPEC §9.2), per tenant. `addAppeal` and `decideAppeal` are atomic in both
 * implementations: of two appeals on one notice, or two managers deciding one appeal, one wins.
 */
export interface AppealStore {
  /** Keeps a new open appeal; false (nothing kept) when its notice has one already. */
  addAppeal(tenant: string, appeal: Appeal): Promise<boolean>;
  getAppeal(tenant: string, appealId: string): Promise<Appeal | null>;
  /** The appeals filed against these notices (at most one each), in no particular order. */
  appealsOfNotices(tenant: string, noticeIds: readonly string[]): Promise<Appeal[]>;
  /**
   * A page of appeals from `offset`: `open` ones oldest first (the queue to work through), `closed`
   * ones and all of them newest first.
   */
  listAppeals(tenant: string, opts: { status?: "open" | "closed"; limit: number; offset: number }): Promise<Appeal[]>;
  /** Decides an open appeal once: the appeal as it stands, `decided` false when it was decided already; null when there is no such appeal. */
  decideAppeal(tenant: string, appealId: string, d: AppealDecision): Promise<{ appeal: Appeal; decided: boolean } | null>;
  /** Every appeal the user filed, newest first (SPEC §9.5 export). */
  userAppeals(tenant: string, userId: string): Promise<Appeal[]>;
  /**
   * SPEC §9.5 erasure: the user's appeals stay as a record of the decisions (a sanction's appeal
   * is part of what the host keeps) with their text, the user's own words, emptied.
   */
  forgetUserTexts(tenant: string, userId: string): Promise<number>;
}
