import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../../server/config/schema.ts";
import { startNodeFlags } from "../shared/start-flags.ts";
import { until } from "./wait.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface NodeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Output so far, for failure messages. */
  output(): string;
  kill9(): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

/** Writes a config file for child processes. */
export function writeConfig(config: Readonly<Config>): string {
  const dir = mkdtempSync(join(tmpdir(), "causette-cfg-"));
  const path = join(dir, "config.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** A real Causette process (`node <npm start's flags> --import tsx server/index.ts`), as an operator runs it. */
export async function spawnNode(configPath: string, env: Record<string, string> = {}, port?: number): Promise<NodeProcess> {
  const p = port ?? (await freePort());
  let out = "";
  const child = spawn(process.execPath, [...startNodeFlags(), "--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, CAUSETTE_CONFIG: configPath, PORT: String(p), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => { out += d; });
  child.stderr!.on("data", (d) => { out += d; });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${p}`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`node exited early (${child.exitCode}): ${out}`);
    return (await fetch(`${url}/healthz`)).ok;
  }, 20_000, 100).catch((e) => { child.kill("SIGKILL"); throw new Error(`${(e as Error).message}\n${out}`); });
  return {
    url, port: p, child,
    output: () => out,
    async kill9() { child.kill("SIGKILL"); await exited; },
    async stop() { child.kill("SIGTERM"); return exited; },
  };
}
