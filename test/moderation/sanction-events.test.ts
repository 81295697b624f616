import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatError, SanctionState } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { collect, waitFor } from "../support/wait.ts";
import { known, startModServer, type ModServer } from "./support.ts";

/** The `sanction` extension: a user's open sockets learn at once when a mute starts, changes or ends. */
describe("sanction events on /chat", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(testConfig({ acme: { widget: { signInUrl: "https://acme.example/login" }, moderation: { termsUrl: "https://acme.example/rules" } } })); });
  afterAll(async () => { await s?.close(); });

  it("a mute, a longer mute and an unmute reach every open socket of the user, and no one else's", async () => {
    const admin = await s.admin();
    const [tab1, tab2, bystander] = await Promise.all([
      s.chat({ role: "member", sub: "se-1" }), s.chat({ role: "member", sub: "se-1" }), s.chat({ role: "member", sub: "se-other" }),
    ]);
    await known(s, "se-1");
    const others = collect<SanctionState>(bystander, "sanction");
    const muted = Promise.all([tab1, tab2].map((c) => waitFor<SanctionState>(c, "sanction", (x) => x.mute !== undefined)));
    const { until } = await admin.mute("se-1", 600, "calm down");
    for (const state of await muted) expect(state).toEqual({ mute: { until, reason: "calm down" } });

    const longer = waitFor<SanctionState>(tab1, "sanction", (x) => (x.mute?.until ?? 0) > until);
    const { until: later } = await admin.mute("se-1", 3600);
    // A mute without a reason says none; who muted and when stay with the managers.
    expect(await longer).toEqual({ mute: { until: later } });

    const lifted = Promise.all([tab1, tab2].map((c) => waitFor<SanctionState>(c, "sanction", (x) => x.mute === undefined)));
    await admin.unmute("se-1");
    for (const state of await lifted) expect(state).toEqual({});
    // Proof that the lift took: the user may post again.
    await tab1.join("product:se");
    expect((await tab1.send("product:se", "Back again")).status).toBe("visible");
    expect(others).toEqual([]);
  });

  it("a user muted before connecting is told right after `session`; an unmuted one is told nothing", async () => {
    const admin = await s.admin();
    const first = await s.chat({ role: "member", sub: "se-2" });
    await known(s, "se-2");
    const { until } = await admin.mute("se-2", 600);
    first.disconnect();
    const again = await s.client({ role: "member", sub: "se-2" });
    const told = waitFor<SanctionState>(again, "sanction");
    await again.connect();
    expect(await told).toEqual({ mute: { until } });

    const free = await s.client({ role: "member", sub: "se-free" });
    const heard = collect<SanctionState>(free, "sanction");
    await free.connect();
    await free.join("product:se");
    expect(heard).toEqual([]);
  });

  it("a shadow ban is never told to its target; a ban ends the session with its reason, also on reconnect", async () => {
    const admin = await s.admin();
    const shadowed = await s.chat({ role: "member", sub: "se-3" });
    await known(s, "se-3");
    const heard = collect(shadowed, "sanction");
    const ended = collect(shadowed, "session:ended");
    await admin.ban("se-3", { reason: "spam", shadow: true });
    // The ack came after the server's side effects; a round trip on the same socket flushes anything sent before it.
    await shadowed.join("product:se");
    expect(heard).toEqual([]);
    expect(ended).toEqual([]);

    const banned = await s.chat({ role: "member", sub: "se-4" });
    await known(s, "se-4");
    const end = waitFor(banned, "session:ended");
    await admin.ban("se-4", { reason: "Insults towards other shoppers", durationSec: 3600 });
    expect(await end).toMatchObject({ code: "banned", reason: "Insults towards other shoppers" });
    // Reloading the page: the refusal carries the reason too, so the page can say why.
    const refused = await s.chat({ role: "member", sub: "se-4" }).catch((e: ChatError) => e);
    expect(refused).toMatchObject({ code: "banned", reason: "Insults towards other shoppers" });
    expect((refused as ChatError).until).toBeGreaterThan(Date.now());
  });

  it("widget-config returns the tenant's sign-in URL for guests and its rules for notices, and only where they are set", async () => {
    const acme = await s.rest("GET", "/api/v1/tenants/acme/widget-config?path=/faq", { token: null });
    expect(acme.body).toMatchObject({ show: true, signInUrl: "https://acme.example/login", termsUrl: "https://acme.example/rules" });
    const other = await s.rest("GET", "/api/v1/tenants/other/widget-config?path=/faq", { token: null });
    expect(other.body.signInUrl).toBeUndefined();
    expect(other.body.termsUrl).toBeUndefined();
  });
});
