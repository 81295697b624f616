import type { DsaCategory } from "../protocol.ts";

/**
 * SPEC §9.4's categories in plain words (a reporter chooses one; a manager reads it), shared by
 * the widget and the back office so both say the same thing.
 */
export const DSA_WORDS_EN: Record<DsaCategory, string> = {
  illegal_or_harmful_speech: "Hate speech, harassment or illegal insults",
  scams_and_fraud: "Scam or fraud",
  protection_of_minors: "Harm to children",
  pornography_or_sexualized_content: "Sexual content",
  violence: "Violence or threats",
  self_harm: "Self-harm or suicide",
  intellectual_property_infringements: "Copyright or trademark infringement",
  data_protection_and_privacy_violations: "Someone’s private or personal data",
  non_consensual_behaviour: "Content shared without consent",
  unsafe_and_illegal_products: "Unsafe or illegal products",
  risk_for_public_security: "Risk to public security (terrorism…)",
  negative_effects_on_civic_discourse_or_elections: "Election manipulation or disinformation",
  animal_welfare: "Animal cruelty",
  scope_of_platform_service: "Something else against the law",
};

export const DSA_WORDS_FR: Record<DsaCategory, string> = {
  illegal_or_harmful_speech: "Propos haineux, harcèlement ou injures illégales",
  scams_and_fraud: "Arnaque ou fraude",
  protection_of_minors: "Atteinte aux enfants",
  pornography_or_sexualized_content: "Contenu sexuel",
  violence: "Violence ou menaces",
  self_harm: "Automutilation ou suicide",
  intellectual_property_infringements: "Atteinte au droit d’auteur ou à une marque",
  data_protection_and_privacy_violations: "Données privées ou personnelles d’une personne",
  non_consensual_behaviour: "Contenu partagé sans consentement",
  unsafe_and_illegal_products: "Produits dangereux ou illégaux",
  risk_for_public_security: "Risque pour la sécurité publique (terrorisme…)",
  negative_effects_on_civic_discourse_or_elections: "Manipulation électorale ou désinformation",
  animal_welfare: "Maltraitance animale",
  scope_of_platform_service: "Autre contenu contraire à la loi",
};
