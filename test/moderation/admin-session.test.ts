import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, ChatError } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { mintToken } from "../support/tokens.ts";
import { until, waitFor } from "../support/wait.ts";
import { freshRoom, startModServer, type ModServer } from "./support.ts";

/**
 * A manager token is checked at the handshake; the /admin socket must not outlive it. /chat is
 * deliberately left alone: a shopper's brand JWT lapsing mid-conversation does not end the chat.
 */
describe("token expiry on open sockets", () => {
  let s: ModServer;
  // No clock tolerance, so the token stops being valid exactly at `exp`.
  beforeAll(async () => { s = await startModServer(testConfig({ acme: { auth: { clockToleranceSec: 0 } } })); });
  afterAll(async () => { await s.close(); });

  it("an /admin socket is told its session ended (invalid_token), then disconnected, and does not reconnect", async () => {
    const token = await mintToken({ tenant: "acme", role: "manager", sub: "cm-expiring", expiresIn: 3 });
    const admin = new AdminClient({ url: s.url, tenant: "acme", token });
    try {
      await admin.connect();
      await admin.subscribe();
      const ended = waitFor(admin, "session:ended", () => true, 8000);
      const closed = new Promise<ChatError | undefined>((resolve) => admin.on("status", (st, err) => { if (st === "closed") resolve(err); }));
      expect(await ended).toMatchObject({ code: "invalid_token" });
      const err = await closed;
      expect(err).toBeInstanceOf(ChatError);
      expect(err!.code).toBe("invalid_token");
      expect(err!.message).toMatch(/expired/i);
      expect(admin.socket.connected).toBe(false);
      // Given up for good: retrying with an expired token could never succeed.
      await new Promise((r) => setTimeout(r, 800));
      expect(admin.socket.active).toBe(false);
    } finally {
      admin.disconnect();
    }
  });

  it("only the socket whose token expired is ended: another manager's stays connected and answers", async () => {
    const lasting = await s.admin({ sub: "cm-lasting" });
    // JWT `exp` has one-second resolution: 3 s leaves room for the handshake on a busy machine.
    const token = await mintToken({ tenant: "acme", role: "manager", sub: "cm-short", expiresIn: 3 });
    const short = new AdminClient({ url: s.url, tenant: "acme", token });
    try {
      await short.connect();
      await waitFor(short, "session:ended", () => true, 8000);
      expect(lasting.socket.connected).toBe(true);
      expect((await lasting.stats()).queue).toBeTypeOf("number");
    } finally {
      short.disconnect();
    }
  });

  it("/chat is left alone: a signed-in shopper whose token lapses mid-conversation keeps chatting", async () => {
    const room = freshRoom();
    const token = await mintToken({ tenant: "acme", role: "member", sub: "shopper-lapsing", expiresIn: 2 });
    const shopper = await s.connected({ token });
    await shopper.join(room);
    // Nothing to wait for: the point is that no event comes. Wait until the token has lapsed.
    const exp = (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { exp: number }).exp * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, exp - Date.now()) + 300));
    expect(shopper.socket.connected).toBe(true);
    expect((await shopper.send(room, "Toujours là")).status).toBe("visible");
  });

  it("on /chat a moderator's token ends with its powers: session:ended (invalid_token), then disconnected", async () => {
    const room = freshRoom();
    const token = await mintToken({ tenant: "acme", role: "moderator", sub: "mod-lapsing", expiresIn: 3 });
    const mod = await s.connected({ token });
    await mod.join(room);
    const ended = await waitFor(mod, "session:ended", () => true, 8000);
    expect(ended).toMatchObject({ code: "invalid_token" });
    // The server disconnects it right after, and the SDK does not try again with a dead token.
    await until(() => !mod.socket.connected && !mod.socket.active, 5000);
  });
});
