import type { ServerOptions } from "node:http";

/**
 * Node's own limits on how long a client may take to send a request, for every HTTP request
 * (REST, pages, Socket.IO's handshake and long-polling). Node 20's defaults (60 s for the headers,
 * 300 s for the whole request, checked every 30 s) let a client that sends slowly hold a
 * connection for minutes.
 * - `headersTimeout` 10 s: a browser or a proxy sends its headers at once.
 * - `requestTimeout` 30 s: above the REST routes' own 10 s body deadline (`server.bodyTimeoutMs`,
 *   which answers a JSON 408 first), and above what a 256 kB body takes on a slow mobile link.
 *   It only bounds receiving the request: a long answer (an audit export) or a WebSocket, which
 *   leaves HTTP once upgraded, is not cut.
 * - `connectionsCheckingInterval` 2 s: how often Node checks those deadlines, so they hold
 *   within 2 s instead of 30.
 */
export const HTTP_SERVER_OPTIONS: ServerOptions = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 2_000,
};
