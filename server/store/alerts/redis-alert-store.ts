import type { Alert, Author } from "../../../client-sdk/src/protocol.ts";
import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { ALERTS_KEPT, type AlertStore } from "./alert-store.ts";

/**
 * The shared alerts: `T al` zset id -> raised at, `T al:j` hash id -> alert JSON, and `T al:ack`
 * hash id -> { by, at } JSON, written with HSETNX so that of two managers acknowledging at once,
 * on any nodes, exactly one wins.
 */
export class RedisAlertStore implements AlertStore {
  constructor(private readonly ctx: RedisContext) {}

  private keys(tenant: string) {
    const T = this.ctx.t(tenant);
    return { index: `${T}al`, body: `${T}al:j`, ack: `${T}al:ack` };
  }

  addAlert(tenant: string, alert: Alert) {
    return this.ctx.guard(async () => {
      const k = this.keys(tenant);
      const [, , size] = await exec(this.ctx.client.multi().zadd(k.index, String(alert.at), alert.id).hset(k.body, alert.id, JSON.stringify(alert)).zcard(k.index));
      if ((size as number) <= ALERTS_KEPT) return;
      // Two nodes trimming at once remove the same ids: harmless.
      const old = await this.ctx.client.zrange(k.index, "0", String((size as number) - ALERTS_KEPT - 1));
      if (old.length) await exec(this.ctx.client.multi().zrem(k.index, ...old).hdel(k.body, ...old).hdel(k.ack, ...old));
    });
  }

  listAlerts(tenant: string, opts: { status?: "open" | "acked"; limit: number }) {
    return this.ctx.guard(async () => {
      const k = this.keys(tenant);
      if (opts.limit <= 0) return [];
      const ids = await this.ctx.client.zrevrange(k.index, 0, ALERTS_KEPT - 1);
      if (!ids.length) return [];
      const [bodies, acks] = await exec(this.ctx.client.multi().hmget(k.body, ...ids).hmget(k.ack, ...ids)) as [(string | null)[], (string | null)[]];
      const out: Alert[] = [];
      for (let i = 0; i < ids.length && out.length < opts.limit; i++) {
        if (!bodies[i]) continue;
        const ack = acks[i];
        if (opts.status === "open" && ack) continue;
        if (opts.status === "acked" && !ack) continue;
        out.push(withAck(bodies[i]!, ack ?? null));
      }
      return out;
    });
  }

  forgetRaisedBy(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      const k = this.keys(tenant);
      const bodies = await this.ctx.client.hgetall(k.body);
      const ids = Object.entries(bodies).filter(([, j]) => (JSON.parse(j) as Alert).by?.id === userId).map(([id]) => id);
      if (ids.length) await exec(this.ctx.client.multi().zrem(k.index, ...ids).hdel(k.body, ...ids).hdel(k.ack, ...ids));
      return ids.length;
    });
  }

  ackAlert(tenant: string, alertId: string, by: Author, at: number) {
    return this.ctx.guard(async () => {
      const k = this.keys(tenant);
      const body = await this.ctx.client.hget(k.body, alertId);
      if (!body) return null;
      const acked = (await this.ctx.client.hsetnx(k.ack, alertId, JSON.stringify({ by, at }))) === 1;
      return { alert: withAck(body, await this.ctx.client.hget(k.ack, alertId)), acked };
    });
  }
}

function withAck(body: string, ack: string | null): Alert {
  const alert = JSON.parse(body) as Alert;
  if (ack) {
    const { by, at } = JSON.parse(ack) as { by: Author; at: number };
    alert.ackedBy = by;
    alert.ackedAt = at;
  }
  return alert;
}
