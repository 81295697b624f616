import { enc, type RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import type { PresenceStore } from "./presence-store.ts";

/** Presence index entries are pruned this long after their report expired (the PX key is what counts). */
const PRESENCE_INDEX_GRACE_MS = 60_000;

/** The shared presence: `T pr:<node>` JSON counts with a PX ttl, indexed by `T prnodes`. */
export class RedisPresenceStore implements PresenceStore {
  constructor(private readonly ctx: RedisContext) {}

  reportPresence(nodeId: string, tenant: string, counts: ReadonlyMap<string, number>, ttlMs: number) {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      const now = this.ctx.now();
      const ttl = Math.max(1, Math.ceil(ttlMs));
      await exec(this.ctx.client.multi()
        .set(this.ctx.key(tenant, "pr:", nodeId), JSON.stringify([...counts]), "PX", ttl)
        .zadd(`${T}prnodes`, now + ttl, enc(nodeId))
        .zremrangebyscore(`${T}prnodes`, "-inf", now - PRESENCE_INDEX_GRACE_MS));
    });
  }

  presence(tenant: string) {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      const nodes = await this.ctx.client.zrange(`${T}prnodes`, 0, "-1");
      const out = new Map<string, number>();
      if (!nodes.length) return out;
      // The PX key is the truth: an expired node's report is simply gone. A report is a list of
      // [room, count] pairs, so no room name is ever read as an object's own machinery.
      for (const json of await this.ctx.client.mget(nodes.map((n) => `${T}pr:${n}`))) {
        if (json === null) continue;
        const pairs = JSON.parse(json) as unknown;
        if (!Array.isArray(pairs)) continue; // a report written by an older node: skipped until it refreshes
        for (const [room, n] of pairs as [string, number][]) out.set(room, (out.get(room) ?? 0) + n);
      }
      return out;
    });
  }
}
