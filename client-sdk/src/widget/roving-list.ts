/** What the keyboard can reach inside a message. */
const CONTROLS = "button, a[href], input, select, textarea";

/**
 * The message list as one Tab stop, as chat clients do (a roving tab index): Tab enters the list on
 * one message (the newest until the reader picks another) and leaves it on the next Tab, whatever
 * the list holds. Inside, Up and Down (Home, End) move between messages, Right and Left between the
 * current message's buttons and links, Escape goes back from a button to its message. Without this
 * every message's Reply, Helpful and Report were Tab stops: some 300 before the composer with a
 * full history.
 */
export class RovingList {
  private current: HTMLElement | undefined;
  /** Whether the reader chose a message; until then the newest is the way in. */
  private chosen = false;
  private pending: { focus: "item" | string | undefined; wasCurrent: boolean } | undefined;

  constructor(private readonly list: HTMLElement, private readonly root: ShadowRoot | Document) {
    list.addEventListener("keydown", (e) => this.onKey(e));
    list.addEventListener("focusin", (e) => {
      const li = this.itemOf(e.target as Node);
      if (li && li !== this.current) { this.current = li; this.chosen = true; this.sync(); }
    });
    // Messages are re-rendered whole and menus come and go: every new control leaves the Tab order.
    new MutationObserver(() => this.sync()).observe(list, { childList: true, subtree: true });
    this.sync();
  }

  /** Before `old` is replaced by a new rendering of the same message: remember where the keyboard was. */
  carry(old: HTMLElement, _next: HTMLElement): void {
    const active = this.root.activeElement;
    const inside = active instanceof HTMLElement && old.contains(active);
    this.pending = {
      focus: !inside ? undefined : active === old ? "item" : active.dataset.action ?? "item",
      wasCurrent: old === this.current,
    };
  }

  /** After the replacement: the new element takes the old one's place in the Tab order and focus. */
  settle(el: HTMLElement): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    if (p.wasCurrent) this.current = el;
    this.sync();
    if (p.focus === "item") el.focus({ preventScroll: true });
    else if (p.focus) (el.querySelector<HTMLElement>(`[data-action="${p.focus}"]`) ?? el).focus({ preventScroll: true });
  }

  private items(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>(":scope > li.msg")];
  }

  private itemOf(node: Node | null): HTMLElement | undefined {
    for (let n = node; n && n !== this.list; n = n.parentNode) {
      if (n instanceof HTMLElement && n.parentNode === this.list && n.classList.contains("msg")) return n;
    }
    return undefined;
  }

  private sync(): void {
    for (const c of this.list.querySelectorAll<HTMLElement>(CONTROLS)) if (c.getAttribute("tabindex") !== "-1") c.setAttribute("tabindex", "-1");
    const items = this.items();
    if (!this.current?.isConnected || !this.chosen) this.current = items[items.length - 1];
    for (const li of items) {
      const want = li === this.current ? "0" : "-1";
      if (li.getAttribute("tabindex") !== want) li.setAttribute("tabindex", want);
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const li = this.itemOf(e.target as Node);
    if (!li) return;
    const onItem = e.target === li;
    const items = this.items();
    const i = items.indexOf(li);
    let to: HTMLElement | undefined;
    switch (e.key) {
      case "ArrowDown": to = items[Math.min(i + 1, items.length - 1)]; break;
      case "ArrowUp": to = items[Math.max(i - 1, 0)]; break;
      case "Home": if (onItem) to = items[0]; break;
      case "End": if (onItem) to = items[items.length - 1]; break;
      case "ArrowRight":
      case "ArrowLeft": {
        const controls = [...li.querySelectorAll<HTMLElement>(CONTROLS)].filter((c) => c.getClientRects().length > 0);
        const at = onItem ? -1 : controls.indexOf(e.target as HTMLElement);
        if (e.key === "ArrowRight") to = controls[Math.min(at + 1, controls.length - 1)];
        else to = at <= 0 ? li : controls[at - 1];
        break;
      }
      case "Escape": if (!onItem) to = li; break;
      default: return;
    }
    if (!to) return;
    e.preventDefault();
    to.focus();
  }
}
