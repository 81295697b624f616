import { z } from "zod";
import { FILTER_CATEGORIES, type FilterCategory, type FilterPolicy } from "../../client-sdk/src/protocol.ts";

/**
 * SPEC §12's per-tenant policy and tagged lexicon terms, as one schema each: the config file, the
 * `filters:update` and `lexicon:update` payloads and the REST bodies all accept exactly the same.
 */
export const filterCategory = z.enum(FILTER_CATEGORIES as [FilterCategory, ...FilterCategory[]]);
export const severity = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export const filterAction = z.enum(["allow", "hold", "shadow", "reject"]);

const actions = Object.fromEntries(FILTER_CATEGORIES.map((c) => [c, filterAction.optional()])) as Record<FilterCategory, z.ZodOptional<typeof filterAction>>;
const minimums = Object.fromEntries(FILTER_CATEGORIES.map((c) => [c, severity.optional()])) as Record<FilterCategory, z.ZodOptional<typeof severity>>;

/** `{ insult: "hold", hate: "reject", …, minSeverity: { profanity: 2 } }`; unknown keys are refused. */
export const filterPolicy: z.ZodType<FilterPolicy> = z.strictObject({ ...actions, minSeverity: z.strictObject(minimums).optional() });

/** A tenant term: a plain word or phrase (a `competitor`), or one with the category a manager chose. */
export const lexiconTerm = z.union([
  z.string().trim().toLowerCase().min(1).max(100),
  z.strictObject({ term: z.string().trim().toLowerCase().min(1).max(100), category: filterCategory.optional(), severity: severity.optional() }),
]);
