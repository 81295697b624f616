import type { Message, MessageContext, QueueItem } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import type { AdminStrings } from "./i18n.ts";
import { banReasonFor, flagReason, reasonText } from "./explain.ts";
import { BAN_PRESETS } from "./format.ts";
import { highlight } from "./highlight.ts";
import { button, durationOf, durationSelect, errorText, field, keyLegend, select } from "./ui.ts";
import { CardSelection } from "./card-selection.ts";
import { UndoWindow } from "./undo-window.ts";

/** How long an approve or a remove can be undone before it is sent. */
const UNDO_MS = 5000;
/** How far back the purge offered after a removal or a ban reaches, by default (SPEC §10.3). */
const PURGE_PRESETS = [3600, 86_400, 604_800] as const;
const ALL = "";

/**
 * The review queue, live: held and flagged messages arrive through `queue:added` and leave
 * through `queue:resolved` (whoever resolved them). High priority (a trusted moderator's flag)
 * first, then oldest first; an author's items stay together so one decision can cover them all.
 * j/k move, a approves, r removes, b removes and bans, shift+R removes all of the author's items,
 * c unfolds the conversation around the item, u undoes the last approve or remove, p purges.
 */
export class QueueView implements Screen {
  readonly el: HTMLElement;
  private readonly items = new Map<string, QueueItem>();
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private readonly banFor: HTMLSelectElement;
  private readonly more: HTMLButtonElement;
  private readonly filters: { room: HTMLSelectElement; reason: HTMLSelectElement; kind: HTMLSelectElement };
  private readonly undoBar: HTMLElement;
  private readonly partial: HTMLElement;
  private readonly offerBar: HTMLElement;
  private readonly undo: UndoWindow;
  /** Unfolded conversations, by item (kept across renders). */
  private readonly contexts = new Map<string, MessageContext | "loading">();
  /** Authors banned now, as far as this screen knows: loaded with the queue, then from the live audit feed. */
  private readonly banned = new Set<string>();
  /** The purge on offer after a removal or a ban: whose messages. */
  private offer: { userId: string; name: string } | undefined;
  private readonly sel: CardSelection;
  private cursor: string | undefined;
  private loaded = false;
  /** Messages resolved from here, so the echoing queue:resolved does not toast twice. */
  private readonly mine = new Set<string>();

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const q = t.queue;
    this.list = h("ol", { class: "queue", "aria-label": q.title });
    this.count = h("span", { class: "muted", "aria-live": "polite" });
    this.banFor = durationSelect(t, BAN_PRESETS, 86_400);
    this.more = button(t.loadMore, () => void this.load(false), "ghost", { hidden: true });
    const filter = (name: string) => select([[ALL, q.any]], ALL, { "data-filter": name, onchange: () => this.render() });
    this.filters = { room: filter("room"), reason: filter("reason"), kind: filter("kind") };
    this.undoBar = h("div", { class: "undo-bar", role: "status", "aria-live": "polite", hidden: true });
    this.offerBar = h("div", { class: "offer-bar", hidden: true });
    this.partial = h("p", { class: "muted", hidden: true }, q.filtersPartial);
    this.undo = new UndoWindow(UNDO_MS, () => { this.render(); this.renderUndo(); });
    this.el = h("div", { class: "screen queue-screen" },
      h("div", { class: "toolbar" },
        h("h2", null, q.title), this.count,
        h("div", { class: "spacer" }),
        field(t.queue.banFor, this.banFor),
        button(t.refresh, () => void this.load(true), "ghost"),
      ),
      h("div", { class: "toolbar filters" },
        field(q.filterRoom, this.filters.room), field(q.filterReason, this.filters.reason), field(q.filterKind, this.filters.kind), this.partial),
      h("p", { class: "legend", id: "queue-legend" }, ...keyLegend(q.legend, "jkarbcupR")),
      this.undoBar,
      this.offerBar,
      this.list,
      this.more,
    );
    // Cards sit in the list or inside an author's group.
    this.sel = new CardSelection(this.el, this.list, ".qitem");
    ctx.life.own(ctx.admin.on("queue:added", (item) => { this.items.set(item.message.id, item); this.render(); }));
    ctx.life.own(ctx.admin.on("queue:resolved", (p) => {
      if (!this.items.has(p.messageId)) return;
      // Decided elsewhere while held here: sending ours now would only be refused.
      const heldHere = this.undo.has(p.messageId);
      if (heldHere) this.undo.forget(p.messageId);
      this.drop(p.messageId);
      if (!this.mine.delete(p.messageId) || heldHere) ctx.toast(q.resolvedBy(p.by.name, p.decision === "approve" ? q.approve : q.removeMsg), "info");
    }));
    // The queue is not the home screen: load it now all the same, so its tab's count is right from the start.
    void this.load(true);
    ctx.life.own(ctx.admin.on("audit", (e) => {
      const userId = typeof e.target.userId === "string" ? e.target.userId : undefined;
      if (!userId) return;
      if (e.action === "user.banned") this.banned.add(userId);
      else if (e.action === "user.unbanned") this.banned.delete(userId);
      else return;
      this.render();
    }));
    // A decision taken must not be lost: leaving (sign-out, language switch, closing the page) sends what is held.
    const flush = () => this.undo.flush();
    ctx.life.own(flush);
    window.addEventListener("pagehide", flush);
    ctx.life.own(() => window.removeEventListener("pagehide", flush));
  }

  show(): void {
    if (!this.loaded) void this.load(true);
    this.sel.focus();
  }

  async load(reset: boolean): Promise<void> {
    try {
      const [res, bans] = await Promise.all([
        this.ctx.admin.listQueue({ limit: 50, ...(reset || !this.cursor ? {} : { cursor: this.cursor }) }),
        // The "author banned" marks are a help, not the queue: the queue shows without them.
        reset ? this.ctx.admin.listBans().catch(() => undefined) : undefined,
      ]);
      if (reset) this.items.clear();
      if (bans) { this.banned.clear(); for (const b of bans) this.banned.add(b.userId); }
      for (const item of res.items) this.items.set(item.message.id, item);
      this.cursor = res.cursor;
      this.loaded = true;
      this.render();
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  onKey(e: KeyboardEvent): boolean {
    if (e.key === "u") { this.undoLast(); return true; }
    if (e.key === "p" && this.offer) { void this.purge(); return true; }
    const order = this.order();
    if (!order.length) return false;
    const i = Math.max(0, order.findIndex((x) => x.message.id === this.sel.id));
    const cur = order[i]!;
    switch (e.key) {
      case "j": this.sel.select(order[Math.min(i + 1, order.length - 1)]!.message.id, true); return true;
      case "k": this.sel.select(order[Math.max(i - 1, 0)]!.message.id, true); return true;
      case "a": this.hold([cur], "approve"); return true;
      case "r": this.hold([cur], "remove"); return true;
      case "R": this.hold(this.byAuthor(cur.message.author.id), "remove"); return true;
      // An author already banned is not banned again (that would replace the ban's end): b removes.
      case "b": if (this.banned.has(cur.message.author.id)) this.hold([cur], "remove"); else void this.removeAndBan(cur); return true;
      case "c": void this.toggleContext(cur.message.id); return true;
      default: return false;
    }
  }

  /** The items shown: not held for sending, through the filters, priority first, then the longest waiting, each author's items together. */
  private order(): QueueItem[] {
    const f = { room: this.filters.room.value, reason: this.filters.reason.value, kind: this.filters.kind.value };
    const sorted = [...this.items.values()]
      .filter((x) => !this.undo.has(x.message.id)
        && (f.room === ALL || x.message.room === f.room)
        && (f.kind === ALL || x.kind === f.kind)
        && (f.reason === ALL || x.reasons.some((r) => r.kind === f.reason)))
      .sort((a, b) => (a.priority === "high" ? 0 : 1) - (b.priority === "high" ? 0 : 1) || (a.queuedAt ?? a.message.createdAt) - (b.queuedAt ?? b.message.createdAt));
    // Grouped at the place of each author's most urgent item, which keeps the priority order between groups.
    const groups = new Map<string, QueueItem[]>();
    for (const x of sorted) {
      const g = groups.get(x.message.author.id);
      if (g) g.push(x); else groups.set(x.message.author.id, [x]);
    }
    return [...groups.values()].flat();
  }

  /** The author's items shown now (what "remove all" covers: the filters narrow it too). */
  private byAuthor(userId: string): QueueItem[] {
    return this.order().filter((x) => x.message.author.id === userId);
  }

  /** An approve or a remove, held for UNDO_MS so `u` can take it back before anyone learns of it. */
  private hold(items: QueueItem[], decision: "approve" | "remove"): void {
    const { t } = this.ctx;
    if (!items.length) return;
    const author = items[0]!.message.author;
    const n = items.length;
    // The selection moves on to the next item left, as after a decision sent at once.
    const ids = new Set(items.map((x) => x.message.id));
    const order = this.order();
    const at = order.findIndex((x) => x.message.id === this.sel.id);
    const next = [...order.slice(Math.max(at, 0)), ...order.slice(0, Math.max(at, 0)).reverse()].find((x) => !ids.has(x.message.id));
    this.sel.id = next?.message.id;
    this.undo.hold({
      ids: items.map((x) => x.message.id),
      label: decision === "approve" ? t.queue.heldApprove(n) : t.queue.heldRemove(n),
      send: async (ids) => {
        const done = await this.sendAll(ids, decision);
        if (!done) return;
        this.ctx.toast(decision === "approve" ? (done === 1 ? t.queue.approved : t.queue.approvedN(done)) : done === 1 ? t.queue.removed : t.queue.removedN(done), "ok");
        if (decision === "remove") this.offerPurge(author);
      },
    });
    this.sel.focus();
  }

  private undoLast(): void {
    const action = this.undo.undo();
    if (!action) return;
    this.ctx.toast(this.ctx.t.queue.undone, "info");
    this.sel.select(action.ids[0]!, true);
  }

  /** Resolves each id in turn; answers how many went through (failures are told, and dropped when nothing is left to decide). */
  private async sendAll(ids: string[], decision: "approve" | "remove"): Promise<number> {
    let done = 0;
    for (const id of ids) {
      const item = this.items.get(id);
      if (item && await this.resolve(item, decision)) done++;
    }
    return done;
  }

  private async removeAndBan(item: QueueItem): Promise<void> {
    const { t } = this.ctx;
    if (await this.resolve(item, "remove", true)) {
      this.ctx.toast(t.queue.removedBanned, "ok");
      this.banned.add(item.message.author.id);
      this.offerPurge(item.message.author);
      this.render();
    }
  }

  private async resolve(item: QueueItem, decision: "approve" | "remove", ban = false, trust = false): Promise<boolean> {
    const { t, admin } = this.ctx;
    const id = item.message.id;
    const durationSec = durationOf(this.banFor);
    this.mine.add(id);
    try {
      await admin.resolve(id, decision, ban ? { reason: banReasonFor(t, item.reasons), ...(durationSec ? { durationSec } : {}) } : undefined, { trust });
      this.drop(id);
      return true;
    } catch (err) {
      this.mine.delete(id);
      const code = (err as { code?: string }).code;
      if (code === "not_found") {
        // Deleted by someone else, purged, or no longer queued: nothing is left to decide, and
        // keeping the card would only invite the same failure again.
        this.ctx.toast(t.queue.gone, "info");
        this.drop(id);
        return false;
      }
      this.ctx.toast(errorText(t, err), "bad");
      if (code === "conflict") this.drop(id);
      return false;
    }
  }

  private async approveTrust(item: QueueItem): Promise<void> {
    if (await this.resolve(item, "approve", false, true)) this.ctx.toast(this.ctx.t.guard.trusted, "ok");
  }

  /** SPEC §10.3: after a removal or a ban, the author's other recent messages may go too. */
  private offerPurge(author: { id: string; name: string }): void {
    const { t } = this.ctx;
    this.offer = { userId: author.id, name: author.name };
    const since = select(PURGE_PRESETS.map((s) => [String(s), t.durations[String(s)] ?? `${s} s`] as const), "3600", { "data-purge-since": "" });
    since.setAttribute("aria-label", t.guard.purge);
    replace(this.offerBar,
      h("span", null, t.queue.purgeOffer(author.name)), since,
      button(`${t.queue.purgeBtn} (p)`, () => void this.purge(Number(since.value)), "danger", { "data-action": "purge", "aria-keyshortcuts": "p" }),
      button(t.queue.dismiss, () => this.closeOffer(), "ghost"));
    this.offerBar.hidden = false;
  }

  private closeOffer(): void {
    this.offer = undefined;
    this.offerBar.hidden = true;
    replace(this.offerBar);
  }

  private async purge(sec?: number): Promise<void> {
    const offer = this.offer;
    if (!offer) return;
    const since = sec ?? Number(this.offerBar.querySelector("select")?.value ?? 3600);
    this.closeOffer();
    try {
      const n = await this.ctx.admin.purge(offer.userId, since);
      this.ctx.toast(this.ctx.t.guard.purged(n), "ok");
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  private async toggleContext(id: string): Promise<void> {
    if (this.contexts.has(id)) { this.contexts.delete(id); this.render(); return; }
    this.contexts.set(id, "loading");
    this.render();
    try {
      const c = await this.ctx.admin.queueContext(id, { before: 5, after: 5 });
      if (this.contexts.has(id)) this.contexts.set(id, c);
    } catch (err) {
      this.contexts.delete(id);
      this.ctx.toast(errorText(this.ctx.t, err), "bad");
    }
    this.render();
  }

  /** Removes an item and keeps the selection at the same position, so the next one is ready. */
  private drop(id: string): void {
    const order = this.order();
    const i = order.findIndex((x) => x.message.id === id);
    this.items.delete(id);
    this.contexts.delete(id);
    if (this.sel.id === id) {
      const next = order[i + 1] ?? order[i - 1];
      this.sel.id = next && next.message.id !== id ? next.message.id : undefined;
    }
    this.render();
    this.sel.focus();
  }

  private renderUndo(): void {
    const { t } = this.ctx;
    const last = this.undo.latest();
    this.undoBar.hidden = !last;
    if (!last) { replace(this.undoBar); return; }
    replace(this.undoBar,
      h("span", null, last.label, this.undo.size > 1 ? ` · ${t.queue.heldMore(this.undo.size - 1)}` : ""),
      button(`${t.queue.undo} (u)`, () => this.undoLast(), "primary", { "data-action": "undo", "aria-keyshortcuts": "u" }));
  }

  /** The filter choices: what the loaded queue holds, so no choice leads to an empty list by construction. */
  private renderFilters(): void {
    const { t } = this.ctx;
    const all = [...this.items.values()];
    const fill = (sel: HTMLSelectElement, values: [string, string][]) => {
      const keep = sel.value;
      replace(sel, h("option", { value: ALL }, t.queue.any), ...values.map(([v, label]) => h("option", { value: v }, label)));
      // A choice no item has any more stays offered while chosen, so the list does not jump.
      if (keep !== ALL && !values.some(([v]) => v === keep)) sel.append(h("option", { value: keep }, keep));
      sel.value = keep;
    };
    fill(this.filters.room, [...new Set(all.map((x) => x.message.room))].sort().map((r) => [r, r]));
    fill(this.filters.reason, [...new Set(all.flatMap((x) => x.reasons.map((r) => r.kind)))].sort().map((k) => [k, t.queue.reasonKinds[k] ?? k]));
    fill(this.filters.kind, [["filter", t.queue.filter], ["flag", t.queue.flag]]);
  }

  private render(): void {
    const { t } = this.ctx;
    this.renderFilters();
    const order = this.order();
    if (!this.sel.id || !order.some((x) => x.message.id === this.sel.id)) this.sel.id = order[0]?.message.id;
    this.count.textContent = t.queue.count(order.length);
    this.ctx.setBadge("queue", this.items.size);
    this.ctx.setReviewCount(this.loaded && !this.cursor ? this.items.size : undefined);
    this.more.hidden = !this.cursor;
    // Filters and groups work on what is loaded; with more pages on the server, say so.
    const filtering = Object.values(this.filters).some((f) => f.value !== ALL);
    this.partial.hidden = !(filtering && this.cursor);
    if (!order.length) { replace(this.list, h("li", { class: "empty" }, this.items.size ? t.queue.noMatch : t.queue.empty)); return; }
    const hadFocus = this.list.contains(document.activeElement);
    const rows: HTMLElement[] = [];
    for (let i = 0; i < order.length;) {
      const author = order[i]!.message.author;
      let j = i;
      while (j < order.length && order[j]!.message.author.id === author.id) j++;
      const group = order.slice(i, j);
      const banned = this.banned.has(author.id);
      if (group.length > 1 || banned) rows.push(this.groupHead(author, group, banned));
      for (const item of group) rows.push(this.card(item, banned));
      i = j;
    }
    replace(this.list, ...rows);
    this.sel.select(this.sel.id!, hadFocus);
  }

  /** One author's items: how many, and one action for them all ("clear" once the author is banned). */
  private groupHead(author: Message["author"], group: QueueItem[], banned: boolean): HTMLLIElement {
    const q = this.ctx.t.queue;
    const n = group.length;
    return h("li", { class: `qgroup${banned ? " banned" : ""}`, "data-author": author.id },
      h("b", null, author.name), h("span", { class: "muted" }, ` · ${q.count(n)}`),
      banned ? h("span", { class: "tag bad" }, q.authorBanned) : null,
      h("span", { class: "spacer" }),
      button(banned ? q.clearAll(n) : q.removeAll(n), () => this.hold(group, "remove"), banned ? "primary" : "danger",
        { "data-action": banned ? "clear-all" : "remove-all", "aria-keyshortcuts": "Shift+R" }));
  }

  private card(item: QueueItem, banned: boolean): HTMLLIElement {
    const { t, fmt } = this.ctx;
    const m = item.message;
    // Held because the author is shadow-banned, not because a filter matched anything.
    const shadowed = item.reasons.some((r) => r.kind === "ban");
    // SPEC §10.1: held because the author is new: approve the person, not each message.
    const newcomer = item.reasons.some((r) => r.kind === "newcomer");
    const ctx = this.contexts.get(m.id);
    const li = h("li", { class: `qitem${item.priority === "high" ? " high" : ""}`, tabindex: "-1", "data-id": m.id, "data-author": m.author.id, "aria-describedby": "queue-legend" });
    li.addEventListener("click", (e) => { if (!(e.target as HTMLElement).closest("button, select, a")) this.sel.select(m.id, true); });
    li.append(
      h("div", { class: "qhead" },
        item.priority === "high" ? h("span", { class: "tag high" }, t.queue.high) : null,
        h("span", { class: `tag ${item.kind}` }, item.kind === "report" ? t.queue.report : item.kind === "flag" ? t.queue.flag : shadowed ? t.queue.shadowed : t.queue.filter),
        ...guardTags(t, item),
        banned ? h("span", { class: "tag bad", "data-banned": "" }, t.queue.authorBanned) : null,
        h("span", { class: "qroom" }, m.room),
        h("span", { class: "muted" }, `${t.queue.queuedAt} ${fmt.time(item.queuedAt ?? m.createdAt)}`),
      ),
      h("p", { class: "qtext" }, ...highlight(m.text, item.reasons)),
      ctx ? this.contextBlock(ctx) : "",
      h("dl", { class: "facts" },
        h("dt", null, t.queue.reasons),
        h("dd", null, ...item.reasons.map((r) => h("span", { class: "reason", "data-kind": r.kind }, reasonText(t, r)))),
        item.flags.length ? h("dt", null, t.queue.flags) : null,
        item.flags.length ? h("dd", null, ...item.flags.map((f) => h("span", { class: "reason" },
          `${t.queue.flagBy(f.by.name, fmt.role(f.by.role), flagReason(t, f.reason))}${f.note ? ` — ${f.note}` : ""} · ${fmt.time(f.at)}`))) : null,
        h("dt", null, t.queue.author),
        h("dd", null, h("b", null, m.author.name), ` · ${fmt.role(m.author.role)} · `, h("code", null, m.author.id), " ",
          button(t.inspect, () => this.ctx.go("people", m.author.id), "link")),
        h("dt", null, t.queue.device),
        h("dd", null, fmt.device(item.device)),
        h("dt", null, t.queue.ip),
        h("dd", null, item.ip ? h("code", null, item.ip) : t.none, " ",
          item.ip ? button(t.queue.blockIp, () => this.ctx.go("ip", item.ip), "link") : null),
      ),
      h("div", { class: "qactions" },
        button(`${t.queue.approve} (a)`, () => this.hold([item], "approve"), "primary", { "data-action": "approve", "aria-keyshortcuts": "a" }),
        newcomer ? button(t.guard.approveTrust, () => void this.approveTrust(item), "primary", { "data-action": "approve-trust" }) : null,
        button(`${t.queue.removeMsg} (r)`, () => this.hold([item], "remove"), "danger", { "data-action": "remove", "aria-keyshortcuts": "r" }),
        banned ? null : button(`${t.queue.removeBan} (b)`, () => void this.removeAndBan(item), "danger", { "data-action": "ban", "aria-keyshortcuts": "b" }),
        button(`${ctx ? t.queue.hideContext : t.queue.context} (c)`, () => void this.toggleContext(m.id), "ghost",
          { "data-action": "context", "aria-keyshortcuts": "c", "aria-expanded": ctx ? "true" : "false" }),
      ),
    );
    return li;
  }

  /** The conversation around the item, the item itself marked, every status shown for what it is. */
  private contextBlock(c: MessageContext | "loading"): HTMLElement {
    const { t, fmt } = this.ctx;
    if (c === "loading") return h("div", { class: "qcontext muted" }, t.queue.loadingContext);
    const line = (m: Message, self: boolean) => h("li", { class: `ctxmsg ${m.status}${self ? " self" : ""}`, "data-id": m.id },
      h("span", { class: "muted" }, `${fmt.time(m.createdAt)} `), h("b", null, m.author.name), " ",
      m.status !== "visible" ? h("span", { class: `tag ${m.status}` }, t.rooms.status[m.status] ?? m.status) : null, " ",
      h("span", null, m.text));
    return h("div", { class: "qcontext", "aria-label": t.queue.context },
      c.before.length || c.after.length
        ? h("ol", { class: "ctxlist" }, ...c.before.map((m) => line(m, false)), line(c.message, true), ...c.after.map((m) => line(m, false)))
        : h("p", { class: "muted" }, t.queue.noContext));
  }
}

/** Tags for SPEC §10's holds, so a newcomer, a suspected evader or a shielded room reads at a glance. */
function guardTags(t: AdminStrings, item: QueueItem): HTMLElement[] {
  const kinds = new Set(item.reasons.map((r) => r.kind));
  const out: HTMLElement[] = [];
  if (kinds.has("evasion")) out.push(h("span", { class: "tag evasion" }, t.guard.evasionTag));
  if (kinds.has("newcomer")) out.push(h("span", { class: "tag newcomer" }, t.guard.newcomerTag));
  if (kinds.has("shield")) out.push(h("span", { class: "tag shieldtag" }, t.guard.shieldTag));
  return out;
}

