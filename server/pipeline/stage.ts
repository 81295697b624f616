import type { Ban } from "../../client-sdk/src/protocol.ts";
import type { ResolvedRoom } from "../chat/room-directory.ts";
import type { SessionData } from "../chat/session.ts";
import type { CausetteError } from "../errors.ts";
import { normalize, type NormalizedText } from "../filters/normalize.ts";
import type { Hit } from "../filters/types.ts";
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
  /** `normalize(text)`, computed by the first stage that needs it (see normalizedText). */
  norm?: NormalizedText;
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
  run(ctx: SendContext): Verdict | undefined | Promise<Verdict | undefined>;
}

export interface StageObserver { (stage: string, seconds: number): void }

/** Runs stages in order; returns the refusal that stopped it, or undefined with `ctx.hits` filled. */
export async function runPipeline(stages: readonly Stage[], ctx: SendContext, observe?: StageObserver): Promise<CausetteError | undefined> {
  for (const stage of stages) {
    const t0 = observe ? performance.now() : 0;
    const pending = stage.run(ctx);
    // Only stages that really wait (store reads) pay for a turn of the microtask queue.
    const verdict = pending instanceof Promise ? await pending : pending;
    if (observe) observe(stage.name, (performance.now() - t0) / 1000);
    if (!verdict) continue;
    if ("refuse" in verdict) return verdict.refuse;
    ctx.hits.push(...verdict.hits);
  }
  return undefined;
}
