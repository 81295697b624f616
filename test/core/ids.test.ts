import { afterEach, describe, expect, it, vi } from "vitest";
import { newId } from "../../server/ids.ts";

describe("newId", () => {
  afterEach(() => vi.restoreAllMocks());

  it("makes ids that sort in the order they were made, within one millisecond too", () => {
    vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000);
    const ids = Array.from({ length: 5000 }, () => newId("m_"));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^m_[0-9a-z]{12}[A-Za-z0-9_-]{8}$/);
  });

  it("never goes back when the clock does, nor when one millisecond runs out of counter", () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_800_000_000_000);
    const ids = [newId()];
    now.mockReturnValue(1_799_999_999_000); // the clock steps back a second
    for (let i = 0; i < 50_000; i++) ids.push(newId()); // more than one millisecond's counter
    now.mockReturnValue(1_800_000_000_500);
    ids.push(newId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps any short prefix whole and refuses one too long to hold", () => {
    for (const prefix of ["", "m_", "al_", "sixteen-chars-ok"]) {
      expect(newId(prefix)).toMatch(new RegExp(`^${prefix}[0-9a-z]{12}[A-Za-z0-9_-]{8}$`));
    }
    expect(() => newId("seventeen-chars-x")).toThrow(RangeError);
  });
});
