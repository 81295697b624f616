import { beforeEach, describe, expect, it } from "vitest";
import type { Alert, Appeal, AuditEntry } from "../../../client-sdk/src/protocol.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, alice, B, bob, entry, flagBy, ids, mod, msg, T0, notice } from "./fixtures.ts";

/**
 * SPEC §9.5: what each port holding per-user data forgets on erasure, and what it keeps (the
 * sanctions' record, without the user's words); never another user's or another tenant's data.
 * Also the retention purge of old messages.
 */
export function personalDataContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("personal data", () => {
    it("messages: forgetVoter keeps each vote in its count under a token, and no longer names the voter", async () => {
      const theirs = msg({ author: bob });
      const other = msg({ author: bob, room: "other-room" });
      for (const m of [theirs, other]) await stores.messages.appendMessage(A, m, { keep: 50 });
      await stores.messages.addHelpful(A, theirs.id, alice.id);
      await stores.messages.addHelpful(A, theirs.id, "u-carol");
      await stores.messages.addHelpful(A, other.id, alice.id);
      await stores.messages.appendMessage(B, theirs, { keep: 50 });
      await stores.messages.addHelpful(B, theirs.id, alice.id);
      expect(await stores.messages.forgetVoter(A, alice.id, "erased:1")).toBe(2);
      expect(await stores.messages.votedBy(A, alice.id)).toStrictEqual([]);
      expect((await stores.messages.getMessage(A, theirs.id))?.helpful).toBe(2);
      expect((await stores.messages.getMessage(A, other.id))?.helpful).toBe(1);
      // Erased, they cannot vote again as themselves and count twice: a new vote is a new voter.
      expect((await stores.messages.addHelpful(A, theirs.id, "u-carol")).added).toBe(false);
      expect(await stores.messages.votedBy(B, alice.id)).toStrictEqual([theirs.id]);
      expect(await stores.messages.forgetVoter(A, "nobody", "erased:2")).toBe(0);
    });

    it("messages: forgetAuthor forgets every kept message of the author (flags, votes, queue entry) and no one else's", async () => {
      const mine = [msg(), msg({ room: "other-room" }), msg({ status: "held" })];
      const theirs = msg({ author: bob });
      for (const m of [...mine, theirs]) await stores.messages.appendMessage(A, m, { keep: 50 });
      const foreign = msg();
      await stores.messages.appendMessage(B, foreign, { keep: 50 });
      await stores.flags.addFlag(A, mine[0]!.id, flagBy(bob), { reportsToHide: 5, hideNow: false });
      await stores.messages.addHelpful(A, mine[0]!.id, bob.id);
      await stores.messages.addHelpful(A, theirs.id, alice.id);
      expect(await stores.messages.votedBy(A, bob.id)).toStrictEqual([mine[0]!.id]);
      expect(await stores.messages.votedBy(A, alice.id)).toStrictEqual([theirs.id]);
      expect(await stores.messages.votedBy(B, alice.id)).toStrictEqual([]);
      await stores.queue.queuePut(A, entry(mine[2]!.id));
      expect(ids(await stores.messages.authoredBy(A, alice.id))).toStrictEqual(ids(mine).reverse());
      expect(await stores.messages.getMessage(A, mine[0]!.id)).not.toBeNull();
      const gone = await stores.messages.forgetAuthor(A, alice.id);
      expect(ids(gone).sort()).toStrictEqual(ids(mine).sort());
      expect(gone.find((m) => m.id === mine[0]!.id)?.text).toBe(mine[0]!.text);
      for (const m of mine) expect(await stores.messages.getMessage(A, m.id)).toBeNull();
      expect(await stores.messages.userMessages(A, alice.id, 10)).toStrictEqual([]);
      expect(ids(await stores.messages.roomTimeline(A, "faq", 10))).toStrictEqual([theirs.id]);
      expect(await stores.flags.getFlags(A, mine[0]!.id)).toStrictEqual([]);
      expect(await stores.queue.queueGet(A, mine[2]!.id)).toBeNull();
      expect(await stores.queue.queueSize(A)).toBe(0);
      expect(await stores.messages.getMessage(A, theirs.id)).toStrictEqual({ ...theirs, helpful: 1 });
      // Their vote for someone else's message stays (it is counted), by id only; the message voted for is gone with its votes.
      expect(await stores.messages.votedBy(A, bob.id)).toStrictEqual([]);
      // The same user id in another tenant is another person.
      expect(await stores.messages.getMessage(B, foreign.id)).toStrictEqual(foreign);
      expect(await stores.messages.forgetAuthor(A, alice.id)).toStrictEqual([]);
      // The room goes on: new messages are kept as before.
      const next = msg();
      await stores.messages.appendMessage(A, next, { keep: 50 });
      expect(ids(await stores.messages.roomTimeline(A, "faq", 10))).toStrictEqual([theirs.id, next.id]);
    });

    it("messages: forgetAuthor also finds a message older than the author's recent list, still on a quiet room's timeline", async () => {
      const old = msg({ room: "quiet" });
      await stores.messages.appendMessage(A, old, { keep: 50 });
      for (let i = 0; i < 201; i++) await stores.messages.appendMessage(A, msg({ room: "busy" }), { keep: 5 });
      expect(ids(await stores.messages.authoredBy(A, alice.id))).toContain(old.id);
      expect(ids(await stores.messages.forgetAuthor(A, alice.id))).toContain(old.id);
      expect(await stores.messages.getMessage(A, old.id)).toBeNull();
      expect(await stores.messages.roomTimeline(A, "quiet", 10)).toStrictEqual([]);
    });

    it("messages: purgeBefore takes old messages off every timeline, keeps queued ones until reviewed, and stops at newer ones", async () => {
      const old1 = msg({ createdAt: T0 - 10_000 });
      const old2 = msg({ createdAt: T0 - 9_000, room: "faq2" });
      const oldQueued = msg({ createdAt: T0 - 8_000, status: "held" });
      const fresh = msg({ createdAt: T0 + 10_000 });
      for (const m of [old1, old2, oldQueued, fresh]) await stores.messages.appendMessage(A, m, { keep: 50 });
      const foreignOld = msg({ createdAt: T0 - 10_000 });
      await stores.messages.appendMessage(B, foreignOld, { keep: 50 });
      await stores.queue.queuePut(A, entry(oldQueued.id));
      const purged = await stores.messages.purgeBefore(A, T0, 100);
      expect(ids(purged).sort()).toStrictEqual(ids([old1, old2, oldQueued]).sort());
      expect(ids(await stores.messages.roomTimeline(A, "faq", 10))).toStrictEqual([fresh.id]);
      expect(await stores.messages.roomTimeline(A, "faq2", 10)).toStrictEqual([]);
      expect(await stores.messages.getMessage(A, old1.id)).toBeNull();
      // Queued: kept for its review, forgotten once it is over.
      expect(await stores.messages.getMessage(A, oldQueued.id)).not.toBeNull();
      await stores.queue.queueTake(A, oldQueued.id);
      await stores.queue.releaseReviewed(A, oldQueued.room, oldQueued.id);
      expect(await stores.messages.getMessage(A, oldQueued.id)).toBeNull();
      expect(await stores.messages.getMessage(B, foreignOld.id)).toStrictEqual(foreignOld);
      expect(await stores.messages.purgeBefore(A, T0, 100)).toStrictEqual([]);
    });

    it("messages: purgeBefore answers at most `max` per call", async () => {
      for (let i = 0; i < 5; i++) await stores.messages.appendMessage(A, msg({ createdAt: T0 - 100 + i }), { keep: 50 });
      expect((await stores.messages.purgeBefore(A, T0, 3)).length).toBe(3);
      expect((await stores.messages.purgeBefore(A, T0, 3)).length).toBe(2);
      expect((await stores.messages.purgeBefore(A, T0, 3)).length).toBe(0);
    });

    it("flags: flagsBy lists the user's flags on kept messages; forgetFlagger keeps them without name or note", async () => {
      const m1 = msg({ author: bob });
      const m2 = msg({ author: bob });
      for (const m of [m1, m2]) await stores.messages.appendMessage(A, m, { keep: 50 });
      const foreign = msg({ author: bob });
      await stores.messages.appendMessage(B, foreign, { keep: 50 });
      await stores.flags.addFlag(A, m1.id, flagBy(alice, { note: "my own words" }), { reportsToHide: 5, hideNow: false });
      await stores.flags.addFlag(A, m1.id, flagBy(mod), { reportsToHide: 5, hideNow: false });
      await stores.flags.addFlag(A, m2.id, flagBy(alice, { reason: "spam", at: T0 + 5 }), { reportsToHide: 5, hideNow: false });
      await stores.flags.addFlag(B, foreign.id, flagBy(alice, { note: "other tenant" }), { reportsToHide: 5, hideNow: false });
      const mine = await stores.flags.flagsBy(A, alice.id);
      expect(mine.map((x) => [x.messageId, x.flag.reason, x.flag.note]).sort()).toStrictEqual([[m1.id, "abuse", "my own words"], [m2.id, "spam", undefined]]);
      expect(await stores.flags.forgetFlagger(A, alice.id)).toBe(2);
      const flags = await stores.flags.getFlags(A, m1.id);
      expect(flags.map((f) => f.by.id)).toStrictEqual([alice.id, mod.id]);
      expect(flags[0]).toStrictEqual({ by: { ...alice, name: alice.id }, reason: "abuse", at: T0 });
      expect(flags[1]!.by.name).toBe(mod.name);
      // Still one flag per flagger: the anonymous flag still counts as theirs.
      expect((await stores.flags.addFlag(A, m1.id, flagBy(alice), { reportsToHide: 5, hideNow: false }))?.added).toBe(false);
      expect((await stores.flags.getFlags(B, foreign.id))[0]!.note).toBe("other tenant");
    });

    it("people: forgetUser drops the record, IPs, devices and granted role, of that tenant only", async () => {
      const device = { browser: "Firefox", os: "Linux", type: "desktop", bot: false } as const;
      await stores.people.recordSession(A, alice, "10.0.0.1", device, T0);
      await stores.people.recordSession(B, alice, "10.0.0.2", device, T0);
      await stores.people.recordSession(A, bob, "10.0.0.3", device, T0);
      await stores.people.setRole(A, alice.id, "moderator");
      await stores.people.forgetUser(A, alice.id);
      expect(await stores.people.getUser(A, alice.id)).toBeNull();
      expect(await stores.people.getRole(A, alice.id)).toBeNull();
      expect((await stores.people.listUsers(A, 10)).map((u) => u.user.id)).toStrictEqual([bob.id]);
      expect((await stores.people.getUser(B, alice.id))?.ips).toStrictEqual(["10.0.0.2"]);
      expect(await stores.people.getUser(A, bob.id)).not.toBeNull();
    });

    it("people: forgetUser takes the name out of the name search too (no stale entry takes a result's place)", async () => {
      const device = { browser: "Firefox", os: "Linux", type: "desktop", bot: false } as const;
      const alma = { id: "u-alma", name: "Alma", role: "member" } as const;
      await stores.people.recordSession(A, alice, "10.0.0.1", device, T0);
      await stores.people.recordSession(A, alma, "10.0.0.4", device, T0);
      await stores.people.forgetUser(A, alice.id);
      // "alice" sorts before "alma": a leftover entry would fill the one place asked for.
      expect((await stores.people.searchUsers(A, "al", 1)).map((u) => u.user.id)).toStrictEqual([alma.id]);
    });

    it("notices: forgetUser keeps the sanctions' notices without excerpt and drops the rest", async () => {
      await stores.notices.addNotice(A, alice.id, notice(1));
      await stores.notices.addNotice(A, alice.id, notice(2, { kind: "banned", excerpt: "words" }));
      await stores.notices.addNotice(A, alice.id, notice(3, { kind: "muted", until: T0 + 9 }));
      await stores.notices.addNotice(A, bob.id, notice(4));
      await stores.notices.addNotice(B, alice.id, notice(5));
      await stores.notices.forgetUser(A, alice.id, ["banned", "muted"]);
      const kept = await stores.notices.listNotices(A, alice.id, 10);
      expect(kept.map((n) => n.id)).toStrictEqual(["nt-3", "nt-2"]);
      expect(kept.every((n) => n.excerpt === undefined)).toBe(true);
      expect(kept[0]!.until).toBe(T0 + 9);
      expect(await stores.notices.listNotices(A, bob.id, 10)).toHaveLength(1);
      expect(await stores.notices.listNotices(B, alice.id, 10)).toHaveLength(1);
      await stores.notices.forgetUser(A, bob.id, []);
      expect(await stores.notices.listNotices(A, bob.id, 10)).toStrictEqual([]);
    });

    it("appeals: userAppeals lists the user's, newest first; forgetUserTexts empties their words and keeps the decision", async () => {
      const appeal = (n: number, over: Partial<Appeal> = {}): Appeal => ({
        id: `ap-${n}`, noticeId: `nt-${n}`, userId: alice.id, text: `please ${n}`, status: "open", at: T0 + n,
        notice: notice(n, { kind: "banned", excerpt: "my words" }), ...over,
      });
      await stores.appeals.addAppeal(A, appeal(1));
      await stores.appeals.addAppeal(A, appeal(2));
      await stores.appeals.addAppeal(A, appeal(3, { userId: bob.id }));
      await stores.appeals.addAppeal(B, appeal(4));
      await stores.appeals.decideAppeal(A, "ap-1", { status: "upheld", note: "stays", decidedAt: T0 + 50, decidedBy: mod });
      expect((await stores.appeals.userAppeals(A, alice.id)).map((a) => a.id)).toStrictEqual(["ap-2", "ap-1"]);
      expect(await stores.appeals.forgetUserTexts(A, alice.id)).toBe(2);
      const after = await stores.appeals.getAppeal(A, "ap-1");
      expect(after).toMatchObject({ text: "", status: "upheld", note: "stays" });
      expect(after!.notice?.excerpt).toBeUndefined();
      expect((await stores.appeals.getAppeal(A, "ap-3"))!.text).toBe("please 3");
      expect((await stores.appeals.getAppeal(B, "ap-4"))!.text).toBe("please 4");
      expect(await stores.appeals.userAppeals(A, "nobody")).toStrictEqual([]);
    });

    it("alerts: forgetRaisedBy drops the alerts the user raised, not others' or another tenant's", async () => {
      const alert = (n: number, over: Partial<Alert> = {}): Alert => ({ id: `al-${n}`, room: "faq", note: `look ${n}`, by: mod, at: T0 + n, ...over });
      await stores.alerts.addAlert(A, alert(1));
      await stores.alerts.addAlert(A, alert(2, { by: bob }));
      await stores.alerts.addAlert(B, alert(3));
      await stores.alerts.ackAlert(A, "al-1", alice, T0 + 5);
      expect(await stores.alerts.forgetRaisedBy(A, mod.id)).toBe(1);
      expect((await stores.alerts.listAlerts(A, { limit: 10 })).map((a) => a.id)).toStrictEqual(["al-2"]);
      expect(await stores.alerts.listAlerts(B, { limit: 10 })).toHaveLength(1);
    });

    it("newcomers and evasion: forgetUser forgets counts, trust, lineages and links on both sides; the ban's marks stay", async () => {
      await stores.newcomers.countPost(A, alice.id);
      await stores.newcomers.countPost(A, alice.id);
      await stores.newcomers.trust(A, bob.id);
      await stores.newcomers.countPost(B, alice.id);
      await stores.newcomers.forgetUser(A, alice.id);
      await stores.newcomers.forgetUser(A, bob.id);
      expect(await stores.newcomers.countPost(A, alice.id)).toBe(1);
      expect(await stores.newcomers.isTrusted(A, bob.id)).toBe(false);
      expect(await stores.newcomers.countPost(B, alice.id)).toBe(2);

      await stores.evasion.rememberLineage(A, alice.id, "lin-1");
      await stores.evasion.rememberLineage(B, alice.id, "lin-9");
      // Marks expire by the clock (a Redis PX ttl): a ban running now.
      const now = Date.now();
      await stores.evasion.markBanned(A, alice.id, [{ via: "ip", value: "10.0.0.1" }], now + 60_000);
      await stores.evasion.link(A, bob.id, alice.id, "ip", T0);
      await stores.evasion.forgetUser(A, alice.id);
      expect(await stores.evasion.lineages(A, alice.id)).toStrictEqual([]);
      expect(await stores.evasion.links(A, alice.id)).toStrictEqual([]);
      expect(await stores.evasion.links(A, bob.id)).toStrictEqual([]);
      expect(await stores.evasion.lineages(B, alice.id)).toStrictEqual(["lin-9"]);
      expect(await stores.evasion.findMark(A, [{ via: "ip", value: "10.0.0.1" }], "someone", now)).toStrictEqual({ userId: alice.id, via: "ip" });
    });

    it("audit: rewriteAudit replaces entries in place, in order, for later reads and pages", async () => {
      const e = (n: number, target: Record<string, unknown>): AuditEntry => ({ id: `a-${n}`, at: T0 + n, actor: { id: "system" }, action: "message.rejected", target });
      await stores.audit.appendAudit(A, e(1, { userId: alice.id, text: "secret 1" }));
      await stores.audit.appendAudit(A, e(2, { userId: bob.id, text: "bob's" }));
      await stores.audit.appendAudit(A, e(3, { userId: alice.id, text: "secret 3" }));
      await stores.audit.appendAudit(B, e(4, { userId: alice.id, text: "other tenant" }));
      const n = await stores.audit.rewriteAudit(A, (entry) => {
        if (entry.target.userId !== alice.id) return undefined;
        const { text: _, ...rest } = entry.target;
        return { ...entry, target: rest };
      });
      expect(n).toBe(2);
      const { entries } = await stores.audit.listAudit(A, 10);
      expect(entries.map((x) => x.id)).toStrictEqual(["a-3", "a-2", "a-1"]);
      expect(entries.map((x) => x.target.text)).toStrictEqual([undefined, "bob's", undefined]);
      const page1 = await stores.audit.listAudit(A, 1);
      const page2 = await stores.audit.listAudit(A, 5, page1.cursor);
      expect(page2.entries.map((x) => x.target.text)).toStrictEqual(["bob's", undefined]);
      expect((await stores.audit.listAudit(B, 10)).entries[0]!.target.text).toBe("other tenant");
      // A second pass sees the rewritten entries.
      expect(await stores.audit.rewriteAudit(A, (entry) => (entry.target.text === undefined ? { ...entry, reason: "erased" } : undefined))).toBe(2);
      expect((await stores.audit.listAudit(A, 10)).entries.map((x) => x.reason)).toStrictEqual(["erased", undefined, "erased"]);
    });

    it("limits: forgetSpamOf takes the user's entries out of the spam windows", async () => {
      const w = 60_000;
      await stores.limits.recordText(A, "repeat:alice", alice.id, w, T0);
      await stores.limits.recordText(A, "repeat:alice", alice.id, w, T0 + 1);
      await stores.limits.recordText(A, "raid:faq", alice.id, w, T0);
      await stores.limits.recordText(A, "raid:faq", bob.id, w, T0);
      await stores.limits.recordText(B, "repeat:alice", alice.id, w, T0);
      await stores.limits.forgetSpamOf(A, alice.id);
      expect(await stores.limits.recordText(A, "repeat:alice", alice.id, w, T0 + 2)).toStrictEqual({ count: 1, distinct: 1 });
      expect(await stores.limits.recordText(B, "repeat:alice", alice.id, w, T0 + 2)).toStrictEqual({ count: 2, distinct: 1 });
    });

    it("locks: one holder at a time, renewable by its holder, released only by it, lapsing after the ttl", async () => {
      expect(await stores.locks.acquire(A, "retention", "node-1", 60_000)).toBe(true);
      expect(await stores.locks.acquire(A, "retention", "node-2", 60_000)).toBe(false);
      expect(await stores.locks.acquire(A, "retention", "node-1", 60_000)).toBe(true);
      // Another tenant's lock, or another name, is another lock.
      expect(await stores.locks.acquire(B, "retention", "node-2", 60_000)).toBe(true);
      expect(await stores.locks.acquire(A, "other", "node-2", 60_000)).toBe(true);
      await stores.locks.release(A, "retention", "node-2");
      expect(await stores.locks.acquire(A, "retention", "node-2", 60_000)).toBe(false);
      await stores.locks.release(A, "retention", "node-1");
      expect(await stores.locks.acquire(A, "retention", "node-2", 50)).toBe(true);
      // Two racing for a free lock: exactly one gets it.
      const race = await Promise.all(["n-a", "n-b", "n-c"].map((h) => stores.locks.acquire(A, "race", h, 60_000)));
      expect(race.filter(Boolean)).toHaveLength(1);
    });
  });
}
