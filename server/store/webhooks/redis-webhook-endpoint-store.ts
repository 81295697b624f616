import type { RedisContext } from "../redis-context.ts";
import type { EndpointList, StoredEndpoint, WebhookEndpointStore } from "./webhook-endpoint-store.ts";

/** The shared endpoint lists: `T wh` hash { v: version, j: JSON list }, both set in one MULTI. */
export class RedisWebhookEndpointStore implements WebhookEndpointStore {
  constructor(private readonly ctx: RedisContext) {}

  getEndpoints(tenant: string): Promise<EndpointList | null> {
    return this.ctx.guard(async () => {
      const [v, j] = await this.ctx.client.hmget(`${this.ctx.t(tenant)}wh`, "v", "j");
      if (v === null || j === null) return null;
      return { version: Number(v), endpoints: JSON.parse(j) as StoredEndpoint[] };
    });
  }

  setEndpoints(tenant: string, endpoints: readonly StoredEndpoint[]): Promise<EndpointList> {
    return this.ctx.guard(async () => {
      const key = `${this.ctx.t(tenant)}wh`;
      const res = await this.ctx.client.multi().hincrby(key, "v", 1).hset(key, "j", JSON.stringify(endpoints)).exec();
      if (!res || res[0]![0]) throw res?.[0]?.[0] ?? new Error("webhook endpoints write aborted");
      return { version: Number(res[0]![1]), endpoints: [...endpoints] };
    });
  }
}
