import { expect, it } from "vitest";
import type { ChatError, Message, RoomPinned } from "../../client-sdk/src/index.ts";
import { onBothStores } from "../support/both-stores.ts";
import { mintToken } from "../support/tokens.ts";
import { collect, until, waitFor } from "../support/wait.ts";
import { freshRoom, HELD_TEXT, post } from "./support.ts";

const code = (p: Promise<unknown>) => p.then(() => "ok", (e: ChatError) => e.code);

/**
 * Issue 24 item 4, brand voice: a manager posts in a room as the brand (a `team` message signed
 * with the tenant's name) and pins one message per room at the top of every widget. Over the
 * wire, on the embedded store and on Redis.
 */
onBothStores("brand voice: posts as the brand and pinned messages", {}, (server) => {
  it("a brand post reaches the room live with its team marker, skips the filters and the room's freeze, and stays in history", async () => {
    const s = server();
    const room = freshRoom("product:bv");
    const shopper = await s.chat({ role: "member", sub: "bv-shopper", name: "Lou" });
    await shopper.join(room);
    const admin = await s.admin({ sub: "cm-camille", name: "Camille" });
    await admin.updateRoom(room, { frozen: true });
    const live = waitFor<Message>(shopper, "message", (m) => m.team === true);
    // A word the shoppers' filters hold, in a frozen room: the brand's own word goes through.
    const m = await admin.postAsBrand(room, `  Bonjour à tous ! ${HELD_TEXT}  `, { clientId: "bv-1" });
    expect(m).toMatchObject({ room, status: "visible", team: true, text: `Bonjour à tous ! ${HELD_TEXT}`, author: { id: "cm-camille", name: "Acme Beauty", role: "manager" } });
    expect(await live).toStrictEqual(m);
    // The same clientId is the same post, never a second one.
    expect((await admin.postAsBrand(room, "autre chose", { clientId: "bv-1" })).id).toBe(m.id);
    // A late joiner and the REST door see it in history; the manager's own posts are audited.
    const late = await s.chat({ role: "guest" });
    expect((await late.join(room)).history.filter((x) => x.team)).toStrictEqual([m]);
    const rest = await s.rest("POST", `rooms/${encodeURIComponent(room)}/posts`, { body: { text: "Par l'API" } });
    expect(rest.status).toBe(200);
    expect(rest.body.message).toMatchObject({ team: true, text: "Par l'API", author: { name: "Acme Beauty" } });
    await until(async () => (await shopper.join(room)).history.some((x) => x.id === rest.body.message.id));
    const audit = await admin.listAudit({ action: "room.posted" });
    expect(audit.entries.find((e) => e.target.messageId === m.id)).toMatchObject({ actor: { id: "cm-camille", name: "Camille" }, target: { room, text: m.text } });
    // Shoppers answer it, and cannot flag the brand's own word.
    expect((await shopper.send(room, "Merci !", { replyTo: m.id }).catch((e: ChatError) => e.code))).toBe("room_frozen");
    await admin.updateRoom(room, { frozen: false });
    expect((await shopper.send(room, "Merci !", { replyTo: m.id })).replyTo).toBe(m.id);
    expect(await code(shopper.flag(m.id, "spam"))).toBe("forbidden");
    expect((await admin.postAsBrand(room, "Bien sûr", { replyTo: m.id })).replyTo).toBe(m.id);
  });

  it("a pin is seen live and by late joiners, replaced by another, and gone for all on unpin", async () => {
    const s = server();
    const room = freshRoom("product:pin");
    const shopper = await s.chat({ role: "member", sub: "pin-shopper" });
    const other = await post(shopper, room, "Ce sérum convient-il aux peaux sèches ?");
    const admin = await s.admin({ sub: "cm-pin", name: "Camille" });
    await admin.subscribe([room]);
    const brand = await admin.postAsBrand(room, "Livraison offerte ce week-end");
    const pinnedLive = waitFor<RoomPinned>(shopper, "room:pinned", (p) => p.room === room);
    const feedLive = waitFor<RoomPinned>(admin, "room:pinned", (p) => p.room === room);
    expect(await admin.pin(room, brand.id)).toStrictEqual(brand);
    expect((await pinnedLive).message).toStrictEqual(brand);
    expect((await feedLive).message.id).toBe(brand.id);
    expect(shopper.pinned(room)).toStrictEqual(brand);
    const late = await s.chat({ role: "guest" });
    expect((await late.join(room)).pinned).toStrictEqual(brand);
    // Pinning it again changes nothing and is not audited twice; a shopper's message replaces it.
    await admin.pin(room, brand.id);
    const replaced = waitFor<RoomPinned>(late, "room:pinned", (p) => p.message.id === other.id);
    const rest = await s.rest("PUT", `rooms/${encodeURIComponent(room)}/pin`, { body: { messageId: other.id } });
    expect(rest.status).toBe(200);
    expect(rest.body.message.id).toBe(other.id);
    await replaced;
    expect(late.pinned(room)?.id).toBe(other.id);
    // Unpinned: everyone's widget drops it, and a join answers none.
    const unpinned = [waitFor(shopper, "room:unpinned", (p) => p.room === room), waitFor(late, "room:unpinned", (p) => p.room === room)];
    expect(await admin.unpin(room)).toBe(true);
    await Promise.all(unpinned);
    expect(shopper.pinned(room)).toBeUndefined();
    expect((await (await s.chat({ role: "guest" })).join(room)).pinned).toBeUndefined();
    expect(await admin.unpin(room)).toBe(false);
    expect((await s.rest("DELETE", `rooms/${encodeURIComponent(room)}/pin`)).body).toStrictEqual({ unpinned: false });
    const audit = (await admin.listAudit({ limit: 200 })).entries.filter((e) => e.target.room === room && e.action.startsWith("room."));
    expect(audit.map((e) => e.action).reverse()).toStrictEqual(["room.posted", "room.pinned", "room.pinned", "room.unpinned"]);
    expect(audit[0]).toMatchObject({ actor: { id: "cm-pin" }, target: { messageId: other.id } });
  });

  it("a pinned message that is deleted, removed from the queue or cleared away unpins itself", async () => {
    const s = server();
    const room = freshRoom("product:unpin");
    const shopper = await s.chat({ role: "member", sub: "unpin-shopper" });
    const flagger = await s.chat({ role: "member", sub: "unpin-flagger" });
    await flagger.join(room);
    const admin = await s.admin({ sub: "cm-unpin" });
    const viewer = await s.chat({ role: "guest" });
    await viewer.join(room);
    const unpins = collect(viewer, "room:unpinned");

    const a = await post(shopper, room, "Premier message");
    await admin.pin(room, a.id);
    await until(() => viewer.pinned(room)?.id === a.id);
    await admin.deleteMessage(a.id);
    await until(() => unpins.length === 1);
    expect(viewer.pinned(room)).toBeUndefined();
    expect((await s.app.stores.rooms.getRoomState("acme", room))?.pinned).toBeUndefined();
    const audit = (await admin.listAudit({ action: "room.unpinned" })).entries.find((e) => e.target.messageId === a.id);
    expect(audit).toMatchObject({ actor: { id: "cm-unpin" }, target: { room, removed: true } });

    // Flagged (still visible), pinned, then removed from the queue.
    const b = await post(shopper, room, "Deuxième message");
    await flagger.flag(b.id, "off_topic");
    await admin.pin(room, b.id);
    await until(() => viewer.pinned(room)?.id === b.id);
    await admin.resolve(b.id, "remove");
    await until(() => unpins.length === 2);
    expect((await viewer.join(room)).pinned).toBeUndefined();

    // A hidden pinned message is not shown (nor in a join), and comes back if restored.
    const mod = await s.chat({ role: "moderator", sub: "unpin-mod" });
    await mod.join(room);
    const c = await post(shopper, room, "Troisième message");
    await admin.pin(room, c.id);
    await until(() => viewer.pinned(room)?.id === c.id);
    await mod.flag(c.id, "abuse");
    await until(() => viewer.pinned(room) === undefined);
    expect((await (await s.chat({ role: "guest" })).join(room)).pinned).toBeUndefined();
    await admin.resolve(c.id, "approve");
    await until(() => viewer.pinned(room)?.id === c.id);
    expect((await (await s.chat({ role: "guest" })).join(room)).pinned?.id).toBe(c.id);

    // Banning its author with a purge of their recent messages takes it too.
    const troll = await s.chat({ role: "member", sub: "unpin-troll" });
    const d = await post(troll, room, "Quatrième message");
    await admin.pin(room, d.id);
    await until(() => viewer.pinned(room)?.id === d.id);
    expect((await admin.ban("unpin-troll", { reason: "spam everywhere", purgeSec: 600 })).purged).toBe(1);
    await until(() => viewer.pinned(room) === undefined);
    expect((await s.app.stores.rooms.getRoomState("acme", room))?.pinned).toBeUndefined();
    await admin.pin(room, c.id);
    await until(() => viewer.pinned(room)?.id === c.id);

    // Clearing the room takes the pin with it.
    await admin.clearRoom(room);
    await until(() => viewer.pinned(room) === undefined);
    expect((await s.app.stores.rooms.getRoomState("acme", room))?.pinned).toBeUndefined();
  });

  it("bad input: other tenant's messages, unknown ids, held messages, wrong types, huge texts, non-managers", async () => {
    const s = server();
    const room = freshRoom("product:bad");
    const admin = await s.admin();
    const theirs = await post(await s.chat({ tenant: "other", role: "member", sub: "o-bv" }), room, "chez other");
    const mine = await post(await s.chat({ role: "member", sub: "bv-bad" }), room, "chez acme");
    const held = await post(await s.chat({ role: "member", sub: "bv-held" }), room, HELD_TEXT);
    expect(held.status).toBe("held");
    expect(await code(admin.pin(room, theirs.id))).toBe("not_found");
    expect(await code(admin.pin(room, "m_unknown"))).toBe("not_found");
    expect(await code(admin.pin("product:elsewhere", mine.id))).toBe("not_found");
    expect(await code(admin.pin(room, held.id))).toBe("forbidden");
    expect(await code(admin.pin("Not A Room", mine.id))).toBe("invalid_room");
    expect(await code(admin.postAsBrand("Not A Room", "x"))).toBe("invalid_room");
    expect(await code(admin.postAsBrand(room, "x", { replyTo: theirs.id }))).toBe("not_found");
    expect(await code(admin.postAsBrand(room, "x", { replyTo: held.id }))).toBe("not_found");
    expect(await code(admin.postAsBrand(room, "   \u200b "))).toBe("empty_message");
    expect(await code(admin.postAsBrand(room, "x".repeat(501)))).toBe("message_too_long");
    expect(await code(admin.postAsBrand(room, "x".repeat(100_000)))).toBe("invalid_payload");
    for (const [event, p] of [
      ["room:post", { room, text: 42 }], ["room:post", { room, text: "x", extra: 1 }], ["room:post", { room: 7, text: "x" }],
      ["room:pin", { room, messageId: ["m"] }], ["room:pin", { room }], ["room:unpin", { room: null }], ["room:unpin", {}],
    ] as const) {
      const res = await new Promise<any>((resolve) => admin.socket.emit(event, p, resolve));
      expect(res, `${event} ${JSON.stringify(p)}`).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    // Other's room state is untouched, and other's shoppers never saw acme's post.
    expect(await s.app.stores.rooms.getRoomState("other", room)).toBeNull();
    expect((await (await s.chat({ tenant: "other", role: "guest" })).join(room)).history.every((m) => !m.team)).toBe(true);
    // Only a manager's token opens these doors.
    const member = await mintToken({ tenant: "acme", role: "member", sub: "bv-member", name: "M" });
    const refused = await s.rest("POST", `rooms/${encodeURIComponent(room)}/posts`, { token: member, body: { text: "je suis la marque" } });
    expect(refused.status).toBe(403);
    expect((await s.rest("PUT", `rooms/${encodeURIComponent(room)}/pin`, { token: member, body: { messageId: mine.id } })).status).toBe(403);
    expect((await s.rest("DELETE", `rooms/${encodeURIComponent(room)}/pin`, { token: null })).status).toBe(401);
    expect((await s.app.stores.rooms.getRoomState("acme", room))?.pinned).toBeUndefined();
  });
});
