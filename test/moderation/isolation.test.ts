import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminClient, ChatClient, ChatError, Message, RoomInfo } from "../../client-sdk/src/index.ts";
import { ADMIN_ROUTES } from "../../server/http/admin-routes.ts";
import { MANAGER_ACTIONS } from "../../server/moderation/admin-actions.ts";
import { testConfig } from "../support/config.ts";
import { collect, waitFor } from "../support/wait.ts";
import { HELD_TEXT, known, post, postHeld, startModServer, type ModServer } from "./support.ts";

/**
 * Tenant isolation: a manager of acme reaches nothing of tenant "other", through every /admin
 * event and every REST route. Ids of the other tenant are simply unknown (`not_found`), and
 * room names, IPs and lists only ever mean acme's.
 */
describe("tenant isolation of every admin event and REST route", () => {
  let s: ModServer;
  let acme: AdminClient;
  let otherAdmin: AdminClient;
  let otherUser: ChatClient;
  let otherViewer: ChatClient;
  let heldOther: Message;
  let visibleOther: Message;
  const ROOM = "product:iso";
  /** Where acme's manager posts as the brand (a room other's viewer also joins). */
  const BRAND_ROOM = "product:iso-brand";
  const OTHER_IP = "203.0.113.77";

  beforeAll(async () => {
    s = await startModServer(testConfig({ server: { trustProxy: true } }));
    acme = await s.admin({ tenant: "acme", sub: "cm-acme" });
    otherAdmin = await s.admin({ tenant: "other", sub: "cm-other" });
    otherUser = await s.chat({ tenant: "other", role: "member", sub: "o-user", ip: OTHER_IP });
    otherViewer = await s.chat({ tenant: "other", role: "member", sub: "o-viewer" });
    await s.chat({ tenant: "other", role: "member", sub: "o-banned" });
    await known(s, "o-banned", "other");
    await known(s, "o-user", "other");
    await otherViewer.join(ROOM);
    heldOther = await postHeld(otherUser, ROOM);
    visibleOther = await post(otherUser, ROOM, "Bonjour depuis other");
    await otherAdmin.ban("o-banned", { reason: "other's ban" });
    await otherAdmin.mute("o-viewer", 3600, "other's mute");
    await otherAdmin.blockIp("192.0.2.0/24", { reason: "other's block" });
    await otherAdmin.updateLexicon({ add: ["othermot"] });
    await otherAdmin.updateLinks({ allow: ["other-links.example"] });
    await otherAdmin.updateWebhooks([{ url: "https://hooks.other.invalid/x", events: ["*"], secret: `whsec_${Buffer.alloc(32, 2).toString("base64")}` }]);
    await otherAdmin.testWebhooks();
    await otherAdmin.subscribe();
    // SPEC §10 and kept alerts: an alert and an evasion link of other's.
    const otherMod = await s.chat({ tenant: "other", role: "moderator", sub: "o-mod" });
    await otherMod.join(ROOM);
    await otherMod.raiseAlert(ROOM, "other's alert");
    otherAlertId = (await otherAdmin.listAlerts())[0]!.id;
    await s.app.stores.evasion.link("other", "o-user", "o-banned", "ip", 1);
    // SPEC §9.2: an appeal of other's, against the mute's notice.
    otherAppealId = (await otherViewer.appeal((await otherViewer.notices())[0]!.id, "other's appeal")).id;
  });
  let otherAlertId: string;
  let otherAppealId: string;
  afterAll(async () => { await s.close(); });

  const code = (p: Promise<unknown>) => p.then(() => "ok", (e: ChatError) => e.code);

  it("the acme manager's socket cannot touch other's data, event by event", async () => {
    const otherFeed = collect(otherAdmin, "audit");
    const roomEvents = [collect(otherViewer, "room:cleared"), collect(otherViewer, "message:deleted"), collect(otherViewer, "message:restored")];
    // other's room legitimately gets room:updated for its own online count; acme's settings must never reach it.
    const roomUpdates = collect<RoomInfo>(otherViewer, "room:updated");
    const covered = new Set<string>();
    const check = async (event: string, fn: () => Promise<void>) => { covered.add(event); await fn(); };

    await check("queue:list", async () => {
      const { items } = await acme.listQueue({ limit: 200 });
      expect(items.map((i) => i.message.id)).not.toContain(heldOther.id);
    });
    await check("queue:resolve", async () => {
      expect(await code(acme.resolve(heldOther.id, "approve"))).toBe("not_found");
      expect(await s.app.stores.queue.queueGet("other", heldOther.id)).not.toBeNull();
    });
    await check("message:delete", async () => {
      expect(await code(acme.deleteMessage(visibleOther.id))).toBe("not_found");
      expect((await s.app.stores.messages.getMessage("other", visibleOther.id))?.status).toBe("visible");
    });
    await check("room:clear", async () => {
      expect(await acme.clearRoom(ROOM)).toBe(0);
      expect((await s.app.stores.messages.getMessage("other", visibleOther.id))?.status).toBe("visible");
    });
    await check("room:update", async () => {
      await acme.updateRoom(ROOM, { frozen: true });
      expect(await s.app.stores.rooms.getRoomState("other", ROOM)).toBeNull();
      expect((await otherUser.send(ROOM, "toujours ouvert")).status).toBe("visible");
      await acme.updateRoom(ROOM, { frozen: false });
    });
    await check("rooms:list", async () => {
      expect((await acme.listRooms()).map((r) => r.id)).not.toContain(ROOM);
    });
    await check("room:history", async () => {
      expect(await acme.roomHistory(ROOM)).toEqual([]);
    });
    await check("user:ban", async () => {
      // Any id is an id of acme's own identity space (SPEC §6.4: pre-emptive bans): banning it in
      // acme touches nothing of the other tenant's user of the same id.
      expect(await code(acme.ban("o-user", { reason: "acme's own o-user" }))).toBe("ok");
      expect(otherUser.socket.connected).toBe(true);
      expect(await s.app.stores.sanctions.getBan("other", "o-user", Date.now())).toBeNull();
      expect((await otherUser.send(ROOM, "toujours là")).status).toBe("visible");
      await acme.unban("o-user");
    });
    await check("user:unban", async () => {
      expect(await code(acme.unban("o-banned"))).toBe("not_found");
      expect(await s.app.stores.sanctions.getBan("other", "o-banned", Date.now())).not.toBeNull();
    });
    await check("user:mute", async () => {
      expect(await code(acme.mute("o-user", 60))).toBe("ok");
      expect(await s.app.stores.sanctions.getMute("other", "o-user", Date.now())).toBeNull();
      expect((await otherUser.send(ROOM, "pas muet ici")).status).toBe("visible");
      await acme.unmute("o-user");
    });
    await check("user:unmute", async () => {
      expect(await code(acme.unmute("o-viewer"))).toBe("not_found");
      expect(await s.app.stores.sanctions.getMute("other", "o-viewer", Date.now())).not.toBeNull();
    });
    await check("user:inspect", async () => {
      expect(await code(acme.inspect("o-user"))).toBe("not_found");
      expect(await code(acme.inspect("o-viewer"))).toBe("not_found");
    });
    await check("bans:list", async () => {
      expect((await acme.listBans()).map((b) => b.userId)).not.toContain("o-banned");
    });
    await check("room:post", async () => {
      // Another room of acme's: rooms:list below must still not know ROOM.
      const teamHeard = collect<Message>(otherViewer, "message");
      expect(await code(acme.postAsBrand(BRAND_ROOM, "Bonjour de la part d'Acme"))).toBe("ok");
      expect(await code(acme.postAsBrand(ROOM, "Réponse", { replyTo: visibleOther.id }))).toBe("not_found");
      expect((await otherViewer.join(BRAND_ROOM)).history).toEqual([]);
      expect(teamHeard.filter((m) => m.team)).toEqual([]);
    });
    await check("room:pin", async () => {
      expect(await code(acme.pin(ROOM, visibleOther.id))).toBe("not_found");
      expect(await s.app.stores.rooms.getRoomState("other", ROOM)).toBeNull();
      expect(otherViewer.pinned(ROOM)).toBeUndefined();
    });
    await check("room:unpin", async () => {
      expect(await acme.unpin(ROOM)).toBe(false);
    });
    await check("ip:block", async () => {
      await acme.blockIp(OTHER_IP, { reason: "acme only" });
      expect(otherUser.socket.connected).toBe(true);
      const again = await s.chat({ tenant: "other", role: "member", sub: "o-user-2", ip: OTHER_IP });
      expect(again.socket.connected).toBe(true);
      await acme.unblockIp(OTHER_IP);
    });
    await check("ip:unblock", async () => {
      expect(await code(acme.unblockIp("192.0.2.0/24"))).toBe("not_found");
      expect((await s.app.stores.sanctions.listIpBlocks("other", Date.now())).map((b) => b.cidr)).toContain("192.0.2.0/24");
    });
    await check("ip:list", async () => {
      expect((await acme.listIpBlocks()).map((b) => b.cidr)).not.toContain("192.0.2.0/24");
    });
    await check("member:set-role", async () => {
      expect(await code(acme.setRole("o-user", "moderator"))).toBe("ok");
      expect(await s.app.stores.people.getRole("other", "o-user")).toBeNull();
      expect(otherUser.session?.user.role).toBe("member");
      await acme.setRole("o-user", "member");
    });
    await check("members:candidates", async () => {
      expect((await acme.candidates(200)).map((c) => c.user.id)).not.toContain("o-user");
    });
    await check("lexicon:update", async () => {
      await acme.updateLexicon({ add: ["acmemot"] });
      expect((await otherUser.send(ROOM, "un acmemot ici")).status).toBe("visible");
      expect((await s.app.stores.filterEdits.getFilterEdits("other")).added).not.toContain("acmemot");
    });
    await check("links:update", async () => {
      await acme.updateLinks({ block: ["acme-block.example"] });
      expect((await s.app.stores.filterEdits.getFilterEdits("other")).linkBlock).toEqual([]);
    });
    await check("filters:update", async () => {
      await acme.updateFilters({ onHit: "reject", policy: { insult: "allow" } });
      expect((await s.app.stores.filterEdits.getFilterEdits("other")).settings).toEqual([]);
      expect((await otherUser.send(ROOM, "quel connard celui-là")).status).toBe("held");
      expect(await otherAdmin.getFilters()).toMatchObject({ onHit: "hold", policy: {} });
      await acme.updateFilters({ onHit: "hold", policy: {} });
    });
    await check("filters:get", async () => {
      const f = await acme.getFilters();
      expect(f.terms).not.toContain("othermot");
      expect(f.links.allow).not.toContain("other-links.example");
    });
    await check("audit:list", async () => {
      const { entries } = await acme.listAudit({ limit: 200 });
      expect(entries.some((e) => e.actor.id === "cm-other" || JSON.stringify(e.target).includes("o-banned"))).toBe(false);
    });
    await check("webhooks:list", async () => {
      expect(await acme.listWebhooks()).toEqual([]);
    });
    await check("webhooks:update", async () => {
      const otherId = (await otherAdmin.listWebhooks())[0]!.id;
      await expect(acme.updateWebhooks([{ id: otherId, url: "https://x.example/y", events: ["*"] }])).rejects.toMatchObject({ code: "invalid_payload" });
      expect((await otherAdmin.listWebhooks()).map((e) => e.url)).toEqual(["https://hooks.other.invalid/x"]);
    });
    await check("webhooks:test", async () => {
      const otherId = (await otherAdmin.listWebhooks())[0]!.id;
      expect(await code(acme.testWebhooks(otherId))).toBe("not_found");
    });
    await check("webhooks:deliveries", async () => {
      expect((await acme.listDeliveries()).deliveries).toEqual([]);
    });
    await check("stats:get", async () => {
      expect((await acme.stats()).rooms.map((r) => r.room)).not.toContain(ROOM);
    });
    await check("alerts:list", async () => {
      expect((await acme.listAlerts()).map((a) => a.id)).not.toContain(otherAlertId);
    });
    await check("alert:ack", async () => {
      expect(await code(acme.ackAlert(otherAlertId))).toBe("not_found");
      expect((await otherAdmin.listAlerts({ status: "open" })).map((a) => a.id)).toContain(otherAlertId);
    });
    await check("dashboard:get", async () => {
      // other posted in ROOM (held and visible messages, a flag): acme's dashboard of that room, and its own, show none of it.
      const room = await acme.dashboard({ room: ROOM, range: "day" });
      expect(room.tiles).toMatchObject({ held: 0, flagged: 0, online: 0 });
      expect(room.series.messages.every((n) => n === 0)).toBe(true);
      expect((await acme.dashboard({ range: "week" })).series.decisions.map((d) => d.key)).not.toContain("cm-other");
    });
    await check("appeals:list", async () => {
      expect((await acme.listAppeals()).appeals.map((a) => a.id)).not.toContain(otherAppealId);
    });
    await check("appeal:resolve", async () => {
      expect(await code(acme.resolveAppeal(otherAppealId, "reverse", "Not mine to decide"))).toBe("not_found");
      expect((await otherAdmin.listAppeals({ status: "open" })).appeals.map((a) => a.id)).toEqual([otherAppealId]);
    });
    // SPEC §9.4: other's ban and mute are in other's figures and statements only.
    const days = { from: "2020-01-01", to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) };
    const acmeRestrictions = async () => (await s.app.stores.restrictions.listRestrictions("acme", { from: 0, to: Date.now() + 1000, limit: 200 })).records.length;
    await check("transparency:get", async () => {
      expect((await otherAdmin.transparency(days.from, days.to)).actions.byKind).toMatchObject({ banned: 1, muted: 1 });
      const mine = await acme.transparency(days.from, days.to);
      expect(mine.actions.total).toBe(await acmeRestrictions());
      expect(mine.appeals.received).toBe((await s.app.stores.appeals.listAppeals("acme", { limit: 200, offset: 0 })).length);
    });
    await check("statements:list", async () => {
      expect((await acme.listStatements({ ...days, limit: 200 })).statements).toHaveLength(await acmeRestrictions());
    });
    await check("user:unlink", async () => {
      expect(await code(acme.unlink("o-user", "o-banned"))).toBe("not_found");
      expect(await s.app.stores.evasion.links("other", "o-user")).toHaveLength(1);
    });
    await check("queue:context", async () => {
      expect(await code(acme.queueContext(heldOther.id))).toBe("not_found");
      expect(await code(acme.queueContext(visibleOther.id, { before: 50, after: 50 }))).toBe("not_found");
    });
    await check("user:purge", async () => {
      expect(await acme.purge("o-user", 86_400)).toBe(0);
      expect((await s.app.stores.messages.getMessage("other", visibleOther.id))?.status).toBe("visible");
    });
    await check("people:search", async () => {
      expect(await acme.searchPeople("o-user")).toEqual([]);
      expect((await acme.searchPeople("member")).map((p) => p.user.id).filter((id) => id.startsWith("o-"))).toEqual([]);
    });
    await check("people:names", async () => {
      expect(await acme.names(["o-user", "o-banned", "o-viewer"])).toEqual([]);
    });
    await check("people:online", async () => {
      expect((await acme.online()).map((p) => p.user.id).filter((id) => id.startsWith("o-"))).toEqual([]);
    });
    await check("people:recent", async () => {
      expect((await acme.recentAuthors()).map((p) => p.user.id).filter((id) => id.startsWith("o-"))).toEqual([]);
    });
    await check("user:data:export", async () => {
      // Any id is one of acme's identity space: acme's (empty) record of it, never other's.
      const doc = await acme.exportUserData("o-user");
      expect(doc).toMatchObject({ tenant: "acme", messages: [], linked: [], lineages: [], appeals: [] });
      expect(doc.profile?.ips ?? []).toEqual([]);
      expect(JSON.stringify(doc)).not.toContain("Bonjour depuis other");
    });
    await check("user:data:erase", async () => {
      expect((await acme.eraseUserData("o-user")).messages).toBe(0);
      expect(await s.app.stores.messages.getMessage("other", visibleOther.id)).not.toBeNull();
      expect(await s.app.stores.people.getUser("other", "o-user")).not.toBeNull();
      expect(await s.app.stores.evasion.links("other", "o-user")).toHaveLength(1);
    });
    await check("feed:subscribe", async () => {
      await acme.subscribe();
      const acmeSeen = collect(acme, "queue:added");
      const otherSaw = waitFor(otherAdmin, "queue:added");
      await postHeld(otherUser, ROOM, `${HELD_TEXT} encore`);
      await otherSaw;
      // The acme feed is alive (it does get acme's own events) but never saw other's.
      const acmeUser = await s.chat({ role: "member", sub: "a-feed" });
      const mine = waitFor(acme, "queue:added");
      await postHeld(acmeUser, "product:acme-feed");
      expect((await mine).message.author.id).toBe("a-feed");
      expect(acmeSeen.every((i) => i.message.author.id === "a-feed")).toBe(true);
    });
    await check("rooms, room events", async () => {
      for (const list of roomEvents) expect(list).toEqual([]);
      expect(roomUpdates.filter((r) => r.frozen || r.slowModeSec !== 0 || r.contribution !== "open")).toEqual([]);
      expect(otherFeed.some((e) => e.actor.id === "cm-acme")).toBe(false);
    });
    for (const ev of MANAGER_ACTIONS) expect(covered.has(ev), ev).toBe(true);
  });

  it("an acme manager cannot open other's back office, and other's token cannot open acme's", async () => {
    const { AdminClient } = await import("../../client-sdk/src/index.ts");
    const wrong = new AdminClient({ url: s.url, tenant: "other", token: await s.managerToken("acme") });
    await expect(wrong.connect()).rejects.toMatchObject({ code: "invalid_token" });
    wrong.disconnect();
    const wrong2 = new AdminClient({ url: s.url, tenant: "acme", token: await s.managerToken("other") });
    await expect(wrong2.connect()).rejects.toMatchObject({ code: "invalid_token" });
    wrong2.disconnect();
  });

  it("every REST route with an acme token: other's ids are not_found, other's state is untouched", async () => {
    const id = heldOther.id;
    const calls: { method: string; path: string; body?: unknown; expect: (r: { status: number; body: any }) => void }[] = [
      { method: "GET", path: "queue", expect: (r) => expect(r.body.items.map((i: any) => i.message.id)).not.toContain(id) },
      { method: "POST", path: `queue/${id}/resolve`, body: { decision: "remove" }, expect: (r) => expect(r.status).toBe(404) },
      { method: "DELETE", path: `messages/${visibleOther.id}`, expect: (r) => expect(r.status).toBe(404) },
      { method: "GET", path: "rooms", expect: (r) => expect(r.body.rooms.map((x: any) => x.id)).not.toContain(ROOM) },
      { method: "GET", path: `rooms/${encodeURIComponent(ROOM)}/messages`, expect: (r) => expect(r.body.messages).toEqual([]) },
      { method: "DELETE", path: `rooms/${encodeURIComponent(ROOM)}/messages`, expect: (r) => expect(r.status).toBe(200) },
      { method: "PATCH", path: `rooms/${encodeURIComponent(ROOM)}`, body: { slowModeSec: 9 }, expect: (r) => expect(r.status).toBe(200) },
      { method: "POST", path: `rooms/${encodeURIComponent(BRAND_ROOM)}/posts`, body: { text: "Acme parle" }, expect: (r) => expect(r.body.message.author.name).toBe("Acme Beauty") },
      { method: "PUT", path: `rooms/${encodeURIComponent(ROOM)}/pin`, body: { messageId: visibleOther.id }, expect: (r) => expect(r.status).toBe(404) },
      { method: "DELETE", path: `rooms/${encodeURIComponent(ROOM)}/pin`, expect: (r) => expect(r.body).toEqual({ unpinned: false }) },
      { method: "GET", path: "bans", expect: (r) => expect(r.body.bans.map((b: any) => b.userId)).not.toContain("o-banned") },
      // Pre-emptive (SPEC §6.4): "o-user" is a new id of acme's identity space, nothing of other's.
      { method: "POST", path: "bans", body: { userId: "o-user", reason: "x" }, expect: (r) => expect(r.status).toBe(200) },
      { method: "DELETE", path: "bans/o-banned", expect: (r) => expect(r.status).toBe(404) },
      { method: "POST", path: "mutes", body: { userId: "o-user", durationSec: 60 }, expect: (r) => expect(r.status).toBe(200) },
      { method: "DELETE", path: "mutes/o-viewer", expect: (r) => expect(r.status).toBe(404) },
      { method: "GET", path: "ip-blocks", expect: (r) => expect(r.body.blocks.map((b: any) => b.cidr)).not.toContain("192.0.2.0/24") },
      { method: "POST", path: "ip-blocks", body: { cidr: "203.0.113.0/24", reason: "acme" }, expect: (r) => expect(r.status).toBe(200) },
      { method: "DELETE", path: `ip-blocks/${encodeURIComponent("192.0.2.0/24")}`, expect: (r) => expect(r.status).toBe(404) },
      { method: "PUT", path: "members/o-user/role", body: { role: "moderator" }, expect: (r) => expect(r.status).toBe(200) },
      { method: "GET", path: "members/candidates", expect: (r) => expect(r.body.members.map((m: any) => m.user.id)).not.toContain("o-user") },
      // acme's profile of its own "o-user": what acme decided, nothing other knows.
      { method: "GET", path: "members/o-user", expect: (r) => expect(r.body).toMatchObject({ ban: { reason: "x" }, recent: [], ips: [], devices: [], messages: 0 }) },
      { method: "GET", path: "members/o-viewer", expect: (r) => expect(r.status).toBe(404) },
      { method: "GET", path: "users/o-user/data", expect: (r) => expect(r.body).toMatchObject({ tenant: "acme", messages: [], linked: [], lineages: [] }) },
      { method: "DELETE", path: "users/o-user/data", expect: (r) => expect(r.body).toMatchObject({ userId: "o-user", messages: 0 }) },
      { method: "PATCH", path: "lexicon", body: { add: ["acmerest"] }, expect: (r) => expect(r.status).toBe(200) },
      { method: "PATCH", path: "links", body: { allow: ["acme-rest.example"] }, expect: (r) => expect(r.status).toBe(200) },
      { method: "GET", path: "filters", expect: (r) => expect(r.body.terms).not.toContain("othermot") },
      { method: "PATCH", path: "filters", body: { policy: { contact: "reject" } }, expect: (r) => expect(r.body).toEqual({ onHit: "hold", policy: { contact: "reject" } }) },
      { method: "GET", path: "audit?limit=200", expect: (r) => expect(r.body.entries.some((e: any) => e.actor.id === "cm-other")).toBe(false) },
      { method: "GET", path: `dashboard?room=${encodeURIComponent(ROOM)}&range=hour`, expect: (r) => expect(r.body.series.messages.every((n: number) => n === 0)).toBe(true) },
      { method: "GET", path: "stats", expect: (r) => expect(r.body.rooms.map((x: any) => x.room)).not.toContain(ROOM) },
      { method: "GET", path: "alerts", expect: (r) => expect(r.body.alerts.map((a: any) => a.id)).not.toContain(otherAlertId) },
      { method: "POST", path: `alerts/${otherAlertId}/ack`, expect: (r) => expect(r.status).toBe(404) },
      { method: "DELETE", path: "members/o-user/links/o-banned", expect: (r) => expect(r.status).toBe(404) },
      { method: "GET", path: "webhooks", expect: (r) => expect(r.body.endpoints).toEqual([]) },
      { method: "PUT", path: "webhooks", body: { endpoints: [] }, expect: (r) => expect(r.status).toBe(200) },
      { method: "POST", path: "webhooks/test", body: {}, expect: (r) => expect(r.body.deliveryIds).toEqual([]) },
      { method: "GET", path: "webhooks/deliveries", expect: (r) => expect(r.body.deliveries).toEqual([]) },
      { method: "GET", path: "appeals", expect: (r) => expect(r.body.appeals.map((a: any) => a.id)).not.toContain(otherAppealId) },
      { method: "POST", path: `appeals/${otherAppealId}/resolve`, body: { decision: "reverse", note: "Not mine" }, expect: (r) => expect(r.status).toBe(404) },
      // Only acme's own restrictions (the bans and mutes of the calls above): none of other's.
      { method: "GET", path: "transparency?from=2020-01-01&to=2099-12-31", expect: (r) => expect(r.body.actions.bySource.manager).toBe(r.body.actions.total) },
      { method: "GET", path: "statements?from=2020-01-01&to=2099-12-31", expect: (r) => expect(r.status).toBe(200) },
      { method: "GET", path: `queue/${id}/context?before=5&after=5`, expect: (r) => expect(r.status).toBe(404) },
      { method: "POST", path: "purges", body: { userId: "o-user", purgeSec: 86_400 }, expect: (r) => expect(r.body).toEqual({ purged: 0 }) },
      { method: "GET", path: "people/search?query=o-user", expect: (r) => expect(r.body).toEqual({ people: [] }) },
      { method: "POST", path: "people/names", body: { ids: ["o-user", "o-viewer"] }, expect: (r) => expect(r.body).toEqual({ people: [] }) },
      { method: "GET", path: "people/online", expect: (r) => expect(r.body.people.map((p: any) => p.user.id)).not.toContain("o-user") },
      { method: "GET", path: "people/recent", expect: (r) => expect(r.body.people.map((p: any) => p.user.id)).not.toContain("o-user") },
    ];
    for (const c of calls) {
      const r = await s.rest(c.method, c.path, c.body !== undefined ? { body: c.body } : {});
      expect(r.status, `${c.method} ${c.path}`).toBeLessThan(500);
      c.expect(r);
    }
    // Every route of the table was exercised.
    for (const route of ADMIN_ROUTES) {
      const re = new RegExp(`^${route.path.replace(/:(\w+)/g, "[^/]+")}(\\?.*)?$`);
      expect(calls.some((c) => c.method === route.method.toUpperCase() && re.test(c.path)), `${route.method} ${route.path}`).toBe(true);
    }
    // Other's state after all of that.
    expect(await s.app.stores.queue.queueGet("other", id)).not.toBeNull();
    expect((await s.app.stores.messages.getMessage("other", visibleOther.id))?.status).toBe("visible");
    expect(await s.app.stores.rooms.getRoomState("other", ROOM)).toBeNull();
    expect(await s.app.stores.sanctions.getBan("other", "o-banned", Date.now())).not.toBeNull();
    expect(await s.app.stores.sanctions.getMute("other", "o-viewer", Date.now())).not.toBeNull();
    expect((await s.app.stores.appeals.getAppeal("other", otherAppealId))?.status).toBe("open");
    expect(await s.app.stores.sanctions.getBan("other", "o-user", Date.now())).toBeNull();
    expect(await s.app.stores.sanctions.getMute("other", "o-user", Date.now())).toBeNull();
    expect(await s.app.stores.people.getRole("other", "o-user")).toBeNull();
    expect((await s.app.stores.sanctions.listIpBlocks("other", Date.now())).map((b) => b.cidr)).toEqual(["192.0.2.0/24"]);
    expect((await s.app.stores.filterEdits.getFilterEdits("other")).added).toEqual(["othermot"]);
    expect((await s.app.stores.filterEdits.getFilterEdits("other")).settings).toEqual([]);
    expect(otherUser.socket.connected).toBe(true);
    // And a token of other on acme's URL, or acme's on other's, is refused.
    expect((await s.rest("GET", "queue", { tenant: "acme", token: await s.managerToken("other") })).status).toBe(401);
    expect((await s.rest("GET", "queue", { tenant: "other", token: await s.managerToken("acme") })).status).toBe(401);
  });
});
