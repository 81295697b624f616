import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCategoryModel, modelFeatures, packWeights, type CategoryModelData } from "../../server/filters/category-model.ts";
import { parseLabelledLines, trainCategoryModel, trainFromSettings, type TrainingSettings } from "../../server/filters/category-model-train.ts";
import { compileFiltersSync, loadBaseLexicons } from "../../server/filters/compile.ts";
import { normalize } from "../../server/filters/normalize.ts";
import { DEMO_LISTS, demoFilters, withLists } from "./demo-filters.ts";

/**
 * The category model (server/filters/category-model.ts): shipped as trained, never trained on the
 * held-out corpora, judging only what the rules let through, one hit for the whole message.
 */
const root = new URL("../../", import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), "utf8");
const settings = JSON.parse(read("config/model/training.json")) as TrainingSettings;
const shipped = JSON.parse(read("config/model/category-model.json")) as CategoryModelData;

/** Lines of our own, in no corpus: wordings no rule names, which the model holds. */
const MODEL_ONLY = [
  { text: "people of your origin should go back where they came from", category: "hate" },
  { text: "hope your house doesn't burn down tonight, would be a shame", category: "threat" },
] as const;

describe("category model: the shipped file", () => {
  // A full training: ~10 s alone over 108,000 lines, several times that with the other suites on two cores.
  it("is what config/model/training.json trains (npm run train-model), byte for byte", { timeout: 120_000 }, () => {
    expect(trainFromSettings(settings, read)).toEqual(shipped);
  });

  it("refuses a corpus line whose category the model does not know (it would teach every category the line is clean)", () => {
    const reader = (p: string) => (p === "bad.tsv" ? "expect\tcategory\tlang\ttext\nheld\tthreta\ten\tI will hurt you" : read(p));
    expect(() => trainFromSettings({ ...settings, files: ["bad.tsv"] }, reader)).toThrow(/"threta" is not one of the model's categories/);
  });

  it("never trains on a held-out corpus, and the trainer refuses a list that does", () => {
    expect(settings.heldOut.length).toBeGreaterThanOrEqual(5);
    for (const f of settings.heldOut) expect(settings.files.map((e) => e.split("#")[0])).not.toContain(f);
    expect(() => trainFromSettings({ ...settings, files: [...settings.files, settings.heldOut[0]!] }, read)).toThrow(/held-out/);
  });

  it("trains a \"file#category\" entry on that category's rows only (held lines and traps), and refuses it on a shopper corpus or a held-out file", () => {
    const corpus = "expect\tcategory\tlang\ttext\nheld\tselfHarm\ten\ti have no reason to go on\nclean\tselfHarm\ten\tthis exam is killing me\nheld\tthreat\ten\tI know where you park\nclean\tthreat\ten\tthis deadline will kill me\nheld\tharassment\ten\tnobody asked you, go away";
    const reader = (p: string) => (p === "part.tsv" ? corpus : p === "shop.tsv" ? "expect\tlang\ttext\nclean\ten\thello" : read(p));
    const tiny = { ...settings, dim: 1 << 10, epochs: 1 };
    // The model records how many lines it learnt from: the self-harm held line and trap, not the threat's.
    const part = trainFromSettings({ ...tiny, files: ["part.tsv#selfHarm"] }, reader);
    const whole = trainFromSettings({ ...tiny, files: ["part.tsv"] }, reader);
    expect(part.trainedOn?.lines).toBe(2);
    expect(whole.trainedOn?.lines).toBe(5);
    // The model's names: its insult is a corpus's harassment.
    expect(trainFromSettings({ ...tiny, files: ["part.tsv#insult,threat"] }, reader).trainedOn?.lines).toBe(3);
    for (const bad of ["part.tsv#selfHram", "part.tsv#", "part.tsv#selfHarm#threat"]) {
      expect(() => trainFromSettings({ ...tiny, files: [bad] }, reader)).toThrow(/not one of the model's categories/);
    }
    expect(() => trainFromSettings({ ...tiny, files: ["part.tsv#sexual"] }, reader)).toThrow(/no rows of sexual/);
    expect(() => trainFromSettings({ ...tiny, files: ["shop.tsv#selfHarm"] }, reader)).toThrow(/only a category corpus/);
    expect(() => trainFromSettings({ ...settings, files: [...settings.files, `${settings.heldOut[0]!}#selfHarm`] }, read)).toThrow(/held-out/);
  });

  it("scores only categories of SPEC §12 (a corpus's harassment is an insult)", () => {
    expect(shipped.categories).toEqual(["threat", "insult", "hate", "selfHarm", "sexual", "contact"]);
    expect(parseLabelledLines("expect\tcategory\tlang\ttext\nheld\tharassment\ten\tgo away loser\nclean\tthreat\ten\tthis perfume kills")).toEqual([
      { label: "insult", text: "go away loser" }, { label: "clean", text: "this perfume kills" },
    ]);
    // Shopper corpora: clean lines only (their word and link lines are the other stages').
    expect(parseLabelledLines("expect\tlang\ttext\nclean\tfr\tBonjour\nword\tfr\tconnard")).toEqual([{ label: "clean", text: "Bonjour" }]);
  });
});

describe("category model: judging", () => {
  const f = demoFilters();

  it.each(MODEL_ONLY)("holds $text as $category when no rule does, with one hit for the whole message", ({ text, category }) => {
    const withoutModel = compileFiltersSync({ ...DEMO_LISTS, model: false }, loadBaseLexicons());
    expect(withoutModel.words(text)).toEqual([]);
    const hits = f.words(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: "classifier", category, severity: 2, match: text, start: 0, end: text.length });
    expect(hits[0]!.detail).toMatch(new RegExp(`^${category} (0\\.[5-9]\\d|1\\.00)$`));
  });

  it("adds nothing to a message the rules hold already", () => {
    const hits = f.words("je vais te casser les dents à la sortie");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.kind === "classifier")).toBe(false);
  });

  it("still judges a message a rule held for another category (a mild swear word, a competitor's name): the policy may let that hit through", () => {
    for (const { text, category } of MODEL_ONLY) {
      for (const extra of [" lol crap", ", shit", " rivalbrand"]) {
        const hits = f.words(text + extra);
        expect(hits.map((h) => h.kind)).toContain("classifier");
        expect(hits[0]).toMatchObject({ kind: "classifier", category, start: 0 });
        expect(hits.some((h) => h.kind === "word")).toBe(true);
      }
    }
  });

  it("does not judge a message whose rule hit is of one of its categories, nor one a rule held but a quotation silenced", () => {
    expect(f.words("go kill yourself").every((h) => h.kind !== "classifier")).toBe(true);
    expect(f.words("someone wrote \"go hang yourself\" under my review, reported")).toEqual([]);
  });

  it("is bound by the tenant's own exceptions: an allowed phrase or a removed built-in word in the message spares it the model", () => {
    const text = "just kys already";
    expect(f.words(text).map((h) => h.kind)).toEqual(["word"]);
    for (const lists of [{ ...DEMO_LISTS, allow: ["kys"] }, { ...DEMO_LISTS, removed: ["kys"] }]) {
      const t = compileFiltersSync(lists, loadBaseLexicons());
      expect(t.words(text)).toEqual([]);
      // Only messages with the exception: the model still judges the rest for that tenant.
      expect(t.words(MODEL_ONLY[0].text)[0]).toMatchObject({ kind: "classifier", category: "hate" });
    }
  });

  it("lets shoppers' questions through, and judges nothing in an empty or symbol-only message", () => {
    for (const t of ["is this serum fine for dry skin?", "je cherche un fond de teint pour peau mate", "does this dress come in a bigger size?", "", "?!… 🙂"]) {
      expect(f.words(t)).toEqual([]);
    }
  });

  it("is off for a tenant whose lexicon says model: false", () => {
    const off = compileFiltersSync({ ...DEMO_LISTS, model: false }, loadBaseLexicons());
    for (const { text } of MODEL_ONLY) expect(off.words(text)).toEqual([]);
  });

  it("reads features from token fingerprints: each word and pair once, then the first four and last three letters of each distinct word of five letters or more, within dim", () => {
    const slots = modelFeatures(normalize("you you you"), 1024);
    expect(slots.length).toBe(2); // the word and the pair "you you": no affixes under five letters
    expect(new Set(slots).size).toBe(2);
    // "menace menace": the word, the pair, then "<mena" and "ace>" once (a repeated word adds none).
    expect(modelFeatures(normalize("menace menace"), 1 << 16)).toHaveLength(2 + 2);
    expect(modelFeatures(normalize("menace"), 1 << 16)).toHaveLength(1 + 2);
    // Same stem, another ending: the prefix slot is shared, the suffix slot is not.
    const [, pa, sa] = modelFeatures(normalize("menacer"), 1 << 16), [, pb, sb] = modelFeatures(normalize("menacerai"), 1 << 16);
    expect(pa).toBe(pb);
    expect(sa).not.toBe(sb);
    for (const text of ["anticonstitutionnellement", "t'es une menace", "🙂 ok"]) {
      expect(modelFeatures(normalize(text), 1024).every((s) => Number.isInteger(s) && s >= 0 && s < 1024)).toBe(true);
    }
    expect(modelFeatures(normalize(""), 1024)).toEqual([]);
  });

  it("a word unseen in training still carries what its affixes learnt (a new form of a verb the corpora used)", () => {
    const lines = [
      ...["je vais te menacer", "arrête de me menacer", "il menaçait tout le monde", "on te menacera"].map((text) => ({ label: "threat" as const, text })),
      ...["je vais te conseiller", "merci de me conseiller", "il conseillait tout le monde", "la vendeuse est gentille"].map((text) => ({ label: "clean" as const, text })),
    ];
    const m = createCategoryModel(trainCategoryModel(lines, { categories: ["threat"], dim: 4096, seed: 3 }));
    // "menacerai" and "conseillerai" appear in no line: their first four letters decide.
    expect(m.scores(normalize("menacerai"))!.get("threat")!).toBeGreaterThan(m.scores(normalize("conseillerai"))!.get("threat")!);
  });

  it("reads emoji, which no word stage does, and not the skin tone of one", () => {
    const lines = [
      ...["nice 🍆", "so nice 🍆🍆", "you look nice 🍑", "nice one 🍑💦", "pretty nice 🍆"].map((text) => ({ label: "sexual" as const, text })),
      ...["nice 👍", "so nice 😀", "you look nice 🌸", "nice one ⭐", "pretty nice 👍🏿", "nice", "so nice", "you look nice"].map((text) => ({ label: "clean" as const, text })),
    ];
    const m = createCategoryModel(trainCategoryModel(lines, { categories: ["sexual"], dim: 4096, seed: 3 }));
    const p = (t: string) => m.scores(normalize(t)).get("sexual")!;
    expect(p("very nice 🍆")).toBeGreaterThan(p("very nice"));
    expect(p("very nice 🍆")).toBeGreaterThan(p("very nice 👍"));
    // The modifier is no feature: a thumbs-up of any colour scores as the plain one.
    expect(p("very nice 👍🏽")).toBe(p("very nice 👍"));
  });

  it("sums exactly the trainer's features, message after message (the stamps that count each slot once never leak)", () => {
    const k = shipped.categories.length, dim = shipped.dim;
    const w = new Int16Array(dim * k);
    const bytes = Buffer.from(shipped.weights, "base64");
    for (let o = 0; o < bytes.length; o += 4 + 2 * k) for (let c = 0; c < k; c++) w[bytes.readUInt32LE(o) * k + c] = bytes.readInt16LE(o + 4 + 2 * c);
    const expected = (text: string) => shipped.categories.map((_, c) => {
      let z = Math.round(shipped.bias[c]! * 1000);
      for (const slot of modelFeatures(normalize(text), dim)) z += w[slot * k + c]!;
      return 1 / (1 + Math.exp(-z / 1000));
    });
    const m = createCategoryModel(shipped);
    const texts = parseLabelledLines(read("test/fixtures/corpus-categories-13.tsv")).map((l) => l.text);
    // Twice over, with 70,000 made-up messages between the passes: the stamps wrap around.
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) expect([...m.scores(normalize(text)).values()], text).toEqual(expected(text));
      for (let i = 0; i < 70_000; i++) m.scores(normalize(`mot${i.toString(36)}x zq${i}`));
    }
  });

  it("settles a message by its bounds only when no category could reach the threshold: judge agrees with the scores", () => {
    const m = createCategoryModel(shipped);
    const lines = ["corpus-categories-11.tsv", "corpus-categories-13.tsv", "corpus-categories-15.tsv", "corpus-categories-162.tsv", "corpus-categories-186.tsv", "corpus-shoppers-2.tsv"]
      .flatMap((f) => parseLabelledLines(read(`test/fixtures/${f}`)));
    let judged = 0, underDefault = 0;
    for (const { text } of lines) {
      const norm = normalize(text);
      // Each category against its own threshold (hate and self-harm have lower ones); the highest such named.
      const over = [...m.scores(norm)].filter(([c, p]) => p >= (shipped.thresholds?.[c] ?? shipped.threshold));
      const hit = m.judge(norm);
      expect(hit !== undefined, text).toBe(over.length > 0);
      if (!hit) continue;
      judged++;
      const best = over.reduce((a, b) => (b[1] > a[1] ? b : a));
      expect(hit.category, text).toBe(best[0]);
      if (best[1] < shipped.threshold) underDefault++;
    }
    expect(judged).toBeGreaterThan(100);
    // Some lines are held only thanks to a category's own lower threshold: the bounds let them through to the sums.
    expect(underDefault).toBeGreaterThan(0);
  });

  it("ships its own thresholds for hate and self-harm, below the default and above the veto", () => {
    expect(shipped.thresholds).toEqual({ hate: 0.4, selfHarm: 0.3 });
    for (const t of Object.values(shipped.thresholds!)) {
      expect(t).toBeLessThan(shipped.threshold);
      expect(t).toBeGreaterThan(shipped.veto!);
    }
  });
});

/**
 * The veto (CategoryModel.doubts): a phrase template or proximity rule the model finds innocent,
 * every category below the veto and the words arguing against the rule's own category, is
 * overruled. Chosen leaving one corpus out at a time over corpora 16-83 and with the held-out
 * wave 7's totals in view: the rules' traps it drops, almost nothing held (README, "Architecture").
 * The model changes with every retraining, so most cases are read from the corpora or picked from
 * a few candidates by what the model says now, and each asserts the veto was tried.
 */
describe("category model: overruling a rule's trap", () => {
  const f = demoFilters();
  const rulesOnly = withLists({ model: false });
  const model = loadBaseLexicons().model!;
  const categories = (filters: typeof f, text: string) => filters.words(text).map((h) => h.category);
  /** The first candidate in which the model doubts `category`: the veto is tried there. */
  const doubtedIn = (category: string, candidates: readonly string[]): string => {
    const text = candidates.find((t) => model.doubts(normalize(t)).has(category as never));
    expect(text, `one of ${JSON.stringify(candidates)} doubted in ${category}`).toBeDefined();
    return text!;
  };
  /** A template's or proximity rule's detail: braces or a slot in a template, a colon in a rule's name; never a listed word. */
  const isRule = (detail: string) => /[{$~:]/.test(detail);

  it("over twelve corpora (96-107), keeps a template's hit exactly when the model does not doubt its category, and both happen", () => {
    let dropped = 0, keptThoughLow = 0;
    for (let n = 96; n <= 107; n++) {
      for (const line of parseLabelledLines(read(`test/fixtures/corpus-categories-${n}.tsv`))) {
        const rules = rulesOnly.words(line.text).filter((h) => h.category !== "contact" && model.categories.has(h.category) && isRule(h.detail));
        if (rules.length === 0) continue;
        const norm = normalize(line.text);
        const doubts = model.doubts(norm);
        const full = f.words(line.text);
        for (const h of rules) {
          const stays = full.some((x) => x.detail === h.detail && x.start === h.start && x.end === h.end);
          expect(stays, line.text).toBe(!doubts.has(h.category));
          if (!stays) dropped++;
          else if (Math.max(...model.scores(norm).values()) < shipped.veto!) keptThoughLow++;
        }
      }
    }
    expect(dropped).toBeGreaterThan(0);
    expect(keptThoughLow).toBeGreaterThan(0);
  });

  it.each([
    ["threat", [
      // (Darts, Mario Kart and bowling served until TRAPS39 silenced a threat said over a game.)
      "je vais massacrer tout le monde au karaoké avec ma nouvelle perruque lol",
      "je vais massacrer tout le monde à la pétanque avec mes nouvelles boules mdr",
      "je vais massacrer tout le monde à la soirée karaoké avec ma nouvelle perruque lol",
    ]],
    ["selfHarm", ["I'm gonna jump on this offer before it ends", "I'm going to jump on the tickets the second they go live"]],
  ])("drops a %s template the model doubts: %j", (category, candidates) => {
    const text = doubtedIn(category, candidates);
    expect(categories(rulesOnly, text)).toContain(category);
    expect(shipped.veto).toBeGreaterThan(0);
    expect(model.doubts(normalize(text)).has(category as never)).toBe(true);
    expect(f.words(text)).toEqual([]);
  });

  it("gives back the listed word a dropped template covered, in the word's own category: a cream gone off is no hate", () => {
    const text = doubtedIn("hate", [
      "ma crème c'est de la pourriture, elle a tourné en une semaine",
      "ce fromage c'est de la pourriture, il a moisi dans le frigo en deux jours",
      "le colis est arrivé trempé, la boîte c'est de la pourriture maintenant",
    ]);
    expect(categories(rulesOnly, text)).toEqual(["hate"]);
    const hits = f.words(text);
    expect(hits.map((h) => [h.category, h.detail, h.match])).toEqual([["insult", "pourriture", "pourriture"]]);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe("pourriture");
  });

  it("never overrules a listed word nor a contact detail, even where the model doubts their category", () => {
    const word = doubtedIn("insult", [
      // The model doubts even these (a delivery and a parcel, a brand and a moderator, read as
      // shop talk): why a listed word is never overruled.
      "CONNARD DE LIVREUR, IL A JETÉ MON COLIS",
      "Franchement this brand is trash et le modo est un fils de pute",
      "ENCULÉ DE MODO, VOUS SUPPRIMEZ TOUS MES MESSAGES !!!",
      "ma sœur est une andouille, elle a commandé deux fois le même pull",
      "my brother is such an idiot, he ordered the wrong size again",
    ]);
    expect(categories(f, word)).toContain("insult");
    // ("Le numéro de l'offre est 457-882-19" is no phone since CONTACT38: "numéro de" names what it numbers.)
    const number = doubtedIn("contact", [
      "Le numéro de l'offre est 06 12 34 56 78, elle apparaît plus dans mes favoris",
      "L'offre porte le numéro 457-882-19, elle apparaît plus dans mes favoris",
      "Mon ticket de caisse porte le numéro 457 882 19, ça suffit pour un échange ?",
    ]);
    expect(categories(f, number)).toEqual(["contact"]);
  });

  it("never overrules the tenant's own term, even one written like a built-in template", () => {
    // A built-in template written as a plain word ("disparais", insult) that the model doubts here;
    // the same word as the tenant's term is the tenant's rule, never the model's to overrule. (The
    // hate template "remigration" served until the hate-focused corpora taught the model the word.)
    const text = doubtedIn("insult", [
      "la tache sur mon pull : disparais ! le détachant marche super bien",
      "mes cernes, disparais ! cette crème fait des miracles, livraison rapide merci",
      "le magicien crie « disparais » et le lapin sort du chapeau, le coffret est top",
    ]);
    expect(categories(rulesOnly, text)).toEqual(["insult"]);
    expect(categories(f, text)).toEqual([]);
    const tenant = withLists({ terms: [...DEMO_LISTS.terms, "disparais"], tags: { disparais: { category: "insult", severity: 2 } } });
    expect(tenant.words(text).map((h) => [h.category, h.match])).toEqual([["insult", "disparais"]]);
  });

  it("drops only the doubted hit: the others stay, in text order, each once", () => {
    const text = doubtedIn("selfHarm", [
      "rivalbrand : I'm gonna jump on this offer before it ends, merci rivalbrand",
      "rivalbrand, I'm going to jump on the tickets the second they go live, thanks rivalbrand",
    ]);
    expect(categories(rulesOnly, text)).toEqual(["competitor", "selfHarm", "competitor"]);
    const hits = f.words(text);
    expect(hits.map((h) => [h.category, h.start])).toEqual([["competitor", 0], ["competitor", text.lastIndexOf("rivalbrand")]]);
  });

  it("is off with the model: a tenant with model: false keeps every rule's hit", () => {
    expect(categories(rulesOnly, "I'm gonna jump on this offer before it ends")).toEqual(["selfHarm"]);
    expect(categories(rulesOnly, "je vais massacrer tout le monde au karaoké avec ma nouvelle perruque lol")).toEqual(["threat"]);
  });

  it("doubts nothing when a category reaches the veto, and a model without a veto never doubts", () => {
    expect(model.doubts(normalize("je vais te tuer, je sais où tu habites"))).toEqual(new Set());
    const noVeto = createCategoryModel({ ...shipped, veto: undefined });
    expect(noVeto.doubts(normalize("je vais massacrer tout le monde au karaoké avec ma nouvelle perruque lol"))).toEqual(new Set());
  });
});

describe("category model: training and the file format", () => {
  const lines = [
    ...["I will hurt you badly", "you will get hurt tonight", "I am going to hurt you"].map((text) => ({ label: "threat" as const, text })),
    ...["this cream hurts nobody", "the price hurts a bit", "lovely colour tonight", "shipping was fast"].map((text) => ({ label: "clean" as const, text })),
  ];

  it("is deterministic for a seed, and learns a tiny corpus", () => {
    const a = trainCategoryModel(lines, { categories: ["threat"], dim: 4096, seed: 7 });
    expect(trainCategoryModel(lines, { categories: ["threat"], dim: 4096, seed: 7 })).toEqual(a);
    const m = createCategoryModel(a);
    expect(m.judge(normalize("I will hurt you"))?.category).toBe("threat");
    expect(m.judge(normalize("shipping was fast"))).toBeUndefined();
  });

  it("judges a category by its own threshold where it has one, the bounds included", () => {
    const data = trainCategoryModel(lines, { categories: ["threat", "insult"], dim: 4096, seed: 7 });
    // A message the model is unsure of: its threat probability, somewhere between the two cuts tried.
    const norm = normalize("you will hurt the price");
    const p = createCategoryModel(data).scores(norm).get("threat")!;
    expect(p).toBeGreaterThan(0.02);
    expect(p).toBeLessThan(0.98);
    const under = createCategoryModel({ ...data, threshold: 0.99, thresholds: { threat: p - 0.01 } }).judge(norm);
    expect(under?.category).toBe("threat");
    expect(createCategoryModel({ ...data, threshold: 0.99, thresholds: { threat: p + 0.01 } }).judge(norm)).toBeUndefined();
    // The other category keeps the default: a lower threshold of one category lends the other nothing.
    const pi = createCategoryModel(data).scores(norm).get("insult")!;
    expect(createCategoryModel({ ...data, threshold: 0.99, thresholds: { insult: pi * 0.9 } }).judge(norm)?.category).toBe("insult");
    expect(createCategoryModel({ ...data, threshold: 0.99, thresholds: { insult: pi * 1.1 } }).judge(norm)).toBeUndefined();
  });

  it("refuses a malformed file with a clear error", () => {
    const good = trainCategoryModel(lines, { categories: ["threat"], dim: 4096 });
    const bad = (patch: Partial<CategoryModelData> | Record<string, unknown>) => () => createCategoryModel({ ...good, ...patch } as CategoryModelData);
    expect(bad({ format: 1 })).toThrow(/format/);
    expect(bad({ format: 3 })).toThrow(/format/);
    expect(bad({ dim: 1000 })).toThrow(/power of two/);
    expect(bad({ categories: ["harassment"] })).toThrow(/unknown category/);
    expect(bad({ bias: [] })).toThrow(/one bias per category/);
    expect(bad({ threshold: 1 })).toThrow(/probability/);
    expect(bad({ veto: 0.5 })).toThrow(/veto/);
    expect(bad({ veto: -0.1 })).toThrow(/veto/);
    expect(bad({ thresholds: { hate: 0.4 } })).toThrow(/does not judge/);
    expect(bad({ thresholds: { threat: 1.5 } })).toThrow(/probability/);
    expect(bad({ thresholds: { threat: "0.4" } } as unknown as Partial<CategoryModelData>)).toThrow(/probability/);
    expect(bad({ veto: 0.3, thresholds: { threat: 0.2 } })).toThrow(/veto 0.3 is not a probability below the threshold 0.2/);
    expect(() => trainCategoryModel(lines, { categories: ["threat"], dim: 4096, thresholds: { hate: 0.4 } })).toThrow(/does not judge/);
    expect(() => trainCategoryModel(lines, { categories: ["threat"], dim: 4096, veto: 0.7 })).toThrow(/veto/);
    expect(bad({ weights: Buffer.from([1, 2, 3]).toString("base64") })).toThrow(/whole entries/);
    const slot20 = new Float32Array(21); slot20[20] = 1;
    expect(bad({ dim: 16, weights: packWeights(slot20, 21, 1) })).toThrow(/beyond dim/);
  });
});
