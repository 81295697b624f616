import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatError, QueueItem } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { collect, until, waitFor } from "../support/wait.ts";
import { freshRoom, post, postHeld, startModServer, type ModServer } from "./support.ts";

describe("flags (SPEC §6.3)", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(); });
  afterAll(async () => { await s.close(); });

  it("a member flags once; a repeat is idempotent; every flag queues the message with its flagger", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "fl-author" });
    const flagger = await s.chat({ role: "member", sub: "fl-1", name: "Flo" });
    const admin = await s.admin();
    await admin.subscribe();
    await flagger.join(room);
    const m = await post(author, room, "Ce sérum est top");
    const added = waitFor<QueueItem>(admin, "queue:added", (i) => i.message.id === m.id);
    expect(await flagger.flag(m.id, "spam", "pub déguisée")).toEqual({ hidden: false });
    const item = await added;
    expect(item.kind).toBe("flag");
    expect(item.priority).toBe("normal");
    expect(item.flags.map((f) => f.by.id)).toEqual(["fl-1"]);
    expect(item.reasons).toContainEqual(expect.objectContaining({ kind: "flag", detail: "spam" }));
    // Managers see where it came from.
    expect(item.ip).toBeTypeOf("string");
    expect(item.device).toBeTypeOf("object");
    expect(await flagger.flag(m.id, "abuse")).toEqual({ hidden: false });
    const { items } = await admin.listQueue();
    const mine = items.find((i) => i.message.id === m.id)!;
    expect(mine.flags).toHaveLength(1);
    const rec = await s.app.stores.people.getUser("acme", "fl-1");
    expect(rec?.counters.flagsRaised).toBe(1);
  });

  it("refuses flagging one's own message", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "fl-own" });
    const m = await post(author, room, "Mon propre message");
    await expect(author.flag(m.id, "spam")).rejects.toMatchObject({ code: "forbidden" } satisfies Partial<ChatError>);
  });

  it("a moderator's flag hides at once (high priority, message:hidden to the room, audited)", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "fl-a2" });
    const mod = await s.chat({ role: "moderator", sub: "fl-mod", name: "Modo" });
    const viewer = await s.chat({ role: "member", sub: "fl-viewer" });
    const admin = await s.admin();
    await admin.subscribe();
    await mod.join(room);
    await viewer.join(room);
    const m = await post(author, room, "Achetez chez le concurrent");
    const hidden = waitFor(viewer, "message:hidden", (p) => p.messageId === m.id);
    const added = waitFor(admin, "queue:added", (i) => i.message.id === m.id);
    const audited = waitFor(admin, "audit", (e) => e.action === "message.hidden" && e.target.messageId === m.id);
    expect(await mod.flag(m.id, "competitor")).toEqual({ hidden: true });
    expect(await hidden).toEqual({ room, messageId: m.id });
    expect((await added).priority).toBe("high");
    const entry = await audited;
    expect(entry.actor.id).toBe("fl-mod");
    // A hidden message is out of the history others get.
    const late = await s.chat({ role: "member", sub: "fl-late" });
    const { history } = await late.join(room);
    expect(history.map((h) => h.id)).not.toContain(m.id);
  });

  it("without moderatorFlagHides, reportsToHide distinct members hide it; guests never count", async () => {
    const s2 = await startModServer(testConfig({ acme: { moderation: { reportsToHide: 2, moderatorFlagHides: false } } }));
    try {
      const room = freshRoom();
      const author = await s2.chat({ role: "member", sub: "a" });
      const mod = await s2.chat({ role: "moderator", sub: "mod" });
      const guest = await s2.chat();
      const m1 = await s2.chat({ role: "member", sub: "m1" });
      const m2 = await s2.chat({ role: "member", sub: "m2" });
      for (const c of [mod, guest, m1, m2]) await c.join(room);
      const msg = await post(author, room, "Bonjour tout le monde");
      const hiddenEvents = collect(m2, "message:hidden");
      // The guest's flag is recorded but does not count; the moderator's does not hide at once here.
      expect(await guest.flag(msg.id, "spam")).toEqual({ hidden: false });
      expect(await mod.flag(msg.id, "spam")).toEqual({ hidden: false });
      const hidden = waitFor(m2, "message:hidden");
      expect(await m1.flag(msg.id, "spam")).toEqual({ hidden: true });
      await hidden;
      expect(await m2.flag(msg.id, "spam")).toEqual({ hidden: true });
      expect(hiddenEvents).toHaveLength(1);
      expect((await s2.app.stores.queue.queueGet("acme", msg.id))?.kind).toBe("flag");
      // Managers see which flag did not count, and why it did not is decided once, when raised.
      const flags = await s2.app.stores.flags.getFlags("acme", msg.id);
      expect(flags.filter((f) => f.discounted).map((f) => f.by.role)).toEqual(["guest"]);
      const entries = (await s2.app.stores.audit.listAudit("acme", 10)).entries;
      expect(entries.find((e) => e.action === "message.hidden")?.actor.id).toBe("system");
    } finally {
      await s2.close();
    }
  });

  it("held and deleted messages cannot be flagged (they do not exist for flaggers)", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "fl-held" });
    const other = await s.chat({ role: "member", sub: "fl-held-2" });
    await other.join(room);
    const held = await postHeld(author, room);
    expect(held.status).toBe("held");
    await expect(other.flag(held.id, "spam")).rejects.toMatchObject({ code: "not_found" });
  });

  it("alert:raise from a moderator reaches feed subscribers live; members may not raise", async () => {
    const room = freshRoom();
    const mod = await s.chat({ role: "moderator", sub: "fl-alert" });
    const member = await s.chat({ role: "member", sub: "fl-alert-m" });
    const admin = await s.admin();
    await admin.subscribe();
    await mod.join(room);
    await member.join(room);
    const alert = waitFor(admin, "alert", (a) => a.room === room);
    await mod.raiseAlert(room, "Raid en cours");
    expect(await alert).toMatchObject({ room, note: "Raid en cours", by: { id: "fl-alert", role: "moderator" } });
    await expect(member.raiseAlert(room, "hello")).rejects.toMatchObject({ code: "forbidden" });
    await until(async () => (await admin.listAudit({ action: "alert.raised" })).entries.some((e) => e.target.room === room));
  });

  it("after a manager approves, earlier flags count no more: one new report does not hide it again; a moderator still does", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "fl-re-a" });
    const first = await Promise.all([1, 2, 3].map((i) => s.chat({ role: "member", sub: `fl-re-old${i}` })));
    const fresh = await Promise.all([1, 2, 3].map((i) => s.chat({ role: "member", sub: `fl-re-new${i}` })));
    const mod = await s.chat({ role: "moderator", sub: "fl-re-mod" });
    const admin = await s.admin();
    for (const c of [...first, ...fresh, mod]) await c.join(room);
    const m = await post(author, room, "Le flacon de 50 ml dure deux mois");
    // reportsToHide is 3 in the test config.
    expect(await first[0]!.flag(m.id, "spam")).toEqual({ hidden: false });
    expect(await first[1]!.flag(m.id, "spam")).toEqual({ hidden: false });
    expect(await first[2]!.flag(m.id, "spam")).toEqual({ hidden: true });
    const restored = waitFor(fresh[0]!, "message:restored", (x) => x.id === m.id);
    expect((await admin.resolve(m.id, "approve")).status).toBe("visible");
    await restored;

    // Earlier flaggers flagging again: idempotent, nothing queued again.
    expect(await first[0]!.flag(m.id, "abuse")).toEqual({ hidden: false });
    expect(await s.app.stores.queue.queueGet("acme", m.id)).toBeNull();
    // New distinct flaggers must reach reportsToHide again.
    expect(await fresh[0]!.flag(m.id, "spam")).toEqual({ hidden: false });
    expect(await fresh[1]!.flag(m.id, "spam")).toEqual({ hidden: false });
    expect((await s.app.stores.messages.getMessage("acme", m.id))!.status).toBe("visible");
    expect(await fresh[2]!.flag(m.id, "spam")).toEqual({ hidden: true });
    const hiddenAudit = (await admin.listAudit({ action: "message.hidden" })).entries.filter((e) => e.target.messageId === m.id);
    expect(hiddenAudit[0]!.target.flags).toBe(3);

    // The second decision scores this round's flaggers only: the first ones were scored already.
    await admin.resolve(m.id, "approve");
    expect((await s.app.stores.people.getUser("acme", "fl-re-old1"))!.counters.flagsOverturned).toBe(1);
    expect((await s.app.stores.people.getUser("acme", "fl-re-new1"))!.counters.flagsOverturned).toBe(1);
    // Moderators are trusted: one flag still hides at once after an approval.
    expect(await mod.flag(m.id, "off_topic")).toEqual({ hidden: true });
  });

  it("bots may read but not flag, vote helpful or raise alerts (forbidden)", async () => {
    const room = freshRoom();
    const ua = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    const botHeaders = { socketOptions: { extraHeaders: { "user-agent": ua } } };
    const author = await s.chat({ role: "member", sub: "fl-bot-a" });
    const bot = await s.connected({ role: "member", sub: "fl-bot", ...botHeaders });
    const botMod = await s.connected({ role: "moderator", sub: "fl-bot-mod", ...botHeaders });
    await bot.join(room);
    await botMod.join(room);
    const m = await post(author, room, "Une réponse utile sur le sérum");
    await expect(bot.flag(m.id, "spam")).rejects.toMatchObject({ code: "forbidden" });
    await expect(botMod.flag(m.id, "spam")).rejects.toMatchObject({ code: "forbidden" });
    await expect(bot.helpful(m.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(botMod.raiseAlert(room, "raid")).rejects.toMatchObject({ code: "forbidden" });
    expect(await s.app.stores.flags.getFlags("acme", m.id)).toEqual([]);
    expect(await s.app.stores.queue.queueGet("acme", m.id)).toBeNull();
    expect((await s.app.stores.messages.getMessage("acme", m.id))!.status).toBe("visible");
    expect((await s.app.stores.messages.getMessage("acme", m.id))!.helpful ?? 0).toBe(0);
  });

  it("a feed subscribed to one room only gets that room's events", async () => {
    const roomA = freshRoom();
    const roomB = freshRoom();
    const author = await s.chat({ role: "member", sub: "fl-scope-a" });
    const mod = await s.chat({ role: "moderator", sub: "fl-scope-mod" });
    const admin = await s.admin({ sub: "cm-scoped" });
    await admin.subscribe([roomB]);
    const seen = collect(admin, "queue:added");
    await mod.join(roomA);
    await mod.join(roomB);
    const a = await post(author, roomA, "dans A");
    const b = await post(author, roomB, "dans B");
    const gotB = waitFor(admin, "queue:added", (i) => i.message.id === b.id);
    await mod.flag(a.id, "spam");
    await mod.flag(b.id, "spam");
    await gotB;
    expect(seen.map((i) => i.message.id)).toEqual([b.id]);
  });
});
