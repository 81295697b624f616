import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, closeAllRaw, connectRaw } from "../support/raw.ts";
import { testConfig } from "../support/config.ts";
import { collect, until, waitFor } from "../support/wait.ts";
import { freshRoom, known, post, postHeld, startModServer, type ModServer } from "./support.ts";

/**
 * Conformance gaps found by auditing SPEC §5.3, §5.4 and §6.3–6.4 line by line; each test
 * pins one fix so the behaviour a community manager relies on cannot drift back.
 */
describe("SPEC conformance: /admin, REST and moderation rules", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(testConfig({ server: { trustProxy: true } })); });
  afterAll(async () => { closeAllRaw(); await s.close(); });

  it("a demoted moderator shows as member in user:inspect and members:candidates, even after reconnecting while promoted", async () => {
    const room = freshRoom();
    const admin = await s.admin();
    const first = await s.chat({ role: "member", sub: "cf-demoted" });
    await post(first, room, "Je conseille la version sans parfum");
    await admin.setRole("cf-demoted", "moderator");
    first.disconnect();
    // Reconnecting while promoted records the user again (the handshake now sees the grant).
    const before = (await s.app.stores.people.getUser("acme", "cf-demoted"))!.lastSeen;
    const again = await s.chat({ role: "member", sub: "cf-demoted" });
    expect(again.session!.user.role).toBe("moderator");
    await until(async () => (await s.app.stores.people.getUser("acme", "cf-demoted"))!.lastSeen > before);
    await admin.setRole("cf-demoted", "member");
    expect((await admin.inspect("cf-demoted")).role).toBe("member");
    expect((await admin.inspect("cf-demoted")).user.role).toBe("member");
    expect((await admin.candidates(200)).map((c) => c.user.id)).toContain("cf-demoted");
  });

  it("queue:list refuses a cursor it did not issue (invalid_payload, 400 over REST) instead of restarting at page one", async () => {
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "cf-cursor" });
    const room = freshRoom();
    for (let i = 0; i < 3; i++) await postHeld(author, room, `quel connard numéro ${"abc"[i]}`);
    const first = await admin.listQueue({ limit: 1 });
    expect(first.cursor).toBeTypeOf("string");
    const second = await admin.listQueue({ limit: 1, cursor: first.cursor! });
    expect(second.items[0]!.message.id).not.toBe(first.items[0]!.message.id);
    for (const bad of ["garbage", Buffer.from("[1]").toString("base64url"), Buffer.from('{"c":5}').toString("base64url")]) {
      await expect(admin.listQueue({ cursor: bad }), bad).rejects.toMatchObject({ code: "invalid_payload" });
      const r = await s.rest("GET", `queue?cursor=${bad}`);
      expect([r.status, r.body.error.code], bad).toEqual([400, "invalid_payload"]);
    }
    // Well wrapped, but the store cursor inside is not one the store issued: refused too, not page one again.
    const wrap = (c: string) => Buffer.from(JSON.stringify({ v: "q1", c })).toString("base64url");
    for (const inner of ["x", Buffer.from("[1]").toString("base64url"), Buffer.from('["high","x","m"]').toString("base64url")]) {
      await expect(admin.listQueue({ cursor: wrap(inner) }), inner).rejects.toMatchObject({ code: "invalid_payload" });
      const r = await s.rest("GET", `queue?cursor=${wrap(inner)}`);
      expect([r.status, r.body.error.code], inner).toEqual([400, "invalid_payload"]);
    }
    const rest = await s.rest("GET", "queue?limit=1");
    const next = await s.rest("GET", `queue?limit=1&cursor=${rest.body.cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].message.id).not.toBe(rest.body.items[0].message.id);
  });

  it("the OpenAPI document also lists the public widget-config route, without security", async () => {
    const r = await s.rest("GET", "/api/v1/openapi.json", { token: null });
    const op = r.body.paths["/api/v1/tenants/{tenant}/widget-config"]?.get;
    expect(op).toBeDefined();
    expect(op.security).toEqual([]);
    expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(["path:tenant", "query:path"]));
    // Body routes document the size limit's 413.
    expect(r.body.paths["/api/v1/tenants/{tenant}/lexicon"].patch.responses[413]).toBeDefined();
    // The demo-token route only exists with a "demo" tenant, and is only listed then.
    expect(r.body.paths["/api/v1/demo/token"]).toBeUndefined();
  });

  it("REST accepts any body the /admin socket accepts (same size limit), and refuses unauthenticated bodies before reading them", async () => {
    // 3 × 500 terms of 100 characters: a valid lexicon:update of ~160 kB, over the old 64 kB REST limit.
    const list = (tag: string, fill: string) => Array.from({ length: 500 }, (_, i) => `${tag}${String(i).padStart(3, "0")}${fill.repeat(96)}`);
    const patch = (fill: string) => ({ remove: list("r", fill), allow: list("a", fill), disallow: list("d", fill) });
    const admin = await s.admin();
    expect(await admin.updateLexicon(patch("q"))).toBeGreaterThan(0);
    const rest = await s.rest("PATCH", "lexicon", { body: patch("z") });
    expect([rest.status, typeof rest.body.terms]).toEqual([200, "number"]);
    const huge = await s.rest("PATCH", "lexicon", { raw: JSON.stringify({ remove: ["x".repeat(300 * 1024)] }) });
    expect([huge.status, huge.body.error.code]).toEqual([413, "invalid_payload"]);
    const anonymous = await s.rest("PATCH", "lexicon", { token: null, raw: JSON.stringify({ remove: ["x".repeat(300 * 1024)] }) });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, "unauthorized"]);
  });

  it("a shadow-banned moderator's flag hides nothing for the room (it still queues; the moderator notices nothing)", async () => {
    const room = freshRoom();
    const admin = await s.admin();
    await admin.subscribe();
    const author = await s.chat({ role: "member", sub: "cf-sb-author" });
    const mod = await s.chat({ role: "moderator", sub: "cf-sb-mod" });
    const viewer = await s.chat({ role: "member", sub: "cf-sb-viewer" });
    await known(s, "cf-sb-mod");
    await admin.ban("cf-sb-mod", { reason: "rogue moderator", shadow: true });
    await viewer.join(room);
    await mod.join(room);
    const hidden = collect(viewer, "message:hidden");
    const m = await post(author, room, "Très bonne texture, je recommande");
    // The moderator sees what a moderator's flag does (hidden, for them alone); the room sees nothing.
    const modSees = waitFor(mod, "message:hidden", (p) => p.messageId === m.id);
    expect(await mod.flag(m.id, "abuse")).toEqual({ hidden: true });
    await modSees;
    expect((await s.app.stores.messages.getMessage("acme", m.id))!.status).toBe("visible");
    expect(hidden).toEqual([]);
    const item = await until(async () => (await admin.listQueue({ limit: 200 })).items.find((i) => i.message.id === m.id));
    expect(item.flags.map((f) => f.by.id)).toEqual(["cf-sb-mod"]);
    expect(item.priority).toBe("normal");
    // The threshold still works for everyone else: this moderator's flag does not count towards it.
    for (const sub of ["cf-sb-f1", "cf-sb-f2"]) {
      const c = await s.chat({ role: "member", sub });
      await c.join(room);
      expect((await c.flag(m.id, "spam")).hidden).toBe(false);
    }
    const third = await s.chat({ role: "member", sub: "cf-sb-f3" });
    await third.join(room);
    expect((await third.flag(m.id, "spam")).hidden).toBe(true);
    await until(() => hidden.length === 1);
  });

  it("message:delete of a flagged, queued message scores its flaggers as upheld, like queue:resolve remove", async () => {
    const room = freshRoom();
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "cf-del-author" });
    const flagger = await s.chat({ role: "member", sub: "cf-del-flagger" });
    await flagger.join(room);
    const m = await post(author, room, "Regardez mon profil pour des promos");
    await flagger.flag(m.id, "spam");
    await admin.deleteMessage(m.id, "spam");
    const rec = await admin.inspect("cf-del-flagger");
    expect([rec.flagsRaised, rec.flagsUpheld, rec.flagsOverturned]).toEqual([1, 1, 0]);
    // A message deleted outside the queue (never flagged) scores nobody.
    const plain = await post(author, room, "Un autre message tout à fait correct");
    await admin.deleteMessage(plain.id);
    expect((await admin.inspect("cf-del-flagger")).flagsUpheld).toBe(1);
  });

  it("a reply must name a message the sender can see: others' held, shadowed, hidden or deleted ones are not_found", async () => {
    const room = freshRoom();
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "cf-re-author" });
    const shadowed = await s.chat({ role: "member", sub: "cf-re-shadow" });
    const mod = await s.chat({ role: "moderator", sub: "cf-re-mod" });
    const replier = await s.chat({ role: "member", sub: "cf-re-replier" });
    await known(s, "cf-re-shadow");
    await admin.ban("cf-re-shadow", { reason: "troll", shadow: true });
    for (const c of [mod, replier]) await c.join(room);
    const held = await postHeld(author, room);
    expect(held.status).toBe("held");
    const shadow = await post(shadowed, room, "Personne ne me voit");
    expect(shadow.status).toBe("visible"); // so the shadow-banned author notices nothing
    const hidden = await post(author, room, "Bientôt masqué");
    expect(await mod.flag(hidden.id, "abuse")).toEqual({ hidden: true });
    const deleted = await post(author, room, "Bientôt supprimé");
    await admin.deleteMessage(deleted.id);
    const visible = await post(author, room, "Quelle taille pour le flacon ?");

    for (const [what, m] of [["held", held], ["shadowed", shadow], ["hidden", hidden], ["deleted", deleted]] as const) {
      const e = await replier.send(room, "Je réponds", { replyTo: m.id }).catch((err: unknown) => err);
      expect(e, what).toMatchObject({ code: "not_found" });
    }
    // Nothing was stored for the refused replies.
    expect((await s.app.stores.messages.userMessages("acme", "cf-re-replier", 10))).toEqual([]);
    // What the sender sees may be answered: published messages, and their own held (or shadowed) ones.
    expect((await replier.send(room, "50 ml", { replyTo: visible.id })).replyTo).toBe(visible.id);
    expect((await author.send(room, "Pardon, je reformule", { replyTo: held.id })).replyTo).toBe(held.id);
    expect((await shadowed.send(room, "Je complète", { replyTo: shadow.id })).status).toBe("visible");
    // The author of a hidden message no longer sees it either.
    await expect(author.send(room, "Pourquoi ?", { replyTo: hidden.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("/admin events that take no payload answer an ack-only emit", async () => {
    const token = await s.managerToken();
    const { socket } = await connectRaw(s.url, { namespace: "/admin", auth: { tenant: "acme", token } });
    const stats = await ask(socket, "stats:get");
    expect(stats.ok).toBe(true);
    expect(stats.queue).toBeTypeOf("number");
    expect((await ask(socket, "rooms:list")).ok).toBe(true);
    expect((await ask(socket, "feed:subscribe")).ok).toBe(true);
    // A required field still names itself.
    const res = await ask(socket, "user:inspect");
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe("invalid_payload");
    expect(res.error.message).toMatch(/userId/);
  });
});
