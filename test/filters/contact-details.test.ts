import { describe, expect, it } from "vitest";
import { demoFilters, heldByRules as held } from "./demo-filters.ts";

/**
 * Contact details found by the contact-focused blind batch 350 (stop 46; batch 351, written beside
 * it, stays held out): numbers cut by an ellipsis or by stars, a British mobile as dialled at home,
 * digits typed as letters that no longer hide a number from the detector's first count, and a
 * shopper asked for someone else's network or number. Then narrowed after a review that wrote 214
 * innocent lines against the first version (161 held, 11 before it; now 17) and 56 solicitations
 * (16 held before, 39 now): sizes, dimensions, countdowns and shades cut by stars or ellipses, a
 * date and a time, volumes, a Korean brand and a genetics term ("SNP"), a snap fastener, "what's
 * your twitch schedule", « ton numéro de casier ». The lines are written for these tests, not copied
 * from the batch or the review.
 */
const f = demoFilters();
const hits = (text: string) => [...f.words(text), ...f.links(text)];
const phones = (text: string) => f.words(text).filter((h) => h.detail === "phone").map((h) => h.match);

describe("phone numbers however they are cut (the rules alone)", () => {
  it.each([
    ["appelle au 06 ... 12 ... 34 ... 56 ... 78", "06 ... 12 ... 34 ... 56 ... 78"],
    ["appelle au 07…98…76…54…32", "07…98…76…54…32"],
    ["mon num 06*12*34*56*78", "06*12*34*56*78"],
    ["text 07911 123456 for the tickets", "07911 123456"],
    ["07911 123 456", "07911 123 456"],
    // Eight digits only once the letters typed for digits are counted (the detector's first look).
    ["O7911 l23 456", "O7911 l23 456"],
    ["mon num O6 l2 3O 4O 5O", "O6 l2 3O 4O 5O"],
  ])("holds %j, quoting %j", (text, match) => {
    expect(held(text)).toContain("contact");
    expect(phones(text)).toEqual([match]);
  });

  it.each([
    // A star or an ellipsis beside a number, not inside it: the number as before (the code review's cases).
    ["tel 06 12 34 56 78 * 24h/24", ["06 12 34 56 78"]],
    ["appelle au 06 12 34 56 78... 2 fois si ça répond pas", ["06 12 34 56 78"]],
    ["promo 2 pour 1* 06 12 34 56 78", ["06 12 34 56 78"]],
    ["0612345678 * 0712345678", ["0612345678", "0712345678"]],
    // Cut throughout, with a "+" or an area code in brackets.
    ["+33*6*12*34*56*78", ["+33*6*12*34*56*78"]],
    ["(415)*555*0132 call me", ["(415)*555*0132"]],
  ])("reads %j as %j", (text, match) => {
    expect(phones(text)).toEqual(match);
  });

  it.each([
    // Glued, announced as an order, a date and a time, a draw's numbers: no British mobile.
    "ref 07911123456 sur le bon de livraison", "commande 07911 123456 toujours pas reçue", "mine arrived 07/11/2024 1.30pm, box crushed",
    "delivered 07-11-2024 3.45pm", "mes numéros du loto : 07 11 23 34 45 6",
    // Stars and ellipses between numbers that are no phone: dimensions, sizes, a countdown, shades, prices.
    "dimensions 120*60*75 cm, ça passe dans une 208 ?", "phone screen 1080*2400, will the tempered glass fit?",
    "mon portable fait 146,7*71,5*7,8 mm, la coque passe ?", "matelas vendu tel quel, 140*190*25 cm", "entre 12 ... 15 euros selon la taille",
    "sale starts in 05... 04... 03... 02... 01...", "les teintes 01… 02… 03… 04… 05… laquelle pour peau mate ?", "UK sizes 06... 08... 10... 12... 14",
    "prices went 0.99… 1.49… 1.99, what next", "2*3*4 = 24 donc 24 boîtes", "taille 4O ou 42 pour la robe ?",
    // Cut throughout, but a draw, an order, a parcel, a size.
    "lotto 07*11*24*33*41", "tirage : 02 * 15 * 27 * 33 * 41", "order 415*555*0132", "suivi 06...12...34...56...78",
    "meuble 450*350*1800 mm", "carton 600*400*2000",
    // Volumes are no digits typed as letters.
    "le bidon existe en 0,5l, 1,5l, 2l, 5l ?",
  ])("lets %j through", (text) => {
    expect(hits(text)).toEqual([]);
  });
});

describe("someone else's network or number asked (templates ending their clause)", () => {
  it.each([
    "yo t'as snap ?", "c'est quoi ton snap stp", "passe moi ton insta bg", "tu me donnes ton num ?", "je peux avoir ton numéro de téléphone ?",
    "what's your insta? wanna chat", "you got whatsapp? easier to talk there", "send me your number babe", "can i get your digits",
    "what is ur snap", "give me your cell number",
  ])("holds %j as a contact request", (text) => {
    expect(held(text)).toContain("contact");
  });
  it.each([
    // Followed, tagged, seen: not asked for.
    "just tagged you on instagram in my outfit pic", "I follow you on insta for the restocks", "t'as vu sur insta la nouvelle collec ?",
    // The network a topic, a feature, a shop, a game, a fastener.
    "what's your twitch schedule? love the streams", "what's your discord server for the beta testers?", "drop your tiktok faves in the comments",
    "u got snap crotch bodysuits in newborn?", "you got skype preinstalled on the laptop?", "u got signal in the basement? no bars here",
    "u got signal out there? one bar at the campsite", "is the phone signal good there in the mountains",
    "t'as snap les pressions du body ou c'est des boutons ?", "tu es sûr insta affiche le bon prix ?", "t'as whatsapp qui marche sur la montre ?",
    // A number that is no phone's, a phone that is a device.
    "what's your number one tip for dry skin", "give me your number preference, 3 pack or 5 pack?", "what's your cell phone, pixel? the case fits pixel 8 only",
    "quel est ton numéro de commande ?", "donne moi ton numéro de casier, je te laisse le colis", "c'est quoi ton portable ? la coque existe pour iPhone 13",
    "t'as ton portable sur toi ? scanne le QR code", "what's your order number? I'll check",
    // The brand asked, the shop's account.
    "vous avez insta ?", "does the shop have an insta?", "do you have a whatsapp for the studio?",
    // A Korean skincare brand, a genetics term, a greeting.
    "SNP animal mask 10pcs, is it in stock?", "the SNP rs1801133 result says MTHFR, any supplement advice?", "wtsp lea_b ! ton colis est arrivé ?",
  ])("lets %j through", (text) => {
    expect(held(text)).not.toContain("contact");
  });
});
