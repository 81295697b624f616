import fc from "fast-check";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../client-sdk/src/protocol.ts";
import { ask, closeAllRaw, connectRaw } from "../support/raw.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken } from "../support/tokens.ts";
import { cleanText } from "../shared/texts.ts";
import { until } from "../support/wait.ts";

const EVENTS = ["room:join", "room:leave", "message:send", "message:flag", "message:helpful", "alert:raise", "notices:list", "appeal:create", "message:report"] as const;
const UNKNOWN = ["nope", "message", "session", "toString", "__proto__", "constructor", "hasOwnProperty", "room:join ", "x".repeat(300), ""];
const ROOM = "product:fuzz";
/** Seeded: a failure names its seed and path, and the run is the same every time. */
const SEED = 20_240_611;

/** Strings that break naive code: lone surrogates, bidi, NUL, huge-ish, prototype names. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("\uD800", "\uDC00abc", "a\uD83D", "\uDFFF\uD800", "\u202E\u2066", "\u0000", "__proto__", "constructor", "prototype", ROOM, "faq", " ", ""),
  fc.integer({ min: 1, max: 200_000 }).map((n) => "é".repeat(n)),
);

/** A value nested `depth` levels deep (arrays or objects). */
const deep = fc.tuple(fc.integer({ min: 10, max: 1500 }), fc.boolean()).map(([depth, arr]) => {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = arr ? [v] : { room: v };
  return v;
});

/** Objects with an own `__proto__` key, as JSON.parse makes them on the wire. */
const protoKeys = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}, "room": "product:fuzz", "text": "hi"}'),
  JSON.parse('{"room": "product:fuzz", "text": "hi", "constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"prototype": {"polluted": "yes"}, "messageId": "m_x", "reason": "spam"}'),
  JSON.parse('{"room": {"__proto__": {"polluted": "yes"}}, "since": {"toString": "x"}}'),
  { room: ROOM, text: { toString: "x", valueOf: 1 } },
);

/** A payload shaped like the event's (right keys, any values) or anything at all. */
function payloadFor(event: string) {
  const value = fc.oneof(nastyString, fc.anything(), fc.constant(undefined), fc.constant(null), fc.double(), fc.array(nastyString, { maxLength: 3 }));
  const keys: Record<string, string[]> = {
    "room:join": ["room", "since"], "room:leave": ["room"], "message:send": ["room", "text", "replyTo", "clientId"],
    "message:flag": ["messageId", "reason", "note"], "message:helpful": ["messageId"], "alert:raise": ["room", "note"],
    "appeal:create": ["noticeId", "text"],
    "message:report": ["messageId", "category", "explanation", "reporterName", "reporterEmail", "goodFaith"],
  };
  const shaped = fc.record(Object.fromEntries((Object.hasOwn(keys, event) ? keys[event]! : ["room"]).map((k) => [k, k === "room" ? fc.oneof(fc.constant(ROOM), value) : value])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 2, arbitrary: fc.anything({ withBoxedValues: false, withNullPrototype: true, maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, -1, NaN, Infinity, true, "", "text", [], [ROOM], {}) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: protoKeys },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((u) => Buffer.from(u)) },
  );
}

/** The server's maxHttpBufferSize (server/app.ts). */
const MAX_BUFFER = 256 * 1024;
function encodedSize(event: string, payload: unknown): number {
  try { return Buffer.byteLength(JSON.stringify([event, payload]) ?? ""); } catch { return Infinity; }
}

function isTypedAck(res: unknown): boolean {
  if (!res || typeof res !== "object") return false;
  const r = res as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return true;
  return r.ok === false && typeof r.error?.message === "string" && (ERROR_CODES as readonly unknown[]).includes(r.error?.code);
}

describe("/chat fuzz", () => {
  let s: TestServer;
  let sock: Socket;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  async function fresh(): Promise<Socket> {
    const token = await mintToken({ sub: "fuzzer", role: "moderator" });
    const { socket } = await connectRaw(s.url, { auth: { tenant: "acme", token } });
    expect((await ask(socket, "room:join", { room: ROOM })).ok).toBe(true);
    return socket;
  }

  beforeAll(async () => {
    s = await startServer();
    sock = await fresh();
  });
  afterAll(async () => { closeAllRaw(); await s.close(); });
  beforeEach(async () => { if (!sock.connected) sock = await fresh(); });

  async function stillServes() {
    if (!sock.connected) sock = await fresh();
    // The fuzz may have left the room (a valid room:leave) or filled the per-socket room cap.
    await ask(sock, "room:leave", { room: ROOM });
    expect((await ask(sock, "room:join", { room: ROOM })).ok).toBe(true);
    const text = cleanText("after fuzz");
    const res = await ask(sock, "message:send", { room: ROOM, text });
    expect(res).toMatchObject({ ok: true, message: { text, status: "visible" } });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  }

  it("every event answers malformed payloads with a typed ack", async () => {
    const t0 = Date.now();
    let answered = 0;
    const event = fc.oneof(fc.constantFrom(...EVENTS), fc.constantFrom(...UNKNOWN));
    await fc.assert(
      fc.asyncProperty(event.chain((e) => fc.tuple(fc.constant(e), payloadFor(e))), async ([e, payload]) => {
        if (!sock.connected) sock = await fresh();
        if (encodedSize(e, payload) > MAX_BUFFER) {
          // Over maxHttpBufferSize: the server may drop this connection (never the process).
          const dropped = new Promise<string>((resolve) => sock.once("disconnect", resolve));
          sock.emit(e, payload, () => undefined);
          await Promise.race([dropped, new Promise((r) => setTimeout(r, 2000))]);
          return;
        }
        const res = await ask(sock, e, payload);
        expect(isTypedAck(res), `${e} ${JSON.stringify(res)}`).toBe(true);
        answered++;
      }),
      { seed: SEED, numRuns: 400, endOnFailure: true },
    );
    expect(answered).toBeGreaterThan(300);
    await stillServes();
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 30_000);

  it("extra arguments, missing payloads and missing acks", async () => {
    for (const e of [...EVENTS, "nope"]) {
      expect(isTypedAck(await ask(sock, e))).toBe(true);
      expect(isTypedAck(await ask(sock, e, { room: ROOM }, "extra", 42))).toBe(true);
      expect(isTypedAck(await ask(sock, e, null, null))).toBe(true);
      sock.emit(e, { room: ROOM, text: cleanText("no ack"), messageId: "m_x", reason: "spam", note: "n" });
      sock.emit(e);
    }
    await stillServes();
  });

  it("payloads just under maxHttpBufferSize get a typed error; above it only that socket drops", async () => {
    const justUnder = "a".repeat(200_000);
    const r1 = await ask(sock, "message:send", { room: ROOM, text: justUnder });
    expect(r1).toMatchObject({ ok: false, error: { code: "message_too_long" } });
    const r2 = await ask(sock, "room:join", { room: justUnder });
    expect(r2).toMatchObject({ ok: false, error: { code: expect.stringMatching(/invalid_payload|invalid_room/) } });
    const r3 = await ask(sock, "message:send", { room: ROOM, text: "\uD800".repeat(30_000) });
    expect(isTypedAck(r3)).toBe(true);

    const victim = await fresh();
    const dropped = new Promise((resolve) => victim.once("disconnect", resolve));
    victim.emit("message:send", { room: ROOM, text: "b".repeat(1024 * 1024) }, () => undefined);
    await dropped;
    await stillServes();
  });

  it("malformed socket.io packets close only the offending connection", async () => {
    const raw = [
      '42/chat,["disconnect"]', '42/chat,["connect",{}]', "42/chat,not json", '42/chat,{"a":1}', "42/chat,[]", "42/chat,[1,2]",
      '42/nope,["x",{}]', "4zzz", '45-/chat,["x",{"_placeholder":true,"num":9}]', "42/chat,0[\"message:send\"]",
    ];
    for (const packet of raw) {
      const victim = await fresh();
      const gone = new Promise((resolve) => victim.once("disconnect", resolve));
      victim.io.engine.send(packet);
      // Either the server drops the connection or it ignores the packet; both leave it answering.
      const alive = await Promise.race([gone.then(() => false), ask(victim, "room:join", { room: ROOM }).then((r) => isTypedAck(r))]);
      if (alive) expect(victim.connected).toBe(true);
      await until(() => s.app.http.listening);
    }
    await stillServes();
  });
});
