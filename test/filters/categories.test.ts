import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBaseLexicons } from "../../server/filters/compile.ts";
import { termTokens } from "../../server/filters/lexicon.ts";
import { compileTemplate } from "../../server/filters/patterns.ts";
import { decide } from "../../server/filters/policy.ts";
import type { FilterHit } from "../../server/filters/types.ts";
import { demoFilters, withLists } from "./demo-filters.ts";

/**
 * SPEC §12: categories and severity, phrase patterns, contact details, policy.
 *
 * corpus-categories.tsv (372 lines: threats, harassment, hate, incitement to self-harm, sexual
 * solicitation and contact details, French and English, 180 to hold and 192 traps) was written
 * blind, by someone who had not read the engine, and measured once before any tuning:
 *
 *   category     held (first run)   clean held (first run)
 *   threat       60.0% (18/30)      3.13% (1/32)
 *   harassment   46.7% (14/30)      0.00% (0/32)
 *   hate         43.3% (13/30)      0.00% (0/32)
 *   selfHarm     60.0% (18/30)      3.13% (1/32)
 *   sexual        6.7% (2/30)       0.00% (0/32)
 *   contact      93.3% (28/30)      3.13% (1/32)
 *   all          51.7% (93/180)     1.56% (3/192)
 *
 * It was then used to tune the patterns (sexual solicitation patterns, present-tense threats,
 * "X like you", spelled-out phrases, reporting verbs before a quote, numbers announced after
 * them), so the figures this test prints are tuned, not blind. Targets (issue 25): at least 90%
 * held per category, 95% for threats, hate and contact details; clean lines held at most 1%.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = path.resolve(repoRoot, "test/fixtures/corpus-categories.tsv");

const f = demoFilters();
const hits = (text: string): FilterHit[] => [...f.words(text), ...f.links(text)];
const categories = (text: string) => hits(text).map((h) => h.category);

describe("blind corpus by category", () => {
  it("holds ≥ 90% per category (threat, hate, contact ≥ 95%) and ≤ 1% of clean lines", () => {
    const [, ...lines] = readFileSync(CORPUS, "utf8").split(/\r?\n/);
    const rows = lines.filter((l) => l.trim()).map((l) => {
      const [expect, category, lang, ...rest] = l.split("\t");
      return { expect, category, lang, text: rest.join("\t") };
    });
    expect(rows.length).toBeGreaterThanOrEqual(360);
    const tally = new Map<string, { held: number; caught: number; clean: number; fp: number }>();
    const wrong: string[] = [];
    for (const r of rows) {
      const t = tally.get(r.category) ?? { held: 0, caught: 0, clean: 0, fp: 0 };
      tally.set(r.category, t);
      const h = hits(r.text);
      if (r.expect === "held") { t.held++; if (h.length) t.caught++; else wrong.push(`missed\t${r.category}\t${r.text}`); }
      else { t.clean++; if (h.length) { t.fp++; wrong.push(`held\t${r.category}\t${r.text}\t${JSON.stringify(h.map((x) => [x.category, x.match]))}`); } }
    }
    let clean = 0, fp = 0;
    const lines2: string[] = [];
    for (const [cat, t] of tally) {
      clean += t.clean; fp += t.fp;
      lines2.push(`${cat}: held ${(100 * t.caught / t.held).toFixed(1)}% (${t.caught}/${t.held}), clean held ${(100 * t.fp / t.clean).toFixed(2)}% (${t.fp}/${t.clean})`);
    }
    console.log(`corpus-categories.tsv (tuned):\n${lines2.join("\n")}\nall clean held ${(100 * fp / clean).toFixed(2)}% (${fp}/${clean})${wrong.length ? `\n${wrong.join("\n")}` : ""}`);
    for (const [cat, t] of tally) {
      expect(t.caught / t.held, `${cat} held`).toBeGreaterThanOrEqual(["threat", "hate", "contact"].includes(cat) ? 0.95 : 0.9);
      expect(t.fp / t.clean, `${cat} clean`).toBeLessThanOrEqual(0.0325);
    }
    expect(fp / clean).toBeLessThanOrEqual(0.01);
  });
});

/**
 * corpus-categories-2.tsv (301 lines, 145 to hold and 156 traps) was written blind after the
 * tuning above, by someone who had read neither the engine nor the first corpus, and measured once:
 *
 *   category     held           clean held
 *   threat       50.0% (12/24)  0.00% (0/26)
 *   harassment   41.7% (10/24)  3.85% (1/26)
 *   hate         37.5% (9/24)   0.00% (0/26)
 *   selfHarm     41.7% (10/24)  0.00% (0/26)
 *   sexual       41.7% (10/24)  0.00% (0/26)
 *   contact      88.0% (22/25)  3.85% (1/26)
 *   all          50.3% (73/145) 1.28% (2/156)
 *
 * So the phrase patterns do not yet generalise to unseen phrasings (issue 25's target, ≥ 90% on
 * unseen messages, is not met). This test only guards those first figures from getting worse
 * until the next round of work; tuning on this file would spend it as a blind measure.
 */
describe("second blind corpus by category (a guard, not the target)", () => {
  it("holds at least what it held on its first, blind run, and no more clean lines", () => {
    const [, ...lines] = readFileSync(path.resolve(repoRoot, "test/fixtures/corpus-categories-2.tsv"), "utf8").split(/\r?\n/);
    let held = 0, caught = 0, clean = 0, fp = 0;
    for (const l of lines.filter((x) => x.trim())) {
      const [want, , , ...rest] = l.split("\t");
      const h = hits(rest.join("\t"));
      if (want === "held") { held++; if (h.length) caught++; } else { clean++; if (h.length) fp++; }
    }
    expect(held + clean).toBeGreaterThanOrEqual(300);
    expect(caught).toBeGreaterThanOrEqual(73);
    expect(fp).toBeLessThanOrEqual(2);
  });
});

describe("curation", () => {
  it("every built-in term and phrase has a curated category and a severity 1–4", () => {
    const base = loadBaseLexicons();
    for (const lang of ["en", "fr"] as const) {
      const lex = base[lang];
      const curated = new Set(lex.categories.map((c) => termTokens(c.term).join(" ")));
      const removed = new Set(lex.remove.map((t) => termTokens(t).join(" ")));
      const missing = new Set<string>();
      for (const t of lex.terms) {
        const key = termTokens(t).join(" ");
        if (key.length >= 2 && !removed.has(key) && !curated.has(key)) missing.add(`${t} (${key})`);
      }
      expect([...missing], `config/lexicons/categories-${lang}.json misses`).toEqual([]);
      for (const c of lex.categories) expect([1, 2, 3, 4]).toContain(c.tag.severity);
    }
  });

  it("grades representative terms", () => {
    const tag = (t: string) => { const h = f.words(t)[0]; return h && [h.category, h.severity]; };
    expect(tag("merde")).toEqual(["profanity", 2]);
    expect(tag("shit")).toEqual(["profanity", 2]);
    expect(tag("connard")).toEqual(["insult", 2]);
    expect(tag("salope")).toEqual(["insult", 3]);
    expect(tag("bougnoule")).toEqual(["hate", 4]);
    expect(tag("faggot")).toEqual(["hate", 3]);
    expect(tag("kys")).toEqual(["selfHarm", 4]);
    expect(tag("blowjob")).toEqual(["sexual", 2]);
    expect(tag("rivalbrand")).toEqual(["competitor", 2]);
    expect(f.links("allez sur rivalbeauty.com")[0]).toMatchObject({ category: "link" });
  });

  it("a tenant's term is a competitor unless the manager names another category", () => {
    const g = withLists({ terms: ["glowzilla", "moche comme un pou"], tags: { "moche comme un pou": { category: "insult", severity: 3 } } });
    expect(g.words("chez Glowzilla")[0]).toMatchObject({ category: "competitor", severity: 2 });
    expect(g.words("il est moche comme un pou")).toEqual([expect.objectContaining({ detail: "moche comme un pou", category: "insult", severity: 3 })]);
  });

  it("templates compile once, refuse mistakes, and never multiply their choices out", () => {
    expect(compileTemplate("{je vais|j'vais} te tuer", {})).toEqual([
      { choice: [[{ word: "je" }, { word: "vais" }], [{ word: "j" }, { word: "vais" }]] }, { word: "te" }, { word: "tuer" },
    ]);
    expect(() => compileTemplate("{a|b", {})).toThrow(/missing \}/);
    expect(() => compileTemplate("$nope x", {})).toThrow(/unknown slot/);
    expect(() => compileTemplate("a {-50%|b}", {})).toThrow(/not a word/);
    expect(() => compileTemplate("$a", { a: ["$a"] })).toThrow(/refers to itself/);
  });
});

/** Each category: French and English messages without a banned word, and the traps next to them. */
const CASES: Record<string, { held: string[]; clean: string[] }> = {
  threat: {
    held: [
      "je vais te casser les dents à la sortie", "j'vais t'buter", "je te brise les genoux", "je sais où tu habites",
      "tu vas le regretter", "I'll break your legs", "i will kill you", "I know where you live", "you're dead tonight",
      "I'll burn your house down", "I'll k i l l you",
    ],
    clean: [
      "ce parfum tue", "this perfume kills", "this mascara is the bomb", "je passe te voir en boutique samedi",
      "I'd kill for this shade", "I'll find you a better shade", "je vais pas te frapper", "I'm not going to hurt you",
      "je vais te montrer comment l'appliquer", "tu vas voir, c'est top", "the heat is killing me",
      "le film « Je vais te tuer » est nul", "My sister texted \"I'll murder you if you touch my lipstick\" lol",
    ],
  },
  insult: {
    held: ["personne ne t'aime", "tu sers à rien", "nobody likes you", "you're worthless", "t'es une honte", "shut up loser"],
    clean: ["shut up and take my money", "your kind words made my day", "everyone loves this serum", "ce parfum dégage une odeur de vanille", "quelle honte ce service client"],
  },
  hate: {
    held: [
      "ton espèce n'a rien à faire ici", "your kind is not welcome here", "les arabes sont tous des voleurs",
      "retourne dans ton pays", "go back to your country", "muslims are vermin", "immigrants like you are ruining this country",
    ],
    clean: ["les femmes adorent ce parfum", "the whites are dirty after one wash", "retourne dans ton panier pour valider", "I hate waiting for delivery", "les noirs de cette palette sont intenses"],
  },
  selfHarm: {
    held: ["va te pendre", "nobody would miss you", "tu devrais te suicider", "the world would be better without you", "k i l l  y o u r s e l f", "v.a t.e p.e.n.d.r.e"],
    clean: ["mourir de rire", "tu vas mourir de rire", "ce rouge est à tomber", "to die for", "I'm dying to try it", "Cette chaleur me tue, vous avez une brume ?"],
  },
  sexual: {
    held: ["send nudes", "envoie-moi des photos de toi en sous-vêtements", "wanna hook up tonight?", "tu portes quoi sous ta robe ?"],
    clean: ["this nude lipstick is perfect", "la palette Naked est sublime", "the lingerie section is on the left"],
  },
  contact: {
    held: [
      "écris-moi sur WhatsApp au 07 98 76 54 32", "zéro six douze trente-quatre cinquante-six soixante-dix-huit", "O6 l2 34 56 78",
      "+44 7911 123456", "call me at 555-123-4567", "lea.b@gmail.com", "lea arobase gmail point com", "lea [at] gmail [dot] com",
      "insta @lea_beauty", "snap : leabeauty", "DM me for a discount", "ajoute moi sur snap",
    ],
    clean: [
      "commande n° 0612345678 toujours pas reçue", "c'est 12,99 € le 12/05/2024", "my order number is 1234567890",
      "j'ai vu la pub sur insta, trop beau", "This packaging is so insta-worthy", "le code EAN 3760123456789 est sur la boîte",
    ],
  },
};

describe.each(Object.entries(CASES))("category %s", (category, { held, clean }) => {
  it.each(held)("holds %j as this category", (text) => {
    expect(categories(text)).toContain(category);
  });
  it.each(clean)("lets %j through", (text) => {
    expect(hits(text)).toEqual([]);
  });
});

describe("policy", () => {
  const h = (category: FilterHit["category"], severity: FilterHit["severity"]): FilterHit => ({ kind: "word", detail: category, match: category, start: 0, end: 1, category, severity });

  it("a category left out follows onHit; the strongest action wins; allowed hits drop out", () => {
    expect(decide([], { onHit: "hold", policy: {} })).toEqual({ action: undefined, hits: [] });
    expect(decide([h("insult", 2)], { onHit: "shadow", policy: {} }).action).toBe("shadow");
    const d = decide([h("profanity", 2), h("threat", 3), h("contact", 3)], { onHit: "hold", policy: { profanity: "allow", threat: "reject" } });
    expect(d.action).toBe("reject");
    expect(d.hits.map((x) => x.category)).toEqual(["threat", "contact"]);
    expect(decide([h("insult", 2), h("spam", 2)], { onHit: "hold", policy: { spam: "shadow" } }).action).toBe("shadow");
  });

  it("below a category's minimum severity a hit is allowed", () => {
    const settings = { onHit: "hold", policy: { minSeverity: { profanity: 2 } } } as const;
    expect(decide([h("profanity", 1)], settings)).toEqual({ action: undefined, hits: [] });
    expect(decide([h("profanity", 2)], settings).action).toBe("hold");
    expect(decide([h("insult", 1)], settings).action).toBe("hold");
  });
});
