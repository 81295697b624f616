import { describe, expect, it } from "vitest";
import { normalize } from "../../server/filters/normalize.ts";
import { demoFilters, withLists } from "./demo-filters.ts";

/**
 * A tenant's build lays its words over the shared nodes (copying those it passes through), and the
 * spelled-out reading is made once per message for both the lexicon and the proximity rules:
 * neither may hide a word or change another tenant's walk.
 */
describe("lexicon walk filters", () => {
  it("a tenant's phrase that goes on from a built-in phrase's words is found, and the built-in one still is", () => {
    const f = withLists({ terms: ["rivalbrand", "fils de rivalbrand", "zorblax"] });
    expect(f.words("quel fils de rivalbrand celui-là").map((h) => h.detail)).toContain("fils de rivalbrand");
    expect(f.words("espèce de fils de pute").length).toBeGreaterThan(0);
    // A tenant's own root word, looked up by its fingerprint.
    expect(f.words("encore un zorblax").map((h) => h.detail)).toContain("zorblax");
    // The demo tenant has no such phrase: the shared nodes are not changed by another tenant's build.
    expect(demoFilters().words("quel fils de rivalbrand celui-là").map((h) => h.detail)).not.toContain("fils de rivalbrand");
  });

  it("a word with another reading (emphasis, leetspeak) still goes on along a phrase", () => {
    const f = withLists({ terms: ["rivalbrand", "glow rival"] });
    expect(f.words("so glow rivaaal").map((h) => h.detail)).toContain("glow rival");
  });
});

describe("spelled-out reading", () => {
  it("is made once per message and shared", () => {
    const n = normalize("k i l l yourself now");
    const once = n.respelled();
    expect(once?.map((t) => t.key)).toEqual(["kill", "yourself", "now"]);
    expect(n.respelled()).toBe(once);
  });

  it("is undefined when no two one-letter words follow each other", () => {
    expect(normalize("a nice day").respelled()).toBeUndefined();
  });
});
