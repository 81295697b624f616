import type { Notice, NoticeKind } from "../../client-sdk/src/protocol.ts";
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
}

type Words = {
  what: (f: NoticeFacts, rule: string, when: string | undefined) => string;
  rule: Partial<Record<DsaCategory, string>> & { other: string };
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
    violence: "threats or violence",
    self_harm: "content about self-harm",
    pornography_or_sexualized_content: "sexual content",
    scope_of_platform_service: "content outside what this chat is for, such as advertising, contact details or links",
    scams_and_fraud: "a scam or fraud",
    protection_of_minors: "content harmful to minors",
    intellectual_property_infringements: "an infringement of intellectual property",
    data_protection_and_privacy_violations: "a breach of someone's privacy or personal data",
    non_consensual_behaviour: "content shared without consent",
    unsafe_and_illegal_products: "unsafe or illegal products",
    risk_for_public_security: "a risk to public security",
    negative_effects_on_civic_discourse_or_elections: "content harming public debate or elections",
    animal_welfare: "harm to animals",
    other: "content the rules do not allow",
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
    violence: "menaces ou violence",
    self_harm: "contenu sur l'automutilation",
    pornography_or_sexualized_content: "contenu sexuel",
    scope_of_platform_service: "contenu étranger à l'objet de ce chat, comme de la publicité, des coordonnées ou des liens",
    scams_and_fraud: "une arnaque ou une fraude",
    protection_of_minors: "un contenu nuisible aux mineurs",
    intellectual_property_infringements: "une atteinte à la propriété intellectuelle",
    data_protection_and_privacy_violations: "une atteinte à la vie privée ou aux données personnelles",
    non_consensual_behaviour: "un contenu partagé sans consentement",
    unsafe_and_illegal_products: "des produits dangereux ou illégaux",
    risk_for_public_security: "un risque pour la sécurité publique",
    negative_effects_on_civic_discourse_or_elections: "un contenu nuisible au débat public ou aux élections",
    animal_welfare: "de la maltraitance animale",
    other: "contenu que les règles n'autorisent pas",
  },
  reason: (r) => ` Motif indiqué : ${r}.`,
  terms: (url) => ` Les règles : ${url}`,
};

const WORDS: Record<NoticeLanguage, Words> = { en: EN, fr: FR };

/** A restriction's facts in one plain paragraph, in `lang`. Dates are given in UTC, to the minute. */
export function explain(f: NoticeFacts, lang: NoticeLanguage): string {
  const w = WORDS[lang];
  const rule = ruleName(f.category, lang);
  const when = f.until === undefined ? undefined : formatDate(f.until, lang);
  let text = w.what(f, rule, when);
  if (f.reason) text += w.reason(f.reason);
  if (f.termsUrl) text += w.terms(f.termsUrl);
  return text;
}

/** The rule a category stands for, as notices name it ("insulting, hateful or offensive speech"). */
export function ruleName(category: DsaCategory, lang: NoticeLanguage): string {
  const w = WORDS[lang];
  return w.rule[category] ?? w.rule.other;
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
