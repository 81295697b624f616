import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatError, ChatClient, QueueItem } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { cleanText } from "../shared/texts.ts";
import { waitFor } from "../support/wait.ts";
import { freshRoom, post, startModServer, type ModServer } from "./support.ts";

describe("flags are limited (issue 22, item 13)", () => {
  let s: ModServer;
  beforeAll(async () => {
    s = await startModServer(testConfig({
      server: { trustProxy: true },
      acme: {
        rateLimit: { flags: { burst: 3, perMinute: 1 }, flagsPerIp: { burst: 5, perMinute: 1 } },
        moderation: { guestFlagsToQueue: 2 },
      },
    }));
  });
  afterAll(async () => { await s.close(); });

  /** `n` visible messages by a fresh member in `room`. */
  async function messages(room: string, n: number, tag: string) {
    const author = await s.chat({ role: "member", sub: `${tag}-author` });
    const out = [];
    for (let i = 0; i < n; i++) out.push(await post(author, room, cleanText()));
    return out;
  }
  async function joined(c: ChatClient, room: string) { await c.join(room); return c; }

  it("per user: a burst, then rate_limited with retryAfterMs; per IP: every user of that IP together; moderators are not limited", async () => {
    const room = freshRoom();
    const ms = await messages(room, 8, "fl-lim");
    const ip = "203.0.113.20";
    const a = await joined(await s.chat({ role: "member", sub: "fl-lim-a", ip }), room);
    const b = await joined(await s.chat({ role: "member", sub: "fl-lim-b", ip }), room);
    for (const m of ms.slice(0, 3)) expect(await a.flag(m.id, "spam")).toEqual({ hidden: false });
    const refused = await a.flag(ms[3]!.id, "spam").catch((e: ChatError) => e);
    expect(refused).toMatchObject({ code: "rate_limited" });
    expect((refused as ChatError).retryAfterMs).toBeGreaterThan(0);
    expect((await s.app.stores.flags.getFlags("acme", ms[3]!.id))).toHaveLength(0);

    // b has a budget of its own, but the IP has 5 for everyone: 3 went to a.
    expect(await b.flag(ms[3]!.id, "spam")).toEqual({ hidden: false });
    expect(await b.flag(ms[4]!.id, "spam")).toEqual({ hidden: false });
    await expect(b.flag(ms[5]!.id, "spam")).rejects.toMatchObject({ code: "rate_limited" });

    // Another network is untouched; a moderator on the spent one flags freely.
    const c = await joined(await s.chat({ role: "member", sub: "fl-lim-c", ip: "198.51.100.20" }), room);
    expect(await c.flag(ms[5]!.id, "spam")).toEqual({ hidden: false });
    const mod = await joined(await s.chat({ role: "moderator", sub: "fl-lim-mod", ip }), room);
    for (const m of ms.slice(6)) expect(await mod.flag(m.id, "abuse")).toEqual({ hidden: true });
  });

  it("a guest's flag is recorded but queues the message only when guests on guestFlagsToQueue networks flagged it", async () => {
    const room = freshRoom();
    const [m] = await messages(room, 1, "fl-guest");
    const admin = await s.admin();
    await admin.subscribe();
    const g1 = await joined(await s.chat({ ip: "203.0.113.30" }), room);
    const g2 = await joined(await s.chat({ ip: "203.0.113.30" }), room);
    const g3 = await joined(await s.chat({ ip: "198.51.100.30" }), room);
    const inQueue = async () => (await admin.listQueue({ limit: 200 })).items.some((i) => i.message.id === m!.id);

    expect(await g1.flag(m!.id, "spam")).toEqual({ hidden: false });
    // Recorded and counted (the queue is written before the ack, so this read is not early).
    expect((await s.app.stores.flags.getFlags("acme", m!.id)).map((f) => f.by.id)).toEqual([g1.session!.user.id]);
    expect(await inQueue()).toBe(false);
    // A second guest id on the same network adds nothing: ids are free, networks are not.
    expect(await g2.flag(m!.id, "spam")).toEqual({ hidden: false });
    expect((await s.app.stores.flags.getFlags("acme", m!.id)).map((f) => f.by.id)).toEqual([g1.session!.user.id]);
    expect(await inQueue()).toBe(false);

    // A guest on a second network: two networks, the message reaches the managers, both flags shown.
    const added = waitFor<QueueItem>(admin, "queue:added", (i) => i.message.id === m!.id);
    expect(await g3.flag(m!.id, "abuse")).toEqual({ hidden: false });
    const item = await added;
    expect(item.kind).toBe("flag");
    expect(item.flags.map((f) => f.by.id)).toEqual([g1.session!.user.id, g3.session!.user.id]);
    // Guests never hide.
    expect((await s.app.stores.messages.getMessage("acme", m!.id))?.status).toBe("visible");
  });
});
