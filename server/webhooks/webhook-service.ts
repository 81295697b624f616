import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Author } from "../../client-sdk/src/protocol.ts";
import { endpointUrlProblem, isPublicAddress, secretProblem } from "../config/outbound-policy.ts";
import { CausetteError } from "../errors.ts";
import { newId } from "../ids.ts";
import { secretHint } from "../outbound/signature.ts";
import type { ClusterBus } from "../store/bus/cluster-bus.ts";
import type { Delivery, OutboxStore } from "../store/outbox/outbox-store.ts";
import type { StoredEndpoint, WebhookEndpointStore } from "../store/webhooks/webhook-endpoint-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { EndpointRegistry } from "./endpoint-registry.ts";
import type { OutboxWriter } from "./outbox-writer.ts";

/** What managers see of an endpoint: never the whole secret. */
export interface EndpointView { id: string; url: string; events: string[]; secretHint: string }

export interface EndpointInput { id?: string | undefined; url: string; events: string[]; secret?: string | undefined }

/** What the service records in the audit log (the moderation AuditLog satisfies it). */
export interface WebhookAudit {
  record(tenant: string, actor: Author, action: string, target: Record<string, unknown>): Promise<unknown>;
}

export interface WebhookServiceDeps {
  registry: EndpointRegistry;
  store: WebhookEndpointStore;
  outbox: Pick<OutboxStore, "abandon" | "list">;
  writer: OutboxWriter;
  bus: Pick<ClusterBus, "publish">;
  audit: WebhookAudit;
  /** Resolves a host name to its addresses (DNS); given so the check on save uses the same resolver as calls. */
  resolve?: (host: string) => Promise<string[]>;
}

/**
 * Managers' side of webhooks (SPEC §8.1): the endpoint list (`webhooks:list`, `webhooks:update`,
 * applied on every node through a cluster event), test events, and the deliveries view. An URL is
 * checked on save (scheme, address, and what its name resolves to now); the outbound client checks
 * again after DNS at every call.
 */
export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  async list(tenant: TenantRuntime): Promise<{ endpoints: EndpointView[] }> {
    return { endpoints: (await this.deps.registry.endpoints(tenant.id)).map(view) };
  }

  async update(tenant: TenantRuntime, actor: Author, p: { endpoints: EndpointInput[] }): Promise<{ endpoints: EndpointView[] }> {
    const { registry, store, outbox, bus, audit } = this.deps;
    const current = await registry.endpoints(tenant.id);
    const byId = new Map(current.map((e) => [e.id, e]));
    const allow = tenant.config.outbound.allowPrivateNetworks;
    const next: StoredEndpoint[] = [];
    const seen = new Set<string>();
    for (const [i, e] of p.endpoints.entries()) {
      const field = (f: string) => `endpoints.${i}.${f}`;
      const old = e.id === undefined ? undefined : byId.get(e.id);
      if (e.id !== undefined && !old) throw new CausetteError("invalid_payload", `${field("id")}: no such endpoint`);
      if (e.id !== undefined && seen.has(e.id)) throw new CausetteError("invalid_payload", `${field("id")}: listed twice`);
      const urlProblem = endpointUrlProblem(e.url, allow) ?? (allow ? undefined : await this.resolvedProblem(e.url));
      if (urlProblem) throw new CausetteError("invalid_payload", `${field("url")}: ${urlProblem}`);
      if (e.secret !== undefined) {
        const problem = secretProblem(e.secret);
        if (problem) throw new CausetteError("invalid_payload", `${field("secret")}: ${problem}`);
      } else if (!old) {
        throw new CausetteError("invalid_payload", `${field("secret")}: required for a new endpoint (whsec_ and the base64 of 24 to 64 random bytes)`);
      }
      const id = e.id ?? newId("we_");
      seen.add(id);
      next.push({ id, url: e.url, events: [...new Set(e.events)], secret: e.secret ?? old!.secret });
    }
    await store.setEndpoints(tenant.id, next);
    registry.invalidate(tenant.id);
    await bus.publish({ type: "webhooks:changed", tenant: tenant.id });
    // Deliveries waiting for a removed endpoint have nowhere to go: the view shows them failed.
    const now = Date.now();
    for (const e of current) if (!seen.has(e.id)) await outbox.abandon(tenant.id, e.id, "endpoint removed", now);
    await audit.record(tenant.id, actor, "webhooks.updated", {
      endpoints: next.map((e) => ({ id: e.id, url: e.url, events: e.events, secretChanged: byId.get(e.id)?.secret !== e.secret })),
    });
    return { endpoints: next.map(view) };
  }

  /** A `webhook.test` event to one endpoint or to each; its deliveries' ids. */
  async test(tenant: TenantRuntime, actor: Author, p: { endpointId?: string | undefined }): Promise<{ deliveryIds: string[] }> {
    const endpoints = await this.deps.registry.endpoints(tenant.id);
    const targets = p.endpointId === undefined ? endpoints : endpoints.filter((e) => e.id === p.endpointId);
    if (p.endpointId !== undefined && !targets.length) throw new CausetteError("not_found", "No such webhook endpoint.");
    const deliveryIds: string[] = [];
    for (const e of targets) {
      deliveryIds.push(...(await this.deps.writer.write(tenant.id, "webhook.test", { endpointId: e.id, by: { ...actor } }, [e])));
    }
    return { deliveryIds };
  }

  async deliveries(tenant: TenantRuntime, p: { limit?: number | undefined; cursor?: string | undefined }): Promise<{ deliveries: Delivery[]; cursor?: string }> {
    if (p.cursor !== undefined && !/^msg_[A-Za-z0-9_-]{1,60}$/.test(p.cursor)) throw new CausetteError("invalid_payload", "cursor: not a cursor of this list");
    return this.deps.outbox.list(tenant.id, p.limit ?? 50, p.cursor);
  }

  /** A name that resolves, now, to a non-public address is refused on save (unresolvable names pass: calls check again). */
  private async resolvedProblem(url: string): Promise<string | undefined> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    if (isIP(host)) return undefined;
    const resolve = this.deps.resolve ?? (async (h: string) => (await lookup(h, { all: true })).map((a) => a.address));
    let addresses: string[];
    try { addresses = await resolve(host); } catch { return undefined; }
    const bad = addresses.find((a) => !isPublicAddress(a));
    return bad ? `${host} resolves to ${bad}, not a public address; set outbound.allowPrivateNetworks to allow it` : undefined;
  }
}

function view(e: StoredEndpoint): EndpointView {
  return { id: e.id, url: e.url, events: [...e.events], secretHint: secretHint(e.secret) };
}
