import type { Author, Message } from "../../client-sdk/src/protocol.ts";
import { IDEMPOTENCY_TTL_MS } from "../chat/message-service.ts";
import { toPublic } from "../chat/public-message.ts";
import { timelineKeep } from "../chat/room-directory.ts";
import { CausetteError } from "../errors.ts";
import { newId } from "../ids.ts";
import { ignoreFailure } from "../maybe-promise.ts";
import { validText } from "../pipeline/validate.ts";
import { idempotencyKey, type StoredMessage } from "../store/messages/message-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { Actor } from "./audit-log.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";

/** How much of a brand post the audit entry quotes. */
const AUDIT_EXCERPT = 200;

/**
 * The brand speaking in its rooms (issue 24): a manager posts as the brand (a `team` message,
 * signed with the tenant's name) and pins one message per room at the top of every widget.
 *
 * A brand post is stored and broadcast like a shopper's (timeline, history, rejoin, cluster
 * fan-out) but is the brand's own word: no filters, rate limits or room locks, only the text's
 * validation, so it reads exactly like any other message of the room.
 */
export class BrandVoice {
  constructor(private readonly deps: ModerationDepsWith<"messages" | "rooms" | "stats" | "bus">) {}

  async post(tenant: TenantRuntime, actor: Author, p: { room: string; text: string; replyTo?: string; clientId?: string }): Promise<{ message: Message }> {
    const { stores, rooms, broadcaster, audit, metrics } = this.deps;
    const t = tenant.id;
    const room = await rooms.resolve(tenant, rooms.validate(tenant, p.room));
    const text = validText(p.text, room.maxLength);
    if (typeof text !== "string") throw text;
    // Its own key space: the same clientId from the manager's shopper-side widget is another post.
    const idem = p.clientId === undefined ? undefined : idempotencyKey(actor.id, `team\u0000${p.clientId}`);
    if (idem) {
      const prev = await stores.messages.findIdempotent(t, idem);
      if (prev) return { message: toPublic(prev) };
    }
    if (p.replyTo !== undefined) {
      const parent = await stores.messages.getMessage(t, p.replyTo);
      if (!parent || parent.room !== room.id || parent.status !== "visible") throw new CausetteError("not_found", "The message you reply to does not exist.");
    }
    const now = Date.now();
    const message: StoredMessage = {
      id: newId("m_"), room: room.id, author: { id: actor.id, name: tenant.config.name, role: "manager" }, text, createdAt: now, status: "visible", team: true,
    };
    if (p.replyTo !== undefined) message.replyTo = p.replyTo;
    if (p.clientId !== undefined) message.clientId = p.clientId;
    const { message: stored, duplicate } = await stores.messages.appendMessage(t, message, {
      keep: timelineKeep(room), ...(idem ? { idempotency: { key: idem, ttlMs: IDEMPOTENCY_TTL_MS } } : {}),
    });
    const out = toPublic(stored);
    if (duplicate) return { message: out };
    broadcaster.toRoom(t, room.id, "message", out);
    metrics.moderation.inc({ action: "team_post" });
    // The room's activity (rooms:list) follows the post; a failure here must not fail the ack.
    ignoreFailure(() => stores.stats.recordPost(t, { room: room.id, userId: actor.id, at: now, held: false }));
    await audit.record(t, actor, "room.posted", { room: room.id, messageId: stored.id, text: excerpt(text) }, undefined, room.id);
    return { message: out };
  }

  /** Pins a visible message of the room, replacing any pin; pinning the pinned message again changes nothing. */
  async pin(tenant: TenantRuntime, actor: Author, p: { room: string; messageId: string }): Promise<{ message: Message }> {
    const { stores, rooms, audit, metrics } = this.deps;
    const t = tenant.id;
    const room = rooms.validate(tenant, p.room);
    const m = await stores.messages.getMessage(t, p.messageId);
    // Another room's message is as unknown here as another tenant's.
    if (!m || m.room !== room || m.status === "deleted") throw new CausetteError("not_found");
    // A held or hidden message pinned on top of every widget would publish what moderation withholds.
    if (m.status !== "visible") throw new CausetteError("forbidden", "Only a visible message can be pinned.");
    const message = toPublic(m);
    if (!(await stores.rooms.setPin(t, room, m.id))) return { message };
    await this.changed(tenant, room);
    this.deps.broadcaster.toRoom(t, room, "room:pinned", { room, message });
    this.deps.broadcaster.toAdmins(t, room, "room:pinned", { room, message });
    metrics.moderation.inc({ action: "pin" });
    await audit.record(t, actor, "room.pinned", { room, messageId: m.id, authorId: m.author.id, ...(m.team ? { team: true } : {}) }, undefined, room);
    return { message };
  }

  async unpin(tenant: TenantRuntime, actor: Author, p: { room: string }): Promise<{ unpinned: boolean }> {
    const room = this.deps.rooms.validate(tenant, p.room);
    const pinned = (await this.deps.stores.rooms.getRoomState(tenant.id, room))?.pinned;
    if (!pinned) return { unpinned: false };
    return { unpinned: await this.release(tenant, actor, room, pinned) };
  }

  /**
   * Messages of `room` were removed (deleted, cleared, purged): a pin on one of them goes with
   * it, for everyone at once. `ids` absent: the whole room was cleared.
   */
  async removed(tenant: TenantRuntime, actor: Actor, room: string, ids?: readonly string[]): Promise<void> {
    const pinned = (await this.deps.stores.rooms.getRoomState(tenant.id, room))?.pinned;
    if (pinned && (!ids || ids.includes(pinned))) await this.release(tenant, actor, room, pinned, true);
  }

  /** Unpins `messageId` if it is still the pin (a manager may have pinned another meanwhile). */
  private async release(tenant: TenantRuntime, actor: Actor, room: string, messageId: string, removed = false): Promise<boolean> {
    const t = tenant.id;
    if (!(await this.deps.stores.rooms.setPin(t, room, null, { ifPinned: messageId }))) return false;
    await this.changed(tenant, room);
    this.deps.broadcaster.toRoom(t, room, "room:unpinned", { room });
    this.deps.broadcaster.toAdmins(t, room, "room:unpinned", { room });
    this.deps.metrics.moderation.inc({ action: "unpin" });
    // `removed`: the pin went with its message (told in the manager's language by the back office).
    await this.deps.audit.record(t, actor, "room.unpinned", { room, messageId, ...(removed ? { removed: true } : {}) }, undefined, room);
    return true;
  }

  /** Every node reads the room's state afresh: a join answered there shows the new pin (see RoomDirectory). */
  private async changed(tenant: TenantRuntime, room: string): Promise<void> {
    this.deps.rooms.invalidate(tenant.id, room);
    await this.deps.stores.bus.publish({ type: "room:changed", tenant: tenant.id, room });
  }
}

function excerpt(text: string): string {
  return text.length > AUDIT_EXCERPT ? `${text.slice(0, AUDIT_EXCERPT)}…` : text;
}
