import type { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { clientTcpOf, countWrites, range, receive, rigSet, sendAcrossPaths, tcpOf, type Rig } from "../support/engine-rig.ts";

/**
 * Prepared broadcast frames over a real Socket.IO server and real clients: a room broadcast goes
 * straight to each receiver's TCP socket, bypassing engine.io's queue, and no client can tell:
 * same bytes, same order against everything else sent to it, slow readers and volatile frames
 * handled as engine.io handles them, other transports and payloads left to the usual way.
 */

const { rig, client, closeAll } = rigSet();
afterEach(closeAll);

/** Counts engine.io's flushes from now on: a frame written directly makes none. */
function countFlushes(r: Rig): { readonly flushes: number } {
  const counter = { flushes: 0 };
  (r.io.engine as unknown as EventEmitter).on("flush", () => { counter.flushes++; });
  return counter;
}

describe("sendPreparedFrames", () => {
  it("writes a room broadcast straight to every member's socket, bytes intact, with the coalescer or without", async () => {
    for (const coalesce of [true, false]) {
      const r = await rig({ coalesce, prepared: true });
      const members = await Promise.all(range(4).map(() => client(r)));
      await Promise.all(members.map(({ s }) => s.join("room")));
      // Short, multi-byte, and long enough for a 16-bit and a 64-bit WebSocket length field (last:
      // past the socket's high-water mark, later frames of the turn would take engine.io's way).
      const payloads = ["à bientôt 🌸", { nested: ["ok", 1, null] }, "x".repeat(300), "é".repeat(40_000)];
      const flushes = countFlushes(r);
      const writes = members.map(({ s }) => countWrites(tcpOf(s)));
      const got = members.map(({ c }) => receive(c, "n", payloads.length));
      for (const p of payloads) r.io.to("room").emit("n", p);
      for (const g of got) expect(await g).toEqual(payloads);
      expect(flushes.flushes).toBe(0);
      // One write per turn with the coalescer; one per frame without it, as ws would make.
      for (const w of writes) expect(w.writes).toBe(coalesce ? 1 : payloads.length);
    }
  });

  it("takes the usual way without it: one engine.io flush per member and frame", async () => {
    const r = await rig({ prepared: false });
    const members = await Promise.all(range(3).map(() => client(r)));
    await Promise.all(members.map(({ s }) => s.join("room")));
    const flushes = countFlushes(r);
    const got = members.map(({ c }) => receive(c, "n", 2));
    r.io.to("room").emit("n", 1);
    r.io.to("room").emit("n", 2);
    for (const g of got) expect(await g).toEqual([1, 2]);
    expect(flushes.flushes).toBe(6);
  });

  it("keeps each connection's order across direct broadcasts, own emits, acks and promise boundaries", async () => {
    const r = await rig({ prepared: true });
    const { c, s } = await client(r);
    const other = await client(r);
    await Promise.all([s.join("room"), other.s.join("room")]);
    const total = 800;
    const got = await sendAcrossPaths(r, { c, s }, other.c, total, ["own", "room", "room", "own"]);
    expect(got.sent).toBe(total);
    expect(got.mine).toEqual(range(total));
    expect(got.theirs).toEqual(range(total).filter((i) => i % 4 === 1 || i % 4 === 2));
  });

  it("hands a member that stops reading to engine.io's queue, volatile broadcasts dropped, and the room keeps flowing", async () => {
    const r = await rig({ prepared: true });
    const slow = await client(r);
    const fast = await client(r);
    await Promise.all([slow.s.join("room"), fast.s.join("room")]);
    const clientTcp = clientTcpOf(slow.c);
    clientTcp.pause();
    const chunk = "x".repeat(64 * 1024);
    const report = new Promise<{ writable: boolean; queued: number }>((resolve) => {
      slow.s.on("flood", () => {
        for (const i of range(256)) r.io.to("room").emit("n", `${i}:${chunk}`); // 16 MB in one turn
        setImmediate(() => setImmediate(() => {
          const writable = slow.s.conn.transport.writable;
          for (const i of range(10)) r.io.to("room").volatile.emit("v", i);
          r.io.to("room").emit("end");
          resolve({ writable, queued: (slow.s.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length });
        }));
      });
    });
    let slowVolatiles = 0;
    slow.c.on("v", () => slowVolatiles++);
    const slowGot = receive(slow.c, "n", 256);
    const fastGot = receive(fast.c, "n", 256);
    const fastEnded = new Promise((resolve) => fast.c.once("end", resolve));
    const slowEnded = new Promise((resolve) => slow.c.once("end", resolve));
    slow.c.emit("flood");
    const { writable, queued } = await report;
    // The member that reads got everything while the other was stuck.
    expect(((await fastGot) as string[]).map((p) => Number(p.split(":")[0]))).toEqual(range(256));
    await fastEnded;
    clientTcp.resume();
    const all = (await slowGot) as string[];
    await slowEnded;
    expect(writable).toBe(false);
    expect(queued).toBe(1); // "end" waits in engine.io's queue; the volatile frames were dropped
    expect(all.map((p) => Number(p.split(":")[0]))).toEqual(range(256));
    expect(slowVolatiles).toBe(0);
  });

  it("leaves long-polling members, binary payloads and broadcasts with acks to the usual way, all delivered", async () => {
    const r = await rig({ prepared: true });
    const ws = await client(r);
    const polling = await client(r, ["polling"]);
    await Promise.all([ws.s.join("room"), polling.s.join("room")]);
    ws.c.on("ask", (n: number, ack: (x: number) => void) => ack(n * 2));
    polling.c.on("ask", (n: number, ack: (x: number) => void) => ack(n * 3));
    const texts = [ws, polling].map(({ c }) => receive(c, "n", 3));
    const blobs = [ws, polling].map(({ c }) => receive(c, "blob", 1));
    for (const i of range(3)) r.io.to("room").emit("n", i);
    r.io.to("room").emit("blob", Buffer.from([0, 1, 2, 255]));
    for (const t of texts) expect(await t).toEqual(range(3));
    for (const b of blobs) expect([...new Uint8Array((await b)[0] as ArrayBuffer)]).toEqual([0, 1, 2, 255]);
    const answers = await r.io.to("room").timeout(3000).emitWithAck("ask", 7);
    expect([...answers].sort()).toEqual([14, 21]);
  });

  it("delivers a turn's broadcasts before a disconnect made in the same turn, and keeps serving", async () => {
    const r = await rig({ prepared: true });
    const { c, s } = await client(r);
    await s.join("room");
    const got = receive(c, "n", 10);
    const reason = new Promise((resolve) => c.once("disconnect", resolve));
    for (const i of range(10)) r.io.to("room").emit("n", i);
    s.disconnect(true);
    expect(await got).toEqual(range(10));
    expect(await reason).toBe("io server disconnect");
    const next = await client(r);
    await next.s.join("room");
    const more = receive(next.c, "n", 1);
    r.io.to("room").emit("n", 42);
    expect(await more).toEqual([42]);
  });

  it("writes nothing to a connection engine.io is closing, as engine.io would not", async () => {
    const r = await rig({ coalesce: false, prepared: true });
    const { c, s } = await client(r);
    const conn = s.conn as unknown as { readyState: string; write: (d: unknown, o?: unknown) => unknown };
    const data = '2["n","late"]';
    const payload = Buffer.from(`4${data}`);
    const frame = [Buffer.from([0x81, payload.length]), payload];
    const raw = countWrites(tcpOf(s));
    conn.readyState = "closing";
    conn.write(data, { wsPreEncodedFrame: frame });
    conn.readyState = "open";
    expect(raw.writes).toBe(0);
    // The same frame on an open connection goes out, and is the next thing the client reads.
    const got = receive(c, "n", 2);
    conn.write(data, { wsPreEncodedFrame: frame });
    s.emit("n", "after");
    expect(await got).toEqual(["late", "after"]);
    expect(raw.writes).toBe(2);
  });
});
