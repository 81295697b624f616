import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatError, type ChatClient, type Stats } from "../../client-sdk/src/index.ts";
import { collect, until, waitFor } from "../support/wait.ts";
import { StoreUnavailableError } from "../../server/errors.ts";
import { freshRoom, HELD_LINK, known, post, postHeld, startModServer, type ModServer } from "./support.ts";

/** Connects, or resolves with the refusal's code. */
async function tryConnect(s: ModServer, opts: Parameters<ModServer["chat"]>[0]): Promise<ChatClient | string> {
  try { return await s.chat(opts); } catch (e) { return (e as ChatError).code; }
}

describe("manager actions take effect at once (SPEC §5.3, §6.4)", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(); });
  afterAll(async () => { await s.close(); });

  it("message:delete → message:deleted to the room, gone from history, author's removed counter", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "ac-del" });
    const viewer = await s.chat({ role: "member", sub: "ac-del-v" });
    const admin = await s.admin();
    await viewer.join(room);
    const m = await post(author, room, "À supprimer");
    const deleted = waitFor(viewer, "message:deleted", (p) => p.messageId === m.id);
    await admin.deleteMessage(m.id, "hors sujet");
    expect(await deleted).toEqual({ room, messageId: m.id });
    expect((await viewer.join(room)).history.map((h) => h.id)).not.toContain(m.id);
    expect((await admin.inspect("ac-del")).removed).toBe(1);
    await expect(admin.deleteMessage(m.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("deleting a queued message takes it out of the queue and tells the feed", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "ac-delq" });
    const admin = await s.admin();
    await admin.subscribe();
    const held = await postHeld(author, room);
    const resolved = waitFor(admin, "queue:resolved", (p) => p.messageId === held.id);
    await admin.deleteMessage(held.id);
    expect((await resolved).decision).toBe("remove");
    expect(await s.app.stores.queue.queueGet("acme", held.id)).toBeNull();
  });

  it("room:clear → room:cleared to the room, history empty, count returned", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "ac-clr" });
    const viewer = await s.chat({ role: "member", sub: "ac-clr-v" });
    const admin = await s.admin();
    await viewer.join(room);
    await post(author, room, "un");
    await post(author, room, "deux");
    const cleared = waitFor(viewer, "room:cleared");
    expect(await admin.clearRoom(room, "nettoyage")).toBe(2);
    expect(await cleared).toEqual({ room });
    expect((await viewer.join(room)).history).toEqual([]);
    await expect(admin.clearRoom("NOT A ROOM!")).rejects.toMatchObject({ code: "invalid_room" });
  });

  it("room:update freeze: room:updated to the room and the feed; members get room_frozen; managers still post", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-frz" });
    const manager = await s.chat({ role: "manager", sub: "ac-frz-cm" });
    const admin = await s.admin();
    await admin.subscribe();
    await member.join(room);
    await manager.join(room);
    // Online-count pushes are room:updated too: wait for the one that carries the freeze.
    const updated = waitFor(member, "room:updated", (r) => r.id === room && r.frozen);
    const adminUpdated = waitFor(admin, "room:updated", (r) => r.id === room);
    const info = await admin.updateRoom(room, { frozen: true });
    expect(info).toMatchObject({ id: room, frozen: true });
    expect((await updated).frozen).toBe(true);
    expect((await adminUpdated).frozen).toBe(true);
    await expect(member.send(room, "coucou")).rejects.toMatchObject({ code: "room_frozen" });
    expect((await manager.send(room, "Nous revenons vite")).status).toBe("visible");
    await admin.updateRoom(room, { frozen: false });
    expect((await member.send(room, "merci")).status).toBe("visible");
    expect((await s.app.stores.rooms.getRoomState("acme", room))?.frozen).toBe(false);
  });

  it("room:update slow mode and contribution model", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-slow" });
    const expert = await s.chat({ role: "expert", sub: "ac-slow-ex" });
    const admin = await s.admin();
    await member.join(room);
    await expert.join(room);
    await admin.updateRoom(room, { slowModeSec: 30 });
    const first = await member.send(room, "premier");
    const err = await member.send(room, "second").catch((e: ChatError) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect((err as ChatError).code).toBe("slow_mode");
    expect((err as ChatError).retryAfterMs).toBeGreaterThan(0);
    await admin.updateRoom(room, { slowModeSec: 0, contribution: "restricted" });
    await expect(member.send(room, "une réponse", { replyTo: first.id })).rejects.toMatchObject({ code: "answers_restricted" });
    expect((await expert.send(room, "réponse d'experte", { replyTo: first.id })).status).toBe("visible");
    await expect(admin.updateRoom(room, {})).rejects.toMatchObject({ code: "invalid_payload" });
  });

  it("user:ban (permanent): session:ended then disconnect; the handshake is refused `banned`; unban lets them back", async () => {
    const target = await s.chat({ role: "member", sub: "ac-ban" });
    const admin = await s.admin();
    const ended = waitFor(target, "session:ended");
    const closed = waitFor(target, "status", (st) => st === "closed");
    expect(await admin.ban("ac-ban", { reason: "spam répété" })).toEqual({});
    expect(await ended).toEqual({ code: "banned", reason: "spam répété", noticeId: expect.stringMatching(/^nt_/) });
    await closed;
    expect(target.socket.connected).toBe(false);
    expect(await tryConnect(s, { role: "member", sub: "ac-ban" })).toBe("banned");
    await admin.unban("ac-ban");
    expect(typeof (await tryConnect(s, { role: "member", sub: "ac-ban" }))).toBe("object");
    await expect(admin.unban("ac-ban")).rejects.toMatchObject({ code: "not_found" });
  });

  it("a timed ban lifts itself", async () => {
    await s.chat({ role: "member", sub: "ac-tban" });
    const admin = await s.admin();
    const { until: end } = await admin.ban("ac-tban", { reason: "pause", durationSec: 1 });
    expect(end).toBeGreaterThan(Date.now());
    expect(await tryConnect(s, { role: "member", sub: "ac-tban" })).toBe("banned");
    const back = await until(async () => {
      const r = await tryConnect(s, { role: "member", sub: "ac-tban" });
      return typeof r === "object" ? r : undefined;
    }, 5000, 100);
    expect(back.session?.user.id).toBe("ac-tban");
    expect((await admin.listBans()).some((b) => b.userId === "ac-tban")).toBe(false);
  });

  it("user:mute refuses sends with `muted` and retryAfterMs, lifts itself; unmute lifts it early", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-mute" });
    const admin = await s.admin();
    await member.join(room);
    const { until: end } = await admin.mute("ac-mute", 1, "calme");
    expect(end).toBeGreaterThan(Date.now());
    const err = await member.send(room, "je parle").catch((e: ChatError) => e);
    expect((err as ChatError).code).toBe("muted");
    expect((err as ChatError).retryAfterMs).toBeGreaterThan(0);
    await until(async () => (await member.send(room, `de retour ${Date.now()}`).catch(() => undefined))?.status === "visible", 5000, 100);
    await admin.mute("ac-mute", 3600);
    expect((await admin.inspect("ac-mute")).mute?.until).toBeGreaterThan(Date.now());
    await admin.unmute("ac-mute");
    expect((await member.send(room, "libre")).status).toBe("visible");
    await expect(admin.unmute("ac-mute")).rejects.toMatchObject({ code: "not_found" });
  });

  it("a mute and an unmute hold even when the cluster event cannot be sent: stored, applied here, pushed to the user", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-mute-busdown" });
    const admin = await s.admin();
    await member.join(room);
    // This node now caches "no ban, no mute" for the member.
    await member.send(room, "avant");
    const bus = s.app.stores.bus;
    const publish = bus.publish.bind(bus);
    bus.publish = async () => { throw new StoreUnavailableError("bus shard failing over"); };
    try {
      const pushed = waitFor(member, "sanction", (x) => x.mute !== undefined);
      await admin.mute("ac-mute-busdown", 600);
      await pushed;
      await expect(member.send(room, "pendant")).rejects.toMatchObject({ code: "muted" });
      await admin.unmute("ac-mute-busdown");
      expect((await member.send(room, "après")).status).toBe("visible");
    } finally {
      bus.publish = publish;
    }
  });

  it("sanctions never reach the manager themself or another manager", async () => {
    const admin = await s.admin({ sub: "cm-self" });
    await s.chat({ role: "manager", sub: "ac-other-cm" });
    await known(s, "ac-other-cm");
    await expect(admin.ban("cm-self", { reason: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(admin.ban("ac-other-cm", { reason: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(admin.mute("cm-self", 10)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("pre-emptive actions (SPEC §6.4): ban, mute and role on ids never seen hold at their first connection", async () => {
    const admin = await s.admin({ sub: "cm-pre" });
    // Nothing known yet: inspect has nothing to show.
    await expect(admin.inspect("pre-banned")).rejects.toMatchObject({ code: "not_found" });
    expect(await admin.ban("pre-banned", { reason: "known fraudster", durationSec: 3600 })).toMatchObject({ until: expect.any(Number) });
    expect(await admin.mute("pre-muted", 600)).toMatchObject({ until: expect.any(Number) });
    await admin.setRole("pre-expert", "expert");
    // The back office can look them up before they come: what was decided, and that they were never seen.
    const banned = await admin.inspect("pre-banned");
    expect(banned).toMatchObject({ ban: { reason: "known fraudster" }, recent: [], ips: [], messages: 0 });
    expect(banned.lastSeen).toBeUndefined();
    expect((await admin.inspect("pre-expert")).role).toBe("expert");
    expect((await admin.listBans()).map((b) => b.userId)).toContain("pre-banned");
    // First connections.
    await expect(s.chat({ role: "member", sub: "pre-banned" })).rejects.toMatchObject({ code: "banned" });
    const muted = await s.chat({ role: "member", sub: "pre-muted" });
    const room = freshRoom();
    await muted.join(room);
    await expect(muted.send(room, "bonjour")).rejects.toMatchObject({ code: "muted" });
    const expert = await s.chat({ role: "member", sub: "pre-expert" });
    expect(expert.session?.user.role).toBe("expert");
    // Unseen guest ids cannot be given a role (a guest has no account), but can be banned.
    await expect(admin.setRole("g_never-seen", "moderator")).rejects.toMatchObject({ code: "forbidden" });
    await admin.ban("g_never-seen", { reason: "spam bot" });
    // The same over REST.
    const rest = await s.rest("POST", "bans", { body: { userId: "pre-rest", reason: "chargeback fraud" } });
    expect(rest.status).toBe(200);
    await expect(s.chat({ role: "member", sub: "pre-rest" })).rejects.toMatchObject({ code: "banned" });
    expect((await s.rest("PUT", "members/pre-rest-mod/role", { body: { role: "moderator" } })).status).toBe(200);
    expect((await s.rest("POST", "mutes", { body: { userId: "pre-rest-mute", durationSec: 60 } })).status).toBe(200);
    // Lifting works on them too.
    await admin.unban("pre-banned");
    expect((await s.chat({ role: "member", sub: "pre-banned" })).socket.connected).toBe(true);
  });

  it("member:set-role: the user gets a new `session` with the role, and it takes effect (moderator flag hides)", async () => {
    const room = freshRoom();
    const user = await s.chat({ role: "member", sub: "ac-role" });
    const author = await s.chat({ role: "member", sub: "ac-role-author" });
    const admin = await s.admin();
    await user.join(room);
    const promoted = waitFor(user, "session", (x) => x.user.role === "moderator");
    await admin.setRole("ac-role", "moderator");
    expect((await promoted).user).toMatchObject({ id: "ac-role", role: "moderator" });
    const m = await post(author, room, "Un message");
    expect(await user.flag(m.id, "spam")).toEqual({ hidden: true });
    expect((await admin.inspect("ac-role")).role).toBe("moderator");
    const demoted = waitFor(user, "session", (x) => x.user.role === "member");
    await admin.setRole("ac-role", "member");
    await demoted;
    expect(await s.app.stores.people.getRole("acme", "ac-role")).toBeNull();
    const guest = await s.chat();
    await known(s, guest.session!.user.id);
    await expect(admin.setRole(guest.session!.user.id, "moderator")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("members:candidates ranks regular members by helpful answers and clean record; excludes guests, managers and moderators", async () => {
    const s2 = await startModServer();
    try {
      const room = freshRoom();
      const good = await s2.chat({ role: "member", sub: "good", name: "Good" });
      const bad = await s2.chat({ role: "member", sub: "bad", name: "Bad" });
      const voters = [await s2.chat({ role: "member", sub: "v1" }), await s2.chat({ role: "member", sub: "v2" })];
      const mod = await s2.chat({ role: "moderator", sub: "modo" });
      const cm = await s2.chat({ role: "manager", sub: "cm-poster" });
      const guest = await s2.chat();
      const admin = await s2.admin();
      const g = await post(good, room, "Oui, il convient aux peaux sèches");
      await post(bad, room, "moi aussi je poste");
      const b2 = await post(bad, room, "et encore");
      for (const c of [mod, cm, guest]) await post(c, room, "je participe aussi");
      for (const v of voters) { await v.join(room); await v.helpful(g.id); }
      await admin.deleteMessage(b2.id);
      const members = await admin.candidates();
      const ids = members.map((m) => m.user.id);
      expect(ids[0]).toBe("good");
      expect(ids).not.toContain("modo");
      expect(ids).not.toContain("cm-poster");
      expect(ids).not.toContain(guest.session!.user.id);
      const goodRow = members.find((m) => m.user.id === "good")!;
      expect(goodRow).toMatchObject({ messages: 1, helpfulReceived: 2, removed: 0 });
      expect(goodRow.score).toBeGreaterThan(members.find((m) => m.user.id === "bad")?.score ?? 0);
      expect(await admin.candidates(1)).toHaveLength(1);
    } finally {
      await s2.close();
    }
  });

  it("user:inspect: role, recent messages with statuses, ips, devices, counters, ban and mute", async () => {
    const room = freshRoom();
    const u = await s.chat({ role: "member", sub: "ac-insp" });
    const admin = await s.admin();
    await post(u, room, "visible");
    await postHeld(u, room);
    await admin.mute("ac-insp", 60, "test");
    const r = await admin.inspect("ac-insp");
    expect(r.user.id).toBe("ac-insp");
    expect(r.role).toBe("member");
    expect(r.recent.map((m) => m.status).sort()).toEqual(["held", "visible"]);
    expect(r.ips.length).toBeGreaterThan(0);
    expect(r.devices.length).toBeGreaterThan(0);
    expect(r.messages).toBe(2);
    expect(r.mute?.reason).toBe("test");
    expect(r.ban).toBeUndefined();
    await expect(admin.inspect("nobody")).rejects.toMatchObject({ code: "not_found" });
  });

  it("IPs, devices and filter reasons never reach /chat clients", async () => {
    const room = freshRoom();
    const a = await s.chat({ role: "member", sub: "ac-priv" });
    const b = await s.chat({ role: "moderator", sub: "ac-priv-b" });
    await b.join(room);
    const got = waitFor(b, "message");
    const sent = await post(a, room, "pas d'IP ici");
    const held = await postHeld(a, room);
    const received = await got;
    const { history } = await a.join(room);
    for (const m of [sent, held, received, ...history]) {
      expect(Object.keys(m).sort()).toEqual(expect.not.arrayContaining(["ip", "device", "reasons", "shadow", "clientId"]));
    }
  });

  it("lexicon:update adds/removes terms in force before the ack; filters:get shows the lists", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-lex" });
    const admin = await s.admin();
    await member.join(room);
    expect((await member.send(room, "quelle zorglubette")).status).toBe("visible");
    const before = s.app.tenants.get("acme")!.filters().termCount;
    const terms = await admin.updateLexicon({ add: ["Zorglubette"] });
    expect(terms).toBeGreaterThan(before);
    expect((await member.send(room, "encore une zorglubette")).status).toBe("held");
    expect((await admin.getFilters()).terms).toContain("zorglubette");
    await admin.updateLexicon({ remove: ["zorglubette"] });
    expect((await member.send(room, "plus de zorglubette")).status).toBe("visible");
    expect((await admin.getFilters()).terms).not.toContain("zorglubette");
    await admin.updateLexicon({ allow: ["grosse"], disallow: [] });
    expect((await admin.getFilters()).allow).toContain("grosse");
    await expect(admin.updateLexicon({ add: ["x"], remove: ["x"] })).rejects.toMatchObject({ code: "invalid_payload" });
    await expect(admin.updateLexicon({})).rejects.toMatchObject({ code: "invalid_payload" });
  });

  it("links:update allows and un-allows a domain at once", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-links" });
    const admin = await s.admin();
    await member.join(room);
    expect((await member.send(room, `${HELD_LINK} 1`)).status).toBe("held");
    await admin.updateLinks({ allow: ["spam-link.biz"] });
    expect((await admin.getFilters()).links.allow).toContain("spam-link.biz");
    expect((await member.send(room, `${HELD_LINK} 2`)).status).toBe("visible");
    await admin.updateLinks({ unallow: ["spam-link.biz"] });
    expect((await member.send(room, `${HELD_LINK} 3`)).status).toBe("held");
    await admin.updateLinks({ block: ["evil.example"] });
    expect((await admin.getFilters()).links.block).toContain("evil.example");
  });

  it("links:update refuses a bare public suffix in allow, and non-domains in either list, naming the entry (/admin and REST)", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-suffix" });
    const admin = await s.admin();
    await member.join(room);
    for (const entry of ["com", "co.uk", "fr", "biz"]) {
      const err = await admin.updateLinks({ allow: [entry] }).catch((e) => e);
      expect(err).toMatchObject({ code: "invalid_payload" });
      expect(err.message).toContain(`"${entry}" is a public suffix`);
      const r = await s.rest("PATCH", "links", { body: { allow: ["fine.example", entry] } });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { code: "invalid_payload" } });
      expect((r.body as { error: { message: string } }).error.message).toContain(`"${entry}"`);
    }
    for (const body of [{ allow: ["a..b"] }, { block: ["-x-.com"] }, { block: ["bad domain.com"] }]) {
      expect((await s.rest("PATCH", "links", { body })).body).toMatchObject({ error: { code: "invalid_payload" } });
    }
    // Nothing of a refused edit was stored: a link under the suffix is still held.
    expect((await admin.getFilters()).links.allow).not.toContain("biz");
    expect((await member.send(room, `${HELD_LINK} suffix`)).status).toBe("held");
    // The brand's own domain under that suffix, and a whole suffix in block, are fine.
    await admin.updateLinks({ allow: ["brand.co.uk"], block: ["zip"] });
    expect((await admin.getFilters()).links).toMatchObject({ allow: expect.arrayContaining(["brand.co.uk"]), block: expect.arrayContaining(["zip"]) });
  });

  it("rooms:list and room:history show rooms and every status to managers", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-hist" });
    const admin = await s.admin();
    const v = await post(member, room, "visible");
    const h = await postHeld(member, room);
    const rooms = await admin.listRooms();
    expect(rooms.map((r) => r.id)).toContain(room);
    const history = await admin.roomHistory(room);
    expect(history.map((m) => [m.id, m.status])).toEqual([[v.id, "visible"], [h.id, "held"]]);
  });

  it("stats: per room online, messages per minute, held, flags and a 15-point series; pushed only to subscribers", async () => {
    const room = freshRoom();
    const member = await s.chat({ role: "member", sub: "ac-stats" });
    const mod = await s.chat({ role: "moderator", sub: "ac-stats-mod" });
    await mod.join(room);
    const m = await post(member, room, "stat 1");
    await post(member, room, "stat 2");
    await postHeld(member, room);
    await mod.flag(m.id, "spam");
    const admin = await s.admin({ sub: "cm-stats" });
    const idle = await s.admin({ sub: "cm-idle" });
    const idleStats = collect(idle, "stats");
    const stats = await admin.stats();
    const row = stats.rooms.find((r) => r.room === room)!;
    expect(row).toBeDefined();
    expect(row.online).toBeGreaterThanOrEqual(2);
    expect(row.messagesPerMinute).toBeGreaterThanOrEqual(2);
    expect(row.held).toBe(1);
    expect(row.flags).toBe(1);
    expect(row.series).toHaveLength(15);
    expect(row.series![14]).toBeGreaterThanOrEqual(1);
    expect(stats.queue).toBeGreaterThanOrEqual(2);
    await admin.subscribe();
    const pushed = await waitFor<Stats>(admin, "stats", (st) => st.rooms.some((r) => r.room === room), 6000);
    expect(pushed.rooms.find((r) => r.room === room)!.held).toBe(1);
    await waitFor(admin, "stats", () => true, 6000);
    expect(idleStats).toHaveLength(0);
    // A room-scoped subscription gets only its rooms' figures.
    await idle.subscribe([room]);
    const scoped = await waitFor<Stats>(idle, "stats", () => true, 6000);
    expect(scoped.rooms.map((r) => r.room)).toEqual([room]);
    // The same counters on /metrics.
    const metrics = await until(async () => {
      const text = await (await fetch(`${s.url}/metrics`)).text();
      return /causette_messages_per_minute\{tenant="acme"\} [1-9]/.test(text) ? text : undefined;
    }, 6000, 100);
    expect(metrics).toMatch(/causette_review_queue_size\{tenant="acme"\} [1-9]/);
    expect(metrics).toMatch(/causette_online_users\{tenant="acme"\}/);
  });
});
