import { describe, expect, it } from "vitest";
import { GluedWords } from "../../server/filters/glued-words.ts";
import { LexiconBuilder } from "../../server/filters/lexicon.ts";
import { normalize } from "../../server/filters/normalize.ts";
import { heldByRules as held, withLists } from "./demo-filters.ts";

/** The rules alone (withLists with the model off), for the quoted span. */
const rules = withLists({ model: false });

describe("phrases written as one word (the rules alone)", () => {
  it.each([
    ["killyourself", "selfHarm"], ["#killyourself", "selfHarm"], ["go killyourself lol", "selfHarm"],
    ["iwillkillyou", "threat"], ["imgonnabreakurlegs so u cant walk", "threat"], ["nobodywouldmissyou", "selfHarm"],
    ["hangyourself", "selfHarm"], ["vatependre", "selfHarm"], ["pendstoi avec ton chargeur", "selfHarm"],
    ["jevaistetuer", "threat"], ["jvaistecrever ce soir", "threat"], ["salepute", "insult"], ["tagueule", "insult"],
    ["fermetagueule", "insult"], ["gotohell", "insult"], ["KillYourSelf", "selfHarm"],
    // A cut found after many others ("im|going|tok|ill|you" comes first); doubled vowels, read as written.
    ["imgoingtokillyou", "threat"], ["vatefaireenculer", "insult"], ["shootyourself", "selfHarm"], ["goshootyourself", "selfHarm"],
  ])("holds %j (%s)", (text, category) => {
    expect(held(text)).toContain(category);
  });

  it.each([
    // Long words that cut into phrase words, and phrases glued in friendship.
    "therapist", "moisturizer", "malheureusement", "understandable", "grapefruit", "assassination", "Scunthorpe",
    "demaquillage", "recommended", "technique", "enceintes", "undertones", "iloveyou", "jetaime", "mercibeaucoup",
    "bonnejournee", "seeyousoon", "killingit", "thankyou", "youarethebest", "Ce démaquillant est top, je le recommande",
    "latitudes", "rehearse", "remortgage", "centipede", "cockles", "cumulates",
    // What surrounds the word counts as it does spaced out: a negation, quotation, a clause's start.
    "please dont killyourself", "never iwillkillyou", "he texted me \"gokillyourself\", reported",
    "the horse won the jumpoff", "i wanna jumpoff the diving board", "ce vieux pc vacrever bientot",
  ])("lets %j through", (text) => {
    expect(held(text)).toEqual([]);
  });

  it("quotes the glued word as written, not the phrase it reads", () => {
    const [hit] = rules.words("lol #KillYourself");
    expect(hit).toMatchObject({ match: "KillYourself", category: "selfHarm", start: 5, end: 17 });
  });

  it("reads a glued word far into a long message as it reads one at the start (only the words around it are walked)", () => {
    // Short words (a long one may be cut too, and spend the message's budget of cuts): 60 words before the glued one.
    const filler = "the box was open and the gel was fine, ".repeat(6) + "but the cap was loose and it was not sealed. ".repeat(3);
    const long = (tail: string) => filler + tail;
    const [hit] = rules.words(long("killyourself"));
    expect(hit).toMatchObject({ match: "killyourself", category: "selfHarm", start: filler.length });
    expect(held(long("please dont killyourself"))).toEqual([]);
    expect(held(long("he texted me \"gokillyourself\", reported"))).toEqual([]);
    expect(held(long("getlost"))).toContain("insult");
    expect(held(filler + "why would anyone getlost in this shop")).toEqual([]);
  });

  it("reads a word inside a word never: the phrase must cover the whole word", () => {
    // Both cut into a phrase ("go to hell", « de cons ») with letters left over.
    expect(held("#gotohellskitchen tonight")).toEqual([]);
    expect(held("Déconsignés hier au magasin")).toEqual([]);
    expect(held("gotohell")).toContain("insult");
  });
});

describe("GluedWords", () => {
  const g = GluedWords.of(
    ["kill", "you", "yourself", "your", "self", "i", "will", "go", "to", "hell", "the", "rapist", "therapist"],
    [[["kill", "go"], ["yourself", "hell"]], [["i"], ["you"]]],
    (w) => ["kill", "you", "yourself", "your", "self", "i", "will", "go", "to", "hell", "the", "rapist"].includes(w),
  );

  it("cuts a glued phrase into its words, longest pieces first", () => {
    expect(g.cuts("killyourself")?.[0]).toEqual(["kill", "yourself"]);
    expect(g.cuts("iwillkillyou")?.[0]).toEqual(["i", "will", "kill", "you"]);
  });

  it("cuts only where a phrase may start and end: a word of its phrases first and last", () => {
    // "the" + "rapist" are words, but no phrase starts with "the" and ends with "rapist".
    expect(g.cuts("therapist")).toBeUndefined();
    expect(g.cuts("yourselfkill")).toBeUndefined();
  });

  it("leaves short words, long runs, and anything but letters alone", () => {
    expect(g.cuts("gohell")).toBeUndefined(); // under GLUED_MIN letters
    expect(g.cuts("kill".repeat(11) + "yourself")).toBeUndefined();
    expect(g.cuts("kill-yourself")).toBeUndefined();
    expect(g.cuts("kill4yourself")).toBeUndefined();
  });

  it("offers a bounded number of cuts however many ways a word cuts, and cuts a bounded number of words", () => {
    const words = ["ta", "tat", "at", "a", "kill"];
    const ta = GluedWords.of(words, [[["ta"], ["kill"]]], (w) => words.includes(w));
    let offers = 0;
    ta.eachCut("tatatatatatatatatatatakill", () => { offers++; return false; }, { programmes: 1 });
    expect(offers).toBeGreaterThan(1);
    expect(offers).toBeLessThanOrEqual(32);
    const budget = { programmes: 1 };
    expect(g.eachCut("killyourself", () => true, budget)).toBe(true);
    expect(g.eachCut("killyourself", () => true, budget)).toBe(false);
  });

  it("never answers a cut whose pieces the lexicon does not hold (its bit sets only say they may be)", () => {
    const strict = GluedWords.of(["kill", "yourself"], [[["kill"], ["yourself"]]], () => false);
    expect(strict.cuts("killyourself")).toBeUndefined();
  });
});

describe("the switch", () => {
  it("a builder told noGluedWords() reads no glued phrase", () => {
    const on = new LexiconBuilder(), off = new LexiconBuilder();
    off.noGluedWords();
    for (const b of [on, off]) {
      b.categorize("kill yourself", { category: "selfHarm", severity: 4 });
      b.add("kill yourself");
    }
    const text = normalize("killyourself");
    expect(on.build().match(text).map((h) => h.category)).toEqual(["selfHarm"]);
    expect(off.build().match(text)).toEqual([]);
  });

  it("is refused over a shared build, like every change but words", () => {
    const shared = new LexiconBuilder().buildShared();
    let s = shared.next();
    while (!s.done) s = shared.next();
    expect(() => new LexiconBuilder(s.value).noGluedWords()).toThrow(/build of its own/);
  });
});
