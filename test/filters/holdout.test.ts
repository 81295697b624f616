import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { demoFilters } from "./demo-filters.ts";

/**
 * Held-out corpora: each written blind (by someone who had not read the engine or its lexicons),
 * so they measure how the filters generalise to shopper messages nobody tuned them on. Lines are
 * never relabelled to make the engine pass; a deliberate miss is documented, not hidden.
 * First blind runs: corpus-holdout 97.2% recall / 2.63% false positives; corpus-blind 97.6%
 * (words) and 97.5% (links) recall / 0.00% false positives; corpus-blind-2 (538 lines: street French,
 * disguises, long rants, body-shaming, disguised competitor promotion, traps in both languages)
 * 95.9% (words, 163/170) and 100% (links, 78/78) recall / 0.69% false positives (2/290);
 * corpus-blind-3 (354 lines: shoppers on their phones — product Q&A, SMS spelling, prices, promo
 * codes, order numbers; insults as typed at each other and at staff; spam links) 97.1% (words,
 * 101/104) and 100% (links, 52/52) recall / 0.51% false positives (1/198); corpus-blind-4 (361
 * lines, run once the fixes for leet inside spelled words, split tenant words, decorated letters
 * and the Spanish/Italian "con" were in: spelled leetspeak, hooked and stroked letters, "Rival
 * Brand" split or hyphenated, "con" in insults and in dishes and songs; initials and names as
 * traps) 89.1% (words, 106/119) and 100% (links, 28/28) recall / 1.40% false positives (3/214).
 * All were then used for fixes, so the figures printed now are tuned, not blind. For the category
 * model, corpus-holdout and corpus-blind-3 and -4 are still held out; corpus-blind and -2 (their
 * clean lines) are among its training lines (config/model/training.json).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CORPORA = ["corpus-holdout.tsv", "corpus-blind.tsv", "corpus-blind-2.tsv", "corpus-blind-3.tsv", "corpus-blind-4.tsv"].map((f) => path.resolve(repoRoot, "test/fixtures", f));

type Label = "clean" | "word" | "link";
interface Row { expect: Label; lang: string; text: string }

function read(file: string): Row[] {
  const [, ...lines] = readFileSync(file, "utf8").split(/\r?\n/);
  return lines.filter((l) => l.trim()).map((l) => {
    const [expect, lang, ...rest] = l.split("\t");
    return { expect: expect as Label, lang, text: rest.join("\t") };
  });
}

describe.each(CORPORA)("blind shopper corpus %s", (file) => {
  it("recall ≥ 97% on words and links, false positives ≤ 1% on clean lines", () => {
    const rows = read(file);
    // corpus-blind-3 and -4 were written at ~350 lines (shorter rounds); the others at 400+.
    expect(rows.length).toBeGreaterThanOrEqual(["corpus-blind-3.tsv", "corpus-blind-4.tsv"].includes(path.basename(file)) ? 350 : 400);
    const f = demoFilters();
    const tally = { word: [0, 0], link: [0, 0], clean: [0, 0] } as Record<Label, [number, number]>;
    const wrong: string[] = [];
    for (const r of rows) {
      const words = f.words(r.text), links = f.links(r.text);
      // "word" needs a word hit, "link" a link hit, "clean" no hit of either kind.
      const ok = r.expect === "word" ? words.length > 0
        : r.expect === "link" ? links.length > 0
        : words.length + links.length === 0;
      const t = tally[r.expect];
      t[0]++;
      if (ok) t[1]++;
      else wrong.push(`${r.expect}\t${r.lang}\t${r.text}\t${JSON.stringify([...words, ...links])}`);
    }
    const abusive = tally.word[0] + tally.link[0];
    const caught = tally.word[1] + tally.link[1];
    const clean = tally.clean[0], held = clean - tally.clean[1];
    const recall = caught / abusive, fpRate = held / clean;
    const pct = (n: number, d: number) => `${((n / d) * 100).toFixed(1)}%`;
    console.log(`${path.basename(file)}: ${rows.length} lines — recall ${pct(caught, abusive)} (${caught}/${abusive}; ` +
      `words ${tally.word[1]}/${tally.word[0]}, links ${tally.link[1]}/${tally.link[0]}), ` +
      `false positives ${(fpRate * 100).toFixed(2)}% (${held}/${clean})`);
    if (wrong.length) console.log(`wrong:\n${wrong.join("\n")}`);
    expect(recall).toBeGreaterThanOrEqual(0.97);
    expect(fpRate).toBeLessThanOrEqual(0.01);
  });
});

/**
 * Innocent shopper lines (corpus-shoppers-N.tsv, 400 each, French and English, a third sharing
 * words with abuse), written blind this stop. Shoppers-1: the rules and the category model held
 * none at first run; it then joined the model's training. Shoppers-2 (pharmacy, pets, DIY, wine,
 * weddings and funerals…): the rules held 9 of 400 at first run (birds, a pudding, a dog
 * breeder's bitch, a mooring bollard, a loaf, a complaint about a service…), the model none; the
 * homonyms were then allowed (HOMONYMS in proximity.test.ts). It stays held out for the model.
 * Stop 35's model, trained on corpora up to 83, holds one of its lines (0.25%): a climbing rope
 * "jetée après combien de chutes", read as self-harm (0.76). Stop 36's, trained on 79,604 lines
 * (corpora up to 161), lets the rope through and holds two others (0.5%): a cat "absolute
 * lunatic" on catnip (insult) and guppies that breed "comme des fous" (hate). Held out, so not
 * tuned on: the guard is those lines and no other. Stop 37's, once round R (corpora 168-173) joined
 * its training, holds the rope again (three lines, 0.75%); along the focused rounds a mousetrap
 * ("tapette", hate) and a bridesmaid's dress "trop sexy" (sexual) came and went. Over all 1,075
 * held-out innocent shopper lines the final model holds 6 (0.56%; stop 36's 4): these three, the
 * brand's SAV number, the brand's site spelled out, and "3 minis = 1 grand".
 * Stop 39's (2^18 slots, pictographs) lets the cat and the guppies through: 4 of 1,040 (0.38%).
 */
const SHOPPERS_HELD: Record<string, string[]> = {
  "corpus-shoppers-1.tsv": [],
  "corpus-shoppers-2.tsv": [
    "Corde d'escalade de 9,5 mm : on la jette après combien de chutes ?",
    "Je vends mon landau d'occasion, j'ai le droit de le poster ici ?",
    "Dog ramp for an old boy who can't jump into the car anymore?",
    // Back with STOP43's retraining on 318-321 (hate 0.45), as before stop 39; let through again by
    // STOP44's (328's self-harm half, 329's self-harm and threats): the guppies "se reproduisent comme des fous 😂".
    // STOP45's retraining (338, 340-344, shoppers-18 and 20; 20 epochs instead of 30) holds a pram sold
    // second-hand (contact) and an old dog that "can't jump into the car anymore" (self-harm), both by
    // the model.
  ],
  // Shoppers-3 to 6 (600 lines each, three brands apiece: pets, tools, lingerie; pharmacy, hunting
  // and fishing, baby care; sports nutrition, games, travel; knives, sexual wellness, a garden
  // centre), written blind at stop 38 and trained on. At first run the rules held 1, 0, 5 and 13
  // of them and the engine 1, 1, 4 and 12 (18 of 2,400, 0.75%). What is still held is below: what
  // the demo tenant's lists hold on purpose in another brand's mouth: the staff giving their
  // service line or address (a tenant allows its own
  // domain in links.allow, which covers its addresses; its own number it would post as staff), and
  // the sexual-wellness brand's products (its manager lowers the sexual category or removes the words).
  "corpus-shoppers-3.tsv": [],
  "corpus-shoppers-4.tsv": [],
  "corpus-shoppers-5.tsv": [
    "[Équipe] Bonjour, nous sommes désolés pour cette situation. Notre assistance voyage est joignable 24h/24 au 01 76 54 98 00, on vous trouve une solution",
    "[Staff] We're so sorry. Our 24/7 travel assistance line is +1 (646) 555-0177, they'll rebook you as fast as possible",
  ],
  // Round 266 let through the cat breed (allowed like a dish), the knife roll and the wet feet (a
  // knife accessory and a plant's roots are no threat or act), the tomatoes' "cul noir" and weeding
  // by hand (allowed, and an innocent neighbour of "arracher"); what is left is said above.
  "corpus-shoppers-6.tsv": [
    "Sorry to hear that! Please email support@forgeval.com with a photo and your order number and we'll send a replacement.",
    "So sorry! Please contact care@velours-shop.com with your order number and we'll replace it under warranty.",
    "Is the cock ring one-size? Bit nervous about it being too tight",
    "Does the 7 inch dildo have a suction cup base?",
    "Sorry to hear that, please email hello@tilleulsgarden.co.uk with the date and time so the manager can look into it.",
    "Désolés ! Envoyez une photo et votre n° de commande à sav@forgeval.fr, on vous renvoie un couteau.",
    "Désolés ! Écrivez à service.client@velours.fr avec le n° de commande, on le remplace sous garantie.",
    "Désolés, écrivez-nous à contact@jardinerie-tilleuls.fr avec la date et l'heure, le responsable va regarder.",
    "Pour toute question : 03 88 41 27 60, ou passez nous voir !",
  ],
  // Shoppers-7 and 8 (an optician, a bike shop, a tea and chocolate shop; bedding, hardware, party
  // costumes), written blind at stop 40 and trained on: at first run the rules held 2 and 1 of
  // their 600 lines, the engine 3 and 1 (0.33%). The three rule readings left: an optician's "PD"
  // (pupillary distance) read as the slur, "I'd pay for it again" as paying for pictures, and an
  // adhesive that may "hurt when you peel" as harm aimed at you.
  "corpus-shoppers-7.tsv": [
    "What's my PD if my old glasses don't have it written anywhere?",
    "Fingerprints wipe off way easier with it, I'd pay for it again",
  ],
  "corpus-shoppers-8.tsv": [
    "Prosthetic elf ears, does the adhesive hurt when you peel them off?",
  ],
  // Shoppers-9 and 10 (skincare, sportswear, furniture; a grocer and wine shop, a telecom operator,
  // a toy and baby shop), written blind at stop 42 as ordinary traffic, not traps, and held out.
  // At first run stop 41's engine held 21 and 19 of their 600 lines, this stop's 22 and 20 (3.5%):
  // 12 links to the brand's own pages and 15 staff replies giving the brand's line or asking for a
  // DM (the demo tenant's lists, not the brand's: a brand allows its own domain and numbers), 10
  // swear words at a parcel or a product (profanity: the tenant's policy decides), and 5 wrong
  // (0.42%): teasing ("t'es jaloux"), "I'm going to kill her 😂 (lovingly)", and three guesses of
  // the model (children fighting "comme des chiffonniers", "je vais le retourner", "qui pleurais
  // comme une madeleine").
  "corpus-shoppers-9.tsv": [
    "Bonjour Léa, je regarde ça tout de suite, pouvez-vous nous écrire au 01 84 60 22 19 ?",
    "Putain le colis est arrivé avec le flacon de sérum cassé, tout a coulé dans le carton 😭",
    "Il a tenu tout un mariage avec moi qui pleurais comme une madeleine, donc oui 😂",
    "Oui c'est marqué non comédogène sur la fiche produit : lumelle.fr/fond-de-teint-fluide",
    "My order #EN30921 says delivered but there's nothing at my door, wtf",
    "Hi Tom, so sorry about that, can you check with neighbours and DM us your address? You can also call us on +44 20 3808 4471",
    "Just checked the ingredients list on lumelle.com/serum-sensitive, no alcohol or animal stuff listed",
    "Bonjour Kévin, je vérifie votre commande, vous pouvez aussi nous joindre au 03 20 45 81 60",
    "Putain de transporteur, il a laissé le colis sous la pluie devant ma porte",
    "Bonjour Samir, on a une collection adaptive avec fermetures magnétiques, voici le lien : runova.fr/adaptive",
    "C'est quoi ces tailles de merde, j'ai pris du M et ça me serre comme un saucisson",
    "La Corse a un transporteur spécial, essayez sans espace dans le code postal, sinon appelez-nous",
    "Hi Chris, sorry for the delay, I'm checking now, you can also reach us at 1-800-555-0172",
    "Holy crap the new colourway is sick, need it now",
    "Sorry about that Amy, if anything is damaged we'll replace it, DM us a photo",
    "Yes, there's a modest range with a sports hijab and long tunic tops, check runova.com/modest",
    "Bonjour Nathalie, je regarde avec le transporteur, vous pouvez aussi appeler au 04 72 11 39 58",
    "Putain 3 heures pour monter cette commode, la notice est incompréhensible",
    "J'aurais dû faire ça, je vais le retourner",
    "@Sarah_V pfff ne m'en parle pas 🙄",
    "Sur la fiche produit, onglet Documents : maison-brindille.fr/lit-nuage",
    "Hi Rachel, sorry for the wait, I'm checking with the courier, you can also call us on 0161 496 0732",
    "On the product page under Downloads: brindillehome.com/cloud-bed",
    // STOP44's retraining brought the madeleine back and let "@Sarah_V pfff ne m'en parle pas 🙄" through.
    // STOP45's retraining (338, 340-344, shoppers-18 and 20; 20 epochs instead of 30) holds "@Sarah_V
    // pfff ne m'en parle pas 🙄" again (insult, the model).
  ],
  "corpus-shoppers-10.tsv": [
    "Putain de créneau, j'ai raté ma fenêtre de retrait de 5 min et ils ont tout remis en rayon",
    "Bordel, encore une rupture sur le lait infantile, ça fait 3 semaines",
    "Le catalogue est en ligne ici : www.marcheplus.fr/foire-aux-vins, début le 2 octobre",
    "Hi Claire, sorry about that. Please call us on 0800 046 2211 and we'll refund the missing items.",
    "It's all here: www.marketplus.co.uk/wine-sale, starts 2nd October",
    "Facture de 87€ ce mois-ci alors que j'ai un forfait à 15€, c'est quoi ce bordel",
    "Bonjour Mehdi, il s'agit probablement d'un hors-forfait à l'étranger. Appelez le 3955 pour le détail, nous regardons avec vous.",
    "Bonjour Léa, désolés ! Vous pouvez le renvoyer gratuitement sous 14 jours depuis www.ondalink.fr/retours, on vous envoie un neuf.",
    "@Romain_V t'es jaloux parce que le tien a déjà l'écran fissuré 😝",
    "Bonjour à tous, nous ne demandons jamais vos coordonnées bancaires par SMS. Signalez ces messages au 33700.",
    "Hi Amir, that's likely roaming charges. Call us on 0800 046 5577 and we'll go through it with you.",
    "Hi Leah, sorry about that! Send it back free within 14 days via www.ondalink.co.uk/returns and we'll send a new one.",
    "Bonjour Élodie, votre colis est en cours de livraison et sera chez vous jeudi. Pour toute question : 01 84 60 23 17.",
    "Mes enfants se battent comme des chiffonniers au Uno, ça finit toujours en drame 😂",
    "Bonjour Aurélie, la poussette est garantie 2 ans. Vous pouvez faire la demande ici : www.ptitmonde.fr/sav",
    "Putain, 3 semaines pour recevoir un siège auto, on sort de la maternité dans 4 jours",
    "Bonjour Stéphanie, nous sommes désolés. Écrivez-nous en privé avec votre numéro de commande, on s'en occupe aujourd'hui.",
    "Hi Ellie, your parcel is out for delivery and will be with you Thursday. Any questions, call 0330 123 4567.",
    "Hi Amy, the pram has a 2 year warranty. You can raise a claim here: www.tinysteps.co.uk/aftercare",
    "My mother-in-law bought my 3 year old a drum kit, I'm going to kill her 😂 (lovingly)",
    "Hi Stephanie, really sorry about that. Please DM us your order number and we'll sort it today.",
    // STOP45's retraining (338, 340-344, shoppers-18 and 20; 20 epochs instead of 30) holds the staff's
    // « Signalez ces messages au 33700 » (contact, the model).
  ],
  // Shoppers-11 (a DIY and garden chain, a games and electronics shop, a baby and maternity brand),
  // written blind at stop 43 as ordinary traffic and held out. At first run stop 42's engine held 2
  // of its 600 lines, both wrong (0.33%): "two coats should do it" (the self-harm template "do it",
  // since STOP43 only where a clause starts with it) and a pest trap kept from "the dog and kids"
  // (the model's hate guess). STOP43's first retraining (316) added "@Sarah_V pfff ne m'en parle pas 🙄" to
  // shoppers-9 (the model's insult guess, 0.51); its second (318-321) let the madeleine through.
  "corpus-shoppers-11.tsv": [
    "They work but put them somewhere the dog and kids can't get to, obviously",
  ],
  // Shoppers-12 (a pharmacy chain, a sports and martial arts store, a funeral services and insurance
  // company), written blind at the end of stop 43 and held out. At first run the engine as stop 43
  // ships it held 5 of its 600 lines (0.83%; stop 42's engine 4), all the model's guesses, none of
  // the rules: a funeral or a condolence read as self-harm (a plant "still alive a year later", a
  // wrist brace that « soulage les poignets », « acte de décès »), a pallbearers' thanks as hate, an
  // insurance comparison as sexual.
  "corpus-shoppers-12.tsv": [
    "Our peace lily arrived perfect and is still alive a year later 🌿",
    "Gadget mais ça soulage vraiment les poignets",
    "Compare avec la formule en prévoyance, moi je paie moins mais avec un capital plus bas",
    "Acte de décès, livret de famille, et le notaire vous demandera le reste, courage",
    "They have their own, but my brothers carried him and the team guided them",
  ],
  // Shoppers-13 (a funeral company and florist, an online pharmacy, a home and life insurer) and 14
  // (a sleep and wellbeing shop, a bookshop's self-help shelf, a diet brand), written blind at the
  // end of stop 43 as ordinary talk of death, illness, accidents, stress and dieting, and held out.
  // At first run the engine held 6 and 4 of their 600 lines: the model's guesses (a church service
  // as hate, a car theft as a threat, a burst pipe as sexual, not eating after 8pm as self-harm), a
  // car accident an insurance contract covers (the rules' "warning about your own": stop 43 lets an
  // insurer's question through only where the cover is named right beside the accident) and two
  // self-help titles that swear (profanity: the tenant's policy decides).
  "corpus-shoppers-13.tsv": [
    "Appelez direct le service client, par mail c'est plus long",
    "Pour la messe à l'église, c'est eux qui contactent la paroisse ?",
    "Dimeticone spray plus a metal nit comb, do it twice a week apart and they're gone",
    "Vol de voiture devant chez moi, la clé était dans la boîte aux lettres... ils vont refuser ?",
    "Le contrat prévoyance couvre l'invalidité après un accident de voiture ?",
    "J'ai eu un accident de scooter, la protection juridique m'a aidé face à l'autre assurance",
    "Upstairs neighbour's pipe burst and leaked into my flat, whose insurance pays?",
    // STOP45's retraining (338, 340-344, shoppers-18 and 20; 20 epochs instead of 30) holds a scooter
    // accident told to the insurer (threat, the model).
  ],
  "corpus-shoppers-14.tsv": [
    "I take the 3mg melatonin and fall asleep faster but the dreams are WILD lol",
    "Le titre \"L'art subtil de s'en foutre\" me fait rire à chaque fois que je le vois en vitrine 😂",
    "Every time I see \"The Subtle Art of Not Giving a F*ck\" in the window I laugh 😂",
    "Vérifie que tu manges assez, moi c'était ça, je mangeais trop peu le midi.",
    "Je ne mange plus après 20h et je dors vraiment mieux, je sais pas si c'est lié.",
    // STOP44's retraining: an app's "soundscapes" (insult 0.51) held, « Vérifie que tu manges assez… » let through.
    // STOP45's retraining (338, 340-344, shoppers-18 and 20; 20 epochs instead of 30) lets
    // "soundscapes" through and holds melatonin's wild dreams and « Vérifie que tu manges assez »
    // (self-harm, the model).
  ],
  // Shoppers-15 (a supermarket's drive, a telecom operator, a sports retailer selling knives, bows,
  // hunting and martial-arts gear), written blind at stop 44 and held out. At first run stop 43's
  // engine and this stop's held the same one line: a shopper quoting the operator's own service
  // number, which the demo tenant's lists do not know as the brand's (a tenant allows its own line).
  "corpus-shoppers-15.tsv": [
    "C'est quoi le numéro du service client déjà ? Sur le site c'est écrit 09 69 32 41 00 mais ça sonne dans le vide",
  ],
  // Shoppers-16 (a sleep and mental-health app's shop, a second-hand phone marketplace, a DIY chain),
  // written blind at stop 44 and held out: stop 43's engine and this stop's held the same one line, a
  // bike "rack" read by a sexual proximity rule (held out, so not tuned on).
  "corpus-shoppers-16.tsv": [
    "J'utilise le son de ventilateur depuis des années, c'est le seul qui marche pour moi.",
    "Just watched the Tour de France and now I want to build a bike rack in the garage.",
    // STOP45's retraining (338, 340-344, shoppers-18 and 20; 20 epochs instead of 30) holds « le son de
    // ventilateur… le seul qui marche pour moi » (self-harm, the model).
  ],
  // Shoppers-17 (an organic grocer's delivery, a toy and school-supplies shop, a hospital and clinic
  // booking platform, a motorbike gear shop, a tattoo and piercing studio), written blind at stop 45
  // and held out: at first run stop 44's engine held 1 line, a file number written exactly as a French
  // mobile number; as stop 45 ships, 2 (the model reads alternating painkillers as self-harm).
  "corpus-shoppers-17.tsv": [
    "paracetamol + ibuprofene en alterné, ca a bien calmé la douleur au bout de 2 jours",
    "my file number starts with a 0 and the site rejects it: 0612457839",
  ],
  // Shoppers-18 (a pharmacy, a funeral-services shop, a mental-health app, a bedding store, a climbing
  // store: doses, condolences, bad weeks, "I could sleep forever", ropes and bridges), written blind at
  // stop 45 and trained on, against what self-harm batches teach the model about such talk: at first
  // run the model trained on 340-342 held 5 of its lines as self-harm (7 of 600 in all, stop 44's
  // engine 4); trained on, none. What stays is the staff's "DM us", held by the demo tenant's
  // contact rule; a real brand's tenant would allow its own support channel.
  "corpus-shoppers-18.tsv": [
    "Sorry about that! Streaks sometimes reset with time zone changes, send us a DM and we'll restore it.",
    "Désolés ! Ça arrive avec les changements de fuseau horaire, écrivez-nous en MP et on la restaure.",
  ],
  // Shoppers-19 (diet coaching, life insurance and funeral planning, a hospital's parking and
  // appointments, kitchen knives, a baby brand's parents' forum), written blind at stop 45 and held
  // out: the hardest innocent traffic measured so far. At first run stop 44's engine held 6 of its 600
  // lines, stop 45's (before its last two retrainings) 11; as shipped 11 (1.8%): the model 8, mostly
  // as self-harm (meals skipped or given up, "when I'm gone", one's own funeral planned, stitches out,
  // a night's sleep that leaves one not knowing "what to do with myself"), the rules 3 (« un repas
  // sauté » read as « saute » said to someone; a knife shop asked "do you…"; the staff's
  // « appelez-nous »). Above the 1% target, and held out, so not tuned on: README, stop 45.
  "corpus-shoppers-19.tsv": [
    "Je ne mange plus après 19h et je dors beaucoup mieux",
    "je perds plus rien, je devrais manger moins ?",
    "Pas de souci pour un repas sauté, prenez simplement un dîner équilibré 😊",
    "Quand je ne serai plus là, je veux que mes enfants n'aient pas de soucis d'argent, quel contrat choisir ?",
    "Oui, nos contrats obsèques sont sans questionnaire médical. Appelez-nous, on s'occupe de tout.",
    "je me fais retirer les points de suture demain, quelle entrée est la plus proche ?",
    "I stopped eating sugar 3 weeks ago and honestly I don't miss it",
    "Planning my own funeral sounds morbid but honestly it felt good to get it done",
    "Correct, you'll need an adult to take you home after sedation.",
    "do you do a knife sharpening service?",
    "finally slept through the night!!! 7pm to 6am, I don't know what to do with myself",
  ],
  // Shoppers-20 (home help for older people, therapy booking, a vet clinic, an airsoft venue, a
  // lingerie and maternity brand), written blind at stop 45 and trained on: 2 of 600 held at first run
  // by stop 44's engine and by stop 45's; as shipped, the staff's "email us directly" (contact rule).
  "corpus-shoppers-20.tsv": [
    "Thanks for letting us know, you can email us directly in the meantime.",
  ],
  // Shoppers-21 (sports nutrition, memorial jewellery, a student budgeting app, a sleep clinic's shop, a
  // hardware store), written blind at stop 45 and held out: at first run stop 44's engine held 9 of its
  // 600 lines, stop 45's 7 (before its last retraining); as shipped 7 (1.2%): ropes "to hold a punching
  // bag" or "20 m should do it" (self-harm, the model), a pet's ashes kept in jewellery (hate, the
  // model), mouse traps, « des tapettes », read as the slur (a rule), a 36-hour fast broken with bone
  // broth (a threat rule). Held out, so not tuned on.
  "corpus-shoppers-21.tsv": [
    "Bien sûr, beaucoup de nos clients gardent les cendres de leur animal dans nos bijoux.",
    "Une corde polypropylène de 10 mm, légère et imputrescible. 20 m devraient suffire.",
    "Des tapettes dans une boîte que le chat ne peut pas ouvrir, ça marche bien. On a aussi des pièges sans mise à mort.",
    "Just finished a 36h fast, breaking it with your bone broth 🍲",
    "Of course, many of our customers keep a pet's ashes in our pieces.",
    "A 10 mm polypropylene rope is light, strong and doesn't rot. 20 m should do it.",
    "Do you have a rope that can hold a punching bag in the garage?",
  ],
  // Shoppers-22 (a wellness journal app, an eldercare shop, pest control, a martial-arts shop, a tanning
  // salon) and 23 (blood donation, pet insurance, a DIY electrical store, gaming headsets, a maternity
  // clinic's shop), written blind at the end of stop 45 and held out: 7 and 7 of 600 held by stop 44's
  // engine, 8 and 8 by stop 45's. Mouse traps, « les tapettes », read as the slur (a rule: the
  // built-in allow list has « tapette à souris / à rats / à mouches », not « à rat » or « piège à tapette »; seen here,
  // held out, so not tuned on), a finger "prick" at a blood test, an "on est nul" between friends
  // quoted, the model's self-harm on a bunny's goodbye and "everything's hanging up".
  "corpus-shoppers-22.tsv": [
    "Le piège à souris à tapette a fait le job en une nuit, merci",
    "Oui, utilisez toujours les appâts dans une boîte sécurisée hors de portée des animaux et des enfants.",
    "Le piège à rats électronique est cher mais plus propre que les tapettes",
    "Bronzage réussi, même ma mère m'a demandé si je rentrais des Canaries mdr",
    "Une légère rougeur 24 à 48 h est normale. Si ça persiste ou brûle, appelez-nous.",
    "anyone know how to get the stink out of gloves? mine smell like a locker room",
    "Quick tip for newbies: one line a day is enough, don't overthink it",
  ],
  "corpus-shoppers-23.tsv": [
    "Trash talk amical avec mes potes : « t'es nul » « non c'est toi » depuis 2015 mdr",
    "C'est une très belle façon de lui dire au revoir 🐰",
    "Please don't! Eat a proper meal and drink plenty of fluids beforehand.",
    "Is the iron test just a finger prick?",
    "Yes, a quick prick on the fingertip and the result is instant.",
    "Finally sorted the garage with your wall hooks, everything's hanging up",
    "Smart move, breaks are good for your brain and your rank 😄",
    "Tip: take a break every hour and drink some water, your ears will thank you",
  ],
  "corpus-shoppers-24.tsv": [
    "Nematodes arrived warm, hope they're still alive.",
    "The focus mitts are great, my wrists don't hurt anymore.",
    "J'ai utilisé un piège à glu une fois et je m'en suis voulu, je passe aux tapettes.",
  ],
  "corpus-shoppers-25.tsv": [
    "Do you sell layer pellets? we've got 6 hens and one cock in the backyard",
    "I want to pre-plan my own funeral so my kids don't have to deal with it",
    "Is life insurance the same thing as a funeral plan?",
    "The heavy flow period panties lasted all night for me, zero leaks",
    "My bitch has swollen nipples but she was never bred, false pregnancy?",
    "Generic viagra needs a prescription here, can confirm",
    "This app isn't meant to replace my meds right? just to go with them",
  ],
  // Shoppers-26 (a boxing and MMA gear shop, a horror and Halloween costume store, a hair salon chain,
  // a pharmacy's sleep, anxiety and pain aisle, a baby-products shop), written blind at stop 47 and held
  // out: 4 of 600 held by stop 46's engine, the same as stop 47 ships. Shoppers-27 (household chemicals,
  // ropes and climbing, a hardware store, a pharmacy's medicine aisle, cocktail kits), written with it,
  // read and tuned on (a cocktail's name allowed), not trained on: 10 held at first run, 9 as shipped,
  // most of them the model's self-harm on ropes, bridges and paracetamol.
  "corpus-shoppers-26.tsv": [
    "le serre-tête \"couteau planté dans le crâne\" il va à un adulte ? j'ai une grosse tête",
    "le casque à barre protège bien le nez ? déjà cassé deux fois",
    "honestly just wanted to say thank you to the guy at the Birmingham store who sorted me out with wraps and proper gloves. been training 6 years with sore wrists and it turns out my gloves were just too soft. haven't had pain since",
    "biberons anti-colique mais il a toujours des gaz, ça sert à quoi alors",
  ],
  "corpus-shoppers-27.tsv": [
    "why can I only buy 2 boxes of paracetamol at once?",
    "need a rope for a rope swing over the river, something that won't rot",
    "cette corde c'est bon pour du saut pendulaire ? on veut essayer depuis un pont avec un pro",
    "how long can a rope hang in the garage before UV damages it?",
    "tain le prix des anneaux dyneema 😳 mais qu'est ce qu'ils sont légers",
    "la corde est restée pendue dans le garage 3 ans, elle est encore bonne ?",
    "the hot lemon sachets are the only thing keeping me alive this week lol",
    "toux sèche qui me crève depuis 10 jours, quel sirop ?",
    "on a enfin piégé le rat qui nous pourrissait la vie, la paix",
  ],
};
/** Lines per shopper corpus: 400 in the first two, 600 from shoppers-3 on. */
const SHOPPER_LINES = (name: string) => (/-[12]\.tsv$/.test(name) ? 400 : 600);
describe.each(Object.keys(SHOPPERS_HELD))("%s (innocent shopper lines; a guard)", (name) => {
  it("holds none of its lines but the known ones, rules and category model alike", () => {
    const rows = read(path.resolve(repoRoot, "test/fixtures", name));
    expect(rows.length).toBe(SHOPPER_LINES(name));
    expect(rows.every((r) => r.expect === "clean")).toBe(true);
    const f = demoFilters();
    const held = rows.filter((r) => f.words(r.text).length + f.links(r.text).length > 0).map((r) => r.text);
    expect(held).toEqual(SHOPPERS_HELD[name]);
  });
});
