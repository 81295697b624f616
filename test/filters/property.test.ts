import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMemorySpamWindow, createSpamDetector } from "../../server/filters/spam.ts";
import { demoFilters } from "./demo-filters.ts";

/** Any UTF-16 units, lone surrogates included, biased towards the characters the engine treats specially. */
const nasty = fc.array(fc.oneof(
  fc.integer({ min: 0, max: 0xffff }),
  fc.constantFrom(...[..."aeiouconardfuck.-_*@$!1 3'’\u200b\u00ad(.)[]/:"].map((c) => c.charCodeAt(0))),
), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));

describe("properties", () => {
  it("never throws on random Unicode, and hits always quote the original text", async () => {
    const f = demoFilters();
    const spam = createSpamDetector({ repeatsPerUser: 2, raidUsers: 3, windowSec: 60 }, createMemorySpamWindow());
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), nasty), async (text) => {
      for (const h of [...f.words(text), ...f.links(text)]) {
        expect(h.start).toBeGreaterThanOrEqual(0);
        expect(h.end).toBeLessThanOrEqual(text.length);
        expect(text.slice(h.start, h.end)).toBe(h.match);
      }
      await spam.check({ tenant: "t", room: "r", userId: "u", text, now: 0 });
    }), { numRuns: 500 });
  });

  it("processing time is linear in the message length", () => {
    const f = demoFilters();
    fc.assert(fc.property(fc.string({ unit: "grapheme", minLength: 50, maxLength: 200 }), (chunk) => {
      const small = chunk.repeat(Math.ceil(2000 / chunk.length)).slice(0, 2000);
      const large = chunk.repeat(Math.ceil(20_000 / chunk.length)).slice(0, 20_000);
      const perChar = (text: string) => {
        let best = Infinity;
        for (let round = 0; round < 5; round++) {
          const t0 = performance.now();
          for (let i = 0; i < 3; i++) { f.words(text + i); f.links(text + i); }
          best = Math.min(best, (performance.now() - t0) / 3);
        }
        return best / text.length;
      };
      perChar(small); // warm-up
      const ratio = perChar(large) / Math.max(perChar(small), 1e-6);
      expect(ratio).toBeLessThan(5);
    }), { numRuns: 15 });
  });
});
