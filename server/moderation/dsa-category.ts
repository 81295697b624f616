import type { FilterCategory, FlagReason, Reason } from "../../client-sdk/src/protocol.ts";

import { DSA_CATEGORIES, type DsaCategory } from "../contracts/notice-templates.ts";

/** The categories live with the config contract (tenants word notices per category); re-exported for the services. */
export { DSA_CATEGORIES, type DsaCategory };

/** What falls outside the brand's chat rather than against the law: the category when nothing more precise applies. */
export const OUT_OF_SCOPE: DsaCategory = "scope_of_platform_service";

const BY_FILTER_CATEGORY: Record<FilterCategory, DsaCategory> = {
  profanity: "illegal_or_harmful_speech",
  insult: "illegal_or_harmful_speech",
  hate: "illegal_or_harmful_speech",
  threat: "violence",
  selfHarm: "self_harm",
  sexual: "pornography_or_sexualized_content",
  contact: OUT_OF_SCOPE,
  link: OUT_OF_SCOPE,
  spam: OUT_OF_SCOPE,
  competitor: OUT_OF_SCOPE,
};

const BY_FLAG_REASON: Record<FlagReason, DsaCategory> = {
  abuse: "illegal_or_harmful_speech",
  spam: OUT_OF_SCOPE,
  off_topic: OUT_OF_SCOPE,
  competitor: OUT_OF_SCOPE,
  other: OUT_OF_SCOPE,
};

export function categoryOfFlag(reason: string): DsaCategory {
  return Object.hasOwn(BY_FLAG_REASON, reason) ? BY_FLAG_REASON[reason as FlagReason] : OUT_OF_SCOPE;
}

/** One reason's category: a filter hit by its SPEC §12 category (a word without one is harmful speech), a flag by its reason. */
function categoryOfReason(r: Reason): DsaCategory {
  if (r.category && Object.hasOwn(BY_FILTER_CATEGORY, r.category)) return BY_FILTER_CATEGORY[r.category];
  if (r.kind === "flag") return categoryOfFlag(r.detail);
  if (r.kind === "word") return "illegal_or_harmful_speech";
  return OUT_OF_SCOPE;
}

/**
 * The category a set of reasons (a filter's hits, a queue entry's reasons) stands for: the first
 * that names a harm, else "outside the service's scope" (links, spam, holds, a manager's own call).
 */
export function categoryOfReasons(reasons: readonly Reason[] | undefined): DsaCategory {
  for (const r of reasons ?? []) {
    const c = categoryOfReason(r);
    if (c !== OUT_OF_SCOPE) return c;
  }
  return OUT_OF_SCOPE;
}
