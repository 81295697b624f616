import type { RedisContext } from "../redis-context.ts";
import { runScript } from "../redis-scripts.ts";
import type { LockStore } from "./lock-store.ts";

/** The shared locks: `T lock:<name>` holding the holder's id, with PX ttl (SET NX, or renewed by its holder). */
export class RedisLockStore implements LockStore {
  constructor(private readonly ctx: RedisContext) {}

  acquire(tenant: string, name: string, holder: string, ttlMs: number) {
    return this.ctx.guard(async () =>
      (await runScript(this.ctx.client, "cstLock", [this.ctx.key(tenant, "lock:", name)], [holder, Math.max(1, Math.ceil(ttlMs))])) === 1);
  }

  release(tenant: string, name: string, holder: string) {
    return this.ctx.guard(async () => { await runScript(this.ctx.client, "cstUnlock", [this.ctx.key(tenant, "lock:", name)], [holder]); });
  }
}
