import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { ChatClient, ChatError } from "../../client-sdk/src/index.ts";
import { freshRoom, post, type ModServer } from "../moderation/support.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { ask, closeAllRaw, connectRaw, refusedWith } from "../support/raw.ts";
import { describeRedis } from "../support/redis-server.ts";
import { cleanText } from "../shared/texts.ts";

afterEach(() => closeAllRaw());

const from = (ip: string) => ({ "x-forwarded-for": ip });

/** One client IP's budgets are the cluster's, not each node's: two nodes share one IP's budget. */
describeRedis("per-IP guest and flag limits hold across the cluster (issue 22, items 12 and 13)", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    cluster = await startCluster({
      server: { trustProxy: true },
      acme: {
        rateLimit: {
          guestsPerIp: { burst: 2, perMinute: 1 },
          guestMessagesPerIp: { burst: 2, perSecond: 0.01 },
          flags: { burst: 100, perMinute: 1 },
          flagsPerIp: { burst: 2, perMinute: 1 },
        },
        moderation: { guestFlagsToQueue: 2 },
      },
    }, "iplim");
    ({ a, b } = cluster);
  });
  afterAll(async () => { await cluster?.close(); });

  it("new guest ids: a burst of 2 per IP, wherever the handshakes land", async () => {
    const ip = "203.0.113.101";
    await connectRaw(a.url, { headers: from(ip) });
    await connectRaw(b.url, { headers: from(ip) });
    for (const node of [a, b]) {
      const refused = await refusedWith(node.url, { headers: from(ip) });
      expect(refused.data?.code).toBe("rate_limited");
      expect(refused.data?.retryAfterMs).toBeGreaterThan(0);
    }
  });

  it("guests' messages: one IP's budget of 2 spent on two nodes", async () => {
    const ip = "203.0.113.102";
    const room = freshRoom();
    const onA = await connectRaw(a.url, { headers: from(ip) });
    const onB = await connectRaw(b.url, { headers: from(ip) });
    for (const g of [onA, onB]) await ask(g.socket, "room:join", { room });
    expect((await ask(onA.socket, "message:send", { room, text: cleanText() })).ok).toBe(true);
    expect((await ask(onB.socket, "message:send", { room, text: cleanText() })).ok).toBe(true);
    for (const g of [onA, onB]) {
      const res = await ask(g.socket, "message:send", { room, text: cleanText() });
      expect(res).toMatchObject({ ok: false, error: { code: "rate_limited" } });
      expect(res.error.retryAfterMs).toBeGreaterThan(0);
    }
  });

  it("flags per IP count on every node; a guest network counts once towards queuing, whichever node", async () => {
    const room = freshRoom();
    const author = await a.chat({ role: "member", sub: "ipl-author" });
    const ms = [];
    for (let i = 0; i < 4; i++) ms.push(await post(author, room, cleanText()));
    const joined = async (c: ChatClient) => { await c.join(room); return c; };

    const ip = "203.0.113.103";
    const m1 = await joined(await a.chat({ role: "member", sub: "ipl-m1", ip }));
    const m2 = await joined(await b.chat({ role: "member", sub: "ipl-m2", ip }));
    expect(await m1.flag(ms[0]!.id, "spam")).toEqual({ hidden: false });
    expect(await m2.flag(ms[1]!.id, "spam")).toEqual({ hidden: false });
    const refused = await m1.flag(ms[2]!.id, "spam").catch((e: ChatError) => e);
    expect(refused).toMatchObject({ code: "rate_limited" });
    await expect(m2.flag(ms[2]!.id, "spam")).rejects.toMatchObject({ code: "rate_limited" });

    // Two guests of one network, one per node, on one message: one flag on record, nothing queued.
    const gip = "203.0.113.104";
    const g1 = await joined(await a.chat({ ip: gip }));
    const g2 = await joined(await b.chat({ ip: gip }));
    expect(await g1.flag(ms[3]!.id, "spam")).toEqual({ hidden: false });
    expect(await g2.flag(ms[3]!.id, "spam")).toEqual({ hidden: false });
    expect((await a.app.stores.flags.getFlags("acme", ms[3]!.id)).map((f) => f.by.id)).toEqual([g1.session!.user.id]);
    expect(await a.app.stores.queue.queueGet("acme", ms[3]!.id)).toBeFalsy();
  });
});
