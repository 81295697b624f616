import { copy } from "../plain-copy.ts";
import type { EndpointList, StoredEndpoint, WebhookEndpointStore } from "./webhook-endpoint-store.ts";

/** The embedded endpoint lists: replaced whole on every save. */
export class MemoryWebhookEndpointStore implements WebhookEndpointStore {
  private readonly lists = new Map<string, EndpointList>();

  async getEndpoints(tenant: string): Promise<EndpointList | null> {
    const l = this.lists.get(tenant);
    return l ? copy(l) : null;
  }

  async setEndpoints(tenant: string, endpoints: readonly StoredEndpoint[]): Promise<EndpointList> {
    const next = { endpoints: copy([...endpoints]), version: (this.lists.get(tenant)?.version ?? 0) + 1 };
    this.lists.set(tenant, next);
    return copy(next);
  }
}
