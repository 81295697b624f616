import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatError } from "../../client-sdk/src/index.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { testConfig } from "../support/config.ts";
import { describeRedis } from "../support/redis-server.ts";
import { closeAllRaw, connectRaw, refusedWith } from "../support/raw.ts";
import { until } from "../support/wait.ts";
import { startModServer, type ModServer } from "../moderation/support.ts";

/**
 * Names that an object literal already "has" through Object.prototype. A table keyed by user
 * input that is a plain object reads `constructor` as a function and takes `__proto__` as its
 * prototype: a guest who joined a room named `constructor` once turned a room's online count,
 * `stats:get` and the /metrics gauge into NaN (issue 22, item 11). Every table keyed by rooms,
 * users, terms or tenants must be a Map or a null-prototype object.
 */
const KEYS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"] as const;

/** A room pattern that lets these names through, as a brand's own pattern might. */
const permissive = testConfig({ acme: { rooms: { pattern: "^[A-Za-z0-9_][A-Za-z0-9:_/.-]{0,63}$" } } });

async function exercise(s: ModServer, label: string): Promise<void> {
  const admin = await s.admin({ sub: `cm-${label}` });
  await admin.subscribe();
  for (const key of KEYS) {
    // Rooms: a guest joins and posts; the room, the tenant's figures and /metrics stay numbers.
    const guest = await s.chat();
    const { room } = await guest.join(key);
    expect(room.id, key).toBe(key);
    expect(room.online, key).toBeTypeOf("number");
    // Listed while people are in it, before anyone posts.
    expect((await admin.listRooms()).find((r) => r.id === key)?.online, key).toBe(1);
    expect((await guest.send(key, `hello from ${key}`)).status, key).toBe("visible");
    await until(async () => (await admin.stats()).rooms.some((r) => r.room === key && r.online === 1), 8000, 100);
    const stats = await admin.stats();
    expect(Number.isFinite(stats.online), key).toBe(true);
    for (const r of stats.rooms) expect(Number.isFinite(r.online) && Number.isFinite(r.messagesPerMinute), `${key} ${r.room}`).toBe(true);
    expect((await admin.listRooms()).find((r) => r.id === key)?.online, key).toBe(1);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics, key).not.toMatch(/NaN/);

    // Users: an account with that id posts, is inspected, banned, unbanned, muted and promoted.
    const member = await s.chat({ role: "member", sub: key, name: `Member ${key}` });
    await member.join(key);
    expect((await member.send(key, "bonjour")).status, key).toBe("visible");
    // A post's counters reach a shared store with the node's next stats flush (RedisStatsStore).
    const profile = await until(async () => { const p = await admin.inspect(key); return p.messages === 1 ? p : undefined; }, 8000, 50);
    expect(profile.user.id, key).toBe(key);
    expect(profile.messages, key).toBe(1);
    await admin.mute(key, 60);
    await expect(member.send(key, "encore"), key).rejects.toMatchObject({ code: "muted" } satisfies Partial<ChatError>);
    await admin.unmute(key);
    await admin.setRole(key, "expert");
    expect((await admin.inspect(key)).role, key).toBe("expert");
    await admin.setRole(key, "member");
    await admin.ban(key, { reason: `test ban ${key}`, durationSec: 60 });
    expect((await admin.listBans()).map((b) => b.userId), key).toContain(key);
    await admin.unban(key);
    expect((await admin.listBans()).map((b) => b.userId), key).not.toContain(key);

    // Terms: a manager's term of that name is held, and removed again.
    await admin.updateLexicon({ add: [key.replace(/_/g, "") || key] });
    expect((await guest.send(key, `look at ${key.replace(/_/g, "")} here`)).status, key).toBe("held");
    await admin.updateLexicon({ remove: [key.replace(/_/g, "") || key] });
    expect((await guest.send(key, `and ${key.replace(/_/g, "")} again`)).status, key).toBe("visible");
    guest.disconnect();
    member.disconnect();

    // Tenants: a handshake naming that tenant is refused cleanly.
    expect((await refusedWith(s.url, { auth: { tenant: key } })).data?.code, key).toBe("unknown_tenant");
    const rest = await s.rest("GET", `/api/v1/tenants/${encodeURIComponent(key)}/widget-config?path=/faq`, { token: null });
    expect(rest.status, key).toBe(404);
  }
  // The tenant's figures are still sane after everyone left.
  await until(async () => Number.isFinite((await admin.stats()).online), 8000, 100);
  const after = await connectRaw(s.url, { auth: { tenant: "acme" } });
  expect(after.session.user.role).toBe("guest");
}

describe("tables keyed by user input: constructor, __proto__, toString, hasOwnProperty, valueOf", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(permissive); });
  afterAll(async () => { closeAllRaw(); await s?.close(); });

  it("embedded store: rooms, users, terms and tenants of those names behave like any other", async () => {
    await exercise(s, "mem");
  });
});

describeRedis("tables keyed by user input, on Redis", () => {
  let cluster: Cluster;
  beforeAll(async () => { cluster = await startCluster({ acme: { rooms: { pattern: "^[A-Za-z0-9_][A-Za-z0-9:_/.-]{0,63}$" } } }, "proto"); });
  afterAll(async () => { await cluster?.close(); });

  it("Redis store: the same, on one node of a cluster", async () => {
    await exercise(cluster.a, "redis");
  });
});
