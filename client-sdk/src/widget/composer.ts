import type { Message } from "../protocol.ts";
import { h, replace } from "./dom.ts";
import { displayName, type WidgetStrings } from "./i18n.ts";

/** Counted like the server does (SPEC §6.1 validate): NFC, trimmed, in code points. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text.normalize("NFC").trim()) n++;
  return n;
}

export interface ComposerHandlers {
  /** Resolves true when the text was accepted (the box is then cleared). */
  send(text: string, replyTo: Message | undefined): Promise<boolean>;
}

/**
 * The message box: Enter sends, Shift+Enter breaks the line, a counter against the room's
 * maxLength, the quoted message being answered, and one line for errors and one for good news.
 */
export class Composer {
  readonly el: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly button: HTMLButtonElement;
  private readonly counter: HTMLSpanElement;
  private readonly replyBox: HTMLDivElement;
  private readonly errorLine: HTMLParagraphElement;
  private readonly infoLine: HTMLParagraphElement;
  private max = 1000;
  private replyTo: Message | undefined;
  private busy = false;
  /** Why the box is closed (frozen room, mute, ended session...); undefined when open. */
  private lockedBy: string | undefined;
  private waitTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly t: WidgetStrings, private readonly on: ComposerHandlers) {
    const id = `cw-input-${Math.random().toString(36).slice(2, 9)}`;
    this.input = h("textarea", { id, rows: 1, placeholder: t.placeholder, "aria-describedby": `${id}-hint ${id}-count` });
    this.button = h("button", { type: "submit", class: "send" }, t.send);
    this.counter = h("span", { class: "counter", id: `${id}-count`, "aria-live": "off" });
    this.replyBox = h("div", { class: "replying", hidden: true });
    this.errorLine = h("p", { class: "error", role: "alert" });
    this.infoLine = h("p", { class: "info", role: "status" });
    this.el = h("form", { class: "composer", novalidate: true },
      this.replyBox,
      h("label", { for: id, class: "sr" }, t.yourMessage),
      h("div", { class: "row" }, this.input, this.button),
      h("div", { class: "foot" }, h("span", { class: "hint", id: `${id}-hint` }, t.hint), this.counter),
      this.errorLine,
      this.infoLine,
    );
    this.el.addEventListener("submit", (e) => { e.preventDefault(); void this.submit(); });
    this.input.addEventListener("keydown", (e) => {
      // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); void this.submit(); }
      else if (e.key === "Escape" && this.replyTo) { e.preventDefault(); this.setReply(undefined); }
    });
    // An error is about what was sent; once the shopper edits the text it no longer applies.
    this.input.addEventListener("input", () => { this.error(""); this.refresh(); this.autosize(); });
    this.refresh();
  }

  setMax(max: number): void { this.max = max; this.refresh(); }

  setReply(m: Message | undefined): void {
    this.replyTo = m;
    if (!m) {
      this.replyBox.hidden = true;
      this.input.placeholder = this.t.placeholder;
      return;
    }
    replace(this.replyBox,
      h("span", null, `↩ ${this.t.replyingTo(displayName(this.t, m.author))} — ${m.text}`),
      h("button", { type: "button", class: "linkbtn", onclick: () => { this.setReply(undefined); this.input.focus(); } }, this.t.cancelReply),
    );
    this.replyBox.hidden = false;
    this.input.placeholder = this.t.placeholderReply;
    this.input.focus();
  }

  /** Closes the box (the reason becomes its placeholder; banners explain at length) or reopens it. */
  lock(reason: string | undefined): void {
    if (reason === this.lockedBy) return;
    this.lockedBy = reason;
    this.input.disabled = reason !== undefined;
    this.input.placeholder = reason ?? (this.replyTo ? this.t.placeholderReply : this.t.placeholder);
    this.refresh();
  }

  get locked(): boolean { return this.lockedBy !== undefined; }

  error(text: string): void { this.errorLine.textContent = text; if (text) this.infoLine.textContent = ""; }
  info(text: string): void { this.infoLine.textContent = text; }

  /** Slow mode: count down out loud in the info line and keep the button off meanwhile. */
  wait(seconds: number, label: (s: number) => string): void {
    if (this.waitTimer) clearInterval(this.waitTimer);
    let left = Math.ceil(seconds);
    const tick = () => {
      if (left <= 0) {
        clearInterval(this.waitTimer); this.waitTimer = undefined;
        this.infoLine.textContent = "";
        this.refresh();
        return;
      }
      this.infoLine.textContent = label(left);
      left -= 1;
    };
    this.waitTimer = setInterval(tick, 1000);
    tick();
    this.refresh();
  }

  /** Ends a slow-mode countdown early (a manager turned slow mode off): the box is usable at once. */
  stopWait(): void {
    if (!this.waitTimer) return;
    clearInterval(this.waitTimer); this.waitTimer = undefined;
    this.infoLine.textContent = "";
    this.refresh();
  }

  focus(): void { this.input.focus(); }

  private async submit(): Promise<void> {
    if (this.busy || this.lockedBy !== undefined) return;
    const text = this.input.value;
    const n = charCount(text);
    if (n === 0) { this.error(this.t.errors.empty_message({})); return; }
    if (n > this.max) { this.error(this.t.errors.message_too_long({ maxLength: this.max })); return; }
    if (this.waitTimer) return;
    this.busy = true;
    this.button.textContent = this.t.sending;
    this.refresh();
    try {
      const ok = await this.on.send(text, this.replyTo);
      if (ok) {
        // Only clear what was sent: the shopper may have kept typing while it went.
        if (this.input.value === text) this.input.value = "";
        this.setReply(undefined);
        this.error("");
        this.autosize();
      }
    } finally {
      this.busy = false;
      this.button.textContent = this.t.send;
      this.refresh();
      if (!this.lockedBy) this.input.focus();
    }
  }

  private refresh(): void {
    const n = charCount(this.input.value);
    const over = n - this.max;
    this.counter.textContent = over > 0 ? `${this.t.counter(n, this.max)} · ${this.t.counterOver(over)}` : this.t.counter(n, this.max);
    this.counter.className = `counter${over > 0 ? " over" : n > this.max * 0.9 ? " near" : ""}`;
    const off = this.busy || this.lockedBy !== undefined || over > 0 || n === 0 || this.waitTimer !== undefined;
    // aria-disabled keeps the button focusable and announced, unlike `disabled`.
    this.button.setAttribute("aria-disabled", off ? "true" : "false");
    this.input.setAttribute("aria-invalid", over > 0 ? "true" : "false");
  }

  private autosize(): void {
    this.input.style.height = "auto";
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 160)}px`;
  }
}
