import { createElement as h, useState, type FormEvent, type ReactNode } from "react";
import type { ChatClientOptions } from "../chat-client.ts";
import type { Message, Notice } from "../protocol.ts";
import { describeError, displayName, pickLang, strings, type Lang, type WidgetStrings } from "../widget/i18n.ts";
import { CausetteProvider, useHasCausette } from "./causette-provider.ts";
import { useCausetteRoom, type CausetteRoom } from "./use-causette-room.ts";

export interface CausetteChatProps {
  /** The room, e.g. `product:serum-42`. */
  room: string;
  /** The brand's tenant id; with it the component opens its own connection, without it uses the provider above. */
  tenant?: string;
  /** The shopper's JWT from the brand's backend (`signUserToken`); absent: a guest. */
  token?: string;
  /** The Causette server, e.g. `https://chat.example.com`; default: this page's origin. */
  url?: string;
  /** `en` or `fr`; default: the browser's language. */
  language?: Lang;
  className?: string;
  /** Extra ChatClient options (reconnection delays, ack timeout). */
  clientOptions?: Pick<ChatClientOptions, "ackTimeoutMs" | "socketOptions">;
  onNotice?: (notice: Notice) => void;
}

/**
 * A ready-made, unstyled chat for one room: messages (with the user's held ones marked), a
 * composer, "helpful" and "report" buttons, the connection state and any restriction in force,
 * in English or French. Style it through its `causette-*` class names, or build your own UI on
 * `useCausetteRoom`.
 *
 * @example
 * <CausetteChat url="https://chat.example.com" tenant="demo" room="product:serum-42" token={token} />
 */
export function CausetteChat(props: CausetteChatProps): ReactNode {
  const nested = useHasCausette();
  const panel = h(ChatPanel, { ...props, key: props.room });
  if (nested && !props.tenant) return panel;
  return h(CausetteProvider, {
    tenant: props.tenant, ...(props.url ? { url: props.url } : {}), ...(props.token ? { token: props.token } : {}),
    ...props.clientOptions,
  }, panel);
}

function ChatPanel(props: CausetteChatProps): ReactNode {
  const t = strings(props.language ?? pickLang());
  const chat = useCausetteRoom(props.room, props.onNotice ? { onNotice: props.onNotice } : {});
  const [text, setText] = useState("");
  const [info, setInfo] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    setInfo("");
    chat.send(body).then((m) => { setText(""); if (m.status === "held") setInfo(t.heldHelp); }, () => undefined);
  };
  const mute = chat.sanction.mute && chat.sanction.mute.until > Date.now() ? chat.sanction.mute : undefined;
  const locked = chat.ended !== undefined || mute !== undefined || chat.status === "closed";
  const statusText = chat.status === "connecting" ? t.connecting : chat.status === "reconnecting" ? t.reconnecting : chat.status === "closed" ? t.ended : "";
  // The one error shown: an ended session says why; otherwise the last refusal.
  const errorCode = chat.ended ? undefined : chat.error?.code;

  return h("section", { className: ["causette-chat", props.className].filter(Boolean).join(" "), "aria-label": t.title, lang: t.lang, "data-status": chat.status },
    h("p", { className: "causette-status", role: "status" }, statusText),
    chat.ended ? h("p", { className: "causette-notice causette-ended", role: "alert", "data-code": chat.ended.code },
      describeError(t, chat.ended.code, { ...(chat.ended.until ? { until: chat.ended.until } : {}), ...(chat.ended.reason ? { reason: chat.ended.reason } : {}) })) : null,
    mute ? h("p", { className: "causette-notice causette-muted", role: "status" },
      t.errors.muted({ until: mute.until, ...(mute.reason ? { reason: mute.reason } : {}) })) : null,
    ...chat.notices.map((n) => h("p", { key: n.id, className: "causette-notice", role: "status", "data-kind": n.kind }, n.explanation)),
    h("ol", { className: "causette-messages", "aria-label": t.messages },
      chat.joined && chat.messages.length === 0 ? h("li", { className: "causette-empty" }, t.empty) : null,
      ...chat.messages.map((m) => h(MessageRow, { key: m.id, m, chat, t, mine: m.author.id === chat.session?.user.id }))),
    errorCode ? h("p", { className: "causette-error", role: "alert", "data-code": errorCode },
      describeError(t, errorCode, { ...(chat.error?.retryAfterMs !== undefined ? { retryAfterMs: chat.error.retryAfterMs } : {}), ...(chat.error?.until ? { until: chat.error.until } : {}), maxLength: chat.room?.maxLength ?? 1000 })) : null,
    info ? h("p", { className: "causette-info", role: "status" }, info) : null,
    h("form", { className: "causette-composer", onSubmit: submit },
      h("textarea", { "aria-label": t.yourMessage, placeholder: t.placeholder, value: text, disabled: locked, maxLength: chat.room?.maxLength ?? 1000,
        onChange: (e: { target: { value: string } }) => setText(e.target.value) }),
      h("button", { type: "submit", disabled: locked || !chat.joined }, t.send)),
  );
}

function MessageRow({ m, chat, t, mine }: { m: Message; chat: CausetteRoom; t: WidgetStrings; mine: boolean }): ReactNode {
  const hidden = m.status === "hidden";
  return h("li", { className: `causette-message${mine ? " causette-own" : ""}`, "data-id": m.id, "data-status": m.status },
    h("span", { className: "causette-author" }, displayName(t, m.author)),
    h("p", { className: "causette-text", dir: "auto" }, hidden ? t.hidden : m.text),
    m.status === "held" ? h("p", { className: "causette-held" }, t.held) : null,
    m.status === "visible" && !mine ? h("span", { className: "causette-actions" },
      h("button", { type: "button", onClick: () => { chat.helpful(m.id).catch(() => undefined); } }, t.helpful(m.helpful ?? 0)),
      h("button", { type: "button", onClick: () => { chat.flag(m.id, "abuse").catch(() => undefined); } }, t.report)) : null,
  );
}
