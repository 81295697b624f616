import { describe, expect, it } from "vitest";
import { GluedWords } from "../../server/filters/glued-words.ts";
import { LexiconBuilder } from "../../server/filters/lexicon.ts";
import { normalize } from "../../server/filters/normalize.ts";
import { withLists } from "./demo-filters.ts";

/** The rules alone: the category model's hits would say nothing about the lexicon's reading. */
const rules = withLists({ model: false });
const held = (text: string) => [...rules.words(text), ...rules.links(text)].map((h) => h.category);

describe("phrases written as one word (the rules alone)", () => {
  it.each([
    ["killyourself", "selfHarm"], ["#killyourself", "selfHarm"], ["go killyourself lol", "selfHarm"],
    ["iwillkillyou", "threat"], ["imgonnabreakurlegs so u cant walk", "threat"], ["nobodywouldmissyou", "selfHarm"],
    ["hangyourself", "selfHarm"], ["vatependre", "selfHarm"], ["pendstoi avec ton chargeur", "selfHarm"],
    ["jevaistetuer", "threat"], ["jvaistecrever ce soir", "threat"], ["salepute", "insult"], ["tagueule", "insult"],
    ["fermetagueule", "insult"], ["gotohell", "insult"], ["KillYourSelf", "selfHarm"],
  ])("holds %j (%s)", (text, category) => {
    expect(held(text)).toContain(category);
  });

  it.each([
    // Long words that cut into phrase words, and phrases glued in friendship.
    "therapist", "moisturizer", "malheureusement", "understandable", "grapefruit", "assassination", "Scunthorpe",
    "demaquillage", "recommended", "technique", "enceintes", "undertones", "iloveyou", "jetaime", "mercibeaucoup",
    "bonnejournee", "seeyousoon", "killingit", "thankyou", "youarethebest", "Ce démaquillant est top, je le recommande",
  ])("lets %j through", (text) => {
    expect(held(text)).toEqual([]);
  });

  it("quotes the glued word as written, not the phrase it reads", () => {
    const [hit] = rules.words("lol #KillYourself");
    expect(hit).toMatchObject({ match: "KillYourself", category: "selfHarm", start: 5, end: 17 });
  });

  it("reads a word inside a word never: the phrase must span two pieces or more", () => {
    // "ass" and "hole" are words of the lexicon's phrases; "asshat" is listed, "classhole" is not a cut of a phrase.
    expect(held("my classhole teacher")).toEqual([]);
    expect(held("passholder benefits")).toEqual([]);
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
