import type { Flag } from "../../../client-sdk/src/protocol.ts";
import { decodeMessage } from "../messages/redis-message-store.ts";
import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { runScript, SUFFIX } from "../redis-scripts.ts";
import { anonymousFlag, type FlagStore } from "./flag-store.ts";

/**
 * The shared flags: `T fl:<id>` list of flag JSON and `T fb:<id>` set of flaggers; the count spent
 * by an approval is the message hash's `f` field, so adding a flag and hiding its message are one
 * script. They go with their message (forgetMessage in redis-scripts.ts).
 */
export class RedisFlagStore implements FlagStore {
  constructor(private readonly ctx: RedisContext) {}

  addFlag(tenant: string, messageId: string, flag: Flag, rule: { reportsToHide: number; hideNow: boolean }) {
    return this.ctx.guard(async () => {
      const reply = (await runScript(
        this.ctx.client, "cstFlag",
        [this.ctx.msgKey(tenant, messageId), this.ctx.key(tenant, SUFFIX.flags, messageId), this.ctx.key(tenant, SUFFIX.flaggers, messageId)],
        [flag.by.id, JSON.stringify(flag), rule.reportsToHide, rule.hideNow ? "1" : "0"],
      )) as [number, number, number, unknown] | [];
      if (reply.length === 0) return null;
      const [added, count, hidden, fields] = reply;
      return { added: added === 1, count, hiddenNow: hidden === 1, message: decodeMessage(fields)! };
    });
  }

  getFlags(tenant: string, messageId: string, opts?: { sinceReset?: boolean }) {
    return this.ctx.guard(async () => {
      const flagsKey = this.ctx.key(tenant, SUFFIX.flags, messageId);
      let raw: string[];
      if (opts?.sinceReset) {
        // One transaction, so a reset landing between the two reads cannot skew the slice.
        const [spent, list] = await exec(this.ctx.client.multi().hget(this.ctx.msgKey(tenant, messageId), "f").lrange(flagsKey, 0, -1)) as [string | null, string[]];
        raw = list.slice(Number(spent ?? 0));
      } else raw = await this.ctx.client.lrange(flagsKey, 0, -1);
      return raw.map((f) => JSON.parse(f) as Flag);
    });
  }

  flagsBy(tenant: string, userId: string) {
    return this.ctx.guard(async () => {
      const start = this.ctx.t(tenant).length + SUFFIX.flags.length;
      const out: { messageId: string; flag: Flag }[] = [];
      for (const key of await this.ctx.scanKeys(tenant, SUFFIX.flags)) {
        for (const j of await this.ctx.client.lrange(key, 0, -1)) {
          const flag = JSON.parse(j) as Flag;
          if (flag.by.id === userId) out.push({ messageId: decodeURIComponent(key.slice(start)), flag });
        }
      }
      return out;
    });
  }

  forgetFlagger(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      let n = 0;
      for (const key of await this.ctx.scanKeys(tenant, SUFFIX.flags)) {
        const list = await this.ctx.client.lrange(key, 0, -1);
        for (let i = 0; i < list.length; i++) {
          const flag = JSON.parse(list[i]!) as Flag;
          if (flag.by.id !== userId) continue;
          // Compare-and-set: a list that moved meanwhile (its message forgotten) is left alone.
          n += Number(await runScript(this.ctx.client, "cstListSwap", [key], [i, list[i]!, JSON.stringify(anonymousFlag(flag))]));
        }
      }
      return n;
    });
  }

  resetFlagCount(tenant: string, messageId: string) {
    return this.ctx.guard(async () => {
      const reply = (await runScript(
        this.ctx.client, "cstFlagReset", [this.ctx.msgKey(tenant, messageId), this.ctx.key(tenant, SUFFIX.flags, messageId)], [],
      )) as string[];
      return reply.map((f) => JSON.parse(f) as Flag);
    });
  }
}
