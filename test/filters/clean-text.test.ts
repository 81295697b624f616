import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanName, cleanText, hasVisibleContent, MAX_NAME_LENGTH } from "../../server/filters/clean-text.ts";

/** Any UTF-16 string, lone surrogates and controls included, with bidi, zero-width, tag and mark characters mixed in. */
const nasty = fc.array(fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
  fc.constantFrom("\u202E", "\u2066", "\u200B", "\u200D", "\u0000", "\u0301", "\u0334", "\uFE0F", "\u{E0041}", "\u{E007F}", "🏴", "👩‍💻", "\u3164", "\n", "\r", " "),
), { maxLength: 80 }).map((parts) => parts.join(""));

describe("cleanText and cleanName", () => {
  it("cleaning is idempotent: what was shown once is shown the same after a second pass", () => {
    fc.assert(fc.property(nasty, fc.boolean(), (raw, lines) => {
      const once = cleanText(raw, { lines });
      expect(cleanText(once, { lines })).toBe(once);
    }));
  });

  it("a cleaned text holds no control, bidi override, lone surrogate or stray tag, and no stack of more than 4 marks", () => {
    fc.assert(fc.property(nasty, (raw) => {
      const t = cleanText(raw);
      expect(t).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B]/);
      expect(t).not.toMatch(/[\uD800-\uDFFF]/u);
      expect(t.replace(/\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{3,5}\u{E007F}/gu, "")).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
      expect(t).not.toMatch(/(?:\p{M}[\p{Cf}]*){5}/u);
    }));
  });

  it("a name is one line, at most 64 characters, never empty, never invisible", () => {
    fc.assert(fc.property(nasty, (raw) => {
      const name = cleanName(raw, "fallback");
      expect(name).not.toMatch(/[\n\r\t]/);
      expect([...name].length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(hasVisibleContent(name)).toBe(true);
      expect(name).toBe(name.trim());
    }));
  });

  it("a long name is cut between characters, never inside an emoji or between a letter and its accent", () => {
    expect(cleanName(`${"a".repeat(63)}e\u0334\u0335`, "x")).toBe("a".repeat(63));
    expect(cleanName(`${"a".repeat(62)}🇫🇷🇧🇪`, "x")).toBe(`${"a".repeat(62)}🇫🇷`);
    expect(cleanName(`${"a".repeat(63)}🇫🇷`, "x")).toBe("a".repeat(63));
    expect(cleanName(`${"a".repeat(60)}🇫🇷🇧🇪`, "x")).toBe(`${"a".repeat(60)}🇫🇷🇧🇪`);
  });
});
