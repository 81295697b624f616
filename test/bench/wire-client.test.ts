import { createServer } from "node:http";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WireClient } from "../shared/wire-client.ts";
import { startServer, type TestServer } from "../support/server.ts";

/**
 * The relay bench's generator speaks Socket.IO through test/shared/wire-client.ts. If it misread the
 * protocol, the bench would time the wrong thing; so it is checked against a real Socket.IO
 * server and a real Causette.
 */
describe("bench wire client against a real Socket.IO server", () => {
  let io: Server;
  let url: string;
  const seenAuth: unknown[] = [];

  beforeAll(async () => {
    const http = createServer();
    // A short ping interval, so a test can watch the client answer several pings.
    io = new Server(http, { pingInterval: 50, pingTimeout: 200 });
    const chat = io.of("/chat");
    chat.use((socket, next) => {
      seenAuth.push(socket.handshake.auth);
      if ((socket.handshake.auth as { tenant?: string }).tenant === "nope") {
        next(Object.assign(new Error("unknown tenant"), { data: { code: "unknown_tenant" } }));
      } else next();
    });
    chat.on("connection", (socket) => {
      socket.on("echo", (p: unknown, ack: (r: unknown) => void) => ack({ ok: true, got: p }));
      socket.on("shout", (p: { text: string }, ack: (r: unknown) => void) => {
        socket.emit("message", { text: p.text });
        ack({ ok: true });
      });
      socket.on("silent", () => undefined);
      // Never acks; kicks the client out of the namespace instead.
      socket.on("kick", () => { socket.disconnect(true); });
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", () => resolve()));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  });
  afterAll(async () => { await io.close(); });

  it("connects to the namespace with its auth and gets acks matched by id", async () => {
    const c = new WireClient(url, "/chat", { tenant: "acme" });
    await c.connected;
    expect(seenAuth.at(-1)).toEqual({ tenant: "acme" });
    // Several in flight at once, answered in order; each lands on its own callback.
    const results = await Promise.all([1, 2, 3, 12].map((n) => new Promise((resolve, reject) =>
      c.emit("echo", { n, text: `a "quoted", \\ text ${n} é` }, 2000, (err, res) => (err ? reject(err) : resolve(res))))));
    expect(results).toEqual([1, 2, 3, 12].map((n) => ({ ok: true, got: { n, text: `a "quoted", \\ text ${n} é` } })));
    c.close();
  });

  it("receives server events", async () => {
    const c = new WireClient(url, "/chat", { tenant: "acme" });
    await c.connected;
    const got = new Promise((resolve) => c.on("message", resolve));
    c.emit("shout", { text: "hello" }, 2000, () => undefined);
    expect(await got).toEqual({ text: "hello" });
    c.close();
  });

  it("answers pings, so the server keeps it connected", async () => {
    const c = new WireClient(url, "/chat", { tenant: "acme" });
    await c.connected;
    const socket = [...io.of("/chat").sockets.values()].at(-1)!;
    const engineSocket = socket.conn;
    // Five pongs at a 50 ms interval with a 200 ms timeout: a client that ignored pings would be dropped.
    await new Promise<void>((resolve) => {
      let n = 0;
      engineSocket.on("heartbeat", () => { if (++n === 5) resolve(); });
    });
    const answered = await new Promise((resolve) => c.emit("echo", "still here", 2000, (err, res) => resolve(err ?? res)));
    expect(answered).toEqual({ ok: true, got: "still here" });
    c.close();
  });

  it("rejects `connected` with the middleware's error and data", async () => {
    const c = new WireClient(url, "/chat", { tenant: "nope" });
    await expect(c.connected).rejects.toMatchObject({ message: "unknown tenant", data: { code: "unknown_tenant" } });
  });

  it("reports an ack that never comes as a timeout", async () => {
    const c = new WireClient(url, "/chat", { tenant: "acme" });
    await c.connected;
    const err = await new Promise((resolve) => c.emit("silent", {}, 50, (e) => resolve(e)));
    expect(err).toBeInstanceOf(Error);
    c.close();
  });

  it("fails an ack still awaited at once when the server drops the connection", async () => {
    const c = new WireClient(url, "/chat", { tenant: "acme" });
    await c.connected;
    // A 10 s ack timeout, longer than the test's own: only the disconnect can end this wait.
    const err = await new Promise((resolve) => c.emit("kick", {}, 10_000, (e) => resolve(e)));
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/closed/);
  });

  it("rejects `connected` when nothing listens", async () => {
    const c = new WireClient("http://127.0.0.1:1", "/chat", {});
    await expect(c.connected).rejects.toBeInstanceOf(Error);
  });
});

describe("bench wire client against Causette", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await s.close(); });

  it("joins as a guest, posts, and receives another client's message", async () => {
    const a = new WireClient(s.url, "/chat", { tenant: "acme" });
    const b = new WireClient(s.url, "/chat", { tenant: "acme" });
    await Promise.all([a.connected, b.connected]);
    const ask = (c: WireClient, event: string, payload: unknown) =>
      new Promise<{ ok: boolean; message?: { id: string; text: string; status: string } }>((resolve, reject) =>
        c.emit(event, payload, 5000, (err, res) => (err ? reject(err) : resolve(res as never))));
    expect((await ask(a, "room:join", { room: "product:serum-42" })).ok).toBe(true);
    expect((await ask(b, "room:join", { room: "product:serum-42" })).ok).toBe(true);
    const received = new Promise<{ id: string; text: string }>((resolve) => a.on("message", (m) => resolve(m as never)));
    const sent = await ask(b, "message:send", { room: "product:serum-42", text: "Ce sérum convient-il aux peaux sèches ?" });
    expect(sent.message?.status).toBe("visible");
    expect(await received).toMatchObject({ id: sent.message!.id, text: "Ce sérum convient-il aux peaux sèches ?" });
    a.close(); b.close();
  });

  it("sees Causette's handshake refusal code", async () => {
    const c = new WireClient(s.url, "/chat", { tenant: "no-such-tenant" });
    const err = await c.connected.catch((e: unknown) => e);
    expect((err as { data?: { code?: string } }).data?.code).toBeTypeOf("string");
  });
});
