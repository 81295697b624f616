import { afterAll, beforeAll, expect, it } from "vitest";
import type { ChatError } from "../../client-sdk/src/index.ts";
import { describeRedis } from "../support/redis-server.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { known, startModServer, HELD_TEXT, type ModServer } from "../moderation/support.ts";
import { until, waitFor } from "../support/wait.ts";

/** A manager on node A acts; shoppers connected to node B feel it at once. */
describeRedis("manager actions across nodes", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    cluster = await startCluster({ server: { trustProxy: true } }, "adm");
    ({ a, b } = cluster);
  });
  afterAll(async () => { await cluster?.close(); });

  it("a ban on A ends the shopper's session on B and B refuses them", async () => {
    const admin = await a.admin();
    const victim = await b.chat({ role: "member", sub: "troll-1" });
    const ended = waitFor(victim, "session:ended");
    await admin.ban("troll-1", { reason: "insults", durationSec: 3600 });
    expect(await ended).toMatchObject({ code: "banned", reason: "insults" });
    await expect(b.chat({ role: "member", sub: "troll-1" })).rejects.toMatchObject({ code: "banned" } satisfies Partial<ChatError>);
  });

  it("people:online on A lists who is connected to B; people:search on A finds by name who connected to B", async () => {
    const admin = await a.admin();
    const onB = await b.chat({ role: "member", sub: "x-online-b", name: "Édith Piaf" });
    await known(b, "x-online-b");
    expect((await admin.online()).map((p) => p.user.id)).toContain("x-online-b");
    expect((await admin.searchPeople("edith")).map((p) => p.user.id)).toEqual(["x-online-b"]);
    onB.disconnect();
    await until(async () => !(await admin.online()).some((p) => p.user.id === "x-online-b"));
  });

  it("pre-emptive actions on A (ids never seen) hold when the user first connects to B (SPEC §6.4)", async () => {
    const admin = await a.admin();
    await admin.ban("x-pre-banned", { reason: "known fraudster" });
    await admin.mute("x-pre-muted", 600);
    await admin.setRole("x-pre-mod", "moderator");
    await expect(b.chat({ role: "member", sub: "x-pre-banned" })).rejects.toMatchObject({ code: "banned" } satisfies Partial<ChatError>);
    const muted = await b.chat({ role: "member", sub: "x-pre-muted" });
    await muted.join("pre-room");
    await expect(muted.send("pre-room", "hello")).rejects.toMatchObject({ code: "muted" } satisfies Partial<ChatError>);
    expect((await b.chat({ role: "member", sub: "x-pre-mod" })).session?.user.role).toBe("moderator");
  });

  it("an IP block on A disconnects matching sockets on B and B refuses new handshakes from the range", async () => {
    const admin = await a.admin();
    const victim = await b.chat({ role: "member", sub: "from-range", ip: "198.51.100.7" });
    const bystander = await b.chat({ role: "member", sub: "elsewhere", ip: "192.0.2.10" });
    const ended = waitFor(victim, "session:ended");
    await admin.blockIp("198.51.100.0/24", { reason: "raid" });
    expect(await ended).toMatchObject({ code: "ip_blocked" });
    await expect(b.chat({ role: "member", sub: "another", ip: "198.51.100.99" })).rejects.toMatchObject({ code: "ip_blocked" });
    expect(bystander.socket.connected).toBe(true);
  });

  it("a role change on A reaches the user's live socket on B", async () => {
    const admin = await a.admin();
    const regular = await b.chat({ role: "member", sub: "regular-1" });
    const session = waitFor(regular, "session", (s) => s.user.role === "moderator");
    await admin.setRole("regular-1", "moderator");
    expect((await session).user).toMatchObject({ id: "regular-1", role: "moderator" });
  });

  it("a mute and an unmute on A reach the user's live socket on B", async () => {
    const admin = await a.admin();
    const shopper = await b.chat({ role: "member", sub: "muted-x" });
    await known(a, "muted-x");
    const muted = waitFor(shopper, "sanction", (s) => s.mute !== undefined);
    const { until } = await admin.mute("muted-x", 600);
    expect(await muted).toEqual({ mute: { until } });
    const lifted = waitFor(shopper, "sanction", (s) => s.mute === undefined);
    await admin.unmute("muted-x");
    expect(await lifted).toEqual({});
  });

  it("a mute and an unmute on A are felt by B's next post, though B had just read the shopper's sanctions (and caches them)", async () => {
    const admin = await a.admin();
    const shopper = await b.chat({ role: "member", sub: "cached-x" });
    await shopper.join("cache-room");
    await known(a, "cached-x");
    // B now holds "no ban, no mute" for this shopper (trusted for a second).
    await shopper.send("cache-room", "first");
    const muted = waitFor(shopper, "sanction", (s) => s.mute !== undefined);
    await admin.mute("cached-x", 600);
    await muted;
    await expect(shopper.send("cache-room", "while muted")).rejects.toMatchObject({ code: "muted" } satisfies Partial<ChatError>);
    const lifted = waitFor(shopper, "sanction", (s) => s.mute === undefined);
    await admin.unmute("cached-x");
    await lifted;
    expect((await shopper.send("cache-room", "after the unmute")).status).toBe("visible");
  });

  it("a freeze on A applies on B at once; managers still post", async () => {
    const admin = await a.admin();
    const shopper = await b.chat({ role: "member", sub: "shopper-f" });
    const manager = await b.chat({ role: "manager", sub: "cm-f" });
    await shopper.join("product:frozen");
    await manager.join("product:frozen");
    const updated = waitFor(shopper, "room:updated", (r) => r.frozen === true);
    await admin.updateRoom("product:frozen", { frozen: true });
    await updated;
    await expect(shopper.send("product:frozen", "anyone here?")).rejects.toMatchObject({ code: "room_frozen" });
    expect((await manager.send("product:frozen", "Room paused for a moment.")).status).toBe("visible");
  });

  it("a brand post and a pin made on A reach B's shoppers live, and B's next join shows the pin at once", async () => {
    const admin = await a.admin({ sub: "cm-brand" });
    const shopper = await b.chat({ role: "member", sub: "brand-b" });
    // B has read the room's settings (and would keep them a second) before the pin.
    await shopper.join("product:brand-x");
    const heard = waitFor(shopper, "message", (m) => m.team === true);
    const post = await admin.postAsBrand("product:brand-x", "Nouveauté en boutique");
    expect(await heard).toStrictEqual(post);
    const pinned = waitFor(shopper, "room:pinned", (p) => p.room === "product:brand-x");
    await admin.pin("product:brand-x", post.id);
    expect((await pinned).message.id).toBe(post.id);
    expect((await (await b.chat({ role: "guest" })).join("product:brand-x")).pinned?.id).toBe(post.id);
    const unpinned = waitFor(shopper, "room:unpinned");
    await admin.unpin("product:brand-x");
    await unpinned;
    expect((await (await b.chat({ role: "guest" })).join("product:brand-x")).pinned).toBeUndefined();
  });

  it("a lexicon change on A holds the new term on B straight away", async () => {
    const admin = await a.admin();
    const shopper = await b.chat({ role: "member", sub: "shopper-l" });
    await shopper.join("product:lex");
    expect((await shopper.send("product:lex", "Le concurrent Brandolux est moins cher")).status).toBe("visible");
    await admin.updateLexicon({ add: ["brandolux"] });
    expect((await shopper.send("product:lex", "Franchement Brandolux c'est mieux")).status).toBe("held");
  });

  it("a filter policy set on A (SPEC §12) decides on B within a second", async () => {
    const admin = await a.admin();
    const shopper = await b.chat({ role: "member", sub: "shopper-pol" });
    await shopper.join("product:pol");
    expect((await shopper.send("product:pol", "merde, encore en rupture")).status).toBe("held");
    await admin.updateFilters({ policy: { profanity: "allow", insult: "reject" } });
    const t0 = Date.now();
    await until(async () => (await shopper.send("product:pol", `merde ${Date.now()}`)).status === "visible", 1000, 50);
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(shopper.send("product:pol", "quel connard celui-là")).rejects.toMatchObject({ code: "content_blocked" } satisfies Partial<ChatError>);
    await admin.updateFilters({ policy: {} });
  });

  it("a held message on B reaches the queue feed of a manager on A; two managers on two nodes resolve it once", async () => {
    const adminA = await a.admin({ sub: "cm-a" });
    const adminB = await b.admin({ sub: "cm-b" });
    await adminA.subscribe();
    const shopper = await b.chat({ role: "member", sub: "shopper-q" });
    await shopper.join("product:queue");
    const queued = waitFor(adminA, "queue:added");
    const held = await shopper.send("product:queue", HELD_TEXT);
    expect((await queued).message.id).toBe(held.id);
    const results = await Promise.allSettled([adminA.resolve(held.id, "approve"), adminB.resolve(held.id, "remove")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason.code).toBe("conflict");
  });
});
