import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpBalancer {
  url: string;
  port: number;
  /** Backends that answered /readyz 200 at the last check. */
  healthy(): number[];
  /** How many connections each backend (by port) has been given so far. */
  routed(): Map<number, number>;
  close(): Promise<void>;
}

/**
 * A tiny L4 balancer for tests, as a rolling restart meets one in production: new TCP connections
 * go round-robin to the backends whose `/readyz` answered 200 at the last check (every
 * `checkEveryMs`); a backend that refuses the connection is skipped for the next one. Bytes are
 * piped both ways untouched (WebSocket upgrades included); a backend closing ends the client's
 * connection too.
 */
export async function startTcpBalancer(backendPorts: number[], checkEveryMs = 100): Promise<TcpBalancer> {
  const ready = new Set<number>();
  const open = new Set<Socket>();
  const routed = new Map<number, number>();
  let next = 0;
  let stopped = false;

  const check = async () => {
    await Promise.all(backendPorts.map(async (port) => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(500) });
        if (res.status === 200) ready.add(port); else ready.delete(port);
      } catch {
        ready.delete(port);
      }
    }));
  };
  await check();
  const timer = setInterval(() => { void check(); }, checkEveryMs);

  const route = (client: Socket, tried: Set<number>) => {
    const candidates = backendPorts.filter((p) => ready.has(p) && !tried.has(p));
    if (!candidates.length || stopped) return client.destroy();
    const port = candidates[next++ % candidates.length]!;
    tried.add(port);
    const upstream = connect({ port, host: "127.0.0.1" });
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      routed.set(port, (routed.get(port) ?? 0) + 1);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on("error", () => {
      if (!connected) {
        ready.delete(port);
        route(client, tried);
      } else client.destroy();
    });
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
    open.add(upstream);
    upstream.once("close", () => open.delete(upstream));
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    client.on("error", () => undefined);
    route(client, new Set());
  });
  const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    healthy: () => [...ready],
    routed: () => new Map(routed),
    async close() {
      stopped = true;
      clearInterval(timer);
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
