import type { Author, Device, Role } from "../../../client-sdk/src/protocol.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import type { PeopleStore, UserCounter, UserRecord } from "./people-store.ts";

/** How many recent IPs and devices a user record keeps. */
const KEEP_IPS = 20;
const KEEP_DEVICES = 10;

const emptyCounters = (): Record<UserCounter, number> => ({
  messages: 0, helpfulReceived: 0, removed: 0, flagsRaised: 0, flagsUpheld: 0, flagsOverturned: 0, held: 0,
});

/** The embedded people: user records and granted roles per tenant. */
export class MemoryPeopleStore implements PeopleStore {
  private readonly data = new PerTenant(() => ({ users: new Map<string, UserRecord>(), roles: new Map<string, Role>() }));

  constructor(private readonly now: () => number = Date.now) {}

  async recordSession(tenant: string, user: Author, ip: string, device: Device, at: number) {
    const users = this.data.of(tenant).users;
    const rec = users.get(user.id) ?? { user: copy(user), ips: [], devices: [], firstSeen: at, lastSeen: at, counters: emptyCounters() };
    rec.user = copy(user);
    rec.lastSeen = at;
    rec.ips = [ip, ...rec.ips.filter((i) => i !== ip)].slice(0, KEEP_IPS);
    const key = JSON.stringify([device.browser, device.os, device.type]);
    rec.devices = [copy(device), ...rec.devices.filter((d) => JSON.stringify([d.browser, d.os, d.type]) !== key)].slice(0, KEEP_DEVICES);
    users.set(user.id, rec);
  }

  async getUser(tenant: string, userId: string) {
    const r = this.data.of(tenant).users.get(userId);
    return r ? copy(r) : null;
  }

  async bumpUser(tenant: string, userId: string, field: UserCounter, by = 1) { this.count(tenant, userId, field, by); }

  /**
   * Bumps a counter at once (creating a placeholder record if none): bumpUser, and the stats
   * port's recordPost, which counts a post in the same synchronous step as its other figures.
   */
  count(tenant: string, userId: string, field: UserCounter, by: number): void {
    const users = this.data.of(tenant).users;
    let rec = users.get(userId);
    if (!rec) {
      const at = this.now();
      rec = { user: { id: userId, name: userId, role: "member" }, ips: [], devices: [], firstSeen: at, lastSeen: at, counters: emptyCounters() };
      users.set(userId, rec);
    }
    rec.counters[field] += by;
  }

  async listUsers(tenant: string, limit: number) {
    return [...this.data.of(tenant).users.values()]
      .sort((a, b) => b.counters.messages - a.counters.messages)
      .slice(0, limit)
      .map(copy);
  }

  async setRole(tenant: string, userId: string, role: Role | null) {
    const roles = this.data.of(tenant).roles;
    if (role === null) roles.delete(userId); else roles.set(userId, role);
  }

  async getRole(tenant: string, userId: string) { return this.data.of(tenant).roles.get(userId) ?? null; }
}
