import { PerTenant } from "../per-tenant.ts";
import type { LockStore } from "./lock-store.ts";

/** The embedded locks: one process, so a map of holders with their expiry. */
export class MemoryLockStore implements LockStore {
  private readonly locks = new PerTenant(() => new Map<string, { holder: string; until: number }>());

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(tenant: string, name: string, holder: string, ttlMs: number) {
    const locks = this.locks.of(tenant);
    const now = this.now();
    const held = locks.get(name);
    if (held && held.until > now && held.holder !== holder) return false;
    locks.set(name, { holder, until: now + ttlMs });
    return true;
  }

  async release(tenant: string, name: string, holder: string) {
    const locks = this.locks.of(tenant);
    if (locks.get(name)?.holder === holder) locks.delete(name);
  }
}
