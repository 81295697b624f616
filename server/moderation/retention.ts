import type { Author } from "../../client-sdk/src/protocol.ts";
import type { StoredMessage } from "../store/messages/message-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { newId } from "../ids.ts";
import { SYSTEM } from "./audit-log.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";

const DAY_MS = 24 * 3600_000;
/** Messages taken per store call: a first purge of a long history goes in bounded steps. */
const BATCH = 500;
/** Queue entries read per page when looking for old queued messages. */
const QUEUE_PAGE = 200;
/** The lock's name, and how long a node holds it at most (it gives it up when done; a crashed node's lapses). */
const LOCK = "retention";
const LOCK_TTL_MS = 10 * 60_000;
/** The purge acts for the host, not for a manager: feeds show it as Causette. */
const HOST: Author = { id: "system", name: "Causette", role: "manager" };

/**
 * SPEC §9.5 retention: messages older than the tenant's `retention.messagesDays` are purged from
 * room timelines, the review queue and the store. Every node runs `sweep` on a schedule; a lock in
 * the store lets one node of a cluster at a time do the work. Rooms are told (`message:deleted`)
 * so open widgets drop what went; each purge that took something is audited once, with the count.
 */
export class Retention {
  constructor(
    private readonly deps: ModerationDepsWith<"messages" | "queue" | "locks">,
    /** Reports still open on a purged message are decided (it is removed): the reporters are told (SPEC §9.3). */
    private readonly reports?: { decide(tenant: string, messageId: string, decision: "removed"): Promise<unknown> },
  ) {}

  /** Purges the tenant's old messages; null when another node holds the lock (it is purging now). */
  async sweep(tenant: TenantRuntime, holder: string, now = Date.now()): Promise<number | null> {
    const { stores } = this.deps;
    const t = tenant.id;
    // One sweep at a time even on one node (a slow one still running when the next is due).
    const me = `${holder}/${newId("sw_")}`;
    if (!(await stores.locks.acquire(t, LOCK, me, LOCK_TTL_MS))) return null;
    try {
      const before = now - tenant.config.retention.messagesDays * DAY_MS;
      let purged = 0;
      for (;;) {
        const batch = await stores.messages.purgeBefore(t, before, BATCH);
        for (const m of batch) await this.gone(tenant, m);
        purged += batch.length;
        if (batch.length < BATCH) break;
      }
      purged += await this.purgeQueued(tenant, before);
      if (purged > 0) await this.deps.audit.record(t, SYSTEM, "messages.purged", { before, messagesDays: tenant.config.retention.messagesDays, purged });
      return purged;
    } finally {
      await stores.locks.release(t, LOCK, me);
    }
  }

  /** Old messages kept only for review (off their timeline already): out of the queue and the store. */
  private async purgeQueued(tenant: TenantRuntime, before: number): Promise<number> {
    const { stores } = this.deps;
    const old: StoredMessage[] = [];
    let cursor: string | undefined;
    do {
      const page = await stores.queue.queueList(tenant.id, QUEUE_PAGE, cursor);
      for (const e of page.entries) {
        const m = await stores.messages.getMessage(tenant.id, e.messageId);
        if (m && m.createdAt < before) old.push(m);
      }
      cursor = page.cursor;
    } while (cursor);
    for (const m of old) await this.gone(tenant, m);
    return old.length;
  }

  /** A purged message: its room (or, held, its author) is told, and a queued one leaves the queue and the store. */
  private async gone(tenant: TenantRuntime, m: StoredMessage): Promise<void> {
    const { stores, broadcaster } = this.deps;
    const t = tenant.id;
    const event = { room: m.room, messageId: m.id };
    if (m.status === "held") broadcaster.toUser(t, m.author.id, "message:deleted", event);
    else if (m.status !== "deleted") broadcaster.toRoom(t, m.room, "message:deleted", event);
    if (await stores.queue.queueTake(t, m.id)) {
      broadcaster.toAdmins(t, m.room, "queue:resolved", { messageId: m.id, decision: "remove", by: HOST });
      await stores.queue.releaseReviewed(t, m.room, m.id);
    }
    await this.reports?.decide(t, m.id, "removed").catch((err: unknown) => this.deps.logger.warn({ err, tenant: t, messageId: m.id }, "could not decide the reports on a purged message"));
  }
}
