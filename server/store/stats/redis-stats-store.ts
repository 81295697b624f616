import { queueUserBump } from "../people/redis-people-store.ts";
import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { runScript } from "../redis-scripts.ts";
import { roomsKey } from "../rooms/redis-room-store.ts";
import { PostTally, tallyNames } from "./post-tally.ts";
import type { PostRecord, RoomCounter, RoomMinute, StatsStore } from "./stats-store.ts";
import {
  bucketStart, decisionCounters, HOUR_MS, HOURS_KEEP_MS, managerOf, MINUTE_MS, MINUTES_KEEP_MS, setOwn,
  type DashBucket, type DashResolution, type DecisionRecord,
} from "./dashboard-counters.ts";

const STATS_KEEP_MS = 60 * 60_000;
const STATS_TTL_MS = 2 * STATS_KEEP_MS;

/** How long a node sums posts before it writes them (SPEC §11): a crash loses at most this much of the figures, never a message. */
export const STATS_FLUSH_MS = 1000;

/** One tenant's posts not yet written; the write starts when `start` is called. */
interface Batch { tally: PostTally; start: () => void; written: Promise<void> }

/**
 * The shared stats: `T st:<room>` hashes "<minute>:<counter>" -> n (expiring 2 h after the last
 * bump), indexed by `T strooms`.
 *
 * recordPost does not write at once: a node sums its posts per tenant (PostTally) and writes the
 * sums every `flushMs` in one MULTI per tenant (the rooms' activity, their minutes' counters,
 * the dashboard's and the authors' counters), so a post costs no round trip of its own. Its
 * promise settles with that write. Figures are statistics: a node that dies loses at most its
 * last `flushMs` of them; a closing node writes what it holds. This node's own reads
 * (roomStats, dashboard) write its pending sums first, so it reads what it counted.
 *
 * The dashboard: `T dm:<minute>:<scope>` and `T dh:<hour>:<scope>` hashes counter -> n, scope
 * "*" for the tenant or "r<room>", each expiring after its resolution's keep (so there is
 * nothing to prune); `T dmgr` manager id -> name.
 */
export class RedisStatsStore implements StatsStore {
  private readonly pending = new Map<string, Batch>();
  /**
   * Each tenant's latest write started: a read of this node's figures waits for it too. The latest
   * is enough: a tenant's writes go down one connection (its slot's), and Redis answers in order.
   */
  private readonly lastWrite = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly flushMs: number;

  constructor(private readonly ctx: RedisContext, opts: { flushMs?: number } = {}) {
    this.flushMs = opts.flushMs ?? STATS_FLUSH_MS;
  }

  /** The flush interval, plus the write's own command timeout (see redis-clients.ts). */
  get pendingMs(): number { return this.flushMs + 2_000; }

  forgetAuthor(tenant: string, userId: string): void {
    this.pending.get(tenant)?.tally.authors.delete(userId);
  }

  /** Writes what is pending; a post recorded after this is written at once (a closing node's last sends). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number) {
    return this.ctx.guard(async () => {
      if (field !== "flags") return void await runScript(this.ctx.client, "cstStat", ...this.statCall(tenant, room, field, at, 1));
      const m = runScript(this.ctx.client.multi(), "cstStat", ...this.statCall(tenant, room, field, at, 1));
      await exec(runScript(m, "cstDash", ...this.dashCall(tenant, room, at, tallyNames(["flagged"]))));
    });
  }

  recordPost(tenant: string, post: PostRecord): Promise<void> {
    let batch = this.pending.get(tenant);
    if (!batch) {
      batch = this.openBatch(tenant);
      if (!this.timer) {
        this.timer = setTimeout(() => { this.timer = undefined; void this.flush(); }, this.flushMs);
        // The stores' close writes what is pending; the timer alone must not keep a process up.
        this.timer.unref();
      }
    }
    batch.tally.add(post);
    if (this.closed) void this.flush(tenant);
    return batch.written;
  }

  /** Writes every tenant's pending sums now (or one tenant's). A failed write is dropped: these are statistics. */
  async flush(tenant?: string): Promise<void> {
    const due = tenant === undefined ? [...this.pending.keys()] : this.pending.has(tenant) ? [tenant] : [];
    for (const t of due) {
      const batch = this.pending.get(t)!;
      this.pending.delete(t);
      batch.start();
      const written = batch.written.catch(() => undefined);
      this.lastWrite.set(t, written);
      void written.then(() => { if (this.lastWrite.get(t) === written) this.lastWrite.delete(t); });
    }
    // Writes the timer started earlier count too: "this node reads what it counted".
    const last = tenant === undefined ? [...this.lastWrite.values()] : [this.lastWrite.get(tenant)];
    await Promise.all(last);
    if (!this.pending.size && this.timer) { clearTimeout(this.timer); this.timer = undefined; }
  }

  /** A tenant's new batch: its write starts when `start` is called (by flush), and `written` settles with it. */
  private openBatch(tenant: string): Batch {
    const tally = new PostTally();
    let start!: () => void;
    const started = new Promise<void>((resolve) => { start = resolve; });
    const batch: Batch = { tally, start, written: started.then(() => this.write(tenant, tally)) };
    this.pending.set(tenant, batch);
    return batch;
  }

  /** One tenant's summed posts in one MULTI (one slot: every key carries the tenant's tag). */
  private write(tenant: string, tally: PostTally): Promise<void> {
    return this.ctx.guard(async () => {
      const m = this.ctx.client.multi();
      const activity: (string | number)[] = [];
      for (const [room, at] of tally.rooms) activity.push(at, room);
      m.zadd(roomsKey(this.ctx, tenant), ...activity);
      for (const c of tally.minutes.values()) runScript(m, "cstStat", ...this.statCall(tenant, c.room, c.field, c.at, c.n));
      for (const d of tally.dash.values()) runScript(m, "cstDash", ...this.dashCall(tenant, d.room, d.at, d.counts));
      for (const [userId, a] of tally.authors) {
        queueUserBump(this.ctx, m, tenant, userId, ["messages"], a.messages);
        if (a.held) queueUserBump(this.ctx, m, tenant, userId, ["held"], a.held);
      }
      await exec(m);
    });
  }

  roomStats(tenant: string, since: number) {
    return this.ctx.guard(async () => {
      await this.flush(tenant);
      const { ctx } = this;
      const rooms = await ctx.client.zrangebyscore(`${ctx.t(tenant)}strooms`, `(${since - 60_000}`, "+inf");
      const out = new Map<string, RoomMinute[]>();
      if (!rooms.length) return out;
      const hashes = await exec(rooms.reduce((m, room) => m.hgetall(ctx.key(tenant, "st:", room)), ctx.client.multi()));
      rooms.forEach((room, i) => {
        const buckets = new Map<number, { minute: number; messages: number; held: number; flags: number }>();
        for (const [field, n] of Object.entries(hashes[i] as Record<string, string>)) {
          const [m, counter] = field.split(":");
          const minute = Number(m);
          if (!(minute + 60_000 > since)) continue;
          const b = buckets.get(minute) ?? { minute, messages: 0, held: 0, flags: 0 };
          b[counter as RoomCounter] = Number(n);
          buckets.set(minute, b);
        }
        if (buckets.size) out.set(room, [...buckets.values()].sort((a, b) => a.minute - b.minute));
      });
      return out;
    });
  }

  recordDecision(tenant: string, d: DecisionRecord) {
    return this.ctx.guard(async () => {
      const m = this.ctx.client.multi().hset(`${this.ctx.t(tenant)}dmgr`, d.manager.id, d.manager.name);
      await exec(runScript(m, "cstDash", ...this.dashCall(tenant, d.room, d.at, tallyNames(decisionCounters(d)))));
    });
  }

  dashboard(tenant: string, q: { room?: string | undefined; resolution: DashResolution; from: number; to: number }) {
    return this.ctx.guard(async () => {
      await this.flush(tenant);
      const size = q.resolution === "minute" ? MINUTE_MS : HOUR_MS;
      const starts: number[] = [];
      for (let at = bucketStart(q.from, q.resolution); at <= bucketStart(q.to, q.resolution); at += size) starts.push(at);
      const scope = q.room === undefined ? "*" : `r${q.room}`;
      const hashes = starts.length ? await exec(starts.reduce((m, at) => m.hgetall(this.dashKey(tenant, q.resolution, at, scope)), this.ctx.client.multi())) : [];
      const buckets: DashBucket[] = [];
      const ids = new Set<string>();
      hashes.forEach((h, i) => {
        const entries = Object.entries(h as Record<string, string>);
        if (!entries.length) return;
        const counts: Record<string, number> = {};
        for (const [name, n] of entries) {
          setOwn(counts, name, Number(n));
          const id = managerOf(name);
          if (id !== undefined) ids.add(id);
        }
        buckets.push({ at: starts[i]!, counts });
      });
      const managers: Record<string, string> = {};
      if (ids.size) {
        const list = [...ids];
        const names = await this.ctx.client.hmget(`${this.ctx.t(tenant)}dmgr`, ...list);
        list.forEach((id, i) => { const n = names[i]; if (n != null) setOwn(managers, id, n); });
      }
      return { buckets, managers };
    });
  }

  private dashKey(tenant: string, resolution: DashResolution, at: number, scope: string): string {
    return this.ctx.key(tenant, `${resolution === "minute" ? "dm" : "dh"}:${at}:`, scope);
  }

  /** Keys and arguments of the dashboard script for some counters of one room at `at`. */
  private dashCall(tenant: string, room: string, at: number, counts: ReadonlyMap<string, number>): [string[], (string | number)[]] {
    const m = bucketStart(at, "minute"), h = bucketStart(at, "hour");
    const args: (string | number)[] = [MINUTES_KEEP_MS, HOURS_KEEP_MS];
    for (const [name, n] of counts) args.push(name, n);
    return [
      [this.dashKey(tenant, "minute", m, `r${room}`), this.dashKey(tenant, "minute", m, "*"), this.dashKey(tenant, "hour", h, `r${room}`), this.dashKey(tenant, "hour", h, "*")],
      args,
    ];
  }

  /** Keys and arguments of the stats script for one room counter in `at`'s minute. */
  private statCall(tenant: string, room: string, field: RoomCounter, at: number, n: number): [string[], (string | number)[]] {
    const minute = Math.floor(at / 60_000) * 60_000;
    return [[this.ctx.key(tenant, "st:", room), `${this.ctx.t(tenant)}strooms`], [`${minute}:${field}`, minute, room, at - STATS_KEEP_MS, STATS_TTL_MS, n]];
  }
}
