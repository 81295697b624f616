import { describe, expect, it } from "vitest";
import { hash53 } from "../../server/filters/hash53.ts";
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

  it("counts exactly through grows of a ring that has already wrapped", () => {
    // A slow start lets the 1,024-record ring wrap many times; then the rate triples, so the
    // window needs more records and the ring grows from a wrapped state (copied in runs that
    // break where it wraps). Every answer is checked against a plain per-key list.
    const w = createMemorySpamWindow();
    const windowMs = 1000;
    const seen = new Map<string, { at: number; who: string }[]>();
    let now = 0;
    for (let i = 0; i < 30_000; i++) {
      now += i < 10_000 ? 2 : 0.3; // 500 records a second, then about 3,300
      const key = `k${(i * 7919) % 257}`, who = `u${i % 13}`;
      const list = seen.get(key) ?? [];
      list.push({ at: now, who });
      seen.set(key, list);
      const inWindow = list.filter((r) => r.at > now - windowMs).slice(-256);
      const got = w.record(key, who, windowMs, now);
      expect(got).toEqual({ count: inWindow.length, distinct: new Set(inWindow.map((r) => r.who)).size });
    }
    expect(w.capacity).toBeGreaterThanOrEqual(4096);
  });

  it("tells apart keys that share an index slot", async () => {
    // 5,000 keys in a ring of at least as many records: the index (twice the ring) has far fewer
    // slots than keys at first, so many keys share a home slot and must still count apart.
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

  it("walks only a key's own records, even when it shares a home slot with a busy key", () => {
    // A key's home slot in the index is the low bits of its hash's low lane; two keys agreeing on
    // 20 of them share it at any index size these tests reach (here 8,192 slots).
    const seen = new Map<number, string>();
    let busy = "", quiet = "";
    for (let i = 0; !quiet; i++) {
      const k = `spam:raid:room:${i}`, low = hash53(k) & 0xfffff;
      const other = seen.get(low);
      if (other) [busy, quiet] = [other, k];
      else seen.set(low, k);
    }
    const work = { probes: 0, visits: 0 };
    const w = createMemorySpamWindow({ work });
    let t = 0;
    for (let i = 0; i < 3000; i++) {
      const before = { ...work };
      expect(w.record(busy, `u${i % 500}`, 60_000, t++)).toEqual({ count: Math.min(i + 1, 256), distinct: Math.min(i + 1, 256) });
      expect(work.visits - before.visits).toBeLessThanOrEqual(257); // maxPerKey, plus one to stop
      if (i % 300 !== 0) continue;
      // The quiet key's walk sees its own records only, not the busy key's thousands.
      const n = i / 300 + 1;
      const mid = { ...work };
      expect(w.record(quiet, "a", 60_000, t++)).toEqual({ count: n, distinct: 1 });
      expect(work.visits - mid.visits).toBe(n);
      expect(work.probes - mid.probes).toBeLessThanOrEqual(32);
    }
  });

  it("bounds the index probe when many keys share a home slot, and counts exactly within the bound", () => {
    // maxRecords 1024: the ring never grows, so the index stays at 2,048 slots (11 low bits).
    const byHome = new Map<number, string[]>();
    let keys: string[] = [];
    for (let i = 0; keys.length < 48; i++) {
      const k = `k${i}`, home = hash53(k) & 2047;
      const ks = byHome.get(home) ?? [];
      ks.push(k);
      byHome.set(home, ks);
      if (ks.length === 48) keys = ks;
    }
    const work = { probes: 0, visits: 0 };
    const w = createMemorySpamWindow({ maxRecords: 1024, work });
    let t = 0;
    const step = (key: string) => {
      const before = { ...work };
      const r = w.record(key, "m", 60_000, t++);
      expect(work.probes - before.probes).toBeLessThanOrEqual(32);
      expect(work.visits - before.visits).toBeLessThanOrEqual(r.count + 1);
      return r;
    };
    // Ten keys fit within the probe bound: each keeps its own exact count.
    for (let round = 1; round <= 5; round++) {
      for (const k of keys.slice(0, 10)) expect(step(k)).toEqual({ count: round, distinct: 1 });
    }
    // Forty-eight do not (the probe covers 32 slots): the least recently used entry is taken over,
    // so a key may undercount (here, round-robin, each is evicted before its turn comes again), but
    // it never overcounts, and the work stays bounded.
    let under = 0;
    for (let round = 1; round <= 5; round++) {
      keys.forEach((k, i) => {
        const r = step(k), truth = i < 10 ? 5 + round : round;
        expect(r.count).toBeGreaterThanOrEqual(1);
        expect(r.count).toBeLessThanOrEqual(truth);
        if (r.count < truth) under++;
      });
    }
    expect(under).toBeGreaterThan(0);
    // Once the window has passed, their entries are stale and free again: exact counts, from one.
    t += 120_000;
    for (let round = 1; round <= 3; round++) {
      for (const k of keys.slice(20, 32)) expect(step(k)).toEqual({ count: round, distinct: 1 });
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
