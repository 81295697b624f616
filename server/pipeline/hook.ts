import type { Message } from "../../client-sdk/src/protocol.ts";
import type { ModerationHookConfig, TenantConfig } from "../config/schema.ts";
import type { Metrics } from "../contracts/metrics.ts";
import type { Hit } from "../filters/types.ts";
import { newId } from "../ids.ts";
import { CircuitBreaker } from "../outbound/circuit-breaker.ts";
import { OutboundError, type OutboundClient } from "../outbound/outbound-client.ts";
import { signedHeaders } from "../outbound/signature.ts";
import type { PeopleStore } from "../store/people/people-store.ts";
import type { SendContext, Stage, Verdict } from "./stage.ts";

/** SPEC §8.2: a hook answer over 64 KB is an error. */
export const MAX_HOOK_ANSWER = 64 * 1024;
/** A hook's reason is shown to managers in the queue; longer ones are cut. */
const MAX_REASON = 500;

export interface HookStageDeps {
  tenants: readonly TenantConfig[];
  people: Pick<PeopleStore, "getUser">;
  client: Pick<OutboundClient, "post">;
  metrics: Pick<Metrics, "hookFailures" | "hookSeconds">;
  /** Failures in a row that open a tenant's breaker, and how long it stays open (default 3 and 5 s). */
  breaker?: { failures: number; openMs: number };
}

type HookAnswer = { action: "allow" | "hold" | "reject"; reason?: string };

/**
 * The moderation hook (SPEC §8.2), the last stage: a message the built-in stages passed, hit
 * nothing in and that no shadow ban holds is POSTed, signed as webhooks are, to the tenant's
 * hook, whose answer allows, holds or rejects it. No answer within `timeoutMs`, an answer that is
 * not a 2xx with JSON of at most 64 KB naming a known action, or an open breaker: `onError`
 * decides, the failure is counted, and the message is never lost.
 *
 * For a tenant without a hook the stage answers at once (no promise), so the embedded store's
 * message path stays synchronous.
 */
export function createHookStage(deps: HookStageDeps): Stage {
  const hooks = new Map<string, TenantHook>();
  for (const t of deps.tenants) if (t.filters.hook) hooks.set(t.id, new TenantHook(t, t.filters.hook, deps));
  return {
    name: "hook",
    run(ctx) {
      const hook = hooks.get(ctx.tenant.id);
      if (!hook || ctx.hits.length > 0 || ctx.shadowBan) return undefined;
      return hook.check(ctx);
    },
  };
}

class TenantHook {
  private readonly breaker: CircuitBreaker;

  constructor(private readonly tenant: TenantConfig, private readonly hook: ModerationHookConfig, private readonly deps: HookStageDeps) {
    this.breaker = new CircuitBreaker(deps.breaker ?? { failures: 3, openMs: 5000 });
  }

  async check(ctx: SendContext): Promise<Verdict | undefined> {
    const { metrics } = this.deps;
    if (!this.breaker.allow()) return this.failed(ctx, "breaker");
    const t0 = performance.now();
    let answer: HookAnswer;
    try {
      answer = await this.call(ctx);
    } catch (err) {
      this.breaker.failed();
      metrics.hookSeconds.observe({ outcome: "failed" }, (performance.now() - t0) / 1000);
      const reason = !(err instanceof OutboundError) ? "error" : err.kind === "timeout" ? "timeout" : err.kind === "too_large" || err.kind === "invalid" ? "invalid" : "error";
      return this.failed(ctx, reason);
    }
    this.breaker.succeeded();
    metrics.hookSeconds.observe({ outcome: answer.action }, (performance.now() - t0) / 1000);
    if (answer.action === "allow") return undefined;
    ctx.onHit = answer.action;
    return { hits: [hookHit(answer.reason ?? answer.action)] };
  }

  private async call(ctx: SendContext): Promise<HookAnswer> {
    const { session, room } = ctx;
    const id = (ctx.messageId ??= newId("m_"));
    const message: Message = { id, room: room.id, author: session.user, text: ctx.text, createdAt: ctx.now, status: "visible" };
    if (ctx.replyTo !== undefined) message.replyTo = ctx.replyTo;
    const rec = await this.deps.people.getUser(this.tenant.id, session.user.id);
    const body = JSON.stringify({
      type: "message.check",
      timestamp: new Date(ctx.now).toISOString(),
      data: { message, user: { id: session.user.id, role: session.user.role, firstSeenAt: rec?.firstSeen ?? ctx.now }, room: room.id },
    });
    const res = await this.deps.client.post(this.hook.url, signedHeaders(this.hook.secret, newId("chk_"), body, Date.now()), body, {
      timeoutMs: this.hook.timeoutMs, maxResponseBytes: MAX_HOOK_ANSWER, allowPrivateNetworks: this.tenant.outbound.allowPrivateNetworks,
    });
    if (res.status < 200 || res.status > 299) throw new OutboundError("status", `HTTP ${res.status}`);
    return parseAnswer(res.body);
  }

  /** onError decides; the failure is counted by reason (timeout, error, invalid, breaker). */
  private failed(ctx: SendContext, reason: string): Verdict | undefined {
    this.deps.metrics.hookFailures.inc({ reason });
    if (this.hook.onError === "allow") return undefined;
    ctx.onHit = "hold";
    return { hits: [hookHit("unavailable")] };
  }
}

function hookHit(detail: string): Hit {
  return { kind: "hook", detail, match: "", start: 0, end: 0 };
}

/** `{ action, reason? }` or an error (not JSON, another shape, an unknown action). */
function parseAnswer(text: string): HookAnswer {
  let v: unknown;
  try { v = JSON.parse(text); } catch { throw new OutboundError("invalid", "answer is not JSON"); }
  if (!v || typeof v !== "object") throw new OutboundError("invalid", "answer is not an object");
  const { action, reason } = v as { action?: unknown; reason?: unknown };
  if (action !== "allow" && action !== "hold" && action !== "reject") throw new OutboundError("invalid", "unknown action");
  return typeof reason === "string" && reason.trim() ? { action, reason: reason.trim().slice(0, MAX_REASON) } : { action };
}
