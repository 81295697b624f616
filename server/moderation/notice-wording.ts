import type { Notice, NoticeKind } from "../../client-sdk/src/protocol.ts";
import type { ExplanationTemplates } from "../contracts/notice-templates.ts";
import type { DsaCategory } from "./dsa-category.ts";

/** The languages a notice is written in (SPEC §9.1: the user's when known); English otherwise. */
export type NoticeLanguage = "en" | "fr";

/** What a notice's sentence is made of: never the matched term, only the kind of rule it broke. */
export interface NoticeFacts {
  kind: NoticeKind;
  source: Notice["source"];
  category: DsaCategory;
  until?: number;
  /** A manager's stated reason, quoted as given. */
  reason?: string;
  termsUrl?: string;
  room?: string;
}

type Words = {
  what: (f: NoticeFacts, rule: string, when: string | undefined) => string;
  /** The rule each category stands for, in a few words (every category has one). */
  rule: Record<DsaCategory, string>;
  reason: (r: string) => string;
  terms: (url: string) => string;
};

const EN: Words = {
  what(f, rule, when) {
    switch (f.kind) {
      case "message_rejected": return `Your message was not published: an automatic filter found content against the community rules (${rule}).`;
      case "message_hidden": return `Your message was hidden after it was reported as against the community rules (${rule}); a community manager will review it.`;
      case "message_removed": return f.source === "report"
        ? `A community manager removed your message after it was reported as illegal content (${rule}).`
        : `A community manager removed your message because it breaks the community rules (${rule}).`;
      case "muted": return `A community manager muted you: you cannot post until ${when} (${rule}).`;
      case "banned": return when
        ? `A community manager banned you from the chat until ${when} (${rule}).`
        : `A community manager banned you from the chat permanently (${rule}).`;
    }
  },
  rule: {
    illegal_or_harmful_speech: "insulting, hateful or offensive speech",
    scams_and_fraud: "scams or fraud",
    protection_of_minors: "content that puts minors at risk",
    pornography_or_sexualized_content: "sexual content",
    violence: "threats or violence",
    self_harm: "content about self-harm",
    intellectual_property_infringements: "infringing someone's intellectual property",
    data_protection_and_privacy_violations: "disclosing someone's personal data",
    non_consensual_behaviour: "sharing content about someone without their consent",
    unsafe_and_illegal_products: "promoting unsafe or illegal products",
    risk_for_public_security: "content that threatens public security",
    negative_effects_on_civic_discourse_or_elections: "misleading content about civic debate or elections",
    animal_welfare: "content harmful to animals",
    scope_of_platform_service: "content outside what this chat is for, such as advertising, contact details or links",
  },
  reason: (r) => ` Reason given: ${r}.`,
  terms: (url) => ` The rules: ${url}`,
};

const FR: Words = {
  what(f, rule, when) {
    switch (f.kind) {
      case "message_rejected": return `Votre message n'a pas été publié : un filtre automatique y a trouvé un contenu contraire aux règles de la communauté (${rule}).`;
      case "message_hidden": return `Votre message a été masqué après avoir été signalé comme contraire aux règles de la communauté (${rule}) ; un responsable de la communauté va l'examiner.`;
      case "message_removed": return f.source === "report"
        ? `Un responsable de la communauté a supprimé votre message après un signalement de contenu illicite (${rule}).`
        : `Un responsable de la communauté a supprimé votre message, contraire aux règles de la communauté (${rule}).`;
      case "muted": return `Un responsable de la communauté vous a rendu muet : vous ne pouvez plus écrire jusqu'au ${when} (${rule}).`;
      case "banned": return when
        ? `Un responsable de la communauté vous a exclu du chat jusqu'au ${when} (${rule}).`
        : `Un responsable de la communauté vous a exclu du chat définitivement (${rule}).`;
    }
  },
  rule: {
    illegal_or_harmful_speech: "propos injurieux, haineux ou offensants",
    scams_and_fraud: "arnaque ou fraude",
    protection_of_minors: "contenu mettant des mineurs en danger",
    pornography_or_sexualized_content: "contenu sexuel",
    violence: "menaces ou violence",
    self_harm: "contenu sur l'automutilation",
    intellectual_property_infringements: "atteinte à la propriété intellectuelle d'autrui",
    data_protection_and_privacy_violations: "divulgation de données personnelles d'autrui",
    non_consensual_behaviour: "contenu sur une personne diffusé sans son consentement",
    unsafe_and_illegal_products: "promotion de produits dangereux ou illégaux",
    risk_for_public_security: "contenu menaçant la sécurité publique",
    negative_effects_on_civic_discourse_or_elections: "contenu trompeur sur le débat public ou les élections",
    animal_welfare: "contenu nuisible aux animaux",
    scope_of_platform_service: "contenu étranger à l'objet de ce chat, comme de la publicité, des coordonnées ou des liens",
  },
  reason: (r) => ` Motif indiqué : ${r}.`,
  terms: (url) => ` Les règles : ${url}`,
};

const WORDS: Record<NoticeLanguage, Words> = { en: EN, fr: FR };

/** The built-in words for a category's rule, as notices name it ("insulting, hateful or offensive speech"; every category has them, in both languages). */
export function ruleWording(category: DsaCategory, lang: NoticeLanguage): string {
  return WORDS[lang].rule[category] ?? WORDS[lang].rule.scope_of_platform_service;
}

/**
 * A restriction's facts in one plain paragraph, in `lang`. Dates are given in UTC, to the minute.
 * A tenant's template (`moderation.explanations`) for the notice's kind, else for its category,
 * replaces the built-in sentence; its placeholders are filled from the facts ("" when a fact is
 * absent: a permanent ban has no {until}).
 */
export function explain(f: NoticeFacts, lang: NoticeLanguage, templates?: ExplanationTemplates): string {
  const w = WORDS[lang];
  const rule = ruleWording(f.category, lang);
  const when = f.until === undefined ? undefined : formatDate(f.until, lang);
  const own = templates?.[lang]?.[f.kind] ?? templates?.[lang]?.[f.category];
  if (own !== undefined) {
    const values: Record<string, string> = { room: f.room ?? "", until: when ?? "", terms: f.termsUrl ?? "", reason: f.reason ?? "", rule };
    return own.replace(/\{(room|until|terms|reason|rule)\}/g, (_, name: string) => values[name]!).trim();
  }
  let text = w.what(f, rule, when);
  if (f.reason) text += w.reason(f.reason);
  if (f.termsUrl) text += w.terms(f.termsUrl);
  return text;
}

function formatDate(at: number, lang: NoticeLanguage): string {
  const iso = new Date(at).toISOString();
  const [day, time] = [iso.slice(0, 10), iso.slice(11, 16)];
  return lang === "fr" ? `${day.split("-").reverse().join("/")} à ${time} UTC` : `${day} ${time} UTC`;
}

/** The language an `Accept-Language` header prefers among those notices are written in, if any. */
export function noticeLanguage(acceptLanguage: string | undefined): NoticeLanguage | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage.slice(0, 256).split(",").map((part, i) => {
    const [tag = "", ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
  }).filter((r) => Number.isFinite(r.q) && r.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((r) => r.lang === "en" || r.lang === "fr");
  return hit?.lang as NoticeLanguage | undefined;
}
