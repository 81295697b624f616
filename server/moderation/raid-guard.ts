import type { Logger } from "pino";
import { newId } from "../ids.ts";
import { ignoreFailure, whenReady } from "../maybe-promise.ts";
import type { RaidStore, RoomRates } from "../store/raids/raid-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { SYSTEM } from "./audit-log.ts";
import { SYSTEM_AUTHOR, type AlertBoard } from "./alert-board.ts";
import type { AuditLog } from "./audit-log.ts";
import type { RoomControl } from "./room-control.ts";

/** After a room tripped on this node, it does not ask the cluster-wide claim again for this long. */
const LOCAL_BACKOFF_MS = 2000;

/**
 * SPEC §10.3 raid detection. Every message that passes validation and every join counts towards
 * its room's rates over the last minute (cluster-wide on Redis); a room that reaches
 * `moderation.raid.messagesPerMin` or `joinsPerMin` is shielded for `shieldSec`, once across the
 * cluster (RaidStore.claim), and the managers get an `alert` of kind "raid" with the figures
 * (AlertBoard.raise, which also audits `room.raid_detected`).
 *
 * Counting never delays a message: on the embedded store it is done at once, on Redis it runs
 * beside the message; the shield applies to the messages after the one that tripped it.
 */
export class RaidGuard {
  private readonly backoff = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: { raids: RaidStore; alerts: AlertBoard; roomControl: RoomControl; audit: AuditLog; logger: Logger }) {}

  /** A message passed validation in `room` (the pipeline's raid stage). */
  messagePosted(tenant: TenantRuntime, room: string, now: number): void { this.count(tenant, room, "message", now); }

  /** Someone joined `room`. */
  joined(tenant: TenantRuntime, room: string, now = Date.now()): void { this.count(tenant, room, "join", now); }

  /** Stops the timers that lift raid shields (the store's `shieldUntil` still lifts them). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private count(tenant: TenantRuntime, room: string, kind: "message" | "join", now: number): void {
    const { messagesPerMin, joinsPerMin } = tenant.config.moderation.raid;
    if ((kind === "message" ? messagesPerMin : joinsPerMin) === 0) return;
    ignoreFailure(() => whenReady(this.deps.raids.count(tenant.id, room, kind, now), (rates) => this.check(tenant, room, rates, now)));
  }

  private check(tenant: TenantRuntime, room: string, rates: RoomRates, now: number): void | Promise<void> {
    const { messagesPerMin, joinsPerMin } = tenant.config.moderation.raid;
    const over = (messagesPerMin > 0 && rates.messages >= messagesPerMin) || (joinsPerMin > 0 && rates.joins >= joinsPerMin);
    if (!over) return;
    const key = `${tenant.id}\u0000${room}`;
    if ((this.backoff.get(key) ?? 0) > now) return;
    this.backoff.set(key, now + LOCAL_BACKOFF_MS);
    if (this.backoff.size > 1000) for (const [k, until] of this.backoff) if (until <= now) this.backoff.delete(k);
    return this.trip(tenant, room, rates, now).catch((err: unknown) => this.deps.logger.warn({ err, tenant: tenant.id, room }, "raid shield failed"));
  }

  private async trip(tenant: TenantRuntime, room: string, rates: RoomRates, now: number): Promise<void> {
    const { messagesPerMin, joinsPerMin, shieldSec } = tenant.config.moderation.raid;
    const shieldMs = shieldSec * 1000;
    if (!(await this.deps.raids.claim(tenant.id, room, shieldMs, now))) return;
    const shieldUntil = now + shieldMs;
    const info = await this.deps.roomControl.applyRoomState(tenant, room, { shield: true, shieldUntil });
    await this.deps.alerts.raise(tenant.id, {
      id: newId("al_"), room, at: now, by: { ...SYSTEM_AUTHOR }, kind: "raid",
      note: `Raid: ${rates.messages} messages and ${rates.joins} joins in the last minute; shielded for ${shieldSec} s.`,
      raid: { messagesPerMin: rates.messages, joinsPerMin: rates.joins, limits: { messagesPerMin, joinsPerMin }, shieldUntil: info.shieldUntil ?? shieldUntil },
    });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.lift(tenant, room, shieldUntil).catch((err: unknown) => this.deps.logger.warn({ err, tenant: tenant.id, room }, "raid shield lift failed"));
    }, shieldMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** The raid's shield ends (unless a manager shielded the room by hand meanwhile, or lifted it already). */
  private async lift(tenant: TenantRuntime, room: string, shieldUntil: number): Promise<void> {
    const info = await this.deps.roomControl.roomState(tenant, room);
    if (info?.shield !== true || info.shieldUntil !== shieldUntil) return;
    await this.deps.roomControl.applyRoomState(tenant, room, { shield: false, shieldUntil: 0 });
    await this.deps.audit.record(tenant.id, SYSTEM, "room.updated", { room, shield: false }, undefined, room);
  }
}
