import { expect, it } from "vitest";
import type { Appeal, ChatError, Message, Notice, SanctionState, SessionEnded } from "../../client-sdk/src/index.ts";
import { onBothStores } from "../support/both-stores.ts";
import { collect, waitFor } from "../support/wait.ts";
import { freshRoom, known, post } from "./support.ts";

const code = (p: Promise<unknown>) => p.then(() => "ok", (e: ChatError) => e.code);

/** SPEC §9.2: appeals against notices, over /chat, /admin and REST, on both stores. */
onBothStores("appeals", {}, (server) => {
  it("reversing the appeal of a deletion publishes the message again and tells the author; one appeal per notice, one decision", async () => {
    const s = server();
    const room = freshRoom();
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "ap-author" });
    const reader = await s.chat({ role: "member", sub: "ap-reader" });
    const message = await post(author, room, "Livraison en retard, encore");
    await reader.join(room);
    const told = waitFor<Notice>(author, "moderation:notice");
    await admin.deleteMessage(message.id, "off topic");
    const notice = await told;

    await admin.subscribe();
    const created = waitFor<Appeal>(admin, "appeal:created");
    const appeal = await author.appeal(notice.id, "It was about my order, not off topic.");
    expect(appeal).toMatchObject({ noticeId: notice.id, userId: "ap-author", status: "open", text: "It was about my order, not off topic.", notice });
    // Who decided stays with the managers: the author's copies never name them.
    expect(notice).not.toHaveProperty("by");
    expect(appeal).not.toHaveProperty("restrictedBy");
    expect((await author.notices()).find((n) => n.id === notice.id)).toEqual(notice);
    const forManagers = { ...appeal, restrictedBy: { id: "cm-acme", name: expect.any(String), role: "manager" } };
    expect(await created).toEqual(forManagers);
    expect(appeal.id).toMatch(/^ap_/);
    // Once per notice; someone else's notice, or an unknown one, does not exist for them.
    expect(await code(author.appeal(notice.id, "Again"))).toBe("forbidden");
    expect(await code(reader.appeal(notice.id, "Me too"))).toBe("not_found");
    expect(await code(author.appeal("nt_unknown", "What"))).toBe("not_found");
    expect((await admin.listAppeals({ status: "open" })).appeals).toEqual([forManagers]);

    const resolved = waitFor<Appeal>(author, "appeal:resolved");
    const resolvedForManagers = waitFor<Appeal>(admin, "appeal:resolved");
    const restored = waitFor<Message>(reader, "message:restored", (m) => m.id === message.id);
    const decided = await admin.resolveAppeal(appeal.id, "reverse", "Our mistake, sorry");
    expect(decided).toMatchObject({ id: appeal.id, status: "reversed", note: "Our mistake, sorry", decidedBy: { id: "cm-acme" } });
    expect(decided.decidedAt).toBeGreaterThanOrEqual(appeal.at);
    const { restrictedBy: _by, ...usersCopy } = decided;
    expect(await resolved).toEqual(usersCopy);
    expect(await resolvedForManagers).toEqual(decided);
    expect((await restored).status).toBe("visible");
    expect((await s.app.stores.messages.getMessage("acme", message.id))?.status).toBe("visible");
    // Decided once: a second decision is refused and changes nothing.
    expect(await code(admin.resolveAppeal(appeal.id, "uphold", "Changed my mind"))).toBe("conflict");
    expect((await admin.listAppeals({ status: "closed" })).appeals).toEqual([decided]);
    // The author's list carries the decision too (for a page that was closed when it came), never the decider of the restriction.
    expect(await author.noticesAndAppeals()).toMatchObject({ appeals: [usersCopy] });
    expect((await reader.noticesAndAppeals()).appeals).toEqual([]);
    expect((await admin.listAppeals({ status: "open" })).appeals).toEqual([]);
  });

  it("reversing a mute's appeal lifts the mute; upholding over REST keeps it; a notice past its deadline cannot be appealed", async () => {
    const s = server();
    const admin = await s.admin();
    const user = await s.chat({ role: "member", sub: "ap-muted" });
    await known(s, "ap-muted");
    const told = waitFor<Notice>(user, "moderation:notice");
    await admin.mute("ap-muted", 3600, "flooding");
    const appeal = await user.appeal((await told).id, "I was answering many questions at once.");
    const lifted = waitFor<SanctionState>(user, "sanction", (x) => x.mute === undefined);
    await admin.resolveAppeal(appeal.id, "reverse", "Fair enough");
    await lifted;
    const room = freshRoom();
    await user.join(room);
    expect((await user.send(room, "Merci !")).status).toBe("visible");

    const told2 = waitFor<Notice>(user, "moderation:notice");
    await admin.mute("ap-muted", 600, "flooding again");
    const second = await user.appeal((await told2).id, "Please");
    const listed = await s.rest("GET", "appeals?status=open");
    expect(listed.status).toBe(200);
    expect(listed.body.appeals.map((a: Appeal) => a.id)).toEqual([second.id]);
    const upheld = await s.rest("POST", `appeals/${second.id}/resolve`, { body: { decision: "uphold", note: "The mute stands" } });
    expect(upheld.status).toBe(200);
    expect(upheld.body.appeal).toMatchObject({ status: "upheld", note: "The mute stands" });
    expect(await s.app.stores.sanctions.getMute("acme", "ap-muted", Date.now())).not.toBeNull();
    expect((await s.rest("POST", "appeals/ap_none/resolve", { body: { decision: "uphold", note: "x y" } })).status).toBe(404);
    expect((await s.rest("POST", `appeals/${second.id}/resolve`, { body: { decision: "maybe", note: "x" } })).body.error.code).toBe("invalid_payload");

    const old: Notice = { ...(await told2), id: "nt_old", at: Date.now() - 2000, appealUntil: Date.now() - 1000 };
    await s.app.stores.notices.addNotice("acme", "ap-muted", old);
    expect(await code(user.appeal("nt_old", "Too late?"))).toBe("forbidden");
  });

  it("a banned user reads the ban's notice and appeals over REST with their token; reversing lifts the ban", async () => {
    const s = server();
    const admin = await s.admin();
    const user = await s.chat({ role: "member", sub: "ap-banned" });
    await known(s, "ap-banned");
    const ended = waitFor<SessionEnded>(user, "session:ended");
    await admin.ban("ap-banned", { reason: "Insults", durationSec: 3600 });
    const { noticeId } = await ended;
    expect(noticeId).toMatch(/^nt_/);
    const token = await s.token({ tenant: "acme", role: "member", sub: "ap-banned", name: "Banned" });
    expect(await code(s.chat({ role: "member", sub: "ap-banned" }))).toBe("banned");

    const notices = await s.rest("GET", "me/notices", { token });
    expect(notices.status).toBe(200);
    expect(notices.body.notices.map((n: Notice) => [n.id, n.kind])).toEqual([[noticeId, "banned"]]);
    const filed = await s.rest("POST", "me/appeals", { token, body: { noticeId, text: "I apologise." } });
    expect(filed.status).toBe(200);
    expect(filed.body.appeal).toMatchObject({ noticeId, userId: "ap-banned", status: "open" });
    expect(filed.body.appeal).not.toHaveProperty("restrictedBy");
    expect(notices.body.notices[0]).not.toHaveProperty("by");
    expect((await s.rest("POST", "me/appeals", { token, body: { noticeId, text: "Again" } })).body.error.code).toBe("forbidden");
    // Someone else's token finds no such notice; no token, or a broken body, are refused.
    const stranger = await s.token({ tenant: "acme", role: "member", sub: "ap-stranger", name: "S" });
    expect((await s.rest("POST", "me/appeals", { token: stranger, body: { noticeId, text: "Me" } })).status).toBe(404);
    expect((await s.rest("GET", "me/notices", { token: stranger })).body).toEqual({ notices: [], appeals: [] });
    expect((await s.rest("GET", "me/notices", { token: null })).status).toBe(401);
    expect((await s.rest("GET", "me/notices", { token: "not-a-token" })).body.error.code).toBe("invalid_token");
    expect((await s.rest("POST", "me/appeals", { token, body: { noticeId } })).body.error.code).toBe("invalid_payload");
    expect((await s.rest("POST", "me/appeals", { token, body: { noticeId, text: "x".repeat(2001) } })).body.error.code).toBe("invalid_payload");
    expect((await s.rest("POST", "me/appeals", { token, raw: "[1,2]" })).body.error.code).toBe("invalid_payload");
    // A token of acme's says nothing to the other brand.
    expect((await s.rest("GET", "me/notices", { token, tenant: "other" })).body.error.code).toBe("invalid_token");

    await admin.resolveAppeal(filed.body.appeal.id, "reverse", "Lifted after your apology");
    expect(await s.app.stores.sanctions.getBan("acme", "ap-banned", Date.now())).toBeNull();
    const back = await s.chat({ role: "member", sub: "ap-banned" });
    expect((await back.notices())[0]!.id).toBe(noticeId);
    const read = await s.rest("GET", "me/notices", { token });
    expect(read.body.appeals).toMatchObject([{ id: filed.body.appeal.id, status: "reversed", note: "Lifted after your apology" }]);
    expect(read.body.appeals[0]).not.toHaveProperty("restrictedBy");
  });

  it("the me/ door answers the brand's page across origins (the widget calls it once a ban closed the chat), and no other origin", async () => {
    const s = server();
    const preflight = await s.rest("OPTIONS", "me/appeals", { token: null, headers: { Origin: "http://acme.test", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://acme.test");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/POST/);
    const token = await s.token({ tenant: "acme", role: "member", sub: "ap-cors", name: "C" });
    const listed = await s.rest("GET", "me/notices", { token, headers: { Origin: "http://acme.test" } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe("http://acme.test");
    // Another brand's origin, or one the tenant does not list, gets no CORS grant.
    for (const origin of ["http://other.test", "http://evil.example"]) {
      const refused = await s.rest("OPTIONS", "me/notices", { token: null, headers: { Origin: origin, "Access-Control-Request-Method": "GET" } });
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("a banned guest appeals with the guest token the chat gave them", async () => {
    const s = server();
    const admin = await s.admin();
    const guest = await s.chat();
    const { id, guestToken } = { id: guest.session!.user.id, guestToken: guest.session!.guestToken! };
    await known(s, id);
    const ended = waitFor<SessionEnded>(guest, "session:ended");
    await admin.ban(id, { reason: "Spam" });
    const { noticeId } = await ended;
    const filed = await s.rest("POST", "me/appeals", { token: guestToken, body: { noticeId, text: "Not spam" } });
    expect(filed.body.appeal).toMatchObject({ noticeId, userId: id, status: "open" });
  });

  it("another tenant's manager neither lists nor decides an appeal, nor hears of it live", async () => {
    const s = server();
    const admin = await s.admin();
    const otherAdmin = await s.admin({ tenant: "other" });
    await Promise.all([admin.subscribe(), otherAdmin.subscribe()]);
    const createdElsewhere = collect<Appeal>(otherAdmin, "appeal:created");
    const resolvedElsewhere = collect<Appeal>(otherAdmin, "appeal:resolved");
    const user = await s.chat({ role: "member", sub: "ap-iso" });
    await known(s, "ap-iso");
    const told = waitFor<Notice>(user, "moderation:notice");
    await admin.mute("ap-iso", 600, "calm");
    // A mute's notice has no room: its appeal reaches the whole-tenant feed.
    const created = waitFor<Appeal>(admin, "appeal:created");
    const appeal = await user.appeal((await told).id, "Why?");
    expect((await created).id).toBe(appeal.id);
    expect((await otherAdmin.listAppeals()).appeals).toEqual([]);
    expect(await code(otherAdmin.resolveAppeal(appeal.id, "reverse", "Let them"))).toBe("not_found");
    expect((await admin.listAppeals()).appeals.map((a) => a.status)).toContain("open");
    const resolved = waitFor<Appeal>(admin, "appeal:resolved");
    await admin.resolveAppeal(appeal.id, "uphold", "It stands");
    expect((await resolved).status).toBe("upheld");
    expect([createdElsewhere, resolvedElsewhere]).toEqual([[], []]);
  });
});
