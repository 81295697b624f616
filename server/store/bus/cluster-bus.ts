import type { Role } from "../../../client-sdk/src/protocol.ts";

/** What the nodes of a cluster tell each other, and the secrets they share. Not tenant-scoped. */
export interface ClusterBus {
  /** Publishes to every node (including this one). */
  publish(event: ClusterEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(handler: (event: ClusterEvent) => void): () => void;
  /**
   * A secret shared by every node (e.g. the one that signs guest tokens): the first node to ask
   * creates it from `candidate`, everyone after gets that same value.
   */
  sharedSecret(name: string, candidate: string): Promise<string>;
}

/**
 * Events that every node must act on. Socket fan-out itself goes through the Socket.IO adapter;
 * these are for node-local state (compiled filters, cached room settings).
 */
export type ClusterEvent =
  | { type: "filters:changed"; tenant: string; version: number }
  | { type: "room:changed"; tenant: string; room: string }
  | { type: "sanctions:changed"; tenant: string }
  | { type: "role:changed"; tenant: string; userId: string; role: Role | null }
  | { type: "webhooks:changed"; tenant: string };
