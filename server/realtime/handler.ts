import type { Socket } from "socket.io";
import type { Logger } from "pino";
import type { ZodType } from "zod";
import { CausetteError, toErrorBody } from "../errors.ts";
import type { MaybePromise } from "../maybe-promise.ts";

/**
 * The largest payload either door accepts: Socket.IO's `maxHttpBufferSize` and the REST body
 * limit, so a request valid on one door is never too large for the other.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

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

interface EventContext { logger: Logger; inflight: InFlight; onError?: (code: string) => void }

/**
 * Registers one client→server event: validates the payload, always answers through the ack
 * (`{ ok: true, ...result }` or `{ ok: false, error }`), and never lets an exception escape.
 * A handler that answers at once (MaybePromise) is acked at once, without a microtask turn.
 */
export function onEvent<T>(
  socket: Socket,
  event: string,
  schema: ZodType<T>,
  handler: (payload: T) => MaybePromise<object | void>,
  ctx: EventContext,
): void {
  socket.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack: Ack = typeof last === "function" ? (last as Ack) : noop;
    // With only an ack (`emit("stats:get", cb)`) there is no payload: judge it as `{}`, so events
    // that take none succeed and the others name the missing field instead of "received function".
    const payloadCount = typeof last === "function" ? args.length - 1 : args.length;
    const raw = payloadCount > 0 ? args[0] : {};
    ctx.inflight.enter();
    let pending: MaybePromise<object | void>;
    try {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new CausetteError("invalid_payload", issue ? `${issue.path.join(".") || "payload"}: ${issue.message}` : undefined);
      }
      pending = handler(parsed.data);
    } catch (err) {
      fail(ack, err, event, ctx);
      ctx.inflight.leave();
      return;
    }
    // Answered at once (a plain post on the embedded store): no closure, no microtask turn.
    if (!(pending instanceof Promise)) {
      succeed(ack, pending, event, ctx);
      ctx.inflight.leave();
      return;
    }
    pending.then((result) => succeed(ack, result, event, ctx), (err) => fail(ack, err, event, ctx))
      .finally(() => ctx.inflight.leave());
  });
}

// Module functions, not closures: made per event they were garbage on every message, and made
// per registration they cost 3.8 KB of idle heap per connection (six events per socket).
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

/** Unknown events get `invalid_payload` when they carry an ack; otherwise they are ignored. */
export function rejectUnknownEvents(socket: Socket, known: ReadonlySet<string>): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === "string" && known.has(event)) return;
    const last = args[args.length - 1];
    if (typeof last === "function") (last as Ack)({ ok: false, error: new CausetteError("invalid_payload", "Unknown event.").toBody() });
  });
}
