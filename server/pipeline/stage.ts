import type { Ban, Reason } from "../../client-sdk/src/protocol.ts";
import type { ResolvedRoom } from "../contracts/resolved-room.ts";
import type { SessionData } from "../contracts/session.ts";
import type { CausetteError } from "../errors.ts";
import { normalize, type NormalizedText } from "../filters/normalize.ts";
import type { Hit } from "../filters/types.ts";
import type { MaybePromise } from "../maybe-promise.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";

/** Everything a stage may look at for one `message:send`. */
export interface SendContext {
  tenant: TenantRuntime;
  session: SessionData;
  room: ResolvedRoom;
  /** Raw text as received; `text` is set by the validate stage. */
  rawText: unknown;
  text: string;
  replyTo?: string;
  clientId?: string;
  now: number;
  /** Set by the access stage when the author is shadow-banned. */
  shadowBan?: Ban;
  /** Filter hits collected by the spam, words and links stages. */
  hits: Hit[];
  /**
   * SPEC §10: reasons that hold the message whatever `filters.onHit` says (a newcomer, a linked
   * evader, a shielded room), set by the newcomers and access stages.
   */
  holds?: Reason[];
  /** `normalize(text)`, computed by the first stage that needs it (see normalizedText). */
  norm?: NormalizedText;
  /** Set by the moderation hook: its answer decides as `filters.onHit` would ("hold" or "reject"). */
  onHit?: "hold" | "reject";
  /** The message's id, when a stage needed it before it is stored (the hook names it to the brand). */
  messageId?: string;
}

/** The reason a hit shows managers: where it matched, except for the hook's, which matched nothing. */
export function toReason(h: Hit): Reason {
  return h.kind === "hook" ? { kind: h.kind, detail: h.detail }
    : { kind: h.kind, detail: h.detail, match: h.match, start: h.start, end: h.end, category: h.category, severity: h.severity };
}

/** The normalised text the spam, words and links stages judge: computed once per message. */
export function normalizedText(ctx: SendContext): NormalizedText {
  return (ctx.norm ??= normalize(ctx.text));
}

/**
 * A stage refuses (the first refusal ends the run, like socket.io's middleware chain) or reports
 * filter hits; hits from spam, words and links are all collected so managers see every reason.
 */
export type Verdict = { refuse: CausetteError } | { hits: Hit[] };

export interface Stage {
  readonly name: string;
  run(ctx: SendContext): MaybePromise<Verdict | undefined>;
}

/** Told each stage's latency; `index` is the stage's place in the list (a handle can be kept per index). */
export interface StageObserver { (stage: string, seconds: number, index: number): void }

/**
 * Runs stages in order; gives the refusal that stopped it, or undefined with `ctx.hits` filled.
 * It stays synchronous while the stages answer at once (the embedded store), and only a stage
 * that really waits (a Redis read) costs a promise and a turn of the microtask queue.
 */
export function runPipeline(stages: readonly Stage[], ctx: SendContext, observe?: StageObserver): MaybePromise<CausetteError | undefined> {
  return runFrom(0, stages, ctx, observe, observe ? performance.now() : 0);
}

/**
 * Runs `stages` from index `from` on (a stage that waited resumes the run after itself). One
 * clock read per stage: a stage ends when the next begins.
 */
function runFrom(from: number, stages: readonly Stage[], ctx: SendContext, observe: StageObserver | undefined, startedAt: number): MaybePromise<CausetteError | undefined> {
  let t0 = startedAt;
  for (let i = from; i < stages.length; i++) {
    const stage = stages[i]!;
    const pending = stage.run(ctx);
    if (pending instanceof Promise) {
      const began = t0;
      return pending.then((verdict) => {
        const t1 = observe ? performance.now() : 0;
        if (observe) observe(stage.name, (t1 - began) / 1000, i);
        const refusal = apply(ctx, verdict);
        return refusal ?? runFrom(i + 1, stages, ctx, observe, t1);
      });
    }
    if (observe) {
      const t1 = performance.now();
      observe(stage.name, (t1 - t0) / 1000, i);
      t0 = t1;
    }
    const refusal = apply(ctx, pending);
    if (refusal) return refusal;
  }
  return undefined;
}

/** A stage's verdict: its refusal, or its hits added to the message's. */
function apply(ctx: SendContext, verdict: Verdict | undefined): CausetteError | undefined {
  if (!verdict) return undefined;
  if ("refuse" in verdict) return verdict.refuse;
  ctx.hits.push(...verdict.hits);
  return undefined;
}
