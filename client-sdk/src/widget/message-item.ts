import type { Author, FlagReason, Message } from "../protocol.ts";
import { h } from "./dom.ts";
import { flagMenu } from "./flag-menu.ts";
import { icon } from "./icons.ts";
import { displayName, type WidgetStrings } from "./i18n.ts";
import { linkify } from "./linkify.ts";

/** What a message needs to know about the reader to offer the right buttons. */
export interface ItemContext {
  t: WidgetStrings;
  me: Author | undefined;
  /** false in a restricted room for guests and members: the reply button explains instead. */
  canAnswer: boolean;
  /** The message being answered, when it is still known locally. */
  parent: Message | undefined;
  /** Already flagged by me in this page's life: a message is flagged once. */
  flagged: boolean;
  voted: boolean;
  /** The brand's sign-in page, offered to guests where only signed-in shoppers may act. */
  signInUrl: string | undefined;
  onReply(m: Message): void;
  onHelpful(m: Message): Promise<void>;
  /** Resolves once flagged (the app confirms it out of the item, which a hide re-renders). */
  onFlag(m: Message, reason: FlagReason): Promise<void>;
  /** SPEC §9.3: opens the illegal-content report form for the message (it lives outside the item); focus returns to `from` on close. */
  onReportIllegal(m: Message, from: HTMLElement): void;
}

const QUOTE_CHARS = 120;

/** One message of the list, rebuilt whole on every change (messages are small; this keeps it simple). */
export function messageItem(m: Message, ctx: ItemContext): HTMLLIElement {
  const { t } = ctx;
  const own = ctx.me?.id === m.author.id;
  const li = h("li", {
    class: `msg${own ? " own" : ""}${m.team ? " team" : ""}${m.status === "held" ? " held" : ""}${m.status === "hidden" ? " hidden" : ""}`,
    "data-id": m.id,
    "data-status": m.status,
  });

  li.append(h("div", { class: "meta" },
    h("span", { class: "name" }, displayName(t, m.author)),
    authorBadge(m, t),
    own ? h("span", { class: "sr" }, `(${t.you})`) : null,
    h("time", { datetime: new Date(m.createdAt).toISOString() }, t.time(m.createdAt)),
  ));

  if (m.replyTo) li.append(quote(ctx.parent, t));

  if (m.status === "hidden") {
    li.append(h("p", { class: "text" }, t.hidden));
    return li;
  }
  if (m.status === "held") {
    // Written out, not in a tooltip: a phone has no hover, and the author needs to know now.
    li.append(h("p", { class: "text" }, m.text),
      h("div", { class: "state" }, icon("clock"), h("b", null, t.held), h("span", { class: "state-help" }, t.heldHelp)));
    return li;
  }
  li.append(h("p", { class: "text" }, ...linkify(m.text)));

  const note = h("p", { class: "note", role: "status", hidden: true });
  const say = (text: string, bad = false) => { note.textContent = text; note.className = bad ? "note bad" : "note"; note.hidden = false; };
  const actions = h("div", { class: "actions" });

  const replyBtn = h("button", { type: "button", class: "act", "data-action": "reply" }, icon("reply"), t.reply);
  if (ctx.canAnswer) replyBtn.addEventListener("click", () => ctx.onReply(m));
  else {
    // Kept visible so the rule is discoverable; pressing it explains instead of silently doing nothing.
    replyBtn.setAttribute("aria-disabled", "true");
    replyBtn.addEventListener("click", () => say(t.restrictedReply));
  }
  actions.append(replyBtn);

  const count = m.helpful ?? 0;
  const guest = (ctx.me?.role ?? "guest") === "guest";
  if (own || (guest && !ctx.signInUrl)) {
    // Only signed-in shoppers vote: without a sign-in page to offer, a guest sees the count alone.
    if (count > 0) actions.append(h("span", { class: "count" }, t.helpful(count)));
  } else {
    const help = h("button", {
      type: "button", class: "act", "data-action": "helpful", "aria-label": t.helpfulLabel(count),
      ...(guest ? {} : { "aria-pressed": ctx.voted ? "true" : "false" }),
    }, icon("helpful"), t.helpful(count));
    help.addEventListener("click", () => {
      if (guest) {
        note.className = "note";
        note.replaceChildren(`${t.signInToVote} `, h("a", { href: ctx.signInUrl!, class: "signin" }, t.signIn));
        note.hidden = false;
        return;
      }
      if (help.getAttribute("aria-pressed") === "true") return;
      ctx.onHelpful(m).catch((e: Error) => say(e.message, true));
    });
    actions.append(help);
  }

  // The brand's own word is not reported by shoppers (the server refuses it too).
  if (!own && !m.team) {
    const flagBtn = h("button", { type: "button", class: "act", "data-action": "report", "aria-expanded": "false" }, icon("report"), t.report);
    // Flagged once already: the menu still offers the legal route (SPEC §9.3), not the reasons again.
    if (ctx.flagged) flagBtn.title = t.reported;
    let menu: HTMLElement | undefined;
    const closeMenu = (focusBack: boolean) => {
      menu?.remove(); menu = undefined;
      flagBtn.setAttribute("aria-expanded", "false");
      if (focusBack) flagBtn.focus();
    };
    flagBtn.addEventListener("click", () => {
      // A flag on its way: nothing to choose until it is answered.
      if (flagBtn.getAttribute("aria-disabled") === "true") { say(t.reported); return; }
      if (menu) { closeMenu(true); return; }
      menu = flagMenu(t, {
        choose: (reason) => {
          closeMenu(false);
          flagBtn.setAttribute("aria-disabled", "true");
          ctx.onFlag(m, reason).catch((e: Error) => { flagBtn.removeAttribute("aria-disabled"); say(e.message, true); });
        },
        illegal: () => { closeMenu(false); ctx.onReportIllegal(m, flagBtn); },
        cancel: () => closeMenu(true),
      }, { flagged: ctx.flagged });
      flagBtn.setAttribute("aria-expanded", "true");
      li.append(menu);
      (menu.querySelector("button") as HTMLButtonElement | null)?.focus();
    });
    actions.append(flagBtn);
  }
  li.append(actions, note);
  return li;
}

/**
 * The badge after the author's name: a brand post's "Team" (written out for screen readers as an
 * official message, since the visible word alone reads like a name), else the author's role.
 */
export function authorBadge(m: Message, t: WidgetStrings): HTMLElement | null {
  if (m.team) return h("span", { class: "badge team", "data-badge": "team" }, icon("check"), h("span", { "aria-hidden": "true" }, t.team), h("span", { class: "sr" }, t.teamLabel));
  const badge = t.badges[m.author.role];
  return badge ? h("span", { class: `badge ${m.author.role}` }, badge) : null;
}

function quote(parent: Message | undefined, t: WidgetStrings): HTMLElement {
  if (!parent) return h("div", { class: "quote" }, `↪ ${t.earlierMessage}`);
  const text = parent.status === "hidden" ? t.hidden : parent.text.length > QUOTE_CHARS ? `${parent.text.slice(0, QUOTE_CHARS)}…` : parent.text;
  return h("div", { class: "quote" }, "↪ ", h("b", null, displayName(t, parent.author)), ` — ${text}`);
}
