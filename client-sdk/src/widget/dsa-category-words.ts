import type { Lang } from "./i18n.ts";

/**
 * SPEC §9.4's statement categories in plain words, for the shopper's notices and the managers'
 * appeals alike (the back office imports this file too), so a raw category code is never shown.
 */
const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    illegal_or_harmful_speech: "Insulting, hateful or harmful speech",
    scams_and_fraud: "Scams and fraud",
    protection_of_minors: "Protection of minors",
    pornography_or_sexualized_content: "Sexual content",
    violence: "Threats or violence",
    self_harm: "Self-harm",
    intellectual_property_infringements: "Intellectual property infringement",
    data_protection_and_privacy_violations: "Privacy and personal data",
    non_consensual_behaviour: "Non-consensual behaviour",
    unsafe_and_illegal_products: "Unsafe or illegal products",
    risk_for_public_security: "Risk to public security",
    negative_effects_on_civic_discourse_or_elections: "Civic discourse or elections",
    animal_welfare: "Animal welfare",
    scope_of_platform_service: "Outside what this chat is for (advertising, contact details, links…)",
    other: "Content the rules do not allow",
  },
  fr: {
    illegal_or_harmful_speech: "Propos injurieux, haineux ou nuisibles",
    scams_and_fraud: "Arnaques et fraude",
    protection_of_minors: "Protection des mineurs",
    pornography_or_sexualized_content: "Contenu sexuel",
    violence: "Menaces ou violence",
    self_harm: "Automutilation",
    intellectual_property_infringements: "Atteinte à la propriété intellectuelle",
    data_protection_and_privacy_violations: "Vie privée et données personnelles",
    non_consensual_behaviour: "Comportement non consenti",
    unsafe_and_illegal_products: "Produits dangereux ou illégaux",
    risk_for_public_security: "Risque pour la sécurité publique",
    negative_effects_on_civic_discourse_or_elections: "Débat civique ou élections",
    animal_welfare: "Bien-être animal",
    scope_of_platform_service: "Hors de l’objet de ce chat (publicité, coordonnées, liens…)",
    other: "Contenu que les règles n’autorisent pas",
  },
};

/** The category in `lang`'s words; one this build does not know reads as a rule breach in general. */
export function categoryWords(lang: Lang, category: string): string {
  const w = WORDS[lang];
  return Object.prototype.hasOwnProperty.call(w, category) ? w[category]! : w.other!;
}
