import {
  EEA_COUNTRIES, type KEYWORDS, type STATEMENT_CATEGORIES, type StatementOfReasons,
} from "../contracts/transparency-database.ts";
import type { RestrictionRecord } from "../store/restrictions/restriction-store.ts";
import { DSA_CATEGORIES, OUT_OF_SCOPE, type DsaCategory } from "./dsa-category.ts";
import { explain, ruleWording } from "./notice-wording.ts";

type TdbCategory = (typeof STATEMENT_CATEGORIES)[number];
type Keyword = (typeof KEYWORDS)[number];

/**
 * SPEC §9.4's categories (the Database's 2023 list) onto the Database's API v2 list of July 2025,
 * which dropped four of them: sexual content and "outside the service's scope" became violations
 * of the provider's terms (the first with its keyword), non-consensual behaviour became cyber
 * violence, unsafe and illegal products became unsafe, non-compliant or prohibited products.
 */
export const TDB_CATEGORY_OF: Record<DsaCategory, { category: TdbCategory; keywords?: Keyword[] }> = {
  illegal_or_harmful_speech: { category: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH" },
  scams_and_fraud: { category: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD" },
  protection_of_minors: { category: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS" },
  pornography_or_sexualized_content: { category: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", keywords: ["KEYWORD_ADULT_SEXUAL_MATERIAL"] },
  violence: { category: "STATEMENT_CATEGORY_VIOLENCE" },
  self_harm: { category: "STATEMENT_CATEGORY_SELF_HARM" },
  intellectual_property_infringements: { category: "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS" },
  data_protection_and_privacy_violations: { category: "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS" },
  non_consensual_behaviour: { category: "STATEMENT_CATEGORY_CYBER_VIOLENCE" },
  unsafe_and_illegal_products: { category: "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS" },
  risk_for_public_security: { category: "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY" },
  negative_effects_on_civic_discourse_or_elections: { category: "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS" },
  animal_welfare: { category: "STATEMENT_CATEGORY_ANIMAL_WELFARE" },
  scope_of_platform_service: { category: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC" },
};

const SOURCE_TYPE: Record<RestrictionRecord["source"], StatementOfReasons["source_type"]> = {
  // A filter and a manager act on the brand's own initiative; members' flags are notices, but
  // not Article 16 ones (no statement of illegality, no identity): those are the reports.
  filter: "SOURCE_VOLUNTARY",
  manager: "SOURCE_VOLUNTARY",
  flags: "SOURCE_TYPE_OTHER_NOTIFICATION",
  report: "SOURCE_ARTICLE_16",
};

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * One restriction as a statement of reasons in the Database's fields. Nothing in it names or
 * points at a person: `puid` is an opaque per-tenant digest of the notice id (the caller's), and
 * `decision_facts` is the notice's sentence in English rebuilt from the kind, category and end
 * date alone, without the manager's own words (which may name someone) or the message.
 *
 * What each restriction is in the Database's terms: a removed message is a removal; a message
 * hidden pending review is disabled access; a message refused at posting is "other" (it was never
 * shown); a ban suspends (timed) or terminates (permanent) the chat account; a mute partially
 * suspends the service (the user still reads, cannot post). `automated_decision`: a decision by
 * no machine is not automated; a machine's on what a machine detected is fully automated; a
 * machine's on what people reported (a count of flags hides a message) is partially automated.
 */
export function statementOf(r: RestrictionRecord, opts: { puid: string; termsUrl?: string }): StatementOfReasons {
  const category: DsaCategory = (DSA_CATEGORIES as readonly string[]).includes(r.category) ? r.category as DsaCategory : OUT_OF_SCOPE;
  const tdb = TDB_CATEGORY_OF[category];
  const rule = ruleWording(category, "en");
  const s: StatementOfReasons = {
    ...decision(r),
    decision_facts: explain({ kind: r.kind, source: r.source, category, ...(r.until !== undefined ? { until: r.until } : {}) }, "en"),
    ...(r.ground === "illegal"
      ? {
        decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT" as const,
        illegal_content_legal_ground: "The law applicable where the content was made available (EU or Member State law)",
        illegal_content_explanation: `The content was found to be illegal: ${rule}.`,
      }
      : {
        decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT" as const,
        incompatible_content_ground: "The community rules of the chat, part of the brand's terms and conditions",
        incompatible_content_explanation: `The content breaks the community rules: ${rule}.`,
      }),
    ...(opts.termsUrl && URL.canParse(opts.termsUrl) ? { decision_ground_reference_url: opts.termsUrl } : {}),
    ...(r.kind === "banned" || r.kind === "muted"
      ? { content_type: ["CONTENT_TYPE_OTHER" as const], content_type_other: "Chat account" }
      : { content_type: ["CONTENT_TYPE_TEXT" as const] }),
    category: tdb.category,
    ...(tdb.keywords ? { category_specification: [...tdb.keywords] } : {}),
    territorial_scope: [...EEA_COUNTRIES],
    content_date: day(r.contentAt ?? r.at),
    application_date: day(r.at),
    source_type: SOURCE_TYPE[r.source],
    automated_detection: r.automated.detection ? "Yes" : "No",
    automated_decision: !r.automated.decision ? "AUTOMATED_DECISION_NOT_AUTOMATED"
      : r.automated.detection ? "AUTOMATED_DECISION_FULLY" : "AUTOMATED_DECISION_PARTIALLY",
    puid: opts.puid,
  };
  return s;
}

function decision(r: RestrictionRecord): Partial<StatementOfReasons> {
  const end = r.until === undefined ? undefined : day(r.until);
  switch (r.kind) {
    case "message_removed": return { decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"] };
    case "message_hidden": return { decision_visibility: ["DECISION_VISIBILITY_CONTENT_DISABLED"] };
    case "message_rejected": return {
      decision_visibility: ["DECISION_VISIBILITY_OTHER"],
      decision_visibility_other: "Publication refused: an automatic filter stopped the message before anyone saw it",
    };
    case "banned": return end
      ? { decision_account: "DECISION_ACCOUNT_SUSPENDED", end_date_account_restriction: end }
      : { decision_account: "DECISION_ACCOUNT_TERMINATED" };
    case "muted": return { decision_provision: "DECISION_PROVISION_PARTIAL_SUSPENSION", ...(end ? { end_date_service_restriction: end } : {}) };
  }
}
