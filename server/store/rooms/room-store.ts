import type { Contribution } from "../../../client-sdk/src/protocol.ts";
import type { MaybePromise } from "../../maybe-promise.ts";

/**
 * Rooms: the settings managers give them, and the rooms known by last activity (the activity
 * itself is written by StatsStore.recordPost, in the same step as the post's other figures).
 */
export interface RoomStore {
  /** Manager-set settings of a room (absent fields fall back to config). Answers at once on the embedded store. */
  getRoomState(tenant: string, room: string): MaybePromise<RoomState | null>;
  updateRoomState(tenant: string, room: string, patch: Partial<RoomState>): Promise<RoomState>;
  /** Rooms with any post, most recently active first. */
  listRooms(tenant: string, limit: number): Promise<{ id: string; lastActive: number }[]>;
  /**
   * Pins `messageId` in the room (replacing any pin), or with null unpins it. With `ifPinned`, acts
   * only while the pin is that message (atomic: a message removed as another manager pins a new
   * one must not unpin the new one). Returns whether the pin changed.
   */
  setPin(tenant: string, room: string, messageId: string | null, opts?: { ifPinned?: string }): Promise<boolean>;
}

export interface RoomState {
  frozen?: boolean;
  slowModeSec?: number;
  contribution?: Contribution;
  /** SPEC §10.3 shield mode; with `shieldUntil` (epoch ms, 0 = none) it lifts itself then (a raid's). */
  shield?: boolean;
  shieldUntil?: number;
  /** Addition (brand voice): the id of the room's pinned message, set by setPin only. */
  pinned?: string;
}
