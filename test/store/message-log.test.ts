import { describe, expect, it } from "vitest";
import type { Author, Device } from "../../client-sdk/src/protocol.ts";
import { createMessageLog } from "../../server/store/messages/message-log.ts";
import type { StoredMessage } from "../../server/store/messages/message-store.ts";

const CHUNK = 64 * 1024;
const ann: Author = { id: "u-ann", name: "Ann", role: "member" };
const bob: Author = { id: "u-bob", name: "Bob", role: "moderator" };
const phone: Device = { browser: "Mobile Safari", os: "iOS", type: "mobile", bot: false, ua: "Mozilla/5.0 (iPhone)" };

const msg = (n: number, over: Partial<StoredMessage> = {}): StoredMessage => ({
  id: `m_${n}`, room: "faq", author: ann, text: `Ce sérum convient-il aux peaux sèches ? #${n}`, createdAt: 1_700_000_000_000 + n,
  status: "visible", ip: "203.0.113.7", device: phone, clientId: `c-${n}`, ...over,
});

/** A small deterministic generator, so a failing sequence can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5 >>> 0) / 2 ** 32);
}

describe("message log: messages kept off the JS heap", () => {
  it("gives back an equal message with the same key order, every time a separate object", () => {
    const log = createMessageLog();
    const m = msg(1, { replyTo: "m_0", reasons: [{ kind: "word", detail: "fr", match: "x", start: 0, end: 1 }], shadow: true, helpful: 3 });
    log.put(m);
    const a = log.get("m_1")!, b = log.get("m_1")!;
    expect(a).toStrictEqual(m);
    expect(Object.keys(a)).toStrictEqual(Object.keys(m));
    expect(a).not.toBe(b);
    // Nothing a reader does to its copy, shared parts included, reaches the store or other readers.
    a.author.name = "Mallory";
    a.device!.type = "bot";
    a.reasons!.push({ kind: "link", detail: "x" });
    expect(log.get("m_1")).toStrictEqual(m);
    expect(ann.name).toBe("Ann");
  });

  it("keeps what a message may hold: no device or IP, any text, own __proto__ keys", () => {
    const log = createMessageLog();
    const texts = ["", "🧴✨ crème « hydratante » — 50 ml", "a\u0000b\u2028c", "lone \ud800 surrogate", "\"quoted\" \\ back", "é".repeat(20_000)];
    texts.forEach((text, n) => {
      const m: StoredMessage = { id: `m_${n}`, room: "r", author: bob, text, createdAt: n, status: "held" };
      log.put(m);
      expect(log.get(m.id)).toStrictEqual(m);
    });
    const odd = JSON.parse('{"id":"m_odd","room":"r","author":{"id":"u","name":"n","role":"member"},"text":"t","createdAt":1,"status":"visible","__proto__":{"x":1}}') as StoredMessage;
    log.put(odd);
    const back = log.get("m_odd")!;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(back, "__proto__")).toBe(true);
    expect(log.size).toBe(texts.length + 1);
  });

  it("replace keeps the idempotency key's hash and expiry; delete forgets the message and what only it held", () => {
    const log = createMessageLog();
    log.put(msg(1), 12345, 99_000);
    log.put(msg(2, { author: bob, ip: "198.51.100.1" }));
    const m = log.get("m_1")!;
    m.status = "hidden";
    log.replace(m);
    expect(log.get("m_1")!.status).toBe("hidden");
    // The key's hash and expiry carried over: found until 99,000, not at it; m_2 has no key.
    expect(log.findIdempotent(12345, 98_999)?.status).toBe("hidden");
    expect(log.findIdempotent(12345, 99_000)).toBeUndefined();
    expect(log.idempotencyKeys).toBe(1);
    expect(log.usage().shared).toBe(5); // two authors, one device, two IPs
    expect(log.delete("m_1")).toBe(msg(1).author.id);
    expect(log.get("m_1")).toBeUndefined();
    expect(log.has("m_1")).toBe(false);
    expect([log.findIdempotent(12345, 0), log.idempotencyKeys]).toStrictEqual([undefined, 0]);
    expect(log.delete("m_2")).toBe(bob.id);
    expect(log.delete("m_2")).toBeUndefined(); // twice: nothing happens
    expect(log.usage()).toStrictEqual({ bytes: log.usage().bytes, live: 0, shared: 0 });
  });

  it("keeps ids exactly, lone surrogates included, when their chunk is emptied into another", () => {
    const log = createMessageLog();
    const odd = msg(0, { id: "m_\ud800" }), twin = msg(0, { id: "m_\udbff" });
    log.put(odd);
    log.put(twin);
    const filler: string[] = [];
    for (let n = 1; n < 400; n++) { log.put(msg(n)); filler.push(`m_${n}`); }
    // The first chunk falls below a quarter live: its last records, the odd ids', are moved.
    for (const id of filler.slice(0, 230)) log.delete(id);
    expect(log.get("m_\ud800")).toStrictEqual(odd);
    expect(log.get("m_\udbff")).toStrictEqual(twin);
    expect(log.has("m_\ufffd")).toBe(false);
    expect(log.size).toBe(2 + 169);
  });

  it("finds a message by its idempotency key's hash until the key expires, after its chunk moved too; the key names the newest message put with it", () => {
    const log = createMessageLog();
    const keyed = msg(0, { id: "m_keyed" });
    log.put(keyed, 2 ** 52 + 7, 5_000);
    const filler: string[] = [];
    for (let n = 1; n < 400; n++) { log.put(msg(n), n, 5_000); filler.push(`m_${n}`); }
    for (const id of filler.slice(0, 230)) log.delete(id);
    // The first chunk was emptied into the newest: its records, the keyed one's included, moved.
    expect(log.findIdempotent(2 ** 52 + 7, 4_999)).toStrictEqual(keyed);
    expect(log.findIdempotent(2 ** 52 + 7, 5_000)).toBeUndefined(); // expired
    expect(log.findIdempotent(7, 0)).toBeUndefined(); // same low 32 bits, another key
    expect(log.findIdempotent(1, 0)).toBeUndefined(); // its message was deleted
    expect(log.idempotencyKeys).toBe(1 + 169);
    // A newer message put with the same key takes it; the older one keeps its record, not the key.
    log.put(msg(1000, { id: "m_newer" }), 2 ** 52 + 7, 9_000);
    expect(log.findIdempotent(2 ** 52 + 7, 0)!.id).toBe("m_newer");
    log.delete("m_keyed");
    expect(log.findIdempotent(2 ** 52 + 7, 0)!.id).toBe("m_newer");
    log.delete("m_newer");
    expect(log.findIdempotent(2 ** 52 + 7, 0)).toBeUndefined();
    expect(log.idempotencyKeys).toBe(169);
  });

  it("a message JSON cannot hold is refused with the kept version untouched; replace never brings a message back", () => {
    const log = createMessageLog();
    log.put(msg(1), 42, 1000);
    const bad = { ...msg(1), helpful: 10n } as unknown as StoredMessage;
    expect(() => log.put(bad)).toThrow(TypeError);
    expect(log.get("m_1")).toStrictEqual(msg(1));
    expect([log.findIdempotent(42, 999), log.usage().shared]).toStrictEqual([msg(1), 3]);
    const copy = log.get("m_1")!;
    log.delete("m_1");
    log.replace(copy);
    expect(log.has("m_1")).toBe(false);
    expect(log.usage().shared).toBe(0);
  });

  it("putting an id again replaces the message instead of keeping two", () => {
    const log = createMessageLog();
    log.put(msg(1));
    log.put(msg(1, { text: "edited" }));
    expect(log.size).toBe(1);
    expect(log.get("m_1")!.text).toBe("edited");
    log.delete("m_1");
    expect(log.usage().live).toBe(0);
  });

  it("stays within a few times the live bytes when a quiet room's messages sit among a busy room's", () => {
    const log = createMessageLog();
    const busy: string[] = [];
    const quiet: StoredMessage[] = [];
    for (let n = 0; n < 200_000; n++) {
      const m = msg(n, n % 997 === 0 ? { room: "quiet" } : { room: "busy" });
      log.put(m);
      if (m.room === "quiet") { quiet.push(m); continue; }
      busy.push(m.id);
      if (busy.length > 300) log.delete(busy.shift()!);
    }
    const { bytes, live } = log.usage();
    // Without compaction every chunk would hold a quiet message: 200k messages' worth of chunks.
    expect(bytes).toBeLessThanOrEqual(4 * live + 2 * CHUNK);
    for (const m of quiet) expect(log.get(m.id)).toStrictEqual(m);
    for (const id of busy) expect(log.get(id)!.room).toBe("busy");
    expect(log.size).toBe(quiet.length + busy.length);
  });

  it("agrees with a plain Map through random puts, replaces and deletes of all sizes", () => {
    const rand = rng(7);
    const log = createMessageLog();
    const model = new Map<string, { m: StoredMessage; hash: number; expires: number }>();
    const authors = [ann, bob, { id: "u-cy", name: "Cy", role: "member" } as Author];
    for (let step = 0; step < 30_000; step++) {
      const r = rand();
      const id = `m_${Math.floor(rand() * 2000)}`;
      if (r < 0.55) {
        const size = rand() < 0.01 ? 30_000 + Math.floor(rand() * 40_000) : Math.floor(rand() * 400);
        const m: StoredMessage = {
          id, room: `r${Math.floor(rand() * 5)}`, author: authors[Math.floor(rand() * 3)]!, text: "x".repeat(size), createdAt: step,
          status: "visible", ...(rand() < 0.5 ? { ip: `10.0.0.${Math.floor(rand() * 4)}` } : {}), ...(rand() < 0.5 ? { device: phone } : {}),
        };
        const hash = rand() < 0.5 ? step : NaN, expires = Number.isNaN(hash) ? NaN : step + 600;
        log.put(m, hash, expires);
        model.set(id, { m, hash, expires });
      } else if (r < 0.75) {
        const kept = log.get(id);
        expect(kept).toStrictEqual(model.get(id)?.m);
        if (kept) {
          kept.status = "hidden";
          log.replace(kept);
          model.get(id)!.m = kept;
        }
      } else {
        log.delete(id);
        model.delete(id);
      }
    }
    expect(log.size).toBe(model.size);
    for (const [id, { m, hash, expires }] of model) {
      expect(log.get(id)).toStrictEqual(m);
      // Its key's hash and expiry, exactly: found just before the expiry, not at it.
      if (!Number.isNaN(hash)) {
        expect(log.findIdempotent(hash, expires - 1)).toStrictEqual(m);
        expect(log.findIdempotent(hash, expires)).toBeUndefined();
      }
    }
    expect(log.idempotencyKeys).toBe([...model.values()].filter((e) => !Number.isNaN(e.hash)).length);
    for (const id of [...model.keys()]) log.delete(id);
    expect(log.usage().live).toBe(0);
    expect(log.usage().shared).toBe(0);
  });
});
