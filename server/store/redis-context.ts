import type { Redis } from "ioredis";
import { isStoreDown, StoreUnavailableError } from "../errors.ts";
import { clusterSlot } from "./cluster-slot.ts";
import { runScript, SUFFIX, type ScriptName } from "./redis-scripts.ts";

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/**
 * WAIT's reply in a pipeline: throws unless a replica acknowledged the writes before it. Whatever
 * WAIT answers instead of a count (its connection lost mid-failover, "UNBLOCKED … instance state
 * changed", "WAIT cannot be used with replica instances" from a node demoted under it) leaves
 * the write's durability unknown: store_unavailable, never internal, and the client's resend
 * with the same clientId settles it.
 */
export function checkReplicated(reply: [Error | null, unknown] | undefined): void {
  const [err, acked] = reply ?? [new Error("no reply"), 0];
  if (err) throw new StoreUnavailableError(`write not confirmed by a replica (not replicated): ${err.message}`);
  if (Number(acked) < 1) throw new StoreUnavailableError("write not replicated in time (not replicated)");
}

/** Errors that mean "Redis is away or not serving", beyond the connection errors `isStoreDown` knows. */
const UNAVAILABLE = /Command timed out|LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|UNBLOCKED|^OOM|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|not ready|Too many Cluster redirections|Failed to refresh slots cache|Cluster isn't ready|Connection is closed|None of startup nodes is available|not replicated/i;
/** How long an acknowledged write waits for its replica on a Redis Cluster before it counts as not stored. */
const REPLICA_WAIT_MS = 1000;

/** URI-encoding of free-form ids inside key names, so that no id can forge another key. */
export const enc = encodeURIComponent;

/**
 * What every Redis half shares: the command connection, the key scheme and the error mapping.
 * Key layout (T = `${keyPrefix}t:{tenant}:`; the braces are a Redis Cluster hash tag, so one
 * tenant's keys share a slot and scripts can touch them together). Room, user, message and other
 * free-form ids are URI-encoded inside key names; inside hash fields and set members they are
 * stored raw.
 *
 * - rooms: `T room:<room>` hash of JSON settings (plus a "_" marker so an empty state exists),
 *   `T rooms` zset room -> last activity (written by the stats port's recordPost).
 * - messages: `T m:<id>` hash { j: JSON as appended, s: status, h: helpful count, x: shadow lifted,
 *   f: how many of its flags a manager's approval spent (they no longer count towards hiding),
 *   u: its author's `um:` key }; `T tl:<room>` list of ids, trimmed to `keep` (dropped bodies
 *   deleted unless queued, then once reviewed); `T um:<user>` list of the last 200 ids, whose
 *   forgotten ones are dropped from the old end as they go; `T idem:<key>` string -> id with PX ttl.
 * - flags: `T fl:<id>` list of flag JSON, `T fb:<id>` set of flagger ids; votes: `T hv:<id>` set.
 * - queue: `T q` zset id -> (normal ? 2^51 : 0) + queuedAt, `T q:<id>` hash of the entry.
 * - sanctions: `T bans`, `T mutes`, `T ipblocks` hashes (JSON; expired entries filtered on read and
 *   pruned with a compare-and-delete, since per-field TTLs need Redis 7.4).
 * - people: `T u:<user>` hash { u, fs, ls, c:<counter> }, `T uip:<user>` and `T udev:<user>` lists,
 *   `T users` zset user -> messages counter, `T roles` hash.
 * - audit: `T audit` stream (MAXLEN ~ 100000), cursor = stream id.
 * - outbox (webhook deliveries): `T ob:*`, see outbox/outbox-scripts.ts; webhook endpoints
 *   managers saved: `T wh` hash { v: version, j: JSON list }.
 * - filter edits: `T fe` hash { version, seq }, `T fe:<list>` zsets ordered by insertion.
 * - stats: `T st:<room>` hash "<minute>:<counter>" -> n (expires 2 h after the last bump), `T strooms`;
 *   the dashboard's `T dm:<minute>:<scope>` (2 h) and `T dh:<hour>:<scope>` (8 days) hashes
 *   counter -> n, scope "*" (the tenant) or "r<room>", and `T dmgr` manager id -> name.
 * - presence: `T pr:<node>` JSON counts with PX ttl, `T prnodes` index.
 * - spam windows: `T sp:<key>` zset at -> "tag\nmember".
 * - connections (not tenant-scoped; 16 tags `{conn0}`…`{connf}` picked by the IP, so the counts
 *   spread over a Redis Cluster's masters): `${keyPrefix}c:{connN}:ip:<ip>` hash node -> held, and
 *   per tag `${keyPrefix}c:{connN}:node:<node>`, a liveness key with PX refreshed by the holding
 *   node, read by the acquiring script in the IP's own slot.
 * - rate limits: `${keyPrefix}rl:<limiter prefix>:<key>` (rate-limiter-flexible's own layout),
 *   token buckets `${keyPrefix}tb:<prefix>:<key>`, or `T tb:<prefix>:<key>` for a tenant's
 *   buckets created with its id (every user's message bucket `rl`, a network's guest messages
 *   `gmip`: a guest's message takes from both in one script).
 * - alerts: `T al` zset id -> at, `T al:j` hash id -> JSON, `T al:ack` hash id -> { by, at } (HSETNX).
 * - newcomers: `T nc:<user>` post counters (expire a year after the last post), `T nct` trusted set.
 * - evasion: `T ev:m:<via>:<value>` marks (PX), `T ev:t:<banned>` their index, `T ev:lin:<user>`
 *   lineages, `T ev:l:<user>` links hash, `T ev:c` cleared pairs.
 * - notices: `T nt:<user>` list of notice JSON, newest first (SPEC §9.1); appeals: `T ap:*` (see redis-appeal-store.ts).
 * - restrictions ledger (SPEC §9.4): `T rs` zset of record JSON scored by time, no personal data.
 * - notices: `T nt:<user>` list of notice JSON, newest first (SPEC §9.1); appeals: `T ap:*` (see redis-appeal-store.ts);
 *   reports of illegal content: `T rp:*` (see redis-report-store.ts).
 * - locks: `T lock:<name>` holder id with PX ttl (one node at a time runs a periodic job).
 * - audit rewrites (SPEC §9.5 erasure): `T audit:r` hash stream id -> entry JSON read in place of the stream's.
 * - raids: `T rr:<room>` hash "m<slot>"/"j<slot>" -> count (5 s slots), `T raid:<room>` claim (NX PX).
 * - shared secrets: `${keyPrefix}secret:<name>` (one key, one command each); events: the sharded
 *   pub/sub channel `${keyPrefix}events` (SPUBLISH/SSUBSCRIBE: on a Redis Cluster it lives on the
 *   shard that owns its slot instead of being copied to every node).
 *
 * On a Redis Cluster every command, MULTI, pipeline and script of a port must stay in one slot:
 * a port's keys for one tenant all start with `t(tenant)`, whose `{tenant}` tag decides the slot,
 * and a script derives further keys only from that prefix. A key not scoped to a tenant carries
 * its own tag (as the connection counts do). Writes a user is told succeeded go through `write`,
 * which on a Redis Cluster also waits for the replica (so a failover cannot lose them).
 *
 * Every port method rejects with StoreUnavailableError when Redis cannot be reached (`guard`).
 */
export class RedisContext {
  /** Commands and scripts; must not use an ioredis `keyPrefix` (scripts build keys from `prefix`). */
  readonly client: Redis;
  /** Namespace of every key and of the event channel, e.g. "causette:". */
  readonly prefix: string;
  readonly now: () => number;
  /** The client is an ioredis `Cluster` (redis-clients.ts). */
  readonly cluster: boolean;

  constructor(opts: { client: Redis; keyPrefix: string; now?: () => number }) {
    this.client = opts.client;
    this.prefix = opts.keyPrefix;
    this.now = opts.now ?? Date.now;
    this.cluster = (opts.client as unknown as { isCluster?: boolean }).isCluster === true;
  }

  /**
   * `guard` for a write the caller will acknowledge (a message stored, a sanction set). On a Redis
   * Cluster it then waits (WAIT) until the tenant's master has passed the write to its replica:
   * replication is asynchronous, and a master killed right after answering would otherwise take
   * an acknowledged write with it when its replica takes over. No replica acknowledging in time
   * is StoreUnavailableError (the write may survive; the SDK's resend with the same clientId
   * finds it). A master with no replica in the slot map (its replica failed or is not attached
   * yet) is not waited for: the tenant keeps working, as a single Redis does.
   */
  async write<T>(tenant: string, op: () => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const result = await op();
      if (this.cluster) await this.replicated(this.t(tenant));
      return result;
    });
  }

  /**
   * `write` of one script: on a Redis Cluster the script and the WAIT for its replica go in one
   * pipeline, one round trip instead of two (WAIT counts the writes its connection made before
   * it, the script's among them). Answers the script's reply.
   */
  async writeScript(tenant: string, name: ScriptName, keys: string[], args: (string | number)[]): Promise<unknown> {
    return this.guard(async () => {
      if (!this.cluster || !this.hasReplica(this.t(tenant))) return runScript(this.client, name, keys, args);
      const replies = await runScript(this.client.pipeline(), name, keys, args).wait(1, REPLICA_WAIT_MS).exec();
      const [err, reply] = replies?.[0] ?? [new Error("no reply"), undefined];
      // ioredis follows MOVED and ASK in a pipeline only when all its commands are read-only, and
      // WAIT is not: a slot being migrated (ASK) or a stale slot map (MOVED) comes back here with
      // the script not run. The two-step path (`write`) lets the client follow the redirect
      // (test/store/redis-cluster.test.ts migrates a slot under an append).
      if (err && /^(MOVED|ASK) /.test(err.message)) return this.write(tenant, () => runScript(this.client, name, keys, args));
      if (err) throw err;
      checkReplicated(replies?.[1]);
      return reply;
    });
  }

  /** Whether the slot of `sampleKey` has a replica to wait for (a master alone is not waited for, see `write`). */
  private hasReplica(sampleKey: string): boolean {
    const nodes = (this.client as unknown as { slots: string[][] }).slots[clusterSlot(sampleKey)];
    return !!nodes && nodes.length >= 2;
  }

  private async replicated(sampleKey: string): Promise<void> {
    if (!this.hasReplica(sampleKey)) return;
    // WAIT has no key: riding in a pipeline with a key of the slot sends it on the connection to
    // the master that took the write, where it counts that connection's writes so far.
    const replies = await this.client.pipeline().exists(sampleKey).wait(1, REPLICA_WAIT_MS).exec();
    checkReplicated(replies?.[1]);
  }

  /** Runs a command sequence, turning every sign of an unreachable Redis into StoreUnavailableError. */
  async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** The key prefix of one tenant (refuses an id that could escape its hash tag). */
  t(tenant: string): string {
    if (!TENANT_ID.test(tenant)) throw new TypeError(`invalid tenant id ${JSON.stringify(tenant)}`);
    return `${this.prefix}t:{${tenant}}:`;
  }

  /** A tenant's key for a free-form id, e.g. `key("acme", "room:", room)`. */
  key(tenant: string, kind: string, id: string): string { return `${this.t(tenant)}${kind}${enc(id)}`; }

  /**
   * The tenant's keys whose name (after the tenant prefix) starts with `kind`, by SCAN: for rare
   * sweeps over short-lived keys (an erasure clearing spam windows). On a Redis Cluster the
   * tenant's slot is on one master; each master is scanned, since which one may change.
   */
  async scanKeys(tenant: string, kind: string): Promise<string[]> {
    const glob = (s: string) => s.replace(/[*?[\]\\]/g, "\\$&");
    const match = `${glob(this.t(tenant))}${glob(kind)}*`;
    const nodes: Redis[] = this.cluster ? (this.client as unknown as { nodes(role: "master"): Redis[] }).nodes("master") : [this.client];
    const out = new Set<string>();
    for (const node of nodes) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", match, "COUNT", 500);
        cursor = next;
        for (const k of keys) out.add(k);
      } while (cursor !== "0");
    }
    return [...out];
  }

  /** A message's hash (read by the message, flag and queue halves alike). */
  msgKey(tenant: string, id: string): string { return this.key(tenant, SUFFIX.message, id); }
}

function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (!isStoreDown(err) && !UNAVAILABLE.test(message)) return err;
  const e = new StoreUnavailableError(`redis unavailable: ${message}`);
  (e as Error & { cause?: unknown }).cause = err;
  return e;
}
