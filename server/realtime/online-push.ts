import type { Logger } from "pino";
import type { Namespace } from "socket.io";
import type { RoomInfo } from "../../client-sdk/src/protocol.ts";
import type { RoomDirectory } from "../chat/room-directory.ts";
import type { TenantRegistry } from "../tenants/tenant-registry.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { rooms } from "../contracts/room-names.ts";
import type { Presence } from "./presence.ts";

/** Room settings read in parallel per batch: enough to be quick, few enough not to flood the store. */
const BATCH = 64;

/**
 * Keeps the shoppers' "12 online" live (SPEC §5.2 `room:updated`, same RoomInfo as a manager's
 * change). It runs right after each presence tick, so a room's count is re-sent at most once per
 * tick however many sockets came and went in between, and never from the message path.
 *
 * Every node computes the same cluster-wide count, so each one tells only its own sockets
 * (`local`): going through the Redis adapter would deliver one copy per node.
 */
export class OnlinePush {
  /** Per tenant, per room with sockets on this node: the count those sockets were last sent. */
  private readonly sent = new Map<string, Map<string, number>>();
  private running = false;
  private stopped = false;

  constructor(private readonly deps: {
    chat: Namespace;
    presence: Presence;
    rooms: RoomDirectory;
    tenants: TenantRegistry;
    logger: Logger;
  }) {}

  async tick(): Promise<void> {
    // A slow store can make a tick outlast the interval; overlapping ones would send twice.
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      for (const tenant of this.deps.tenants.all()) await this.tickTenant(tenant);
    } finally {
      this.running = false;
    }
  }

  /** Shutdown: nothing more is sent, even by a tick already waiting on the store. */
  stop(): void { this.stopped = true; }

  private async tickTenant(tenant: TenantRuntime): Promise<void> {
    const { presence } = this.deps;
    const t = tenant.id;
    const local = presence.lastLocalCounts(t);
    let sent = this.sent.get(t);
    if (!sent) this.sent.set(t, (sent = new Map()));
    // A room this node no longer serves is forgotten: whoever joins it later is sent the count afresh.
    for (const room of sent.keys()) if (!local.has(room)) sent.delete(room);
    const changed = [...local.keys()].filter((room) => sent.get(room) !== presence.online(t, room));
    for (let i = 0; i < changed.length; i += BATCH) {
      await Promise.all(changed.slice(i, i + BATCH).map((room) => this.push(tenant, room, sent)));
    }
  }

  private async push(tenant: TenantRuntime, room: string, sent: Map<string, number>): Promise<void> {
    const { rooms: dir, chat, logger } = this.deps;
    const before = dir.generation;
    let info: RoomInfo;
    try {
      info = await dir.info(tenant, room);
    } catch (err) {
      logger.debug({ err, tenant: tenant.id, room }, "online push skipped");
      return;
    }
    // A settings change landed while reading: the manager's own room:updated carries the new
    // settings, and sending ours after it would put the old ones back. The next tick retries.
    if (this.stopped || dir.generation !== before) return;
    if (sent.get(room) === info.online) return;
    sent.set(room, info.online);
    chat.local.to(rooms.room(tenant.id, room)).emit("room:updated", info);
  }
}
