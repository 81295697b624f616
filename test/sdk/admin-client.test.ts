import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, ChatError } from "../../client-sdk/src/index.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken } from "../support/tokens.ts";
import { waitFor } from "../support/wait.ts";

type Outcome = { settled: "resolved"; value: unknown } | { settled: "rejected"; error: unknown } | { settled: "pending" };

/**
 * How `p` stands once the event loop reaches its check phase (setImmediate): settled by then, it
 * was settled locally, since with nothing listening no answer can arrive. Still pending, it is
 * waiting for the ack timeout (the defect: 10 s by default).
 */
function outcomeWithoutWaiting(p: Promise<unknown>): Promise<Outcome> {
  const settled = p.then((value): Outcome => ({ settled: "resolved", value }), (error): Outcome => ({ settled: "rejected", error }));
  return Promise.race([settled, new Promise<Outcome>((resolve) => setImmediate(() => resolve({ settled: "pending" })))]);
}

function expectChatError(o: Outcome, code: string): void {
  expect(o.settled).toBe("rejected");
  const err = (o as { error: unknown }).error;
  expect(err).toBeInstanceOf(ChatError);
  expect((err as ChatError).code).toBe(code);
}

describe("AdminClient once closed", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await s.close(); });

  const manager = async (sub: string, ackTimeoutMs?: number) =>
    new AdminClient({ url: s.url, tenant: "acme", token: await mintToken({ tenant: "acme", role: "manager", sub }), ...(ackTimeoutMs ? { ackTimeoutMs } : {}) });

  it("rejects calls made after disconnect() at once with unauthorized, even with the server gone", async () => {
    const own = await startServer();
    const admin = new AdminClient({ url: own.url, tenant: "acme", token: await mintToken({ tenant: "acme", role: "manager", sub: "cm-closed" }) });
    await admin.connect();
    expect((await admin.stats()).queue).toBeTypeOf("number");
    admin.disconnect();
    // Nothing left to answer: only the client itself can settle these before the ack timeout.
    await own.close();
    const calls = [admin.stats(), admin.listQueue(), admin.resolve("m-1", "remove", { reason: "spam" }), admin.ban("u-1", { reason: "spam" })];
    for (const call of calls) {
      const o = await outcomeWithoutWaiting(call);
      expectChatError(o, "unauthorized");
      expect((o as { error: ChatError }).error.message).toMatch(/closed/);
    }
  });

  it("fails a call buffered while offline as soon as the client is closed, and never sends it later", async () => {
    const admin = await manager("cm-offline");
    await admin.connect();
    // Offline without socket.io reconnecting by itself: the next emit sits in its send buffer.
    admin.socket.io.reconnection(false);
    const down = waitFor(admin, "status", (st) => st === "reconnecting");
    admin.socket.io.engine.close();
    await down;
    const buffered = admin.resolve("m-offline", "remove", { reason: "spam" });
    expect(await outcomeWithoutWaiting(buffered)).toEqual({ settled: "pending" });
    admin.disconnect();
    expectChatError(await outcomeWithoutWaiting(buffered), "unauthorized");
    // Reopening must not replay an action decided before the close.
    expect(admin.socket.sendBuffer).toEqual([]);
  });

  it("works again after connect(): closing is not forever", async () => {
    const admin = await manager("cm-reopen");
    await admin.connect();
    admin.disconnect();
    expectChatError(await outcomeWithoutWaiting(admin.stats()), "unauthorized");
    await admin.connect();
    expect((await admin.stats()).queue).toBeTypeOf("number");
    admin.disconnect();
  });
});

describe("AdminClient after the server ended its session", () => {
  let s: TestServer;
  // No clock tolerance: the token stops being valid exactly at `exp`.
  beforeAll(async () => { s = await startServer(testConfig({ acme: { auth: { clockToleranceSec: 0 } } })); });
  afterAll(async () => { await s.close(); });

  it("rejects later calls at once with the code the session ended with (invalid_token)", async () => {
    // `exp` is in whole seconds from a floored `iat`, so `expiresIn: 1` left anywhere from 0 to 1 s
    // to connect (it failed under a loaded suite); 2 leaves at least one.
    const admin = new AdminClient({ url: s.url, tenant: "acme", token: await mintToken({ tenant: "acme", role: "manager", sub: "cm-lapsing", expiresIn: 2 }) });
    try {
      await admin.connect();
      const closed = waitFor(admin, "status", (st) => st === "closed", 5000);
      await closed;
      const o = await outcomeWithoutWaiting(admin.listQueue());
      expectChatError(o, "invalid_token");
      // disconnect() afterwards keeps the more telling reason.
      admin.disconnect();
      expectChatError(await outcomeWithoutWaiting(admin.stats()), "invalid_token");
    } finally {
      admin.disconnect();
    }
  });
});
