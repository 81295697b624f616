import type { MaybePromise } from "../../maybe-promise.ts";

/** A room's counts over the last minute (SPEC §10.3), cluster-wide on Redis. */
export interface RoomRates { messages: number; joins: number }

/**
 * The per-room rates raid detection watches, counted in 5-second slots: "the last minute" is the
 * current slot and the eleven before it (55 to 60 s). And the one-per-raid claim, so that of the
 * nodes seeing a room trip at once, one shields it and alerts.
 */
export interface RaidStore {
  /** Counts one message or join in the room and answers the room's counts now. At once on the embedded store. */
  count(tenant: string, room: string, kind: "message" | "join", now: number): MaybePromise<RoomRates>;
  /** True for the first caller (on any node) until `ms` have passed; false for everyone else meanwhile. */
  claim(tenant: string, room: string, ms: number, now: number): Promise<boolean>;
  /** Drops a claim (a manager lifted the shield by hand: the next raid trips again). */
  release(tenant: string, room: string): Promise<void>;
}

export const SLOT_MS = 5000;
export const SLOTS = 12;
