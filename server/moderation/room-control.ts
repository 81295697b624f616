import type { Author, Contribution, Message, MessageContext, RoomInfo } from "../../client-sdk/src/protocol.ts";
import { toPublic } from "../chat/public-message.ts";
import { CausetteError } from "../errors.ts";
import type { RoomState } from "../store/rooms/room-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import type { ReviewQueue } from "./review-queue.ts";
import { categoryOfReasons } from "./dsa-category.ts";
import type { NoticeService } from "./notice-service.ts";
import type { BrandVoice } from "./brand-voice.ts";

/** How many of a user's most recent messages a purge looks at (what the stores keep per user, at most). */
const PURGE_SCAN = 200;
/** How much of a room's timeline `context` reads to find a message's neighbours. */
const CONTEXT_SCAN = 500;

/** Managers acting on rooms and their messages: delete, clear, settings, and reading them. */
export class RoomControl {
  constructor(
    private readonly deps: ModerationDepsWith<"messages" | "people" | "rooms" | "presence" | "bus">, private readonly queue: ReviewQueue,
    private readonly notices?: Pick<NoticeService, "notify">,
    /** Unpins a removed message (brand voice); absent in unit wiring. */
    private readonly pins?: Pick<BrandVoice, "removed">,
  ) {}

  async deleteMessage(tenant: TenantRuntime, actor: Author, p: { messageId: string; reason?: string }): Promise<void> {
    const { stores, broadcaster, audit, metrics } = this.deps;
    const t = tenant.id;
    const before = await stores.messages.getMessage(t, p.messageId);
    if (!before || before.status === "deleted") throw new CausetteError("not_found");
    const after = await stores.messages.setMessageStatus(t, before.id, "deleted", ["visible", "held", "hidden"]);
    if (!after) throw new CausetteError("not_found");
    const event = { room: after.room, messageId: after.id };
    if (before.status === "held") broadcaster.toUser(t, after.author.id, "message:deleted", event);
    else broadcaster.toRoom(t, after.room, "message:deleted", event);
    await this.pins?.removed(tenant, actor, after.room, [after.id]);
    // Deleting a message that awaits review is that review's decision, so its flaggers are upheld
    // exactly as with queue:resolve "remove" (room:clear is not a judgement on each message).
    const flaggers = (await this.queue.removeDeleted(tenant, actor, after)) ?? [];
    await stores.people.bumpUser(t, after.author.id, "removed");
    metrics.moderation.inc({ action: "delete" });
    await audit.record(t, actor, "message.deleted",
      { messageId: after.id, room: after.room, authorId: after.author.id, ...(flaggers.length ? { flaggers } : {}) }, p.reason, after.room);
    await this.deps.events.emit(t, "message.removed", { message: toPublic(after), by: { ...actor }, ...(p.reason ? { reason: p.reason } : {}) });
    await this.notices?.notify(tenant, after.author.id, {
      kind: "message_removed", source: "manager", automated: { detection: false, decision: false },
      category: categoryOfReasons(before.reasons), message: after, silent: after.shadow === true, by: actor, ...(p.reason ? { reason: p.reason } : {}),
    });
  }

  async clearRoom(tenant: TenantRuntime, actor: Author, p: { room: string; reason?: string }): Promise<{ deleted: number }> {
    const { stores, broadcaster, audit, metrics, rooms } = this.deps;
    const room = rooms.validate(tenant, p.room);
    const changed = await stores.messages.clearRoom(tenant.id, room);
    broadcaster.toRoom(tenant.id, room, "room:cleared", { room });
    await this.pins?.removed(tenant, actor, room);
    for (const m of changed) await this.queue.drop(tenant, actor, m);
    metrics.moderation.inc({ action: "clear" });
    await audit.record(tenant.id, actor, "room.cleared", { room, deleted: changed.length }, p.reason, room);
    return { deleted: changed.length };
  }

  async updateRoom(
    tenant: TenantRuntime,
    actor: Author,
    p: { room: string; frozen?: boolean; slowModeSec?: number; contribution?: Contribution; shield?: boolean },
  ): Promise<{ room: RoomInfo }> {
    const { audit, metrics, rooms } = this.deps;
    const room = rooms.validate(tenant, p.room);
    const patch: Partial<RoomState> = {};
    if (p.frozen !== undefined) patch.frozen = p.frozen;
    if (p.slowModeSec !== undefined) patch.slowModeSec = p.slowModeSec;
    if (p.contribution !== undefined) patch.contribution = p.contribution;
    // A manager's shield stays until a manager lifts it; lifting also ends a raid's shield.
    if (p.shield !== undefined) { patch.shield = p.shield; patch.shieldUntil = 0; }
    if (!Object.keys(patch).length) throw new CausetteError("invalid_payload", "Nothing to change: give frozen, slowModeSec, contribution or shield.");
    const info = await this.applyRoomState(tenant, room, patch);
    metrics.moderation.inc({ action: "room_update" });
    const { shieldUntil: _, ...facts } = patch;
    await audit.record(tenant.id, actor, "room.updated", { room, ...facts }, undefined, room);
    return { room: info };
  }

  /** The settings managers and raids gave the room (store), or null. */
  async roomState(tenant: TenantRuntime, room: string): Promise<RoomState | null> {
    return this.deps.stores.rooms.getRoomState(tenant.id, room);
  }

  /** Stores room settings and tells every node and everyone in the room and the back office (manager or raid). */
  async applyRoomState(tenant: TenantRuntime, room: string, patch: Partial<RoomState>): Promise<RoomInfo> {
    const { stores, broadcaster, rooms } = this.deps;
    await stores.rooms.updateRoomState(tenant.id, room, patch);
    // This node answers with the new settings at once; the others drop their cache on the event.
    rooms.invalidate(tenant.id, room);
    await stores.bus.publish({ type: "room:changed", tenant: tenant.id, room });
    const info = await rooms.info(tenant, room);
    broadcaster.toRoom(tenant.id, room, "room:updated", info);
    broadcaster.toAdmins(tenant.id, room, "room:updated", info);
    return info;
  }

  /**
   * SPEC §10.3 `user:ban { purgeSec }`: deletes the user's messages of the last `purgeSec` seconds
   * in every room (as far as the store keeps a user's recent messages, see MessageStore), audited
   * once with the count rather than once per message.
   */
  async purgeUser(tenant: TenantRuntime, actor: Author, userId: string, purgeSec: number): Promise<number> {
    const { stores, broadcaster, audit } = this.deps;
    const t = tenant.id;
    const since = Date.now() - purgeSec * 1000;
    let purged = 0;
    const byRoom = new Map<string, string[]>();
    for (const m of await stores.messages.userMessages(t, userId, PURGE_SCAN)) {
      if (m.createdAt < since || m.status === "deleted") continue;
      const after = await stores.messages.setMessageStatus(t, m.id, "deleted", ["visible", "held", "hidden"]);
      if (!after) continue;
      purged++;
      const event = { room: after.room, messageId: after.id };
      if (m.status === "held") broadcaster.toUser(t, userId, "message:deleted", event);
      else broadcaster.toRoom(t, after.room, "message:deleted", event);
      const ids = byRoom.get(after.room);
      if (ids) ids.push(after.id); else byRoom.set(after.room, [after.id]);
      await this.queue.drop(tenant, actor, after);
    }
    // One look at each room's pin, not one per purged message.
    for (const [room, ids] of byRoom) await this.pins?.removed(tenant, actor, room, ids);
    await audit.record(t, actor, "user.purged", { userId, purged, purgeSec });
    return purged;
  }

  /** Rooms this tenant has seen, most recently active first, plus rooms with people in them now. */
  async listRooms(tenant: TenantRuntime): Promise<{ rooms: RoomInfo[] }> {
    const { stores, rooms, presence } = this.deps;
    const [known, online] = await Promise.all([stores.rooms.listRooms(tenant.id, 200), stores.presence.presence(tenant.id)]);
    const ids = new Set(known.map((r) => r.id));
    for (const id of [...online.keys(), ...(presence?.localCounts(tenant.id).keys() ?? [])]) ids.add(id);
    const out: RoomInfo[] = [];
    for (const id of ids) if (tenant.roomPattern.test(id)) out.push(await rooms.info(tenant, id));
    return { rooms: out };
  }

  /**
   * A message and up to `before`/`after` messages around it in its room (every status, oldest
   * first), to judge it in its conversation. A message no longer on its room's recent timeline
   * (a queued one may outlive it) gets the neighbours nearest in time that are.
   */
  async context(tenant: TenantRuntime, p: { messageId: string; before?: number; after?: number }): Promise<MessageContext> {
    const { stores } = this.deps;
    const message = await stores.messages.getMessage(tenant.id, p.messageId);
    if (!message) throw new CausetteError("not_found");
    const timeline = (await stores.messages.roomTimeline(tenant.id, message.room, CONTEXT_SCAN)).filter((m) => m.id !== message.id);
    const split = timeline.findIndex((m) => m.createdAt > message.createdAt);
    const at = split < 0 ? timeline.length : split;
    const nBefore = p.before ?? 5;
    return {
      message: toPublic(message),
      before: timeline.slice(Math.max(0, at - nBefore), at).map((m) => toPublic(m)),
      after: timeline.slice(at, at + (p.after ?? 5)).map((m) => toPublic(m)),
    };
  }

  /** Every status, oldest first: what managers need to judge a conversation. */
  async history(tenant: TenantRuntime, p: { room: string; limit?: number }): Promise<{ messages: Message[] }> {
    const room = this.deps.rooms.validate(tenant, p.room);
    const timeline = await this.deps.stores.messages.roomTimeline(tenant.id, room, p.limit ?? 100);
    return { messages: timeline.map((m) => toPublic(m)) };
  }
}
