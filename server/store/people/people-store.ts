import type { Author, Device, Role } from "../../../client-sdk/src/protocol.ts";

/**
 * People: who connected from where and with what, their reputation counters, and the roles
 * managers granted them. setRole is atomic in both implementations.
 */
export interface PeopleStore {
  /** Remembers who connected, from where and with what (kept small: last ips/devices only). */
  recordSession(tenant: string, user: Author, ip: string, device: Device, at: number): Promise<void>;
  getUser(tenant: string, userId: string): Promise<UserRecord | null>;
  bumpUser(tenant: string, userId: string, field: UserCounter, by?: number): Promise<void>;
  /** Users ordered by `messages` descending (for moderator candidates). */
  listUsers(tenant: string, limit: number): Promise<UserRecord[]>;
  /** A role granted by a manager (null: none, the JWT decides). */
  setRole(tenant: string, userId: string, role: Role | null): Promise<void>;
  getRole(tenant: string, userId: string): Promise<Role | null>;
}

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
