import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { NEWCOMER_MEMORY, type NewcomerStore } from "./newcomer-store.ts";

/** The shared counts: `T nc:<user>` counters (expiring a year after the last post) and the `T nct` set of trusted ids. */
export class RedisNewcomerStore implements NewcomerStore {
  constructor(private readonly ctx: RedisContext) {}

  countPost(tenant: string, userId: string) {
    return this.ctx.guard(async () => {
      const key = this.ctx.key(tenant, "nc:", userId);
      const [n, , trusted] = await exec(this.ctx.client.multi().incr(key).expire(key, NEWCOMER_MEMORY.days * 86_400).sismember(`${this.ctx.t(tenant)}nct`, userId));
      return trusted === 1 ? Infinity : (n as number);
    });
  }

  trust(tenant: string, userId: string) {
    return this.ctx.guard(async () => { await this.ctx.client.sadd(`${this.ctx.t(tenant)}nct`, userId); });
  }

  forgetUser(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      await exec(this.ctx.client.multi().del(this.ctx.key(tenant, "nc:", userId)).srem(`${this.ctx.t(tenant)}nct`, userId));
    });
  }

  isTrusted(tenant: string, userId: string) {
    return this.ctx.guard(async () => (await this.ctx.client.sismember(`${this.ctx.t(tenant)}nct`, userId)) === 1);
  }
}
