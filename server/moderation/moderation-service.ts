import type { Author, Flag, FlagReason } from "../../client-sdk/src/protocol.ts";
import { toPublic } from "../chat/public-message.ts";
import type { SessionData } from "../contracts/session.ts";
import { CausetteError } from "../errors.ts";
import { newId } from "../ids.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { AlertBoard } from "./alert-board.ts";
import { budgetKeyOf } from "../auth/client-ip.ts";
import { SYSTEM } from "./audit-log.ts";
import { EvasionWatch } from "./evasion-watch.ts";
import { FilterEditor } from "./filter-editor.ts";
import { MemberDirectory } from "./member-directory.ts";
import { categoryOfFlag } from "./dsa-category.ts";
import { NoticeService } from "./notice-service.ts";
import { PersonalData } from "./personal-data.ts";
import { Retention } from "./retention.ts";
import { AppealService } from "./appeal-service.ts";
import { BrandVoice } from "./brand-voice.ts";
import { ReportService } from "./report-service.ts";
import type { ModerationDeps } from "./moderation-deps.ts";
import { ReviewQueue } from "./review-queue.ts";
import { RaidGuard } from "./raid-guard.ts";
import { RoomControl } from "./room-control.ts";
import { Sanctions } from "./sanctions.ts";
import { StatsService } from "./stats-service.ts";
import { TransparencyService } from "./transparency-service.ts";
import { DashboardService } from "./dashboard-service.ts";

export type { ModerationDeps } from "./moderation-deps.ts";

/**
 * Every moderation rule lives here (DESIGN: one service, two thin doors). The /chat namespace
 * calls the shopper-side methods; the /admin namespace and the REST API call the manager ones.
 */
export class ModerationService {
  /** Approve/remove decisions on held and flagged messages. */
  readonly queue: ReviewQueue;
  /** Bans, mutes, IP blocks. */
  readonly sanctions: Sanctions;
  /** Message deletion, room clearing and settings. */
  readonly roomControl: RoomControl;
  /** Roles, moderator candidates, user records. */
  readonly members: MemberDirectory;
  /** Managers' word and link list edits. */
  readonly filters: FilterEditor;
  /** Live figures for the feed, `stats:get` and /metrics. */
  readonly stats: StatsService;
  /** The back office's home: live tiles and charts (extension). */
  readonly dashboard: DashboardService;
  /** Moderators' and raid alerts, kept until acknowledged (SPEC §10.3). */
  readonly alerts: AlertBoard;
  /** Ban evasion links (SPEC §10.2). */
  readonly evasion: EvasionWatch;
  /** Raid detection and automatic shields (SPEC §10.3). */
  readonly raids: RaidGuard;
  /** The brand's webhook endpoints, test events and deliveries. */
  readonly webhooks: ModerationDeps["webhooks"];
  /** Statements of reasons to restricted users (SPEC §9.1). */
  readonly notices: NoticeService;
  /** Users' appeals against notices, decided by managers (SPEC §9.2). */
  readonly appeals: AppealService;
  /** The period's transparency figures and statements of reasons (SPEC §9.4). */
  readonly transparency: TransparencyService;
  /** Posts as the brand and the rooms' pinned messages (issue 24). */
  readonly brand: BrandVoice;
  /** Reports of illegal content, decided with the message they report (SPEC §9.3). */
  readonly reports: ReportService;
  /** One user's data exported or erased (SPEC §9.5). */
  readonly personalData: PersonalData;
  /** Old messages purged on a schedule, one node at a time (SPEC §9.5). */
  readonly retention: Retention;

  constructor(protected readonly deps: ModerationDeps) {
    this.evasion = new EvasionWatch(deps);
    this.alerts = new AlertBoard(deps);
    this.notices = new NoticeService(deps);
    this.sanctions = new Sanctions(deps, this.evasion, this.notices);
    this.brand = new BrandVoice(deps);
    // Each needs the other: a report enters the queue, a queue decision decides the reports. The
    // report service reaches the queue through this late-bound call, built before the queue is.
    this.reports = new ReportService(deps, { enqueue: (t, entry, message) => this.queue.enqueue(t, entry, message) });
    this.queue = new ReviewQueue(deps, this.sanctions, this.notices, this.brand, this.reports);
    this.roomControl = new RoomControl(deps, this.queue, this.notices, this.brand);
    this.appeals = new AppealService(deps, this.sanctions, this.queue);
    this.transparency = new TransparencyService(deps);
    this.personalData = new PersonalData(deps, this.queue);
    this.retention = new Retention(deps, this.reports);
    this.members = new MemberDirectory(deps);
    this.filters = new FilterEditor(deps);
    this.stats = new StatsService(deps);
    this.dashboard = new DashboardService({ stores: deps.stores, stats: this.stats });
    this.webhooks = deps.webhooks;
    this.raids = new RaidGuard({ raids: deps.stores.raids, alerts: this.alerts, roomControl: this.roomControl, audit: deps.audit, logger: deps.logger });
  }

  /** SPEC §10.3: a ban, then with `purgeSec` the user's recent messages deleted everywhere (`purged` in the ack). */
  async ban(tenant: TenantRuntime, actor: Author, p: { userId: string; durationSec?: number; reason: string; shadow?: boolean; purgeSec?: number }): Promise<{ until?: number; purged?: number }> {
    const { purgeSec, ...ban } = p;
    const res = await this.sanctions.ban(tenant, actor, ban);
    return purgeSec === undefined ? res : { ...res, purged: await this.roomControl.purgeUser(tenant, actor, p.userId, purgeSec) };
  }

  /** The audit trail, newest first (see AuditLog.list for filters and cursors). */
  get audit() { return this.deps.audit; }

  /**
   * SPEC §6.3: anyone in the room flags once; a moderator's flag (or enough flaggers) hides it;
   * a member's flag queues it. Flags are rate-limited per user and per client IP (staff aside).
   * A guest's flag is recorded and counted, but never hides, and queues the message only once
   * guests on `guestFlagsToQueue` distinct networks have flagged it (one per network counts).
   */
  async flag(tenant: TenantRuntime, actor: SessionData, p: { messageId: string; reason: FlagReason; note?: string }, joined: (room: string) => boolean): Promise<{ hidden: boolean }> {
    refuseBots(actor);
    await takeFlagBudget(tenant, actor);
    const { stores, broadcaster, audit, metrics } = this.deps;
    const t = tenant.id;
    const message = await stores.messages.getMessage(t, p.messageId);
    // Held and deleted messages are invisible to flaggers: for them the message does not exist.
    if (!message || message.status === "deleted" || message.status === "held") throw new CausetteError("not_found");
    if (!joined(message.room)) throw new CausetteError("not_in_room");
    if (message.author.id === actor.user.id) throw new CausetteError("forbidden", "You cannot flag your own message.");
    // The brand's own word (issue 24) is answered for by its managers, not hidden by a count of reports.
    if (message.team) throw new CausetteError("forbidden", "The brand's own messages cannot be flagged.");
    const role = actor.user.role;
    // Another guest id on a network whose guests already flagged this message adds nothing: ids
    // are free, networks are not. The visitor is answered as if their flag were taken.
    if (role === "guest" && (await tenant.limits.guestFlagPerMessageIp.take(`${message.id}\u0000${budgetKeyOf(actor.ip)}`)) > 0) {
      return { hidden: message.status === "hidden" };
    }
    const now = Date.now();
    // A shadow ban silences the user's flags as it silences their messages (SPEC §6.4): a rogue
    // moderator, or a troll, keeps flagging as usual, but nothing they flag is hidden because of it.
    const shadowBanned = (await stores.sanctions.getBan(t, actor.user.id, now))?.shadow === true;
    const trusted = !shadowBanned && (role === "moderator" || role === "manager");
    const flag: Flag = { by: { ...actor.user }, reason: p.reason, at: now };
    if (p.note) flag.note = p.note;
    // Decided once, when the flag is raised, so counting never re-reads every flagger's bans.
    if (role === "guest" || shadowBanned) flag.discounted = true;
    const { reportsToHide, moderatorFlagHides } = tenant.config.moderation;
    const hideNow = trusted && moderatorFlagHides;
    // Guests are free to mint, so their flags never count towards hiding a message; nor do the
    // flags of shadow-banned users. The store counts every flagger, so the threshold
    // rises by the discounted flags already there (one racing in between can only delay a hide).
    let threshold = reportsToHide;
    if (role === "guest" || shadowBanned) threshold = Number.MAX_SAFE_INTEGER;
    else if (!hideNow) threshold += await this.discountedFlags(t, message.id);
    const res = await stores.flags.addFlag(t, message.id, flag, { reportsToHide: threshold, hideNow });
    if (!res) throw new CausetteError("not_found");
    // What a trusted flag would have done, shown to the shadow-banned flagger only, so they notice nothing.
    const fakeHide = shadowBanned && moderatorFlagHides && (role === "moderator" || role === "manager") && res.message.status === "visible";
    if (!res.added) return { hidden: res.message.status === "hidden" || fakeHide };

    metrics.flags.inc({ reason: p.reason });
    // Queued messages are kept until reviewed, so guests, whose ids are free, queue one together.
    const queues = role !== "guest" || (await this.guestFlaggers(t, message.id)) >= tenant.config.moderation.guestFlagsToQueue;
    if (queues) {
      await this.queue.enqueue(t, {
        messageId: message.id, kind: "flag", priority: trusted ? "high" : "normal", queuedAt: now,
        reasons: [{ kind: "flag", detail: p.reason, ...(p.note ? { match: p.note } : {}) }],
      }, res.message);
    }
    if (res.hiddenNow) {
      broadcaster.toRoom(t, message.room, "message:hidden", { room: message.room, messageId: message.id });
      await audit.record(t, trusted ? actor.user : SYSTEM, "message.hidden",
        { messageId: message.id, room: message.room, authorId: message.author.id, flags: res.count, ...(trusted ? { flagReason: p.reason } : {}) },
        trusted ? `flagged by ${role}: ${p.reason}` : `${res.count} reports`, message.room);
      // Hidden by a moderator's judgement, or by a count of reports that decides on its own.
      await this.notices.notify(tenant, message.author.id, {
        kind: "message_hidden", source: "flags", automated: { detection: false, decision: !trusted },
        category: categoryOfFlag(p.reason), message, ...(trusted ? { by: actor.user } : {}),
      });
    }
    await this.deps.events.emit(t, "message.flagged", { message: toPublic(res.message), flag: { by: flag.by, reason: flag.reason, ...(flag.note ? { note: flag.note } : {}) }, hidden: res.message.status === "hidden" });
    void Promise.all([
      stores.people.bumpUser(t, actor.user.id, "flagsRaised"),
      stores.stats.bumpRoomStat(t, message.room, "flags", now),
    ]).catch(() => undefined);
    if (fakeHide) {
      broadcaster.toUser(t, actor.user.id, "message:hidden", { room: message.room, messageId: message.id });
      return { hidden: true };
    }
    return { hidden: res.message.status === "hidden" };
  }

  /**
   * Flags the store counts towards `reportsToHide` (those since the last approval) that should
   * not: by guests, or by users who were shadow-banned when they flagged.
   */
  private async discountedFlags(t: string, messageId: string): Promise<number> {
    const flags = await this.deps.stores.flags.getFlags(t, messageId, { sinceReset: true });
    return flags.filter((f) => f.discounted === true || f.by.role === "guest").length;
  }

  /** Guests whose flags on the message are on record since its last approval (one per network). */
  private async guestFlaggers(t: string, messageId: string): Promise<number> {
    const flags = await this.deps.stores.flags.getFlags(t, messageId, { sinceReset: true });
    return flags.filter((f) => f.by.role === "guest").length;
  }

  /** Distinct signed-in members (not the author, not guests) vote a message helpful. */
  async helpful(tenant: TenantRuntime, actor: SessionData, messageId: string, joined: (room: string) => boolean): Promise<{ helpful: number }> {
    refuseBots(actor);
    const { stores, broadcaster } = this.deps;
    const t = tenant.id;
    const message = await stores.messages.getMessage(t, messageId);
    if (!message || message.status !== "visible") throw new CausetteError("not_found");
    if (!joined(message.room)) throw new CausetteError("not_in_room");
    if (actor.user.role === "guest") throw new CausetteError("unauthorized", "Sign in to vote.");
    if (message.author.id === actor.user.id) throw new CausetteError("forbidden", "You cannot vote for your own message.");
    const res = await stores.messages.addHelpful(t, messageId, actor.user.id);
    if (res.added) {
      broadcaster.toRoom(t, message.room, "message:helpful", { room: message.room, messageId, helpful: res.count });
      void stores.people.bumpUser(t, message.author.id, "helpfulReceived").catch(() => undefined);
    }
    return { helpful: res.count };
  }

  /** Moderators call the managers' attention to a room; the alert is kept until a manager acknowledges it. */
  async raiseAlert(tenant: TenantRuntime, actor: SessionData, room: string, note: string): Promise<void> {
    refuseBots(actor);
    const role = actor.user.role;
    if (role !== "moderator" && role !== "manager") throw new CausetteError("forbidden", "Only moderators raise alerts.");
    await this.alerts.raise(tenant.id, { id: newId("al_"), room, note, by: { ...actor.user }, at: Date.now() });
  }
}

/**
 * Flags cost nothing to raise and each one can put a message in front of a manager, so every
 * user below moderator has a budget, and so has every client IP (guest ids are free). Moderators
 * and managers are trusted: their flags are scored, and a raid is when they flag fastest.
 */
async function takeFlagBudget(tenant: TenantRuntime, actor: SessionData): Promise<void> {
  const role = actor.user.role;
  if (role === "moderator" || role === "manager") return;
  const { flagsPerUser, flagsPerIp } = tenant.limits;
  const waitMs = (await flagsPerUser.take(actor.user.id)) || (await flagsPerIp.take(actor.ip));
  if (waitMs > 0) throw new CausetteError("rate_limited", "Too many flags, slow down.", { retryAfterMs: waitMs });
}

/**
 * SPEC §4: known bots may read but not post. Flags, helpful votes and alerts act on what others
 * see (a flag can hide a message, votes rank members), so a bot gets no say there either,
 * whatever token it carries. Checked first: nothing is read for a refusal.
 */
function refuseBots(actor: SessionData): void {
  if (actor.device.bot) throw new CausetteError("forbidden", "Automated clients may read but not flag, vote or raise alerts.");
}
