import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The relay bench's child processes, seen from the parent: every server and load generator is
 * bench/relay.ts run with `--role` (a server of another checkout, with that checkout's script:
 * see --baseline), and they talk over IPC.
 */

/** The bench's entry script, which every child runs with its `--role`. */
export const RELAY_SCRIPT = fileURLToPath(new URL("../relay.ts", import.meta.url));

/** Node flags that make a child write its V8 CPU profile under `dir/label` (none without a folder). */
export const profArgs = (dir: string | undefined, label: string): string[] =>
  dir ? ["--cpu-prof", `--cpu-prof-dir=${join(dir, label)}`] : [];

/** Forks `script` (this checkout's entry unless told) in `role`, its stdout and stderr on the bench's. */
export function forkRole(role: string, execArgv: string[], env?: NodeJS.ProcessEnv, script = RELAY_SCRIPT): ChildProcess {
  return fork(script, ["--role", role], { execArgv, ...(env ? { env } : {}), stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/** The child's next IPC message of `type` (that `match` accepts); rejects on timeout or if the child exits first. */
export function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number, match: (m: Record<string, unknown>) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { cleanup(); reject(new Error(`timed out waiting for "${type}" from child`)); }, timeoutMs);
    const onMsg = (m: { type?: string }) => { if (m?.type === type && match(m)) { cleanup(); resolve(m as T); } };
    const onExit = (code: number | null) => { cleanup(); reject(new Error(`child exited (${code}) before "${type}"`)); };
    const cleanup = () => { clearTimeout(t); child.off("message", onMsg); child.off("exit", onExit); };
    child.on("message", onMsg);
    child.once("exit", onExit);
  });
}

/** Asks a child (server or generator) to stop and waits for it to exit; kills it after 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try { child.send({ cmd: "stop" }); } catch { /* already gone */ }
  const hard = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(hard);
}
