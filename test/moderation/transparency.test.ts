import { expect, it } from "vitest";
import type { ChatError, Notice, TransparencyReport } from "../../client-sdk/src/index.ts";
import { statementOfReasons, type StatementOfReasons } from "../../server/contracts/transparency-database.ts";
import { onBothStores } from "../support/both-stores.ts";
import { mintToken } from "../support/tokens.ts";
import { waitFor } from "../support/wait.ts";
import { freshRoom, HELD_TEXT, post, postHeld } from "./support.ts";

const TERMS = "https://acme.test/community-rules";
const iso = (at: number) => new Date(at).toISOString();
const code = (r: { body: any }) => r.body?.error?.code;

/** SPEC §9.4: the period's transparency figures (JSON, CSV) and statements of reasons (NDJSON), over REST and /admin, on both stores. */
onBothStores("transparency", { acme: { moderation: { termsUrl: TERMS } } }, (server) => {
  // What the users of the first test are and said: none of it may appear in a statement.
  const personal: string[] = [];
  let period = { from: "", to: "" };

  it("counts the period's removals, rejections, mutes, bans and appeals, as JSON, CSV and over /admin", async () => {
    const s = server();
    const start = Date.now();
    const admin = await s.admin();
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "tr-author-7f3", name: "Zoé Transparence" });
    const muted = await s.chat({ role: "member", sub: "tr-muted-9c1", name: "Quentin Muet" });
    const rejectee = await s.chat({ role: "member", sub: "tr-rejected-2d4", name: "Roxane Refus" });
    const removedText = "Ma commande 88431 chez vous est bloquée au dépôt de Lyon";
    personal.push("tr-author-7f3", "Zoé Transparence", "tr-muted-9c1", "Quentin Muet", "tr-rejected-2d4", "Roxane Refus",
      "tr-banned-5e8", "tr-gone-0a6", "Insultes répétées", removedText, "88431", room);

    // 1. A manager deletes a visible message.
    const removed = await post(author, room, removedText);
    personal.push(removed.id);
    let told = waitFor<Notice>(author, "moderation:notice");
    await admin.deleteMessage(removed.id, "Hors sujet, Zoé");
    const deletion = await told;
    // 2. A filter holds a message, a manager removes it.
    const held = await postHeld(author, room);
    personal.push(held.id);
    told = waitFor<Notice>(author, "moderation:notice");
    await admin.resolve(held.id, "remove");
    await told;
    // 3. A mute, a timed ban and a permanent one.
    told = waitFor<Notice>(muted, "moderation:notice");
    await admin.mute("tr-muted-9c1", 600, "Flood");
    const mute = await told;
    await admin.ban("tr-banned-5e8", { reason: "Insultes répétées", durationSec: 3600 });
    await admin.ban("tr-gone-0a6", { reason: "Spam" });
    // 4. A filter refuses a message outright.
    await admin.updateFilters({ onHit: "reject" });
    try {
      told = waitFor<Notice>(rejectee, "moderation:notice");
      await rejectee.join(room);
      expect(await rejectee.send(room, HELD_TEXT).catch((e: ChatError) => e.code)).toBe("content_blocked");
      await told;
    } finally { await admin.updateFilters({ onHit: "hold" }); }
    // 5. Two appeals: the mute's is reversed, the deletion's upheld.
    const a1 = await muted.appeal(mute.id, "Je répondais à plusieurs questions.");
    await admin.resolveAppeal(a1.id, "reverse", "Fair");
    const a2 = await author.appeal(deletion.id, "C'était une vraie question.");
    await admin.resolveAppeal(a2.id, "uphold", "Stays");
    personal.push(a1.id, a2.id, deletion.id, mute.id);

    period = { from: iso(start), to: iso(Date.now() + 1000) };
    const q = `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const res = await s.rest("GET", `transparency?${q}`);
    expect(res.status).toBe(200);
    const report = res.body as TransparencyReport;
    expect(report).toMatchObject({
      from: period.from, to: period.to,
      reports: { total: 0, byCategory: {} },
      actions: {
        total: 6,
        byKind: { message_removed: 2, message_hidden: 0, message_rejected: 1, banned: 2, muted: 1 },
        byGround: { terms: 6, illegal: 0 },
        bySource: { manager: 5, filter: 1, flags: 0, report: 0 },
        // The held message and the refused one were found by a filter; only the refusal was the filter's decision.
        automatedDetection: 2, automatedDecision: 1,
      },
      appeals: { received: 2, reversed: 1 },
    });
    expect(Object.values(report.actions.byCategory).reduce((a, b) => a + b, 0)).toBe(6);
    expect(report.actions.byCategory.illegal_or_harmful_speech).toBe(2);
    // Two removals of published messages, each within seconds of posting; appeals decided at once.
    expect(report.medianHoursToAction).toBe(0);
    expect(report.appeals.medianHoursToDecision).toBe(0);

    // The same service over /admin; a whole UTC day as dates counts the same.
    expect(await admin.transparency(period.from, period.to)).toEqual(report);
    const days = await admin.transparency(period.from.slice(0, 10), iso(Date.now() + 86_400_000).slice(0, 10));
    expect(days.actions).toEqual(report.actions);
    expect(days.to.endsWith("T00:00:00.000Z")).toBe(true);

    // CSV: a header, then one row per figure.
    const csv = await s.rest("GET", `transparency?${q}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="transparency-acme-.+\.csv"/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("figure,value");
    const rows = new Map(lines.slice(1).map((l) => l.split(",") as [string, string]));
    expect(lines.slice(1).every((l) => l.split(",").length === 2)).toBe(true);
    expect(rows.get("from")).toBe(period.from);
    expect(rows.get("actions.total")).toBe("6");
    expect(rows.get("actions.byKind.banned")).toBe("2");
    expect(rows.get("actions.byKind.message_hidden")).toBe("0");
    expect(rows.get("reports.total")).toBe("0");
    expect(rows.get("appeals.reversed")).toBe("1");
    expect(rows.get("medianHoursToAction")).toBe("0");
    expect((await s.rest("GET", `transparency?${q}&format=json`)).body).toEqual(report);
  });

  it("writes one statement of reasons per restriction in the Transparency Database's fields, with nothing personal", async () => {
    const s = server();
    const q = `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const res = await s.rest("GET", `statements?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="statements-acme-.+\.ndjson"/);
    const lines = res.text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(6);
    const statements: StatementOfReasons[] = lines.map((l) => {
      const parsed = statementOfReasons.safeParse(JSON.parse(l));
      expect(parsed.error?.issues ?? [], l).toEqual([]);
      return parsed.data!;
    });
    for (const line of lines) for (const p of personal) expect(line.toLowerCase(), p).not.toContain(p.toLowerCase());
    const count = (f: (x: StatementOfReasons) => boolean) => statements.filter(f).length;
    expect(count((x) => x.decision_visibility?.[0] === "DECISION_VISIBILITY_CONTENT_REMOVED")).toBe(2);
    expect(count((x) => x.decision_visibility?.[0] === "DECISION_VISIBILITY_OTHER")).toBe(1);
    expect(count((x) => x.decision_account === "DECISION_ACCOUNT_SUSPENDED" && x.end_date_account_restriction !== undefined)).toBe(1);
    expect(count((x) => x.decision_account === "DECISION_ACCOUNT_TERMINATED" && x.end_date_account_restriction === undefined)).toBe(1);
    expect(count((x) => x.decision_provision === "DECISION_PROVISION_PARTIAL_SUSPENSION")).toBe(1);
    expect(count((x) => x.automated_decision === "AUTOMATED_DECISION_FULLY" && x.source_type === "SOURCE_VOLUNTARY")).toBe(1);
    expect(count((x) => x.automated_detection === "Yes")).toBe(2);
    expect(count((x) => x.content_type[0] === "CONTENT_TYPE_TEXT")).toBe(3);
    expect(statements.every((x) => x.decision_ground === "DECISION_GROUND_INCOMPATIBLE_CONTENT" && x.decision_ground_reference_url === TERMS)).toBe(true);
    expect(statements.every((x) => /^[0-9a-f]{64}$/.test(x.puid))).toBe(true);
    expect(new Set(statements.map((x) => x.puid)).size).toBe(6);

    // The /admin event pages through the same statements, puids included.
    const admin = await s.admin();
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.listStatements({ ...period, limit: 4, ...(cursor ? { cursor } : {}) });
      paged.push(...page.statements.map((x) => x.puid as string));
      cursor = page.cursor;
    } while (cursor);
    expect(paged).toEqual(statements.map((x) => x.puid));
  });

  it("shows another tenant's manager nothing of this one, refuses non-managers and bad periods", async () => {
    const s = server();
    const q = `from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const other = await s.rest("GET", `transparency?${q}`, { tenant: "other" });
    expect(other.status).toBe(200);
    expect(other.body.actions.total).toBe(0);
    expect(other.body.appeals.received).toBe(0);
    const otherStatements = await s.rest("GET", `statements?${q}`, { tenant: "other" });
    expect(otherStatements.status).toBe(200);
    expect(otherStatements.text).toBe("");
    expect((await (await s.admin({ tenant: "other" })).transparency(period.from, period.to)).actions.total).toBe(0);
    // acme's manager token says nothing to the other brand.
    expect((await s.rest("GET", `transparency?${q}`, { tenant: "other", token: await s.managerToken("acme") })).status).toBe(401);

    const member = await mintToken({ tenant: "acme", role: "member", sub: "tr-member" });
    for (const path of [`transparency?${q}`, `transparency?${q}&format=csv`, `statements?${q}`]) {
      const r = await s.rest("GET", path, { token: member });
      expect(r.status, path).toBe(403);
      expect(code(r), path).toBe("forbidden");
      expect((await s.rest("GET", path, { token: null })).status, path).toBe(401);
    }

    const bad = [
      "", "from=2026-11-01", "to=2026-11-30", "from=2026-11-30&to=2026-11-01", "from=2026-11-01&to=2026-11-01T00:00:00Z",
      "from=2026-02-31&to=2026-03-05", "from=yesterday&to=today", "from=2026-11-01&to=2026-13-01", "from=2026-11-01T25:00&to=2026-11-02",
      `from=${"9".repeat(5000)}&to=2026-11-02`, "from=2026-11-01&to=2026-11-02&room=x", "from[]=2026-11-01&to=2026-11-02",
    ];
    for (const query of bad) {
      for (const path of [`transparency?${query}`, `transparency?${query}&format=csv`, `statements?${query}`]) {
        const r = await s.rest("GET", path);
        expect(r.status, path).toBe(400);
        expect(code(r), path).toBe("invalid_payload");
      }
    }
    expect(code(await s.rest("GET", `transparency?${q}&format=xml`))).toBe("invalid_payload");
    expect(code(await s.rest("GET", `statements?${q}&limit=5`))).toBe("invalid_payload");
    const admin = await s.admin();
    for (const p of [{}, { from: "2026-11-02", to: "2026-11-01" }, { from: 1, to: 2 }, { from: "2026-11-01", to: "2026-11-02", extra: true }]) {
      expect(await (admin as any).call("transparency:get", p).then(() => "ok", (e: ChatError) => e.code)).toBe("invalid_payload");
    }
    // One day is a valid period, and an empty one counts zeros.
    const empty = await s.rest("GET", "transparency?from=2021-03-01&to=2021-03-01");
    expect(empty.body).toMatchObject({ from: "2021-03-01T00:00:00.000Z", to: "2021-03-02T00:00:00.000Z", actions: { total: 0 }, medianHoursToAction: null });
  });
});
