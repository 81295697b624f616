import type { MaybePromise } from "../../maybe-promise.ts";

/**
 * Activity figures: per-room, per-minute counters for the back office, and the bookkeeping of
 * each post. recordPost lives here although it also touches the rooms' activity index
 * (RoomStore.listRooms) and the author's counters (PeopleStore): what it decides is what a post
 * counts for, and it does all of it in one step (one round trip on Redis, at once in memory).
 */
export interface StatsStore {
  /** Counts an event in the room's per-minute bucket (buckets older than an hour may be dropped). */
  bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number): Promise<void>;
  /** Per room (a Map: room names are user input), per-minute buckets since `since` (epoch ms), for rooms with any activity. */
  roomStats(tenant: string, since: number): Promise<Map<string, RoomMinute[]>>;
  /**
   * The bookkeeping of one posted message, in one call: the room's activity (that it exists and
   * was active at `at`, for the back office room list), its minute's `messages` stat (and `held`
   * when held), and the author's `messages` counter (and `held`), exactly as the separate calls
   * would do them.
   */
  recordPost(tenant: string, post: { room: string; userId: string; at: number; held: boolean }): MaybePromise<void>;
}

export type RoomCounter = "messages" | "held" | "flags";

/** One minute of a room's activity. */
export interface RoomMinute { minute: number; messages: number; held: number; flags: number }
