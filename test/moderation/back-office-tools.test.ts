import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatError } from "../../client-sdk/src/index.ts";
import { freshRoom, HELD_LINK, known, post, postHeld, startModServer, type ModServer } from "./support.ts";

/**
 * The back office's queue and people tools (README "Extensions to SPEC"): queue:context,
 * user:purge, people:search / names / online / recent, audit:list `subject`, and the flags a
 * user received in user:inspect.
 */
describe("back-office tools: queue context, purge, people search and lists", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(); });
  afterAll(async () => { await s.close(); });
  const code = (p: Promise<unknown>) => p.then(() => "ok", (e: ChatError) => e.code);

  it("queue:context unfolds the messages around a queued one, every status, bounded each side", async () => {
    const room = freshRoom();
    const a = await s.chat({ role: "member", sub: "ctx-a" });
    const admin = await s.admin();
    const before = [];
    for (let i = 0; i < 4; i++) before.push(await post(a, room, `avant ${i}`));
    const held = await postHeld(a, room, HELD_LINK);
    const after = [await post(a, room, "après 0"), await post(a, room, "après 1")];
    const ctx = await admin.queueContext(held.id, { before: 2, after: 5 });
    expect(ctx.message.id).toBe(held.id);
    expect(ctx.before.map((m) => m.text)).toEqual(["avant 2", "avant 3"]);
    expect(ctx.after.map((m) => m.id)).toEqual(after.map((m) => m.id));
    const none = await admin.queueContext(held.id, { before: 0, after: 0 });
    expect([none.before, none.after]).toEqual([[], []]);
    // Default: five on each side.
    expect((await admin.queueContext(held.id)).before).toHaveLength(4);
    expect(await code(admin.queueContext("m_nope"))).toBe("not_found");
    for (const bad of [{ messageId: held.id, before: 51 }, { messageId: held.id, after: -1 }, { messageId: held.id, before: "2" }, { messageId: "x".repeat(10_000) }, { messageId: 5 }]) {
      expect(await code((admin as any).call("queue:context", bad))).toBe("invalid_payload");
    }
    const rest = await s.rest("GET", `queue/${held.id}/context?before=1&after=1`);
    expect(rest.status).toBe(200);
    expect(rest.body.before.map((m: any) => m.text)).toEqual(["avant 3"]);
    expect((await s.rest("GET", `queue/${held.id}/context?before=999`)).status).toBe(400);
  });

  it("user:purge deletes the user's recent messages everywhere, takes them off the queue, audits once", async () => {
    const r1 = freshRoom();
    const r2 = freshRoom();
    const a = await s.chat({ role: "member", sub: "purge-a" });
    const other = await s.chat({ role: "member", sub: "purge-other" });
    const admin = await s.admin();
    const m1 = await post(a, r1, "un");
    const m2 = await postHeld(a, r2, HELD_LINK);
    const kept = await post(other, r1, "pas à moi");
    expect(await admin.purge("purge-a", 3600)).toBe(2);
    expect((await s.app.stores.messages.getMessage("acme", m1.id))?.status).toBe("deleted");
    expect((await s.app.stores.messages.getMessage("acme", m2.id))?.status).toBe("deleted");
    expect(await s.app.stores.queue.queueGet("acme", m2.id)).toBeNull();
    expect((await s.app.stores.messages.getMessage("acme", kept.id))?.status).toBe("visible");
    expect(await admin.purge("purge-a", 3600)).toBe(0);
    const { entries } = await admin.listAudit({ action: "user.purged", subject: "purge-a" });
    expect(entries.map((e) => e.target.purged)).toEqual([0, 2]);
    for (const bad of [{ userId: "purge-a", purgeSec: 0 }, { userId: "purge-a", purgeSec: 31 * 86_400 }, { userId: "purge-a" }, { userId: "", purgeSec: 60 }, { userId: "x".repeat(500), purgeSec: 60 }]) {
      expect(await code((admin as any).call("user:purge", bad))).toBe("invalid_payload");
    }
  });

  it("people:search finds by exact id and by name prefix, case and accents aside; bounded; bad queries refused", async () => {
    await s.chat({ role: "member", sub: "srch-elodie", name: "Élodie Durand" });
    await s.chat({ role: "member", sub: "srch-eloise", name: "Eloïse Petit" });
    await s.chat({ role: "member", sub: "srch-bob", name: "Bob" });
    await s.chat({ tenant: "other", role: "member", sub: "srch-other", name: "Élodie Autre" });
    for (const id of ["srch-elodie", "srch-eloise", "srch-bob"]) await known(s, id);
    await known(s, "srch-other", "other");
    const admin = await s.admin();
    const ids = async (q: string, limit?: number) => (await admin.searchPeople(q, limit)).map((p) => p.user.id);
    expect(await ids("ELO")).toEqual(["srch-elodie", "srch-eloise"]);
    expect(await ids("élodie d")).toEqual(["srch-elodie"]);
    expect(await ids("elo", 1)).toEqual(["srch-elodie"]);
    expect(await ids("srch-bob")).toEqual(["srch-bob"]);
    expect((await admin.searchPeople("bob"))[0]).toMatchObject({ user: { id: "srch-bob", name: "Bob", role: "member" }, messages: 0 });
    expect(await ids("srch-other")).toEqual([]);
    expect(await ids("élodie a")).toEqual([]);
    for (const bad of [{ query: "" }, { query: "   " }, { query: "x".repeat(129) }, { query: 5 }, { query: "a", limit: 51 }, { query: ["a"] }]) {
      expect(await code((admin as any).call("people:search", bad))).toBe("invalid_payload");
    }
    const rest = await s.rest("GET", `people/search?query=${encodeURIComponent("éLo")}&limit=5`);
    expect(rest.body.people.map((p: any) => p.user.id)).toEqual(["srch-elodie", "srch-eloise"]);
  });

  it("people:names answers the known ids' names, people:online who is connected, people:recent who wrote last", async () => {
    const room = freshRoom();
    const a = await s.chat({ role: "member", sub: "names-a", name: "Anne" });
    const b = await s.chat({ role: "member", sub: "names-b", name: "Benoît" });
    await known(s, "names-a");
    await known(s, "names-b");
    const admin = await s.admin();
    const names = await admin.names(["names-a", "names-b", "names-a", "never-seen"]);
    expect(names.map((p) => [p.id, p.name]).sort()).toEqual([["names-a", "Anne"], ["names-b", "Benoît"]]);
    for (const bad of [{ ids: [] }, { ids: Array.from({ length: 201 }, (_, i) => `u${i}`) }, { ids: "names-a" }, { ids: [7] }, { ids: ["x".repeat(200)] }]) {
      expect(await code((admin as any).call("people:names", bad))).toBe("invalid_payload");
    }
    const online = (await admin.online()).map((p) => p.user.id);
    expect(online).toEqual(expect.arrayContaining(["names-a", "names-b"]));
    b.disconnect();
    await expect.poll(async () => (await admin.online()).map((p) => p.user.id)).not.toContain("names-b");
    await post(a, room, "premier");
    const c = await s.chat({ role: "member", sub: "names-c", name: "Chloé" });
    await post(c, room, "second");
    const recent = await admin.recentAuthors(2);
    expect(recent.map((p) => [p.user.id, p.room])).toEqual([["names-c", room], ["names-a", room]]);
    expect(await code((admin as any).call("people:recent", { limit: 0 }))).toBe("invalid_payload");
    expect(await code((admin as any).call("people:online", { limit: "5" }))).toBe("invalid_payload");
  });

  it("user:inspect lists the flags received; audit:list subject gives what concerns one person", async () => {
    const room = freshRoom();
    const a = await s.chat({ role: "member", sub: "subj-a" });
    const flagger = await s.chat({ role: "member", sub: "subj-flagger", name: "Fanny" });
    const admin = await s.admin();
    const m = await post(a, room, "Un avis discutable");
    await flagger.join(room);
    await flagger.flag(m.id, "off_topic");
    const u = await admin.inspect("subj-a");
    expect(u.flagsReceived).toEqual([expect.objectContaining({ messageId: m.id, room, reason: "off_topic", by: expect.objectContaining({ id: "subj-flagger", name: "Fanny" }) })]);
    await admin.mute("subj-a", 60, "Calme-toi");
    await admin.deleteMessage(m.id);
    await admin.mute("subj-flagger", 60);
    const { entries } = await admin.listAudit({ subject: "subj-a" });
    expect(entries.map((e) => e.action)).toEqual(["message.deleted", "user.muted"]);
    expect(await code((admin as any).call("audit:list", { subject: "" }))).toBe("invalid_payload");
  });
});
