import type { Namespace } from "socket.io";
import type { Author } from "../../client-sdk/src/protocol.ts";
import type { SessionData } from "../contracts/session.ts";
import type { PresenceStore } from "../store/presence/presence-store.ts";
import { rooms } from "../contracts/room-names.ts";

export const PRESENCE_INTERVAL_MS = 2000;

/**
 * Online counts across the cluster: each node reports its own room sizes every two seconds with
 * a short TTL (a killed node stops counting), and reads the sum. The local part is always live.
 */
export class Presence {
  // Per tenant, per room. Maps all the way down: room names are user input (a room called
  // `constructor` once made a plain object's count NaN).
  private readonly reported = new Map<string, Map<string, number>>();
  private readonly cluster = new Map<string, Map<string, number>>();

  constructor(private readonly chat: Namespace, private readonly store: PresenceStore, private readonly nodeId: string) {}

  /** Local sockets per room of one tenant, read from the adapter's room map. */
  localCounts(tenant: string): Map<string, number> {
    const prefix = rooms.room(tenant, "");
    const out = new Map<string, number>();
    for (const [name, sids] of this.chat.adapter.rooms) if (name.startsWith(prefix)) out.set(name.slice(prefix.length), sids.size);
    return out;
  }

  /**
   * The local counts the last tick reported (read from the adapter then), or live ones before the
   * first tick: the online push runs right after a tick and needs no second scan of every room.
   */
  lastLocalCounts(tenant: string): ReadonlyMap<string, number> {
    return this.reported.get(tenant) ?? this.localCounts(tenant);
  }

  online(tenant: string, room: string): number {
    const local = this.chat.adapter.rooms.get(rooms.room(tenant, room))?.size ?? 0;
    const clusterSum = this.cluster.get(tenant)?.get(room) ?? 0;
    const mine = this.reported.get(tenant)?.get(room) ?? 0;
    return local + Math.max(0, clusterSum - mine);
  }

  /**
   * The distinct users connected to the tenant's chat, cluster-wide: the adapter asks every node
   * for its sockets in the tenant's room (socket.data is plain session data, see SessionData).
   */
  async onlineUsers(tenant: string, limit: number): Promise<Author[]> {
    const sockets = await this.chat.in(rooms.tenant(tenant)).fetchSockets();
    const out = new Map<string, Author>();
    for (const s of sockets) {
      const user = (s.data as Partial<SessionData>).user;
      if (user && !out.has(user.id)) out.set(user.id, { id: user.id, name: user.name, role: user.role });
      if (out.size >= limit) break;
    }
    return [...out.values()];
  }

    async tick(tenants: readonly string[]): Promise<void> {
    for (const t of tenants) {
      const counts = this.localCounts(t);
      await this.store.reportPresence(this.nodeId, t, counts, PRESENCE_INTERVAL_MS * 3);
      this.reported.set(t, counts);
      this.cluster.set(t, await this.store.presence(t));
    }
  }
}
