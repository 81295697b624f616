/** One webhook endpoint as stored: the whole secret is here, because deliveries are signed with it. */
export interface StoredEndpoint {
  id: string;
  url: string;
  events: string[];
  secret: string;
}

/** A tenant's endpoint list as managers last saved it, with a version bumped on every save. */
export interface EndpointList { endpoints: StoredEndpoint[]; version: number }

/**
 * The webhook endpoints managers set at run time (SPEC §8.1 `webhooks:update`), per tenant.
 * `null` until a manager first saves a list: the config's endpoints are then in force.
 * A save replaces the whole list in one step.
 */
export interface WebhookEndpointStore {
  getEndpoints(tenant: string): Promise<EndpointList | null>;
  setEndpoints(tenant: string, endpoints: readonly StoredEndpoint[]): Promise<EndpointList>;
}
