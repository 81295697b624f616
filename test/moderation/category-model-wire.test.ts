import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../support/config.ts";
import { sendWatched, startModServer, type ModServer } from "./support.ts";

/**
 * The category model over the wire: a message no rule names but the model judges hateful is held
 * with a `classifier` reason naming category and severity 2; the tenant's policy applies to it
 * like to any hit of its category (minSeverity 3 lets it through); `lexicon.model: false` turns the
 * model off for one tenant and not the other.
 */
const HATE = "people of your origin should go back where they came from";
const THREAT = "hope your house doesn't burn down tonight, would be a shame";

describe("category model over the wire (SPEC §12 extension)", () => {
  let s: ModServer;
  beforeAll(async () => {
    s = await startModServer(testConfig({
      acme: { filters: { policy: { threat: "reject" } } },
      other: { filters: { lexicon: { languages: ["en", "fr"], terms: [], allow: [], model: false } } },
    }));
  });
  afterAll(async () => { await s.close(); });

  const send = (text: string, tenant: "acme" | "other" = "acme") => sendWatched(s, text, tenant);

  it("holds what only the model judges, with a classifier reason in the queue; the policy's action per category applies", async () => {
    expect(await send(HATE)).toEqual({ status: "held", seenByOthers: false });
    expect(await send(THREAT)).toEqual({ status: "content_blocked", seenByOthers: false });
    // A mild swear word a rule holds does not hide the rest of the message from the model.
    expect(await send(`${THREAT} lol crap`)).toEqual({ status: "content_blocked", seenByOthers: false });
    const { items } = await (await s.admin()).listQueue({ limit: 50 });
    const held = items.find((i) => i.message.text === HATE);
    expect(held?.reasons).toEqual([expect.objectContaining({ kind: "classifier", category: "hate", severity: 2, match: HATE })]);
    expect(held!.reasons[0]!.detail).toMatch(/^hate 0\.\d\d|^hate 1\.00/);
  });

  it("minSeverity 3 for a category lets the model's severity-2 hits of it through", async () => {
    const admin = await s.admin();
    await admin.updateFilters({ policy: { threat: "reject", minSeverity: { hate: 3 } } });
    try {
      expect(await send(HATE)).toEqual({ status: "visible", seenByOthers: true });
      // Another category's model hits are untouched.
      expect(await send(THREAT)).toEqual({ status: "content_blocked", seenByOthers: false });
    } finally {
      await admin.updateFilters({ policy: { threat: "reject" } });
    }
  });

  it("filters:update { model } switches it per tenant on every message after, audited; a wrong type is invalid_payload", async () => {
    const admin = await s.admin();
    expect((await admin.getFilters()).model).toBe(true);
    await expect(admin.updateFilters({ model: "no" as unknown as boolean })).rejects.toMatchObject({ code: "invalid_payload" });
    expect(await admin.updateFilters({ model: false })).toEqual({ onHit: "hold", policy: { threat: "reject" }, model: false });
    try {
      expect((await admin.getFilters()).model).toBe(false);
      expect(await send(HATE)).toEqual({ status: "visible", seenByOthers: true });
      // The other tenant's switch is its own (off by config there).
      expect((await (await s.admin({ tenant: "other" })).getFilters()).model).toBe(false);
      const { entries } = await admin.listAudit({ limit: 5 });
      expect(entries[0]).toMatchObject({ action: "filters.updated", target: { model: false } });
    } finally {
      expect(await admin.updateFilters({ model: true })).toMatchObject({ model: true });
    }
    expect(await send(HATE)).toEqual({ status: "held", seenByOthers: false });
  });

  it("a brand's own handle or line, allowed by a manager, is not held when shoppers name it; another seller's still is, and the other tenant's list is its own", async () => {
    const OWN = "leur insta @acme_beauty poste les promos avant le site";
    const LINE = "appelez le +33 1 84 88 00 00 pour commander plus vite";
    expect(await send(OWN)).toMatchObject({ status: "held" });
    expect(await send(LINE)).toMatchObject({ status: "held" });
    const admin = await s.admin();
    await admin.updateLexicon({ allow: ["@acme_beauty", "01 84 88 00 00"] });
    try {
      expect(await send(OWN)).toEqual({ status: "visible", seenByOthers: true });
      expect(await send(LINE)).toEqual({ status: "visible", seenByOthers: true });
      // Another handle, or another number, is a seller taking shoppers away.
      expect(await send("insta @acme_beauty_outlet moins cher que le site")).toMatchObject({ status: "held" });
      expect(await send("appelle moi au 06 12 34 56 78 pour le prix")).toMatchObject({ status: "held" });
      // The other tenant did not allow it.
      expect(await send(OWN, "other")).toMatchObject({ status: "held" });
    } finally {
      await admin.updateLexicon({ disallow: ["@acme_beauty", "01 84 88 00 00"] });
    }
    expect(await send(OWN)).toMatchObject({ status: "held" });
  });

  it("a tenant with lexicon.model false gets no model judgement; the other tenant keeps it", async () => {
    expect(await send(HATE, "other")).toEqual({ status: "visible", seenByOthers: true });
    expect(await send(HATE, "acme")).toEqual({ status: "held", seenByOthers: false });
  });
});
