import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/**
 * A private redis-server for tests and benchmarks (never the shared one on 6379). Free of vitest so
 * the relay bench can use it too; suites use `describeRedis` from redis-server.ts.
 */

/** True when an executable `name` is on PATH. */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** True when a `redis-server` binary is on PATH. */
export const redisAvailable: boolean = onPath("redis-server");

export interface RedisServer {
  url: string;
  port: number;
  /** Graceful shutdown (SIGTERM): the AOF is flushed, data survives `restart()`. */
  stop(): Promise<void>;
  /** Crash (SIGKILL), no waiting: what a node sees when Redis dies. */
  kill9(): void;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a network partition. */
  pause(): void;
  resume(): void;
  /** Starts again on the same port and data directory, resolving once it answers PING. */
  restart(): Promise<void>;
  /** Stops it and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A real redis-server on a spare port, with AOF fsynced on every write so that a restart keeps
 * everything (durability tests). Example: `const redis = await startRedis(); ... await redis.dispose();`
 */
export async function startRedis(opts: { appendfsync?: "always" | "everysec" } = {}): Promise<RedisServer> {
  if (!redisAvailable) throw new Error("redis-server is not on PATH: install Redis (apt-get install redis-server)");
  const dir = mkdtempSync(join(tmpdir(), "causette-redis-"));
  let port = 0;
  let child: ChildProcess | undefined;

  const launch = async () => {
    // A port freed by bind(0) can be taken by someone else before redis binds it: try a few.
    for (let attempt = 0; ; attempt++) {
      const p = port || (await freePort());
      const proc = spawn("redis-server", [
        "--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", opts.appendfsync ?? "always",
        "--dir", dir, "--daemonize", "no", "--loglevel", "warning",
      ], { stdio: ["ignore", "ignore", "pipe"] });
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      const ready = await Promise.race([waitForPong(p, proc.pid!, 10_000).then(() => true), exited.then(() => false)]);
      if (ready) {
        port = p;
        child = proc;
        return;
      }
      // A fixed port (a restart) may still be held for a moment by the process just killed: retry it.
      if (attempt >= (port ? 10 : 3)) throw new Error(`redis-server did not start on port ${p}`);
      if (port) await new Promise((r) => setTimeout(r, 200));
    }
  };
  /** A process killed with SIGKILL, until it is gone: a restart waits for it before binding its port. */
  let dying: Promise<void> | undefined;
  const stopChild = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill("SIGCONT"); // a paused server would never act on SIGTERM
    proc.kill(signal);
    await exited;
  };

  await launch();
  const onExit = () => child?.kill("SIGKILL");
  process.once("exit", onExit);

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopChild("SIGTERM"),
    kill9: () => {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      dying = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill("SIGKILL");
    },
    pause: () => { child?.kill("SIGSTOP"); },
    resume: () => { child?.kill("SIGCONT"); },
    async restart() {
      await stopChild("SIGTERM");
      await dying;
      await launch();
    },
    async dispose() {
      await stopChild("SIGTERM");
      process.off("exit", onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Polls until the server answers PONG (not LOADING, not refused) and is process `pid`: a bare PONG
 * could come from someone else's Redis that took the freed port first.
 */
async function waitForPong(port: number, pid: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if ((await pingOnce(port)) && (await isProcess(port, pid))) return;
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
}

/** Asks the server on `port` for its process id. */
function isProcess(port: number, pid: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host: "127.0.0.1" });
    let buf = "";
    const done = (ok: boolean) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(500, () => done(false));
    sock.once("error", () => done(false));
    sock.once("connect", () => sock.write("INFO server\r\n"));
    sock.on("data", (d) => {
      buf += d.toString();
      const m = /process_id:(\d+)\r\n/.exec(buf);
      if (m) done(Number(m[1]) === pid);
      else if (buf.startsWith("-")) done(false);
    });
  });
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host: "127.0.0.1" });
    let buf = "";
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.once("error", () => done(false));
    sock.once("connect", () => sock.write("PING\r\n"));
    sock.on("data", (d) => {
      buf += d.toString();
      if (buf.includes("\r\n")) done(buf.startsWith("+PONG"));
    });
  });
}
