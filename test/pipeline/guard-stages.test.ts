import { describe, expect, it } from "vitest";
import { resolveRoom } from "../../server/chat/room-directory.ts";
import type { Config } from "../../server/config/schema.ts";
import { compileFilters, loadBaseLexicons } from "../../server/filters/compile.ts";
import { createAccessStage } from "../../server/pipeline/access.ts";
import { createLinksStage } from "../../server/pipeline/links.ts";
import { createNewcomersStage } from "../../server/pipeline/newcomers.ts";
import { createRaidCountStage } from "../../server/pipeline/raid-count.ts";
import { createRateStage } from "../../server/pipeline/rate.ts";
import { createSpamStage } from "../../server/pipeline/spam.ts";
import { runPipeline, type SendContext } from "../../server/pipeline/stage.ts";
import { createValidateStage } from "../../server/pipeline/validate.ts";
import { createWordsStage } from "../../server/pipeline/words.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import { TenantRuntime } from "../../server/tenants/tenant-runtime.ts";
import { testConfig } from "../support/config.ts";

/**
 * SPEC §10's checks on the message path keep the embedded store's promise-free run: the raid
 * count, the shield and evasion reads, and the newcomer count all answer at once.
 */
describe("SPEC §10 stages on the embedded store", () => {
  it("newcomer, shield, evasion and raid counting answer without a promise, in app order", async () => {
    const stores = createMemoryStores();
    const config: Readonly<Config> = testConfig({ acme: { moderation: { newcomers: { holdFirst: 2 }, evasion: { action: "hold" }, raid: { messagesPerMin: 1000, joinsPerMin: 0 } } } });
    const tenant = new TenantRuntime(config.tenants[0]!, stores, (lists) => compileFilters(lists, loadBaseLexicons()));
    await tenant.refreshFilters();
    let counted = 0;
    const stages = [
      createValidateStage(), createRaidCountStage({ messagePosted: (t, room, now) => { counted++; stores.raids.count(t.id, room, "message", now); } }),
      createAccessStage(stores), createRateStage(), createNewcomersStage(stores.newcomers), createSpamStage(), createWordsStage(), createLinksStage(),
    ];
    await stores.evasion.link("acme", "u1", "banned-1", "ip", 1);
    const ctx = (text: string, shield = false): SendContext => ({
      tenant, now: Date.now(), hits: [], rawText: text, text,
      room: { ...resolveRoom(tenant, "product:x", { shield }) },
      session: { tenant: "acme", user: { id: "u1", name: "U", role: "member" }, tokenRole: "member", ip: "192.0.2.1", device: { type: "desktop", bot: false }, connectedAt: 0 },
    });
    // The IP-block cache is filled by the first message; from then on nothing waits.
    await runPipeline(stages, ctx("warming up"));
    const c = ctx("a perfectly fine question");
    const observed: string[] = [];
    const result = runPipeline(stages, c, (stage) => observed.push(stage));
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toBeUndefined();
    expect(observed).toEqual(["validate", "raid", "access", "rate", "newcomers", "spam", "words", "links"]);
    expect(c.holds?.map((r) => r.kind)).toEqual(["evasion", "newcomer"]);
    expect(c.holds?.find((r) => r.kind === "evasion")?.detail).toBe("banned-1");
    expect(counted).toBe(2);
    expect(stores.raids.count("acme", "product:x", "message", Date.now())).toStrictEqual({ messages: 3, joins: 0 });
    // A shielded room adds its hold (its slow mode of at least 10 s is the one part that waits, as slow mode always has).
    const shielded = ctx("during the shield", true);
    expect(shielded.room.slowModeSec).toBe(10);
    expect(await runPipeline(stages, shielded)).toBeUndefined();
    expect(shielded.holds?.map((r) => r.kind)).toEqual(["shield", "evasion"]);
  });
});
