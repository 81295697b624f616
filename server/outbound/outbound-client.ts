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
  private readonly parsed = new Map<string, { origin: string; path: string }>();

  /**
   * One call through undici's dispatch handler rather than `request()`: no body stream, no async
   * iterator, no AbortSignal per call. At a hook's rate (one call per message, thousands a second)
   * `request()` cost the node about 0.26 ms of CPU per call on this machine and the dispatch about
   * 0.12 ms (tmp measurements in the issue 26 note), which is what kept the relay bench's hook side
   * off the message path's budget.
   */
  post(url: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<OutboundResponse> {
    const target = this.parse(url, opts.allowPrivateNetworks);
    if (target instanceof OutboundError) return Promise.reject(target);
    const agent = opts.allowPrivateNetworks ? this.permissive : this.strict;
    return new Promise<OutboundResponse>((resolve, reject) => {
      let status = 0;
      let size = 0;
      const chunks: Buffer[] = [];
      let settled = false;
      const settle = (err: OutboundError | undefined, res?: OutboundResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err); else resolve(res!);
      };
      // One bound for the whole call (connect, request, answer), as the hook's time budget means.
      // The caller gets its answer at the bound, but the request is not aborted: in undici an
      // abort destroys the connection, even for a request still waiting for one, and on a node
      // starved of CPU for a moment that turned a few late calls into a storm of reconnections
      // that starved it further. A late answer is read and dropped; a connection whose server
      // never answers is closed by undici's own headersTimeout/bodyTimeout (the same bound).
      const timer = setTimeout(() => settle(new OutboundError("timeout", "no answer in time")), opts.timeoutMs);
      try {
        agent.dispatch({
          origin: target.origin, path: target.path, method: "POST", headers, body,
          headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs,
        }, {
          // Present, though empty, because undici tells its new handler API from the old by it.
          onRequestStart() {},
          onResponseStart(_c: unknown, statusCode: number) { status = statusCode; },
          onResponseData(c: { abort(reason: Error): void }, chunk: Buffer) {
            size += chunk.length;
            if (size > opts.maxResponseBytes) {
              const err = new OutboundError("too_large", `answer larger than ${opts.maxResponseBytes} bytes`);
              settle(err);
              c.abort(err);
              return;
            }
            chunks.push(chunk);
          },
          onResponseEnd() {
            settle(undefined, { status, body: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8") });
          },
          onResponseError(_c: unknown, err: Error) { settle(toOutboundError(err, settled)); },
        } as unknown as Parameters<Agent["dispatch"]>[1]);
      } catch (err) {
        settle(toOutboundError(err, false));
      }
    });
  }

  /** A URL checked once and kept (a tenant has a handful of endpoints, called thousands of times). */
  private parse(url: string, allowPrivateNetworks: boolean): { origin: string; path: string } | OutboundError {
    const key = `${allowPrivateNetworks ? 1 : 0}${url}`;
    const known = this.parsed.get(key);
    if (known) return known;
    let target: URL;
    try { target = new URL(url); } catch { return new OutboundError("refused", "not a URL"); }
    if (target.protocol !== "https:" && !(target.protocol === "http:" && allowPrivateNetworks)) return new OutboundError("refused", "only https:// is allowed");
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (!allowPrivateNetworks && isIP(host) && !isPublicAddress(host)) return new OutboundError("refused", `refused: ${host} is not a public address`);
    const ok = { origin: target.origin, path: `${target.pathname}${target.search}` };
    if (this.parsed.size >= MAX_PARSED_URLS) this.parsed.clear();
    this.parsed.set(key, ok);
    return ok;
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

/** Parsed endpoint URLs kept at most (edits replace endpoints; the map is cleared when full). */
const MAX_PARSED_URLS = 1024;

function toOutboundError(err: unknown, timedOut: boolean): OutboundError {
  if (err instanceof OutboundError) return err;
  const e = err as { code?: string; message?: string; name?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const message = e.message ?? String(err);
  if (code === "ERR_OUTBOUND_REFUSED" || /refused: /.test(message)) return new OutboundError("refused", message.replace(/^.*?(refused: )/, "$1"));
  if (timedOut || e.name === "TimeoutError" || e.name === "AbortError" || /Timeout/.test(code ?? "")) return new OutboundError("timeout", "no answer in time");
  return new OutboundError("network", code ? `${code}` : message.slice(0, 200));
}
