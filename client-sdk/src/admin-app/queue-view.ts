import type { QueueItem } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import { CardSelection } from "./card-selection.ts";
import type { AppContext, Screen } from "./context.ts";
import type { AdminStrings } from "./i18n.ts";
import { banReasonFor, flagReason, reasonText } from "./explain.ts";
import { BAN_PRESETS } from "./format.ts";
import { highlight } from "./highlight.ts";
import { button, durationOf, durationSelect, errorText, field, keyLegend } from "./ui.ts";

/**
 * The review queue, live: held and flagged messages arrive through `queue:added` and leave
 * through `queue:resolved` (whoever resolved them). High priority (a trusted moderator's flag)
 * first, then oldest first. j/k move, a approves, r removes, b removes and bans.
 */
export class QueueView implements Screen {
  readonly el: HTMLElement;
  private readonly items = new Map<string, QueueItem>();
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private readonly banFor: HTMLSelectElement;
  private readonly more: HTMLButtonElement;
  private readonly sel: CardSelection;
  private cursor: string | undefined;
  private loaded = false;
  /** Messages resolved from here, so the echoing queue:resolved does not toast twice. */
  private readonly mine = new Set<string>();

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    this.list = h("ol", { class: "queue", "aria-label": t.queue.title });
    this.count = h("span", { class: "muted", "aria-live": "polite" });
    this.banFor = durationSelect(t, BAN_PRESETS, 86_400);
    this.more = button(t.loadMore, () => void this.load(false), "ghost", { hidden: true });
    this.el = h("div", { class: "screen queue-screen" },
      h("div", { class: "toolbar" },
        h("h2", null, t.queue.title), this.count,
        h("div", { class: "spacer" }),
        field(t.queue.banFor, this.banFor),
        button(t.refresh, () => void this.load(true), "ghost"),
      ),
      h("p", { class: "legend", id: "queue-legend" }, ...keyLegend(t.queue.legend, "jkarb")),
      this.list,
      this.more,
    );
    this.sel = new CardSelection(this.el, this.list);
    ctx.life.own(ctx.admin.on("queue:added", (item) => { this.items.set(item.message.id, item); this.render(); }));
    ctx.life.own(ctx.admin.on("queue:resolved", (p) => {
      if (!this.items.has(p.messageId)) return;
      this.drop(p.messageId);
      if (!this.mine.delete(p.messageId)) ctx.toast(t.queue.resolvedBy(p.by.name, p.decision === "approve" ? t.queue.approve : t.queue.removeMsg), "info");
    }));
  }

  show(): void {
    if (!this.loaded) void this.load(true);
    this.sel.focus();
  }

  async load(reset: boolean): Promise<void> {
    try {
      const res = await this.ctx.admin.listQueue({ limit: 50, ...(reset || !this.cursor ? {} : { cursor: this.cursor }) });
      if (reset) this.items.clear();
      for (const item of res.items) this.items.set(item.message.id, item);
      this.cursor = res.cursor;
      this.loaded = true;
      this.render();
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  onKey(e: KeyboardEvent): boolean {
    const order = this.order();
    if (!order.length) return false;
    const i = Math.max(0, order.findIndex((x) => x.message.id === this.sel.id));
    const cur = order[i]!;
    switch (e.key) {
      case "j": this.sel.select(order[Math.min(i + 1, order.length - 1)]!.message.id, true); return true;
      case "k": this.sel.select(order[Math.max(i - 1, 0)]!.message.id, true); return true;
      case "a": void this.resolve(cur, "approve"); return true;
      case "r": void this.resolve(cur, "remove"); return true;
      case "b": void this.resolve(cur, "remove", true); return true;
      default: return false;
    }
  }

  /** Priority first, then the longest waiting. */
  private order(): QueueItem[] {
    return [...this.items.values()].sort((a, b) =>
      (a.priority === "high" ? 0 : 1) - (b.priority === "high" ? 0 : 1) || (a.queuedAt ?? a.message.createdAt) - (b.queuedAt ?? b.message.createdAt));
  }

  private async resolve(item: QueueItem, decision: "approve" | "remove", ban = false, trust = false): Promise<void> {
    const { t, admin } = this.ctx;
    const id = item.message.id;
    const durationSec = durationOf(this.banFor);
    this.mine.add(id);
    try {
      await admin.resolve(id, decision, ban ? { reason: banReasonFor(t, item.reasons), ...(durationSec ? { durationSec } : {}) } : undefined, { trust });
      this.ctx.toast(trust ? t.guard.trusted : decision === "approve" ? t.queue.approved : ban ? t.queue.removedBanned : t.queue.removed, "ok");
      this.drop(id);
    } catch (err) {
      this.mine.delete(id);
      const code = (err as { code?: string }).code;
      if (code === "not_found") {
        // Deleted by someone else, purged, or no longer queued: nothing is left to decide, and
        // keeping the card would only invite the same failure again.
        this.ctx.toast(t.queue.gone, "info");
        this.drop(id);
        return;
      }
      this.ctx.toast(errorText(t, err), "bad");
      if (code === "conflict") this.drop(id);
    }
  }

  /** Removes an item and keeps the selection at the same position, so the next one is ready. */
  private drop(id: string): void {
    const order = this.order();
    const i = order.findIndex((x) => x.message.id === id);
    this.items.delete(id);
    if (this.sel.id === id) {
      const next = order[i + 1] ?? order[i - 1];
      this.sel.id = next && next.message.id !== id ? next.message.id : undefined;
    }
    this.render();
    this.sel.focus();
  }



  private render(): void {
    const { t } = this.ctx;
    const order = this.order();
    if (!this.sel.id || !this.items.has(this.sel.id)) this.sel.id = order[0]?.message.id;
    this.count.textContent = t.queue.count(order.length);
    this.ctx.setBadge("queue", order.length);
    this.ctx.setReviewCount(this.loaded && !this.cursor ? order.length : undefined);
    this.more.hidden = !this.cursor;
    if (!order.length) { replace(this.list, h("li", { class: "empty" }, t.queue.empty)); return; }
    const hadFocus = this.list.contains(document.activeElement);
    replace(this.list, ...order.map((item) => this.card(item)));
    this.sel.select(this.sel.id!, hadFocus);
  }

  private card(item: QueueItem): HTMLLIElement {
    const { t, fmt } = this.ctx;
    const m = item.message;
    // Held because the author is shadow-banned, not because a filter matched anything.
    const shadowed = item.reasons.some((r) => r.kind === "ban");
    // SPEC §10.1: held because the author is new: approve the person, not each message.
    const newcomer = item.reasons.some((r) => r.kind === "newcomer");
    const li = h("li", { class: `qitem${item.priority === "high" ? " high" : ""}`, tabindex: "-1", "data-id": m.id, "aria-describedby": "queue-legend" });
    li.addEventListener("click", (e) => { if (!(e.target as HTMLElement).closest("button, select, a")) this.sel.select(m.id, true); });
    li.append(
      h("div", { class: "qhead" },
        item.priority === "high" ? h("span", { class: "tag high" }, t.queue.high) : null,
        h("span", { class: `tag ${item.kind}` }, item.kind === "flag" ? t.queue.flag : shadowed ? t.queue.shadowed : t.queue.filter),
        ...guardTags(t, item),
        h("span", { class: "qroom" }, m.room),
        h("span", { class: "muted" }, `${t.queue.queuedAt} ${fmt.time(item.queuedAt ?? m.createdAt)}`),
      ),
      h("p", { class: "qtext" }, ...highlight(m.text, item.reasons)),
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
        button(`${t.queue.approve} (a)`, () => void this.resolve(item, "approve"), "primary", { "data-action": "approve", "aria-keyshortcuts": "a" }),
        newcomer ? button(t.guard.approveTrust, () => void this.resolve(item, "approve", false, true), "primary", { "data-action": "approve-trust" }) : null,
        button(`${t.queue.removeMsg} (r)`, () => void this.resolve(item, "remove"), "danger", { "data-action": "remove", "aria-keyshortcuts": "r" }),
        button(`${t.queue.removeBan} (b)`, () => void this.resolve(item, "remove", true), "danger", { "data-action": "ban", "aria-keyshortcuts": "b" }),
      ),
    );
    return li;
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
