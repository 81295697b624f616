import { randomBytes } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { enc, type RedisContext } from "../redis-context.ts";
import { runScript } from "../redis-scripts.ts";
import type { SpamCount } from "../../filters/types.ts";
import type { LimitStore } from "./limit-store.ts";
import { createMemoryTokenBucket, type TokenBucket, type TokenBucketOptions, type TokenBucketPair } from "./token-bucket.ts";

/** A per-IP connection hash nobody touched for this long is dropped (garbage collection, not correctness). */
const CONNECTION_HASH_TTL_MS = 24 * 60 * 60_000;

/** Connection counts are spread over this many hash tags (a Redis Cluster puts each in its own slot). */
const CONNECTION_SHARDS = 16;

/**
 * The cluster-wide limits. Connection slots (`${keyPrefix}c:{connN}:ip:<ip>` hash node -> held, N
 * from the IP) count only while their node's liveness key in the same tag (`c:{connN}:node:<node>`,
 * PX `nodeLivenessMs`) is refreshed, so a killed node's slots lapse. The script reads the liveness
 * keys of its own tag only, so it never leaves the IP's slot. Rate limiters and token buckets fall back to per-node memory
 * while Redis is away.
 */
export class RedisLimitStore implements LimitStore {
  private readonly livenessMs: number;
  private readonly liveNodes = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  /** Makes spam-window entries unique across nodes and calls. */
  private readonly tagBase = randomBytes(6).toString("base64url");
  private tagSeq = 0;

  constructor(private readonly ctx: RedisContext, opts: { nodeLivenessMs?: number } = {}) {
    this.livenessMs = opts.nodeLivenessMs ?? 15_000;
  }

  acquireConnection(nodeId: string, ip: string, limit: number) {
    return this.ctx.guard(async () => {
      const ok = await runScript(
        this.ctx.client, "cstAcquire", [`${this.connPrefix(ip)}ip:${enc(ip)}`],
        [enc(nodeId), limit, `${this.connPrefix(ip)}node:`, this.livenessMs, CONNECTION_HASH_TTL_MS],
      );
      if (ok === 1) this.keepAlive(nodeId);
      return ok === 1;
    });
  }

  releaseConnection(nodeId: string, ip: string) {
    return this.ctx.guard(async () => {
      await runScript(this.ctx.client, "cstRelease", [`${this.connPrefix(ip)}ip:${enc(ip)}`], [enc(nodeId)]);
    });
  }

  createRateLimiter(opts: { keyPrefix: string; points: number; durationSec: number }): RateLimiterAbstract {
    return new RateLimiterRedis({
      storeClient: this.ctx.client,
      keyPrefix: `${this.ctx.prefix}rl:${opts.keyPrefix}`,
      points: opts.points,
      duration: opts.durationSec,
      // Fall back at once rather than wait on a dead connection; limits keep holding per node meanwhile.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: opts.keyPrefix, points: opts.points, duration: opts.durationSec }),
    });
  }

  createTokenBucket(opts: TokenBucketOptions): TokenBucket {
    const one = this.bucket(opts);
    return {
      take: (k) => this.takeFrom([one], [k], () => [one.insurance.take(k)]).then((w) => w[0]!),
    };
  }

  createTokenBucketPair(a: TokenBucketOptions, b: TokenBucketOptions): TokenBucketPair {
    // One script needs both keys in one Redis Cluster slot: the tenant's hash tag on both.
    if (a.tenant === undefined || a.tenant !== b.tenant) throw new Error("a token bucket pair needs both buckets of one tenant");
    const first = this.bucket(a), second = this.bucket(b);
    return {
      take: (ka, kb) => this.takeFrom([first, second], [ka, kb], () => [first.insurance.take(ka), second.insurance.take(kb)]) as Promise<[number, number]>,
    };
  }

  /** A bucket's key, its script arguments, and the per-node bucket it falls back to. */
  private bucket(opts: TokenBucketOptions) {
    const { prefix } = this.ctx;
    const perMs = opts.perSecond / 1000;
    const key = opts.tenant === undefined
      ? (k: string) => `${prefix}tb:${opts.keyPrefix}:${enc(k)}`
      : (k: string) => this.ctx.key(opts.tenant!, `tb:${opts.keyPrefix}:`, k);
    return {
      key,
      args: [opts.capacity, perMs, Math.ceil(opts.capacity / perMs) + 1000] as const,
      // While Redis is away each node keeps limiting on its own, as rate-limiter-flexible's
      // insurance limiter does for the fixed-window limits.
      insurance: createMemoryTokenBucket(opts, this.ctx.now),
    };
  }

  private async takeFrom(buckets: ReturnType<RedisLimitStore["bucket"]>[], keys: readonly string[], fallBack: () => number[]): Promise<number[]> {
    const { client } = this.ctx;
    if (client.status !== "ready") return fallBack();
    try {
      const waits = (await runScript(
        client, buckets.length === 1 ? "cstBucket" : "cstBucket2", buckets.map((b, i) => b.key(keys[i]!)), buckets.flatMap((b) => b.args),
      )) as number[];
      return waits.map(Number);
    } catch {
      return fallBack();
    }
  }

  async recordText(tenant: string, key: string, member: string, windowMs: number, now: number) {
    return (await this.windows(tenant, "cstWindow", [key], member, windowMs, now))[0]!;
  }

  async recordTexts(tenant: string, keys: readonly [string, string], member: string, windowMs: number, now: number): Promise<[SpamCount, SpamCount]> {
    const [a, b] = await this.windows(tenant, "cstWindow2", keys, member, windowMs, now);
    return [a!, b!];
  }

  private windows(tenant: string, script: "cstWindow" | "cstWindow2", keys: readonly string[], member: string, windowMs: number, now: number) {
    return this.ctx.guard(async () => {
      const flat = (await runScript(
        this.ctx.client, script, keys.map((k) => this.ctx.key(tenant, "sp:", k)),
        [now, now - windowMs, `${this.tagBase}.${++this.tagSeq}`, member, Math.max(1, Math.ceil(windowMs)) + 1000],
      )) as number[];
      return keys.map((_, i): SpamCount => ({ count: flat[2 * i]!, distinct: flat[2 * i + 1]! }));
    });
  }

  forgetSpamOf(tenant: string, userId: string) {
    return this.ctx.guard(async () => {
      for (const key of await this.ctx.scanKeys(tenant, "sp:")) await runScript(this.ctx.client, "cstForgetMember", [key], [userId]);
    });
  }

  /** Stops refreshing this node's liveness (the stores are closing: its slots lapse). */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
  }

  /** The tag of an IP's connection count: a cheap spread of IPs over CONNECTION_SHARDS tags. */
  private connPrefix(ip: string): string {
    let h = 0;
    for (let i = 0; i < ip.length; i++) h = (h * 31 + ip.charCodeAt(i)) >>> 0;
    return `${this.ctx.prefix}c:{conn${(h % CONNECTION_SHARDS).toString(16)}}:`;
  }

  /** Refreshes the liveness of every node id that holds slots through this store, for as long as it runs. */
  private keepAlive(nodeId: string) {
    this.liveNodes.add(nodeId);
    if (this.heartbeat || this.closed) return;
    this.heartbeat = setInterval(() => {
      for (const node of this.liveNodes) {
        for (let shard = 0; shard < CONNECTION_SHARDS; shard++) {
          this.ctx.client.set(`${this.ctx.prefix}c:{conn${shard.toString(16)}}:node:${enc(node)}`, "1", "PX", this.livenessMs).catch(() => {});
        }
      }
    }, Math.max(10, Math.floor(this.livenessMs / 3)));
    this.heartbeat.unref();
  }
}
