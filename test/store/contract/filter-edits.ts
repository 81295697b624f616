import { beforeEach, describe, expect, it } from "vitest";
import { EMPTY_FILTER_EDITS } from "../../../server/store/filter-edits/filter-edit-store.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A } from "./fixtures.ts";

/** The filter-edit port: patches as sets, a version bumped on every change. */
export function filterEditContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("filter edits", () => {
    it("applies patches as sets and bumps the version", async () => {
      expect(await stores.filterEdits.getFilterEdits(A)).toStrictEqual(EMPTY_FILTER_EDITS);
      const v1 = await stores.filterEdits.updateFilterEdits(A, { added: { add: ["rival", "brand x", "rival"] }, linkBlock: { add: ["bad.example"] } });
      expect(v1).toStrictEqual({ ...EMPTY_FILTER_EDITS, added: ["rival", "brand x"], linkBlock: ["bad.example"], version: 1 });
      const v2 = await stores.filterEdits.updateFilterEdits(A, { added: { add: ["zed"], remove: ["rival", "never"] }, allow: { add: ["classe"] } });
      expect(v2).toStrictEqual({ ...v1, added: ["brand x", "zed"], allow: ["classe"], version: 2 });
      expect(await stores.filterEdits.getFilterEdits(A)).toStrictEqual(v2);
      expect((await stores.filterEdits.updateFilterEdits(A, {})).version).toBe(3);
      const raced = await Promise.all(Array.from({ length: 5 }, (_, i) => stores.filterEdits.updateFilterEdits(A, { removed: { add: [`w${i}`] } })));
      expect(raced.map((e) => e.version).sort()).toStrictEqual([4, 5, 6, 7, 8]);
      expect((await stores.filterEdits.getFilterEdits(A)).removed.sort()).toStrictEqual(["w0", "w1", "w2", "w3", "w4"]);
    });
  });
}
