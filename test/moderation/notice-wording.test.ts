import { describe, expect, it } from "vitest";
import type { Notice } from "../../client-sdk/src/index.ts";
import { parseConfig } from "../../server/config/load.ts";
import { DSA_CATEGORIES } from "../../client-sdk/src/protocol.ts";
import { explain, ruleWording } from "../../server/moderation/notice-wording.ts";
import { testConfig } from "../support/config.ts";
import { startModServer } from "./support.ts";
import { waitFor } from "../support/wait.ts";

const TERMS = "https://acme.example/regles";

/** Issue 27: per-category and per-kind explanation templates, with built-in wording for every category. */
describe("notice wording", () => {
  it("has its own words for every DSA category, in French and in English", () => {
    for (const category of DSA_CATEGORIES) {
      const en = ruleWording(category, "en");
      const fr = ruleWording(category, "fr");
      expect(en, category).toMatch(/\p{L}{3}/u);
      expect(fr, category).toMatch(/\p{L}{3}/u);
      expect(fr, category).not.toBe(en);
      const removed = explain({ kind: "message_removed", source: "manager", category }, "fr");
      expect(removed).toContain(fr);
    }
  });

  it("a tenant's template for a kind wins over one for a category, which wins over the default; placeholders are filled", () => {
    const templates = {
      fr: { banned: "Exclu jusqu'au {until} pour {rule}. Règles : {terms}", violence: "Violence dans {room}. {reason}" },
      en: { scams_and_fraud: "Scam in {room}. See {terms}" },
    };
    const until = Date.UTC(2027, 0, 2, 3, 4);
    expect(explain({ kind: "banned", source: "manager", category: "violence", until, termsUrl: TERMS }, "fr", templates))
      .toBe(`Exclu jusqu'au 02/01/2027 à 03:04 UTC pour menaces ou violence. Règles : ${TERMS}`);
    expect(explain({ kind: "message_removed", source: "manager", category: "violence", room: "faq", reason: "menace" }, "fr", templates))
      .toBe("Violence dans faq. menace");
    expect(explain({ kind: "message_removed", source: "manager", category: "scams_and_fraud", room: "faq", termsUrl: TERMS }, "en", templates))
      .toBe(`Scam in faq. See ${TERMS}`);
    // No English template for violence: the built-in English sentence stays.
    expect(explain({ kind: "message_removed", source: "manager", category: "violence" }, "en", templates)).toMatch(/^A community manager removed your message/);
    // A permanent ban has no end: {until} is left empty rather than printed raw.
    expect(explain({ kind: "banned", source: "manager", category: "violence" }, "fr", templates)).not.toContain("{");
  });

  it("the config refuses an unknown placeholder, an unknown key or an empty template, naming the field", () => {
    const bad = [
      { fr: { banned: "Exclu {forever}" } },
      { fr: { not_a_category: "x" } },
      { en: { muted: "   " } },
      { de: { muted: "Stumm" } },
    ];
    for (const explanations of bad) {
      expect(() => parseConfig({ ...testConfig(), tenants: [{ ...testConfig().tenants[0]!, moderation: { explanations } }] }), JSON.stringify(explanations))
        .toThrow(/explanations/);
    }
    const ok = parseConfig({ ...testConfig(), tenants: [{ ...testConfig().tenants[0]!, moderation: { explanations: { en: { violence: "No violence in {room}" } } } }] });
    expect(ok.tenants[0]!.moderation.explanations).toEqual({ en: { violence: "No violence in {room}" } });
    expect(parseConfig(testConfig()).tenants[0]!.moderation.explanations).toEqual({});
  });

  it("the notice service uses the tenant's template for a live notice", async () => {
    const s = await startModServer(testConfig({
      acme: { moderation: { termsUrl: TERMS, explanations: { en: { muted: "Muted until {until}. Our rules: {terms}" } } } },
    }));
    try {
      const admin = await s.admin();
      const user = await s.chat({ role: "member", sub: "tpl-1" });
      const notice = waitFor<Notice>(user, "moderation:notice", (n) => n.kind === "muted");
      await admin.mute("tpl-1", 600, "calm down please");
      expect((await notice).explanation).toMatch(new RegExp(`^Muted until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\. Our rules: ${TERMS.replace(/[./]/g, "\\$&")}$`));
    } finally {
      await s.close();
    }
  });
});
