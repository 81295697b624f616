import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { collect, until, waitFor } from "../support/wait.ts";
import { freshRoom, post, postHeld, startModServer, type ModServer } from "./support.ts";

describe("audit log (SPEC §6.4: every action writes an entry)", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(testConfig({ server: { trustProxy: true } })); });
  afterAll(async () => { await s.close(); });

  it("every manager action leaves an entry with its actor and target, also pushed live to the feed", async () => {
    const room = freshRoom();
    const admin = await s.admin({ sub: "cm-audit", name: "Auditrice" });
    await admin.subscribe();
    const live = collect<AuditEntry>(admin, "audit");
    const author = await s.chat({ role: "member", sub: "au-author", ip: "198.51.100.1" });
    const mod = await s.chat({ role: "moderator", sub: "au-mod" });
    await s.chat({ role: "member", sub: "au-other" });
    await mod.join(room);

    const h1 = await postHeld(author, room);
    const h2 = await postHeld(author, room, "un autre connard");
    const v1 = await post(author, room, "visible un");
    await mod.flag(v1.id, "abuse");                       // message.hidden (by the moderator)
    await mod.raiseAlert(room, "regardez");               // alert.raised
    await admin.resolve(h1.id, "approve");                // queue.approved
    await admin.resolve(h2.id, "remove");                 // queue.removed
    const v2 = await post(author, room, "visible deux");
    await admin.deleteMessage(v2.id, "doublon");          // message.deleted
    await admin.updateRoom(room, { frozen: true });       // room.updated
    await admin.clearRoom(room);                          // room.cleared
    await admin.mute("au-other", 60);                     // user.muted
    await admin.unmute("au-other");                       // user.unmuted
    await admin.ban("au-other", { reason: "test" });      // user.banned
    await admin.unban("au-other");                        // user.unbanned
    await admin.blockIp("198.51.100.0/24", { reason: "r" }); // ip.blocked
    await admin.unblockIp("198.51.100.0/24");             // ip.unblocked
    await admin.setRole("au-mod", "expert");              // member.role
    await admin.updateLexicon({ add: ["auditmot"] });     // lexicon.updated
    await admin.updateLinks({ allow: ["audit.example"] }); // links.updated

    const expected: Record<string, Record<string, unknown>> = {
      "message.hidden": { messageId: v1.id },
      "alert.raised": { room },
      "queue.approved": { messageId: h1.id, authorId: "au-author" },
      "queue.removed": { messageId: h2.id, authorId: "au-author" },
      "message.deleted": { messageId: v2.id, authorId: "au-author" },
      "room.updated": { room, frozen: true },
      "room.cleared": { room },
      "user.muted": { userId: "au-other" },
      "user.unmuted": { userId: "au-other" },
      "user.banned": { userId: "au-other", shadow: false },
      "user.unbanned": { userId: "au-other" },
      "ip.blocked": { cidr: "198.51.100.0/24" },
      "ip.unblocked": { cidr: "198.51.100.0/24" },
      "member.role": { userId: "au-mod", role: "expert" },
      "lexicon.updated": { add: ["auditmot"] },
      "links.updated": { allow: ["audit.example"] },
    };
    const { entries } = await admin.listAudit({ limit: 200 });
    for (const [action, target] of Object.entries(expected)) {
      const e = entries.find((x) => x.action === action && Object.entries(target).every(([k, v]) => JSON.stringify(x.target[k]) === JSON.stringify(v)));
      expect(e, action).toBeDefined();
      expect(e!.id).toBeTypeOf("string");
      expect(e!.at).toBeGreaterThan(0);
      const actorId = action === "message.hidden" || action === "alert.raised" ? "au-mod" : "cm-audit";
      expect(e!.actor.id, action).toBe(actorId);
    }
    expect(entries.find((e) => e.action === "message.deleted")?.reason).toBe("doublon");
    // The live feed got the same entries.
    await until(() => Object.keys(expected).every((a) => live.some((e) => e.action === a)));
  });

  it("audit:list filters by action and actor and pages through filtered results with a cursor", async () => {
    const admin = await s.admin({ sub: "cm-pages" });
    await s.chat({ role: "member", sub: "au-pager" });
    for (let i = 0; i < 5; i++) { await admin.mute("au-pager", 60); await admin.unmute("au-pager"); }
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.listAudit({ limit: 2, action: "user.muted", actor: "cm-pages", ...(cursor ? { cursor } : {}) });
      expect(page.entries.every((e) => e.action === "user.muted" && e.actor.id === "cm-pages")).toBe(true);
      ids.push(...page.entries.map((e) => e.id));
      cursor = page.cursor;
    } while (cursor);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    const byActor = await admin.listAudit({ actor: "cm-pages", limit: 100 });
    expect(byActor.entries).toHaveLength(10);
    await expect(admin.listAudit({ cursor: "garbage!" })).rejects.toMatchObject({ code: "invalid_payload" });
    // Well wrapped, but the store cursor inside is not one the store issued: refused too, not page one again.
    const wrap = (c: unknown) => Buffer.from(JSON.stringify({ c, s: 0 })).toString("base64url");
    for (const inner of ["x", "", Buffer.from("0").toString("base64url"), Buffer.from('"x"').toString("base64url")]) {
      await expect(admin.listAudit({ cursor: wrap(inner) }), inner).rejects.toMatchObject({ code: "invalid_payload" });
      await expect(admin.listAudit({ cursor: wrap(inner), actor: "cm-pages" }), inner).rejects.toMatchObject({ code: "invalid_payload" });
      const r = await s.rest("GET", `audit?cursor=${wrap(inner)}`);
      expect([r.status, r.body.error.code], inner).toEqual([400, "invalid_payload"]);
    }
  });

  it("an automatic hide is audited as the system", async () => {
    const s2 = await startModServer(testConfig({ acme: { moderation: { reportsToHide: 1, moderatorFlagHides: false } } }));
    try {
      const room = freshRoom();
      const a = await s2.chat({ role: "member", sub: "x" });
      const b = await s2.chat({ role: "member", sub: "y" });
      await b.join(room);
      const admin = await s2.admin();
      await admin.subscribe();
      const m = await post(a, room, "coucou");
      const entry = waitFor<AuditEntry>(admin, "audit", (e) => e.action === "message.hidden");
      await b.flag(m.id, "spam");
      expect((await entry).actor.id).toBe("system");
    } finally {
      await s2.close();
    }
  });
});
