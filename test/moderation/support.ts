import { AdminClient, ChatClient, type Message } from "../../client-sdk/src/index.ts";
import type { AppDeps } from "../../server/app.ts";
import type { Config } from "../../server/config/schema.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { mintToken } from "../support/tokens.ts";
import { until } from "../support/wait.ts";

/** Texts the test filters hold (a lexicon word, a link outside the allowlist); robust to a stronger engine. */
export const HELD_TEXT = "quel connard celui-là";
export const HELD_LINK = "venez voir www.spam-link.biz";

export interface ModServer extends TestServer {
  /** A connected AdminClient for a manager of `tenant` (default acme). Closed with the server. */
  admin(opts?: { tenant?: "acme" | "other"; sub?: string; name?: string; ip?: string }): Promise<AdminClient>;
  /** A connected ChatClient, optionally from a given client IP (needs `trustProxy`). */
  chat(opts?: { role?: string; sub?: string; name?: string; tenant?: "acme" | "other"; ip?: string }): Promise<ChatClient>;
  /** A REST call with a manager token of `tenant` (or the given token / none). */
  rest(method: string, path: string, opts?: { tenant?: "acme" | "other"; token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  managerToken(tenant?: "acme" | "other", sub?: string): Promise<string>;
}

export async function startModServer(config?: Readonly<Config>, deps?: AppDeps): Promise<ModServer> {
  const base = await startServer(config, deps);
  const admins: AdminClient[] = [];
  const ipOpts = (ip?: string) => (ip ? { socketOptions: { extraHeaders: { "x-forwarded-for": ip } } } : {});
  const s: ModServer = Object.assign(base, {
    async admin(opts: { tenant?: "acme" | "other"; sub?: string; name?: string; ip?: string } = {}) {
      const tenant = opts.tenant ?? "acme";
      const token = await mintToken({ tenant, role: "manager", sub: opts.sub ?? `cm-${tenant}`, name: opts.name ?? `Manager ${tenant}` });
      const a = new AdminClient({ url: base.url, tenant, token, ...ipOpts(opts.ip) });
      admins.push(a);
      await a.connect();
      return a;
    },
    async chat(opts: { role?: string; sub?: string; name?: string; tenant?: "acme" | "other"; ip?: string } = {}) {
      const { ip, ...rest } = opts;
      return base.connected({ ...rest, ...ipOpts(ip) });
    },
    managerToken(tenant: "acme" | "other" = "acme", sub = `cm-${tenant}`) {
      return mintToken({ tenant, role: "manager", sub, name: `Manager ${tenant}` });
    },
    async rest(method: string, path: string, opts: { tenant?: "acme" | "other"; token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
      const tenant = opts.tenant ?? "acme";
      const token = opts.token === undefined ? await s.managerToken(tenant) : opts.token;
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (opts.raw !== undefined) { body = opts.raw; headers["content-type"] ??= "application/json"; }
      else if (opts.body !== undefined) { body = JSON.stringify(opts.body); headers["content-type"] = "application/json"; }
      const url = path.startsWith("/") ? `${base.url}${path}` : `${base.url}/api/v1/tenants/${tenant}/${path}`;
      const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown;
      try { parsed = JSON.parse(text); } catch { parsed = undefined; }
      return { status: res.status, body: parsed, text, headers: res.headers };
    },
  });
  const close = base.close.bind(base);
  s.close = async () => {
    for (const a of admins) a.disconnect();
    await close();
  };
  return s;
}

/** A member posts a visible message in `room` (joining first). */
export async function post(c: ChatClient, room: string, text: string): Promise<Message> {
  await c.join(room).catch(() => undefined);
  return c.send(room, text);
}

/** Sends something the filters hold and returns it (status as the author sees it). */
export async function postHeld(c: ChatClient, room: string, text = HELD_TEXT): Promise<Message> {
  await c.join(room).catch(() => undefined);
  return c.send(room, text);
}

/** Waits until the server has recorded a user (handshakes record sessions asynchronously). */
export async function known(s: TestServer, userId: string, tenant = "acme"): Promise<void> {
  await until(() => s.app.stores.people.getUser(tenant, userId));
}

let roomSeq = 0;
/** A fresh room id per test so suites sharing a server do not see each other's messages. */
export function freshRoom(prefix = "product:t"): string {
  roomSeq += 1;
  return `${prefix}-${roomSeq}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * Sends `text` as a fresh member of `tenant` with a second member watching, in a fresh room;
 * answers the author's ack status (or the error code) and whether the watcher saw the message.
 * A marker sent after it settles the question: once the watcher has the marker, it would have had
 * the first message too.
 */
export async function sendWatched(s: ModServer, text: string, tenant: "acme" | "other" = "acme"): Promise<{ status: string; seenByOthers: boolean }> {
  const room = freshRoom();
  const tag = () => Math.random().toString(36).slice(2, 8);
  const author = await s.chat({ tenant, role: "member", sub: `sw-a-${tag()}` });
  const watcher = await s.chat({ tenant, role: "member", sub: `sw-w-${tag()}` });
  await author.join(room);
  await watcher.join(room);
  const seen: Message[] = [];
  watcher.on("message", (m) => seen.push(m));
  let status: string;
  try { status = (await author.send(room, text)).status; } catch (e) { status = (e as { code: string }).code; }
  const marker = await author.send(room, `marqueur ${Math.random()}`).catch(() => undefined);
  if (marker) await until(() => seen.some((m) => m.id === marker.id));
  return { status, seenByOthers: seen.some((m) => m.text === text) };
}
