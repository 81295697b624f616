/**
 * The keyboard selection in a screen's list of cards (`[data-id]`, the list's children unless
 * `cards` says where they are, as in the queue's author groups), as the queue and the appeals use
 * it: one card marked (class and aria-current), focused and scrolled to on demand, and only while
 * the screen is shown (a hidden tab must not take the focus).
 */
export class CardSelection {
  id: string | undefined;

  constructor(private readonly screen: HTMLElement, private readonly list: HTMLElement, private readonly cards = ":scope > *") {}

  private all(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>(this.cards)];
  }

  /** The card for `id` (the selected one by default), if it is in the list. */
  card(id = this.id): HTMLElement | undefined {
    return this.all().find((x) => x.dataset.id === id);
  }

  select(id: string, focus: boolean): void {
    this.id = id;
    for (const li of this.all()) {
      const on = li.dataset.id === id;
      li.classList.toggle("selected", on);
      li.setAttribute("aria-current", on ? "true" : "false");
    }
    if (focus) this.focus();
  }

  focus(): void {
    if (!this.screen.isConnected || this.screen.closest("[hidden]")) return;
    const li = this.card();
    if (li) { li.focus({ preventScroll: true }); li.scrollIntoView({ block: "nearest" }); }
  }
}
