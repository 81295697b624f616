import { z } from "zod";

/**
 * A statement of reasons as the EU DSA Transparency Database takes it (DSA Art. 17 and 24(5)):
 * its own field names and value names, so an export can be sent to its API as it is.
 *
 * Source followed: the Database's API schema "v2", in force since 1 July 2025 (aligned with the
 * Transparency Reporting Implementing Regulation), as documented on
 * https://transparency.dsa.ec.europa.eu/page/api-documentation (API v2 page and its changelog)
 * and in the Commission's open-source repository digital-services-act/transparency-database
 * (resources/markdown/api-documentation-two.md, app/Models/Statement.php). v2 replaced some of the
 * 2023 categories that SPEC §9.4 names (pornography_or_sexualized_content,
 * non_consensual_behaviour, unsafe_and_illegal_products, scope_of_platform_service): see
 * `TDB_CATEGORY_OF` in moderation/statement-of-reasons.ts for how ours map onto v2's.
 *
 * Only the fields Causette can fill are here; the Database's monetary and content-identifier
 * fields never apply to a chat.
 */
export const DECISION_VISIBILITIES = [
  "DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_VISIBILITY_CONTENT_DISABLED", "DECISION_VISIBILITY_CONTENT_DEMOTED",
  "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED", "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
  "DECISION_VISIBILITY_CONTENT_LABELLED", "DECISION_VISIBILITY_OTHER",
] as const;
export const DECISION_PROVISIONS = [
  "DECISION_PROVISION_PARTIAL_SUSPENSION", "DECISION_PROVISION_TOTAL_SUSPENSION",
  "DECISION_PROVISION_PARTIAL_TERMINATION", "DECISION_PROVISION_TOTAL_TERMINATION",
] as const;
export const DECISION_ACCOUNTS = ["DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"] as const;
export const ACCOUNT_TYPES = ["ACCOUNT_TYPE_BUSINESS", "ACCOUNT_TYPE_PRIVATE"] as const;
export const DECISION_GROUNDS = ["DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT"] as const;
export const CONTENT_TYPES = [
  "CONTENT_TYPE_APP", "CONTENT_TYPE_AUDIO", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_PRODUCT", "CONTENT_TYPE_SYNTHETIC_MEDIA",
  "CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO", "CONTENT_TYPE_OTHER",
] as const;
export const STATEMENT_CATEGORIES = [
  "STATEMENT_CATEGORY_ANIMAL_WELFARE", "STATEMENT_CATEGORY_CONSUMER_INFORMATION", "STATEMENT_CATEGORY_CYBER_VIOLENCE",
  "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN", "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
  "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
  "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
  "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS", "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
  "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_SELF_HARM", "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
  "STATEMENT_CATEGORY_VIOLENCE",
] as const;
/** `category_specification` keywords of v2. */
export const KEYWORDS = [
  "KEYWORD_ANIMAL_HARM", "KEYWORD_ADULT_SEXUAL_MATERIAL", "KEYWORD_AGE_SPECIFIC_RESTRICTIONS", "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS",
  "KEYWORD_BIOMETRIC_DATA_BREACH", "KEYWORD_BULLYING_AGAINST_GIRLS", "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
  "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE", "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS", "KEYWORD_COORDINATED_HARM",
  "KEYWORD_COPYRIGHT_INFRINGEMENT", "KEYWORD_CYBER_BULLYING_INTIMIDATION", "KEYWORD_CYBER_HARASSMENT", "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN",
  "KEYWORD_CYBER_INCITEMENT", "KEYWORD_CYBER_STALKING", "KEYWORD_CYBER_STALKING_AGAINST_WOMEN", "KEYWORD_DATA_FALSIFICATION",
  "KEYWORD_DEFAMATION", "KEYWORD_DESIGN_INFRINGEMENT", "KEYWORD_DISCRIMINATION", "KEYWORD_MISINFORMATION_DISINFORMATION",
  "KEYWORD_FEMALE_GENDERED_DISINFORMATION", "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT", "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
  "KEYWORD_GOODS_SERVICES_NOT_PERMITTED", "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS", "KEYWORD_HATE_SPEECH", "KEYWORD_HIDDEN_ADVERTISEMENT",
  "KEYWORD_HUMAN_EXPLOITATION", "KEYWORD_HUMAN_TRAFFICKING", "KEYWORD_ILLEGAL_ORGANIZATIONS", "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING",
  "KEYWORD_INAUTHENTIC_ACCOUNTS", "KEYWORD_INAUTHENTIC_LISTINGS", "KEYWORD_INAUTHENTIC_USER_REVIEWS", "KEYWORD_INCITEMENT_AGAINST_WOMEN",
  "KEYWORD_INCITEMENT_VIOLENCE_HATRED", "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS", "KEYWORD_LANGUAGE_REQUIREMENTS",
  "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS", "KEYWORD_MISLEADING_INFO_GOODS_SERVICES", "KEYWORD_MISSING_PROCESSING_GROUND",
  "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING", "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
  "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN", "KEYWORD_NONCOMPLIANCE_PRICING", "KEYWORD_NUDITY", "KEYWORD_PATENT_INFRINGEMENT",
  "KEYWORD_PHISHING", "KEYWORD_PROHIBITED_PRODUCTS", "KEYWORD_PYRAMID_SCHEMES", "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
  "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE", "KEYWORD_RISK_PUBLIC_HEALTH", "KEYWORD_SELF_MUTILATION", "KEYWORD_STALKING", "KEYWORD_SUICIDE",
  "KEYWORD_TERRORIST_CONTENT", "KEYWORD_TRADE_SECRET_INFRINGEMENT", "KEYWORD_TRADEMARK_INFRINGEMENT", "KEYWORD_TRAFFICKING_WOMEN_GIRLS",
  "KEYWORD_UNLAWFUL_SALE_ANIMALS", "KEYWORD_UNSAFE_CHALLENGES", "KEYWORD_UNSAFE_PRODUCTS", "KEYWORD_VIOLATION_EU_LAW",
  "KEYWORD_VIOLATION_NATIONAL_LAW", "KEYWORD_OTHER",
] as const;
export const SOURCE_TYPES = ["SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_TYPE_OTHER_NOTIFICATION", "SOURCE_VOLUNTARY"] as const;
export const AUTOMATED_DECISIONS = ["AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED"] as const;
/** The territorial scope's allowed codes: the EU's 27, then Iceland, Liechtenstein and Norway (the EEA). */
export const EU_COUNTRIES = [
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT",
  "NL", "PL", "PT", "RO", "SE", "SI", "SK",
] as const;
export const EEA_COUNTRIES = [...EU_COUNTRIES, "IS", "LI", "NO"] as const;

const yesNo = z.enum(["Yes", "No"]);
/** `YYYY-MM-DD`, a real day, on or after `min`. */
const day = (min: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "must be a real day")
  .refine((d) => d >= min, `must be on or after ${min}`);
const text = (max: number) => z.string().min(1).max(max);

/** One statement; strict, so a field the Database does not know (a user id, a text...) is refused. */
export const statementOfReasons = z.strictObject({
  decision_visibility: z.array(z.enum(DECISION_VISIBILITIES)).min(1).optional(),
  decision_visibility_other: text(500).optional(),
  end_date_visibility_restriction: day("2020-01-01").optional(),
  decision_provision: z.enum(DECISION_PROVISIONS).optional(),
  end_date_service_restriction: day("2020-01-01").optional(),
  decision_account: z.enum(DECISION_ACCOUNTS).optional(),
  end_date_account_restriction: day("2020-01-01").optional(),
  account_type: z.enum(ACCOUNT_TYPES).optional(),
  decision_facts: text(5000),
  decision_ground: z.enum(DECISION_GROUNDS),
  decision_ground_reference_url: z.url().max(500).optional(),
  illegal_content_legal_ground: text(500).optional(),
  illegal_content_explanation: text(2000).optional(),
  incompatible_content_ground: text(500).optional(),
  incompatible_content_explanation: text(2000).optional(),
  incompatible_content_illegal: yesNo.optional(),
  content_type: z.array(z.enum(CONTENT_TYPES)).min(1),
  content_type_other: text(500).optional(),
  category: z.enum(STATEMENT_CATEGORIES),
  category_specification: z.array(z.enum(KEYWORDS)).min(1).optional(),
  territorial_scope: z.array(z.enum(EEA_COUNTRIES)).min(1),
  content_date: day("2000-01-01"),
  application_date: day("2020-01-01"),
  source_type: z.enum(SOURCE_TYPES),
  automated_detection: yesNo,
  automated_decision: z.enum(AUTOMATED_DECISIONS),
  puid: z.string().min(1).max(500).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only"),
}).superRefine((s, ctx) => {
  const need = (ok: boolean, path: string, message: string) => { if (!ok) ctx.addIssue({ code: "custom", path: [path], message }); };
  need(Boolean(s.decision_visibility || s.decision_provision || s.decision_account), "decision_visibility", "one decision (visibility, provision or account) is required");
  need(!s.decision_visibility?.includes("DECISION_VISIBILITY_OTHER") || Boolean(s.decision_visibility_other), "decision_visibility_other", "required with DECISION_VISIBILITY_OTHER");
  need(!s.content_type.includes("CONTENT_TYPE_OTHER") || Boolean(s.content_type_other), "content_type_other", "required with CONTENT_TYPE_OTHER");
  const illegal = s.decision_ground === "DECISION_GROUND_ILLEGAL_CONTENT";
  need(!illegal || Boolean(s.illegal_content_legal_ground && s.illegal_content_explanation), "illegal_content_legal_ground", "required on illegal content");
  need(illegal || Boolean(s.incompatible_content_ground && s.incompatible_content_explanation), "incompatible_content_ground", "required on content incompatible with the terms");
  for (const f of ["end_date_visibility_restriction", "end_date_service_restriction", "end_date_account_restriction"] as const) {
    need(s[f] === undefined || s[f] >= s.application_date, f, "must not be before application_date");
  }
});

export type StatementOfReasons = z.infer<typeof statementOfReasons>;
