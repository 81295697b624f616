/**
 * One value per tenant, made on first use: how each embedded port keeps tenants apart (a tenant's
 * data is reachable only through its own entry).
 *
 * Example: `const bans = new PerTenant(() => new Map<string, Ban>()); bans.of("acme").set(id, ban)`.
 */
export class PerTenant<T> {
  private readonly byTenant = new Map<string, T>();

  constructor(private readonly make: () => T) {}

  of(tenant: string): T {
    let v = this.byTenant.get(tenant);
    if (v === undefined) {
      v = this.make();
      this.byTenant.set(tenant, v);
    }
    return v;
  }

  /** Forgets the tenant's value; the next `of` makes a fresh one. */
  drop(tenant: string): void {
    this.byTenant.delete(tenant);
  }
}
