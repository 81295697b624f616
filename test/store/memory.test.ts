import { describe, expect, it } from "vitest";
import type { Author } from "../../client-sdk/src/protocol.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import { GUEST_RECORD_IDLE_MS } from "../../server/store/people/people-store.ts";
import { idempotencyKey, type StoredMessage } from "../../server/store/messages/message-store.ts";
import { storeContract } from "./contract.ts";

storeContract("memory", async () => {
  const stores = createMemoryStores();
  return { stores, cleanup: () => stores.close() };
});

describe("memory store: idempotency keys go with their messages", () => {
  const T = "acme";
  const ann: Author = { id: "u-ann", name: "Ann", role: "member" };
  const post = (n: number, id = `m-${n}`): StoredMessage =>
    ({ id, room: "faq", author: ann, text: `hello ${n}`, createdAt: 1_700_000_000_000 + n, status: "visible", clientId: `c-${n}` });
  const opts = (n: number, ttlMs = 600_000) => ({ keep: 5, idempotency: { key: idempotencyKey(ann.id, `c-${n}`), ttlMs } });

  it("holds no more keys than the messages it keeps, and a retry of a forgotten message is stored anew", async () => {
    const stores = createMemoryStores();
    for (let n = 0; n < 50; n++) await stores.messages.appendMessage(T, post(n), opts(n));
    // Ten minutes of keys would be 50 here; only the 5 kept messages' keys remain.
    expect(stores.messages.idempotencyKeys(T)).toBe(5);
    expect(await stores.messages.appendMessage(T, post(49, "m-49-retry"), opts(49))).toStrictEqual({ message: post(49), duplicate: true });
    expect(await stores.messages.findIdempotent(T, opts(0).idempotency.key)).toBeNull();
    const again = await stores.messages.appendMessage(T, post(0, "m-0-retry"), opts(0));
    expect(again).toStrictEqual({ message: post(0, "m-0-retry"), duplicate: false });
    stores.close();
  });

  it("keeps the key of a message the review queue still holds", async () => {
    const stores = createMemoryStores();
    await stores.messages.appendMessage(T, post(0), opts(0));
    await stores.queue.queuePut(T, { messageId: "m-0", kind: "filter", reasons: [{ kind: "word", detail: "x" }], priority: "normal", queuedAt: 0 });
    for (let n = 1; n < 20; n++) await stores.messages.appendMessage(T, post(n), opts(n));
    expect(await stores.messages.findIdempotent(T, opts(0).idempotency.key)).toStrictEqual(post(0));
    expect(stores.messages.idempotencyKeys(T)).toBe(6);
    stores.close();
  });

  it("tells apart many keys kept by hash: each finds its own message, near misses find none", async () => {
    const stores = createMemoryStores();
    const n = 20_000;
    const users = ["u-ann", "u-ann2", "u-ann\u0000", "u-\u00e9lo\u{1F600}"];
    const keyOf = (i: number) => idempotencyKey(users[i % users.length]!, `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    for (let i = 0; i < n; i++) {
      const res = await stores.messages.appendMessage(T, post(i), { keep: n, idempotency: { key: keyOf(i), ttlMs: 600_000 } });
      expect(res.duplicate).toBe(false);
    }
    expect(stores.messages.idempotencyKeys(T)).toBe(n);
    for (let i = 0; i < n; i += 97) expect((await stores.messages.findIdempotent(T, keyOf(i)))?.id).toBe(`m-${i}`);
    // One character off, another user with the same client id, a prefix: none names a message.
    expect(await stores.messages.findIdempotent(T, keyOf(5).slice(0, -1) + "x")).toBeNull();
    expect(await stores.messages.findIdempotent(T, idempotencyKey("u-bob", keyOf(5).split("\u0000")[1]!))).toBeNull();
    expect(await stores.messages.findIdempotent(T, keyOf(5).slice(0, -1))).toBeNull();
    stores.close();
  });

  it("leaves alone a key that names a newer message", async () => {
    let now = 1_000;
    const stores = createMemoryStores({ now: () => now });
    await stores.messages.appendMessage(T, post(0), opts(0, 100));
    now += 200; // the key expired: the same clientId now names a new message
    await stores.messages.appendMessage(T, post(0, "m-0-new"), opts(0, 100));
    // The old message falls off the timeline first; the key must survive it.
    for (let n = 1; n <= 4; n++) await stores.messages.appendMessage(T, post(n), opts(n, 100));
    expect(await stores.messages.getMessage(T, "m-0")).toBeNull();
    expect(await stores.messages.findIdempotent(T, opts(0).idempotency.key)).toStrictEqual(post(0, "m-0-new"));
    stores.close();
  });
});

describe("memory store: authors' recent-message lists hold only what is kept", () => {
  const T = "acme";
  const by = (n: number): Author => ({ id: `u-${n}`, name: `Shopper ${n}`, role: "member" });
  let seq = 0;
  const post = (author: Author, room: string): StoredMessage =>
    ({ id: `m-${++seq}`, room, author, text: `question ${seq}`, createdAt: 1_700_000_000_000 + seq, status: "visible" });

  it("drops a list once all its author's messages are forgotten, and ids of forgotten ones from the old end", async () => {
    const stores = createMemoryStores();
    const quiet = post(by(0), "quiet");
    await stores.messages.appendMessage(T, quiet, { keep: 5 });
    const early = post(by(0), "busy");
    await stores.messages.appendMessage(T, early, { keep: 5 });
    // A thousand shoppers post once each in a room that keeps 5.
    for (let n = 1; n <= 1000; n++) await stores.messages.appendMessage(T, post(by(n), "busy"), { keep: 5 });
    // The five still kept, and shopper 0, whose message in the quiet room is kept.
    expect(stores.messages.userLists(T)).toBe(6);
    expect(await stores.messages.userMessages(T, "u-0", 20)).toStrictEqual([quiet]);
    expect(await stores.messages.userMessages(T, "u-1", 20)).toStrictEqual([]);
    expect((await stores.messages.userMessages(T, "u-1000", 20)).map((m) => m.room)).toStrictEqual(["busy"]);
    // Shopper 0's forgotten message sits behind the kept one until that goes too.
    for (let n = 0; n < 5; n++) await stores.messages.appendMessage(T, post(by(2000 + n), "quiet"), { keep: 5 });
    expect(await stores.messages.userMessages(T, "u-0", 20)).toStrictEqual([]);
    expect(stores.messages.userLists(T)).toBe(10);
    stores.close();
  });

  it("keeps the list of an author whose forgotten message the review queue holds, until the review is over", async () => {
    const stores = createMemoryStores();
    const held = post(by(1), "busy");
    await stores.messages.appendMessage(T, { ...held, status: "held" }, { keep: 2 });
    await stores.queue.queuePut(T, { messageId: held.id, kind: "filter", reasons: [{ kind: "word", detail: "x" }], priority: "normal", queuedAt: 0 });
    for (let n = 2; n < 6; n++) await stores.messages.appendMessage(T, post(by(n), "busy"), { keep: 2 });
    expect((await stores.messages.userMessages(T, "u-1", 20)).map((m) => m.id)).toStrictEqual([held.id]);
    await stores.queue.queueTake(T, held.id);
    await stores.queue.releaseReviewed(T, "busy", held.id);
    expect(await stores.messages.userMessages(T, "u-1", 20)).toStrictEqual([]);
    expect(stores.messages.userLists(T)).toBe(2);
    stores.close();
  });
});

describe("memory store: guests' records are bounded", () => {
  it("keeps the most recently seen guests up to the bound, and every member", async () => {
    const stores = createMemoryStores({ guestRecordsKept: 5 });
    const device = { type: "desktop", bot: false };
    for (let i = 0; i < 20; i++) await stores.people.recordSession("t", { id: `g_${i}`, name: `Guest ${i}`, role: "guest" }, "10.0.0.1", device, 1000 + i);
    // g_3 comes back: it is the most recent now, and stays.
    await stores.people.recordSession("t", { id: "g_3", name: "Guest 3", role: "guest" }, "10.0.0.1", device, 2000);
    for (let i = 0; i < 20; i++) await stores.people.recordSession("t", { id: `m_${i}`, name: `Member ${i}`, role: "member" }, "10.0.0.1", device, 1000 + i);
    expect(stores.people.guestRecords("t")).toBe(5);
    expect(await stores.people.getUser("t", "g_3")).not.toBeNull();
    for (const id of ["g_16", "g_17", "g_18", "g_19"]) expect(await stores.people.getUser("t", id), id).not.toBeNull();
    for (const id of ["g_0", "g_4", "g_15"]) expect(await stores.people.getUser("t", id), id).toBeNull();
    for (let i = 0; i < 20; i++) expect(await stores.people.getUser("t", `m_${i}`)).not.toBeNull();
  });

  it("forgets a guest not seen for GUEST_RECORD_IDLE_MS", async () => {
    let now = 1_000_000;
    const stores = createMemoryStores({ now: () => now });
    const device = { type: "desktop", bot: false };
    await stores.people.recordSession("t", { id: "g_old", name: "Guest 1", role: "guest" }, "10.0.0.1", device, now);
    now += GUEST_RECORD_IDLE_MS + 1;
    await stores.people.recordSession("t", { id: "g_new", name: "Guest 2", role: "guest" }, "10.0.0.1", device, now);
    expect(await stores.people.getUser("t", "g_old")).toBeNull();
    expect(await stores.people.getUser("t", "g_new")).not.toBeNull();
  });
});
