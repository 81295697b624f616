import type { Message, MessageChange, Reason, RoomJoinResult } from "../../client-sdk/src/protocol.ts";
import { decide } from "../filters/policy.ts";
import { CausetteError } from "../errors.ts";
import type { Metrics, StageTimer } from "../contracts/metrics.ts";
import { newId } from "../ids.ts";
import { afterReady, ignoreFailure, whenReady, type MaybePromise } from "../maybe-promise.ts";
import { runPipeline, toReason, type SendContext, type Stage } from "../pipeline/stage.ts";
import type { Broadcaster } from "../contracts/broadcaster.ts";
import type { DomainEvents } from "../contracts/domain-events.ts";
import type { QueueEntry } from "../store/queue/review-queue-store.ts";
import { idempotencyKey, type StoredMessage } from "../store/messages/message-store.ts";
import type { Stores } from "../store/stores.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { toPublic } from "./public-message.ts";
import { timelineKeep, type RoomDirectory } from "./room-directory.ts";
import type { SessionData } from "../contracts/session.ts";

/** SPEC §5.1: the same clientId from the same user within 10 minutes returns the first message. */
export const IDEMPOTENCY_TTL_MS = 10 * 60_000;

export interface SendInput { room: string; text: unknown; replyTo?: string; clientId?: string }

/**
 * What the chat side asks of moderation, declared here so the chat layer depends on no moderation
 * class (the review queue and the audit log satisfy them).
 */
export interface HeldMessageQueue {
  /** Puts a held message on the review queue and shows it to the managers watching its room. */
  enqueue(tenant: string, entry: QueueEntry, message: StoredMessage): Promise<void>;
}
export interface RejectionAudit {
  record(tenant: string, actor: { id: "system"; name: string }, action: "message.rejected", target: Record<string, unknown>, reason?: string, room?: string): Promise<unknown>;
}

/** Tells a user why a filter refused their message (SPEC §9.1); the notice service satisfies it. */
export interface RejectionNotices {
  messageRejected(tenant: TenantRuntime, session: SessionData, p: { room: string; text: string; reasons: Reason[] }): Promise<void>;
}

export interface MessageServiceDeps {
  stores: Pick<Stores, "messages" | "sanctions" | "stats">;
  rooms: RoomDirectory;
  broadcaster: Broadcaster;
  audit: RejectionAudit;
  /** Where held messages go for review. */
  queue: HeldMessageQueue;
  metrics: Metrics;
  stages: readonly Stage[];
  /** Where `message.held` goes (the brand's webhooks). */
  events: DomainEvents;
  /** Absent in unit wiring: a rejection then tells its author nothing beyond the ack. */
  notices?: RejectionNotices;
}

/** The shopper side of a room: reading history and posting through the pipeline. */
export class MessageService {
  /** Each stage's latency series, in stage order, looked up once (a message is timed seven times). */
  private readonly timers: readonly StageTimer[];
  private readonly deliverTimer: StageTimer;
  private readonly retriesShow = new WeakMap<object, boolean>();
  private readonly observeStage = (_stage: string, seconds: number, index: number) => this.timers[index]!.observe(seconds);

  constructor(private readonly deps: MessageServiceDeps) {
    this.timers = deps.stages.map((s) => deps.metrics.stageSeconds.stage(s.name));
    this.deliverTimer = deps.metrics.stageSeconds.stage("deliver");
  }

  /**
   * What `room:join` answers: the visible history (or what came after `since`), oldest first, plus
   * the caller's own held messages; and, on a rejoin (`since` or `recheck` given), the
   * `changes` (see MessageChange) read from the same timeline window, so the two agree. A room's
   * pinned message comes with every join while it is visible, so a late joiner and a reconnect
   * both see it.
   */
  async join(
    tenant: TenantRuntime, session: SessionData, roomId: string, opts: { since?: string; recheck?: readonly string[] },
  ): Promise<Omit<RoomJoinResult, "room">> {
    const room = await this.deps.rooms.resolve(tenant, roomId);
    const timeline = await this.deps.stores.messages.roomTimeline(tenant.id, roomId, timelineKeep(room));
    const history = this.visibleSince(timeline, room.historySize, session.user.id, opts.since);
    const pinned = room.pinned === undefined ? undefined : await this.pinned(tenant.id, room.id, room.pinned, timeline);
    const out: Omit<RoomJoinResult, "room"> = pinned ? { history, pinned } : { history };
    if (opts.since === undefined && opts.recheck === undefined) return out;
    return { ...out, changes: await this.changes(tenant, session, timeline, opts.since, opts.recheck ?? []) };
  }

  /**
   * The pinned message as shoppers see it, or nothing while it is not visible (hidden by flags,
   * or removed by a path that did not unpin it, such as retention or an erasure).
   */
  private async pinned(tenant: string, room: string, id: string, timeline: readonly StoredMessage[]): Promise<Message | undefined> {
    // Usually recent enough to be in the timeline just read; an older pin costs one read.
    const m = timeline.find((x) => x.id === id) ?? (await this.deps.stores.messages.getMessage(tenant, id));
    return m && m.room === room && m.status === "visible" ? toPublic(m) : undefined;
  }

  /**
   * MessageChange entries for a rejoin. The whole retained window is scanned, not only what is
   * older than `since`: the caller's own held messages come after its `since` (which only
   * advances on visible ones) and can be approved or removed meanwhile too.
   */
  private async changes(
    tenant: TenantRuntime, session: SessionData, timeline: readonly StoredMessage[], since: string | undefined, recheck: readonly string[],
  ): Promise<MessageChange[]> {
    const me = session.user.id;
    const wanted = new Set(recheck);
    // A shadow-banned moderator's flag "hid" a message for them alone (ModerationService.flag);
    // restoring it after a reconnect would tell them the hide never happened.
    const restores = wanted.size > 0 && (await this.deps.stores.sanctions.getBan(tenant.id, me, Date.now()))?.shadow !== true;
    const out: MessageChange[] = [];
    // "Up to `since`" by the timeline's own order. Ids sort by the millisecond only, so of two posts
    // in one millisecond (common at a few hundred a second) the id order was a coin toss. A `since`
    // the timeline no longer holds is older than all of it; its id still orders it by time.
    const sinceAt = since === undefined ? -1 : timeline.findIndex((m) => m.id === since);
    for (let i = 0; i < timeline.length; i++) {
      const m = timeline[i]!;
      // Only what the caller can have shown: visible up to its `since`, or listed in `recheck`.
      // Anything newer was posted while it was away and never reached it; listing it would reveal
      // that a held message existed.
      if (m.status === "hidden" || m.status === "deleted") {
        const shown = since !== undefined && (sinceAt >= 0 ? i <= sinceAt : m.id <= since);
        if (shown || wanted.has(m.id)) out.push({ id: m.id, status: m.status });
      }
      // Someone else's held message is skipped: nothing turns a visible message into a held one,
      // so the caller never showed it, and listing it would only reveal that it exists.
      else if (m.status === "visible" && restores && wanted.has(m.id)) out.push({ id: m.id, status: "visible", message: toPublic(m, me) });
    }
    return out;
  }

  private visibleSince(timeline: readonly StoredMessage[], historySize: number, me: string, since?: string): Message[] {
    let start = 0;
    if (since) {
      const i = timeline.findIndex((m) => m.id === since);
      // An unknown or expired `since` gets the whole history: the client de-duplicates by id.
      if (i >= 0) start = i + 1;
    }
    const out: Message[] = [];
    let visible = 0;
    // Walk back from the newest so the cap keeps the most recent visible messages.
    for (let i = timeline.length - 1; i >= start; i--) {
      const m = timeline[i]!;
      if (m.status === "visible") {
        if (visible >= historySize) continue;
        visible++;
        out.push(toPublic(m, me));
      } else if (m.status === "held" && m.author.id === me) {
        out.push(toPublic(m, me));
      }
    }
    return out.reverse();
  }

  /**
   * Posts through the pipeline. A plain visible post on the embedded store is judged, stored and
   * broadcast at once (a refusal is thrown at once); anything that waits (Redis, a reply's parent,
   * slow mode, a held or rejected message, an IP-block cache refresh) gives a promise. Each await
   * spared is a promise and a microtask turn on nearly every message.
   */
  send(tenant: TenantRuntime, session: SessionData, input: SendInput): MaybePromise<Message> {
    const idemKey = input.clientId ? idempotencyKey(session.user.id, input.clientId) : undefined;
    if (!idemKey) return this.judgeAndDeliver(tenant, session, input, undefined);
    if (!this.judgedTwiceShows(tenant)) {
      // No look-up first (a round trip per message on a shared store): the append finds a retry
      // by its key in the step that would store it, and answers the first message. A retry the
      // checks refuse (its author muted since, say) is looked up then, so it still gets that
      // first message. The price: a retry spends from its author's rate and spam budgets, as any
      // post does.
      let judged: MaybePromise<Message>;
      try {
        judged = this.judgeAndDeliver(tenant, session, input, idemKey);
      } catch (err) {
        return this.orRetry(err, tenant, session, idemKey);
      }
      return judged instanceof Promise ? judged.catch((err: unknown) => this.orRetry(err, tenant, session, idemKey)) : judged;
    }
    // A retry of something already stored skips every check: the client only lost our ack.
    return whenReady(this.findRetry(tenant, session, idemKey), (prev) => prev ?? this.judgeAndDeliver(tenant, session, input, idemKey));
  }

  /** judgingTwiceShows, decided once per (frozen) tenant config, not per message. */
  private judgedTwiceShows(tenant: TenantRuntime): boolean {
    let shows = this.retriesShow.get(tenant.config);
    if (shows === undefined) this.retriesShow.set(tenant.config, (shows = judgingTwiceShows(tenant.config)));
    return shows;
  }

  /** A refusal (a CausetteError) of a retry whose first message is stored gives way to that message. */
  private orRetry(err: unknown, tenant: TenantRuntime, session: SessionData, idemKey: string): MaybePromise<Message> {
    if (!(err instanceof CausetteError)) throw err;
    return whenReady(this.findRetry(tenant, session, idemKey), (prev) => { if (prev) return prev; throw err; });
  }

  /** The message a retry (same user, same clientId) first posted, as its author sees it; undefined if none. */
  private findRetry(tenant: TenantRuntime, session: SessionData, idemKey: string): MaybePromise<Message | undefined> {
    return whenReady(this.deps.stores.messages.findIdempotent(tenant.id, idemKey), (prev) => (prev ? toPublic(prev, session.user.id) : undefined));
  }

  private judgeAndDeliver(tenant: TenantRuntime, session: SessionData, input: SendInput, idemKey: string | undefined): MaybePromise<Message> {
    const now = Date.now();
    return whenReady(this.deps.rooms.resolve(tenant, input.room, now), (room) => {
      const ctx: SendContext = { tenant, session, room, rawText: input.text, text: "", now, hits: [] };
      if (input.replyTo !== undefined) ctx.replyTo = input.replyTo;
      if (input.clientId !== undefined) ctx.clientId = input.clientId;
      return whenReady(runPipeline(this.deps.stages, ctx, this.observeStage), (refusal) => {
        if (refusal) {
          // The refusal's code is counted by the door that answers it (serveEvents' onError).
          this.deps.metrics.messages.inc("refused");
          throw refusal;
        }
        const t0 = performance.now();
        return afterReady(() => this.deliver(tenant, session, ctx, idemKey), () => this.deliverTimer.observe((performance.now() - t0) / 1000));
      });
    });
  }

  /** Stage 7: decide the status from the hits and the tenant's policy, persist, then broadcast (SPEC §6.1.7, §6.2, §12). */
  private deliver(tenant: TenantRuntime, session: SessionData, ctx: SendContext, idemKey: string | undefined): MaybePromise<Message> {
    // The policy decides what the filters' hits do (SPEC §12); the brand's hook, when it held or
    // refused the message, decided already (its hit is the only one: it runs after clean stages).
    const decided = decide(ctx.hits, tenant.filterSettings());
    const onHit = ctx.onHit ?? decided.action;
    const reasons: Reason[] = (ctx.onHit ? ctx.hits : decided.hits).map(toReason);
    const filtered = reasons.length > 0;
    if (filtered && onHit === "reject") {
      // A retry of a stored message is answered that message, not refused (and not audited as a refusal).
      if (!idemKey) return this.reject(tenant, session, ctx, reasons);
      return whenReady(this.findRetry(tenant, session, idemKey), (prev) => prev ?? this.reject(tenant, session, ctx, reasons));
    }
    if (ctx.shadowBan) reasons.push({ kind: "ban", detail: "shadow ban" });
    // Newcomer, evasion and shield holds are holds whatever onHit says (SPEC §10).
    if (ctx.holds) reasons.push(...ctx.holds);
    const held = reasons.length > 0;
    const shadow = held && ((filtered && onHit === "shadow") || !!ctx.shadowBan);
    const message = newStoredMessage(session, ctx, held);
    if (ctx.replyTo !== undefined) message.replyTo = ctx.replyTo;
    if (held) message.reasons = reasons;
    if (shadow) message.shadow = true;

    const appended = this.deps.stores.messages.appendMessage(tenant.id, message, {
      keep: timelineKeep(ctx.room),
      ...(idemKey ? { idempotency: { key: idemKey, ttlMs: IDEMPOTENCY_TTL_MS } } : {}),
    });
    return whenReady(appended, ({ message: stored, duplicate }) => {
      if (duplicate) return toPublic(stored, session.user.id);
      const forAuthor = toPublic(stored, session.user.id);
      if (held) return this.hold(tenant, session, ctx, stored, forAuthor, shadow, reasons);
      this.deps.metrics.messages.inc("visible");
      this.deps.broadcaster.toRoom(tenant.id, ctx.room.id, "message", forAuthor);
      this.bookkeep(tenant, session, ctx, undefined);
      return forAuthor;
    });
  }

  /** onHit "reject": nothing is stored; the refusal is audited so managers see what was blocked. */
  private async reject(tenant: TenantRuntime, session: SessionData, ctx: SendContext, reasons: Reason[]): Promise<never> {
    this.deps.metrics.messages.inc("rejected");
    await this.deps.audit.record(tenant.id, { id: "system", name: "Causette" }, "message.rejected",
      { room: ctx.room.id, userId: session.user.id, text: ctx.text, reasons }, reasons.map((r) => `${r.kind}: ${r.detail}`).join(", "), ctx.room.id);
    await this.deps.notices?.messageRejected(tenant, session, { room: ctx.room.id, text: ctx.text, reasons });
    throw new CausetteError("content_blocked");
  }

  /** A held message reaches its author alone, and the managers' queue. */
  private async hold(
    tenant: TenantRuntime, session: SessionData, ctx: SendContext, stored: StoredMessage, forAuthor: Message, shadow: boolean, reasons: Reason[],
  ): Promise<Message> {
    const { queue, broadcaster, metrics } = this.deps;
    metrics.messages.inc(shadow ? "shadow" : "held");
    broadcaster.toUser(tenant.id, session.user.id, "message", forAuthor);
    await queue.enqueue(tenant.id, { messageId: stored.id, kind: "filter", reasons, priority: "normal", queuedAt: ctx.now }, stored);
    await this.deps.events.emit(tenant.id, "message.held", { message: toPublic(stored), reasons });
    this.bookkeep(tenant, session, ctx, reasons);
    return forAuthor;
  }

  /** Bookkeeping after the broadcast: it must not delay delivery, and a failure here must not fail the ack. */
  private bookkeep(tenant: TenantRuntime, session: SessionData, ctx: SendContext, heldFor: Reason[] | undefined): void {
    ignoreFailure(() => this.deps.stores.stats.recordPost(tenant.id, {
      room: ctx.room.id, userId: session.user.id, at: ctx.now, held: heldFor !== undefined, heldReason: heldFor?.[0]?.kind,
    }));
  }
}

/**
 * Whether judging a retry again would show outside its answer: the brand's moderation hook would
 * be asked about it a second time, a newcomer's post count would count it twice. Such tenants
 * look a retry up before judging it.
 */
function judgingTwiceShows(config: TenantRuntime["config"]): boolean {
  const { filters, moderation } = config;
  return filters.hook !== undefined || moderation.newcomers.holdFirst > 0 || Object.keys(moderation.newcomers.rooms).length > 0;
}

/**
 * A new message, with its `clientId` (nearly every post has one) written in the literal: a field
 * added afterwards lands in a separate property array, one more heap object for every message the
 * timeline keeps.
 */
function newStoredMessage(session: SessionData, ctx: SendContext, held: boolean): StoredMessage {
  const id = ctx.messageId ?? newId("m_"), room = ctx.room.id, text = ctx.text, createdAt = ctx.now, status = held ? "held" : "visible";
  // Shared, not copied: a session's user is replaced, never changed, once the handshake is over.
  const { user: author, ip, device } = session;
  return ctx.clientId === undefined
    ? { id, room, author, text, createdAt, status, ip, device }
    : { id, room, author, text, createdAt, status, ip, device, clientId: ctx.clientId };
}
