import type { Socket } from "socket.io";
import type { Logger } from "pino";
import type { ZodType } from "zod";
import { CausetteError, toErrorBody } from "../errors.ts";
import type { Metrics } from "../contracts/metrics.ts";
import { parsePayload } from "../contracts/parse-payload.ts";
import type { MaybePromise } from "../maybe-promise.ts";

/** Counts acks not yet sent, so a graceful shutdown can wait for them. */
export class InFlight {
  private n = 0;
  private waiters: (() => void)[] = [];
  enter(): void { this.n++; }
  leave(): void {
    if (--this.n === 0) for (const w of this.waiters.splice(0)) w();
  }
  get count(): number { return this.n; }
  /** Resolves when nothing is in flight or after `ms`. */
  drained(ms: number): Promise<void> {
    if (this.n === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.waiters.push(() => { clearTimeout(t); resolve(); });
    });
  }
}

type Ack = (res: unknown) => void;
const noop: Ack = () => undefined;

/** What serveEvents reports to, one per namespace (shared by its connections). */
export interface EventContext { logger: Logger; inflight: InFlight; onError?: (code: string) => void }

/** A namespace's event context, made once for all its connections: refusals are counted in /metrics. */
export function eventContext(deps: { metrics: Metrics; logger: Logger; inflight: InFlight }): EventContext {
  return { logger: deps.logger, inflight: deps.inflight, onError: (code) => deps.metrics.refusals.inc(code) };
}

/** One client→server event of a namespace: its payload's schema, and what answers it for a connection. */
export interface EventHandler<C> {
  schema: ZodType<unknown>;
  run(conn: C, payload: unknown): MaybePromise<object | void>;
}

/** Pairs a schema with what answers its event, the payload typed by the schema. */
export function eventHandler<C, T>(schema: ZodType<T>, run: (conn: C, payload: T) => MaybePromise<object | void>): EventHandler<C> {
  // serveEvents hands `run` only what `schema` parsed.
  return { schema, run: run as (conn: C, payload: unknown) => MaybePromise<object | void> };
}

/** A namespace's events, built once for the namespace, not per connection. */
export type EventTable<C> = Readonly<Record<string, EventHandler<C>>>;

/**
 * Serves a socket's client→server events from `table`: validates the payload, always answers
 * through the ack (`{ ok: true, ...result }` or `{ ok: false, error }`), and never lets an
 * exception escape. A handler that answers at once (MaybePromise) is acked at once, without a
 * microtask turn. An unknown event gets `invalid_payload` when it carries an ack, else nothing.
 *
 * Why one `onAny` listener per socket rather than a `socket.on` per event: a listener per event
 * was two closures and their contexts per event and connection, and a larger `_events` table:
 * 1.4 KB of every idle connection's heap with the chat's six events (relay bench: 16.2 KB per
 * connection before, 14.8 KB after, 11.4 KB for a bare relay). The handlers also run as
 * socket.io decodes the packet, instead of a `process.nextTick` later (socket.io still emits
 * the event to `on` listeners afterwards; there are none).
 */
export function serveEvents<C>(socket: Socket, table: EventTable<C>, conn: C, ctx: EventContext): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack: Ack = typeof last === "function" ? (last as Ack) : noop;
    const handler = typeof event === "string" && Object.hasOwn(table, event) ? table[event] : undefined;
    if (!handler) {
      if (ack !== noop) ack({ ok: false, error: new CausetteError("invalid_payload", "Unknown event.").toBody() });
      return;
    }
    // With only an ack (`emit("stats:get", cb)`) there is no payload: judge it as `{}`, so events
    // that take none succeed and the others name the missing field instead of "received function".
    const payloadCount = typeof last === "function" ? args.length - 1 : args.length;
    const raw = payloadCount > 0 ? args[0] : {};
    const name = event as string;
    ctx.inflight.enter();
    let pending: MaybePromise<object | void>;
    try {
      pending = handler.run(conn, parsePayload(handler.schema, raw));
    } catch (err) {
      fail(ack, err, name, ctx);
      ctx.inflight.leave();
      return;
    }
    // Answered at once (a plain post on the embedded store): no closure, no microtask turn.
    if (!(pending instanceof Promise)) {
      succeed(ack, pending, name, ctx);
      ctx.inflight.leave();
      return;
    }
    pending.then((result) => succeed(ack, result, name, ctx), (err) => fail(ack, err, name, ctx))
      .finally(() => ctx.inflight.leave());
  });
}

// Module functions, not closures: made per event, they were garbage on every message.
function succeed(ack: Ack, result: object | void, event: string, ctx: EventContext): void {
  try {
    ack({ ok: true, ...(result ?? {}) });
  } catch (err) {
    fail(ack, err, event, ctx);
  }
}

function fail(ack: Ack, err: unknown, event: string, ctx: EventContext): void {
  const body = toErrorBody(err);
  if (body.code === "internal") ctx.logger.error({ err, event }, "handler failed");
  try {
    ack({ ok: false, error: body });
    ctx.onError?.(body.code);
  } catch (ackErr) {
    // Only a broken transport gets here; the listener must still return normally.
    ctx.logger.error({ err: ackErr, event }, "ack failed");
  }
}
