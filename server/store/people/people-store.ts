import type { Author, Device, Role } from "../../../client-sdk/src/protocol.ts";

/**
 * People: who connected from where and with what, their reputation counters, and the roles
 * managers granted them. setRole is atomic in both implementations.
 */
export interface PeopleStore {
  /**
   * Remembers who connected, from where and with what (kept small: last ips/devices only).
   * Guests' records (`user.role` "guest") are bounded: a guest id costs nothing to mint, so they
   * are forgotten after GUEST_RECORD_IDLE_MS without a visit (and, embedded, beyond the
   * GUEST_RECORDS_KEPT most recent per tenant). Signed-in members' records are the brand's own
   * customers and stay.
   */
  recordSession(tenant: string, user: Author, ip: string, device: Device, at: number): Promise<void>;
  getUser(tenant: string, userId: string): Promise<UserRecord | null>;
  bumpUser(tenant: string, userId: string, field: UserCounter, by?: number): Promise<void>;
  /** Signed-in users ordered by `messages` descending (for moderator candidates; guests are not listed). */
  listUsers(tenant: string, limit: number): Promise<UserRecord[]>;
  /**
   * Signed-in users whose name, folded (foldName: case and accents), starts with `prefix`
   * (folded by the caller), at most `limit`, in order of folded name. The name is the one of the
   * user's latest session. Guests are not listed: their ids are free to mint and their records
   * short-lived (find one by id with getUser).
   */
  searchUsers(tenant: string, prefix: string, limit: number): Promise<UserRecord[]>;
  /** A role granted by a manager (null: none, the JWT decides). */
  setRole(tenant: string, userId: string, role: Role | null): Promise<void>;
  getRole(tenant: string, userId: string): Promise<Role | null>;
  /**
   * SPEC §9.5 erasure: forgets the user's record (name, IPs, devices, counters) and the role a
   * manager granted them. The next connection starts a new record.
   */
  forgetUser(tenant: string, userId: string): Promise<void>;
}

/** A guest's record is forgotten after this long without a visit. */
export const GUEST_RECORD_IDLE_MS = 30 * 24 * 3600_000;
/** The embedded store keeps at most this many guests' records per tenant (the most recently seen). */
export const GUEST_RECORDS_KEPT = 20_000;


export type UserCounter =
  | "messages" | "helpfulReceived" | "removed" | "flagsRaised" | "flagsUpheld" | "flagsOverturned" | "held";

export interface UserRecord {
  user: Author;
  ips: string[];
  devices: Device[];
  firstSeen: number;
  lastSeen: number;
  counters: Record<UserCounter, number>;
}
