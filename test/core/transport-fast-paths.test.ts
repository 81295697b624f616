import type { EventEmitter } from "node:events";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { findTransportInternals, missingInternals, REACHED_PACKAGES, type TransportInternals } from "../../server/realtime/transport-internals.ts";
import { testConfig } from "../support/config.ts";
import { countWrites, range, receive, rigSet, tcpOf, type Rig } from "../support/engine-rig.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { waitFor } from "../support/wait.ts";

/**
 * The guard around the WebSocket fast paths: they run only on the pinned versions of the
 * packages they reach into, each can be switched off in the config, and when the start-up check
 * finds a part missing the node says so once and sends every frame the ordinary way.
 */

const { rig, client, closeAll } = rigSet();
let app: TestServer | undefined;
afterEach(async () => {
  await closeAll();
  await app?.close();
  app = undefined;
});

/** Counts engine.io's flushes (the ordinary way makes one per frame per receiver; a prepared frame none). */
function countFlushes(engine: unknown, only: (data: string) => boolean = () => true): { readonly flushes: number } {
  const counter = { flushes: 0 };
  (engine as EventEmitter).on("flush", (_conn: unknown, packets: { data?: unknown }[]) => {
    if (packets.some((p) => typeof p.data === "string" && only(p.data))) counter.flushes++;
  });
  return counter;
}

/** A pino logger whose lines land in `lines`, parsed. */
function capturingLogger() {
  const lines: { level: number; msg: string; missing?: string[] }[] = [];
  const logger = pino({ level: "info" }, { write: (s: string) => { lines.push(JSON.parse(s)); } });
  return { logger, lines };
}

/** Three members of one room; two broadcasts to it; what engine.io and the TCP sockets saw. */
async function broadcastTwice(r: Rig): Promise<{ flushes: number; writes: number[] }> {
  const members = await Promise.all(range(3).map(() => client(r)));
  await Promise.all(members.map(({ s }) => s.join("room")));
  const flushes = countFlushes(r.io.engine);
  const writes = members.map(({ s }) => countWrites(tcpOf(s)));
  const got = members.map(({ c }) => receive(c, "n", 2));
  r.io.to("room").emit("n", 1);
  r.io.to("room").emit("n", 2);
  for (const g of got) expect(await g).toEqual([1, 2]);
  return { flushes: flushes.flushes, writes: writes.map((w) => w.writes) };
}

const withPart = (part: Partial<TransportInternals>) => (): TransportInternals => ({ ...findTransportInternals(), ...part });

describe("missingInternals", () => {
  it("finds every part on the installed packages, each pinned to the exact version loaded", () => {
    const found = findTransportInternals();
    expect(missingInternals(found)).toEqual([]);
    for (const name of REACHED_PACKAGES) expect(found.pinned[name]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(found.loaded.map((p) => p.version)).toEqual(found.loaded.map((p) => found.pinned[p.name]));
  });

  it("names each thing that differs: a version, a range instead of a pin, a method, a property, the adapter's frame", () => {
    const found = findTransportInternals();
    const engineIo = found.loaded.find((p) => p.name === "engine.io")!;
    const renamed = class { constructor() { (this as Record<string, unknown>).outbox = []; } write() { return this; } };
    const missing = missingInternals({
      ...found,
      loaded: found.loaded.map((p) => (p === engineIo ? { ...p, version: "6.6.13" } : p)),
      pinned: { ...found.pinned, ws: "^8.21.3" },
      engineSocket: renamed,
      adapter: class { broadcast() { /* nothing */ } _encode() { return []; } },
      frameSender: {},
    });
    expect(missing).toEqual(expect.arrayContaining([
      `engine.io 6.6.13 loaded by socket.io, ${found.pinned["engine.io"]} pinned`,
      "ws is not pinned to an exact version in package.json (^8.21.3)",
      "engine.io Socket has no method flush",
      "engine.io Socket no longer sets writeBuffer in constructor",
      "socket.io-adapter Adapter no longer prepares wsPreEncodedFrame",
      "ws Sender.frame not found",
    ]));
  });
});

describe("installTransportFastPaths", () => {
  it("runs both when asked: no engine.io flush for a broadcast, one write per member and turn", async () => {
    const { logger, lines } = capturingLogger();
    const { flushes, writes } = await broadcastTwice(await rig({ coalesce: true, prepared: true, logger }));
    expect(flushes).toBe(0);
    expect(writes).toEqual([1, 1, 1]);
    expect(lines).toEqual([]);
  });

  it("switched off, leaves engine.io's ordinary way: one flush and one write per member and frame, internals never probed", async () => {
    let probed = 0;
    const internals = () => { probed++; return findTransportInternals(); };
    const { flushes, writes } = await broadcastTwice(await rig({ coalesce: false, prepared: false, internals }));
    expect(flushes).toBe(6);
    expect(writes).toEqual([2, 2, 2]);
    expect(probed).toBe(0);
  });

  it("with only the coalescer switched on, broadcasts go through engine.io's queue, one write per member and turn", async () => {
    const { flushes, writes } = await broadcastTwice(await rig({ coalesce: true, prepared: false }));
    expect(flushes).toBe(6);
    expect(writes).toEqual([1, 1, 1]);
  });

  it("when the start-up check finds a part missing, runs neither and logs exactly one warning naming it", async () => {
    const { logger, lines } = capturingLogger();
    const noWrite = class { flush() { /* nothing */ } sendPacket() { /* nothing */ } };
    const r = await rig({ coalesce: true, prepared: true, logger, internals: withPart({ engineSocket: noWrite }) });
    const { flushes, writes } = await broadcastTwice(r);
    expect(flushes).toBe(6);
    expect(writes).toEqual([2, 2, 2]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(40);
    expect(lines[0]!.missing).toContain("engine.io Socket has no method write");
  });
});

describe("server.transport", () => {
  /** A post in a room of two: how many engine.io flushes carried the room's "message" broadcast. */
  async function broadcastFlushes(s: TestServer): Promise<number> {
    const [a, b] = [await s.connected(), await s.connected()];
    await a.join("product:serum-42");
    await b.join("product:serum-42");
    const flushes = countFlushes(s.app.io.engine, (data) => data.startsWith('2/chat,["message"'));
    const got = [waitFor(a, "message"), waitFor(b, "message")];
    const m = await a.send("product:serum-42", "Bonjour, il arrive quand ?");
    for (const g of got) expect((await g).id).toBe(m.id);
    return flushes.flushes;
  }

  it("defaults to both fast paths on, and the node takes engine.io's ordinary way with them off", async () => {
    expect(testConfig().server.transport).toEqual({ preparedFrames: true, coalesceWrites: true });
    app = await startServer();
    expect(await broadcastFlushes(app)).toBe(0);
    await app.close();
    app = await startServer(testConfig({ server: { transport: { preparedFrames: false, coalesceWrites: false } } }));
    expect(await broadcastFlushes(app)).toBe(2);
  });
});
