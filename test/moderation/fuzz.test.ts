import fc from "fast-check";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, type AdminClient } from "../../client-sdk/src/index.ts";
import { adminSchemas } from "../../server/contracts/admin-schemas.ts";
import { freshRoom, post, startModServer, type ModServer } from "./support.ts";

/** Emits anything and returns the raw ack (or "timeout"): the point is what the server answers. */
function raw(socket: Socket, event: string, payload: unknown): Promise<any> {
  return new Promise((resolve) => socket.timeout(5000).emit(event, payload, (err: Error | null, res: unknown) => resolve(err ? "timeout" : res)));
}

/** A valid payload per event, which the mutations below break one field at a time. */
const VALID: Record<string, Record<string, unknown>> = {
  "feed:subscribe": { rooms: ["product:a"] },
  "queue:list": { limit: 10, cursor: "abc" },
  "queue:resolve": { messageId: "m_1", decision: "approve", ban: { durationSec: 60, reason: "r" } },
  "message:delete": { messageId: "m_1", reason: "r" },
  "room:clear": { room: "product:a", reason: "r" },
  "room:update": { room: "product:a", frozen: true, slowModeSec: 5, contribution: "open" },
  "rooms:list": {},
  "room:history": { room: "product:a", limit: 5 },
  "room:post": { room: "product:a", text: "Bonjour de la marque", replyTo: "m_1", clientId: "c-1" },
  "room:pin": { room: "product:a", messageId: "m_1" },
  "room:unpin": { room: "product:a" },
  "user:ban": { userId: "u", durationSec: 60, reason: "r", shadow: false },
  "user:unban": { userId: "u" },
  "user:mute": { userId: "u", durationSec: 60, reason: "r" },
  "user:unmute": { userId: "u" },
  "user:inspect": { userId: "u" },
  "bans:list": {},
  "ip:block": { cidr: "10.0.0.0/8", durationSec: 60, reason: "r" },
  "ip:unblock": { cidr: "10.0.0.0/8" },
  "ip:list": {},
  "member:set-role": { userId: "u", role: "expert" },
  "members:candidates": { limit: 5 },
  "lexicon:update": { add: ["a"], remove: ["b"], allow: ["c"], disallow: ["d"] },
  "links:update": { allow: ["a.example"], block: ["b.example"], unallow: ["c.example"], unblock: ["d.example"] },
  "filters:get": {},
  "filters:update": { onHit: "hold", policy: { insult: "hold", minSeverity: { profanity: 2 } } },
  "audit:list": { limit: 5, cursor: "abc", action: "x", actor: "y" },
  "stats:get": {},
  "dashboard:get": { room: "product:fuzz", range: "week" },
  "alerts:list": { status: "open", limit: 5 },
  "alert:ack": { alertId: "al_x" },
  "user:unlink": { userId: "u", linkedUserId: "v" },
  "webhooks:list": {},
  "webhooks:update": { endpoints: [{ id: "ep1", url: "https://hooks.example.com/x", events: ["*"], secret: `whsec_${Buffer.alloc(32, 1).toString("base64")}` }] },
  "webhooks:test": { endpointId: "ep1" },
  "webhooks:deliveries": { limit: 5, cursor: "msg_abc" },
  "appeals:list": { status: "open", limit: 5, cursor: "abc" },
  "appeal:resolve": { appealId: "ap_x", decision: "reverse", note: "Fair point" },
  "transparency:get": { from: "2026-11-01", to: "2026-11-30T23:59:59+01:00" },
  "statements:list": { from: "2026-11-01T00:00:00Z", to: "2026-11-30", limit: 5, cursor: "abc" },
  "queue:context": { messageId: "m_1", before: 3, after: 3 },
  "user:purge": { userId: "u", purgeSec: 3600 },
  "people:search": { query: "ali", limit: 5 },
  "people:names": { ids: ["u"] },
  "people:online": { limit: 5 },
  "people:recent": { limit: 5 },
  "user:data:export": { userId: "u_1" },
  "user:data:erase": { userId: "u_1" },
};

const HUGE = "x".repeat(100_000);
/** Values that are wrong for every field of the schemas (each field is a string, number, boolean, enum, array or object with bounds). */
const WRONG: unknown[] = [null, 42.5, -1, true, HUGE, { nested: { deep: [1, 2, 3] } }, [HUGE], ["x", 42]];

describe("fuzzed admin payloads never crash and never half-succeed", () => {
  let s: ModServer;
  let admin: AdminClient;
  beforeAll(async () => { s = await startModServer(); admin = await s.admin(); });
  afterAll(async () => { await s.close(); });

  const snapshot = async () => ({
    audit: (await s.app.stores.audit.listAudit("acme", 10_000)).entries.length,
    bans: (await s.app.stores.sanctions.listBans("acme", Date.now())).length,
    blocks: (await s.app.stores.sanctions.listIpBlocks("acme", Date.now())).length,
    edits: (await s.app.stores.filterEdits.getFilterEdits("acme")).version,
    queue: await s.app.stores.queue.queueSize("acme"),
  });

  it("covers every admin event", () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(adminSchemas).sort());
  });

  it("wrong types, nulls, huge strings, unknown and prototype keys → invalid_payload, no side effect", async () => {
    await s.chat({ role: "member", sub: "u" });
    const before = await snapshot();
    const sock = admin.socket;
    let n = 0;
    for (const [event, valid] of Object.entries(VALID)) {
      const payloads: unknown[] = [null, 7, "text", [valid], HUGE, JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(valid).slice(1, -1) || '"x": 1'}}`)];
      payloads.push({ ...valid, unexpected: 1 }, { ...valid, constructor: { prototype: {} } });
      for (const field of Object.keys(valid)) {
        for (const bad of WRONG) {
          // Some "wrong" values fit a field (a non-negative number for slowModeSec...): only keep the ones the schema refuses.
          const candidate = { ...valid, [field]: bad };
          if ((adminSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>)[event]!.safeParse(candidate).success) continue;
          payloads.push(candidate);
        }
      }
      for (const p of payloads) {
        const res = await raw(sock, event, p);
        n++;
        expect(res, `${event} ${JSON.stringify(p)?.slice(0, 120)}`).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
        expect(typeof res.error.message).toBe("string");
      }
    }
    expect(n).toBeGreaterThan(300);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot()).toEqual(before);
    // Semantic refusals are typed too, and also leave nothing behind.
    for (const [event, p] of [
      ["ip:block", { cidr: "10.0.0.0/40", reason: "r" }],
      ["user:ban", { userId: "u", reason: "r", durationSec: 0 }],
      ["user:mute", { userId: "u", durationSec: -5 }],
      ["member:set-role", { userId: "u", role: "manager" }],
      ["room:update", { room: "Not A Room" , frozen: true }],
      ["lexicon:update", { add: ["  "] }],
      ["audit:list", { cursor: "%%%" }],
      ["transparency:get", { from: "2026-11-30", to: "2026-11-01" }],
      ["statements:list", { from: "2026-02-30", to: "2026-03-01" }],
    ] as const) {
      const res = await raw(sock, event, p);
      expect(res.ok, event).toBe(false);
      expect(ERROR_CODES).toContain(res.error.code);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("random values to every event get a typed ack; unknown events get invalid_payload; the server keeps serving", async () => {
    const sock = admin.socket;
    const events = Object.keys(VALID).filter((e) => !["lexicon:update", "links:update"].includes(e));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events), fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }), async (event, payload) => {
        const res = await raw(sock, event, payload);
        expect(res).not.toBe("timeout");
        if (res.ok === false) expect(ERROR_CODES).toContain(res.error.code);
        else expect(res.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(await raw(sock, "does:not:exist", {})).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await raw(sock, "__proto__", {})).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    // Events without an ack are ignored without harm.
    sock.emit("user:ban", { userId: 1 });
    sock.emit("queue:list");
    expect((await admin.stats()).at).toBeGreaterThan(0);
    const room = freshRoom();
    const c = await s.chat({ role: "member", sub: "fz-after" });
    expect((await post(c, room, "toujours là")).status).toBe("visible");
  });

  it("fuzzed REST bodies get a typed JSON error", async () => {
    const token = await s.managerToken();
    const bodies = ["", "null", "1", "\"x\"", "[]", "{", "{\"userId\":null}", `{"userId":"u","reason":"${"y".repeat(1000)}"}`, "{\"__proto__\":{\"a\":1},\"userId\":\"u\",\"reason\":\"r\"}"];
    for (const route of ["bans", "mutes", "ip-blocks"]) {
      for (const body of bodies) {
        const r = await s.rest("POST", route, { token, raw: body });
        expect(r.status, `${route} ${body.slice(0, 40)}`).toBe(400);
        expect(r.body.error.code).toBe("invalid_payload");
      }
    }
  });
});
