import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configSchema, type Config } from "./schema.ts";

export class ConfigError extends Error {
  constructor(message: string) { super(message); this.name = "ConfigError"; }
}

export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL("../../config/default.json", import.meta.url));

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** Validates a raw object; every problem is reported with its field path, e.g. `tenants.0.auth.issuer`. */
export function parseConfig(raw: unknown, source = "config"): Readonly<Config> {
  const res = configSchema.safeParse(raw);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  - ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in ${source}:\n${lines.join("\n")}`);
  }
  return deepFreeze(res.data);
}

/** Reads the config file (CAUSETTE_CONFIG or config/default.json), then applies PORT, REDIS_URL and REDIS_CLUSTER. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const path = env.CAUSETTE_CONFIG || DEFAULT_CONFIG_PATH;
  let text: string;
  try { text = readFileSync(path, "utf8"); } catch (e) {
    throw new ConfigError(`Cannot read configuration file ${path}: ${(e as Error).message}`);
  }
  let raw: Record<string, any>;
  try { raw = JSON.parse(text); } catch (e) {
    throw new ConfigError(`Configuration file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError(`Configuration file ${path} must hold a JSON object`);
  if (env.PORT !== undefined && env.PORT !== "") {
    const port = Number(env.PORT);
    if (!Number.isInteger(port)) throw new ConfigError(`PORT must be an integer, got "${env.PORT}"`);
    raw.server = { ...(raw.server ?? {}), port };
  }
  if (env.REDIS_URL) raw.redis = { ...(raw.redis ?? {}), url: env.REDIS_URL };
  if (env.REDIS_CLUSTER !== undefined && env.REDIS_CLUSTER !== "") {
    if (!/^(true|false)$/.test(env.REDIS_CLUSTER)) throw new ConfigError(`REDIS_CLUSTER must be "true" or "false", got "${env.REDIS_CLUSTER}"`);
    raw.redis = { ...(raw.redis ?? {}), cluster: env.REDIS_CLUSTER === "true" };
  }
  if (env.CAUSETTE_GUEST_SECRET) raw.server = { ...(raw.server ?? {}), guestSecret: env.CAUSETTE_GUEST_SECRET };
  return parseConfig(raw, path);
}
