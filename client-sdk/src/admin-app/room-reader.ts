import { ChatClient } from "../chat-client.ts";
import { ChatError } from "../chat-error.ts";
import type { Message } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext } from "./context.ts";
import { act, button, errorText, field } from "./ui.ts";

/**
 * Reads one room live from the back office. The first page comes from `room:history` (every
 * status, so held and hidden messages show too); live changes come from a /chat connection made
 * with the manager's own token, the same events shoppers get, so nothing is polled.
 *
 * The brand speaks here too: a composer posts as the brand (a Team message), and any visible
 * message can be pinned at the top of every widget of the room, or unpinned.
 */
export class RoomReader {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly list: HTMLOListElement;
  private chat: ChatClient | undefined;
  private room: string | undefined;
  private readonly messages = new Map<string, Message>();
  /** The room's pinned message, as the widgets show it. */
  private pinned: Message | undefined;
  private readonly pinBox: HTMLElement;
  private readonly draft: HTMLTextAreaElement;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    this.title = h("h3", { id: "reader-title" });
    this.list = h("ol", { class: "reader-list", "aria-labelledby": "reader-title", "aria-live": "polite" });
    this.pinBox = h("section", { class: "reader-pin", hidden: true, "aria-label": t.rooms.pinnedTitle });
    this.draft = h("textarea", { rows: 2, maxlength: 20000, "data-action": "brand-text" });
    const postBtn: HTMLButtonElement = button(t.rooms.post, () => void this.post(postBtn), "primary", { "data-action": "brand-post" });
    this.draft.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void this.post(postBtn); } });
    this.el = h("aside", { class: "reader", hidden: true, "aria-labelledby": "reader-title" },
      h("div", { class: "toolbar" }, this.title, h("div", { class: "spacer" }), button(t.rooms.close, () => void this.close(), "ghost", { "data-action": "close-reader" })),
      this.pinBox,
      this.list,
      h("div", { class: "brand-composer" }, field(t.rooms.postAsBrand, this.draft, t.rooms.postHint), postBtn),
    );
  }

  private async post(btn: HTMLButtonElement): Promise<void> {
    const room = this.room;
    const text = this.draft.value.trim();
    if (!room || !text || btn.disabled) return;
    const ok = await act(btn, this.ctx.t, this.ctx.toast, async () => {
      const m = await this.ctx.admin.postAsBrand(room, text);
      if (this.room === room) { this.messages.set(m.id, m); this.render(); }
      return this.ctx.t.rooms.posted;
    });
    if (ok) this.draft.value = "";
    this.draft.focus();
  }

  async open(room: string): Promise<void> {
    if (this.room && this.room !== room) await this.chat?.leave(this.room).catch(() => undefined);
    this.room = room;
    this.messages.clear();
    this.pinned = undefined;
    this.title.textContent = this.ctx.t.rooms.reader(room);
    this.el.hidden = false;
    try {
      const chat = await this.connect();
      const [history, joined] = await Promise.all([this.ctx.admin.roomHistory(room, 100), chat.join(room)]);
      if (this.room !== room) return;
      for (const m of history) this.messages.set(m.id, m);
      this.pinned = joined.pinned;
      this.render();
      this.el.scrollIntoView({ block: "nearest" });
    } catch (err) {
      this.ctx.toast(errorText(this.ctx.t, err), "bad");
    }
  }

  async close(): Promise<void> {
    const room = this.room;
    this.room = undefined;
    this.el.hidden = true;
    if (room) await this.chat?.leave(room).catch(() => undefined);
  }

  private async connect(): Promise<ChatClient> {
    if (this.chat) return this.chat;
    // Signed out while a room was being opened: a connection made now would outlive the session.
    if (this.ctx.life.ended) throw new ChatError("unauthorized", "The back-office session has ended.");
    const chat = new ChatClient({ url: this.ctx.url, tenant: this.ctx.tenant, token: this.ctx.token });
    // It carries the manager's token: it must close with the session, not with the reader panel.
    this.ctx.life.own(() => chat.disconnect());
    const mine = (room: string) => room === this.room;
    chat.on("message", (m) => { if (mine(m.room)) { this.messages.set(m.id, m); this.render(); } });
    chat.on("message:restored", (m) => { if (mine(m.room)) { this.messages.set(m.id, m); this.render(); } });
    chat.on("message:hidden", (p) => this.patch(p.room, p.messageId, "hidden"));
    chat.on("message:deleted", (p) => this.patch(p.room, p.messageId, "deleted"));
    chat.on("room:cleared", (p) => { if (mine(p.room)) { this.messages.clear(); this.render(); } });
    chat.on("room:pinned", (p) => { if (mine(p.room)) { this.pinned = p.message; this.render(); } });
    chat.on("room:unpinned", (p) => { if (mine(p.room)) { this.pinned = undefined; this.render(); } });
    this.chat = chat;
    await chat.connect();
    return chat;
  }

  private patch(room: string, id: string, status: Message["status"]): void {
    const m = this.messages.get(id);
    if (room !== this.room || !m) return;
    this.messages.set(id, { ...m, status });
    this.render();
  }

  private render(): void {
    const { t, fmt } = this.ctx;
    this.renderPin();
    const all = [...this.messages.values()].sort((a, b) => a.createdAt - b.createdAt);
    if (!all.length) { replace(this.list, h("li", { class: "empty" }, t.rooms.readerEmpty)); return; }
    replace(this.list, ...all.map((m) => {
      const del = button(t.rooms.deleteMsg, () => void act(del, t, this.ctx.toast, () => this.ctx.admin.deleteMessage(m.id)), "link");
      const isPinned = this.pinned?.id === m.id;
      return h("li", { class: `rmsg ${m.status}${m.team ? " team" : ""}${isPinned ? " pinned" : ""}`, "data-id": m.id },
        h("div", { class: "rmeta" },
          h("b", null, m.author.name), ` · ${fmt.role(m.author.role)} · ${fmt.time(m.createdAt)} `,
          m.team ? h("span", { class: "tag team" }, t.rooms.team) : null,
          isPinned ? h("span", { class: "tag pinned" }, t.rooms.pinnedTag) : null,
          m.status !== "visible" ? h("span", { class: `tag ${m.status}` }, t.rooms.status[m.status] ?? m.status) : null,
          " ", button(t.inspect, () => this.ctx.go("people", m.author.id), "link"),
          m.status === "visible" ? this.pinButton(m) : null,
          m.status !== "deleted" ? del : null),
        h("p", { class: "rtext" }, m.text));
    }));
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** Pin (or, on the pinned message, unpin): what every widget of the room shows at its top. */
  private pinButton(m: Message): HTMLButtonElement {
    const { t, admin, toast } = this.ctx;
    const room = m.room;
    if (this.pinned?.id === m.id) {
      const un: HTMLButtonElement = button(t.rooms.unpin, () => void act(un, t, toast, async () => { await admin.unpin(room); return t.rooms.unpinnedDone; }), "link", { "data-action": "unpin" });
      return un;
    }
    const pin: HTMLButtonElement = button(t.rooms.pin, () => void act(pin, t, toast, async () => {
      const message = await admin.pin(room, m.id);
      // The live room:pinned may come first or after; either way the reader shows this pin.
      if (this.room === room) { this.pinned = message; this.render(); }
      return t.rooms.pinnedDone;
    }), "link", { "data-action": "pin" });
    return pin;
  }

  private renderPin(): void {
    const { t } = this.ctx;
    const m = this.pinned;
    this.pinBox.hidden = !m;
    if (!m) { replace(this.pinBox); return; }
    replace(this.pinBox,
      h("div", { class: "rmeta" }, h("span", { class: "tag pinned" }, t.rooms.pinnedTitle), " ", h("b", null, m.author.name),
        m.team ? h("span", { class: "tag team" }, t.rooms.team) : null, " ", this.pinButton(m)),
      h("p", { class: "rtext" }, m.text));
  }
}
