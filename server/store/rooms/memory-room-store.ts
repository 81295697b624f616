import type { MaybePromise } from "../../maybe-promise.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import type { RoomState, RoomStore } from "./room-store.ts";

/**
 * The embedded rooms: settings and last activity per room. getRoomState is on the message path
 * and answers at once; its declared type stays the port's MaybePromise so a test double may
 * still answer later.
 */
export class MemoryRoomStore implements RoomStore {
  private readonly data = new PerTenant(() => ({ states: new Map<string, RoomState>(), activity: new Map<string, number>() }));

  getRoomState(tenant: string, room: string): MaybePromise<RoomState | null> {
    const s = this.data.of(tenant).states.get(room);
    return s ? copy(s) : null;
  }

  async updateRoomState(tenant: string, room: string, patch: Partial<RoomState>) {
    const states = this.data.of(tenant).states;
    const next = { ...(states.get(room) ?? {}) };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    states.set(room, next);
    return copy(next);
  }

  async setPin(tenant: string, room: string, messageId: string | null, opts: { ifPinned?: string } = {}) {
    const states = this.data.of(tenant).states;
    const cur = states.get(room);
    if (opts.ifPinned !== undefined && cur?.pinned !== opts.ifPinned) return false;
    if ((cur?.pinned ?? null) === messageId) return false;
    const next = { ...(cur ?? {}) };
    if (messageId === null) delete next.pinned; else next.pinned = messageId;
    states.set(room, next);
    return true;
  }

  async listRooms(tenant: string, limit: number) {
    return [...this.data.of(tenant).activity.entries()]
      .map(([id, lastActive]) => ({ id, lastActive }))
      .sort((a, b) => b.lastActive - a.lastActive)
      .slice(0, limit);
  }

  /** The room was active at `at` (the stats port's recordPost, in the same step as the post's other figures). */
  markActive(tenant: string, room: string, at: number): void {
    this.data.of(tenant).activity.set(room, at);
  }
}
