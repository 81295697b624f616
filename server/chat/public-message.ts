import type { Message } from "../../client-sdk/src/protocol.ts";
import type { StoredMessage } from "../store/messages/message-store.ts";

/**
 * The shape shoppers see: no IP, device, reasons or idempotency key. A shadow-held message is
 * shown to its own author as visible, which is the whole point of shadow mode.
 */
export function toPublic(m: StoredMessage, viewerId?: string): Message {
  const out: Message = { id: m.id, room: m.room, author: m.author, text: m.text, createdAt: m.createdAt, status: m.status };
  if (m.replyTo !== undefined) out.replyTo = m.replyTo;
  if (m.helpful) out.helpful = m.helpful;
  if (m.team) out.team = true;
  if (m.shadow && m.status === "held" && viewerId === m.author.id) out.status = "visible";
  return out;
}
