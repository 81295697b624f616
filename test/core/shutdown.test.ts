import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import { testConfig } from "../support/config.ts";
import { freePort, spawnNode, writeConfig } from "../support/node-process.ts";
import { ask, closeAllRaw, connectRaw, type Refusal } from "../support/raw.ts";
import { startServer } from "../support/server.ts";
import { cleanText } from "../shared/texts.ts";
import { until } from "../support/wait.ts";

afterEach(() => closeAllRaw());

/** Memory stores whose appendMessage waits for the test to open the gate. */
function gatedStores() {
  const stores = createMemoryStores();
  let open: (() => void) | undefined;
  const gate = new Promise<void>((resolve) => { open = resolve; });
  const gated = { stores, entered: false, release() { open!(); } };
  const append = stores.messages.appendMessage.bind(stores.messages);
  stores.messages.appendMessage = async (...args) => {
    gated.entered = true;
    await gate;
    return append(...args);
  };
  return gated;
}

describe("graceful shutdown", () => {
  it("close() lets an in-flight ack finish, refuses new connections meanwhile, then closes", async () => {
    const store = gatedStores();
    const s = await startServer(testConfig(), { stores: store.stores });
    const { socket } = await connectRaw(s.url);
    expect((await ask(socket, "room:join", { room: "product:bye" })).ok).toBe(true);
    const text = cleanText("last words");
    const acked = ask(socket, "message:send", { room: "product:bye", text });
    await until(() => store.entered);

    let closed = false;
    const closing = s.app.close().then(() => { closed = true; });

    // Draining: /readyz answers 503 at once (the listener stays open for probes)...
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ok: false, draining: true });
    // ...a new connection is refused at its handshake request...
    const fresh = await connectRaw(s.url).then(() => undefined, (e: Refusal) => e);
    expect(fresh).toBeInstanceOf(Error);
    // ...and a new namespace over the still-open connection is refused by the handshake.
    const admin = socket.io.socket("/admin", { auth: { tenant: "acme" } });
    const adminErr = await new Promise<Refusal>((resolve) => { admin.once("connect_error", resolve); admin.connect(); });
    expect(adminErr.message).toBe("store_unavailable");
    expect(adminErr.data?.code).toBe("store_unavailable");
    admin.close();
    expect(closed).toBe(false);

    store.release();
    const res = await acked;
    expect(res.ok).toBe(true);
    expect(res.message.text).toBe(text);
    await closing;
    expect(closed).toBe(true);
    await until(() => socket.disconnected);
    await s.close(); // idempotent
  });

  it("close() does not wait forever: the grace period bounds it", async () => {
    const store = gatedStores();
    const s = await startServer(testConfig({ server: { shutdownGraceMs: 200 } }), { stores: store.stores });
    const { socket } = await connectRaw(s.url);
    await ask(socket, "room:join", { room: "product:stuck" });
    socket.emit("message:send", { room: "product:stuck", text: cleanText() }, () => undefined);
    await until(() => store.entered);
    const t0 = Date.now();
    await s.app.close();
    expect(Date.now() - t0).toBeLessThan(3000);
    store.release();
  });
});

describe("process", () => {
  it("SIGTERM: a running node stops and exits 0", async () => {
    const cfg = testConfig({ server: { logLevel: "info" } });
    const node = await spawnNode(writeConfig(cfg), {}, await freePort());
    const sock = io(`${node.url}/chat`, { transports: ["websocket"], auth: { tenant: "acme" }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => { sock.once("session", () => resolve()); sock.once("connect_error", reject); });
    const code = await node.stop();
    sock.close();
    expect(code, node.output()).toBe(0);
    expect(node.output()).toMatch(/shutting down/);
  }, 30_000);
});
