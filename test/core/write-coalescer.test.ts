import { afterEach, describe, expect, it } from "vitest";
import { clientTcpOf, countWrites, range, receive, rigSet, sendAcrossPaths, tcpOf } from "../support/engine-rig.ts";

/**
 * The write coalescer over a real Socket.IO server and real clients: a turn's frames to one
 * connection leave in one write, in order, nothing lost, whatever the transport or the ending.
 */

const { rig: rigWith, client, closeAll } = rigSet();
const rig = (coalesce = true) => rigWith({ coalesce });

afterEach(closeAll);

describe("coalesceWrites", () => {
  it("sends a turn's frames to one connection, acks included, in one write; without it, one write each", async () => {
    for (const coalesce of [true, false]) {
      const r = await rig(coalesce);
      const { c, s } = await client(r);
      s.on("burst", (n: number, ack: (x: unknown) => void) => {
        for (const i of range(n)) s.emit("n", i);
        ack("done");
      });
      const counter = countWrites(tcpOf(s));
      const got = receive(c, "n", 20);
      expect(await c.timeout(2000).emitWithAck("burst", 20)).toBe("done");
      expect(await got).toEqual(range(20));
      expect(counter.writes).toBe(coalesce ? 1 : 21);
    }
  });

  it("keeps order and loses nothing across turns, broadcasts, acks and promise boundaries", async () => {
    const r = await rig();
    const { c, s } = await client(r);
    const other = await client(r);
    await Promise.all([s.join("room"), other.s.join("room")]);
    const total = 600;
    const got = await sendAcrossPaths(r, { c, s }, other.c, total, ["own", "room", "own", "room"]);
    expect(got.sent).toBe(total);
    expect(got.mine).toEqual(range(total));
    expect(got.theirs).toEqual(range(total).filter((i) => i % 4 === 1 || i % 4 === 3));
  });

  it("hands a client that stops reading back to engine.io's queue from the next turn on, volatile frames dropped as without it", async () => {
    for (const coalesce of [true, false]) {
      const r = await rig(coalesce);
      const { c, s } = await client(r);
      // The client stops reading: the kernel's buffers fill up and the server's write stays pending.
      const clientTcp = clientTcpOf(c);
      clientTcp.pause();
      const chunk = "x".repeat(64 * 1024);
      const report = new Promise<{ writableNextTurn: boolean; queued: number }>((resolve) => {
        s.on("flood", () => {
          for (const i of range(256)) s.emit("n", `${i}:${chunk}`); // 16 MB in one turn
          setImmediate(() => setImmediate(() => {
            const writableNextTurn = s.conn.transport.writable;
            for (const i of range(10)) s.volatile.emit("v", i);
            s.emit("end");
            resolve({ writableNextTurn, queued: (s.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length });
          }));
        });
      });
      let volatiles = 0;
      c.on("v", () => volatiles++);
      const got = receive(c, "n", 256);
      const ended = new Promise((resolve) => c.once("end", resolve));
      c.emit("flood");
      const { writableNextTurn, queued } = await report;
      clientTcp.resume();
      const all = (await got) as string[];
      await ended;
      expect(writableNextTurn).toBe(false);
      expect(queued).toBe(1); // "end" waits in engine.io's queue; the volatile frames were dropped
      expect(all.map((p) => Number(p.split(":")[0]))).toEqual(range(256));
      expect(volatiles).toBe(0);
    }
  });

  it("leaves long-polling alone and keeps order across an upgrade to WebSocket", async () => {
    const r = await rig();
    const polling = await client(r, ["polling"]);
    const upgrading = await client(r, ["polling", "websocket"]);
    for (const { c, s } of [polling, upgrading]) {
      s.on("burst", (n: number, ack: (x: unknown) => void) => { for (const i of range(n)) s.emit("n", i); ack("done"); });
      const got = receive(c, "n", 50);
      expect(await c.timeout(3000).emitWithAck("burst", 50)).toBe("done");
      expect(await got).toEqual(range(50));
    }
    // Once upgraded, the same connection is coalesced.
    if (upgrading.s.conn.transport.name !== "websocket") await new Promise((resolve) => upgrading.s.conn.once("upgrade", resolve));
    const counter = countWrites(tcpOf(upgrading.s));
    const got = receive(upgrading.c, "n", 30);
    expect(await upgrading.c.timeout(3000).emitWithAck("burst", 30)).toBe("done");
    expect(await got).toEqual(range(30));
    expect(counter.writes).toBe(1);
  });

  it("delivers a turn's frames before a disconnect made in the same turn, and keeps serving", async () => {
    const r = await rig();
    const { c, s } = await client(r);
    const got = receive(c, "n", 10);
    const reason = new Promise((resolve) => c.once("disconnect", resolve));
    for (const i of range(10)) s.emit("n", i);
    s.disconnect(true);
    expect(await got).toEqual(range(10));
    expect(await reason).toBe("io server disconnect");
    const next = await client(r);
    next.s.on("ping!", (ack: (x: unknown) => void) => ack("pong"));
    expect(await next.c.timeout(2000).emitWithAck("ping!")).toBe("pong");
  });

  it("carries a 2 MB turn whole and keeps the connection usable", async () => {
    const r = await rig();
    const { c, s } = await client(r);
    const chunk = "x".repeat(10_000);
    s.on("big", (ack: (x: unknown) => void) => { for (const i of range(200)) s.emit("n", `${i}:${chunk}`); ack("sent"); });
    s.on("ping!", (ack: (x: unknown) => void) => ack("pong"));
    const got = receive(c, "n", 200);
    expect(await c.timeout(5000).emitWithAck("big")).toBe("sent");
    const all = (await got) as string[];
    expect(all.map((p) => Number(p.split(":")[0]))).toEqual(range(200));
    expect(all.every((p) => p.length === chunk.length + p.indexOf(":") + 1)).toBe(true);
    expect(await c.timeout(2000).emitWithAck("ping!")).toBe("pong");
  });

  it("sends what it holds at once when stopped", async () => {
    const r = await rig();
    const { c, s } = await client(r);
    const raw = tcpOf(s);
    const got = receive(c, "n", 3);
    let corkedBefore = -1;
    let corkedAfter = -1;
    s.on("stop", (ack: (x: unknown) => void) => {
      for (const i of range(3)) s.emit("n", i);
      corkedBefore = raw.writableCorked;
      r.stop();
      corkedAfter = raw.writableCorked;
      ack("stopped");
    });
    expect(await c.timeout(2000).emitWithAck("stop")).toBe("stopped");
    expect(await got).toEqual(range(3));
    expect(corkedBefore).toBe(1);
    expect(corkedAfter).toBe(0);
    // Stopped: the next turn's frames go out one by one again.
    s.on("burst", (n: number, ack: (x: unknown) => void) => { for (const i of range(n)) s.emit("n", i); ack("done"); });
    const counter = countWrites(raw);
    const more = receive(c, "n", 5);
    expect(await c.timeout(2000).emitWithAck("burst", 5)).toBe("done");
    expect(await more).toEqual(range(5));
    expect(counter.writes).toBe(6);
  });
});
