import { ChatClient, type ChatClientOptions } from "../../client-sdk/src/index.ts";
import { createApp, type App, type AppDeps } from "../../server/app.ts";
import type { Config } from "../../server/config/schema.ts";
import { testConfig } from "./config.ts";
import { mintToken, type TokenOpts } from "./tokens.ts";

export interface TestServer {
  app: App;
  url: string;
  port: number;
  /** A not-yet-connected ChatClient for a role ("guest" or absent = no token). Closed by `close()`. */
  client(opts?: Partial<ChatClientOptions> & { role?: string; sub?: string; name?: string; tenant?: "acme" | "other" }): Promise<ChatClient>;
  /** `client()` then `connect()`. */
  connected(opts?: Parameters<TestServer["client"]>[0]): Promise<ChatClient>;
  token(o?: TokenOpts): Promise<string>;
  close(): Promise<void>;
}

/** A real Causette on 127.0.0.1:0 with the test config; every client it hands out is closed with it. */
export async function startServer(config: Readonly<Config> = testConfig(), deps: AppDeps = {}): Promise<TestServer> {
  const app = await createApp(config, deps);
  const port = await app.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  const clients: ChatClient[] = [];
  const server: TestServer = {
    app, url, port,
    async client(opts = {}) {
      const { role, sub, name, tenant = "acme", ...rest } = opts;
      const n = clients.length + 1;
      const token = rest.token ?? (role && role !== "guest" ? await mintToken({ tenant, role, sub: sub ?? `${role}-${n}`, name: name ?? `${role} ${n}` }) : undefined);
      const c = new ChatClient({ url, tenant, ...rest, ...(token ? { token } : {}) });
      clients.push(c);
      return c;
    },
    async connected(opts = {}) {
      const c = await server.client(opts);
      await c.connect();
      return c;
    },
    token: (o) => mintToken(o),
    async close() {
      for (const c of clients) c.disconnect();
      await app.close();
    },
  };
  return server;
}
