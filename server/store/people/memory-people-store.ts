import { isGuestId, type Author, type Device, type Role } from "../../../client-sdk/src/protocol.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { foldName } from "./fold-name.ts";
import { GUEST_RECORD_IDLE_MS, GUEST_RECORDS_KEPT, type PeopleStore, type UserCounter, type UserRecord } from "./people-store.ts";

/** How many recent IPs and devices a user record keeps. */
const KEEP_IPS = 20;
const KEEP_DEVICES = 10;

const emptyCounters = (): Record<UserCounter, number> => ({
  messages: 0, helpfulReceived: 0, removed: 0, flagsRaised: 0, flagsUpheld: 0, flagsOverturned: 0, held: 0,
});

/**
 * The embedded people: user records and granted roles per tenant. Members' records are kept in
 * `users`; guests' in `guests`, a Map in order of their last visit (a visit moves a guest to the
 * end), trimmed from the front past GUEST_RECORDS_KEPT or GUEST_RECORD_IDLE_MS. Before, every new
 * guest id left a record of about half a kilobyte for good: a connect/disconnect churn of new
 * guests grew the heap without bound.
 */
export class MemoryPeopleStore implements PeopleStore {
  private readonly data = new PerTenant(() => ({ users: new Map<string, UserRecord>(), guests: new Map<string, UserRecord>(), roles: new Map<string, Role>() }));

  constructor(
    private readonly now: () => number = Date.now,
    private readonly bounds: { guestsKept: number; guestIdleMs: number } = { guestsKept: GUEST_RECORDS_KEPT, guestIdleMs: GUEST_RECORD_IDLE_MS },
  ) {}

  async recordSession(tenant: string, user: Author, ip: string, device: Device, at: number) {
    const { users, guests } = this.data.of(tenant);
    const guest = user.role === "guest";
    const table = guest ? guests : users;
    const rec = table.get(user.id) ?? { user: copy(user), ips: [], devices: [], firstSeen: at, lastSeen: at, counters: emptyCounters() };
    rec.user = copy(user);
    rec.lastSeen = at;
    rec.ips = [ip, ...rec.ips.filter((i) => i !== ip)].slice(0, KEEP_IPS);
    const key = JSON.stringify([device.browser, device.os, device.type]);
    rec.devices = [copy(device), ...rec.devices.filter((d) => JSON.stringify([d.browser, d.os, d.type]) !== key)].slice(0, KEEP_DEVICES);
    if (guest) {
      guests.delete(user.id); // re-inserted at the end: the Map's order is the order of last visits
      guests.set(user.id, rec);
      this.trimGuests(guests, at);
    } else {
      users.set(user.id, rec);
    }
  }

  async getUser(tenant: string, userId: string) {
    const { users, guests } = this.data.of(tenant);
    const r = users.get(userId) ?? guests.get(userId);
    return r ? copy(r) : null;
  }

  /** How many guest records the tenant holds (for tests of the bound). */
  guestRecords(tenant: string): number { return this.data.of(tenant).guests.size; }

  /** Drops the least recently seen guests beyond the bound, and those idle too long. */
  private trimGuests(guests: Map<string, UserRecord>, now: number): void {
    const oldest = now - this.bounds.guestIdleMs;
    for (const [id, rec] of guests) {
      if (guests.size <= this.bounds.guestsKept && rec.lastSeen >= oldest) break;
      guests.delete(id);
    }
  }

  async bumpUser(tenant: string, userId: string, field: UserCounter, by = 1) { this.count(tenant, userId, field, by); }

  /**
   * Bumps a counter at once (creating a placeholder record if none): bumpUser, and the stats
   * port's recordPost, which counts a post in the same synchronous step as its other figures.
   */
  count(tenant: string, userId: string, field: UserCounter, by: number): void {
    const { users, guests } = this.data.of(tenant);
    let rec = users.get(userId) ?? guests.get(userId);
    if (!rec) {
      const at = this.now();
      const guest = isGuestId(userId);
      rec = { user: { id: userId, name: userId, role: guest ? "guest" : "member" }, ips: [], devices: [], firstSeen: at, lastSeen: at, counters: emptyCounters() };
      if (guest) { guests.set(userId, rec); this.trimGuests(guests, at); } else users.set(userId, rec);
    }
    rec.counters[field] += by;
  }

  async listUsers(tenant: string, limit: number) {
    return [...this.data.of(tenant).users.values()]
      .sort((a, b) => b.counters.messages - a.counters.messages)
      .slice(0, limit)
      .map(copy);
  }

  async searchUsers(tenant: string, prefix: string, limit: number) {
    // A scan: the embedded store serves one node and a bounded tenant, and a search is a manager's click.
    const found: [string, UserRecord][] = [];
    for (const rec of this.data.of(tenant).users.values()) {
      const folded = foldName(rec.user.name);
      if (folded.startsWith(prefix)) found.push([`${folded}\u0000${rec.user.id}`, rec]);
    }
    found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return found.slice(0, limit).map(([, rec]) => copy(rec));
  }

  async setRole(tenant: string, userId: string, role: Role | null) {
    const roles = this.data.of(tenant).roles;
    if (role === null) roles.delete(userId); else roles.set(userId, role);
  }

  async getRole(tenant: string, userId: string) { return this.data.of(tenant).roles.get(userId) ?? null; }

  async forgetUser(tenant: string, userId: string) {
    const { users, guests, roles } = this.data.of(tenant);
    users.delete(userId);
    guests.delete(userId);
    roles.delete(userId);
  }
}
