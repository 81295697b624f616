import type { Appeal, Notice } from "../protocol.ts";
import { categoryWords } from "../widget/dsa-category-words.ts";
import { h, replace } from "../widget/dom.ts";
import { CardSelection } from "./card-selection.ts";
import type { AppContext, Screen } from "./context.ts";
import { button, errorText, field, keyLegend, select } from "./ui.ts";

/** The server's cap on a decision's note (`appeal:resolve` takes a reason). */
const NOTE_MAX = 500;

/**
 * Appeals (SPEC §9.2), the internal complaint-handling queue: each open appeal beside what it is
 * about (the message as the notice kept it, its room), the notice the user got, who made the first
 * decision, the history, and uphold / reverse with a required note for the user. New appeals
 * arrive live (`appeal:created`), and one decided by another manager leaves the open list
 * (`appeal:resolved`). j/k move, n writes the note, u upholds, v reverses.
 */
export class AppealsView implements Screen {
  readonly el: HTMLElement;
  private readonly appeals = new Map<string, Appeal>();
  private readonly notes = new Map<string, string>();
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private readonly status: HTMLSelectElement;
  private readonly more: HTMLButtonElement;
  private readonly sel: CardSelection;
  private cursor: string | undefined;
  /** Appeals decided from here, so the echoing appeal:resolved does not toast. */
  private readonly mine = new Set<string>();
  /** Open appeals waiting, for the tab's badge (kept while the decided ones are shown). */
  private openCount = 0;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const a = t.appeals;
    this.list = h("ol", { class: "appeals", "aria-label": a.title });
    this.count = h("span", { class: "muted", "aria-live": "polite" });
    this.status = select([["open", a.open], ["closed", a.closed]] as const, "open", { "data-filter": "status" });
    this.status.addEventListener("change", () => void this.load(true));
    this.more = button(t.loadMore, () => void this.load(false), "ghost", { hidden: true });
    this.el = h("div", { class: "screen appeals-screen" },
      h("div", { class: "toolbar" },
        h("h2", null, a.title), this.count,
        h("div", { class: "spacer" }),
        field(a.status, this.status),
        button(t.refresh, () => void this.load(true), "ghost")),
      h("p", { class: "legend", id: "appeals-legend" }, ...keyLegend(a.legend, "jknuv")),
      this.list,
      this.more);
    this.sel = new CardSelection(this.el, this.list);
    ctx.life.own(ctx.admin.on("appeal:created", (x) => this.created(x)));
    ctx.life.own(ctx.admin.on("appeal:resolved", (x) => this.resolvedElsewhere(x)));
    // Appeals made while this page was away are kept by the server: read them again.
    ctx.life.own(ctx.admin.on("status", (s) => { if (s === "connected") void this.load(true); }));
    void this.load(true);
  }

  private get showing(): "open" | "closed" { return this.status.value === "closed" ? "closed" : "open"; }

  show(): void {
    this.render();
    this.sel.focus();
  }

  async load(reset: boolean): Promise<void> {
    try {
      const res = await this.ctx.admin.listAppeals({ status: this.showing, limit: 50, ...(reset || !this.cursor ? {} : { cursor: this.cursor }) });
      if (reset) this.appeals.clear();
      for (const x of res.appeals) this.appeals.set(x.id, x);
      this.cursor = res.cursor;
      this.render();
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  onKey(e: KeyboardEvent): boolean {
    const order = this.order();
    if (!order.length) return false;
    const i = Math.max(0, order.findIndex((x) => x.id === this.sel.id));
    const cur = order[i]!;
    switch (e.key) {
      case "j": this.sel.select(order[Math.min(i + 1, order.length - 1)]!.id, true); return true;
      case "k": this.sel.select(order[Math.max(i - 1, 0)]!.id, true); return true;
      case "n": this.noteField(cur.id)?.focus(); return cur.status === "open";
      case "u": if (cur.status !== "open") return false; void this.decide(cur, "uphold"); return true;
      case "v": if (cur.status !== "open") return false; void this.decide(cur, "reverse"); return true;
      default: return false;
    }
  }

  /** Open ones oldest first (the longest waiting), decided ones newest first, as the server lists them. */
  private order(): Appeal[] {
    const all = [...this.appeals.values()].filter((x) => (this.showing === "open") === (x.status === "open"));
    return this.showing === "open" ? all.sort((a, b) => a.at - b.at) : all.sort((a, b) => (b.decidedAt ?? b.at) - (a.decidedAt ?? a.at));
  }

  private created(x: Appeal): void {
    const { t } = this.ctx;
    if (this.showing === "open") { this.appeals.set(x.id, x); this.render(); }
    else this.openCount++;
    this.ctx.toast(t.appeals.arrived(t.appeals.kinds[x.notice.kind] ?? t.appeals.kinds.message_removed!), "info");
    if (this.showing !== "open") this.ctx.setBadge("appeals", this.openCount);
  }

  private resolvedElsewhere(x: Appeal): void {
    const was = this.appeals.get(x.id);
    // Every decided appeal was open until now (each is decided once): one less waits.
    if (this.showing === "closed") { this.appeals.set(x.id, x); this.openCount = Math.max(0, this.openCount - 1); }
    else this.appeals.delete(x.id);
    if (!this.mine.delete(x.id) && was?.status === "open" && x.decidedBy) this.ctx.toast(this.ctx.t.appeals.decidedBy(x.decidedBy.name), "info");
    this.render();
  }

  private async decide(x: Appeal, decision: "uphold" | "reverse"): Promise<void> {
    const { t, admin } = this.ctx;
    const noteEl = this.noteField(x.id);
    const note = (noteEl?.value ?? this.notes.get(x.id) ?? "").trim();
    if (!note) {
      this.cardError(x.id, t.appeals.noteMissing);
      noteEl?.setAttribute("aria-invalid", "true");
      noteEl?.focus();
      return;
    }
    this.mine.add(x.id);
    try {
      const decided = await admin.resolveAppeal(x.id, decision, note);
      this.notes.delete(x.id);
      this.ctx.toast(decision === "reverse" ? t.appeals.reversed : t.appeals.upheld, "ok");
      this.drop(decided.id);
    } catch (err) {
      this.mine.delete(x.id);
      this.ctx.toast(errorText(t, err), "bad");
      // Decided by someone else meanwhile, or gone: nothing is left to decide here.
      const code = (err as { code?: string }).code;
      if (code === "conflict" || code === "not_found") this.drop(x.id);
    }
  }

  /** Removes an appeal and keeps the selection at the same position, so the next one is ready. */
  private drop(id: string): void {
    const order = this.order();
    const i = order.findIndex((x) => x.id === id);
    this.appeals.delete(id);
    if (this.sel.id === id) this.sel.id = (order[i + 1] ?? order[i - 1])?.id;
    this.render();
    this.sel.focus();
  }



  private noteField(id: string): HTMLTextAreaElement | null | undefined {
    return this.sel.card(id)?.querySelector("textarea");
  }

  private cardError(id: string, text: string): void {
    const el = this.sel.card(id)?.querySelector<HTMLElement>(".card-error");
    if (el) el.textContent = text;
  }

  private render(): void {
    const { t } = this.ctx;
    const order = this.order();
    if (this.showing === "open") this.openCount = order.length;
    this.ctx.setBadge("appeals", this.openCount);
    if (!this.sel.id || !this.appeals.has(this.sel.id)) this.sel.id = order[0]?.id;
    this.count.textContent = t.appeals.count(order.length);
    this.more.hidden = !this.cursor;
    if (!order.length) { replace(this.list, h("li", { class: "empty" }, this.showing === "open" ? t.appeals.empty : t.appeals.emptyClosed)); return; }
    const hadFocus = this.list.contains(document.activeElement);
    // A note being typed keeps its text and the caret's place across a live re-render.
    const typing = document.activeElement instanceof HTMLTextAreaElement && this.list.contains(document.activeElement) ? document.activeElement : undefined;
    const typingId = typing?.closest<HTMLElement>("li[data-id]")?.dataset.id;
    replace(this.list, ...order.map((x) => this.card(x)));
    this.sel.select(this.sel.id!, hadFocus && !typingId);
    if (typingId) this.noteField(typingId)?.focus();
  }

  private card(x: Appeal): HTMLLIElement {
    const { t, fmt } = this.ctx;
    const a = t.appeals;
    const n = x.notice;
    const li = h("li", { class: `qitem appeal ${x.status}`, tabindex: "-1", "data-id": x.id, "aria-describedby": "appeals-legend" });
    li.addEventListener("click", (e) => { if (!(e.target as HTMLElement).closest("button, select, a, textarea")) this.sel.select(x.id, true); });
    li.append(
      h("div", { class: "qhead" },
        h("span", { class: `tag ${n.kind === "banned" || n.kind === "muted" ? "bad" : "flag"}` }, a.kinds[n.kind] ?? n.kind),
        x.status !== "open" ? h("span", { class: `tag ${x.status === "reversed" ? "ok" : "held"}` }, a.outcome[x.status]) : null,
        n.room ? h("span", { class: "tag roomtag" }, n.room) : null,
        h("span", { class: "muted" }, fmt.dateTime(x.at))),
      h("div", { class: "appeal-cols" },
        h("section", { class: "appeal-col" },
          h("h3", null, a.original),
          n.excerpt ? h("blockquote", { class: "qtext excerpt" }, n.excerpt) : h("p", { class: "muted" }, a.noContent),
          h("dl", { class: "facts" },
            n.room ? h("dt", null, a.room) : null, n.room ? h("dd", null, n.room) : null,
            h("dt", null, a.user),
            h("dd", null, h("code", null, x.userId), " ", button(t.inspect, () => this.ctx.go("people", x.userId), "link")))),
        h("section", { class: "appeal-col" },
          h("h3", null, a.notice),
          h("dl", { class: "facts notice-facts" },
            h("dt", null, a.category), h("dd", null, categoryWords(t.lang, n.category)),
            h("dt", null, a.ground), h("dd", null, a.grounds[n.ground] ?? a.grounds.terms!),
            h("dt", null, a.firstDecision), h("dd", { class: "first-decision" }, this.firstDecision(x)),
            h("dt", null, a.automated), h("dd", null, a.automation(n.automated.detection, n.automated.decision)),
            n.kind === "banned" || n.kind === "muted" ? h("dt", null, a.until) : null,
            n.kind === "banned" || n.kind === "muted" ? h("dd", null, fmt.until(n.until)) : null,
            h("dt", null, a.explanation), h("dd", { class: "explanation" }, n.explanation))),
        h("section", { class: "appeal-col" },
          h("h3", null, a.appeal),
          h("p", { class: "qtext appeal-text" }, x.text),
          h("h3", null, a.history),
          h("ol", { class: "history" }, ...this.history(x)))));
    if (x.status === "open") li.append(this.decisionForm(x));
    return li;
  }

  /** Who made the decision appealed: a named person when the server says, else the kind of source. */
  private firstDecision(x: Appeal): string {
    const { t, fmt } = this.ctx;
    const by = x.restrictedBy;
    if (by) return t.appeals.person(by.name, fmt.role(by.role));
    return t.appeals.sources[x.notice.source] ?? t.appeals.sources.manager!;
  }

  private history(x: Appeal): HTMLLIElement[] {
    const { t, fmt } = this.ctx;
    const a = t.appeals;
    const n: Notice = x.notice;
    const out = [
      h("li", null, h("time", null, fmt.dateTime(n.at)), " ", a.restricted(this.firstDecision(x))),
      h("li", null, h("time", null, fmt.dateTime(x.at)), " ", a.appealed),
    ];
    if (x.status !== "open" && x.decidedAt !== undefined) {
      out.push(h("li", null, h("time", null, fmt.dateTime(x.decidedAt)), " ", a.decided(a.outcome[x.status] ?? "", x.decidedBy?.name ?? t.none),
        x.note ? ` — ${x.note}` : ""));
    }
    return out;
  }

  private decisionForm(x: Appeal): HTMLElement {
    const a = this.ctx.t.appeals;
    const note = h("textarea", { rows: 2, maxlength: NOTE_MAX, required: true, "data-field": "note" });
    note.value = this.notes.get(x.id) ?? "";
    note.addEventListener("input", () => { this.notes.set(x.id, note.value); note.removeAttribute("aria-invalid"); this.cardError(x.id, ""); });
    // Escape hands the keyboard back to the card, where u and v decide.
    note.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); this.sel.select(x.id, true); } });
    return h("div", { class: "appeal-decide" },
      field(a.note, note, a.noteHint),
      h("p", { class: "card-error bad", role: "alert" }),
      h("div", { class: "qactions" },
        button(`${a.uphold} (u)`, () => void this.decide(x, "uphold"), "plain", { "data-action": "uphold", "aria-keyshortcuts": "u" }),
        button(`${a.reverse} (v)`, () => void this.decide(x, "reverse"), "primary", { "data-action": "reverse", "aria-keyshortcuts": "v" })));
  }
}
