import { z } from "zod";
// SPEC §9.4's categories are part of the protocol (the widget offers them to reporters): one list.
import { DSA_CATEGORIES, type DsaCategory } from "../../client-sdk/src/protocol.ts";

/** SPEC §9.1 notice kinds (the protocol's NoticeKind), as keys a tenant may word. */
export const NOTICE_KINDS = ["message_removed", "message_hidden", "message_rejected", "banned", "muted"] as const;

/**
 * What a tenant's explanation template may quote: the room, the end of a timed restriction, the
 * terms' address, the manager's reason and the default wording of the broken rule.
 */
export const TEMPLATE_PLACEHOLDERS = ["room", "until", "terms", "reason", "rule"] as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The first `{name}` of a template that is not a known placeholder, if any. */
export function unknownPlaceholder(template: string): string | undefined {
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(m[1]!)) return m[0];
  }
  return undefined;
}

const template = z.string().trim().min(1).max(1000).superRefine((s, ctx) => {
  const bad = unknownPlaceholder(s);
  if (bad) ctx.addIssue({ code: "custom", message: `unknown placeholder ${bad}; use ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}` });
});

const keyed = z.strictObject(Object.fromEntries([...NOTICE_KINDS, ...DSA_CATEGORIES].map((k) => [k, template.optional()])) as
  Record<(typeof NOTICE_KINDS)[number] | DsaCategory, z.ZodOptional<typeof template>>);

/**
 * `moderation.explanations`: a tenant's own wording of notices, per language, keyed by notice kind
 * (`banned`) or DSA category (`violence`); a kind's template wins over a category's, and whatever
 * is left out keeps the built-in wording (moderation/notice-wording.ts).
 *
 * Example: `{ "fr": { "banned": "Vous êtes exclu jusqu'au {until}. Nos règles : {terms}" } }`.
 */
export const explanationTemplates = z.strictObject({ en: keyed.optional(), fr: keyed.optional() });
export type ExplanationTemplates = z.output<typeof explanationTemplates>;
