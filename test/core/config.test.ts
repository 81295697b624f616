import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig, parseConfig } from "../../server/config/load.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "causette-config-test-"));
let files = 0;
function file(content: unknown): string {
  const p = join(dir, `c${++files}.json`);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

const tenant = (over: Record<string, unknown> = {}) => ({
  id: "shop",
  name: "Shop",
  auth: { hs256Secret: "s".repeat(40), issuer: "shop", audience: "causette" },
  ...over,
});
const valid = (over: Record<string, unknown> = {}) => ({ tenants: [tenant()], ...over });

/** The ConfigError message for `raw`; fails when it parses. */
function problem(raw: unknown): string {
  try {
    parseConfig(raw, "t.json");
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("config was accepted");
}

describe("config validation names the field", () => {
  it("accepts a minimal config and fills the documented defaults, frozen", () => {
    const c = parseConfig(valid());
    expect(c.server).toMatchObject({ port: 8080, trustProxy: false, maxConnectionsPerIp: 50 });
    expect(c.redis.url).toBeNull();
    expect(c.tenants[0]).toMatchObject({ guests: true, origins: [], filters: { onHit: "hold" }, rateLimit: { burst: 5, perSecond: 1 } });
    // Per-IP and flag limits are on by default (guest ids are free), with room for a shared IP.
    expect(c.tenants[0]!.rateLimit).toMatchObject({
      guestsPerIp: { burst: 30, perMinute: 30 }, guestMessagesPerIp: { burst: 20, perSecond: 2 },
      flags: { burst: 10, perMinute: 10 }, flagsPerIp: { burst: 30, perMinute: 30 },
    });
    expect(c.tenants[0]!.moderation.guestFlagsToQueue).toBe(3);
    expect(parseConfig({ tenants: [tenant({ rateLimit: { burst: 5, perSecond: 1 } })] }).tenants[0]!.rateLimit.guestsPerIp).toEqual({ burst: 30, perMinute: 30 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.tenants[0]!.auth)).toBe(true);
  });

  it("missing tenants", () => {
    expect(problem({})).toMatch(/tenants/);
    expect(problem({ tenants: [] })).toMatch(/tenants: at least one tenant/);
  });

  it("bad port type", () => {
    expect(problem(valid({ server: { port: "8080" } }))).toMatch(/server\.port/);
    expect(problem(valid({ server: { port: 70_000 } }))).toMatch(/server\.port/);
  });

  it("invalid room pattern regex", () => {
    expect(problem({ tenants: [tenant({ rooms: { pattern: "^[a-z" } })] })).toMatch(/tenants\.0\.rooms\.pattern: .*regular expression/);
  });

  it("duplicate tenant ids", () => {
    expect(problem({ tenants: [tenant(), tenant()] })).toMatch(/tenants\.1\.id: duplicate tenant id "shop"/);
  });

  it("auth with zero or two key kinds", () => {
    expect(problem({ tenants: [tenant({ auth: { issuer: "i", audience: "a" } })] })).toMatch(/tenants\.0\.auth: exactly one of/);
    expect(problem({ tenants: [tenant({ auth: { hs256Secret: "s".repeat(40), jwksUrl: "https://x.example/jwks", issuer: "i", audience: "a" } })] }))
      .toMatch(/tenants\.0\.auth: exactly one of/);
  });

  it("short secret", () => {
    expect(problem({ tenants: [tenant({ auth: { hs256Secret: "short", issuer: "i", audience: "a" } })] })).toMatch(/tenants\.0\.auth\.hs256Secret: must be at least 32/);
  });

  it("unknown keys anywhere", () => {
    expect(problem(valid({ sever: {} }))).toMatch(/sever/);
    expect(problem({ tenants: [tenant({ rateLimt: {} })] })).toMatch(/rateLimt/);
    expect(problem(valid({ server: { prot: 1 } }))).toMatch(/prot/);
  });

  it("other field errors keep their path", () => {
    expect(problem({ tenants: [tenant({ filters: { onHit: "delete" } })] })).toMatch(/tenants\.0\.filters\.onHit/);
    expect(problem(valid({ redis: { url: "http://x" } }))).toMatch(/redis\.url/);
    expect(problem({ tenants: [tenant({ origins: ["not a url"] })] })).toMatch(/tenants\.0\.origins\.0/);
    expect(problem(valid({ server: { trustProxy: "yes" } }))).toMatch(/server\.trustProxy/);
  });
});

describe("link lists in the config", () => {
  const links = (l: Record<string, unknown>) => ({ tenants: [tenant({ filters: { links: l } })] });

  it("a bare public suffix in links.allow stops start-up, naming the field and the entry", () => {
    for (const [i, entry] of ["com", "co.uk", "fr", "gouv.fr", "com.au", ".com", "https://www.co.uk/"].entries()) {
      const msg = problem(links({ allow: ["brand.example", ...Array(i).fill("shop.example"), entry] }));
      expect(msg).toContain(`tenants.0.filters.links.allow.${i + 1}`);
      expect(msg).toContain(`"${entry}" is a public suffix`);
    }
  });

  it("entries that are not domain names are refused in both lists", () => {
    for (const list of ["allow", "block"]) {
      for (const entry of ["not a domain", "a..b", "-bad.com", "bad-.com", "x_y.com", "https://", "&lt;b&gt;.com"]) {
        expect(problem(links({ [list]: [entry] }))).toMatch(new RegExp(`tenants\\.0\\.filters\\.links\\.${list}\\.0: .*not a domain name`));
      }
    }
  });

  it("brand domains, subdomains, URLs and IDNs pass; block may name a whole suffix", () => {
    const c = parseConfig(links({
      mode: "allowlist",
      allow: ["brand.co.uk", "shop.brand.com", "https://www.Brand.fr/boutique", "café.fr", "rival.example", "co.com"],
      block: ["xyz", "co.uk", "rival.example"],
    }));
    expect(c.tenants[0]!.filters.links.allow).toHaveLength(6);
  });
});

describe("loadConfig: file and environment", () => {
  it("the shipped config/default.json parses", () => {
    const c = loadConfig({ CAUSETTE_CONFIG: DEFAULT_CONFIG_PATH });
    expect(c.tenants.map((t) => t.id)).toContain("demo");
    expect(loadConfig({}).tenants[0]!.id).toBe("demo");
  });

  it("a non-JSON file and a missing file are ConfigErrors naming the file", () => {
    const p = file("{ not json");
    expect(() => loadConfig({ CAUSETTE_CONFIG: p })).toThrow(ConfigError);
    expect(() => loadConfig({ CAUSETTE_CONFIG: p })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ CAUSETTE_CONFIG: join(dir, "absent.json") })).toThrow(/Cannot read/);
    expect(() => loadConfig({ CAUSETTE_CONFIG: file("[1,2]") })).toThrow(/JSON object/);
  });

  it("PORT and REDIS_URL override the file; CAUSETTE_CONFIG chooses it", () => {
    const p = file(valid({ server: { port: 1234 } }));
    expect(loadConfig({ CAUSETTE_CONFIG: p }).server.port).toBe(1234);
    expect(loadConfig({ CAUSETTE_CONFIG: p, PORT: "4321" }).server.port).toBe(4321);
    expect(loadConfig({ CAUSETTE_CONFIG: p, PORT: "0" }).server.port).toBe(0);
    expect(() => loadConfig({ CAUSETTE_CONFIG: p, PORT: "eighty" })).toThrow(/PORT/);
    expect(loadConfig({ CAUSETTE_CONFIG: p, REDIS_URL: "redis://127.0.0.1:6390" }).redis.url).toBe("redis://127.0.0.1:6390");
    expect(() => loadConfig({ CAUSETTE_CONFIG: p, REDIS_URL: "mysql://x" })).toThrow(/redis\.url/);
    expect(loadConfig({ CAUSETTE_CONFIG: p }).tenants[0]!.id).toBe("shop");
  });
});

describe("start-up with a bad config", () => {
  it("exits 78 with stderr naming the field", async () => {
    const p = file({ tenants: [tenant({ auth: { hs256Secret: "short", issuer: "i", audience: "a" } })] });
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: ROOT, env: { ...process.env, CAUSETTE_CONFIG: p, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(78);
    expect(stderr).toMatch(/tenants\.0\.auth\.hs256Secret/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  }, 30_000);
});

describe("Redis Cluster settings (SPEC §11)", () => {
  const seeds = "redis://10.0.0.1:7000,redis://10.0.0.2:7000,redis://10.0.0.3:7000";
  it("REDIS_CLUSTER=true takes REDIS_URL as a list of seed nodes", () => {
    const c = loadConfig({ CAUSETTE_CONFIG: DEFAULT_CONFIG_PATH, REDIS_URL: seeds, REDIS_CLUSTER: "true" });
    expect(c.redis).toMatchObject({ url: seeds, cluster: true });
    expect(loadConfig({ CAUSETTE_CONFIG: DEFAULT_CONFIG_PATH }).redis.cluster).toBe(false);
  });

  it("refuses a list of URLs without cluster, and a REDIS_CLUSTER that is not true or false", () => {
    expect(() => loadConfig({ CAUSETTE_CONFIG: DEFAULT_CONFIG_PATH, REDIS_URL: seeds })).toThrow(/redis\.url.*redis\.cluster/);
    expect(() => loadConfig({ CAUSETTE_CONFIG: DEFAULT_CONFIG_PATH, REDIS_URL: seeds, REDIS_CLUSTER: "yes" })).toThrow(/REDIS_CLUSTER must be "true" or "false"/);
    expect(() => loadConfig({ CAUSETTE_CONFIG: DEFAULT_CONFIG_PATH, REDIS_URL: `${seeds},http://x`, REDIS_CLUSTER: "true" })).toThrow(/redis\.url/);
  });
});
