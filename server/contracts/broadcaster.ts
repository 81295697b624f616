import type { AdminServerEvents, ChatServerEvents, SessionEnded } from "../../client-sdk/src/protocol.ts";

type Args<F> = F extends (...a: infer A) => void ? A : never;

/**
 * How services reach sockets, on this node and (through the Socket.IO adapter) on every other.
 * Services depend on this narrow interface, never on Socket.IO itself.
 */
export interface Broadcaster {
  toRoom<E extends keyof ChatServerEvents>(tenant: string, room: string, event: E, ...args: Args<ChatServerEvents[E]>): void;
  toUser<E extends keyof ChatServerEvents>(tenant: string, userId: string, event: E, ...args: Args<ChatServerEvents[E]>): void;
  /** To back-office sockets subscribed to the feed: all rooms, or (with `room`) also those watching only that room. */
  toAdmins<E extends keyof AdminServerEvents>(tenant: string, room: string | undefined, event: E, ...args: Args<AdminServerEvents[E]>): void;
  /** Sends `session:ended` then disconnects every matching /chat socket of the tenant on every node. */
  endSessions(tenant: string, match: { userId: string } | { cidr: string }, ended: SessionEnded): Promise<number>;
  /** Local online count of a room (this node). */
  localOnline(tenant: string, room: string): number;
}
