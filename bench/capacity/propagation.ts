import { SignJWT } from "jose";
import { AdminClient, ChatClient } from "../../client-sdk/src/index.ts";
import { startRedisCluster } from "../../test/shared/redis-cluster-process.ts";
import { BENCH_AUTH, BENCH_TENANT } from "../relay/bench-config.ts";
import { startServerChild } from "../relay/server-child.ts";
import { percentile } from "../relay/stats.ts";

export interface PropagationResult {
  /** Per kind, the milliseconds from the manager's request on node A to the effect on node B, sorted. */
  byKind: Record<"ban" | "ipBlock" | "lexicon", number[]>;
  all: number[];
}

const token = (sub: string, role: string) => new SignJWT({ name: sub, role }).setProtectedHeader({ alg: "HS256" })
  .setIssuer(BENCH_AUTH.issuer).setAudience(BENCH_AUTH.audience).setSubject(sub).setIssuedAt()
  .setExpirationTime(Math.floor(Date.now() / 1000) + 3600).sign(new TextEncoder().encode(BENCH_AUTH.hs256Secret));

/**
 * Moderation actions made on node A and felt on node B, two Causette nodes over a private Redis
 * Cluster: a ban (B ends the shopper's session), an IP block (B ends the session of a shopper from
 * that address) and a lexicon edit (B holds a message with the new word). Each is timed from the
 * manager's request to the effect seen by a client of B.
 */
export async function measurePropagation(actions: number, log: (s: string) => void): Promise<PropagationResult> {
  const rc = await startRedisCluster({ appendfsync: "everysec" });
  const extra = { clients: 100, redisUrl: rc.url, redisCluster: true, keyPrefix: "propbench:", trustProxy: true };
  const nodes = await Promise.all([0, 1].map(() => startServerChild("causette", extra, [])));
  const [a, b] = nodes as [typeof nodes[0], typeof nodes[0]];
  const clients: (ChatClient | AdminClient)[] = [];
  const byKind: PropagationResult["byKind"] = { ban: [], ipBlock: [], lexicon: [] };
  try {
    const admin = new AdminClient({ url: a.url, tenant: BENCH_TENANT, token: await token("cm-bench", "manager") });
    clients.push(admin);
    await admin.connect();
    const writer = new ChatClient({ url: b.url, tenant: BENCH_TENANT, token: await token("writer", "member") });
    clients.push(writer);
    await writer.connect();
    const room = "product:propagation";
    await writer.join(room);
    const kinds = ["ban", "ipBlock", "lexicon"] as const;
    for (let i = 0; i < actions; i++) {
      const kind = kinds[i % kinds.length]!;
      if (kind === "lexicon") {
        const word = `zqprop${i}x`;
        const t0 = performance.now();
        await admin.updateLexicon({ add: [word] });
        // Node B holds the word as soon as it has the new lexicon: probe until it does.
        for (let n = 0; ; n++) {
          const m = await writer.send(room, `un ${word} ici ${n}`);
          if (m.status === "held") break;
        }
        byKind.lexicon.push(performance.now() - t0);
      } else {
        const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        const victim = new ChatClient({
          url: b.url, tenant: BENCH_TENANT, token: await token(`victim-${i}`, "member"),
          socketOptions: { reconnection: false, extraHeaders: { "x-forwarded-for": ip } },
        });
        clients.push(victim);
        await victim.connect();
        const ended = new Promise<number>((resolve) => victim.on("session:ended", () => resolve(performance.now())));
        const t0 = performance.now();
        if (kind === "ban") await admin.ban(`victim-${i}`, { reason: "bench" });
        else await admin.blockIp(`${ip}/32`, { reason: "bench" });
        byKind[kind].push((await ended) - t0);
        victim.disconnect();
      }
    }
    const all = [...byKind.ban, ...byKind.ipBlock, ...byKind.lexicon].sort((x, y) => x - y);
    for (const k of kinds) byKind[k].sort((x, y) => x - y);
    log(`  ${all.length} actions: p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms, max ${all[all.length - 1]!.toFixed(1)} ms` +
      ` (ban p99 ${percentile(byKind.ban, 99).toFixed(1)}, IP block p99 ${percentile(byKind.ipBlock, 99).toFixed(1)}, lexicon edit p99 ${percentile(byKind.lexicon, 99).toFixed(1)} ms)`);
    return { byKind, all };
  } finally {
    for (const c of clients) c.disconnect();
    await Promise.all(nodes.map((n) => n.stop()));
    await rc.dispose();
  }
}
