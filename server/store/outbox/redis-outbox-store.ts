import { randomUUID } from "node:crypto";
import type { RedisContext } from "../redis-context.ts";
import { defineOutboxScripts, runOutboxScript } from "./outbox-scripts.ts";
import { KEEP_SETTLED, type ClaimedDelivery, type Delivery, type OutboxStore, type Settlement } from "./outbox-store.ts";

/**
 * The shared outbox (key layout in outbox-scripts.ts): a sorted set of due deliveries per
 * endpoint, and a sorted set of leases, so a delivery a node claimed and never settled (the node
 * crashed) comes due again for any node when its lease ends. Claims, settlements and lease
 * reaping are scripts, so two nodes never hold the same delivery at once.
 */
export class RedisOutboxStore implements OutboxStore {
  constructor(private readonly ctx: RedisContext, private readonly keepSettled = KEEP_SETTLED) {
    defineOutboxScripts(ctx.client);
  }

  enqueue(tenant: string, deliveries: readonly (Delivery & { body: string })[]): Promise<void> {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      // One MULTI: every delivery of the event is written, or none.
      const tx = this.ctx.client.multi();
      for (const { body, ...d } of deliveries) {
        tx.hset(`${T}ob:i`, d.id, JSON.stringify(d));
        tx.hset(`${T}ob:b`, d.id, body);
        tx.zadd(`${T}ob:d:${d.endpointId}`, d.nextAttemptAt ?? d.createdAt, d.id);
        tx.zadd(`${T}ob:log`, 0, d.id);
      }
      const res = await tx.exec();
      const failed = res?.find(([err]) => err);
      if (!res || failed) throw failed?.[0] ?? new Error("outbox write aborted");
    });
  }

  claim(tenant: string, endpointId: string, now: number, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.ctx.guard(async () => {
      const lease = randomUUID();
      const reply = (await runOutboxScript(this.ctx.client, "cstObClaim", [this.ctx.t(tenant), endpointId, now, limit, leaseMs, lease])) as string[];
      const out: ClaimedDelivery[] = [];
      for (let i = 0; i < reply.length; i += 2) out.push({ ...decode(reply[i]!), body: reply[i + 1]!, lease });
      return out;
    });
  }

  settle(tenant: string, id: string, lease: string, outcome: Settlement, now: number): Promise<boolean> {
    return this.ctx.guard(async () => {
      const next = outcome.status === "pending" ? outcome.nextAttemptAt : 0;
      const err = outcome.status === "delivered" ? "" : outcome.lastError;
      const done = await runOutboxScript(this.ctx.client, "cstObSettle", [this.ctx.t(tenant), id, lease, outcome.status, next, err, now, this.keepSettled]);
      return Number(done) === 1;
    });
  }

  expedite(tenant: string, endpointId: string, now: number): Promise<number> {
    return this.ctx.guard(async () => Number(await runOutboxScript(this.ctx.client, "cstObExpedite", [this.ctx.t(tenant), endpointId, now])));
  }

  abandon(tenant: string, endpointId: string, reason: string, now: number): Promise<number> {
    return this.ctx.guard(async () => Number(await runOutboxScript(this.ctx.client, "cstObAbandon", [this.ctx.t(tenant), endpointId, reason, now, this.keepSettled])));
  }

  list(tenant: string, limit: number, cursor?: string): Promise<{ deliveries: Delivery[]; cursor?: string }> {
    return this.ctx.guard(async () => {
      const T = this.ctx.t(tenant);
      const ids = await this.ctx.client.zrevrangebylex(`${T}ob:log`, cursor === undefined ? "+" : `(${cursor}`, "-", "LIMIT", 0, limit + 1);
      const page = ids.slice(0, limit);
      const rows = page.length ? await this.ctx.client.hmget(`${T}ob:i`, ...page) : [];
      const deliveries = rows.filter((r): r is string => r !== null).map(decode);
      return ids.length > limit ? { deliveries, cursor: page[page.length - 1]! } : { deliveries };
    });
  }
}

/** A stored delivery without what only the store needs (the lease token). */
function decode(json: string): Delivery {
  const { lease: _lease, ...d } = JSON.parse(json) as Delivery & { lease?: string };
  return d;
}
