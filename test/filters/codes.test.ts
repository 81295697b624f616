import { describe, expect, it } from "vitest";
import { normalize } from "../../server/filters/normalize.ts";
import { codeDigits, createCodeDetector } from "../../server/filters/codes.ts";
import { loadBaseLexicons } from "../../server/filters/compile.ts";
import type { FilterHit } from "../../server/filters/types.ts";
import { describeHeldAndClean, type HeldAndClean } from "./held-and-clean.ts";
import { demoFilters, withLists } from "./demo-filters.ts";

/**
 * Issue 25, hate: the signs the word stages cannot read (server/filters/codes.ts,
 * config/lexicons/codes-<lang>.json). Lines written for this test; the traps are the same digits
 * and brackets as shoppers use them: prices, sizes, ages, references, phones, hugs.
 */
const f = demoFilters();
const hits = (text: string): FilterHit[] => [...f.words(text), ...f.links(text)];

const CODES: HeldAndClean = {
  "number signs": {
    held: [
      "1488 to the real ones in this chat", "14/88 brothers, you know why", "fourteen words and 14-88, remember it",
      "les vrais savent, 14 88", "1488 !! la boutique aux blancs", "my gamertag is 1488 and I'm proud of it",
      "heil 88 lads", "88 heil, see you at the match", "88 — heil, les frères", "HH 88 les gars", "sieg 88 à tous",
      "(14-88) real patriots only",
    ],
    clean: [
      "order 1488 still hasn't shipped", "commande n° 1488, toujours rien", "it's 1 488 € on the site, too much", "1488€ le canapé d'angle ?",
      "ça coûte 1488 euros livré", "my nan is 88 and loves this cream", "ma grand-mère a 88 ans", "size chart says 88-92 cm for an M",
      "appelle le service client au 01 44 14 88 00", "SKU 88-2041-BL back in stock?", "11,88 € de l'heure c'est le SMIC",
      "en 1488 la ville n'existait pas encore", "I wrote 14 words in my review and it got cut", "88 likes on my photo of the dress",
      "code postal 14880, vous livrez ?", "table 14, 88 couverts ce soir", "le 14/08 c'est le jour de la livraison",
      "ça fait 1488,50 € au total", "it was 14.88 at the till", "l'an 1488, la boutique n'existait pas", "built around 1488 AD",
    ],
  },
  "triple-bracket echoes": {
    held: [
      "(((they))) own every shop in this mall", "the (((bankers))) set these prices", "c'est (((eux))) qui décident de tout ici",
      "les ((( médias ))) vous mentent", "ask the (((owners))) why it costs so much", "(((Goldstein))) runs this brand, obviously",
    ],
    clean: [
      "sending (((hugs))) to everyone who lost a parcel", "gros (((câlins))) à l'équipe du SAV", "(((love))) this lipstick",
      "the tag says (size M) (cotton) (made in Portugal)", "j'ai mis trois parenthèses ((( par erreur", "((((((xoxo))))))",
      "colis perdu, triste((( bon tant pis)))",
    ],
  },
};

describeHeldAndClean("coded hate, %s", CODES, hits);

describe("coded hate detector", () => {
  const base = loadBaseLexicons();
  const codes = createCodeDetector([base.en.codes, base.fr.codes]);

  it("tags a sign as hate and quotes it as typed", () => {
    expect(codes.match(normalize("les vrais savent : １４／８８"))).toEqual([
      expect.objectContaining({ kind: "word", detail: "code 1488", category: "hate", severity: 4 }),
    ]);
    const [hit] = codes.match(normalize("the (((globalists))) again"));
    expect(hit).toMatchObject({ detail: "echo", match: "(((globalists)))", category: "hate", severity: 3 });
  });

  it("a code inside a longer number is that number (a phone, a postcode, a reference)", () => {
    for (const t of ["06 12 14 88 03", "14880", "ref 88-1488-22", "1488.50", "+33 6 14 88 21 07"]) expect(codes.match(normalize(t)), t).toEqual([]);
  });

  it("reads nothing without digits or triple brackets, and survives hostile input", () => {
    expect(codes.match(normalize("nothing to see here"))).toEqual([]);
    expect(codes.match(normalize("(".repeat(50_000)))).toEqual([]);
    expect(codes.match(normalize("(((" + " a".repeat(20_000)))).toEqual([]);
    expect(codes.match(normalize("((( )))".repeat(5_000)))).toEqual([]);
    expect(codes.match(normalize("(".repeat(20_000) + "x)))"))).toEqual([]);
    expect(codes.match(normalize("((())".repeat(4_000) + ")))"))).toEqual([]);
    // Signs apart are each a hit; joined by single spaces they are one long number, which is none.
    expect(codes.match(normalize("1488! ".repeat(2_000))).length).toBe(2_000);
    expect(codes.match(normalize("1488 ".repeat(2_000)))).toEqual([]);
    expect(codes.match(normalize("1".repeat(100_000)))).toEqual([]);
  });

  it("reads a code as written in a file or by a manager, and nothing else as one", () => {
    expect(["1488", "14/88", " 14 88 ", "14-88", "14.88"].map(codeDigits)).toEqual(["1488", "1488", "1488", "1488", "1488"]);
    // A letter inside is no code (it was read as "1488" before: a typo in codes-<lang>.json must stop start-up).
    expect(["14a88", "(((", "", "/88", "code 1488"].map(codeDigits)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(createCodeDetector([{ numbers: [{ digits: "14a88", severity: 4 }], units: [], before: [], echoInnocent: [] }]).match(normalize("1488 again"))).toEqual([]);
  });

  it("a tenant's managers may remove a code or the echoes, like any built-in word", () => {
    const g = withLists({ removed: ["14/88", "((("] });
    expect(g.words("the Model 1488 kettle is back")).toEqual([]);
    // (The category model may still read the words inside: the tenant removed the sign, not the claim.)
    expect(g.words("the (((bankers))) again").filter((h) => h.detail === "echo")).toEqual([]);
    expect(f.words("the (((bankers))) again").filter((h) => h.detail === "echo")).toHaveLength(1);
    expect(g.words("heil 88")[0]).toMatchObject({ category: "hate", detail: "code 88" });
    expect(f.words("the Model 1488 kettle is back")).toEqual([]); // "model" before it: a reference anyway
    expect(f.words("Kettle 1488 is back")[0]).toMatchObject({ detail: "code 1488" });
    expect(withLists({ removed: ["1488"] }).words("Kettle 1488 is back")).toEqual([]);
  });

  it("a reported sign is silenced like any reported hate (the moderators must be told)", () => {
    expect(hits("someone's username has 1488 in it, it's a neo-nazi code, can you remove it?")).toEqual([]);
  });

});
