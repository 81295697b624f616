import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../client-sdk/src/protocol.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import { testConfig } from "../support/config.ts";
import { ask, closeAllRaw, connectRaw, refusedWith } from "../support/raw.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken } from "../support/tokens.ts";
import { cleanText } from "../shared/texts.ts";
import { until } from "../support/wait.ts";

afterEach(() => closeAllRaw());

/**
 * Memory stores whose room history read can be held open, to put another message in the
 * window between reading a room's history and joining its broadcasts.
 */
function gatedStores() {
  const stores = createMemoryStores();
  const gated = { stores, gate: undefined as { reached: () => void; release: Promise<void> } | undefined };
  const timeline = stores.messages.roomTimeline.bind(stores.messages);
  stores.messages.roomTimeline = async (tenant, room, limit) => {
    const out = await timeline(tenant, room, limit);
    const g = gated.gate;
    if (g) {
      gated.gate = undefined;
      g.reached();
      await g.release;
    }
    return out;
  };
  return gated;
}

describe("SPEC conformance: /chat", () => {
  const store = gatedStores();
  let s: TestServer;
  beforeAll(async () => { s = await startServer(testConfig(), { stores: store.stores }); });
  afterAll(async () => { await s.close(); await store.stores.close(); });

  it("room:join never loses a message posted while the history is being read", async () => {
    const room = "product:join-race";
    const talker = await s.connected({ role: "member", sub: "race-talker" });
    await talker.join(room);
    const joiner = await s.connected({ role: "member", sub: "race-joiner" });
    const live: Message[] = [];
    joiner.on("message", (m) => live.push(m));
    let reached!: () => void;
    let release!: () => void;
    const atGate = new Promise<void>((r) => { reached = r; });
    store.gate = { reached, release: new Promise<void>((r) => { release = r; }) };
    const joining = joiner.join(room);
    await atGate;
    const sent = await talker.send(room, cleanText("race"));
    release();
    const { history } = await joining;
    await until(() => history.some((m) => m.id === sent.id) || live.some((m) => m.id === sent.id), 2000);
  });

  it("/chat: an ack-only emit is judged as an empty payload (invalid_payload names the missing field)", async () => {
    const { socket } = await connectRaw(s.url);
    const res = await ask(socket, "room:leave");
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe("invalid_payload");
    expect(res.error.message).toMatch(/^room/);
  });
});

describe("SPEC conformance: /admin handshake and the Origin allow-list", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(testConfig({ acme: { origins: ["http://acme.test"] } })); });
  afterAll(async () => { await s.close(); });

  it("the pages served by this server (back office, demo) connect from its own origin on any port; foreign origins are still refused", async () => {
    const token = await mintToken({ role: "manager", sub: "cm-origin" });
    const own = await connectRaw(s.url, { namespace: "/admin", auth: { tenant: "acme", token }, headers: { origin: s.url } });
    expect(own.session.user.role).toBe("manager");
    const listed = await connectRaw(s.url, { namespace: "/admin", auth: { tenant: "acme", token }, headers: { origin: "http://acme.test" } });
    expect(listed.session.user.id).toBe("cm-origin");
    const foreign = await refusedWith(s.url, { namespace: "/admin", auth: { tenant: "acme", token }, headers: { origin: "http://evil.test" } });
    expect(foreign.data?.code).toBe("origin_not_allowed");
    // The demo page is served by this server too: its chat connects from the server's own origin
    // (on whatever port it was started), while a third-party page is still held to the list.
    const chat = await connectRaw(s.url, { auth: { tenant: "acme" }, headers: { origin: s.url } });
    expect(chat.session.user.role).toBe("guest");
    const foreignChat = await refusedWith(s.url, { auth: { tenant: "acme" }, headers: { origin: "http://evil.test" } });
    expect(foreignChat.data?.code).toBe("origin_not_allowed");
    // Same host, another port, is another origin.
    const otherPort = new URL(s.url); otherPort.port = String(Number(otherPort.port) + 1);
    const sibling = await refusedWith(s.url, { auth: { tenant: "acme" }, headers: { origin: otherPort.origin } });
    expect(sibling.data?.code).toBe("origin_not_allowed");
  });
});
