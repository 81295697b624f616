import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent } from "undici";
import { isPublicAddress } from "../config/outbound-policy.ts";

/** Why an outgoing call failed, for retries, metrics and the deliveries view (never the secret). */
export class OutboundError extends Error {
  constructor(readonly kind: "refused" | "timeout" | "network" | "status" | "too_large" | "invalid", message: string) {
    super(message);
    this.name = "OutboundError";
  }
}

export interface OutboundResponse { status: number; body: string }

export interface PostOptions {
  /** The whole call (connect, request, answer) must be over within this. */
  timeoutMs: number;
  /** A larger answer is an error (the hook's answer is capped at 64 KB; webhooks' bodies are ignored). */
  maxResponseBytes: number;
  /** Loopback, private and other non-public addresses allowed (tenant `outbound.allowPrivateNetworks`). */
  allowPrivateNetworks: boolean;
}

/**
 * POSTs for webhooks and the moderation hook, over keep-alive connections (undici's pool per
 * origin), never following a redirect, and refusing any non-public address after DNS resolution
 * at each new connection (a name that once resolved to a public address and now resolves to
 * 127.0.0.1 is refused then). IP literals never reach DNS, so they are checked before the call.
 * Two agents: one for tenants that allow private networks, one for the others, since the check
 * runs inside the connection's lookup where the tenant is not known.
 */
export class OutboundClient {
  private readonly strict = newAgent(false);
  private readonly permissive = newAgent(true);

  async post(url: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<OutboundResponse> {
    let target: URL;
    try { target = new URL(url); } catch { throw new OutboundError("refused", "not a URL"); }
    if (target.protocol !== "https:" && !(target.protocol === "http:" && opts.allowPrivateNetworks)) throw new OutboundError("refused", "only https:// is allowed");
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (!opts.allowPrivateNetworks && isIP(host) && !isPublicAddress(host)) throw new OutboundError("refused", `refused: ${host} is not a public address`);
    const agent = opts.allowPrivateNetworks ? this.permissive : this.strict;
    const signal = AbortSignal.timeout(opts.timeoutMs);
    let res;
    try {
      res = await agent.request({
        origin: target.origin, path: `${target.pathname}${target.search}`, method: "POST", headers, body, signal,
        headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs,
      });
    } catch (err) {
      throw toOutboundError(err, signal);
    }
    let size = 0;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > opts.maxResponseBytes) {
          res.body.destroy();
          throw new OutboundError("too_large", `answer larger than ${opts.maxResponseBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      throw toOutboundError(err, signal);
    }
    return { status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") };
  }

  async close(): Promise<void> {
    await Promise.all([this.strict.close(), this.permissive.close()]);
  }
}

function newAgent(allowPrivate: boolean): Agent {
  return new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connections: 64,
    connect: { timeout: 10_000, ...(allowPrivate ? {} : { lookup: publicOnlyLookup }) },
  });
}

/**
 * `dns.lookup` that fails when any address of the name is not public: a name with one public and
 * one private address (a rebinding trick) is refused whole rather than tried on the public one.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return (callback as (e: Error | null) => void)(err);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad || list.length === 0) {
      const e = Object.assign(new Error(`refused: ${hostname} resolves to ${bad?.address ?? "nothing"}, not a public address`), { code: "ERR_OUTBOUND_REFUSED" });
      return (callback as (e: Error | null) => void)(e);
    }
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
    (callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
  });
};

function toOutboundError(err: unknown, signal: AbortSignal): OutboundError {
  if (err instanceof OutboundError) return err;
  const e = err as { code?: string; message?: string; name?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const message = e.message ?? String(err);
  if (code === "ERR_OUTBOUND_REFUSED" || /refused: /.test(message)) return new OutboundError("refused", message.replace(/^.*?(refused: )/, "$1"));
  if (signal.aborted || e.name === "TimeoutError" || e.name === "AbortError" || /Timeout/.test(code ?? "")) return new OutboundError("timeout", "no answer in time");
  return new OutboundError("network", code ? `${code}` : message.slice(0, 200));
}
