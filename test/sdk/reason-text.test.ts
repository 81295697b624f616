import { describe, expect, it } from "vitest";
import { reasonText } from "../../client-sdk/src/admin-app/explain.ts";
import { adminStrings } from "../../client-sdk/src/admin-app/i18n.ts";

/** The back office's queue reasons in words (explain.ts), for the hits a manager reads most. */
describe("reasonText", () => {
  const en = adminStrings("en"), fr = adminStrings("fr");

  it("names a listed term with what was written and its grade", () => {
    expect(reasonText(en, { kind: "word", detail: "connard", match: "c0nnard", category: "insult", severity: 2 }))
      .toBe("Blocked term “connard” (written “c0nnard”) · Insults, severity 2");
  });

  it("says what coded hate is rather than its code (codes.ts: \"code 1488\", \"echo\")", () => {
    expect(reasonText(en, { kind: "word", detail: "code 1488", match: "14/88", category: "hate", severity: 4 }))
      .toBe("Coded hate: the number sign “1488” (written “14/88”) · Hate, severity 4");
    expect(reasonText(en, { kind: "word", detail: "code 1488", match: "1488", category: "hate", severity: 4 })).not.toContain("written");
    expect(reasonText(fr, { kind: "word", detail: "echo", match: "(((eux)))", category: "hate", severity: 3 }))
      .toMatch(/^Haine codée : triples parenthèses .* \(écrit « \(\(\(eux\)\)\) »\) · .*, gravité 3$/);
    // A tenant's own term that looks like a code's detail is still a term.
    expect(reasonText(en, { kind: "word", detail: "code promo", match: "code promo" })).toBe("Blocked term “code promo”");
  });
});
