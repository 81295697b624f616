import { describe, expect, it } from "vitest";
import { createMemorySpamWindow, createSpamDetector } from "../../server/filters/spam.ts";

const OPTS = { repeatsPerUser: 2, raidUsers: 4, windowSec: 60 };

function setup() {
  let now = 1_000_000;
  const spam = createSpamDetector(OPTS, createMemorySpamWindow());
  return {
    tick: (ms: number) => { now += ms; },
    send: (userId: string, text: string, room = "faq") => spam.check({ room, userId, text, now }),
  };
}

describe("spam: repeats", () => {
  it("holds the same text from one user beyond repeatsPerUser in the window", async () => {
    const s = setup();
    expect(await s.send("u1", "Venez voir ma boutique en ligne")).toBeUndefined();
    expect(await s.send("u1", "venez voir ma BOUTIQUE en ligne !!")).toBeUndefined();
    const hit = await s.send("u1", "Venez voir ma boutique en ligne");
    expect(hit).toMatchObject({ kind: "spam", detail: "repeat", start: 0 });
  });

  it("forgets repeats once the window has passed", async () => {
    const s = setup();
    await s.send("u1", "Venez voir ma boutique en ligne");
    await s.send("u1", "Venez voir ma boutique en ligne");
    s.tick(61_000);
    expect(await s.send("u1", "Venez voir ma boutique en ligne")).toBeUndefined();
  });

  it("treats leetspeak and stretched letters as the same text", async () => {
    const s = setup();
    await s.send("u1", "buy cheap creams at my shop");
    await s.send("u1", "BUY CHEAP CR3AMS AT MY SHOP");
    expect(await s.send("u1", "buy cheaaaap creams at my shop")).toMatchObject({ detail: "repeat" });
  });
});

describe("spam: raids", () => {
  it("holds the same text from raidUsers distinct users in one room", async () => {
    const s = setup();
    for (const u of ["a", "b", "c"]) expect(await s.send(u, "this brand is a total scam, go elsewhere")).toBeUndefined();
    expect(await s.send("d", "This brand is a total SCAM, go elsewhere!")).toMatchObject({ detail: "raid" });
  });

  it("counts rooms separately", async () => {
    const s = setup();
    for (const [u, room] of [["a", "r1"], ["b", "r2"], ["c", "r3"], ["d", "r4"]]) {
      expect(await s.send(u, "this brand is a total scam, go elsewhere", room)).toBeUndefined();
    }
  });

  it("never counts short courtesy messages", async () => {
    const s = setup();
    for (const text of ["merci !", "Merci beaucoup !", "ok", "bonjour", "thanks!", "Thank you so much!"]) {
      for (const u of ["a", "b", "c", "d", "e", "f"]) expect(await s.send(u, text)).toBeUndefined();
    }
    for (let i = 0; i < 5; i++) expect(await s.send("a", "merci !")).toBeUndefined();
  });
});

describe("spam: floods", () => {
  it.each([
    ["a".repeat(25)],
    ["!".repeat(20)],
    ["Merci" + "i".repeat(30)],
    ["😂".repeat(20)],
    ["ha ".repeat(40)],
    ["lol ".repeat(30)],
  ])("holds %j", async (text) => {
    expect(await setup().send("u1", text)).toMatchObject({ kind: "spam", detail: "flood" });
  });

  it("quotes the flooding run", async () => {
    const text = "trop bien " + "!".repeat(22) + " merci";
    const hit = await setup().send("u1", text);
    expect(hit?.match).toBe("!".repeat(22));
    expect(text.slice(hit!.start, hit!.end)).toBe(hit!.match);
  });

  it("lets long normal messages through", async () => {
    const text = "Bonjour, j'ai une peau mixte et je cherche une crème hydratante légère pour l'été, sans parfum si possible. Merci !!!";
    expect(await setup().send("u1", text)).toBeUndefined();
  });
});

describe("memory spam window", () => {
  it("counts records and distinct members within the window only", async () => {
    const w = createMemorySpamWindow();
    expect(await w.record("k", "a", 1000, 0)).toEqual({ count: 1, distinct: 1 });
    expect(await w.record("k", "a", 1000, 500)).toEqual({ count: 2, distinct: 1 });
    expect(await w.record("k", "b", 1000, 900)).toEqual({ count: 3, distinct: 2 });
    expect(await w.record("k", "c", 1000, 1600)).toEqual({ count: 2, distinct: 2 });
  });

  it("stays bounded: the ring stops growing at maxRecords and forgets its oldest records first", async () => {
    const ring = createMemorySpamWindow({ maxRecords: 2048 });
    let last = { count: 0, distinct: 0 };
    for (let i = 0; i < 10_000; i++) last = await ring.record("same", `u${i % 7}`, 60_000, i);
    expect(ring.capacity).toBe(2048);
    // Every record is inside the window, but only the newest maxPerKey (256) are counted.
    expect(last).toEqual({ count: 256, distinct: 7 });
  });

  it("grows the ring while its records are inside the window, and reuses it once they are not", async () => {
    const w = createMemorySpamWindow();
    const start = w.capacity;
    for (let i = 0; i < start * 3; i++) await w.record(`k${i % 50}`, "a", 60_000, i);
    expect(w.capacity).toBeGreaterThanOrEqual(start * 3);
    // Keys written before a growth are still counted after it.
    expect(await w.record("k0", "a", 60_000, start * 3)).toEqual({ count: Math.ceil((start * 3) / 50) + 1, distinct: 1 });
    const short = createMemorySpamWindow();
    for (let i = 0; i < 20_000; i++) await short.record(`k${i}`, "a", 100, i);
    expect(short.capacity).toBe(start);
  });

  it("tells apart keys that share an index slot", async () => {
    // 5,000 keys in a ring of at least as many records: the index (twice the ring) has far fewer
    // slots than keys at first, so many keys share a slot's chain and must still count apart.
    const w = createMemorySpamWindow();
    for (let round = 1; round <= 3; round++) {
      for (let k = 0; k < 5000; k++) {
        const r = await w.record(`key-${k}`, `m${round}`, 60_000, round * 10_000 + k);
        expect(r).toEqual({ count: round, distinct: round });
      }
    }
    // Interleaved keys never mix either.
    for (let i = 0; i < 100; i++) {
      expect(await w.record("a", "x", 60_000, 40_000 + 2 * i)).toEqual({ count: i + 1, distinct: 1 });
      expect(await w.record("b", `y${i}`, 60_000, 40_000 + 2 * i + 1)).toEqual({ count: i + 1, distinct: i + 1 });
    }
  });

  it("keeps counting while records are in the window, and forgets what left it", async () => {
    const w = createMemorySpamWindow();
    await w.record("k", "a", 1000, 800);
    await w.record("x", "a", 1000, 1000);
    expect(await w.record("k", "b", 1000, 1500)).toEqual({ count: 2, distinct: 2 });
    await w.record("y", "a", 1000, 2000);
    expect(await w.record("k", "c", 1000, 2400)).toEqual({ count: 2, distinct: 2 });
    expect(await w.record("k", "c", 1000, 2600)).toEqual({ count: 2, distinct: 1 });
  });

  it("counts many distinct members exactly", async () => {
    const w = createMemorySpamWindow();
    let r = { count: 0, distinct: 0 };
    for (let i = 0; i < 60; i++) r = await w.record("raid", `u${i % 40}`, 60_000, i);
    expect(r).toEqual({ count: 60, distinct: 40 });
  });

  it("caps records per key", async () => {
    const w = createMemorySpamWindow({ maxPerKey: 10 });
    let r = { count: 0, distinct: 0 };
    for (let i = 0; i < 50; i++) r = await w.record("k", `u${i}`, 60_000, i);
    expect(r.count).toBe(10);
  });
});
