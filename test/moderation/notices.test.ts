import { expect, it } from "vitest";
import type { ChatError, Notice } from "../../client-sdk/src/index.ts";
import { onBothStores } from "../support/both-stores.ts";
import { ask, closeAllRaw, connectRaw } from "../support/raw.ts";
import { collect, waitFor } from "../support/wait.ts";
import { freshRoom, HELD_TEXT, known, post, postHeld } from "./support.ts";

const DAY_MS = 24 * 3600_000;
const TERMS = "https://acme.example/terms";
const FRENCH = { socketOptions: { extraHeaders: { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" } } };

/** Every notice is appealable for `moderation.appealDays` (default 180) from its own time. */
function expectAppealable(n: Notice) {
  expect(n.appealUntil).toBe(n.at + 180 * DAY_MS);
  expect(n.ground).toBe("terms");
  expect(n.id).toMatch(/^nt_/);
}

/** SPEC §9.1: statements of reasons for every restriction, live and kept, on both stores. */
onBothStores("notices", {
  acme: { moderation: { termsUrl: TERMS } },
  // The other brand refuses what its filters catch (onHit "reject") and tells even shadow-banned users.
  other: { filters: { onHit: "reject" }, moderation: { noticeOnShadow: true } },
}, (server) => {
  it("a flag hide, a queue removal, a deletion and a mute each send a notice with its fields, in French, kept for the next connection", async () => {
    const s = server();
    const room = freshRoom();
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "nt-fr", ...FRENCH } as never);
    const moderator = await s.chat({ role: "moderator", sub: "nt-mod" });
    const bystander = await s.chat({ role: "member", sub: "nt-by" });
    await known(s, "nt-fr");
    const live = collect<Notice>(author, "moderation:notice");
    const overheard = collect<Notice>(bystander, "moderation:notice");

    // Hidden at once by a moderator's flag: a person judged, nothing automatic.
    const flagged = await post(author, room, "Ce produit est nul et vous aussi");
    await moderator.join(room);
    const hiddenNotice = waitFor<Notice>(author, "moderation:notice", (n) => n.kind === "message_hidden");
    expect(await moderator.flag(flagged.id, "abuse")).toEqual({ hidden: true });
    const hidden = await hiddenNotice;
    expect(hidden).toMatchObject({
      kind: "message_hidden", messageId: flagged.id, room, excerpt: "Ce produit est nul et vous aussi", source: "flags",
      category: "illegal_or_harmful_speech", automated: { detection: false, decision: false },
    });
    expect(hidden.explanation).toMatch(/masqué/);
    expect(hidden.explanation).toContain(TERMS);
    expectAppealable(hidden);

    // Held by the word filter, removed by a manager: a machine detected, a person decided.
    const held = await postHeld(author, room);
    const removedNotice = waitFor<Notice>(author, "moderation:notice", (n) => n.kind === "message_removed" && n.messageId === held.id);
    await admin.resolve(held.id, "remove");
    const removed = await removedNotice;
    expect(removed).toMatchObject({
      kind: "message_removed", room, excerpt: HELD_TEXT, source: "manager",
      category: "illegal_or_harmful_speech", automated: { detection: true, decision: false },
    });
    expect(removed.explanation).toMatch(/supprimé/);
    // The matched word is the user's own text; the explanation names the kind of rule, never the word.
    expect(removed.explanation).not.toMatch(/connard/i);
    expectAppealable(removed);

    // A manager's own deletion, with no category of its own.
    const plain = await post(author, room, "Voici mon avis sur la livraison");
    const deletedNotice = waitFor<Notice>(author, "moderation:notice", (n) => n.messageId === plain.id);
    await admin.deleteMessage(plain.id, "hors sujet");
    const deleted = await deletedNotice;
    expect(deleted).toMatchObject({ kind: "message_removed", source: "manager", category: "scope_of_platform_service", automated: { detection: false, decision: false } });
    expect(deleted.explanation).toContain("hors sujet");

    const mutedNotice = waitFor<Notice>(author, "moderation:notice", (n) => n.kind === "muted");
    const { until } = await admin.mute("nt-fr", 600, "calmez-vous");
    const muted = await mutedNotice;
    expect(muted).toMatchObject({ kind: "muted", until, source: "manager", category: "scope_of_platform_service" });
    expect(muted.messageId).toBeUndefined();
    expect(muted.explanation).toMatch(/jusqu'au/);
    expectAppealable(muted);

    // The next connection lists them all, newest first, exactly as they were sent.
    expect(live.map((n) => n.kind)).toEqual(["message_hidden", "message_removed", "message_removed", "muted"]);
    author.disconnect();
    const again = await s.chat({ role: "member", sub: "nt-fr" });
    expect(await again.notices()).toEqual([...live].reverse());
    // No one else heard of them, and no one else's list holds them.
    expect(overheard).toEqual([]);
    expect(await bystander.notices()).toEqual([]);
    expect(await moderator.notices()).toEqual([]);
  });

  it("a filter's rejection tells its author in English by default: automated, no message id, a 200-character excerpt", async () => {
    const s = server();
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "nt-en", tenant: "other" });
    const live = collect<Notice>(author, "moderation:notice");
    await author.join(room);
    const text = `${"I only wanted to say that the delivery was late again. ".repeat(4)}${HELD_TEXT}`;
    const err = await author.send(room, text).catch((e: ChatError) => e);
    expect(err).toMatchObject({ code: "content_blocked" });
    const [rejected] = await author.notices();
    expect(rejected).toMatchObject({
      kind: "message_rejected", room, source: "filter", category: "illegal_or_harmful_speech", automated: { detection: true, decision: true },
    });
    expect(rejected!.messageId).toBeUndefined();
    expect(rejected!.excerpt).toBe(text.slice(0, 200));
    expect(rejected!.explanation).toMatch(/^Your message was not published/);
    expect(rejected!.explanation).not.toMatch(/connard/i);
    expect(live).toEqual([rejected]);
    // The same user id on another tenant is another person: acme keeps nothing for them.
    const sameIdElsewhere = await s.chat({ role: "member", sub: "nt-en" });
    expect(await sameIdElsewhere.notices()).toEqual([]);
  });

  it("a ban's notice arrives before the session ends; a shadow ban sends none", async () => {
    const s = server();
    const admin = await s.admin();
    const banned = await s.chat({ role: "member", sub: "nt-ban" });
    await known(s, "nt-ban");
    const order: string[] = [];
    banned.on("moderation:notice", () => order.push("notice"));
    banned.on("session:ended", () => order.push("ended"));
    const notice = waitFor<Notice>(banned, "moderation:notice");
    const ended = waitFor(banned, "session:ended");
    const { until } = await admin.ban("nt-ban", { reason: "Insults towards other shoppers", durationSec: 3600 });
    expect(await notice).toMatchObject({ kind: "banned", until, source: "manager", automated: { detection: false, decision: false } });
    await ended;
    expect(order).toEqual(["notice", "ended"]);
    expect((await notice).explanation).toMatch(/banned you from the chat until .*Insults towards other shoppers/);
    // Kept with the manager who decided (for the appeal's reviewers); the user's copy does not name them.
    expect(await s.app.stores.notices.listNotices("acme", "nt-ban", 10)).toEqual([{ ...(await notice), by: { id: "cm-acme", name: "Manager acme", role: "manager" } }]);
    expect(await notice).not.toHaveProperty("by");

    const shadowed = await s.chat({ role: "member", sub: "nt-shadow" });
    await known(s, "nt-shadow");
    const heard = collect(shadowed, "moderation:notice");
    await admin.ban("nt-shadow", { reason: "spam", shadow: true });
    const room = freshRoom();
    // Their messages are now held silently; a manager removing one tells them nothing either.
    const silent = await post(shadowed, room, "Just a normal message");
    await admin.resolve(silent.id, "remove");
    // A round trip on the same socket flushes anything sent before it.
    expect(await shadowed.notices()).toEqual([]);
    expect(heard).toEqual([]);

    // A brand that chose `noticeOnShadow` tells them.
    const otherAdmin = await s.admin({ tenant: "other" });
    const told = await s.chat({ role: "member", sub: "nt-shadow", tenant: "other" });
    await known(s, "nt-shadow", "other");
    const shadowNotice = waitFor<Notice>(told, "moderation:notice");
    await otherAdmin.ban("nt-shadow", { reason: "spam", shadow: true });
    expect(await shadowNotice).toMatchObject({ kind: "banned", source: "manager" });
    expect((await told.notices()).map((n) => n.kind)).toEqual(["banned"]);
  });

  it("notices:list refuses a payload that is not an object", async () => {
    const s = server();
    const { socket } = await connectRaw(s.url, { auth: { tenant: "acme" } });
    try {
      expect(await ask(socket, "notices:list", "all")).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
      expect(await ask(socket, "notices:list", {})).toEqual({ ok: true, notices: [], appeals: [] });
    } finally {
      closeAllRaw();
    }
  });
});
