import { createLogger } from "./logger.ts";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config/load.ts";

/** Entry point: load and validate config, start one node, stop gracefully on SIGTERM/SIGINT. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = createLogger(config);
  const app = await createApp(config, { logger });
  const port = await app.listen();
  const store = config.redis.url ? "redis" : "embedded in-memory store";
  logger.info({ port, store, node: app.nodeId }, `Causette listening on http://localhost:${port} (demo page /, back office /admin, ${store})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Last resort: close() bounds each of its steps (the drain by shutdownGraceMs, the rest by a
    // second or two each), so this only fires if the event loop itself is stuck.
    const hard = setTimeout(() => { logger.error("shutdown did not finish; exiting"); process.exit(1); }, config.server.shutdownGraceMs + 8000);
    hard.unref();
    await app.close();
    logger.info("stopped");
    process.exit(0);
  };
  // A stray rejection (e.g. a Redis command during an outage) is logged; it must never take the node down.
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
