import type { Device, Message, MessageStatus, Reason } from "../../../client-sdk/src/protocol.ts";
import type { MaybePromise } from "../../maybe-promise.ts";

/**
 * Messages: each room's capped timeline, each author's recent messages, idempotent appends,
 * status changes and helpful votes. Every method is tenant-scoped (first argument).
 *
 * The reads and writes of every `message:send` (findIdempotent, appendMessage) are typed
 * MaybePromise: the embedded store answers them at once, so a post costs no promise.
 * appendMessage with an idempotency key, setMessageStatus with `from` and addHelpful are atomic
 * in both implementations (two nodes may race on them).
 *
 * A message that falls off its room's timeline is forgotten with its flags and votes, unless the
 * review queue still holds it (see ReviewQueueStore.releaseReviewed).
 */
export interface MessageStore {
  /**
   * Persists a message and adds it to its room's timeline (capped at `keep` entries).
   * With `idempotency`, atomically: when the key already names a message, nothing is written
   * and that message is returned with `duplicate: true`.
   * The store may keep `message` itself, so the caller hands it over and must not change it
   * afterwards (the embedded store encodes it at once and keeps nothing of it, except the author
   * and device objects, which it shares as they are: a session's are replaced, never changed).
   */
  appendMessage(
    tenant: string,
    message: StoredMessage,
    opts: { keep: number; idempotency?: { key: string; ttlMs: number } },
  ): MaybePromise<{ message: StoredMessage; duplicate: boolean }>;
  /**
   * The message an idempotency key names, if the key is still live and the message still kept.
   * A key may go before its ttl with its message (the embedded store drops it when the message
   * leaves the timeline): a retry of a message no longer kept is stored anew either way.
   */
  findIdempotent(tenant: string, key: string): MaybePromise<StoredMessage | null>;
  getMessage(tenant: string, id: string): Promise<StoredMessage | null>;
  /**
   * Compare-and-set of a message's status: applies only when the current status is in `from`
   * (any status when `from` is absent). Returns the updated message, or null when the message
   * does not exist or its status was not in `from`.
   */
  setMessageStatus(tenant: string, id: string, to: MessageStatus, from?: readonly MessageStatus[]): Promise<StoredMessage | null>;
  /** The room's most recent `limit` timeline entries of every status, oldest first. */
  roomTimeline(tenant: string, room: string, limit: number): Promise<StoredMessage[]>;
  /** A user's most recent messages in this tenant, newest first. */
  userMessages(tenant: string, userId: string, limit: number): Promise<StoredMessage[]>;
  /** Marks every visible/held/hidden message of the room deleted; returns the ones it changed. */
  clearRoom(tenant: string, room: string): Promise<StoredMessage[]>;
  /** Adds a distinct helpful vote. `added` false when this voter had already voted. */
  addHelpful(tenant: string, messageId: string, voterId: string): Promise<{ count: number; added: boolean }>;
  /**
   * SPEC §9.5 erasure: forgets every kept message of the author, on any timeline or kept for
   * review (body, flags, votes, idempotency key, review-queue entry), and their list of recent
   * messages. Returns the messages as they were, so the caller can tell rooms and managers.
   */
  forgetAuthor(tenant: string, userId: string): Promise<StoredMessage[]>;
  /**
   * SPEC §9.5 export: every kept message of the author (the same ones `forgetAuthor` would
   * forget, beyond the recent list `userMessages` reads), newest first. A rare read: it scans
   * the tenant's timelines.
   */
  authoredBy(tenant: string, userId: string): Promise<StoredMessage[]>;
  /** SPEC §9.5 export: the kept messages the user voted helpful (their ids). A rare read: it scans the votes. */
  votedBy(tenant: string, userId: string): Promise<string[]>;
  /**
   * SPEC §9.5 erasure of a voter: each of their helpful votes stays (it counts in its author's
   * total) under `anonymous`, a token that names nobody, instead of their id. Answers how many.
   */
  forgetVoter(tenant: string, userId: string, anonymous: string): Promise<number>;
  /**
   * SPEC §9.5 retention: takes off every room's timeline the messages created before `before`
   * (timelines are in posting order: it stops at a room's first newer one) and forgets them,
   * except those the review queue holds, which are forgotten once reviewed (releaseReviewed).
   * At most `max` per call; returns them as they were.
   */
  purgeBefore(tenant: string, before: number, max: number): Promise<StoredMessage[]>;
}

/**
 * The idempotency key of a post (SPEC §5.1): its author and the `clientId` its client chose. The
 * embedded store rebuilds it from a message it forgets, to drop the key with it.
 */
export const idempotencyKey = (userId: string, clientId: string): string => `${userId}\u0000${clientId}`;

/** A message with the fields only the server and managers see. */
export interface StoredMessage extends Message {
  ip?: string;
  device?: Device;
  /** Filter reasons when it was held. */
  reasons?: Reason[];
  /** Held silently: its author was told it is visible (shadow mode or shadow ban). */
  shadow?: boolean;
  /** Idempotency: the client's id for it. */
  clientId?: string;
}
