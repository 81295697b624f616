import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { freshRoom, sendWatched, startModServer, type ModServer } from "./support.ts";

/**
 * SPEC §12 over the wire: a tenant's policy decides per category what happens to a message
 * (allow, hold, shadow, reject) above a minimum severity; a category left out follows onHit;
 * queue reasons name category and severity; filters:get / filters:update and REST GET|PATCH
 * filters; a manager's term gets the category they chose (competitor by default).
 */
describe("per-category filter policy (SPEC §12)", () => {
  let s: ModServer;
  beforeAll(async () => {
    s = await startModServer(testConfig({ acme: { filters: { policy: { threat: "reject", minSeverity: { profanity: 2 } } } } }));
  });
  afterAll(async () => { await s.close(); });

  const outcome = (text: string) => sendWatched(s, text);

  it("the config's policy holds over the wire: threats rejected, mild profanity allowed, the rest by onHit", async () => {
    expect(await outcome("je vais te casser les dents à la sortie")).toEqual({ status: "content_blocked", seenByOthers: false });
    // "crap" is profanity of severity 1, below minSeverity 2: delivered.
    expect(await outcome("oh crap, I forgot my card")).toEqual({ status: "visible", seenByOthers: true });
    // "merde" is profanity of severity 2: not below the minimum, so it follows onHit (hold).
    expect(await outcome("merde, encore en rupture")).toEqual({ status: "held", seenByOthers: false });
  });

  it("filters:update changes actions per category and severity; filters:get shows them; queue reasons carry category and severity", async () => {
    const admin = await s.admin();
    const before = await admin.getFilters();
    expect(before.onHit).toBe("hold");
    expect(before.policy).toEqual({ threat: "reject", minSeverity: { profanity: 2 } });
    expect(before.lexicon.languages).toEqual(["en", "fr"]);
    expect(before.lexicon.terms).toContain("rivalbrand");
    expect(before.lexicon.categories.rivalbrand).toEqual({ category: "competitor", severity: 2 });
    // Existing fields the back office reads stay.
    expect(before.terms).toContain("rivalbrand");
    expect(before.links.mode).toBe("allowlist");

    const policy = { profanity: "allow", insult: "shadow", hate: "reject", contact: "hold", minSeverity: { insult: 2 } } as const;
    expect(await admin.updateFilters({ policy })).toEqual({ onHit: "hold", policy });
    expect((await admin.getFilters()).policy).toEqual(policy);

    expect(await outcome("merde, encore en rupture")).toEqual({ status: "visible", seenByOthers: true });
    // Shadow: the author is told "visible", no one else sees it.
    expect(await outcome("quel connard celui-là")).toEqual({ status: "visible", seenByOthers: false });
    // insult below severity 2 ("idiot" is 1): allowed.
    expect(await outcome("what an idiot I am, wrong size again")).toEqual({ status: "visible", seenByOthers: true });
    expect(await outcome("your kind is not welcome here")).toEqual({ status: "content_blocked", seenByOthers: false });
    // The threat category left the policy: it follows onHit (hold).
    expect(await outcome("I will break both your legs")).toEqual({ status: "held", seenByOthers: false });
    expect(await outcome("écris-moi sur WhatsApp au 07 98 76 54 32, je fais moins cher")).toEqual({ status: "held", seenByOthers: false });

    const { items } = await admin.listQueue({ limit: 50 });
    const contact = items.find((i) => i.message.text.startsWith("écris-moi sur WhatsApp"));
    expect(contact?.reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: "word", detail: "phone", match: "07 98 76 54 32", category: "contact", severity: 3 }),
    ]));
    const threat = items.find((i) => i.message.text === "I will break both your legs");
    expect(threat?.reasons[0]).toMatchObject({ category: "threat", severity: 3, match: "I will break both your legs" });

    // onHit changes what the categories left out do.
    expect(await admin.updateFilters({ onHit: "reject" })).toEqual({ onHit: "reject", policy });
    expect(await outcome("I will break both your legs")).toEqual({ status: "content_blocked", seenByOthers: false });
    await admin.updateFilters({ onHit: "hold", policy: {} });
    expect((await admin.getFilters()).policy).toEqual({});
  });

  it("refuses malformed updates with invalid_payload and keeps the policy", async () => {
    const admin = await s.admin();
    await admin.updateFilters({ policy: { spam: "hold" } });
    for (const bad of [{}, { policy: { insult: "delete" } }, { policy: { nope: "hold" } }, { policy: { minSeverity: { insult: 5 } } }, { onHit: "allow" }, { policy: [] }]) {
      await expect(admin.updateFilters(bad as never), JSON.stringify(bad)).rejects.toMatchObject({ code: "invalid_payload" });
    }
    expect((await admin.getFilters()).policy).toEqual({ spam: "hold" });
    await admin.updateFilters({ policy: {} });
  });

  it("REST GET|PATCH filters, and lexicon:update with a category (competitor by default)", async () => {
    const patched = await s.rest("PATCH", "filters", { body: { policy: { competitor: "reject" } } });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ onHit: "hold", policy: { competitor: "reject" } });
    const got = await s.rest("GET", "filters");
    expect(got.body).toMatchObject({ onHit: "hold", policy: { competitor: "reject" }, links: { mode: "allowlist" } });
    expect((await s.rest("PATCH", "filters", { body: { policy: { insult: 3 } } })).status).toBe(400);

    const admin = await s.admin();
    await admin.updateLexicon({ add: ["glowzilla", { term: "moche comme un pou", category: "insult", severity: 3 }] });
    const f = await admin.getFilters();
    expect(f.lexicon.categories.glowzilla).toEqual({ category: "competitor", severity: 2 });
    expect(f.lexicon.categories["moche comme un pou"]).toEqual({ category: "insult", severity: 3 });
    // The competitor is rejected by the policy; the insult follows onHit (hold).
    expect(await outcome("allez plutôt chez Glowzilla")).toEqual({ status: "content_blocked", seenByOthers: false });
    expect(await outcome("t'es moche comme un pou")).toEqual({ status: "held", seenByOthers: false });
    // Re-adding a plain term makes it a competitor again; removing it forgets its category.
    await admin.updateLexicon({ add: ["moche comme un pou"] });
    expect((await admin.getFilters()).lexicon.categories["moche comme un pou"]).toEqual({ category: "competitor", severity: 2 });
    await admin.updateLexicon({ remove: ["moche comme un pou", "glowzilla"] });
    expect((await admin.getFilters()).lexicon.categories["moche comme un pou"]).toBeUndefined();
    await s.rest("PATCH", "filters", { body: { policy: {} } });
  });

  it("one tenant's policy never reaches another", async () => {
    const other = await s.admin({ tenant: "other" });
    await (await s.admin()).updateFilters({ policy: { insult: "allow" } });
    expect((await other.getFilters()).policy).toEqual({});
    const c: ChatClient = await s.chat({ tenant: "other", role: "member", sub: "pol-other" });
    const room = freshRoom();
    await c.join(room);
    expect((await c.send(room, "quel connard celui-là")).status).toBe("held");
    await (await s.admin()).updateFilters({ policy: {} });
  });
});

