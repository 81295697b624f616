import { expect, it } from "vitest";
import type { Message, Notice, UserDataErasure, UserDataExport } from "../../client-sdk/src/index.ts";
import { onBothStores } from "../support/both-stores.ts";
import { mintToken } from "../support/tokens.ts";
import { until, waitFor } from "../support/wait.ts";
import { freshRoom, HELD_TEXT, known, post, postHeld } from "./support.ts";

/** SPEC §9.5: one user's data, exported and erased, over REST and /admin, on both stores. */
onBothStores("personal data", {
  // The other brand refuses what its filters catch: the refusal's audit entry quotes the text.
  other: { filters: { onHit: "reject" } },
}, (server) => {
  it("exports everything kept about a user, the same over REST and /admin; an unknown id gets the same document, empty", async () => {
    const s = server();
    const room = freshRoom();
    const admin = await s.admin();
    const user = await s.chat({ role: "member", sub: "pd-exp", name: "Paula Export" });
    await known(s, "pd-exp");
    const first = await post(user, room, "Mon premier avis sur ce sérum");
    const held = await postHeld(user, room);
    const helper = await s.chat({ role: "member", sub: "pd-helper" });
    const answer = await post(helper, room, "Il convient aux peaux sèches");
    await user.helpful(answer.id);
    const receipt = await user.report(answer.id, "scams_and_fraud", "Ce lien mène à une fausse boutique", { name: "Paula", email: "paula@example.org" });
    const muted = waitFor<Notice>(user, "moderation:notice", (n) => n.kind === "muted");
    await admin.mute("pd-exp", 600, "trop de messages");
    await muted;

    const rest = await s.rest("GET", "users/pd-exp/data");
    expect(rest.status).toBe(200);
    const doc = rest.body as UserDataExport;
    expect(doc).toMatchObject({ tenant: "acme", userId: "pd-exp", role: null, trusted: false });
    expect(doc.profile?.user).toMatchObject({ id: "pd-exp", name: "Paula Export" });
    expect(doc.profile?.ips.length).toBeGreaterThan(0);
    expect(doc.profile?.devices.length).toBeGreaterThan(0);
    expect(doc.messages.map((m) => m.id)).toEqual([held.id, first.id]);
    expect(doc.messages[1]!.text).toBe("Mon premier avis sur ce sérum");
    expect(doc.messages[0]!.status).toBe("held");
    expect(doc.sanctions.mute?.until).toBeGreaterThan(Date.now());
    expect(doc.notices.map((n) => n.kind)).toContain("muted");
    expect(doc.audit.map((e) => e.action)).toContain("user.muted");
    expect(doc.flags).toEqual({ raised: 0, upheld: 0, overturned: 0, kept: [] });
    expect(doc.helpful).toEqual({ received: 0, given: [answer.id] });
    // The report of illegal content they made, without its receipt (nor its hash).
    // It names nobody but its subject: not who muted them (the notice's decider, the sanction's author, the audit actor).
    expect(doc.sanctions.mute?.by).toBe("someone else");
    expect(doc.notices.every((n) => !("by" in n))).toBe(true);
    expect(doc.audit.find((e) => e.action === "user.muted")?.actor).toMatchObject({ id: "someone else" });
    expect(JSON.stringify(doc)).not.toMatch(/Manager acme|cm-acme/);
    expect(doc.reports).toEqual([expect.objectContaining({ id: receipt.id, messageId: answer.id, category: "scams_and_fraud", reporterName: "Paula", reporterEmail: "paula@example.org", reporterUserId: "pd-exp", status: "received" })]);
    expect(JSON.stringify(doc.reports)).not.toContain("receipt");
    // The back office asks the same service over /admin.
    const viaSocket = await admin.exportUserData("pd-exp");
    expect({ ...viaSocket, exportedAt: 0 }).toEqual({ ...doc, exportedAt: 0 });

    // An id never seen: a well-formed document with nothing in it (a brand may ask for anyone, SPEC §6.4).
    const none = (await s.rest("GET", "users/pd-nobody/data")).body as UserDataExport;
    expect(none).toMatchObject({ userId: "pd-nobody", profile: null, role: null, messages: [], notices: [], appeals: [], sanctions: {}, audit: [], alerts: [] });
    // Another tenant asking for the same id gets its own (empty) document, never acme's data.
    const foreign = (await s.rest("GET", "users/pd-exp/data", { tenant: "other" })).body as UserDataExport;
    expect(foreign).toMatchObject({ tenant: "other", profile: null, messages: [], notices: [], sanctions: {} });
  });

  it("erases a user everywhere: rooms see message:deleted, history, queue and profile forget them; the ban and its audit stay without the text", async () => {
    const s = server();
    const room = freshRoom();
    const admin = await s.admin();
    const user = await s.chat({ role: "member", sub: "pd-er", name: "Erwan Erase" });
    const watcher = await s.chat({ role: "member", sub: "pd-watch" });
    await known(s, "pd-er");
    await watcher.join(room);
    const shown = await post(user, room, "Un message que je veux voir disparaître");
    const held = await postHeld(user, room);
    expect((await admin.listQueue()).items.map((i) => i.message.id)).toContain(held.id);
    // A flag they raised on someone else's message, with a note in their own words.
    const theirs = await post(watcher, room, "Livraison en trois jours pour moi");
    await user.flag(theirs.id, "other", "Erwan trouve ça faux");
    const report = await user.report(theirs.id, "violence", "Erwan pense que c'est une menace", { name: "Erwan", email: "erwan@example.org" });
    expect((await admin.exportUserData("pd-er")).flags.kept).toEqual([{ messageId: theirs.id, reason: "other", note: "Erwan trouve ça faux", at: expect.any(Number) }]);
    await admin.setRole("pd-er", "expert");
    await admin.ban("pd-er", { reason: "spam répété" });

    const deleted = waitFor<{ room: string; messageId: string }>(watcher, "message:deleted", (e) => e.messageId === shown.id);
    const res = await s.rest("DELETE", "users/pd-er/data");
    expect(res.status).toBe(200);
    const erased = res.body as UserDataErasure;
    expect(erased).toMatchObject({ userId: "pd-er", messages: 2, kept: { ban: true, mute: false } });
    expect(await deleted).toEqual({ room, messageId: shown.id });

    // History (as a newcomer joining sees it), the managers' view of the room, and the queue.
    const late = await s.chat({ role: "member", sub: "pd-late" });
    const { history } = await late.join(room);
    expect(history.map((m: Message) => m.id)).not.toContain(shown.id);
    expect((await admin.roomHistory(room)).map((m) => m.id)).not.toContain(shown.id);
    expect((await admin.listQueue()).items.map((i) => i.message.id)).not.toContain(held.id);

    const after = await admin.exportUserData("pd-er");
    expect(after.profile).toBeNull();
    expect(after.role).toBeNull();
    expect(after.messages).toEqual([]);
    // Their report stays (it was decided on, and is counted) but no longer says who made it.
    expect(after.reports).toEqual([]);
    const kept = await s.app.stores.reports.getReport("acme", report.id);
    expect(kept).toMatchObject({ category: "violence", messageId: theirs.id });
    expect([kept?.reporterUserId, kept?.reporterName, kept?.reporterEmail]).toEqual([undefined, undefined, undefined]);
    // Kept by law: the ban, its notice without the user's words, its audit entry.
    expect(after.sanctions.ban?.reason).toBe("spam répété");
    expect(after.notices.map((n) => n.kind)).toEqual(["banned"]);
    expect(after.notices[0]!.excerpt).toBeUndefined();
    const actions = after.audit.map((e) => e.action);
    expect(actions).toContain("user.banned");
    expect(actions).toContain("user.erased");
    const erasure = after.audit.find((e) => e.action === "user.erased")!;
    expect(erasure.target).toMatchObject({ userId: "pd-er", messages: 2 });
    expect(JSON.stringify(after)).not.toContain("Un message que je veux voir disparaître");
    expect(JSON.stringify(after)).not.toContain(HELD_TEXT);
    // The flag stays (it was counted) but no longer names them or quotes them.
    const flags = await s.app.stores.flags.getFlags("acme", theirs.id);
    expect(flags.map((f) => [f.by.id, f.by.name, f.note])).toEqual([["pd-er", "pd-er", undefined]]);
    expect((await admin.listQueue()).items.find((i) => i.message.id === theirs.id)?.flags[0]?.by.name).toBe("pd-er");
  });

  it("takes the text out of a refusal's audit entry and of the user's appeal, and the user's name out of entries they acted in", async () => {
    const s = server();
    const room = freshRoom();
    const admin = await s.admin({ tenant: "other" });
    const user = await s.chat({ tenant: "other", role: "member", sub: "pd-rej", name: "Rita Rejected" });
    await known(s, "pd-rej", "other");
    await user.join(room);
    const notice = waitFor<Notice>(user, "moderation:notice", (n) => n.kind === "message_rejected");
    await expect(user.send(room, HELD_TEXT)).rejects.toMatchObject({ code: "content_blocked" });
    const rejected = await notice;
    await user.appeal(rejected.id, "Je ne voulais offenser personne, Rita");
    const before = await admin.exportUserData("pd-rej");
    expect(before.audit.find((e) => e.action === "message.rejected")?.target.text).toBe(HELD_TEXT);
    expect(before.appeals[0]!.text).toContain("Rita");

    const erased = await admin.eraseUserData("pd-rej");
    expect(erased.auditScrubbed).toBeGreaterThanOrEqual(2);
    const after = await admin.exportUserData("pd-rej");
    const refusal = after.audit.find((e) => e.action === "message.rejected")!;
    expect(refusal.target).toMatchObject({ userId: "pd-rej", room });
    expect(refusal.target.text).toBeUndefined();
    // What the filter matched (the user's own words) goes with the text, from the reasons and the reason line.
    expect((refusal.target.reasons as Record<string, unknown>[]).length).toBeGreaterThan(0);
    for (const r of refusal.target.reasons as Record<string, unknown>[]) expect(r).not.toHaveProperty("match");
    expect(refusal.reason).toBeUndefined();
    const appealed = after.audit.find((e) => e.action === "appeal.created")!;
    expect(appealed.actor).toMatchObject({ id: "pd-rej", name: "pd-rej" });
    expect(JSON.stringify(after)).not.toContain("Rita");
    expect(JSON.stringify(after)).not.toContain(HELD_TEXT);
  });

  it("finds and erases a message only the review queue still holds (off its timeline, older than the author's recent list)", async () => {
    const s = server();
    const stores = s.app.stores;
    const room = freshRoom();
    const author = { id: "pd-old", name: "Olga Old", role: "member" as const };
    const at = Date.now() - 60_000;
    const kept = { id: `pd-old-held-${room}`, room, author, text: "Un vieux message en attente de revue", createdAt: at, status: "held" as const };
    await stores.queue.queuePut("acme", { messageId: kept.id, kind: "filter", reasons: [{ kind: "word", detail: "x" }], priority: "normal", queuedAt: at });
    await stores.messages.appendMessage("acme", kept, { keep: 1 });
    // Its room moves on (the queue keeps it), and its author writes 201 more elsewhere.
    await stores.messages.appendMessage("acme", { ...kept, id: `pd-old-next-${room}`, author: { ...author, id: "pd-someone" }, status: "visible", createdAt: at + 1 }, { keep: 1 });
    for (let i = 0; i < 201; i++) {
      await stores.messages.appendMessage("acme", { ...kept, id: `pd-old-${i}-${room}`, room: `${room}-${i % 3}`, status: "visible", createdAt: at + 2 + i }, { keep: 1 });
    }
    expect((await stores.messages.authoredBy("acme", "pd-old")).map((m) => m.id)).not.toContain(kept.id);
    const admin = await s.admin();
    expect((await admin.exportUserData("pd-old")).messages.map((m) => m.id)).toContain(kept.id);
    await admin.eraseUserData("pd-old");
    expect(await stores.queue.queueGet("acme", kept.id)).toBeNull();
    expect(await stores.messages.getMessage("acme", kept.id)).toBeNull();
    expect((await admin.listQueue()).items.map((i) => i.message.id)).not.toContain(kept.id);
  });

  it("another tenant's erasure of the same id touches nothing here", async () => {
    const s = server();
    const room = freshRoom();
    const user = await s.chat({ role: "member", sub: "pd-two", name: "Tom Two" });
    await known(s, "pd-two");
    const m = await post(user, room, "Je reste chez acme");
    expect((await s.rest("DELETE", "users/pd-two/data", { tenant: "other" })).body).toMatchObject({ messages: 0 });
    const doc = (await s.rest("GET", "users/pd-two/data")).body as UserDataExport;
    expect(doc.messages.map((x) => x.id)).toEqual([m.id]);
    expect(doc.profile?.user.name).toBe("Tom Two");
  });

  it("refuses bad input: non-managers, no token, wrong types, huge ids", async () => {
    const s = server();
    for (const role of ["member", "moderator", "expert"]) {
      for (const method of ["GET", "DELETE"]) {
        const r = await s.rest(method, "users/pd-x/data", { token: await mintToken({ role, sub: `pd-${role}` }) });
        expect([r.status, r.body.error.code], `${method} ${role}`).toEqual([403, "forbidden"]);
      }
    }
    const anon = await s.rest("DELETE", "users/pd-x/data", { token: null });
    expect(anon.status).toBe(401);
    // "system" is the audit trail's automatic actor: erasing it would rewrite every automatic entry.
    for (const method of ["GET", "DELETE"]) {
      const r = await s.rest(method, "users/system/data");
      expect([r.status, r.body.error.code], method).toEqual([400, "invalid_payload"]);
    }
    const huge = "u".repeat(5000);
    for (const method of ["GET", "DELETE"]) {
      const r = await s.rest(method, `users/${huge}/data`);
      expect([r.status, r.body.error.code], method).toEqual([400, "invalid_payload"]);
    }
    const extra = await s.rest("GET", "users/pd-x/data?limit=5");
    expect([extra.status, extra.body.error.code]).toEqual([400, "invalid_payload"]);
    const admin = await s.admin();
    for (const bad of [{}, { userId: 5 }, { userId: "" }, { userId: ["a"] }, { userId: "x", extra: 1 }, null, "pd-x"]) {
      for (const event of ["user:data:export", "user:data:erase"] as const) {
        const res = await admin.socket.timeout(5000).emitWithAck(event, bad);
        expect(res, `${event} ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
      }
    }
  });
});
