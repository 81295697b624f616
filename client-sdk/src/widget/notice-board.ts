import { ChatError } from "../chat-error.ts";
import type { Appeal, Notice } from "../protocol.ts";
import { categoryWords } from "./dsa-category-words.ts";
import { h, replace } from "./dom.ts";
import { describeError, type WidgetStrings } from "./i18n.ts";

/** SPEC §9.2's cap on an appeal's text (the server's `appeal:create` schema). */
export const APPEAL_MAX = 2000;
/** How many seen notice ids the browser remembers (the server keeps 100 notices per user). */
const SEEN_KEPT = 200;

/** What the board needs from the widget around it. */
export interface NoticeBoardHost {
  t: WidgetStrings;
  tenant: string;
  /** The brand's rules page (widget-config `termsUrl`), when it has one. */
  termsUrl(): string | undefined;
  /** Sends an appeal, over the chat or (a banned user) over REST. */
  appeal(noticeId: string, text: string): Promise<Appeal>;
  /** Puts the panel under the widget's header. */
  insertPanel(panel: HTMLElement): void;
  announce(text: string): void;
}

/** What this browser remembers across visits: which notices were shown, and the appeals' state. */
interface Memory { seen: string[]; appeals: Record<string, Pick<Appeal, "status" | "note">> }

/**
 * The user's statements of reasons (SPEC §9.1) and their appeals (§9.2): a "Notices" button in the
 * widget's header and a panel listing each notice in plain words (what, why, which rule, who
 * decided, until when) with an Appeal button while `appealUntil` holds. A notice not seen before
 * opens the panel once, without taking the keyboard away from what the user is doing; the button
 * brings the panel back at any time.
 */
export class NoticeBoard {
  readonly button: HTMLButtonElement;
  private readonly notices = new Map<string, Notice>();
  private readonly memory: Memory;
  /** Notices shown as new in the panel now (already remembered as seen for the next visit). */
  private readonly fresh = new Set<string>();
  private panel: HTMLElement | undefined;
  private list: HTMLOListElement | undefined;
  /** The notice whose appeal form is open, and what is typed in it (a live re-render keeps it). */
  private drafting: string | undefined;
  private draft = "";

  constructor(private readonly host: NoticeBoardHost) {
    this.memory = recall(host.tenant);
    this.button = h("button", { type: "button", class: "linkbtn", "data-action": "notices", "aria-expanded": "false", hidden: true, onclick: () => this.toggle(true) });
    this.renderButton();
  }

  /**
   * The notices the server keeps for the user, and their appeals (on each connection): the unseen
   * notices, and appeals decided while the user was away, open the panel.
   */
  load(list: Notice[], appeals: Appeal[]): void {
    for (const n of list) this.notices.set(n.id, n);
    let decidedAway = 0;
    for (const a of appeals) {
      const known = this.memory.appeals[a.noticeId];
      if (a.status !== "open" && known?.status !== a.status) { this.fresh.add(a.noticeId); decidedAway++; }
      this.memory.appeals[a.noticeId] = { status: a.status, ...(a.note ? { note: a.note } : {}) };
    }
    store(this.host.tenant, this.memory);
    const unseen = list.filter((n) => !this.memory.seen.includes(n.id));
    if (unseen.length) this.arrive(unseen);
    else if (decidedAway) { this.open(false); this.host.announce(this.host.t.notice.decided); }
    else this.refresh();
  }

  /** A notice sent live (`moderation:notice`). */
  add(n: Notice): void {
    if (this.notices.has(n.id)) return;
    this.notices.set(n.id, n);
    this.arrive([n]);
  }

  /** A manager decided one of the user's appeals (`appeal:resolved`). */
  resolved(a: Appeal): void {
    this.notices.set(a.notice.id, this.notices.get(a.notice.id) ?? a.notice);
    this.remember(a.noticeId, a);
    this.fresh.add(a.noticeId);
    this.open(false);
    this.host.announce(`${this.host.t.notice.decided} ${this.outcome(a.notice, a)}`);
  }

  private arrive(list: Notice[]): void {
    for (const n of list) this.fresh.add(n.id);
    this.markSeen(list.map((n) => n.id));
    this.open(false);
    // A mute or a ban is announced already (its banner and the widget's own sentence); a second
    // sentence in the same live region would only replace the first.
    const newest = list.reduce((a, b) => (b.at > a.at ? b : a));
    if (newest.kind !== "muted" && newest.kind !== "banned") this.host.announce(this.host.t.notice.arrived(this.host.t.notice.kinds[newest.kind]));
  }

  private toggle(focus: boolean): void {
    if (this.panel) this.close();
    else this.open(focus);
  }

  private open(focus: boolean): void {
    const t = this.host.t.notice;
    if (!this.panel) {
      const titleId = `cw-nt-${Math.random().toString(36).slice(2, 9)}`;
      this.list = h("ol", { class: "ntlist" });
      this.panel = h("section", { class: "notices", "aria-labelledby": titleId, tabindex: "-1" },
        h("div", { class: "nthead" },
          h("h3", { id: titleId }, t.title),
          h("button", { type: "button", class: "chip plain", "data-action": "close-notices", onclick: () => this.close(true) }, this.host.t.close)),
        h("p", { class: "ntintro" }, t.intro),
        this.list);
      this.panel.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); this.close(true); } });
      this.host.insertPanel(this.panel);
    }
    this.refresh();
    if (focus) this.panel.focus();
  }

  private close(restoreFocus = false): void {
    this.panel?.remove();
    this.panel = undefined;
    this.list = undefined;
    this.drafting = undefined;
    this.fresh.clear();
    this.renderButton();
    if (restoreFocus && !this.button.hidden) this.button.focus();
  }

  private refresh(): void {
    this.renderButton();
    if (!this.list) return;
    const t = this.host.t.notice;
    const all = [...this.notices.values()].sort((a, b) => b.at - a.at);
    // A notice arriving while the user writes an appeal must not take the caret away.
    const typing = (this.list.getRootNode() as Document | ShadowRoot).activeElement instanceof HTMLTextAreaElement;
    replace(this.list, ...(all.length ? all.map((n) => this.card(n)) : [h("li", { class: "ntempty" }, t.empty)]));
    if (typing && this.drafting) this.focusAppeal(this.drafting, "textarea");
  }

  private renderButton(): void {
    this.button.hidden = this.notices.size === 0;
    this.button.textContent = this.host.t.notice.open(this.panel ? 0 : this.fresh.size);
    this.button.setAttribute("aria-expanded", this.panel ? "true" : "false");
  }

  private card(n: Notice): HTMLLIElement {
    const { t } = this.host;
    const w = t.notice;
    const terms = this.host.termsUrl();
    const rule = n.ground === "illegal" ? w.law
      : terms ? h("a", { href: terms, target: "_blank", rel: "noopener noreferrer" }, w.terms) : w.termsPlain;
    const timed = n.kind === "banned" || n.kind === "muted";
    const li = h("li", { class: `notice${this.fresh.has(n.id) ? " fresh" : ""}`, "data-notice": n.id, "data-kind": n.kind },
      h("h4", null, w.kinds[n.kind], this.fresh.has(n.id) ? h("span", { class: "pill" }, w.fresh) : null, h("time", { datetime: new Date(n.at).toISOString() }, t.time(n.at))),
      n.excerpt ? h("figure", null, h("figcaption", null, w.yourMessage), h("blockquote", { class: "excerpt" }, n.excerpt)) : null,
      h("dl", null,
        h("dt", null, w.why), h("dd", { class: "why" }, n.explanation),
        h("dt", null, w.category), h("dd", { class: "category" }, categoryWords(t.lang, n.category)),
        h("dt", null, w.rule), h("dd", null, rule),
        h("dt", null, w.decision), h("dd", { class: "decided" }, w.decidedBy(n.automated.decision, n.automated.detection)),
        timed ? h("dt", null, w.until) : null,
        timed ? h("dd", null, n.until ? t.time(n.until) : w.permanent) : null),
      this.appealPart(n));
    return li;
  }

  /** The appeal's state, its form, or the button that opens the form while the notice is appealable. */
  private appealPart(n: Notice): HTMLElement | null {
    const w = this.host.t.notice;
    const state = this.memory.appeals[n.id];
    if (state) {
      const text = state.status === "open" ? w.appealSent : this.outcome(n, state);
      return h("p", { class: `outcome ${state.status}`, role: "status", tabindex: "-1", "data-appeal": state.status }, text);
    }
    if (n.appealUntil === undefined) return null;
    if (Date.now() > n.appealUntil) return h("p", { class: "muted" }, w.appealClosed);
    if (this.drafting === n.id) return this.form(n);
    return h("div", { class: "ntactions" },
      h("button", { type: "button", class: "chip", "data-action": "appeal", onclick: () => { this.drafting = n.id; this.draft = ""; this.refresh(); this.list?.querySelector<HTMLTextAreaElement>(`[data-notice="${n.id}"] textarea`)?.focus(); } }, w.appeal),
      h("span", { class: "muted" }, w.appealUntil(this.host.t.time(n.appealUntil))));
  }

  private form(n: Notice): HTMLFormElement {
    const { t } = this.host;
    const w = t.notice;
    const id = `cw-ap-${n.id}`;
    const text = h("textarea", { id, rows: 3, maxlength: APPEAL_MAX, required: true, "aria-describedby": `${id}-hint ${id}-err` });
    text.value = this.draft;
    text.addEventListener("input", () => { this.draft = text.value; text.removeAttribute("aria-invalid"); err.textContent = ""; });
    const err = h("p", { class: "err", id: `${id}-err`, role: "alert" });
    const send = h("button", { type: "submit", class: "chip" }, w.appealSend);
    const form = h("form", { class: "appealform", novalidate: true },
      h("label", { for: id }, w.appealLabel), text,
      h("p", { class: "muted", id: `${id}-hint` }, w.appealHint(APPEAL_MAX)), err,
      h("div", { class: "ntactions" }, send,
        h("button", { type: "button", class: "chip plain", onclick: () => { this.drafting = undefined; this.refresh(); this.focusAppeal(n.id, "[data-action=appeal]"); } }, t.cancel)));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = text.value.trim();
      if (!value) { err.textContent = w.appealEmpty; text.setAttribute("aria-invalid", "true"); text.focus(); return; }
      send.disabled = true;
      this.host.appeal(n.id, value).then((a) => {
        this.drafting = undefined;
        this.remember(n.id, a);
        this.refresh();
        this.focusAppeal(n.id, ".outcome");
      }, (e2: unknown) => {
        send.disabled = false;
        const code = e2 instanceof ChatError ? e2.code : "internal";
        // forbidden: appealed already (from another tab or an earlier visit), or too late.
        if (code === "forbidden" && n.appealUntil !== undefined && Date.now() <= n.appealUntil) {
          this.drafting = undefined;
          this.remember(n.id, { status: "open" });
          this.refresh();
          this.focusAppeal(n.id, ".outcome");
          return;
        }
        err.textContent = code === "forbidden" ? w.appealClosed : describeError(t, code);
      });
    });
    return form;
  }

  private focusAppeal(noticeId: string, selector: string): void {
    this.list?.querySelector<HTMLElement>(`[data-notice="${noticeId}"] ${selector}`)?.focus();
  }

  private outcome(n: Notice, a: Pick<Appeal, "status" | "note">): string {
    const w = this.host.t.notice;
    return a.status === "reversed" ? w.reversed[n.kind] : w.upheld(a.note ?? "");
  }

  private remember(noticeId: string, a: Pick<Appeal, "status" | "note">): void {
    this.memory.appeals[noticeId] = { status: a.status, ...(a.note ? { note: a.note } : {}) };
    store(this.host.tenant, this.memory);
    this.refresh();
  }

  private markSeen(ids: string[]): void {
    this.memory.seen = [...ids, ...this.memory.seen.filter((x) => !ids.includes(x))].slice(0, SEEN_KEPT);
    store(this.host.tenant, this.memory);
  }
}

const key = (tenant: string) => `causette:notices:${tenant}`;

function recall(tenant: string): Memory {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(key(tenant)) ?? "null") as Partial<Memory> | null;
    return { seen: Array.isArray(raw?.seen) ? raw.seen.filter((x) => typeof x === "string") : [], appeals: raw?.appeals && typeof raw.appeals === "object" ? raw.appeals : {} };
  } catch { return { seen: [], appeals: {} }; }
}

function store(tenant: string, m: Memory): void {
  // Private mode: notices show again next visit, and an appeal's state is asked again; nothing breaks.
  try { globalThis.localStorage?.setItem(key(tenant), JSON.stringify(m)); } catch { /* see above */ }
}
