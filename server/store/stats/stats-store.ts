import type { MaybePromise } from "../../maybe-promise.ts";
import type { DashBucket, DashResolution, DecisionRecord } from "./dashboard-counters.ts";

/**
 * Activity figures: per-room, per-minute counters for the back office, and the bookkeeping of
 * each post. recordPost lives here although it also touches the rooms' activity index
 * (RoomStore.listRooms) and the author's counters (PeopleStore): what it decides is what a post
 * counts for, and it does all of it in one step (at once in memory; on Redis summed with the
 * node's other posts and written with its next flush, at most a second later, see RedisStatsStore).
 */
export interface StatsStore {
  /**
   * Counts an event in the room's per-minute bucket (buckets older than an hour may be dropped).
   * A `flags` event also counts `flagged` on the dashboard (the room's and the tenant's).
   */
  bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number): Promise<void>;
  /** Per room (a Map: room names are user input), per-minute buckets since `since` (epoch ms), for rooms with any activity. */
  roomStats(tenant: string, since: number): Promise<Map<string, RoomMinute[]>>;
  /**
   * The bookkeeping of one posted message, in one call: the room's activity (that it exists and
   * was active at `at`, for the back office room list), its minute's `messages` stat (and `held`
   * when held), and the author's `messages` counter (and `held`), exactly as the separate calls
   * would do them; and its dashboard counters (dashboard-counters.ts `postCounters`), the room's
   * and the tenant's, per minute and per hour, in the same step. Settles once written (on Redis,
   * with the node's next flush: figures of the last second may be lost with the node, never a message).
   */
  recordPost(tenant: string, post: PostRecord): MaybePromise<void>;
  /**
   * Forgets what this node has not written yet of a user's own counters (an erasure, SPEC §9.5),
   * so a later write does not bring their record back. Other nodes may still hold up to
   * `pendingMs` of theirs: an erasure forgets the user's record again after that long.
   */
  forgetAuthor(tenant: string, userId: string): void;
  /** How long a post's figures may wait on a node before they are written (0: at once). */
  readonly pendingMs: number;
  /** Counts a manager's queue decision on the dashboard (`decisionCounters`), and remembers the manager's name. */
  recordDecision(tenant: string, decision: DecisionRecord): Promise<void>;
  /**
   * The dashboard's buckets of one room (or of the whole tenant when `room` is undefined) at one
   * resolution, from the bucket holding `from` to the one holding `to`, oldest first, empty ones
   * left out; with the names of the managers the buckets' `dec:` counters name. Minute buckets
   * are kept two hours, hour buckets eight days; every node of a cluster reads the same figures.
   */
  dashboard(tenant: string, q: { room?: string | undefined; resolution: DashResolution; from: number; to: number }): Promise<{ buckets: DashBucket[]; managers: Record<string, string> }>;
}

/** One posted message, as the stats count it; `heldReason` is the kind of the first reason it was held for. */
export interface PostRecord { room: string; userId: string; at: number; held: boolean; heldReason?: string | undefined }

export type RoomCounter = "messages" | "held" | "flags";

/** One minute of a room's activity. */
export interface RoomMinute { minute: number; messages: number; held: number; flags: number }
