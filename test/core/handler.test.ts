import { createServer } from "node:http";
import { pino } from "pino";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CausetteError } from "../../server/errors.ts";
import { eventHandler, InFlight, serveEvents, type EventTable } from "../../server/realtime/handler.ts";

/**
 * serveEvents over a real Socket.IO server and client: a handler may answer at once or later, throw
 * at once or reject later; every case is acked with the same shapes and nothing stays in flight.
 */
describe("serveEvents", () => {
  let io: Server;
  let client: ClientSocket;
  const inflight = new InFlight();
  const codes: string[] = [];
  let release: (() => void) | undefined;

  beforeAll(async () => {
    const http = createServer();
    io = new Server(http);
    const ctx = { logger: pino({ level: "silent" }), inflight, onError: (code: string) => codes.push(code) };
    const schema = z.object({ n: z.number() });
    type Conn = { factor: number };
    const table: EventTable<Conn> = {
      now: eventHandler(schema, (c: Conn, p) => ({ doubled: p.n * c.factor })),
      later: eventHandler(schema, async (c: Conn, p) => ({ doubled: p.n * c.factor })),
      nothing: eventHandler(schema, () => undefined),
      throws: eventHandler(schema, () => { throw new CausetteError("not_in_room"); }),
      rejects: eventHandler(schema, async () => { throw new CausetteError("muted"); }),
      bug: eventHandler(schema, () => { throw new TypeError("x is undefined"); }),
      held: eventHandler(schema, () => new Promise<object>((resolve) => { release = () => resolve({ released: true }); })),
    };
    // The table is shared; each connection brings its own state.
    io.on("connection", (socket) => serveEvents(socket, table, { factor: 2 }, ctx));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
    client = connect(`http://127.0.0.1:${(http.address() as { port: number }).port}`, { transports: ["websocket"] });
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
  });
  afterAll(async () => { client.close(); await io.close(); });

  const ask = (event: string, payload: unknown) => client.timeout(2000).emitWithAck(event, payload);

  it("acks a handler that answers at once, or later, with the same shape", async () => {
    expect(await ask("now", { n: 2 })).toEqual({ ok: true, doubled: 4 });
    expect(await ask("later", { n: 3 })).toEqual({ ok: true, doubled: 6 });
    expect(await ask("nothing", { n: 1 })).toEqual({ ok: true });
  });

  it("turns a refusal thrown at once or rejected later into the same error ack", async () => {
    expect(await ask("throws", { n: 1 })).toEqual({ ok: false, error: expect.objectContaining({ code: "not_in_room" }) });
    expect(await ask("rejects", { n: 1 })).toEqual({ ok: false, error: expect.objectContaining({ code: "muted" }) });
    expect(codes).toEqual(expect.arrayContaining(["not_in_room", "muted"]));
  });

  it("hides a bug behind `internal`, and judges the payload before the handler runs", async () => {
    const bug = await ask("bug", { n: 1 });
    expect(bug).toEqual({ ok: false, error: expect.objectContaining({ code: "internal" }) });
    expect(JSON.stringify(bug)).not.toContain("x is undefined");
    expect(await ask("now", { n: "two" })).toEqual({ ok: false, error: expect.objectContaining({ code: "invalid_payload" }) });
  });

  it("counts an ack in flight until it is sent, and survives an emit without an ack", async () => {
    client.emit("now", { n: 1 }); // no ack callback: nothing to answer, nothing to crash
    const pending = ask("held", { n: 1 });
    await expect.poll(() => inflight.count).toBe(1);
    release!();
    expect(await pending).toEqual({ ok: true, released: true });
    expect(inflight.count).toBe(0);
    expect(await ask("now", { n: 5 })).toEqual({ ok: true, doubled: 10 });
  });

  it("answers an unknown event, or one named after an object's own keys, with invalid_payload", async () => {
    for (const event of ["nope", "constructor", "__proto__", "hasOwnProperty", "toString", "error"]) {
      expect(await ask(event, { n: 1 })).toEqual({ ok: false, error: expect.objectContaining({ code: "invalid_payload" }) });
    }
    client.emit("nope", { n: 1 }); // no ack: ignored
    expect(await ask("now", { n: 1 })).toEqual({ ok: true, doubled: 2 });
  });
});
