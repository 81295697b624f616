import { describe, expect, it } from "vitest";
import type { FilterHit } from "../../server/filters/types.ts";

/** Lines a family of rules must hold, and the traps next to them it must let through. */
export type HeldAndClean = Record<string, { held: readonly string[]; clean: readonly string[] }>;

/** One describe per family: each held line gives at least one hit (any category), each clean line none. */
export function describeHeldAndClean(title: string, families: HeldAndClean, hits: (text: string) => FilterHit[]): void {
  describe.each(Object.entries(families))(title, (_family, { held, clean }) => {
    it.each(held)("holds %j", (text) => {
      expect(hits(text).length).toBeGreaterThan(0);
    });
    it.each(clean)("lets %j through", (text) => {
      expect(hits(text)).toEqual([]);
    });
  });
}
