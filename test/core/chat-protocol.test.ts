import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Message, RoomInfo } from "../../client-sdk/src/protocol.ts";
import type { StoredMessage } from "../../server/store/messages/message-store.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import { testConfig } from "../support/config.ts";
import { ask, closeAllRaw, connectRaw } from "../support/raw.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken } from "../support/tokens.ts";
import { cleanText } from "../shared/texts.ts";
import { collect, until, waitFor } from "../support/wait.ts";

/** A term from the test tenant's lexicon and a link outside its allowlist: both are filter hits. */
const HIT_TEXT = "just buy rivalbrand instead";
const clean = (what = "") => cleanText(what);

afterEach(() => closeAllRaw());

async function member(s: TestServer, sub: string, role = "member", tenant: "acme" | "other" = "acme") {
  const token = await mintToken({ tenant, sub, name: `${role} ${sub}`, role });
  return (await connectRaw(s.url, { auth: { tenant, token } })).socket;
}
async function join(sock: Socket, room: string, since?: string): Promise<{ room: RoomInfo; history: Message[] }> {
  const res = await ask(sock, "room:join", { room, ...(since ? { since } : {}) });
  expect(res.ok, JSON.stringify(res)).toBe(true);
  return res;
}
async function send(sock: Socket, room: string, text: string, extra: object = {}): Promise<Message> {
  const res = await ask(sock, "message:send", { room, text, ...extra });
  expect(res.ok, JSON.stringify(res)).toBe(true);
  return res.message;
}
async function refused(sock: Socket, event: string, payload: unknown) {
  const res = await ask(sock, event, payload);
  expect(res.ok).toBe(false);
  return res.error as { code: string; message: string; retryAfterMs?: number; until?: number };
}

describe("/chat protocol", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(testConfig({ acme: { rooms: { overrides: { small: { historySize: 3 }, slow: { slowModeSec: 30 } } } } }));
  });
  afterAll(async () => { await s.close(); });

  it("room:join returns RoomInfo and history oldest first, capped at historySize", async () => {
    const a = await member(s, "hist-a");
    const info = await join(a, "small");
    expect(info.room).toMatchObject({ id: "small", contribution: "open", slowModeSec: 0, frozen: false });
    expect(info.room.online).toBeGreaterThanOrEqual(0);
    expect(info.history).toEqual([]);
    const sent: Message[] = [];
    for (let i = 0; i < 5; i++) sent.push(await send(a, "small", clean(`hist ${i}`)));
    const b = await member(s, "hist-b");
    const { history, room } = await join(b, "small");
    expect(history.map((m) => m.id)).toEqual(sent.slice(-3).map((m) => m.id));
    expect(history[0]!.createdAt).toBeLessThanOrEqual(history[2]!.createdAt);
    expect(room.online).toBe(2);
    // since: only what came after.
    const after = await join(b, "small", sent[3]!.id);
    expect(after.history.map((m) => m.id)).toEqual([sent[4]!.id]);
    const none = await join(b, "small", sent[4]!.id);
    expect(none.history).toEqual([]);
  });

  it("history holds the caller's own held messages, never someone else's", async () => {
    const author = await member(s, "held-author");
    const other = await member(s, "held-other");
    await join(author, "product:held");
    const visible = await send(author, "product:held", clean());
    const held = await send(author, "product:held", HIT_TEXT);
    expect(held.status).toBe("held");
    const mine = await join(author, "product:held");
    expect(mine.history.map((m) => m.id)).toEqual([visible.id, held.id]);
    expect(mine.history[1]!.status).toBe("held");
    const theirs = await join(other, "product:held");
    expect(theirs.history.map((m) => m.id)).toEqual([visible.id]);
  });

  it("invalid_room for ids outside the tenant pattern", async () => {
    const a = await member(s, "inv-room");
    for (const room of ["Bad Room!", "", "-starts-with-dash", "x".repeat(65), "ROOM"]) {
      const res = await ask(a, "room:join", { room });
      expect(res.ok).toBe(false);
      expect(["invalid_room", "invalid_payload"]).toContain(res.error.code);
    }
    expect((await refused(a, "room:join", { room: "Bad Room!" })).code).toBe("invalid_room");
    expect((await refused(a, "message:send", { room: "Bad Room!", text: "hi" })).code).toBe("invalid_room");
  });

  it("message:send: visible is broadcast to the room (author included), with the payload fields", async () => {
    const a = await member(s, "bc-a");
    const b = await member(s, "bc-b");
    const outsider = await member(s, "bc-out");
    await join(a, "product:bc");
    await join(b, "product:bc");
    await join(outsider, "product:elsewhere");
    const stray = collect(outsider, "message");
    const atB = waitFor(b, "message");
    const atA = waitFor(a, "message");
    const m = await send(a, "product:bc", "  Caf\u0065\u0301 au lait \u202Eok  ");
    expect(m).toMatchObject({ room: "product:bc", author: { id: "bc-a", role: "member" }, status: "visible", text: "Café au lait ok" });
    expect(typeof m.id).toBe("string");
    expect(typeof m.createdAt).toBe("number");
    expect(await atB).toEqual(m);
    expect(await atA).toEqual(m);
    // The outsider's room gets a later message; the first one never reached it.
    const marker = waitFor(outsider, "message");
    await join(b, "product:elsewhere");
    await send(b, "product:elsewhere", clean("marker"));
    await marker;
    expect(stray.every((x) => x.room === "product:elsewhere")).toBe(true);
  });

  it("room:leave: no more messages from that room", async () => {
    const a = await member(s, "leave-a");
    const b = await member(s, "leave-b");
    for (const r of ["product:leave1", "product:leave2"]) { await join(a, r); await join(b, r); }
    expect(await ask(a, "room:leave", { room: "product:leave1" })).toEqual({ ok: true });
    const got = collect<Message>(a, "message");
    await send(b, "product:leave1", clean("after leave"));
    const marker = waitFor<Message>(a, "message", (m) => m.room === "product:leave2");
    await send(b, "product:leave2", clean("marker"));
    await marker;
    expect(got.map((m) => m.room)).toEqual(["product:leave2"]);
    expect((await refused(a, "message:send", { room: "product:leave1", text: clean() })).code).toBe("not_in_room");
  });

  it("not_in_room, empty_message, message_too_long (code points), invalid_payload", async () => {
    const a = await member(s, "errs");
    expect((await refused(a, "message:send", { room: "product:never", text: clean() })).code).toBe("not_in_room");
    await join(a, "product:errs");
    expect((await refused(a, "message:send", { room: "product:errs", text: "   \n\t \u0007 " })).code).toBe("empty_message");
    expect((await refused(a, "message:send", { room: "product:errs", text: "\u202E\u2066" })).code).toBe("empty_message");
    expect((await refused(a, "message:send", { room: "product:errs", text: "a".repeat(501) })).code).toBe("message_too_long");
    // 500 emoji are 1000 UTF-16 units but 500 characters: allowed.
    const emoji = await send(a, "product:errs", "😀".repeat(500));
    expect([...emoji.text].length).toBe(500);
    expect((await refused(a, "message:send", { room: "product:errs", text: "😀".repeat(501) })).code).toBe("message_too_long");
    for (const bad of [{ room: "product:errs", text: 42 }, { room: 5, text: "hi" }, { room: "product:errs" }, null, "text", [1, 2],
      { room: "product:errs", text: "hi", replyTo: 7 }, { room: "product:errs", text: "hi", clientId: "" }]) {
      expect((await refused(a, "message:send", bad)).code).toBe("invalid_payload");
    }
    expect((await refused(a, "room:join", { room: 1 })).code).toBe("invalid_payload");
    expect((await refused(a, "room:leave", {})).code).toBe("invalid_payload");
  });

  it("replyTo an unknown message → not_found; a reply to a real one carries replyTo", async () => {
    const a = await member(s, "reply-a");
    await join(a, "product:reply");
    expect((await refused(a, "message:send", { room: "product:reply", text: clean(), replyTo: "m_nope" })).code).toBe("not_found");
    const q = await send(a, "product:reply", clean("q"));
    const r = await send(a, "product:reply", clean("answer"), { replyTo: q.id });
    expect(r.replyTo).toBe(q.id);
    // A message from another room is not a valid parent.
    await join(a, "product:reply2");
    expect((await refused(a, "message:send", { room: "product:reply2", text: clean(), replyTo: q.id })).code).toBe("not_found");
  });

  it("restricted faq: members ask but may not answer; experts answer", async () => {
    const m = await member(s, "faq-m");
    const e = await member(s, "faq-e", "expert");
    const mod = await member(s, "faq-mod", "moderator");
    expect((await join(m, "faq")).room.contribution).toBe("restricted");
    await join(e, "faq");
    await join(mod, "faq");
    const q = await send(m, "faq", clean("faq q"));
    expect((await refused(m, "message:send", { room: "faq", text: clean("member reply"), replyTo: q.id })).code).toBe("answers_restricted");
    const guest = (await connectRaw(s.url)).socket;
    await join(guest, "faq");
    expect((await refused(guest, "message:send", { room: "faq", text: clean("guest reply"), replyTo: q.id })).code).toBe("answers_restricted");
    expect((await send(guest, "faq", clean("guest q"))).status).toBe("visible");
    expect((await send(e, "faq", clean("expert answer"), { replyTo: q.id })).replyTo).toBe(q.id);
    expect((await send(mod, "faq", clean("moderator answer"), { replyTo: q.id })).replyTo).toBe(q.id);
  });

  it("room_frozen through the store and a room:changed event; managers still post", async () => {
    const m = await member(s, "frz-m");
    const mgr = await member(s, "frz-cm", "manager");
    await join(m, "product:frozen");
    await join(mgr, "product:frozen");
    await send(m, "product:frozen", clean("before"));
    await s.app.stores.rooms.updateRoomState("acme", "product:frozen", { frozen: true });
    await s.app.stores.bus.publish({ type: "room:changed", tenant: "acme", room: "product:frozen" });
    const err = await until(async () => {
      const res = await ask(m, "message:send", { room: "product:frozen", text: clean("during") });
      return res.ok ? undefined : res.error;
    });
    expect(err.code).toBe("room_frozen");
    expect((await join(m, "product:frozen")).room.frozen).toBe(true);
    expect((await send(mgr, "product:frozen", clean("manager"))).status).toBe("visible");
  });

  it("room:updated reaches the room after a manager changes it", async () => {
    const m = await member(s, "upd-m");
    await join(m, "product:upd");
    // An online-count push may come first; the manager's change is the one with slow mode on.
    const updated = waitFor<RoomInfo>(m, "room:updated", (r) => r.slowModeSec === 5);
    const tenant = s.app.tenants.get("acme")!;
    await s.app.moderation.roomControl.updateRoom(tenant, { id: "cm-1", name: "Camille", role: "manager" }, { room: "product:upd", slowModeSec: 5 });
    expect(await updated).toMatchObject({ id: "product:upd", slowModeSec: 5, frozen: false });
  });

  it("slow_mode with retryAfterMs; staff are exempt", async () => {
    const m = await member(s, "slow-m");
    const e = await member(s, "slow-e", "expert");
    expect((await join(m, "slow")).room.slowModeSec).toBe(30);
    await join(e, "slow");
    await send(m, "slow", clean("first"));
    const err = await refused(m, "message:send", { room: "slow", text: clean("second") });
    expect(err.code).toBe("slow_mode");
    expect(err.retryAfterMs).toBeGreaterThan(25_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
    await send(e, "slow", clean("expert 1"));
    await send(e, "slow", clean("expert 2"));
    // Slow mode is per room: the member may post elsewhere.
    await join(m, "product:fast");
    await send(m, "product:fast", clean("elsewhere"));
  });

  it("muted with retryAfterMs", async () => {
    const m = await member(s, "muted-m");
    await join(m, "product:mute");
    const until = Date.now() + 60_000;
    await s.app.stores.sanctions.setMute("acme", "muted-m", { until, at: Date.now(), by: "cm" });
    s.app.tenants.get("acme")!.invalidateSanctions(); // as the moderation service does after each sanction
    const err = await refused(m, "message:send", { room: "product:mute", text: clean() });
    expect(err.code).toBe("muted");
    expect(err.retryAfterMs).toBeGreaterThan(55_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
    await s.app.stores.sanctions.deleteMute("acme", "muted-m");
    s.app.tenants.get("acme")!.invalidateSanctions(); // as the moderation service does after each sanction
    await send(m, "product:mute", clean());
  });

  it("a ban set after connect refuses the next send", async () => {
    const m = await member(s, "late-ban");
    await join(m, "product:ban");
    await send(m, "product:ban", clean());
    await s.app.stores.sanctions.setBan("acme", "late-ban", { reason: "rude", shadow: false, at: Date.now(), by: "cm" });
    s.app.tenants.get("acme")!.invalidateSanctions(); // as the moderation service does after each sanction
    expect((await refused(m, "message:send", { room: "product:ban", text: clean() })).code).toBe("banned");
  });

  it("shadow ban: the author sees visible, nobody else sees anything", async () => {
    const shady = await member(s, "shadow-u");
    const other = await member(s, "shadow-o");
    await join(shady, "product:shadow");
    await join(other, "product:shadow");
    await s.app.stores.sanctions.setBan("acme", "shadow-u", { reason: "troll", shadow: true, at: Date.now(), by: "cm" });
    s.app.tenants.get("acme")!.invalidateSanctions(); // as the moderation service does after each sanction
    const seen = collect<Message>(other, "message");
    const echo = waitFor<Message>(shady, "message");
    const m = await send(shady, "product:shadow", clean("shadow"));
    expect(m.status).toBe("visible");
    expect((await echo).status).toBe("visible");
    const marker = waitFor<Message>(other, "message");
    const mk = await send(other, "product:shadow", clean("marker"));
    expect((await marker).id).toBe(mk.id);
    expect(seen.map((x) => x.id)).toEqual([mk.id]);
    expect((await join(other, "product:shadow")).history.map((x) => x.id)).not.toContain(m.id);
    const own = (await join(shady, "product:shadow")).history.find((x) => x.id === m.id);
    expect(own?.status).toBe("visible");
    expect((await s.app.stores.messages.getMessage("acme", m.id))?.status).toBe("held");
  });

  it("onHit hold: the author's ack says held, no one else sees it, it is queued", async () => {
    const a = await member(s, "hold-a");
    const b = await member(s, "hold-b");
    await join(a, "product:hold");
    await join(b, "product:hold");
    const seen = collect<Message>(b, "message");
    const echo = waitFor<Message>(a, "message");
    const m = await send(a, "product:hold", HIT_TEXT);
    expect(m.status).toBe("held");
    expect((await echo).id).toBe(m.id);
    const marker = waitFor(b, "message");
    await send(a, "product:hold", clean("marker"));
    await marker;
    expect(seen.map((x) => x.id)).not.toContain(m.id);
    expect(await s.app.stores.queue.queueGet("acme", m.id)).toMatchObject({ kind: "filter" });
  });

  it("clientId: the same clientId twice gives the same message and one broadcast", async () => {
    const a = await member(s, "idem-a");
    const b = await member(s, "idem-b");
    await join(a, "product:idem");
    await join(b, "product:idem");
    const seen = collect<Message>(b, "message");
    const text = clean("idem");
    const first = await send(a, "product:idem", text, { clientId: "c-1" });
    const second = await send(a, "product:idem", text, { clientId: "c-1" });
    expect(second.id).toBe(first.id);
    // Same clientId from another user is a different message.
    const third = await send(b, "product:idem", clean("idem b"), { clientId: "c-1" });
    expect(third.id).not.toBe(first.id);
    await until(() => seen.some((m) => m.id === third.id));
    expect(seen.filter((m) => m.id === first.id)).toHaveLength(1);
    const history = (await join(b, "product:idem")).history;
    expect(history.filter((m) => m.id === first.id)).toHaveLength(1);
    expect(history).toHaveLength(2);
  });

  it("clientId: a retry the checks would now refuse (its author muted since) still gets the first message", async () => {
    const a = await member(s, "idem-muted");
    await join(a, "product:idem-muted");
    const first = await send(a, "product:idem-muted", clean("idem muted"), { clientId: "c-m" });
    const now = Date.now();
    await s.app.stores.sanctions.setMute("acme", "idem-muted", { until: now + 60_000, at: now, by: "cm" });
    s.app.tenants.get("acme")!.invalidateSanctions(); // as the moderation service does after each sanction
    expect((await send(a, "product:idem-muted", clean("idem muted"), { clientId: "c-m" })).id).toBe(first.id);
    expect((await refused(a, "message:send", { room: "product:idem-muted", text: clean("idem muted new"), clientId: "c-m2" })).code).toBe("muted");
  });

  it("session:ended reaches the user's sockets before the server disconnects them", async () => {
    const victim = await member(s, "ended-u");
    await until(() => s.app.stores.people.getUser("acme", "ended-u"));
    const order: string[] = [];
    victim.on("session:ended", (p) => order.push(`ended:${p.code}`));
    const gone = new Promise<string>((resolve) => victim.on("disconnect", (reason) => { order.push("disconnect"); resolve(reason); }));
    const tenant = s.app.tenants.get("acme")!;
    await s.app.moderation.sanctions.ban(tenant, { id: "cm-1", name: "Camille", role: "manager" }, { userId: "ended-u", reason: "abuse" });
    expect(await gone).toBe("io server disconnect");
    expect(order).toEqual(["ended:banned", "disconnect"]);
  });

  it("unknown events and missing ack callbacks never break anything", async () => {
    const a = await member(s, "robust");
    expect(await ask(a, "no:such:event", { x: 1 })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await ask(a, "constructor", {})).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    a.emit("no:such:event", { x: 1 });
    a.emit("room:join", { room: "product:noack" });
    a.emit("message:send", { room: "product:noack", text: clean("no ack") });
    a.emit("message:send");
    a.emit("room:join", "junk", 1, 2);
    a.emit("message:flag");
    await join(a, "product:noack");
    const m = await send(a, "product:noack", clean("with ack"));
    expect(m.status).toBe("visible");
    // The ack-less send did go through the pipeline like any other.
    const history = (await join(a, "product:noack")).history;
    expect(history.at(-1)!.id).toBe(m.id);
  });
});

describe("/chat: rate limit", () => {
  it("rate_limited with retryAfterMs once the bucket is empty", async () => {
    const s = await startServer(testConfig({ acme: { rateLimit: { burst: 2, perSecond: 0.2 } } }));
    try {
      const a = await member(s, "rl-a");
      const b = await member(s, "rl-b");
      await join(a, "product:rl");
      await join(b, "product:rl");
      const results: { ok: boolean; error?: { code: string; retryAfterMs?: number } }[] = [];
      for (let i = 0; i < 6; i++) results.push(await ask(a, "message:send", { room: "product:rl", text: clean(`rl ${i}`) }));
      const firstRefusal = results.findIndex((r) => !r.ok);
      // burst 2: exactly two immediate sends, then the next token is 1 / 0.2 = 5 s away.
      expect(firstRefusal).toBe(2);
      const err = results[firstRefusal]!.error!;
      expect(err.code).toBe("rate_limited");
      expect(err.retryAfterMs).toBeGreaterThan(3000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(5000);
      expect(results.slice(firstRefusal).every((r) => !r.ok && r.error?.code === "rate_limited")).toBe(true);
      // Per user: someone else still posts.
      expect((await ask(b, "message:send", { room: "product:rl", text: clean("rl b") })).ok).toBe(true);
    } finally { await s.close(); }
  });
});

describe("/chat: onHit modes", () => {
  it("shadow: the author's ack and echo say visible; no one else sees it; it is queued", async () => {
    const s = await startServer(testConfig({ acme: { filters: { onHit: "shadow" } } }));
    try {
      const a = await member(s, "sh-a");
      const b = await member(s, "sh-b");
      await join(a, "product:sh");
      await join(b, "product:sh");
      const seen = collect<Message>(b, "message");
      const echo = waitFor<Message>(a, "message");
      const m = await send(a, "product:sh", HIT_TEXT);
      expect(m.status).toBe("visible");
      expect((await echo).status).toBe("visible");
      const marker = waitFor(b, "message");
      await send(a, "product:sh", clean("marker"));
      await marker;
      expect(seen.map((x) => x.id)).not.toContain(m.id);
      expect((await s.app.stores.messages.getMessage("acme", m.id))?.status).toBe("held");
      expect(await s.app.stores.queue.queueGet("acme", m.id)).not.toBeNull();
    } finally { await s.close(); }
  });

  it("clientId with newcomer holds: a retry is looked up before judging, so it does not count as a newcomer's post", async () => {
    const s = await startServer(testConfig({ acme: { moderation: { newcomers: { holdFirst: 2 } } } }));
    try {
      const a = await member(s, "nc-a");
      await join(a, "product:nc");
      const text = clean("nc first");
      const first = await send(a, "product:nc", text, { clientId: "nc-1" });
      expect(first.status).toBe("held");
      expect((await send(a, "product:nc", text, { clientId: "nc-1" })).id).toBe(first.id);
      // Still the second of the two held posts: the retry was not counted.
      expect((await send(a, "product:nc", clean("nc second"), { clientId: "nc-2" })).status).toBe("held");
      expect((await send(a, "product:nc", clean("nc third"), { clientId: "nc-3" })).status).toBe("visible");
    } finally { await s.close(); }
  });

  it("reject: a retry of a stored message is answered that message, not refused or audited", async () => {
    const s = await startServer(testConfig({ acme: { filters: { onHit: "reject" } } }));
    try {
      const a = await member(s, "rj-retry");
      await join(a, "product:rj-retry");
      const text = clean("rj retry");
      const first = await send(a, "product:rj-retry", text, { clientId: "rj-1" });
      // Retried: from the third copy on, the spam repeat check (repeatsPerUser 2) hits, which rejects.
      for (let i = 0; i < 3; i++) expect((await send(a, "product:rj-retry", text, { clientId: "rj-1" })).id).toBe(first.id);
      // A new post of that text is what gets refused.
      expect((await refused(a, "message:send", { room: "product:rj-retry", text, clientId: "rj-2" })).code).toBe("content_blocked");
      const { entries } = await s.app.stores.audit.listAudit("acme", 10);
      expect(entries.filter((e) => e.action === "message.rejected")).toHaveLength(1);
    } finally { await s.close(); }
  });

  it("reject: content_blocked, nothing stored, the attempt audited", async () => {
    const s = await startServer(testConfig({ acme: { filters: { onHit: "reject" } } }));
    try {
      const a = await member(s, "rj-a");
      const b = await member(s, "rj-b");
      await join(a, "product:rj");
      await join(b, "product:rj");
      const seen = collect<Message>(b, "message");
      const err = await refused(a, "message:send", { room: "product:rj", text: HIT_TEXT });
      expect(err.code).toBe("content_blocked");
      const marker = waitFor(b, "message");
      await send(a, "product:rj", clean("marker"));
      await marker;
      expect(seen).toHaveLength(1);
      expect((await join(b, "product:rj")).history).toHaveLength(1);
      expect(await s.app.stores.queue.queueSize("acme")).toBe(0);
      const { entries } = await s.app.stores.audit.listAudit("acme", 10);
      const entry = entries.find((e) => e.action === "message.rejected");
      expect(entry).toBeDefined();
      expect(entry!.actor.id).toBe("system");
      expect(entry!.target).toMatchObject({ room: "product:rj", userId: "rj-a" });
    } finally { await s.close(); }
  });
});

/**
 * Memory stores whose message port calls a hook right after it stores a message (before the ack
 * goes out). An append that finds its idempotency key answers the stored message and stores
 * nothing: it is not counted.
 */
function hookedStores() {
  const stores = createMemoryStores();
  const hooked = { stores, appends: 0, onAppend: undefined as ((m: StoredMessage) => void) | undefined };
  const append = stores.messages.appendMessage.bind(stores.messages);
  stores.messages.appendMessage = async (...args) => {
    const res = await append(...args);
    if (res.duplicate) return res;
    hooked.appends++;
    hooked.onAppend?.(res.message);
    return res;
  };
  return hooked;
}

describe("/chat: idempotency across a forced reconnect", () => {
  it("the SDK's send survives losing the transport right as the server stores it: one copy, promise resolves", async () => {
    const store = hookedStores();
    const s = await startServer(testConfig(), { stores: store.stores });
    try {
      const client = await s.connected({ role: "member", sub: "flaky", socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 100 } });
      const watcher = await member(s, "watcher");
      await client.join("product:flaky");
      await join(watcher, "product:flaky");
      const seen = collect<Message>(watcher, "message");
      const clientIds: string[] = [];
      s.app.io.of("/chat").on("connection", (sock) => sock.on("message:send", (p: { clientId?: string }) => clientIds.push(String(p?.clientId))));
      // Re-register for the already connected socket too.
      for (const sock of s.app.io.of("/chat").sockets.values()) if ((sock.data as { user: { id: string } }).user.id === "flaky") sock.on("message:send", (p: { clientId?: string }) => clientIds.push(String(p?.clientId)));
      let killed = 0;
      store.onAppend = () => { if (killed++ === 0) client.socket.io.engine.close(); };
      const reconnected = waitFor(client, "status", (st) => st === "connected", 10_000);
      const text = clean("flaky");
      const m = await client.send("product:flaky", text);
      await reconnected;
      expect(m.text).toBe(text);
      expect(killed).toBe(1);
      expect(store.appends).toBe(1);
      expect(clientIds.length).toBe(2);
      expect(clientIds[0]).toBe(clientIds[1]);
      const history = (await join(watcher, "product:flaky")).history.filter((x) => x.text === text);
      expect(history).toHaveLength(1);
      expect(history[0]!.id).toBe(m.id);
      expect(seen.filter((x) => x.text === text)).toHaveLength(1);
    } finally { await s.close(); }
  });
});
