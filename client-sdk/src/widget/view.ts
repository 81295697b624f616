import type { Message } from "../protocol.ts";
import { Composer, type ComposerHandlers } from "./composer.ts";
import { RovingList } from "./roving-list.ts";
import { adoptStyles, h, replace } from "./dom.ts";
import { displayName, type WidgetStrings } from "./i18n.ts";
import { icon } from "./icons.ts";
import { linkify } from "./linkify.ts";
import { authorBadge } from "./message-item.ts";
import { WIDGET_CSS } from "./styles.ts";

/** Pixels from the bottom within which the list keeps following new messages. */
const STICKY_PX = 80;
const ANNOUNCE_CHARS = 140;

/**
 * The widget's frame inside a shadow root: header (title, live dot and head count, connection status),
 * banners (frozen, slow mode, restricted room, session ended), the message list, a polite live
 * region for screen readers, and the composer. It knows nothing of sockets.
 */
export class WidgetView {
  readonly root: ShadowRoot;
  readonly composer: Composer;
  private readonly section: HTMLElement;
  private readonly title: HTMLElement;
  private readonly livePill: HTMLElement;
  private readonly status: HTMLElement;
  private readonly who: HTMLElement;
  private readonly tools: HTMLElement;
  private readonly banners: HTMLElement;
  /** The room's pinned message, above the list. */
  private readonly pin: HTMLElement;
  /** On a phone the pin is folded to one line until opened (it stays open across updates). */
  private pinOpen = false;
  private readonly list: HTMLOListElement;
  private readonly live: HTMLElement;
  private readonly items = new Map<string, HTMLLIElement>();
  private readonly emptyItem: HTMLLIElement;
  private readonly roving: RovingList;
  private online: number | undefined;

  constructor(host: HTMLElement, private readonly t: WidgetStrings, brand: string, handlers: ComposerHandlers) {
    this.root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    replace(this.root);
    adoptStyles(this.root, WIDGET_CSS);
    this.title = h("span", { class: "sub" });
    this.livePill = h("span", { class: "pill live", hidden: true });
    this.status = h("span", { class: "status", role: "status" }, t.connecting);
    this.who = h("span", { class: "me" });
    this.tools = h("span");
    this.banners = h("div", { class: "banners" });
    this.pin = h("section", { class: "pin", hidden: true, "aria-label": t.pinnedLabel, "data-pin": "" });
    const keysId = `cw-keys-${Math.random().toString(36).slice(2, 9)}`;
    this.list = h("ol", { class: "list", "aria-label": t.messages, "aria-describedby": keysId });
    this.emptyItem = h("li", { class: "empty" }, t.empty);
    this.live = h("div", { class: "sr", "aria-live": "polite", "aria-atomic": "true" });
    this.composer = new Composer(t, handlers);
    this.section = h("section", { class: "cw", "aria-label": t.chatLabel(brand), lang: t.lang },
      h("header", { class: "head" }, h("h2", null, t.title, this.title), this.livePill, this.status, this.who, this.tools),
      this.banners,
      this.pin,
      this.list,
      h("p", { class: "sr", id: keysId }, t.listKeys),
      this.live,
      this.composer.el,
    );
    this.root.append(this.section);
    this.list.append(this.emptyItem);
    this.roving = new RovingList(this.list, this.root);
  }

  setRoomLabel(text: string): void { this.title.textContent = text; }
  /** Shown once the room is joined: the room's head count when known ("12 online"), else "Live". */
  setLive(on: boolean): void { this.livePill.hidden = !on; this.renderLive(); }
  /**
   * The server re-sends the count (room:updated) every few seconds while it changes. The pill is
   * deliberately not a live region: a screen reader finds the count when it reads the header,
   * instead of being interrupted by every arrival and departure.
   */
  setOnline(n: number | undefined): void { this.online = n; this.renderLive(); }
  private renderLive(): void {
    const text = this.online === undefined ? this.t.live : this.t.online(this.online);
    if (this.livePill.textContent !== text) this.livePill.textContent = text;
  }
  setStatus(text: string): void { this.status.textContent = text; }
  /** Who I am in the header; a guest may also get a link to the brand's sign-in page. */
  setWho(text: string, signIn?: { href: string; label: string }): void {
    replace(this.who, text, signIn ? " · " : null, signIn ? h("a", { href: signIn.href, class: "signin" }, signIn.label) : null);
  }
  /** A session that can no longer post does not invite anyone to "ask the first question". */
  setEnded(ended: boolean): void { this.emptyItem.hidden = ended; }
  setTools(...nodes: Node[]): void { replace(this.tools, ...nodes); }
  /** Inserts a panel (e.g. the moderator's alert form) right under the header. */
  insertPanel(panel: HTMLElement): void { this.banners.before(panel); }

  /**
   * Shows `m` pinned above the list (undefined: nothing pinned). On a phone it is folded to one
   * line, with a button to open it; wider screens always show it whole (see styles.ts).
   */
  setPinned(m: Message | undefined): void {
    const t = this.t;
    if (!m) { this.pin.hidden = true; replace(this.pin); this.pin.removeAttribute("data-id"); return; }
    const textId = `cw-pin-${Math.random().toString(36).slice(2, 9)}`;
    const toggle = h("button", { type: "button", class: "pin-toggle", "aria-controls": textId }, icon("chevron"));
    const mark = () => {
      toggle.setAttribute("aria-expanded", String(this.pinOpen));
      toggle.setAttribute("aria-label", this.pinOpen ? t.pinHide : t.pinShow);
      this.pin.classList.toggle("open", this.pinOpen);
    };
    toggle.addEventListener("click", () => { this.pinOpen = !this.pinOpen; mark(); });
    replace(this.pin,
      h("div", { class: "pin-head" }, icon("pin"), h("b", { class: "pin-title" }, t.pinned),
        h("span", { class: "name" }, displayName(t, m.author)), authorBadge(m, t), toggle),
      h("p", { class: "pin-text", id: textId }, ...linkify(m.text)));
    this.pin.dataset.id = m.id;
    mark();
    this.pin.hidden = false;
  }

  /** Replaces the banner row; each entry is [text, tone]. */
  setBanners(list: [string, "info" | "warn" | "bad"][]): void {
    replace(this.banners, ...list.map(([text, tone]) => h("p", { class: `banner ${tone === "info" ? "" : tone}`, role: tone === "bad" ? "alert" : "status" }, text)));
  }

  /** Adds or replaces one message, keeping the list in time order and following the bottom. */
  upsert(m: Message, el: HTMLLIElement, fresh: boolean): void {
    const follow = this.nearBottom();
    const old = this.items.get(m.id);
    if (old) { this.swap(old, el); this.items.set(m.id, el); return; }
    this.emptyItem.remove();
    if (fresh) el.classList.add("new");
    this.items.set(m.id, el);
    el.dataset.at = String(m.createdAt);
    let before: HTMLLIElement | undefined;
    for (const other of this.items.values()) {
      if (other === el || !other.isConnected) continue;
      if (Number(other.dataset.at) > m.createdAt && (!before || Number(other.dataset.at) < Number(before.dataset.at))) before = other;
    }
    if (before) before.before(el);
    else this.list.append(el);
    if (follow || !fresh) this.list.scrollTop = this.list.scrollHeight;
  }

  /** Re-renders the items in place, for changes every message depends on (my role, parents). */
  refreshAll(render: (id: string) => HTMLLIElement | undefined): void {
    for (const id of [...this.items.keys()]) {
      const el = render(id);
      if (el) { el.dataset.at = this.items.get(id)!.dataset.at!; this.swap(this.items.get(id)!, el); this.items.set(id, el); }
    }
  }

  /** Replaces a message's element, keeping the keyboard where it was (the item, or the same button in it). */
  private swap(old: HTMLLIElement, el: HTMLLIElement): void {
    this.roving.carry(old, el);
    old.replaceWith(el);
    this.roving.settle(el);
  }

  remove(id: string): void {
    this.items.get(id)?.remove();
    this.items.delete(id);
    if (this.items.size === 0) this.list.append(this.emptyItem);
  }

  clear(): void {
    for (const el of this.items.values()) el.remove();
    this.items.clear();
    this.list.append(this.emptyItem);
  }

  /** Polite screen-reader announcement; cleared first so the same sentence twice is still read. */
  announce(text: string): void {
    const short = text.length > ANNOUNCE_CHARS ? `${text.slice(0, ANNOUNCE_CHARS)}…` : text;
    this.live.textContent = "";
    queueMicrotask(() => { this.live.textContent = short; });
  }

  private nearBottom(): boolean {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < STICKY_PX;
  }
}
