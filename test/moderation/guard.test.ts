import { expect, it } from "vitest";
import type { Alert, ChatError, Message, RoomInfo } from "../../client-sdk/src/index.ts";
import { onBothStores } from "../support/both-stores.ts";
import { collect, until, waitFor } from "../support/wait.ts";
import { known, post } from "./support.ts";

/** SPEC §10 over the wire: newcomers, shield, purge with a ban, raid detection, ban evasion. */
onBothStores("floods, raids, newcomers and evasion", {
  server: { trustProxy: true },
  acme: { moderation: {
    newcomers: { holdFirst: 0, rooms: { "product:newcomers": 3 } },
    evasion: { action: "hold", lookbackDays: 30 },
    raid: { messagesPerMin: 20, joinsPerMin: 0, shieldSec: 30 },
  } },
}, (server) => {
  it("holds a newcomer's first messages (counted across the tenant); experts are exempt; approve and trust ends it", async () => {
    const s = server();
    const admin = await s.admin();
    const nc = await s.chat({ role: "member", sub: "nc-1" });
    expect((await post(nc, "product:elsewhere", "hello from another room")).status).toBe("visible");
    const second = await post(nc, "product:newcomers", "my second message ever");
    expect(second.status).toBe("held");
    const queued = (await admin.listQueue()).items.find((i) => i.message.id === second.id);
    expect(queued?.reasons).toContainEqual(expect.objectContaining({ kind: "newcomer", detail: "2/3" }));
    expect((await nc.send("product:newcomers", "third one")).status).toBe("held");
    expect((await nc.send("product:newcomers", "fourth, a regular now")).status).toBe("visible");
    const expert = await s.chat({ role: "expert", sub: "nc-expert" });
    expect((await post(expert, "product:newcomers", "expert answer")).status).toBe("visible");

    // Approve and trust: the person, not each message.
    const fresh = await s.chat({ role: "member", sub: "nc-2" });
    const a = await post(fresh, "product:newcomers", "first post here");
    const b = await fresh.send("product:newcomers", "and a second one");
    expect([a.status, b.status]).toStrictEqual(["held", "held"]);
    const reader = await s.chat({ role: "member", sub: "nc-reader" });
    await reader.join("product:newcomers");
    const restored = collect<Message>(reader, "message:restored");
    await admin.resolve(a.id, "approve", undefined, { trust: true });
    await until(() => restored.some((m) => m.id === b.id));
    expect((await fresh.send("product:newcomers", "now trusted")).status).toBe("visible");
    expect((await admin.inspect("nc-2")).trusted).toBe(true);
    await expect(admin.resolve(b.id, "remove", undefined, { trust: true })).rejects.toMatchObject({ code: "invalid_payload" });
  });

  it("shield mode: guests refused with `shielded`, members held, experts through, slow mode at least 10 s, shown in RoomInfo", async () => {
    const s = server();
    const admin = await s.admin();
    const room = "product:shield";
    const guest = await s.chat();
    const member = await s.chat({ role: "member", sub: "sh-member" });
    const expert = await s.chat({ role: "expert", sub: "sh-expert" });
    for (const c of [guest, member, expert]) await c.join(room);
    const seen = waitFor<RoomInfo>(guest, "room:updated", (r) => r.shield === true);
    const info = await admin.updateRoom(room, { shield: true });
    expect(info).toMatchObject({ shield: true, slowModeSec: 10 });
    expect(info.shieldUntil).toBeUndefined();
    expect((await seen).slowModeSec).toBe(10);
    await expect(guest.send(room, "hi")).rejects.toMatchObject({ code: "shielded" } satisfies Partial<ChatError>);
    const held = await member.send(room, "a calm question");
    expect(held.status).toBe("held");
    await expect(member.send(room, "again")).rejects.toMatchObject({ code: "slow_mode" } satisfies Partial<ChatError>);
    expect((await expert.send(room, "an expert answer")).status).toBe("visible");
    const queued = (await admin.listQueue()).items.find((i) => i.message.id === held.id);
    expect(queued?.reasons.map((r) => r.kind)).toContain("shield");
    const lifted = await s.rest("PATCH", `rooms/${encodeURIComponent(room)}`, { body: { shield: false } });
    expect(lifted.body.room).toMatchObject({ shield: false, slowModeSec: 0 });
    expect((await guest.send(room, "thanks")).status).toBe("visible");
  });

  it("user:ban with purgeSec deletes the user's recent messages in every room, audited once with the count", async () => {
    const s = server();
    const admin = await s.admin();
    const troll = await s.chat({ role: "member", sub: "purge-me" });
    const watcher = await s.chat({ role: "member", sub: "purge-watcher" });
    await watcher.join("product:p1");
    await watcher.join("product:p2");
    await post(troll, "product:p1", "spam one");
    await post(troll, "product:p2", "spam two");
    await troll.send("product:p2", "spam three");
    const deleted = collect<{ messageId: string }>(watcher, "message:deleted");
    const res = await admin.ban("purge-me", { reason: "spam everywhere", durationSec: 3600, purgeSec: 600 });
    expect(res.purged).toBe(3);
    await until(() => deleted.length === 3);
    expect((await admin.roomHistory("product:p2")).filter((m) => m.author.id === "purge-me").map((m) => m.status)).toStrictEqual(["deleted", "deleted"]);
    const audit = await admin.listAudit({ action: "user.purged" });
    expect(audit.entries.filter((e) => e.target.userId === "purge-me")).toMatchObject([{ target: { purged: 3, purgeSec: 600 } }]);
    // REST takes purgeSec too; nothing to purge answers 0.
    const rest = await s.rest("POST", "bans", { body: { userId: "purge-none", reason: "pre-emptive", purgeSec: 60 } });
    expect(rest.body).toStrictEqual({ purged: 0 });
  });

  it("a raid (messages per minute over the threshold) shields the room, alerts the managers with the figures and is audited", async () => {
    const s = server();
    const admin = await s.admin();
    await admin.subscribe();
    const room = "live:raid";
    const raidAlert = waitFor<Alert>(admin, "alert", (a) => a.kind === "raid" && a.room === room);
    const guests = await Promise.all(Array.from({ length: 5 }, () => s.chat()));
    const shielded = waitFor<RoomInfo>(guests[0]!, "room:updated", (r) => r.shield === true);
    for (const g of guests) await g.join(room);
    await Promise.all(guests.map(async (g, i) => { for (let n = 0; n < 5; n++) await g.send(room, `copy paste line ${i}-${n}`).catch(() => undefined); }));
    const alert = await raidAlert;
    expect(alert.raid!.messagesPerMin).toBeGreaterThanOrEqual(20);
    expect(alert.raid!.limits).toStrictEqual({ messagesPerMin: 20, joinsPerMin: 0 });
    expect(alert.by.id).toBe("system");
    const info = await shielded;
    expect(info.shieldUntil).toBe(alert.raid!.shieldUntil);
    expect(info.shieldUntil! - alert.at).toBe(30_000);
    await expect(guests[1]!.send(room, "still here")).rejects.toMatchObject({ code: "shielded" } satisfies Partial<ChatError>);
    expect((await admin.listAlerts({ status: "open" })).map((a) => a.id)).toContain(alert.id);
    const audit = await admin.listAudit({ action: "room.raid_detected" });
    expect(audit.entries.find((e) => e.target.alertId === alert.id)?.target).toMatchObject({ room, messagesPerMin: alert.raid!.messagesPerMin });
    // One raid, one alert: the messages after the trip raise no second one.
    expect((await admin.listAlerts()).filter((a) => a.kind === "raid" && a.room === room)).toHaveLength(1);
  });

  it("ban evasion: an account from a banned user's IP, or with their browser's guest token, is linked and held; a manager clears a link", async () => {
    const s = server();
    const admin = await s.admin();
    const troll = await s.chat({ role: "member", sub: "ev-troll", ip: "203.0.113.7" });
    await known(s, "ev-troll");
    await post(troll, "product:ev", "something nasty");
    await admin.ban("ev-troll", { reason: "insults" });

    const newbie = await s.chat({ role: "member", sub: "ev-newbie", ip: "203.0.113.7" });
    const held = await post(newbie, "product:ev", "hello I am totally new");
    expect(held.status).toBe("held");
    const queued = (await admin.listQueue()).items.find((i) => i.message.id === held.id);
    expect(queued?.reasons).toContainEqual(expect.objectContaining({ kind: "evasion", detail: "ev-troll" }));
    expect((await admin.inspect("ev-newbie")).linked).toMatchObject([{ userId: "ev-troll", via: "ip", side: "evades" }]);
    expect((await admin.inspect("ev-troll")).linked).toMatchObject([{ userId: "ev-newbie", via: "ip", side: "evaded_by" }]);

    // Someone else on the same network (a shop's Wi-Fi): the manager clears the link, for good.
    const cleared = await s.rest("DELETE", "members/ev-newbie/links/ev-troll");
    expect(cleared.status).toBe(200);
    expect((await newbie.send("product:ev", "thanks for fixing that")).status).toBe("visible");
    newbie.disconnect();
    const back = await s.chat({ role: "member", sub: "ev-newbie", ip: "203.0.113.7" });
    expect((await post(back, "product:ev", "back again")).status).toBe("visible");
    expect((await admin.inspect("ev-newbie")).linked).toStrictEqual([]);
    expect((await s.rest("DELETE", "members/ev-newbie/links/ev-troll")).body.error.code).toBe("not_found");

    // A guest token minted on a browser stays with that browser: banned as a guest, back signed in.
    const guest = await s.connected({ socketOptions: { extraHeaders: { "x-forwarded-for": "198.51.100.20" } } });
    const guestId = guest.session!.user.id;
    const guestToken = guest.session!.guestToken!;
    await known(s, guestId);
    await admin.ban(guestId, { reason: "spam" });
    const signedIn = await s.connected({ role: "member", sub: "ev-signed-in", guestToken, socketOptions: { extraHeaders: { "x-forwarded-for": "192.0.2.99" } } });
    const h2 = await post(signedIn, "product:ev", "I signed in now");
    expect(h2.status).toBe("held");
    expect((await admin.inspect("ev-signed-in")).linked).toMatchObject([{ userId: guestId, via: "guest", side: "evades" }]);
    // A stranger on another network and browser is left alone.
    const stranger = await s.chat({ role: "member", sub: "ev-stranger", ip: "192.0.2.100" });
    expect((await post(stranger, "product:ev", "hi all")).status).toBe("visible");
  });
});
