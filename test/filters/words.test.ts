import { describe, expect, it } from "vitest";
import { demoFilters, withLists } from "./demo-filters.ts";
import { describeHeldAndClean, type HeldAndClean } from "./held-and-clean.ts";
import { syntheticTerms } from "../shared/synthetic-terms.ts";

const details = (text: string) => demoFilters().words(text).map((h) => h.detail);
const fires = (text: string) => demoFilters().words(text).length > 0;

describe("words: disguises", () => {
  it.each([
    ["connard", "t'es vraiment un connard"],
    ["connard", "quel c0nnard"],           // leetspeak
    ["connard", "c.o.n.n.a.r.d va"],       // separators
    ["connard", "C-O-N-N-A-R-D"],
    ["connard", "c o n n a r d"],
    ["fuck", "f u c k you"],
    ["fuck", "f.u.c.k"],
    ["fuck", "f_u_c_k"],
    ["fuck", "fuuuuuck"],                   // stretched letters
    ["fuck", "fuuck"],                      // doubled vowel
    ["putain", "putaaaain ça pique"],
    ["fuck", "f*ck this"],                  // masks
    ["fuck", "f@ck"],
    ["shit", "sh*t"],
    ["shit", "sh.t"],
    ["pute", "p*te"],
    ["asshole", "a$$hole"],
    ["bitch", "b1tch"],
    ["bitch", "b!tch"],
    ["fuck", "ｆｕｃｋ"],                    // fullwidth
    ["fuck", "fu\u200bck"],                 // zero-width space
    ["fuck", "fu\u00adck"],                 // soft hyphen
    ["pute", "рutе"],                        // Cyrillic look-alikes
    ["merde", "m€rde"],
    ["connard", "con-nard"],                // split by a joiner
    ["salope", "s@l0pe"],
  ])("finds %s in %j", (detail, text) => {
    expect(details(text)).toContain(detail);
  });
});

describe("words: French forms", () => {
  it.each([
    "bande de connards", "sale connasse", "espèce de conne", "bande d'enculés", "l'enculé", "enculée",
    "d'enculés", "pétasses", "BATARD", "bâtarde", "salopes", "t'es con",
  ])("fires on %j", (text) => expect(fires(text)).toBe(true));
});

describe("words: Scunthorpe traps stay clean", () => {
  it.each([
    "Franchement c'est la classe", "un conseil", "j'ai fait le calcul", "une salopette en jean", "the computer",
    "I live in Scunthorpe", "my assistant", "a cocktail", "le concours", "Connaissez-vous ce sérum ?",
    "très réputé", "my therapist", "grapeseed oil", "passion", "analyse de peau", "particulièrement doux",
    "culotte", "ridicule", "contact", "confiance", "disputé", "la députée", "j'habite", "en orbite", "un fichier",
    "mon cahier", "la technique", "unique", "la clinique", "emmerdant", "class", "title", "petit", "document",
    "cumin", "hello", "shell", "Sussex", "Dickens", "peacock", "assess", "as", "gel douche", "the sale ends",
    "my pet", "cotton balls", "pros and cons", "a mosquito bite", "cul-de-sac", "raton laveur",
  ])("stays clean: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});

describe("words: phrases", () => {
  it.each([
    ["ta gueule", "ta gueule avec tes conseils"],
    ["fils de pute", "fils de pute"],
    ["nique ta mere", "nique ta mère"],
    ["son of a bitch", "son of a bitch"],
    ["piece of shit", "what a piece of shit"],
    ["ta gueule", "Ta g u e u l e la conseillère"],  // last word of the phrase spelled out
    ["ferme ta gueule", "ferme ta g.u.e.u.l.e"], // the longest phrase the spelled word completes
    ["cette trainee", "Cette traînée de conseillère"],
    // Punctuation inside a phrase is a disguise, not a sentence end; so is shouting.
    ["ta gueule", "ta.gueule"],
    ["ta gueule", "Ta.Gueule"],
    ["ta gueule", "ta... gueule"],
    ["ta gueule", "TA. GUEULE"],
    // The gap rule is the same whether the last word is spelled out or not.
    ["ta gueule", "ta -- gueule"],
    ["ta gueule", "ta -- g u e u l e"],
    ["ta gueule", "ta    g u e u l e"],
  ])("finds %j", (detail, text) => expect(details(text)).toContain(detail));

  it("no phrase spans two sentences or two lines, spelled out or not", () => {
    expect(fires("Merci ta. Gueule de bois ce matin")).toBe(false);
    expect(fires("Merci ta! Gueule de bois ce matin")).toBe(false);
    expect(fires("ta\ngueule de bois")).toBe(false);
  });

  it("a spelled-out word completes a phrase only right after its first word", () => {
    expect(fires("ta belle g u e u l e")).toBe(false);
    expect(fires("la g u e u l e de bois")).toBe(false);
    // Across a sentence end or a line break it is two sentences, not a phrase.
    expect(fires("Merci ta. G u e u l e de bois ce matin")).toBe(false);
    expect(fires("ta\ng u e u l e")).toBe(false);
  });

  it("reports the phrase, not the words inside it", () => {
    const hits = demoFilters().words("fils de pute");
    expect(hits).toHaveLength(1);
    expect(hits[0].match).toBe("fils de pute");
  });

  it("does not fire on a phrase word alone", () => {
    expect(fires("une belle gueule d'ange")).toBe(false);
  });
});

describe("words: closed compounds of a strong root", () => {
  it.each(["Some cuntface stole my order", "what a shitstain", "fuckwit", "you dickface", "you twathead"])(
    "fires on %j", (text) => expect(fires(text)).toBe(true));

  it.each(["a cocktail", "Dickens", "shitake mushrooms", "the cockpit", "shiitake", "dickinson", "Cuntis spa in Galicia"])(
    "stays clean: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});

describe("words: tenant lists", () => {
  it("adds tenant terms and their plural, whole-word only", () => {
    const f = withLists({ terms: ["rivalbrand", "glow max"] });
    expect(f.words("RivalBrand is better").map((h) => h.detail)).toEqual(["rivalbrand"]);
    expect(f.words("rivalbrands are cheap")).toHaveLength(1);
    expect(f.words("try Glow  Max instead")).toHaveLength(1);
    expect(f.words("notrivalbrand")).toEqual([]);
  });

  it("allow exceptions remove words and phrases", () => {
    const f = withLists({ allow: ["con", "piece of shit"] });
    expect(f.words("quel con")).toEqual([]);
    expect(f.words("what a piece of shit")).toEqual([]);
    expect(f.words("shit")).toHaveLength(1);
    expect(f.words("connard")).toHaveLength(1);
  });

  it("removed takes built-in terms out, with their derived forms", () => {
    const f = withLists({ removed: ["pétasse"] });
    expect(f.words("pétasse")).toEqual([]);
    expect(f.words("petasses")).toEqual([]);
    expect(demoFilters().words("petasses")).toHaveLength(1);
  });

  it("languages limit the built-in lists", () => {
    // The lists only: the category model is one for both languages, and may read "connard" on its own.
    const en = withLists({ languages: ["en"], model: false });
    expect(en.words("connard")).toEqual([]);
    expect(en.words("fuck")).toHaveLength(1);
    expect(en.termCount).toBeLessThan(demoFilters().termCount);
  });

  it("tenant terms are matched literally, never as patterns", () => {
    const f = withLists({ terms: ["(a+)+$", "x.*y"] });
    expect(f.words("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")).toEqual([]);
    expect(f.words("xy")).toEqual([]);
  });
});

describe("words: hits quote the original text", () => {
  it.each([
    ["quel c0nnard ce vendeur", "c0nnard"],
    ["Allez, Ｆｕｃｋ !", "Ｆｕｃｋ"],
    ["😀😀 fu\u200bck", "fu\u200bck"],
    ["Straße ÉNCULÉ", "ÉNCULÉ"],
    ["ok c.o.n.n.a.r.d va", "c.o.n.n.a.r.d"],
  ])("%j → %j", (text, match) => {
    const [hit] = demoFilters().words(text);
    expect(hit.kind).toBe("word");
    expect(hit.match).toBe(match);
    expect(text.slice(hit.start, hit.end)).toBe(match);
  });
});

describe("words: capital look-alikes fold by their capital shape", () => {
  // Greek capital "Η" is an "H" although small "η" reads as "n"; same for Μ/μ, Ν/ν, Υ/υ.
  it.each([
    ["bitch", "ΒΙΤCΗ"],          // Greek Β Ι Τ Η with a Latin C
    ["merde", "ΜΕRDΕ"],          // Greek Μ Ε
    ["pute", "ΡUΤΕ"],
    ["bitch", "you ВІТСН"],      // Cyrillic capitals
  ])("finds %s in %j", (detail, text) => expect(details(text)).toContain(detail));

  it.each(["Ηello team", "ΗΕLLO", "NYC ΝΥ", "ΜΑΜΑ mia this blush"])(
    "stays clean: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});

describe("words: street French, slurs and body-shaming held as phrases", () => {
  it.each([
    ["grosse baleine", "T'es une grosse baleine"],
    ["fait sa trainee", "Elle fait sa traînée sur les lives"],
    ["vraie pouf", "La vendeuse est une vraie pouf"],
    ["cette pouf", "cette pouf m'a ignorée"],
    ["ugly cow", "you're a fat ugly cow"],
    ["ugly pig", "you fat ugly pig"],
    ["gfy", "gfy loser"],
    ["sale juif", "sale juif"],
    ["sale arabe", "Sale arabe va"],
    ["sale handicape", "sale handicapé"],
    ["negre", "sale nègre"],
    ["mongolien", "espèce de mongolien"],
    ["pedo", "this mod is a pedo"],
    ["enkule", "enkulé de modo"],
    ["niktamer", "niktamer"],
    ["tapette", "sale tapette"],
    ["fdp", "les fdp de modos"],
    ["fdp", "fdp va"],
    ["dumb hoe", "you dumb hoe"],
    ["ur a hoe", "ur a hoe lol"],
    ["espece de chienne", "espèce de chienne"],
    ["t es une chienne", "t'es une chienne ou quoi"],
  ])("finds %s in %j", (detail, text) => expect(details(text)).toContain(detail));

  it.each([
    "Une traînée de mascara sous l'œil", "un gros pouf en velours", "le pouf du salon", "Lait de vache ou d'avoine ?",
    "Guinea pig for the new formula", "cow milk in the soap?", "la baleine bleue du logo",
    "Les fdp sont offerts dès 49€ ou pas ?", "fdp offerts", "fdp gratuits dès 30€", "les fdp sont payants ?",
    "Entre la tapette à mouches et votre spray", "une tapette à souris", "the sale ends Sunday",
    "The sale: arabica coffee scrub", "Je pars en Mongolie", "pédicure et pédiatre",
    // "sale noir" is not listed: "the sale Noir edition" (a shade) would fire.
    "the sale noir edition",
    // "hoe" is a garden tool and "chienne" a female dog: held only in abusive phrases.
    "a garden hoe for the balcony", "Ma chienne adore l'odeur du baume", "la chienne de ma voisine",
    // "pro/con" is read like "pro and con".
    "I got the pro/con list from a review", "pros/cons: smell vs price",
    // Known miss kept on purpose: "Retard" also opens French sentences ("Retard de livraison").
    "Retard de livraison, encore", "Retard, read the label",
  ])("stays clean: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});

describe("words: leetspeak inside a word spelled out or split by separators", () => {
  // A lone digit or symbol standing for a letter between spelled letters ("c.0.n.n.a.r.d") used to
  // be dropped as a number, which broke the spelled run.
  it.each([
    ["connard", "c.0.n.n.a.r.d"],
    ["connard", "c 0 n n a r d"],
    ["connard", "C-0-N-N-4-R-D"],
    ["salope", "s.@.l.0.p.e"],
    ["salope", "s.a.1.o.p.e"],        // "1" read as "l"
    ["bitch", "b.1.t.c.h"],           // "1" read as "i"
    ["connard", "co-nn-4-rd"],       // a lone digit between two joined pieces
    ["salope", "sal.0.pe"],
    ["rivalbrand", "r.1.v.4.l.b.r.4.n.d"], // a tenant's own term
    ["rivalbrand", "r 1 v a l b r @ n d"],
  ])("finds %s in %j", (detail, text) => {
    expect(withLists({ terms: ["rivalbrand"] }).words(text).map((h) => h.detail)).toContain(detail);
  });

  it("quotes the whole disguised word", () => {
    const [hit] = demoFilters().words("ok c.0.n.n.a.r.d va");
    expect(hit.match).toBe("c.0.n.n.a.r.d");
  });

  it.each([
    "taille 3 ou 4", "pack de 3 x 50 ml", "le 0 5 7 est dispo ?", "vitamine B 3 en 5 jours", "v2.0.1", "note 4/5",
    "j'ai 1 a 3 produits", "code A 4 B 5 C", "it's 0.5 oz", "Teinte 01 ou 03 ?", "3 x 5 cm",
  ])("numbers stay numbers: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});

describe("words: a tenant term written as separate words", () => {
  // Config `terms` and managers' `lexicon:update add` both land in FilterLists.terms (mergeLists).
  const f = withLists({ terms: ["rivalbrand", "glowup", "kiko", "nars"] });
  const detailsOf = (text: string) => f.words(text).map((h) => h.detail);

  it.each([
    ["glowup", "this glow up kit is better"],
    ["glowup", "Glow-Up"],
    ["glowup", "GLOW UP"],
    ["glowup", "glow - up"],
    ["glowup", "glow_ up"],
    ["glowup", "two glow ups"],              // the plural of the term
    ["rivalbrand", "go to Rival Brand"],
    ["rivalbrand", "riva lbrand"],           // any letter position: disguises split anywhere
    ["rivalbrand", "riv al brand"],          // up to three pieces
    ["rivalbrand", "r1val br4nd"],
  ])("finds %s in %j", (detail, text) => expect(detailsOf(text)).toContain(detail));

  it.each([
    // Pieces are whole words of the message, never parts of longer ones.
    "my glow upgrade", "aglow up there", "rival brandy",
    // A short term's pieces are the short words any sentence has: only a joiner inside one word
    // ("ki-ko") joins them, never a space ("ki ko", "na rs").
    "ki ko", "na rs",
    // One-letter pieces are words of their own ("a", "y"), and spelled-out words have their own rule.
    "glowu p", "g lowup",
    // A comma, a line break or a sentence end separates words, it does not join them.
    "so much glow, up to you", "glow\nup", "I love the glow. Up next: blush",
  ])("stays clean: %j", (text) => expect(f.words(text)).toEqual([]));

  it("short terms still match when joined inside one word", () => {
    expect(detailsOf("ki-ko")).toEqual(["kiko"]);
  });

  it("an allowed phrase lets the innocent split through", () => {
    const g = withLists({ terms: ["lookfantastic"], allow: ["look fantastic"] });
    expect(g.words("you look fantastic")).toEqual([]);
    expect(g.words("order on lookfantastic")).toHaveLength(1);
  });

  it("in a large tenant list, every long word matches split at any position", () => {
    const terms = syntheticTerms(2000).filter((t) => !t.includes(" "));
    const g = withLists({ terms });
    for (const t of terms.filter((w) => w.length >= 6).slice(0, 300)) {
      const cut = 2 + (t.length % (t.length - 3));
      expect(g.words(`look: ${t.slice(0, cut)} ${t.slice(cut)} ok`).map((h) => h.detail), t).toContain(t);
    }
    expect(g.words("the glow up kit")).toEqual([]);
  });

  it("built-in words are not read across spaces", () => {
    // "con nard" is held by its own rule (spelled or joined); two words are two words.
    expect(demoFilters().words("un pass age")).toEqual([]);
    expect(demoFilters().words("the shi take")).toEqual([]);
  });
});

describe("words: decorated Latin letters fold to their base letter", () => {
  // Hooks, strokes, bars, descenders and small capitals have no Unicode decomposition.
  it.each([
    ["connard", "ƈonnard"],      // c with hook
    ["connard", "ꞓonnard"],      // c with bar
    ["connard", "ꞔonnarɗ"],      // c with palatal hook, d with hook
    ["bitch", "ɓitch"],          // b with hook
    ["bitch", "ƁƗƬƇĦ"],          // capitals with hooks and strokes
    ["fuck", "ƒuck"],            // f with hook
    ["fuck", "ꜰᴜᴄᴋ"],            // small capitals
    ["salope", "ȿaɫoᵽe"],        // swash tail, middle tilde, stroke
    ["merde", "ɱerɗe"],
  ])("finds %s in %j", (detail, text) => expect(details(text)).toContain(detail));

  it.each([
    // Polish, Danish, Norwegian, Vietnamese, Hausa and Maltese words written with these letters.
    "Łódź i Wrocław, świetny krem, dziękuję bardzo", "Płacę złotymi, czy jest dostawa do Gdańska?",
    "mały słoik, łatwy w użyciu", "Jeg elsker denne creme, den er blød og dejlig", "smør, søster, København, øl, kød",
    "Det er en god sø-creme til tør hud", "Đà Nẵng, đẹp quá, cảm ơn shop, đi giao hàng nhanh",
    "Sản phẩm này đồ đẹp, đóng gói cẩn thận", "ɗan kasuwa, ɓarawo, ƙasa, ƴaƴa", "Ħamrun u Għargħur",
  ])("stays clean: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});

describe("words: French \"con\" against the Spanish and Italian preposition \"con\" (with)", () => {
  // The insult is a noun or an adjective: a French word introduces it, it ends its sentence, or
  // French grammar follows it. The preposition always has its object right after it.
  it.each([
    "quel con", "espèce de con", "bande de cons", "t'es con", "tes con", "con", "Con !", "sale con",
    "le vendeur est vraiment con", "ce con de livreur", "Con de vendeur", "con va", "Dis donc con, t'as pas lu ?",
    "c'est trop con", "un con qui répond pas", "Ferme-la, con.", "espèce de c0n", "gros con va", "pauvre con",
    "ce vendeur est con comme ses pieds", "t'es con ou quoi", "quel con ce vendeur", "mais quel c.o.n",
  ])("still fires: %j", (text) => expect(fires(text)).toBe(true));

  it.each([
    "arroz con pollo ce soir", "chili con carne", "J'ai mangé un chili con carne hier", "café con leche",
    "pasta con le sarde", "Con te partirò est ma chanson préférée", "Vaya con Dios", "pollo con papas",
    "le parfum Coco con Vainilla", "Piña con coco, ça sent bon", "fresas con nata", "té con limón",
    "agua con gas", "spaghetti con vongole", "un gelato con panna", "Bailando con lobos",
    "il caffè con zucchero", "caminando con mi perro", "Helado de coco con chocolate", "la crème Leche con Miel",
  ])("stays clean: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});

/**
 * The same family for the category model, which learns "con" from French insults: its own lines
 * (in its training corpus, like every table's), so the ones above stay unseen checks. Once trained
 * on 61,000 lines the model read "Bailando con lobos" as an insult (0.56) until these were added.
 */
const FOREIGN_CON: HeldAndClean = {
  "Spanish and Italian \"con\"": {
    held: ["espèce de con, tu lis pas les messages", "quel con ce livreur, il a jeté le colis"],
    clean: [
      "arroz con leche, la recette de ma grand-mère", "pan con tomate au petit déj", "huevos con chorizo ce midi",
      "sopa con fideos pour les petits", "carne con papas, un classique", "Bésame con ganas, la chanson de l'été",
      "tè con limone, c'est rafraîchissant", "cappuccino con cannella, vous le faites ?", "risotto con funghi",
      "Caminando con el viento, joli titre", "baila con nosotros ce samedi", "flan con caramelo en dessert",
      "Soñando con el mar, le roman de l'été", "bailamos con la luna, la playlist du salon", "cantando con amigos au karaoké",
      // Bare titles of three words, where "con" is a third of what the model reads.
      "Jugando con fuego", "Hablando con extraños", "Cenando con amigos", "Paseando con Luna", "Viviendo con alegría", "Corazón con alas",
      // Stop 38: with the shopper corpora 3-6 in its training the model read "arroz con pollo ce soir"
      // as an insult (0.51): dishes followed by a French time of day.
      "tacos con carne ce soir", "huevos con jamón ce soir", "pollo con arroz demain midi",
    ],
  },
};
describeHeldAndClean("words, %s", FOREIGN_CON, (text) => demoFilters().words(text));

/**
 * "Tapette" the tool, for the model: the rules allow "tapette à souris" and its kin, and the model,
 * once trained on corpora of homophobic trolls (203-209), read a mousetrap as hate (0.56). Its own
 * lines, in its training corpus like every table's.
 */
const TAPETTE_TOOL: HeldAndClean = {
  "a fly swatter, a mousetrap, a carpet beater": {
    held: ["sale tapette", "t'es qu'une tapette, casse-toi du forum"],
    clean: [
      "une tapette à mouches pour la véranda, vous avez ça ?", "la tapette à rats est livrée avec l'appât ?",
      "tapette à tapis en rotin, c'est en stock ?", "ma grand-mère tuait les guêpes avec sa tapette à mouches",
      "lot de 4 tapettes à souris en métal, livraison sous combien de jours ?", "la tapette à mouches électrique recharge en USB ?",
      "une tapette à souris pour le garage, modèle à appât", "vous vendez des tapettes à souris ?",
      "la tapette à souris s'est refermée sur mon doigt 😅", "deux tapettes à souris et un piège à glu, c'est tout ce qu'il me faut",
    ],
  },
};
describeHeldAndClean("words, %s", TAPETTE_TOOL, (text) => demoFilters().words(text));

describe("words: fixes from the fifth blind corpus (corpus-blind-4)", () => {
  it.each([
    ["such an idiot", "you are such an 1.d.1.0.t, read the label"], // a phrase whose last word is spelled out
    ["what an idiot", "what an i-d-1-0-t"],
    ["you idiot", "stop lying you !d!0t"],                            // a leading "!" in a leet word
    ["asshole", "a total 4.$.$.h.0.l.e"],                             // mostly symbols, one letter
    ["asshole", "you're a real @ $ $ h 0 l e"],
    ["shit", "what a pile of $ h ! t"],                               // a lone "!" in a spelled run
    ["whore", "a wh.0.r.3 for sponsored posts"],                      // a digit ending a split word
    ["kon", "pauvre kon, t'as rien compris"],
    ["teupu", "t'es qu'une teupu"],
    ["tarba", "sale tarba"],
  ])("finds %s in %j", (detail, text) => expect(details(text)).toContain(detail));

  it.each([
    "Le P.D.G. de la marque a répondu lui-même",                     // no two letters of a longer run joined
    "Mon prénom c'est Constance, C.O.N.S.T.A.N.C.E",                 // no three-letter word inside a longer run
    "c'est la c.l.a.s.s.e", "Moby Dick audiobook and a foot mask", "Kon est le nom du modèle ?",
    "3 x 5 cm", "version a.1.3", "wow ! a b", "Top !!! j'adore",
  ])("stays clean: %j", (text) => expect(demoFilters().words(text)).toEqual([]));
});
