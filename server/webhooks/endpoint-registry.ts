import type { TenantConfig } from "../config/schema.ts";
import type { MaybePromise } from "../maybe-promise.ts";
import { ReadCache } from "../read-cache.ts";
import type { StoredEndpoint, WebhookEndpointStore } from "../store/webhooks/webhook-endpoint-store.ts";

/** How long a node trusts its copy of a tenant's endpoints (cluster events drop it sooner). */
const ENDPOINTS_CACHE_MS = 5000;

/** A config endpoint's id: its own, else its place in the list (`ep1`, `ep2`…), the same on every node. */
export function configEndpoints(config: TenantConfig): StoredEndpoint[] {
  return config.webhooks.map((w, i) => ({ id: w.id ?? `ep${i + 1}`, url: w.url, events: [...w.events], secret: w.secret }));
}

/**
 * The webhook endpoints in force for each tenant, as this node knows them: the list managers
 * last saved, else the config's. Cached per node; a `webhooks:changed` cluster event (or the
 * cache's age) makes the next read fetch it again.
 */
export class EndpointRegistry {
  private readonly cache = new ReadCache<string, readonly StoredEndpoint[]>(ENDPOINTS_CACHE_MS, 10_000);

  constructor(private readonly configs: ReadonlyMap<string, TenantConfig>, private readonly store: WebhookEndpointStore) {}

  endpoints(tenant: string, now = Date.now()): MaybePromise<readonly StoredEndpoint[]> {
    return this.cache.get(tenant, now, async () => {
      const saved = await this.store.getEndpoints(tenant);
      if (saved) return saved.endpoints;
      const config = this.configs.get(tenant);
      return config ? configEndpoints(config) : [];
    });
  }

  invalidate(tenant: string): void {
    this.cache.invalidate(tenant);
  }

  /** Whether the tenant lets its endpoints and hook reach non-public addresses. */
  allowPrivateNetworks(tenant: string): boolean {
    return this.configs.get(tenant)?.outbound.allowPrivateNetworks === true;
  }

  tenants(): string[] { return [...this.configs.keys()]; }
}
