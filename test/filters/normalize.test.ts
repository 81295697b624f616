import { describe, expect, it } from "vitest";
import { DECORATED_LATIN } from "../../server/filters/decorated-latin.ts";
import { normalize } from "../../server/filters/normalize.ts";

const keys = (text: string) => normalize(text).tokens.map((t) => t.key);

describe("normalize", () => {
  it("lists the emoji and pictographs for the category model, without skin-tone modifiers", () => {
    expect(normalize("ok 👍🏿 ❤️ 🐒 ⭐ café").pictographs).toEqual([0x1f44d, 0x2764, 0x1f412, 0x2b50]);
    expect(normalize("plain text, é à ü").pictographs).toEqual([]);
  });

  it("folds compatibility forms: fullwidth and mathematical letters", () => {
    expect(normalize("ｆｕｃｋ").folded).toBe("fuck");
    expect(normalize("𝐟𝐮𝐜𝐤 𝓯𝓾𝓬𝓴").folded).toBe("fuck fuck");
    expect(normalize("ﬁne").folded).toBe("fine");
  });

  it("folds case and accents", () => {
    expect(normalize("ÉNCULÉ Pétasse").folded).toBe("encule petasse");
    expect(normalize("e\u0301").folded).toBe("e"); // combining accent
  });

  it("maps Cyrillic and Greek look-alikes to Latin", () => {
    expect(normalize("рutе").folded).toBe("pute"); // Cyrillic р, е
    expect(normalize("ѕhіt").folded).toBe("shit");
    expect(normalize("αssοle").folded).toBe("assole"); // Greek α, ο
    // Capitals by their own shape: "Η" is an H (small "η" stays an n), "Μ" an M, "Ν" an N, "Υ" a Y.
    expect(normalize("ΒΙΤCΗ").folded).toBe("bitch");
    expect(normalize("ΜΕRDΕ ΝΥ").folded).toBe("merde ny");
    expect(normalize("ηuμ").folded).toBe("nuu");
  });

  it("folds Latin letters with hooks, strokes, bars, descenders and small capitals", () => {
    expect(normalize("ƈɗꞓɓ ƇƊꞒƁ").folded).toBe("cdcb cdcb");
    expect(normalize("ⱨⱪⱬ ꜰᴜᴄᴋ ɨʉ ȿɫᵽ").folded).toBe("hkz fuck iu slp");
    // Letters of real alphabets fold too: the lexicon, not the folding, keeps their words clean.
    expect(normalize("łódź smør đẹp").folded).toBe("lodz smor dep");
  });

  it("the generated table holds only letters NFKD leaves alone, by a base letter a-z", () => {
    const all = Object.entries(DECORATED_LATIN).flatMap(([base, chars]) => [...chars].map((ch) => [base, ch]));
    expect(all.length).toBeGreaterThan(200);
    for (const [base, ch] of all) {
      expect(base).toMatch(/^[a-z]$/);
      expect(ch).toMatch(/^\p{L}$/u);
      expect(ch.normalize("NFKD").replace(/\p{M}/gu, "")).toBe(ch);
    }
  });

  it("removes invisible characters", () => {
    for (const inv of ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060"]) {
      expect(keys(`fu${inv}ck`)).toEqual(["fuck"]);
    }
  });

  it("reads leetspeak, with both readings of 1", () => {
    expect(keys("c0nn4rd m3rde 5alope sh!t a$$ @ss 7ard")).toEqual(["connard", "merde", "salope", "shit", "ass", "ass", "tard"]);
    const one = normalize("b1tch").tokens[0];
    expect(one.key).toBe("bitch");
    expect(one.alts).toEqual(["bltch"]);
  });

  it("reads a 9 as a g only with a letter after it: a name's or a price's trailing digits stay digits", () => {
    expect(keys("ni99a fa99ot 9ay")).toEqual(["nigga", "faggot", "gay"]);
    expect(keys("wattfixer99 s9")).toEqual(["wattfixer99", "s9"]);
    expect(normalize("$149.99").tokens.map((t) => t.key)).not.toContain("slag");
  });

  it("caps stretched letters at two and gives the collapsed form", () => {
    const t = normalize("fuuuuuck").tokens[0];
    expect(t.key).toBe("fuuck");
    expect(t.collapsed).toBe("fuck");
    expect(normalize("putaaaain").tokens[0].collapsed).toBe("putain");
    expect(normalize("conaaaard").tokens[0].collapsed).toBe("conard");
    // Doubled consonants are spelling, not emphasis.
    expect(normalize("assess").tokens[0].collapsed).toBeUndefined();
  });

  it("keeps masks for the matcher", () => {
    expect(normalize("f*ck").tokens[0].maskKey).toBe("f*ck");
    expect(normalize("f@ck").tokens[0].maskKey).toBe("f*ck");
    expect(normalize("*important*").tokens[0].key).toBe("important");
  });

  it("splits on separators and elisions, and skips numbers", () => {
    expect(keys("t'es l’enculé, 24,90 € v2.0")).toEqual(["t", "es", "l", "encule", "v2"]);
    expect(keys("c.o.n")).toEqual(["c", "o", "n"]);
    expect(keys("2024 100")).toEqual([]);
  });

  it("keeps a lone digit or symbol as a letter only inside a spelled or split word", () => {
    expect(keys("c.0.n.n")).toEqual(["c", "o", "n", "n"]);
    expect(keys("0 n n")).toEqual(["o", "n", "n"]);
    expect(keys("sal.0.pe")).toEqual(["sal", "o", "pe"]);
    expect(normalize("b.1.t").tokens[1].alts).toEqual(["l"]);
    expect(keys("3 x 5 cm")).toEqual(["x", "cm"]);
    expect(keys("taille 3 ou 4, v2.0.1")).toEqual(["taille", "ou", "v2"]);
  });

  it("maps folded ranges back to the original text", () => {
    const text = "Ｃ０ＮＮＡＲＤ ﬁn Straße";
    const n = normalize(text);
    const [a, b, c] = n.tokens;
    expect(text.slice(...n.toOriginal(a.s, a.e))).toBe("Ｃ０ＮＮＡＲＤ");
    expect(text.slice(...n.toOriginal(b.s, b.e))).toBe("ﬁn");
    expect(text.slice(...n.toOriginal(c.s, c.e))).toBe("Straße");
    const emoji = "😀 f\u200bu\u200bck";
    const m = normalize(emoji);
    const t = m.tokens[0];
    expect(emoji.slice(...m.toOriginal(t.s, t.e))).toBe("f\u200bu\u200bck");
  });
});
