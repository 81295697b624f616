import type { ChainableCommander } from "ioredis";
import { isGuestId, type Author, type Device, type Role } from "../../../client-sdk/src/protocol.ts";
import { enc, type RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { runScript } from "../redis-scripts.ts";
import { foldName } from "./fold-name.ts";
import { GUEST_RECORD_IDLE_MS, type PeopleStore, type UserCounter, type UserRecord } from "./people-store.ts";

/** How many recent IPs and devices a user record keeps (as the embedded store). */
const KEEP_IPS = 20;
const KEEP_DEVICES = 10;

/** The shared people: `T u:<user>` hashes, `T uip:` / `T udev:` lists, `T users` by messages, `T names` by folded name, `T roles`. */
export class RedisPeopleStore implements PeopleStore {
  constructor(private readonly ctx: RedisContext) {}

  recordSession(tenant: string, user: Author, ip: string, device: Device, at: number) {
    return this.ctx.guard(async () => {
      const { ctx } = this;
      const deviceKey = JSON.stringify([device.browser, device.os, device.type]);
      await runScript(
        ctx.client, "cstSession",
        [ctx.key(tenant, "u:", user.id), ctx.key(tenant, "uip:", user.id), ctx.key(tenant, "udev:", user.id), `${ctx.t(tenant)}users`, `${ctx.t(tenant)}names`],
        [JSON.stringify(user), ip, deviceKey, `${deviceKey}\n${JSON.stringify(device)}`, at, KEEP_IPS, KEEP_DEVICES, enc(user.id), user.role === "guest" ? GUEST_RECORD_IDLE_MS : 0,
          `${foldName(user.name)}\u0000${enc(user.id)}`],
      );
    });
  }

  getUser(tenant: string, userId: string) {
    return this.ctx.guard(async () => (await this.readUsers(tenant, [enc(userId)]))[0] ?? null);
  }

  bumpUser(tenant: string, userId: string, field: UserCounter, by = 1) {
    return this.ctx.guard(async () => { await exec(queueUserBump(this.ctx, this.ctx.client.multi(), tenant, userId, [field], by)); });
  }

  listUsers(tenant: string, limit: number) {
    return this.ctx.guard(async () => {
      if (limit <= 0) return [];
      const ids = await this.ctx.client.zrevrange(`${this.ctx.t(tenant)}users`, 0, limit - 1);
      return (await this.readUsers(tenant, ids)).filter((u): u is UserRecord => u !== null);
    });
  }

  searchUsers(tenant: string, prefix: string, limit: number) {
    return this.ctx.guard(async () => {
      if (limit <= 0) return [];
      // Entries are "folded name NUL id", all scored 0, so lexical order is name order and a
      // prefix is a range: from "[prefix" up to "[prefix" followed by the highest byte.
      const min = prefix ? Buffer.from(`[${prefix}`) : "-";
      const max = prefix ? Buffer.concat([Buffer.from(`[${prefix}`), Buffer.from([0xff])]) : "+";
      const entries = await this.ctx.client.zrangebylex(`${this.ctx.t(tenant)}names`, min, max, "LIMIT", 0, limit);
      const ids = entries.map((e) => e.slice(e.lastIndexOf("\u0000") + 1));
      return (await this.readUsers(tenant, ids)).filter((u): u is UserRecord => u !== null);
    });
  }

  setRole(tenant: string, userId: string, role: Role | null) {
    return this.ctx.guard(async () => {
      const key = `${this.ctx.t(tenant)}roles`;
      if (role === null) await this.ctx.client.hdel(key, userId);
      else await this.ctx.client.hset(key, userId, role);
    });
  }

  getRole(tenant: string, userId: string) {
    return this.ctx.guard(async () => (await this.ctx.client.hget(`${this.ctx.t(tenant)}roles`, userId)) as Role | null);
  }

  forgetUser(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      const T = this.ctx.t(tenant);
      // The name index entry goes too ("folded name NUL id", kept in the record as `fn`): read it
      // first, since the record that names it is deleted with the rest.
      const fn = await this.ctx.client.hget(this.ctx.key(tenant, "u:", userId), "fn");
      const m = this.ctx.client.multi()
        .del(this.ctx.key(tenant, "u:", userId), this.ctx.key(tenant, "uip:", userId), this.ctx.key(tenant, "udev:", userId))
        .zrem(`${T}users`, enc(userId)).hdel(`${T}roles`, userId);
      if (fn) m.zrem(`${T}names`, fn);
      await exec(m);
    });
  }

  private async readUsers(tenant: string, encodedIds: string[]): Promise<(UserRecord | null)[]> {
    if (!encodedIds.length) return [];
    const T = this.ctx.t(tenant);
    const m = this.ctx.client.multi();
    for (const id of encodedIds) m.hgetall(`${T}u:${id}`).lrange(`${T}uip:${id}`, 0, -1).lrange(`${T}udev:${id}`, 0, -1);
    const rows = await exec(m);
    return encodedIds.map((_, i) =>
      decodeUser(rows[i * 3] as Record<string, string>, rows[i * 3 + 1] as string[], rows[i * 3 + 2] as string[]));
  }
}

/**
 * Queues on `m` what bumping `fields` of a user's counters takes (creating a placeholder record if
 * none): bumpUser, and the stats port's recordPost, which sends it in the same transaction as the
 * post's other figures.
 */
export function queueUserBump(ctx: RedisContext, m: ChainableCommander, tenant: string, userId: string, fields: readonly UserCounter[], by: number) {
  const guest = isGuestId(userId);
  const fallback: Author = { id: userId, name: userId, role: guest ? "guest" : "member" };
  // Guests' records expire (see PeopleStore) and are never moderator candidates (not in the index).
  return runScript(m, "cstUserBump", [ctx.key(tenant, "u:", userId), `${ctx.t(tenant)}users`],
    [JSON.stringify(fallback), ctx.now(), guest ? 1 : 0, GUEST_RECORD_IDLE_MS, by, enc(userId), ...fields]);
}

function decodeUser(h: Record<string, string>, ips: string[], devices: string[]): UserRecord | null {
  if (!h || h.u === undefined) return null;
  const c = (name: UserCounter) => Number(h[`c:${name}`] ?? 0);
  return {
    user: JSON.parse(h.u) as Author,
    ips,
    devices: devices.map((d) => JSON.parse(d.slice(d.indexOf("\n") + 1)) as Device),
    firstSeen: Number(h.fs),
    lastSeen: Number(h.ls),
    counters: {
      messages: c("messages"), helpfulReceived: c("helpfulReceived"), removed: c("removed"), flagsRaised: c("flagsRaised"),
      flagsUpheld: c("flagsUpheld"), flagsOverturned: c("flagsOverturned"), held: c("held"),
    },
  };
}
