import type { Author, Flag, Notice } from "../../../client-sdk/src/protocol.ts";
import type { StoredMessage } from "../../../server/store/messages/message-store.ts";
import type { QueueEntry } from "../../../server/store/queue/review-queue-store.ts";

/** What the contract suites share: two tenants, a few people, and builders of messages, flags and queue entries. */
export const A = "acme";
export const B = "other";
export const alice: Author = { id: "u-alice", name: "Alice", role: "member" };
export const bob: Author = { id: "u-bob", name: "Bob", role: "member" };
export const mod: Author = { id: "u-mod", name: "Mo", role: "moderator" };
export const T0 = 1_700_000_000_000;

export let seq = 0;
export function msg(over: Partial<StoredMessage> = {}): StoredMessage {
  seq += 1;
  return { id: `m-${seq}`, room: "faq", author: alice, text: `hello ${seq}`, createdAt: T0 + seq, status: "visible", ...over };
}
export const flagBy = (by: Author, over: Partial<Flag> = {}): Flag => ({ by, reason: "abuse", at: T0, ...over });
export const entry = (messageId: string, over: Partial<QueueEntry> = {}): QueueEntry =>
  ({ messageId, kind: "filter", reasons: [{ kind: "word", detail: "x" }], priority: "normal", queuedAt: T0, ...over });
export const ids = (ms: { id: string }[]) => ms.map((m) => m.id);
/** A manager's removal notice (SPEC §9.1), the n-th. */
export const notice = (n: number, over: Partial<Notice> = {}): Notice => ({
  id: `nt-${n}`, at: T0 + n, kind: "message_removed", messageId: `m-${n}`, room: "faq", excerpt: `text ${n}`,
  ground: "terms", category: "scope_of_platform_service", explanation: "Removed.", automated: { detection: false, decision: false },
  source: "manager", appealUntil: T0 + n + 1000, ...over,
});
export const user = (n: number): Author => ({ id: `user-${n}`, name: `User ${n}`, role: "member" });
const b64 = (json: string) => Buffer.from(json).toString("base64url");
/** Cursors no store issues: not base64url JSON, or well-encoded JSON of the wrong shape. */
export const FOREIGN_CURSORS = [
  "", "x", "garbage!", "0-0", "1-x", b64("null"), b64("{}"), b64('{"c":"x"}'), b64('"x"'), b64("[]"), b64("[1]"),
  b64("-1"), b64("0"), b64("1.5"), b64('["high","x","m1"]'), b64('["urgent",1,"m1"]'), b64('["1",2]'), b64('["",""]'), b64('["1e999","m1"]'),
];
