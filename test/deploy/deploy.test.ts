import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config/load.ts";
import { startNodeFlags } from "../shared/start-flags.ts";
import { testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

/**
 * deploy/ cannot run here (no Docker, no cluster), so this keeps it honest against the server:
 * ports, probe paths, the stop signal and its timings, the start command and the environment
 * variables must be the ones the code uses.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dockerfile = readFileSync(join(ROOT, "deploy/Dockerfile"), "utf8");
const k8s = readFileSync(join(ROOT, "deploy/kubernetes/causette.yaml"), "utf8");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; dependencies: Record<string, string> };
const DEFAULT_PORT = JSON.parse(readFileSync(join(ROOT, "config/default.json"), "utf8")).server?.port ?? 8080;

/** The environment variables the server reads (`env.NAME` in its sources). */
function envNamesRead(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) for (const m of readFileSync(p, "utf8").matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]!);
    }
  };
  walk(join(ROOT, "server"));
  return names;
}

/** The final stage of the Dockerfile (after its last FROM). */
const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
const grace = /"shutdownGraceMs":\s*(\d+)/.exec(k8s);

describe("deploy/Dockerfile", () => {
  it("is multi-stage, installs production dependencies only, and runs as a non-root user", () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(finalStage).toMatch(/npm ci --omit=dev/);
    expect(finalStage).not.toMatch(/npm ci --no-audit/);
    const user = /^USER (\S+)/m.exec(finalStage)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    // The start command's loader is then a production dependency.
    expect(pkg.dependencies.tsx).toBeDefined();
  });

  it("copies paths that exist", () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)) {
      const parts = m[1]!.trim().split(/\s+/);
      for (const src of parts.slice(0, -1)) expect(existsSync(join(ROOT, src)), src).toBe(true);
    }
  });

  it("starts node as npm start does, on the port the config uses, stopping with the signal the server handles", () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(finalStage)![1]!) as string[];
    expect(cmd.join(" ")).toBe(pkg.scripts.start!.replace(/\s+/g, " ").trim());
    expect(cmd).toStrictEqual(["node", ...startNodeFlags(), "--import", "tsx", "server/index.ts"]);
    expect(Number(/^EXPOSE (\d+)$/m.exec(finalStage)![1])).toBe(DEFAULT_PORT);
    expect(Number(/PORT=(\d+)/.exec(finalStage)![1])).toBe(DEFAULT_PORT);
    const signal = /^STOPSIGNAL (\S+)$/m.exec(finalStage)![1]!;
    expect(readFileSync(join(ROOT, "server/index.ts"), "utf8")).toContain(`process.on("${signal}"`);
  });

  it("checks health on /healthz", () => {
    expect(/^HEALTHCHECK[\s\S]*?\/healthz/m.test(finalStage)).toBe(true);
  });
});

describe("deploy/kubernetes", () => {
  const documents = k8s.split(/^---$/m);
  const kinds = documents.map((d) => /^kind: (\w+)/m.exec(d)?.[1]);
  const deployment = documents[kinds.indexOf("Deployment")]!;

  it("has a Deployment, a Service, a PodDisruptionBudget and the config", () => {
    expect(kinds).toEqual(expect.arrayContaining(["Deployment", "Service", "PodDisruptionBudget", "ConfigMap"]));
    const pdb = documents[kinds.indexOf("PodDisruptionBudget")]!;
    expect(pdb).toMatch(/matchLabels: \{ app: causette \}/);
    expect(deployment).toMatch(/labels: \{ app: causette \}/);
  });

  it("listens, and probes, on the port and paths the server serves", () => {
    expect(Number(/containerPort: (\d+)/.exec(deployment)![1])).toBe(DEFAULT_PORT);
    expect(/name: PORT\s+value: "(\d+)"/.exec(deployment)![1]).toBe(String(DEFAULT_PORT));
    expect(/readinessProbe:\s+httpGet: \{ path: (\S+), port: http \}/.exec(deployment)![1]).toBe("/readyz");
    expect(/livenessProbe:\s+httpGet: \{ path: (\S+), port: http \}/.exec(deployment)![1]).toBe("/healthz");
    expect(deployment).toMatch(/- name: http\s+containerPort:/);
    expect(documents[kinds.indexOf("Service")]).toMatch(/targetPort: http/);
  });

  it("gives the drain the time it takes: preStop, the grace period, then the node's own hard stop", () => {
    const preStop = Number(/preStop:\s+exec:\s+command: \["sleep", "(\d+)"\]/.exec(deployment)![1]);
    const termination = Number(/terminationGracePeriodSeconds: (\d+)/.exec(deployment)![1]);
    const shutdownGraceMs = Number(grace![1]);
    // server/index.ts exits by itself at shutdownGraceMs + 8 s (app.close() bounds each step after
    // the drain: the flush, the connections, the webhook client and the stores, a second or so each).
    const index = readFileSync(join(ROOT, "server/index.ts"), "utf8");
    const hard = Number(/config\.server\.shutdownGraceMs \+ (\d+)\)/.exec(index)![1]);
    expect(hard).toBe(8000);
    expect(preStop).toBeGreaterThan(0);
    expect(preStop + shutdownGraceMs / 1000 + 1).toBeLessThan(termination);
    expect(preStop + (shutdownGraceMs + hard) / 1000).toBeLessThanOrEqual(termination);
  });

  it("names only environment variables the server reads, and its config parses with them", () => {
    const read = envNamesRead();
    const named = [...deployment.matchAll(/- name: ([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(["REDIS_URL", "REDIS_CLUSTER", "PORT", "CAUSETTE_CONFIG"]));
    for (const n of named) expect(read, n).toContain(n);
    const json = /config\.json: \|\n([\s\S]*?)\n---/.exec(k8s)![1]!;
    const dir = mkdtempSync(join(tmpdir(), "causette-k8s-"));
    writeFileSync(join(dir, "config.json"), json);
    const cfg = loadConfig({
      CAUSETTE_CONFIG: join(dir, "config.json"), PORT: "8080", REDIS_CLUSTER: "true",
      REDIS_URL: "redis://redis-0.redis:6379,redis://redis-1.redis:6379,redis://redis-2.redis:6379",
      CAUSETTE_GUEST_SECRET: "a-guest-secret-of-at-least-32-characters!",
    });
    expect(cfg.redis.cluster).toBe(true);
    expect(cfg.redis.url).toContain(",");
    expect(cfg.server.port).toBe(DEFAULT_PORT);
    expect(cfg.server.shutdownGraceMs).toBe(Number(grace![1]));
  });
});

describe("the probe paths answer on a real node", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(testConfig()); });
  afterAll(async () => { await s?.close(); });

  it("serves every path the deploy files probe", async () => {
    const paths = new Set([...`${dockerfile}\n${k8s}`.matchAll(/(\/(?:healthz|readyz)\b)/g)].map((m) => m[1]!));
    expect([...paths].sort()).toStrictEqual(["/healthz", "/readyz"]);
    for (const p of paths) expect((await fetch(`${s.url}${p}`)).status, p).toBe(200);
  });
});
