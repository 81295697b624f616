/**
 * Raid replay (issue 28): shoppers already chatting in a room, then a wave of new guests from a
 * few hundred IPs joins within seconds and posts insults and copies of one line as fast as it
 * can. The same replay runs twice in one run, on a fresh node each time: with raid protection
 * (SPEC §10.3, the tenant's defaults: 300 messages or joins a minute shield the room) and without
 * it (raid detection off; every other filter and limit as configured). Printed per side:
 * - raid messages on shoppers' screens: distinct raid messages any shopper received as visible,
 *   out of those the raiders sent;
 * - time to shield: from the first raider's join to the room's `room:updated` with `shield`;
 * - shoppers' p99: ack latency of the regular shoppers' own messages sent during the raid.
 *
 *   npx tsx bench/raid.ts                       # short form: 60 shoppers, 100 raiders from 40 IPs
 *   npx tsx bench/raid.ts --full                # the issue's: 300 shoppers, 500 raiders from 200 IPs
 *   npm run bench -- raid --shoppers 100 --raiders 200 --ips 80
 *
 * Flags: --shoppers N, --raiders N, --ips N, --join-sec S (raiders' joins spread over S, default 10),
 * --rate R (each raider's messages a second, default 5), --raid-sec S (how long the raid lasts
 * after the first join, default 15), --full. The node runs in this process on the embedded store
 * (the clients too): absolute latencies include the load generator's share of the CPU, the
 * comparison between the sides does not.
 */
import { SignJWT } from "jose";
import { ChatClient, type Message, type RoomInfo } from "../client-sdk/src/index.ts";
import { createApp } from "../server/app.ts";
import { parseConfig } from "../server/config/load.ts";
import { shopperText } from "../test/shared/texts.ts";

export interface RaidBenchOptions {
  shoppers?: number;
  raiders?: number;
  ips?: number;
  joinSec?: number;
  rate?: number;
  raidSec?: number;
  print?: boolean;
}

export interface RaidSideResult {
  side: "protected" | "unprotected";
  raidSent: number;
  raidOnScreens: number;
  shieldedAfterMs: number | undefined;
  shopperSent: number;
  shopperP99Ms: number;
  shopperP50Ms: number;
}

const SECRET = "raid-bench-secret-0123456789abcdef0123456789";
const ROOM = "live:launch";
const INSULTS = [
  "you are all idiots", "quel connard ce vendeur", "shut up loser", "bande de cons", "this brand is trash and so are you",
  "ta gueule", "what a bunch of clowns", "f*ck this launch", "les nuls", "go away losers",
];
const COPY = "BEST DEAL EVER >>> free followers at followerz dot shop <<<";

export function optionsFromArgs(argv: readonly string[]): RaidBenchOptions {
  const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? Number(argv[i + 1]) : undefined; };
  const full = argv.includes("--full");
  const o: RaidBenchOptions = full ? { shoppers: 300, raiders: 500, ips: 200 } : {};
  for (const [k, flag] of [["shoppers", "shoppers"], ["raiders", "raiders"], ["ips", "ips"], ["joinSec", "join-sec"], ["rate", "rate"], ["raidSec", "raid-sec"]] as const) {
    const v = arg(flag);
    if (v !== undefined && Number.isFinite(v)) o[k] = v;
  }
  return o;
}

export async function runRaidBench(opts: RaidBenchOptions = {}): Promise<RaidSideResult[]> {
  const o = { shoppers: 60, raiders: 100, ips: 40, joinSec: 10, rate: 5, raidSec: 15, print: true, ...opts };
  const out: RaidSideResult[] = [];
  for (const side of ["protected", "unprotected"] as const) {
    if (o.print) console.log(`  ${side}: ${o.shoppers} shoppers, ${o.raiders} raiders from ${o.ips} IPs joining over ${o.joinSec} s, ${o.rate} msg/s each for ${o.raidSec} s…`);
    out.push(await runSide(side, o));
  }
  if (o.print) {
    const pct = (r: RaidSideResult) => (r.raidSent ? (100 * r.raidOnScreens) / r.raidSent : 0);
    console.log("\n  side          raid sent  on screens        shielded after  shoppers' msgs  p50 ms  p99 ms");
    for (const r of out) {
      console.log(`  ${r.side.padEnd(12)}  ${String(r.raidSent).padStart(9)}  ${`${r.raidOnScreens} (${pct(r).toFixed(2)}%)`.padStart(16)}  ${(r.shieldedAfterMs === undefined ? "never" : `${(r.shieldedAfterMs / 1000).toFixed(2)} s`).padStart(14)}  ${String(r.shopperSent).padStart(14)}  ${r.shopperP50Ms.toFixed(1).padStart(6)}  ${r.shopperP99Ms.toFixed(1).padStart(6)}`);
    }
  }
  return out;
}

async function runSide(side: "protected" | "unprotected", o: Required<RaidBenchOptions>): Promise<RaidSideResult> {
  const config = parseConfig({
    server: { port: 0, host: "127.0.0.1", trustProxy: true, maxConnectionsPerIp: 100_000, logLevel: "silent", guestSecret: "raid-bench-guest-secret-0123456789abcdef" },
    redis: { url: null },
    tenants: [{
      id: "bench", name: "Bench Beauty", origins: [],
      auth: { hs256Secret: SECRET, issuer: "bench", audience: "causette" },
      guests: true,
      // The shoppers share the load generator's address; everything else keeps the tenant defaults.
      ...(side === "unprotected" ? { moderation: { raid: { messagesPerMin: 0, joinsPerMin: 0, shieldSec: 600 } } } : {}),
    }],
  }, "raid bench");
  const app = await createApp(config);
  const port = await app.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  const clients: ChatClient[] = [];
  const key = new TextEncoder().encode(SECRET);
  const token = (sub: string) => new SignJWT({ name: `Shopper ${sub}`, role: "member" }).setProtectedHeader({ alg: "HS256" }).setSubject(sub)
    .setIssuer("bench").setAudience("causette").setIssuedAt().setExpirationTime("1h").sign(key);
  const shopperIp = (i: number) => `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  const raiderIp = (i: number) => `203.0.${Math.floor((i % o.ips) / 250) + 113}.${((i % o.ips) % 250) + 1}`;
  const client = (ip: string, tok?: string) => {
    const c = new ChatClient({ url, tenant: "bench", ...(tok ? { token: tok } : {}), socketOptions: { extraHeaders: { "x-forwarded-for": ip } } });
    clients.push(c);
    return c;
  };

  try {
    // The shoppers, in the room before the raid, watching their screens.
    const raidIds = new Set<string>();
    const onScreens = new Set<string>();
    let shieldedAt: number | undefined;
    const shoppers: ChatClient[] = [];
    // An audience that is "already in the room" arrived over time: 300 shoppers joining within
    // one minute would reach SPEC's default joinsPerMin (300) by themselves and shield the room
    // before any raider came. From 200 shoppers on, their joins are spread over 70 s.
    const joinGapMs = o.shoppers >= 200 ? 70_000 / o.shoppers : 0;
    for (let i = 0; i < o.shoppers; i++) {
      if (joinGapMs) await new Promise((r) => setTimeout(r, joinGapMs));
      const c = client(shopperIp(i), await token(`s${i}`));
      await c.connect();
      await c.join(ROOM);
      c.on("message", (m: Message) => { if (m.status === "visible" && m.author.role === "guest") onScreens.add(m.id); });
      c.on("message:restored", (m: Message) => { if (m.author.role === "guest") onScreens.add(m.id); });
      c.on("room:updated", (r: RoomInfo) => { if (r.shield && shieldedAt === undefined) shieldedAt = performance.now(); });
      shoppers.push(c);
    }

    const start = performance.now();
    const end = start + o.raidSec * 1000;
    let raidSent = 0;
    const latencies: number[] = [];
    const timers: NodeJS.Timeout[] = [];
    const work: Promise<unknown>[] = [];

    // The shoppers keep talking: each sends one message every 4 s, staggered.
    shoppers.forEach((c, i) => {
      let n = 0;
      const tick = () => {
        if (performance.now() > end) return;
        const t0 = performance.now();
        work.push(c.send(ROOM, shopperText(i, n++)).then(() => latencies.push(performance.now() - t0), () => latencies.push(performance.now() - t0)));
        timers.push(setTimeout(tick, 4000));
      };
      timers.push(setTimeout(tick, (i * 4000) / o.shoppers));
    });

    // The raid: joins spread over joinSec, then each raider posts at `rate` until the end.
    for (let i = 0; i < o.raiders; i++) {
      work.push(new Promise<void>((resolve) => {
        timers.push(setTimeout(async () => {
          const c = client(raiderIp(i));
          try {
            await c.connect();
            await c.join(ROOM);
          } catch { resolve(); return; }
          let n = 0;
          const fire = () => {
            if (performance.now() > end) { resolve(); return; }
            const text = n % 2 ? COPY : `${INSULTS[(i + n) % INSULTS.length]}`;
            n++;
            raidSent++;
            c.send(ROOM, text).then((m) => { raidIds.add(m.id); }, () => undefined);
            timers.push(setTimeout(fire, 1000 / o.rate));
          };
          fire();
        }, (i * o.joinSec * 1000) / o.raiders));
      }));
    }
    await Promise.all(work);
    // Let the last broadcasts land.
    await new Promise((r) => setTimeout(r, 500));
    for (const t of timers) clearTimeout(t);
    let raidOnScreens = 0;
    for (const id of onScreens) if (raidIds.has(id)) raidOnScreens++;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : 0);
    return {
      side, raidSent, raidOnScreens,
      shieldedAfterMs: shieldedAt === undefined ? undefined : shieldedAt - start,
      shopperSent: latencies.length, shopperP50Ms: q(0.5), shopperP99Ms: q(0.99),
    };
  } finally {
    for (const c of clients) c.disconnect();
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runRaidBench(optionsFromArgs(process.argv.slice(2)));
  process.exit(0);
}
