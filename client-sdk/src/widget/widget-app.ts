import { ChatClient, readStoredGuestToken } from "../chat-client.ts";
import { ChatError } from "../chat-error.ts";
import type { Appeal, Author, FlagReason, Message, Notice, RoomInfo, SanctionState, SessionEnded, WidgetConfig } from "../protocol.ts";
import { h } from "./dom.ts";
import { describeError, displayName, type WidgetStrings } from "./i18n.ts";
import { icon } from "./icons.ts";
import { meRequest } from "./me-door.ts";
import { messageItem } from "./message-item.ts";
import { reportForm, type IllegalReport, type ReportPanel } from "./report-form.ts";
import { NoticeBoard } from "./notice-board.ts";
import { pinRoom, resolveToken, type WidgetOptions } from "./options.ts";
import { WidgetView } from "./view.ts";

const ANSWERERS = new Set(["expert", "moderator", "manager"]);
/** When to try again after an IP block, by try: the first soon, then backing off to 5 minutes. */
const COMEBACK_DELAYS_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];
const STAFF = new Set(["moderator", "manager"]);
/** While a banned user's appeal of the ban waits, how often the widget asks whether it was decided. */
const APPEAL_POLL_MS = 60_000;

/**
 * The widget's behaviour: asks widget-config where it is, connects a ChatClient, keeps the
 * room's messages by id (so a reconnect's catch-up or a duplicate echo never shows twice) and
 * turns every server event and error into something a shopper can read.
 */
export class WidgetApp {
  private view: WidgetView | undefined;
  private client: ChatClient | undefined;
  private connecting: Promise<void> | undefined;
  private roomId: string | undefined;
  private room: RoomInfo | undefined;
  private me: Author | undefined;
  private readonly messages = new Map<string, Message>();
  private readonly flagged = new Set<string>();
  private readonly voted = new Set<string>();
  /** Set when the session can no longer post at all (ban, IP block, refused handshake). */
  private endedText: string | undefined;
  private mutedUntil = 0;
  private mutedReason: string | undefined;
  /** The brand's sign-in page (tenant config), offered to guests. */
  private signInUrl: string | undefined;
  /** The brand's community rules (widget-config), linked from notices. */
  private termsUrl: string | undefined;
  /** The brand JWT the chat connected with, if any: the `me/` door takes it too. */
  private token: string | undefined;
  private board: NoticeBoard | undefined;
  private muteTimer: ReturnType<typeof setTimeout> | undefined;
  private alertPanel: HTMLElement | undefined;
  /** The illegal-content report form (SPEC §9.3), one at a time; it stays to show the outcome. */
  private reportPanel: ReportPanel | undefined;
  /** A session ended by something a manager may lift (an IP block, a timed ban): when to try again. */
  private comebackTimer: ReturnType<typeof setTimeout> | undefined;
  private comebackTries = 0;
  private comebackArmed = false;
  /** A banned user's open appeal of the ban: the next look at the `me/` door. */
  private appealPoll: ReturnType<typeof setTimeout> | undefined;
  /** Reversed ban appeals already acted on: a refusal after one (a new ban) must not loop. */
  private readonly cameBackFor = new Set<string>();

  constructor(private readonly opts: WidgetOptions, private readonly t: WidgetStrings) {
    // Back on the page, or back online: a lifted block should not wait for the next timer.
    const now = () => {
      if (document.visibilityState !== "visible") return;
      if (this.comebackArmed) this.comebackSoon(0);
      else if (this.appealPoll) void this.loadNotices();
    };
    document.addEventListener("visibilitychange", now);
    window.addEventListener("online", now);
  }

  /** Shows the widget for `path` (or hides it when widget-config says no), switching rooms if needed. */
  async show(path: string): Promise<void> {
    const cfg = pinRoom(await this.fetchConfig(path), this.opts.room);
    if (!cfg?.show || !cfg.room) {
      this.opts.mount.hidden = true;
      if (this.roomId) await this.leave();
      return;
    }
    this.opts.mount.hidden = false;
    this.signInUrl = cfg.signInUrl;
    this.termsUrl = cfg.termsUrl;
    const view = this.ensureView(cfg.name);
    if (cfg.room === this.roomId) return;
    if (this.roomId) await this.leave();
    this.roomId = cfg.room;
    view.setRoomLabel(cfg.room === "faq" ? `${cfg.name} · FAQ` : cfg.name);
    await this.ensureConnected();
    if (this.client && !this.endedText) await this.join(cfg.room);
  }

  private async fetchConfig(path: string): Promise<WidgetConfig | undefined> {
    try {
      const res = await fetch(`${this.opts.url}/api/v1/tenants/${encodeURIComponent(this.opts.tenant)}/widget-config?path=${encodeURIComponent(path)}`);
      if (!res.ok) { console.warn(`causette: widget-config answered ${res.status}`); return undefined; }
      return (await res.json()) as WidgetConfig;
    } catch (err) {
      console.warn("causette: widget-config unreachable", err);
      return undefined;
    }
  }

  private ensureView(brand: string): WidgetView {
    if (this.view) return this.view;
    const view = new WidgetView(this.opts.mount, this.t, brand, { send: (text, parent) => this.send(text, parent) });
    this.view = view;
    this.board = new NoticeBoard({
      t: this.t, tenant: this.opts.tenant, termsUrl: () => this.termsUrl,
      appeal: (noticeId, text) => this.appeal(noticeId, text),
      insertPanel: (panel) => view.insertPanel(panel),
      announce: (text) => view.announce(text),
    });
    return view;
  }

  private ensureConnected(): Promise<void> {
    this.connecting ??= this.connect();
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const token = await resolveToken(this.opts);
    this.token = token ?? undefined;
    const client = new ChatClient({ url: this.opts.url, tenant: this.opts.tenant, ...(token ? { token } : {}) });
    this.client = client;
    client.on("session", (s) => { this.me = s.user; this.onRoleOrRoom(); });
    client.on("status", (s, err) => {
      // A client replaced by a comeback may still say it closed: that is not news any more.
      if (client !== this.client) return;
      // On every (re)connection: notices that came while away are kept by the server.
      if (s === "connected") { this.view?.setStatus(""); this.view?.setLive(this.room !== undefined); void this.loadNotices(); }
      else if (s === "reconnecting") { this.view?.setStatus(this.t.reconnecting); this.view?.setLive(false); }
      // "closed" follows session:ended, which already said why (with the ban's end): keep that.
      else if (this.endedText) return;
      else if (err && err.code !== "disconnected") this.endFor(err.code, err.until);
      else this.end(this.t.ended);
    });
    client.on("message", (m) => { if (m.room === this.roomId) this.put(m, true); });
    client.on("message:restored", (m) => {
      if (m.room !== this.roomId) return;
      const before = this.messages.get(m.id);
      this.put(m, !before);
      if (before?.status === "held" && m.author.id === this.me?.id) this.view?.composer.info(this.t.approved);
    });
    client.on("message:hidden", ({ room, messageId }) => {
      const m = this.messages.get(messageId);
      if (room === this.roomId && m) this.put({ ...m, status: "hidden" }, false);
    });
    client.on("message:deleted", ({ room, messageId }) => {
      if (room !== this.roomId) return;
      const m = this.messages.get(messageId);
      this.messages.delete(messageId);
      this.view?.remove(messageId);
      if (m && m.author.id === this.me?.id && m.status === "held") this.view?.composer.info(this.t.removedOwn);
      this.refreshReplies(messageId);
    });
    client.on("message:helpful", ({ room, messageId, helpful }) => {
      const m = this.messages.get(messageId);
      if (room === this.roomId && m) this.put({ ...m, helpful }, false);
    });
    client.on("room:cleared", ({ room }) => {
      if (room !== this.roomId) return;
      this.messages.clear();
      this.view?.clear();
      this.view?.composer.info(this.t.cleared);
    });
    client.on("room:pinned", ({ room, message }) => {
      if (room !== this.roomId) return;
      this.view?.setPinned(message);
      this.view?.announce(this.t.pinnedNow(message.text));
    });
    client.on("room:unpinned", ({ room }) => { if (room === this.roomId) this.view?.setPinned(undefined); });
    client.on("room:updated", (r) => {
      if (r.id !== this.roomId) return;
      const before = this.room;
      this.room = r;
      this.view?.setOnline(r.online);
      // Most updates only carry a new head count (sent every few seconds while people come and
      // go). Re-rendering for them would rebuild every message and re-insert the banners, whose
      // status roles make screen readers say them again.
      if (before && sameSettings(before, r)) return;
      this.onRoleOrRoom();
    });
    client.on("sanction", (s: SanctionState) => this.onSanction(s));
    client.on("report:decided", ({ reportId, decision }) => {
      // Said in the open form when it is this report's, else on the info line (a status region either way).
      if (this.reportPanel?.reportId === reportId && this.reportPanel.el.isConnected) this.reportPanel.decided(decision);
      else this.view?.composer.info(this.t.illegal.decided(decision));
    });
    client.on("moderation:notice", (n: Notice) => this.board?.add(n));
    client.on("appeal:resolved", (a: Appeal) => this.board?.resolved(a));
    client.on("session:ended", (p: SessionEnded) => { if (client === this.client) this.endFor(p.code, p.until, p.reason); });
    try {
      await client.connect();
      this.view?.setStatus("");
      this.comebackTries = 0;
    } catch (err) {
      const e = err instanceof ChatError ? err : new ChatError("internal");
      this.endFor(e.code, e.until, e.reason);
    }
  }

  /** The user's kept notices: over the chat while connected, else (a ban ended the session) through the `me/` door. */
  private async loadNotices(): Promise<void> {
    try {
      const res = this.client?.socket.connected && !this.endedText ? await this.client.noticesAndAppeals()
        : await meRequest<{ notices: Notice[]; appeals?: Appeal[] }>(this.opts, this.meToken() ?? "", "GET", "notices");
      this.board?.load(res.notices, res.appeals ?? []);
      if (this.endedText) this.watchBanAppeal(res.notices, res.appeals ?? []);
    } catch {
      // Not fatal: the chat works without them, and the next connection asks again.
    }
  }

  /**
   * A banned user has no socket for `appeal:resolved`: while their appeal of the ban (the newest
   * ban notice's) is open, the widget asks the `me/` door again now and then, and as soon as the
   * page is shown again; once reversed, the ban is lifted and the chat comes back by itself.
   */
  private watchBanAppeal(notices: Notice[], appeals: Appeal[]): void {
    if (this.appealPoll) clearTimeout(this.appealPoll);
    this.appealPoll = undefined;
    const ban = notices.find((n) => n.kind === "banned");
    const appeal = ban && appeals.find((a) => a.noticeId === ban.id);
    if (appeal?.status === "reversed" && !this.cameBackFor.has(appeal.id)) { this.cameBackFor.add(appeal.id); this.comebackSoon(0); }
    else if (appeal?.status === "open") this.appealPoll = setTimeout(() => void this.loadNotices(), APPEAL_POLL_MS);
  }

  private meToken(): string | undefined {
    return this.token ?? readStoredGuestToken(this.opts.tenant);
  }

  private async appeal(noticeId: string, text: string): Promise<Appeal> {
    if (this.client?.socket.connected && !this.endedText) return this.client.appeal(noticeId, text);
    const { appeal } = await meRequest<{ appeal: Appeal }>(this.opts, this.meToken() ?? "", "POST", "appeals", { noticeId, text });
    // Start watching for the decision (see watchBanAppeal).
    void this.loadNotices();
    return appeal;
  }

  private async join(room: string): Promise<void> {
    try {
      const res = await this.client!.join(room);
      if (room !== this.roomId) return;
      this.room = res.room;
      this.view?.setOnline(res.room.online);
      this.view?.composer.setMax(res.room.maxLength ?? 1000);
      this.view?.setPinned(res.pinned);
      for (const m of res.history) this.put(m, false);
      this.onRoleOrRoom();
    } catch (err) {
      this.view?.composer.error(describeError(this.t, (err as ChatError).code ?? "internal"));
    }
  }

  private async leave(): Promise<void> {
    const old = this.roomId;
    this.roomId = undefined;
    this.room = undefined;
    this.view?.setOnline(undefined);
    this.view?.setPinned(undefined);
    this.messages.clear();
    this.view?.clear();
    this.view?.composer.setReply(undefined);
    // What the info and error lines said was about the room being left.
    this.view?.composer.info("");
    this.view?.composer.error("");
    if (old && this.client) await this.client.leave(old).catch(() => undefined);
  }

  // ---- actions

  private async send(text: string, parent: Message | undefined): Promise<boolean> {
    const client = this.client;
    const room = this.roomId;
    const view = this.view!;
    if (!client || !room) return false;
    try {
      const m = await client.send(room, text, parent ? { replyTo: parent.id } : {});
      this.put(m, true);
      if (m.status === "held") view.announce(`${this.t.held}. ${this.t.heldHelp}`);
      if (this.room && this.room.slowModeSec > 0 && !STAFF.has(this.me?.role ?? "guest")) view.composer.wait(this.room.slowModeSec, this.t.slowWait);
      return true;
    } catch (err) {
      const e = err instanceof ChatError ? err : new ChatError("internal");
      const ctx = { ...(e.until ? { until: e.until } : {}), ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}), maxLength: this.room?.maxLength ?? 1000 };
      if (e.code === "muted") this.muteUntil(e.until ?? Date.now() + (e.retryAfterMs ?? 60_000));
      else if (e.code === "slow_mode") view.composer.wait((e.retryAfterMs ?? 1000) / 1000, this.t.slowWait);
      if (e.code === "banned" || e.code === "ip_blocked") this.endFor(e.code, e.until);
      // A mute is shown once, in its banner (the same sentence twice wastes a phone screen); a new
      // banner is not reliably read out, so screen readers get it through the live region.
      else if (e.code === "muted") view.announce(describeError(this.t, e.code, ctx));
      else view.composer.error(describeError(this.t, e.code, ctx));
      return false;
    }
  }

  private async flag(m: Message, reason: FlagReason): Promise<void> {
    try {
      const { hidden } = await this.client!.flag(m.id, reason);
      this.flagged.add(m.id);
      // Re-rendered as flagged: its menu now offers only the legal route (SPEC §9.3).
      const cur = this.messages.get(m.id);
      if (cur) this.put(cur, false);
      const text = !hidden ? this.t.reported : STAFF.has(this.me?.role ?? "guest") ? this.t.reportedHiddenStaff : this.t.reportedHidden;
      // The info line is a status region: screen readers hear it without a second announcement.
      this.view?.composer.info(text);
    } catch (err) {
      throw new Error(describeError(this.t, (err as ChatError).code ?? "internal"));
    }
  }

  /** SPEC §9.3: the illegal-content report form for `m`, above the messages; guests may use it too. */
  private openReport(m: Message, from: HTMLElement): void {
    this.closeReport(undefined);
    const client = this.client;
    if (!client || !this.view) return;
    const panel = reportForm(this.t, { author: displayName(this.t, m.author), text: m.text }, {
      submit: async (r: IllegalReport) => {
        const receipt = await client.report(m.id, r.category, r.explanation, { ...(r.name ? { name: r.name } : {}), ...(r.email ? { email: r.email } : {}) });
        return { receipt, statusUrl: client.reportStatusUrl(receipt) };
      },
      close: () => this.closeReport(from),
      describe: (err) => {
        const e = err instanceof ChatError ? err : new ChatError("internal");
        return describeError(this.t, e.code, e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {});
      },
    });
    this.reportPanel = panel;
    this.view.insertPanel(panel.el);
    (panel.el.querySelector("select") as HTMLSelectElement | null)?.focus();
  }

  private closeReport(focusBack: HTMLElement | undefined): void {
    this.reportPanel?.el.remove();
    this.reportPanel = undefined;
    if (focusBack?.isConnected) focusBack.focus();
  }

  private async helpful(m: Message): Promise<void> {
    try {
      const helpful = await this.client!.helpful(m.id);
      this.voted.add(m.id);
      const cur = this.messages.get(m.id);
      if (cur) this.put({ ...cur, helpful }, false);
    } catch (err) {
      throw new Error(describeError(this.t, (err as ChatError).code ?? "internal"));
    }
  }

  private async raiseAlert(note: string): Promise<void> {
    if (!this.client || !this.roomId) return;
    try {
      await this.client.raiseAlert(this.roomId, note);
      this.view?.composer.info(this.t.alertSent);
      this.alertPanel?.remove(); this.alertPanel = undefined;
    } catch (err) {
      this.view?.composer.error(describeError(this.t, (err as ChatError).code ?? "internal"));
    }
  }

  // ---- state → view

  private put(m: Message, fresh: boolean): void {
    const view = this.view;
    if (!view) return;
    const before = this.messages.get(m.id);
    // Keep the helpful count when a later copy of the message (an echo, a restore) omits it.
    const merged: Message = before && m.helpful === undefined && before.helpful !== undefined ? { ...m, helpful: before.helpful } : m;
    this.messages.set(m.id, merged);
    view.upsert(merged, this.render(merged), fresh && !before);
    if (fresh && !before && merged.status === "visible" && merged.author.id !== this.me?.id) {
      view.announce(this.t.newMessage(displayName(this.t, merged.author), merged.text));
    }
    if (before && before.status !== merged.status) this.refreshReplies(m.id);
  }

  private render(m: Message): HTMLLIElement {
    const role = this.me?.role ?? "guest";
    return messageItem(m, {
      t: this.t,
      me: this.me,
      canAnswer: this.room?.contribution !== "restricted" || ANSWERERS.has(role),
      parent: m.replyTo ? this.messages.get(m.replyTo) : undefined,
      flagged: this.flagged.has(m.id),
      voted: this.voted.has(m.id),
      signInUrl: this.signInUrl,
      onReply: (parent) => this.view?.composer.setReply(parent),
      onHelpful: (x) => this.helpful(x),
      onFlag: (x, reason) => this.flag(x, reason),
      onReportIllegal: (x, from) => this.openReport(x, from),
    });
  }

  /** Quotes show the parent's current state (hidden text stays hidden in a reply too). */
  private refreshReplies(parentId: string): void {
    for (const m of this.messages.values()) if (m.replyTo === parentId) this.view?.upsert(m, this.render(m), false);
  }

  /** My role or the room's settings changed: buttons, banners and the composer's lock follow. */
  private onRoleOrRoom(): void {
    const view = this.view;
    if (!view) return;
    const role = this.me?.role ?? "guest";
    if (this.me) {
      const name = displayName(this.t, this.me);
      view.setWho(this.t.badges[role] ? `${name} · ${this.t.badges[role]}` : name,
        role === "guest" && this.signInUrl ? { href: this.signInUrl, label: this.t.signIn } : undefined);
    }
    if (this.room) view.setLive(true);
    view.refreshAll((id) => { const m = this.messages.get(id); return m ? this.render(m) : undefined; });
    view.setTools(...(STAFF.has(role) && !this.endedText ? [h("button", { type: "button", class: "linkbtn", "data-action": "alert", onclick: () => this.toggleAlert() }, icon("bell"), this.t.alert)] : []),
      ...(this.board ? [this.board.button] : []));
    this.updateBanners();
  }

  private toggleAlert(): void {
    if (this.alertPanel) { this.alertPanel.remove(); this.alertPanel = undefined; return; }
    const id = `cw-alert-${Math.random().toString(36).slice(2, 9)}`;
    const input = h("input", { id, type: "text", maxlength: 500, required: true });
    const form = h("form", { class: "alertform", novalidate: true },
      h("label", { for: id }, this.t.alertNote), input,
      h("button", { type: "submit", class: "chip" }, this.t.alert),
      h("button", { type: "button", class: "chip plain", onclick: () => this.toggleAlert() }, this.t.cancel));
    form.addEventListener("submit", (e) => { e.preventDefault(); if (input.value.trim()) void this.raiseAlert(input.value.trim()); });
    this.alertPanel = form;
    this.view?.insertPanel(form);
    input.focus();
  }

  private updateBanners(): void {
    const view = this.view;
    if (!view) return;
    const t = this.t;
    const role = this.me?.role ?? "guest";
    const banners: [string, "info" | "warn" | "bad"][] = [];
    let lock: string | undefined;
    if (this.endedText) { banners.push([this.endedText, "bad"]); lock = t.ended; }
    else if (this.mutedUntil > Date.now()) {
      const text = t.errors.muted({ until: this.mutedUntil, ...(this.mutedReason ? { reason: this.mutedReason } : {}) });
      banners.push([text, "warn"]); lock = text;
    }
    if (this.room && !this.endedText) {
      if (this.room.frozen) { banners.push([t.frozen, "warn"]); if (role !== "manager") lock ??= t.errors.room_frozen({}); }
      if (this.room.slowModeSec > 0) banners.push([t.slowMode(this.room.slowModeSec), "info"]);
      else view.composer.stopWait();
      if (this.room.contribution === "restricted") banners.push([t.restrictedBanner, "info"]);
      // Calm on purpose: shoppers are not told of a raid, only what the room does now.
      if (this.room.shield && (role === "guest" || role === "member")) {
        banners.push([`${t.shield} ${role === "guest" ? t.shieldGuest : t.shieldMember}`, "info"]);
        if (role === "guest") lock ??= t.errors.shielded({});
      }
    }
    view.setBanners(banners);
    view.composer.lock(lock);
  }

  /** The server's word on my mute: it starts (or changes) and ends here, live, not at the next send. */
  private onSanction(s: SanctionState): void {
    const wasMuted = this.mutedUntil > Date.now();
    if (s.mute) {
      this.mutedReason = s.mute.reason;
      this.muteUntil(s.mute.until);
      this.view?.announce(this.t.errors.muted({ until: s.mute.until, ...(s.mute.reason ? { reason: s.mute.reason } : {}) }));
      return;
    }
    if (this.muteTimer) clearTimeout(this.muteTimer);
    this.mutedUntil = 0;
    this.mutedReason = undefined;
    this.updateBanners();
    if (wasMuted) this.view?.composer.info(this.t.unmuted);
  }

  private muteUntil(until: number): void {
    this.mutedUntil = until;
    if (this.muteTimer) clearTimeout(this.muteTimer);
    // Timers beyond ~24 days overflow; a mute that long is effectively "until reload".
    const ms = until - Date.now();
    if (ms < 2 ** 31 - 1) this.muteTimer = setTimeout(() => { this.mutedUntil = 0; this.updateBanners(); }, Math.max(0, ms));
    this.updateBanners();
  }

  /**
   * The session ended for `code`: say why, and when a manager can lift it (an IP block, a timed
   * ban), come back by itself once it is lifted, without a reload (issue 22, item 5). An IP
   * block can be lifted at any moment, so it is retried after 5 s, then less and less often up
   * to every 5 minutes (and at once when the page is shown again); a timed ban at its end. A
   * permanent ban never retries on its own.
   */
  private endFor(code: string, until?: number, reason?: string): void {
    this.end(describeError(this.t, code, { ...(until ? { until } : {}), ...(reason ? { reason } : {}) }));
    // SPEC §9.2: a banned user reads the ban's notice, and may appeal it, without a connection.
    if (code === "banned") void this.loadNotices();
    if (code === "ip_blocked") {
      const backoff = COMEBACK_DELAYS_MS[Math.min(this.comebackTries, COMEBACK_DELAYS_MS.length - 1)]!;
      this.comebackArmed = true;
      this.comebackSoon(until ? Math.min(backoff, Math.max(0, until - Date.now())) : backoff);
    } else if (code === "banned" && until) {
      this.comebackArmed = true;
      this.comebackSoon(Math.max(0, until - Date.now()) + 1000);
    }
  }

  private comebackSoon(ms: number): void {
    if (this.comebackTimer) clearTimeout(this.comebackTimer);
    // Beyond ~24 days a timer overflows; such a wait is "until the next visit" anyway.
    if (ms >= 2 ** 31 - 1) return;
    // Jitter: the shoppers a block cut off must not all come back in the same second.
    this.comebackTimer = setTimeout(() => void this.comeback(), ms + Math.random() * Math.min(ms / 4, 5000));
  }

  /** One more try with a fresh connection; on success the widget is live again in its room. */
  private async comeback(): Promise<void> {
    this.comebackTimer = undefined;
    this.comebackArmed = false;
    this.comebackTries++;
    this.client?.disconnect();
    this.client = undefined;
    this.connecting = undefined;
    const before = this.endedText;
    this.endedText = undefined;
    await this.ensureConnected();
    if (this.endedText) return; // still refused: endFor has set the next try
    this.comebackTries = 0;
    this.view?.setEnded(false);
    if (before) this.view?.composer.info("");
    this.onRoleOrRoom();
    const room = this.roomId;
    if (room) { this.messages.clear(); this.view?.clear(); await this.join(room); }
  }

  private end(text: string): void {
    this.endedText = text;
    this.view?.setStatus("");
    // "Ask the first question!" would invite what can no longer be done.
    this.view?.setEnded(true);
    this.alertPanel?.remove(); this.alertPanel = undefined;
    this.onRoleOrRoom();
  }
}

/** Whether two RoomInfo of a room differ only in their head count. */
function sameSettings(a: RoomInfo, b: RoomInfo): boolean {
  return a.contribution === b.contribution && a.slowModeSec === b.slowModeSec && a.frozen === b.frozen && a.maxLength === b.maxLength && a.shield === b.shield;
}
