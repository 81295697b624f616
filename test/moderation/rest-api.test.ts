import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../client-sdk/src/index.ts";
import { csvCell } from "../../server/http/admin-api.ts";
import { ADMIN_ROUTES } from "../../server/http/admin-routes.ts";
import { testConfig } from "../support/config.ts";
import { mintToken } from "../support/tokens.ts";
import { waitFor } from "../support/wait.ts";
import { freshRoom, post, postHeld, startModServer, type ModServer } from "./support.ts";

describe("REST admin API (SPEC §5.4)", () => {
  let s: ModServer;
  beforeAll(async () => { s = await startModServer(testConfig({ server: { trustProxy: true } })); });
  afterAll(async () => { await s.close(); });

  it("authenticates: 404 unknown tenant, 401 missing/invalid token, 403 for every non-manager role", async () => {
    expect((await s.rest("GET", "/api/v1/tenants/nope/queue")).body.error.code).toBe("unknown_tenant");
    expect((await s.rest("GET", "/api/v1/tenants/nope/queue")).status).toBe(404);
    const none = await s.rest("GET", "queue", { token: null });
    expect([none.status, none.body.error.code]).toEqual([401, "unauthorized"]);
    const junk = await s.rest("GET", "queue", { token: "not.a.jwt" });
    expect([junk.status, junk.body.error.code]).toEqual([401, "invalid_token"]);
    const expired = await s.rest("GET", "queue", { token: await mintToken({ role: "manager", expiresIn: -60 }) });
    expect([expired.status, expired.body.error.code]).toEqual([401, "invalid_token"]);
    const basic = await s.rest("GET", "queue", { token: null, headers: { authorization: "Basic abc" } });
    expect(basic.status).toBe(401);
    // Another tenant's manager token is not this tenant's token.
    const foreign = await s.rest("GET", "queue", { token: await s.managerToken("other") });
    expect([foreign.status, foreign.body.error.code]).toEqual([401, "invalid_token"]);
    for (const role of ["member", "expert", "moderator"]) {
      const r = await s.rest("GET", "queue", { token: await mintToken({ role, sub: `rest-${role}` }) });
      expect([r.status, r.body.error.code], role).toEqual([403, "forbidden"]);
      // Every route, not just one.
      for (const route of ADMIN_ROUTES) {
        const path = route.path.replace(/:(\w+)/g, "x");
        const res = await s.rest(route.method.toUpperCase(), path, { token: await mintToken({ role, sub: `rest-${role}` }), body: route.input === "body" ? {} : undefined });
        expect(res.status, `${role} ${route.method} ${route.path}`).toBe(403);
      }
    }
  });

  it("every route works end to end with a manager token", async () => {
    const room = freshRoom();
    const author = await s.chat({ role: "member", sub: "r-author", ip: "203.0.113.50" });
    const viewer = await s.chat({ role: "member", sub: "r-viewer" });
    await viewer.join(room);
    const held = await postHeld(author, room);
    const visible = await post(author, room, "Bonjour");

    const q = await s.rest("GET", "queue?limit=50");
    expect(q.status).toBe(200);
    expect(q.body.items.some((i: { message: { id: string } }) => i.message.id === held.id)).toBe(true);
    const restored = waitFor(viewer, "message:restored", (m) => m.id === held.id);
    const res = await s.rest("POST", `queue/${held.id}/resolve`, { body: { decision: "approve" } });
    expect([res.status, res.body.message.status]).toEqual([200, "visible"]);
    await restored;

    const deleted = waitFor(viewer, "message:deleted", (p) => p.messageId === visible.id);
    expect((await s.rest("DELETE", `messages/${visible.id}?reason=hors%20sujet`)).status).toBe(200);
    await deleted;

    const updated = waitFor(viewer, "room:updated", (r) => r.id === room && r.slowModeSec === 5);
    const patch = await s.rest("PATCH", `rooms/${encodeURIComponent(room)}`, { body: { slowModeSec: 5 } });
    expect([patch.status, patch.body.room.slowModeSec]).toEqual([200, 5]);
    await updated;
    expect((await s.rest("GET", "rooms")).body.rooms.some((r: { id: string }) => r.id === room)).toBe(true);
    expect((await s.rest("GET", `rooms/${encodeURIComponent(room)}/messages?limit=10`)).body.messages.length).toBe(2);
    const cleared = waitFor(viewer, "room:cleared");
    const clear = await s.rest("DELETE", `rooms/${encodeURIComponent(room)}/messages`);
    expect([clear.status, clear.body.deleted]).toEqual([200, 1]);
    await cleared;
    // A room id with a slash travels URL-encoded.
    const pageRoom = "page:/contact";
    expect((await s.rest("PATCH", `rooms/${encodeURIComponent(pageRoom)}`, { body: { frozen: true } })).body.room).toMatchObject({ id: pageRoom, frozen: true });

    const ended = waitFor(author, "session:ended");
    const ban = await s.rest("POST", "bans", { body: { userId: "r-author", reason: "spam", durationSec: 60 } });
    expect(ban.status).toBe(200);
    expect(ban.body.until).toBeGreaterThan(Date.now());
    expect((await ended).code).toBe("banned");
    expect((await s.rest("GET", "bans")).body.bans.map((b: { userId: string }) => b.userId)).toContain("r-author");
    expect((await s.rest("DELETE", "bans/r-author")).status).toBe(200);
    expect((await s.rest("DELETE", "bans/r-author")).status).toBe(404);

    const mute = await s.rest("POST", "mutes", { body: { userId: "r-viewer", durationSec: 60 } });
    expect(mute.body.until).toBeGreaterThan(Date.now());
    expect((await s.rest("DELETE", "mutes/r-viewer")).status).toBe(200);

    const block = await s.rest("POST", "ip-blocks", { body: { cidr: "2001:db8:1::/64", reason: "v6" } });
    expect(block.status).toBe(200);
    expect((await s.rest("GET", "ip-blocks")).body.blocks.map((b: { cidr: string }) => b.cidr)).toContain("2001:db8:1::/64");
    expect((await s.rest("DELETE", `ip-blocks/${encodeURIComponent("2001:db8:1::/64")}`)).status).toBe(200);
    expect((await s.rest("POST", "ip-blocks", { body: { cidr: "300.1.1.1", reason: "bad" } })).body.error.code).toBe("invalid_payload");

    const promoted = waitFor(viewer, "session", (x) => x.user.role === "expert");
    expect((await s.rest("PUT", "members/r-viewer/role", { body: { role: "expert" } })).status).toBe(200);
    await promoted;
    expect((await s.rest("PUT", "members/r-viewer/role", { body: { role: "manager" } })).body.error.code).toBe("invalid_payload");
    const inspect = await s.rest("GET", "members/r-viewer");
    expect([inspect.status, inspect.body.role]).toEqual([200, "expert"]);
    expect(Array.isArray((await s.rest("GET", "members/candidates?limit=5")).body.members)).toBe(true);

    const lex = await s.rest("PATCH", "lexicon", { body: { add: ["restmot"] } });
    expect(lex.body.terms).toBeGreaterThan(0);
    expect((await s.rest("PATCH", "links", { body: { block: ["rest.example"] } })).status).toBe(200);
    const filters = await s.rest("GET", "filters");
    expect(filters.body.terms).toContain("restmot");
    expect(filters.body.links.block).toContain("rest.example");

    const stats = await s.rest("GET", "stats");
    expect(stats.body).toMatchObject({ at: expect.any(Number), queue: expect.any(Number), rooms: expect.any(Array) });
    const audit = await s.rest("GET", "audit?limit=5&actor=cm-acme");
    expect(audit.body.entries).toHaveLength(5);
    expect(audit.body.cursor).toBeTypeOf("string");
    const next = await s.rest("GET", `audit?limit=5&actor=cm-acme&cursor=${audit.body.cursor}`);
    expect(next.body.entries[0].id).not.toBe(audit.body.entries[0].id);
  });

  it("errors: not_found, bad JSON (400), too large (413), unknown route (404), wrong types (400), all as { error: { code, message } }", async () => {
    const nf = await s.rest("DELETE", "messages/m_missing");
    expect([nf.status, nf.body.error.code]).toEqual([404, "not_found"]);
    expect(nf.body.error.message).toBeTypeOf("string");
    const bad = await s.rest("POST", "bans", { raw: "{not json" });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid_payload"]);
    // The limit is the socket door's 256 kB (MAX_PAYLOAD_BYTES), not a smaller REST-only one.
    const big = await s.rest("PATCH", "lexicon", { raw: JSON.stringify({ add: ["x".repeat(300 * 1024)] }) });
    expect([big.status, big.body.error.code]).toEqual([413, "invalid_payload"]);
    const unknown = await s.rest("GET", "nothing-here");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
    const types = await s.rest("POST", "bans", { body: { userId: 42, reason: ["x"] } });
    expect([types.status, types.body.error.code]).toEqual([400, "invalid_payload"]);
    const arr = await s.rest("POST", "bans", { raw: "[1,2]" });
    expect([arr.status, arr.body.error.code]).toEqual([400, "invalid_payload"]);
    const proto = await s.rest("POST", "mutes", { raw: '{"userId":"r-viewer","durationSec":5,"__proto__":{"admin":true}}' });
    expect([proto.status, proto.body.error.code]).toEqual([400, "invalid_payload"]);
    const limit = await s.rest("GET", "queue?limit=abc");
    expect([limit.status, limit.body.error.code]).toEqual([400, "invalid_payload"]);
    const neg = await s.rest("POST", "bans", { body: { userId: "r-viewer", reason: "x", durationSec: -1 } });
    expect(neg.body.error.code).toBe("invalid_payload");
    expect((await s.rest("GET", "audit?format=xml")).body.error.code).toBe("invalid_payload");
    const race = await s.rest("POST", "queue/m_missing/resolve", { body: { decision: "approve" } });
    expect(race.status).toBe(404);
  });

  it("serves an OpenAPI 3.1 document generated from the schemas", async () => {
    const r = await s.rest("GET", "/api/v1/openapi.json", { token: null });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe("3.1.0");
    for (const route of ADMIN_ROUTES) {
      const key = `/api/v1/tenants/{tenant}/${route.path.replace(/:(\w+)/g, "{$1}")}`;
      expect(r.body.paths[key]?.[route.method], key).toBeDefined();
    }
    const banBody = r.body.paths["/api/v1/tenants/{tenant}/bans"].post.requestBody.content["application/json"].schema;
    expect(banBody.required).toEqual(expect.arrayContaining(["userId", "reason"]));
    expect(banBody.properties.durationSec.type).toBe("integer");
    const resolveBody = r.body.paths["/api/v1/tenants/{tenant}/queue/{messageId}/resolve"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(resolveBody.properties)).not.toContain("messageId");
    expect(resolveBody.properties.decision.enum).toEqual(["approve", "remove"]);
    // The users' own routes (SPEC §9.2) and the personal-data ones (§9.5) are described too.
    expect(r.body.paths["/api/v1/tenants/{tenant}/me/notices"].get.security).toEqual([{ user: [] }]);
    const appealBody = r.body.paths["/api/v1/tenants/{tenant}/me/appeals"].post.requestBody.content["application/json"].schema;
    expect(appealBody.required).toEqual(expect.arrayContaining(["noticeId", "text"]));
    const data = r.body.paths["/api/v1/tenants/{tenant}/users/{userId}/data"];
    expect(Object.keys(data).sort()).toEqual(["delete", "get"]);
    expect(data.get.parameters.find((p: { name: string }) => p.name === "userId").schema.maxLength).toBe(128);
  });
});

describe("audit export (GET audit?format=ndjson|csv)", () => {
  let s: ModServer;
  const tricky: AuditEntry = {
    id: "a_tricky", at: Date.UTC(2024, 0, 2, 3, 4, 5), actor: { id: "cm-x", name: 'Camille "CM", Paris', role: "manager" },
    action: "user.banned", target: { userId: "u,1" }, reason: '=HYPERLINK("http://evil.example","x")\nline two',
  };
  beforeAll(async () => {
    s = await startModServer();
    // More than one export page (200) so the stream must walk every page.
    for (let i = 0; i < 450; i++) {
      await s.app.stores.audit.appendAudit("acme", { id: `a_${String(i).padStart(4, "0")}`, at: Date.now(), actor: { id: "system" }, action: "message.hidden", target: { messageId: `m${i}` } });
    }
    await s.app.stores.audit.appendAudit("acme", tricky);
    await s.app.stores.audit.appendAudit("acme", { ...tricky, id: "a_plus", reason: "+1 helpful", actor: { id: "-cm", name: "@me", role: "manager" } });
  });
  afterAll(async () => { await s.close(); });

  it("NDJSON: every entry, one JSON object per line, newest first", async () => {
    const r = await s.rest("GET", "audit?format=ndjson");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    expect(r.headers.get("content-disposition")).toMatch(/attachment; filename="audit-acme-.*\.ndjson"/);
    const lines = r.text.trimEnd().split("\n");
    expect(lines).toHaveLength(452);
    const parsed = lines.map((l) => JSON.parse(l) as AuditEntry);
    expect(parsed[0]!.id).toBe("a_plus");
    expect(parsed[1]).toEqual(tricky);
    expect(new Set(parsed.map((p) => p.id)).size).toBe(452);
    const filtered = await s.rest("GET", "audit?format=ndjson&actor=cm-x");
    expect(filtered.text.trimEnd().split("\n").map((l) => JSON.parse(l).id)).toEqual(["a_tricky"]);
  });

  it("CSV: header, RFC 4180 quoting, formula-injection guard", async () => {
    const r = await s.rest("GET", "audit?format=csv");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/csv/);
    const rows = parseCsv(r.text);
    expect(rows[0]).toEqual(["id", "at", "actor_id", "actor_name", "actor_role", "action", "target", "reason"]);
    expect(rows).toHaveLength(453);
    const plus = rows[1]!;
    expect(plus[0]).toBe("a_plus");
    expect(plus[2]).toBe("'-cm");
    expect(plus[3]).toBe("'@me");
    expect(plus[7]).toBe("'+1 helpful");
    const row = rows[2]!;
    expect(row).toEqual(["a_tricky", "2024-01-02T03:04:05.000Z", "cm-x", 'Camille "CM", Paris', "manager", "user.banned", '{"userId":"u,1"}', `'=HYPERLINK("http://evil.example","x")\nline two`]);
    expect(r.text).toContain('"Camille ""CM"", Paris"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("a,b")).toBe('"a,b"');
  });
});

/** A strict RFC 4180 reader for the assertions (quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(cell); cell = ""; }
    else if (ch === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

