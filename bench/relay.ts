/**
 * Relay benchmark: the same chat load against a bare Socket.IO relay, one Causette node (full
 * pipeline, default filters) and two Causette nodes over Redis, alternated in one run
 * (bare, causette, causette-x2, bare, …) so machine drift hits every side alike.
 *
 * Every side is started once and its clients connected once; then each round gives every side
 * in turn a short load phase. Short phases, many times over, are the point: on a shared 2-core
 * machine the CPU time the same work takes drifts by ±20% within a minute, so long phases far
 * apart compared the machine's moods more than the servers.
 *
 *   npx tsx bench/relay.ts                     # standard load: 1,000 clients, 100 rooms, 2 msg/s each
 *   npx tsx bench/relay.ts --clients 250 --seconds 4 --rounds 3
 *   npx tsx bench/relay.ts --sides bare,causette --generators 2
 *   npm run bench -- relay --clients 250       # the runner passes flags through
 *   npx tsx bench/relay.ts --help              # this text
 *
 * Flags (all optional):
 *   --clients N      clients (default 1000); client i joins room i mod rooms
 *   --rooms N        rooms (default 100)
 *   --rate N         messages per client per second (default 2)
 *   --seconds N      measured seconds of each load phase, after a warm-up that is not measured
 *                    (5 s before a side's first phase, for the JIT; 1 s before the others) (default 6)
 *   --rounds N       rounds; each gives every side one load phase, in order (default 15: a
 *                    round's p99 is about its worst stall, so its ratio to bare's swings from
 *                    0.1x to 12x on a shared machine, and a median of 5 such ratios was decided by
 *                    the machine more than by the servers)
 *   --sides LIST     comma-separated, from bare, causette, causette-x2 (default: those three;
 *                    causette-x2 is left out, with a note, when redis-server is not on PATH);
 *                    run only when named: causette-uncorked (one node without the write
 *                    coalescer), causette-v8-defaults (one node without npm start's node
 *                    flags, on V8's default heap settings), to show what each saves,
 *                    causette-webhooks (one node with a webhook endpoint on every event and a
 *                    5 ms moderation hook), to show what they cost, and
 *                    bare-control (a second bare relay: how far two identical servers' figures
 *                    differ in the same run, the noise every other ratio sits in), and
 *                    causette-cluster-x2 (causette-x2 on a private Redis Cluster), and
 *                    bare-cluster-x2 (two bare relays over a private Redis Cluster through the
 *                    sharded adapter, no store: what crossing nodes alone costs)
 *   --generators N   load generator processes (default 1); whole rooms go to one generator, so a
 *                    sender and the members who receive its message always share one clock
 *   --client NAME    the generators' client: wire (default; test/shared/wire-client.ts, a lean Socket.IO
 *                    protocol client) or socket.io (socket.io-client, which costs the shared
 *                    machine far more CPU per received message)
 *   --cpu-prof DIR   V8 CPU profiles of every server and generator child, one folder per child
 *                    (each covers the whole run: every phase of its side)
 *   --stall-watch    each server also counts its event-loop stalls over 15 ms (a 5 ms timer) and
 *                    splits them, from its main thread's scheduler counters, into time on the CPU
 *                    (our code; the part in GC pauses is shown), waiting for a core (the host, or
 *                    another process of the run) and asleep (blocked). Off by default: the timer
 *                    costs every server a little
 *   --baseline DIR   adds the side causette-baseline, right after causette: one Causette node
 *                    run from another checkout of this repository (say `git worktree add
 *                    ../before HEAD~3`, with its node_modules), so a change is judged against the
 *                    code before it in the same run rather than against last hour's machine. It
 *                    runs with this checkout's node flags; figures its server does not report
 *                    (an older bench's) print as n/a
 *   --try-flags "F"  adds the side causette-flags, right after causette: one Causette node run with
 *                    npm start's node flags plus these (e.g. "--no-compact"), to judge a flag
 *                    in the same run as the flags it would join
 *
 * Sides:
 * - bare: a plain Socket.IO relay that acks and broadcasts the same Message shape, nothing else;
 * - bare-control: a second, identical bare relay (an A/A check: its ratios to bare are pure noise);
 * - causette: one node, embedded store;
 * - causette-uncorked: the same, without the write coalescer (server/realtime/write-coalescer.ts);
 * - causette-v8-defaults: the same, without npm start's node flags (README, "Node settings");
 * - causette-webhooks: the same, with a webhook endpoint subscribed to every event and a
 *   moderation hook that answers "allow" in 5 ms (both in a child process of their own, the
 *   brand's systems), so the price of SPEC §8 on the message path shows beside causette;
 * - causette-flags: the same, with --try-flags added to npm start's node flags;
 * - causette-x2: a private redis-server on a spare port (never anyone else's Redis) and two
 *   Causette nodes whose `redis.url` points at it. The k-th member of every room connects to node
 *   k mod 2, so each room spans both nodes and every message crosses nodes through the Redis
 *   adapter. Its memory figures are the sum of both nodes (Redis itself not counted);
 * - causette-cluster-x2: the same on a private Redis Cluster (three masters, one replica each).
 *
 * Processes: every server runs in its own child process (Redis too) and each side's clients run
 * in `--generators` more, so the load never shares an event loop with a server. A side's state
 * carries over from one of its phases to the next, as on a live server (no text is ever sent
 * twice, so the spam window never fires). Every post carries a fresh `clientId`, as the SDK's do,
 * so Causette keeps an idempotency key per kept message, as it does in production. Only loopback
 * is used; every child is stopped at the end. Idle sides cost nothing measurable (their clients
 * are quiet). Budget: at standard load the
 * generator alone (20,000 receipts/s through socket.io-client) takes most of a core, so a 2-core
 * machine leaves the server about one; split generators share that same core, they add none.
 * Every server child, the bare relay included, runs with the Node flags of `npm start` (read from
 * package.json; see README, "Node settings"): both sides run under the same V8 heap settings, and
 * Causette runs as an operator's node does.
 *
 * Figures per round (one line per side and round), then a summary whose latency percentiles pool
 * every round's samples of a side. The p99 target must hold on those pooled figures and in the
 * median round (each round's ratio against the bare phase just before it), since a pooled tail
 * is decided by whichever side had the worst stall; every round's ratio is printed too:
 * - ack latency: client emit → ack, p50/p99;
 * - delivery latency: sender's emit → receipt by another member of the room, p50/p99
 *   (sender and receivers live in the same generator process, so one clock);
 * - delivered ratio: receipts by other members / (acknowledged visible messages × (room size − 1)),
 *   counted once receipts have stopped for a second (up to 30 s after the load), so late is not lost;
 * - server cpu: CPU time of the side's server processes over the measured window (100% = one
 *   core), and the part of it on their main threads (the rest is GC helper threads and libuv);
 *   gen cpu and gen lag: the busiest generator's CPU and event-loop delay p99 over that window.
 *   A generator near 100% or lagging by tens of ms is a bottleneck itself: the latencies
 *   of that round then measure the generator as much as the server. The machine's load average
 *   is printed too, and the rest of the machine's CPU over the window (every core's busy time
 *   from /proc/stat minus this side's server and generators: the other sides' idle processes,
 *   the bench, neighbours) with its steal time (cores the hypervisor gave to another guest): on
 *   a shared machine, other work is the usual cause of a bad round, and the summary names the
 *   phases where it surged (busyMachinePhases);
 * - server stalls: each server's event-loop delay over the window (p99 and max) and its longest
 *   GC pause and GC time in all. A tail that the CPU figures do not explain is a stall, and these
 *   say whose: the collector's or the server's own code;
 * - memory per idle connection (once per side, before the first round): heap and RSS of the server
 *   process(es) after `global.gc()` (the server children run with --expose-gc), before and after
 *   N clients connected and joined a room, divided by N;
 * - peak rss (summary): the most resident memory the side's server processes reached under load
 *   (getrusage's maxrss, summed over a side's nodes): what the Node flags' heap headroom costs.
 *
 *
 * `runRelayBench(opts)` is exported; other sides can be passed as `sides`: each side starts its
 * servers and reports their URLs, memory and CPU time.
 *
 * This file is the entry: the command line, and the role of each child process, which all run it
 * with `--role` (a --baseline server runs its own checkout's, whichever layout that checkout has).
 * The bench itself is in bench/relay/, a file per part: options.ts (the flags), sides.ts (what
 * each side starts), bare-server.ts and causette-server.ts (the server children, answering the
 * bench through server-control.ts), load-generator.ts (the generator children), cpu-probes.ts and
 * stall-watch.ts (what the servers measure of themselves and of the machine), run-relay-bench.ts
 * (the rounds), round-result.ts, summary.ts and format.ts (the figures).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { optionsFromArgs } from "./relay/options.ts";
import { runRelayBench } from "./relay/run-relay-bench.ts";

export { benchConfigRaw } from "./relay/bench-config.ts";
export { formatStalls } from "./relay/format.ts";
export type { LoadClient } from "./relay/load-connection.ts";
export { optionsFromArgs, type RelayBenchOptions } from "./relay/options.ts";
export type { RoundResult } from "./relay/round-result.ts";
export { runRelayBench } from "./relay/run-relay-bench.ts";
export type { CpuSample, Memory } from "./relay/server-control.ts";
export { causetteOverRedis, defaultSides, serverChild, type RelaySide, type RunningSide, type SideSources } from "./relay/sides.ts";
export type { StallCount } from "./relay/stall-watch.ts";
export { busyMachinePhases } from "./relay/summary.ts";

const roleAt = process.argv.indexOf("--role");
const role = roleAt >= 0 ? process.argv[roleAt + 1] : undefined;
if (role === "server-bare") await (await import("./relay/bare-server.ts")).runBareServer();
else if (role === "server-causette") await (await import("./relay/causette-server.ts")).runCausetteServer();
else if (role === "brand-systems") await (await import("./relay/brand-systems.ts")).runBrandSystems();
else if (role === "load") await (await import("./relay/load-generator.ts")).runLoadGenerator();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--help")) {
    // The header comment is the usage text: one place to keep up to date.
    const header = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(fileURLToPath(import.meta.url), "utf8"))?.[1] ?? "";
    console.log(header.split("\n").map((l) => l.replace(/^ \* ?/, "")).join("\n").trim());
    process.exit(0);
  }
  await runRelayBench(optionsFromArgs(process.argv.slice(2)));
  process.exit(0);
}
