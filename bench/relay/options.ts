import { baselineScript, defaultSides, SIDE_NAMES, type RelaySide } from "./sides.ts";
import type { LoadClient } from "./load-connection.ts";

export interface RelayBenchOptions {
  clients?: number;
  rooms?: number;
  /** Messages per client per second. */
  rate?: number;
  /** Seconds of each load phase (after a warm-up that is not measured). */
  seconds?: number;
  /** Each round runs every side once, in order. */
  rounds?: number;
  /** Load generator processes (default 1). */
  generators?: number;
  /** The generators' client library (default "wire", see test/shared/wire-client.ts). */
  client?: LoadClient;
  /** Sides to compare; default: bare relay, one Causette node, two Causette nodes over Redis. */
  sides?: RelaySide[];
  /** Print progress and the table (default true). */
  print?: boolean;
  /** Write CPU profiles of every child (servers and generators) under this folder. */
  cpuProfDir?: string;
  /** Count each server's event-loop stalls and how much of them it spent off the CPU (see stallWatch). */
  stallWatch?: boolean;
}

/** Options from command-line flags (see the header); `npm run bench` passes its flags here too. */
export function optionsFromArgs(argv: readonly string[]): RelayBenchOptions {
  const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const o: RelayBenchOptions = {};
  for (const k of ["clients", "rooms", "rate", "seconds", "rounds", "generators"] as const) {
    const v = arg(k);
    if (v === undefined) continue;
    const n = Number(v);
    if (!(n > 0)) throw new Error(`--${k} must be a positive number, got "${v}"`);
    o[k] = n;
  }
  const client = arg("client");
  if (client !== undefined) {
    if (client !== "wire" && client !== "socket.io") throw new Error(`--client must be wire or socket.io, got "${client}"`);
    o.client = client;
  }
  const prof = arg("cpu-prof");
  if (prof) o.cpuProfDir = prof;
  if (argv.includes("--stall-watch")) o.stallWatch = true;
  let names = arg("sides")?.split(",").map((s) => s.trim()).filter(Boolean);
  // Sides added by a flag go right after causette, so the two are loaded back to back in every round.
  const addAfterCausette = (side: string) => {
    const list = names ?? [...SIDE_NAMES];
    if (!list.includes(side)) list.splice(list.includes("causette") ? list.indexOf("causette") + 1 : list.length, 0, side);
    names = list;
  };
  const baseline = arg("baseline");
  if (baseline !== undefined) {
    baselineScript(baseline); // refuses a folder that is not a checkout, before anything starts
    addAfterCausette("causette-baseline");
  }
  const tryFlagsArg = arg("try-flags");
  const tryFlags = tryFlagsArg?.split(/\s+/).filter(Boolean);
  if (tryFlagsArg !== undefined) {
    if (!tryFlags!.length || tryFlags!.some((f) => !f.startsWith("--"))) throw new Error(`--try-flags takes node flags, each starting with --, got "${tryFlagsArg}"`);
    addAfterCausette("causette-flags");
  }
  if (names) o.sides = defaultSides(o.clients ?? 1000, { cpuProfDir: prof, names, baselineDir: baseline, tryFlags });
  return o;
}
