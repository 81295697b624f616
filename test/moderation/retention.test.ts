import { expect, it } from "vitest";
import type { StoredMessage } from "../../server/store/messages/message-store.ts";
import { onBothStores } from "../support/both-stores.ts";
import { until, waitFor } from "../support/wait.ts";
import { freshRoom, known, post, postHeld, type ModServer } from "./support.ts";

const DAY_MS = 24 * 3600_000;

/** A sweep of `tenant` as if `days` had passed, retried while the schedule's own sweep holds the lock. */
async function sweepNow(s: ModServer, tenant: string, days: number): Promise<number> {
  const rt = s.app.tenants.get(tenant)!;
  const done = await until(async () => {
    const n = await s.app.moderation.retention.sweep(rt, "test-node", Date.now() + days * DAY_MS);
    return n === null ? null : { n };
  });
  return done.n;
}

/** SPEC §9.5 retention: old messages leave rooms, the queue and the store, on a schedule. */
onBothStores("retention", {
  // The schedule runs often here; the first tenant keeps a day, the other the default year.
  server: { retentionSweepMs: 100 },
  acme: { retention: { messagesDays: 1 } },
}, (server) => {
  it("on its schedule, a message older than messagesDays leaves the room's history, the queue and the store; newer ones stay", async () => {
    const s = server();
    const room = freshRoom();
    const stores = s.app.stores;
    const author = await s.chat({ role: "member", sub: "rt-author" });
    await known(s, "rt-author");
    const watcher = await s.chat({ role: "member", sub: "rt-watch" });
    const fresh = await post(author, room, "Un avis d'aujourd'hui");
    // Two messages from two days ago, written straight to the store as if they had been kept since.
    const old = (n: number, status: StoredMessage["status"]): StoredMessage => ({
      id: `rt-old-${n}-${room}`, room, author: { id: "rt-author", name: "Ancien", role: "member" }, text: `Un vieil avis ${n}`,
      createdAt: Date.now() - 2 * DAY_MS - n, status,
    });
    const oldVisible = { ...old(1, "visible") };
    const oldHeld = old(2, "held");
    // In a room of their own: a timeline is in posting order, and these were posted two days ago.
    // The watcher is in the room first: the schedule may purge them as soon as they are written.
    const other = freshRoom();
    await watcher.join(other);
    const deleted = waitFor<{ room: string; messageId: string }>(watcher, "message:deleted", (e) => e.messageId === oldVisible.id);
    await stores.queue.queuePut("acme", { messageId: oldHeld.id, kind: "filter", reasons: [{ kind: "word", detail: "x" }], priority: "normal", queuedAt: oldHeld.createdAt });
    for (const m of [{ ...oldHeld, room: other }, { ...oldVisible, room: other }]) await stores.messages.appendMessage("acme", m, { keep: 100 });

    expect(await deleted).toEqual({ room: other, messageId: oldVisible.id });
    await until(async () => (await stores.messages.getMessage("acme", oldHeld.id)) === null);
    expect(await stores.messages.getMessage("acme", oldVisible.id)).toBeNull();
    expect(await stores.queue.queueGet("acme", oldHeld.id)).toBeNull();
    const again = await s.chat({ role: "member", sub: "rt-late" });
    expect((await again.join(other)).history).toEqual([]);
    // Today's message is untouched.
    expect((await again.join(room)).history.map((m) => m.id)).toEqual([fresh.id]);
    const purged = (await s.app.moderation.audit.list("acme", { action: "messages.purged" })).entries;
    expect(purged.length).toBeGreaterThan(0);
    expect(purged[0]!.target).toMatchObject({ messagesDays: 1 });
  });

  it("a queued message that fell off its timeline is purged from the queue too; the other tenant keeps its year", async () => {
    const s = server();
    const room = freshRoom();
    const user = await s.chat({ role: "member", sub: "rt-q" });
    const held = await postHeld(user, room);
    // A sweep as if two days had passed sees it as old.
    expect(await sweepNow(s, "acme", 2)).toBeGreaterThanOrEqual(1);
    expect(await s.app.stores.queue.queueGet("acme", held.id)).toBeNull();
    expect(await s.app.stores.messages.getMessage("acme", held.id)).toBeNull();

    const otherUser = await s.chat({ tenant: "other", role: "member", sub: "rt-o" });
    const kept = await post(otherUser, room, "Je reste un an");
    await sweepNow(s, "other", 2);
    expect(await s.app.stores.messages.getMessage("other", kept.id)).not.toBeNull();
    await sweepNow(s, "other", 366);
    expect(await s.app.stores.messages.getMessage("other", kept.id)).toBeNull();
  });

  it("a reported message purged for its age decides its reports: the reporter is told it was removed", async () => {
    const s = server();
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "rt-rep-author" });
    const reporter = await s.chat({ role: "member", sub: "rt-reporter" });
    const m = await post(author, room, "Un message signalé puis trop vieux");
    const receipt = await reporter.report(m.id, "scams_and_fraud", "Faux site de vente");
    const decided = waitFor<{ reportId: string; decision: string }>(reporter, "report:decided", (e) => e.reportId === receipt.id);
    expect(await sweepNow(s, "acme", 2)).toBeGreaterThanOrEqual(1);
    expect(await decided).toMatchObject({ reportId: receipt.id, messageId: m.id, decision: "removed" });
    expect(await s.app.stores.reports.getReport("acme", receipt.id)).toMatchObject({ status: "decided", decision: "removed" });
  });

  it("a sweep while another holder has the lock does nothing and says so", async () => {
    const s = server();
    const acme = s.app.tenants.get("acme")!;
    const user = await s.chat({ role: "member", sub: "rt-lock" });
    const m = await post(user, freshRoom(), "Protégé par le verrou");
    // The schedule's own sweeps take the lock too, briefly: wait for a moment it is free.
    await until(() => s.app.stores.locks.acquire("acme", "retention", "elsewhere", 60_000));
    try {
      expect(await s.app.moderation.retention.sweep(acme, "test-node", Date.now() + 2 * DAY_MS)).toBeNull();
      expect(await s.app.stores.messages.getMessage("acme", m.id)).not.toBeNull();
    } finally {
      await s.app.stores.locks.release("acme", "retention", "elsewhere");
    }
  });
});
