import type { RoomInfo } from "../../client-sdk/src/protocol.ts";
import { SHIELD_SLOW_MODE_SEC, type ResolvedRoom } from "../contracts/resolved-room.ts";
import { CausetteError } from "../errors.ts";
import { whenReady, type MaybePromise } from "../maybe-promise.ts";
import { ReadCache } from "../read-cache.ts";
import type { RoomState, RoomStore } from "../store/rooms/room-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";

/** How many timeline entries to keep per room: history plus room for held/hidden/deleted ones. */
export const timelineKeep = (room: ResolvedRoom) => Math.max(room.historySize * 3, 300);

const CACHE_MS = 1000;

/**
 * Room settings = config defaults < config overrides < manager changes (store). Cached per node
 * for a second and dropped at once on a `room:changed` cluster event, so every node agrees
 * within one second even if an event is lost.
 */
export class RoomDirectory {
  private readonly cache = new ReadCache<string, ResolvedRoom>(CACHE_MS);
  private changes = 0;

  constructor(private readonly store: RoomStore, private readonly online: (tenant: string, room: string) => number) {}

  /** Throws `invalid_room` unless the id matches the tenant's room pattern. */
  validate(tenant: TenantRuntime, room: unknown): string {
    if (typeof room !== "string" || room.length > 128 || !tenant.roomPattern.test(room)) throw new CausetteError("invalid_room");
    return room;
  }

  /** The room's settings: at once from the cache (or the embedded store), later from Redis. */
  resolve(tenant: TenantRuntime, room: string, now = Date.now()): MaybePromise<ResolvedRoom> {
    const key = `${tenant.id}\u0000${room}`;
    return this.cache.fresh(key, now) ?? this.cache.get(key, now, () =>
      whenReady(this.store.getRoomState(tenant.id, room), (state) => resolveRoom(tenant, room, state, now)));
  }

  invalidate(tenant: string, room: string): void {
    this.changes++;
    this.cache.invalidate(`${tenant}\u0000${room}`);
  }

  /**
   * Bumped by every `invalidate`. Something that resolved a room in the background (the online
   * count push) compares it across its await: if it moved, the settings it holds may be older
   * than a `room:updated` a manager's change already sent, so it must not send them.
   */
  get generation(): number { return this.changes; }

  async info(tenant: TenantRuntime, room: string): Promise<RoomInfo> {
    return toRoomInfo(await this.resolve(tenant, room), this.online(tenant.id, room));
  }
}

export function resolveRoom(tenant: TenantRuntime, room: string, state: RoomState | null, now = Date.now()): ResolvedRoom {
  const { defaults, overrides } = tenant.config.rooms;
  const o = Object.hasOwn(overrides, room) ? overrides[room]! : {};
  const slowModeSec = state?.slowModeSec ?? o.slowModeSec ?? defaults.slowModeSec;
  // A raid's shield lifts itself at `shieldUntil` even if the node that set it is gone.
  const shield = state?.shield === true && (!state.shieldUntil || state.shieldUntil > now);
  const out: ResolvedRoom = {
    id: room,
    contribution: state?.contribution ?? o.contribution ?? defaults.contribution,
    slowModeSec: shield ? Math.max(slowModeSec, SHIELD_SLOW_MODE_SEC) : slowModeSec,
    frozen: state?.frozen ?? false,
    shield,
    historySize: o.historySize ?? defaults.historySize,
    maxLength: o.maxLength ?? defaults.maxLength,
  };
  if (shield && state?.shieldUntil) out.shieldUntil = state.shieldUntil;
  if (state?.pinned) out.pinned = state.pinned;
  return out;
}

export function toRoomInfo(r: ResolvedRoom, online: number): RoomInfo {
  const info: RoomInfo = { id: r.id, contribution: r.contribution, slowModeSec: r.slowModeSec, frozen: r.frozen, shield: r.shield, online, maxLength: r.maxLength };
  if (r.shieldUntil !== undefined) info.shieldUntil = r.shieldUntil;
  return info;
}
