import type { Redis } from "ioredis";
import { enc, type RedisContext } from "../redis-context.ts";
import type { ClusterBus, ClusterEvent } from "./cluster-bus.ts";

/**
 * The shared bus: events go over the sharded pub/sub channel `${keyPrefix}events` (SPUBLISH and
 * SSUBSCRIBE, Redis 7; a separate connection, since a subscribed one cannot run commands). On a
 * Redis Cluster the channel lives on the shard owning its slot, like a key, instead of being
 * copied to every node as a plain PUBLISH is. Secrets are `${keyPrefix}secret:<name>` keys.
 */
export class RedisClusterBus implements ClusterBus {
  private readonly channel: string;
  private readonly handlers = new Set<(event: ClusterEvent) => void>();

  constructor(private readonly ctx: RedisContext, private readonly subscriber: Redis) {
    this.channel = `${ctx.prefix}events`;
    this.subscriber.on("smessage", this.onMessage);
    // ioredis resubscribes after a reconnect by itself; this covers a subscriber that was not ready yet.
    this.subscriber.on("ready", this.subscribeChannel);
    if (this.subscriber.status === "ready") this.subscribeChannel();
  }

  publish(event: ClusterEvent) {
    return this.ctx.guard(async () => { await this.ctx.client.spublish(this.channel, JSON.stringify(event)); });
  }

  subscribe(handler: (event: ClusterEvent) => void) {
    this.handlers.add(handler);
    return () => { this.handlers.delete(handler); };
  }

  sharedSecret(name: string, candidate: string) {
    return this.ctx.guard(async () => {
      const key = `${this.ctx.prefix}secret:${enc(name)}`;
      // SET NX then GET: whichever node comes first wins, and no node ever sees two values.
      await this.ctx.client.set(key, candidate, "NX");
      return (await this.ctx.client.get(key)) ?? candidate;
    });
  }

  /** Stops listening (the stores are closing; the connection itself is quit by their owner). */
  close(): void {
    this.handlers.clear();
    this.subscriber.off("smessage", this.onMessage);
    this.subscriber.off("ready", this.subscribeChannel);
  }

  private readonly onMessage = (channel: string, payload: string) => {
    if (channel !== this.channel) return;
    let event: ClusterEvent;
    try {
      event = JSON.parse(payload) as ClusterEvent;
    } catch {
      return;
    }
    for (const h of [...this.handlers]) {
      // One failing handler must not starve the others, nor kill the connection's event loop.
      try { h(event); } catch (err) { process.emitWarning(err instanceof Error ? err : new Error(String(err))); }
    }
  };

  private readonly subscribeChannel = () => {
    this.subscriber.ssubscribe(this.channel).catch(() => { /* retried on the next "ready" */ });
  };
}
