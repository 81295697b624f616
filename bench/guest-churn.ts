/**
 * Guest churn benchmark: what every new guest id leaves behind on one embedded node, against the
 * same number of visits by a fixed set of signed-in members, measured in the same run.
 *
 *   npm run bench -- guest-churn
 *   npx tsx --expose-gc bench/guest-churn.ts --visits 1000 --rounds 4 --kept 1000
 *
 * Each round, `visits` shoppers connect, join one of two rooms, post one message and disconnect
 * (50 at a time); a warm-up first fills the rooms' kept histories. The guests side mints a new guest id for every visit, as a bot or a private window does;
 * the members side brings back the same `visits` member ids each round. After each round the heap
 * is measured after a full GC. Guests' records are bounded (`--kept`, the embedded store's
 * GUEST_RECORDS_KEPT scaled down so a short run passes it): once past the bound, the guests side
 * must stay as flat as the members side. Before the bound existed, each guest id kept about
 * 0.5 KB for good (issue 22, item 14: 41 → 80 MB heap in 90 s of churn).
 */
import { fileURLToPath } from "node:url";
import { io, type Socket } from "socket.io-client";
import { createApp } from "../server/app.ts";
import { parseConfig } from "../server/config/load.ts";
import { createMemoryStores } from "../server/store/memory-stores.ts";
import { SignJWT } from "jose";
import { shopperText } from "../test/shared/texts.ts";

export interface GuestChurnOptions { visits?: number; rounds?: number; kept?: number }

const SECRET = "guest-churn-bench-secret-0123456789abcdef";
const BATCH = 50;

export function optionsFromArgs(argv: readonly string[]): GuestChurnOptions {
  const o: GuestChurnOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const v = Number(argv[i + 1]);
    if (argv[i] === "--visits") o.visits = v;
    else if (argv[i] === "--rounds") o.rounds = v;
    else if (argv[i] === "--kept") o.kept = v;
  }
  return o;
}

function benchConfig() {
  return parseConfig({
    server: { port: 0, host: "127.0.0.1", maxConnectionsPerIp: 100_000, logLevel: "silent", guestSecret: "guest-churn-bench-guest-secret-0123456789" },
    redis: { url: null },
    tenants: [{
      id: "bench", name: "Bench", origins: [], guests: true,
      auth: { hs256Secret: SECRET, issuer: "bench", audience: "causette" },
      rateLimit: {
        burst: 50, perSecond: 20,
        guestsPerIp: { burst: 1_000_000, perMinute: 60_000_000 },
        guestMessagesPerIp: { burst: 1_000_000, perSecond: 1_000_000 },
      },
    }],
  }, "guest churn bench");
}

const heapMB = () => { (globalThis as { gc?: () => void }).gc?.(); (globalThis as { gc?: () => void }).gc?.(); return process.memoryUsage().heapUsed / 2 ** 20; };

async function visit(url: string, n: number, token?: string): Promise<void> {
  const socket: Socket = io(`${url}/chat`, { transports: ["websocket"], reconnection: false, auth: { tenant: "bench", ...(token ? { token } : {}) } });
  try {
    await new Promise<void>((resolve, reject) => { socket.once("session", () => resolve()); socket.once("connect_error", reject); });
    const room = `product:churn-${n % 2}`;
    const join = await socket.emitWithAck("room:join", { room });
    if (!join.ok) throw new Error(`join: ${join.error.code}`);
    const sent = await socket.emitWithAck("message:send", { room, text: shopperText(n, n >> 3) });
    if (!sent.ok) throw new Error(`send: ${sent.error.code}`);
  } finally {
    socket.disconnect();
  }
}

async function round(url: string, visits: number, offset: number, tokens?: string[]): Promise<void> {
  for (let i = 0; i < visits; i += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, visits - i) }, (_, j) => visit(url, offset + i + j, tokens?.[i + j])));
  }
}

export async function runGuestChurnBench(opts: GuestChurnOptions = {}): Promise<{ guestsKBPerVisit: number[]; membersKBPerVisit: number[] }> {
  const visits = opts.visits ?? 1000;
  const rounds = opts.rounds ?? 4;
  const kept = opts.kept ?? 1000;
  if (!(globalThis as { gc?: unknown }).gc) console.warn("run with --expose-gc (npm run bench does) for stable heap figures");
  const stores = createMemoryStores({ guestRecordsKept: kept });
  const app = await createApp(benchConfig(), { stores });
  const port = await app.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  const key = new TextEncoder().encode(SECRET);
  const tokens = await Promise.all(Array.from({ length: visits }, (_, i) =>
    new SignJWT({ name: `Member ${i}`, role: "member" }).setProtectedHeader({ alg: "HS256" }).setSubject(`m-${i}`)
      .setIssuer("bench").setAudience("causette").setExpirationTime("1h").sign(key)));
  const guests: number[] = [];
  const members: number[] = [];
  try {
    // Warm-up: both kinds, until the two rooms' kept histories (300 messages each) are full, so
    // what grows afterwards is what visits leave behind, not the rooms filling up.
    await round(url, 400, 0);
    await round(url, Math.min(400, visits), 0, tokens);
    console.log(`guest churn: ${visits} visits per round, ${rounds} rounds per side, guest records kept ${kept}, sides alternated`);
    console.log("round  guests: heap MB (KB/visit)   members: heap MB (KB/visit)");
    for (let r = 0; r < rounds; r++) {
      const g0 = heapMB();
      await round(url, visits, (r + 1) * visits);
      const g1 = heapMB();
      const m0 = heapMB();
      await round(url, visits, (r + 1) * visits, tokens);
      const m1 = heapMB();
      guests.push(((g1 - g0) * 1024) / visits);
      members.push(((m1 - m0) * 1024) / visits);
      console.log(`${String(r + 1).padStart(5)}  ${g1.toFixed(1).padStart(8)} (${guests[r]!.toFixed(2).padStart(6)})          ${m1.toFixed(1).padStart(8)} (${members[r]!.toFixed(2).padStart(6)})`);
    }
    console.log(`guest records held at the end: ${stores.people.guestRecords("bench")} (bound ${kept})`);
    const late = (xs: number[]) => xs.slice(Math.ceil(xs.length / 2));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    console.log(`rounds past the bound: guests ${mean(late(guests)).toFixed(2)} KB/visit, members ${mean(late(members)).toFixed(2)} KB/visit (same run)`);
  } finally {
    await app.close();
  }
  return { guestsKBPerVisit: guests, membersKBPerVisit: members };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runGuestChurnBench(optionsFromArgs(process.argv.slice(2)));
  process.exit(0);
}
