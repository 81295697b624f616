import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script, typed by its use here
import { formatSizes, measureSizes } from "../../client-sdk/size.mjs";
import { browserAvailable, launchBrowser, newPage } from "../support/browser.ts";
import { SECRETS, testConfig } from "../support/config.ts";
import { packAndInstall, ROOT, type PackedProject } from "../support/packed-sdk.ts";
import { startServer, type TestServer } from "../support/server.ts";

const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

/**
 * @causette/client-sdk as a brand's developer gets it: `npm pack`, installed from the tarball into a
 * fresh project outside this repository, then used from Node ESM, CommonJS, strict TypeScript and an
 * esbuild browser bundle, each against a real Causette.
 */
describe("the packed SDK in a fresh project", () => {
  let app: PackedProject;
  let server: TestServer;
  // Asynchronous: the Causette these scripts talk to runs in this very process.
  const node = async (file: string, ...args: string[]) => (await promisify(execFile)(process.execPath, [file, ...args], { cwd: app.dir, encoding: "utf8", timeout: 15_000 })).stdout;
  /** The repo's tsc run on the app's tsconfig: its report, "" when the program type-checks. */
  const tsc = () => {
    try { return execFileSync(process.execPath, [TSC, "-p", app.dir], { cwd: app.dir, encoding: "utf8" }); }
    catch (e) { return String((e as { stdout?: string }).stdout); }
  };
  const lastJson = (out: string) => JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;

  beforeAll(async () => {
    app = packAndInstall();
    server = await startServer(testConfig({ acme: { origins: [] } }));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (app) rmSync(app.dir, { recursive: true, force: true });
  });

  it("ships built JavaScript and declarations only, with an exports map for import and require", () => {
    const manifest = JSON.parse(readFileSync(`${app.dir}/node_modules/@causette/client-sdk/package.json`, "utf8"));
    expect(manifest.private).toBeUndefined();
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.dependencies["socket.io-client"]).toBeDefined();
    expect(manifest.peerDependenciesMeta.react.optional).toBe(true);
    for (const entry of [".", "./server", "./react"]) {
      expect(Object.keys(manifest.exports[entry])).toEqual(["import", "require"]);
      expect(manifest.exports[entry].import.types).toMatch(/\.d\.ts$/);
      expect(manifest.exports[entry].require.types).toMatch(/\.d\.cts$/);
    }
    expect(app.files).toContain("CHANGELOG.md");
    expect(app.files).toContain("README.md");
    // No TypeScript sources, no widget or back-office bundles, nothing outside dist/ but the docs.
    const stray = app.files.filter((f) => !/^dist\/(esm\/.*\.(js|d\.ts)|cjs\/.*\.(cjs|d\.cts)|cjs\/package\.json)$/.test(f) && !["package.json", "README.md", "CHANGELOG.md"].includes(f));
    expect(stray).toEqual([]);
  });

  it("imports from Node ESM, mints a token with /server and chats with a real Causette", async () => {
    writeFileSync(`${app.dir}/esm.mjs`, `
import { ChatClient, ChatError, ERROR_CODES } from "@causette/client-sdk";
import { signUserToken } from "@causette/client-sdk/server";
const [url, secret] = process.argv.slice(2);
const token = await signUserToken({ sub: "esm-user", name: "Esm" }, { secret, issuer: "acme-issuer", audience: "causette" });
const chat = new ChatClient({ url, tenant: "acme", token });
const session = await chat.connect();
await chat.join("product:pack");
const m = await chat.send("product:pack", "hello from ESM");
const err = await chat.flag("nope", "spam").catch((e) => e);
chat.disconnect();
console.log(JSON.stringify({ user: session.user, status: m.status, code: err.code, chatError: err instanceof ChatError, codes: ERROR_CODES.includes("muted") }));
`);
    expect(lastJson(await node("esm.mjs", server.url, SECRETS.acme))).toEqual({
      user: { id: "esm-user", name: "Esm", role: "member" }, status: "visible", code: "not_found", chatError: true, codes: true,
    });
  });

  it("requires from CommonJS, mints with /server and refuses a manager token", async () => {
    writeFileSync(`${app.dir}/cjs.cjs`, `
const { ChatClient, ChatError } = require("@causette/client-sdk");
const { signUserToken } = require("@causette/client-sdk/server");
const [url, secret] = process.argv.slice(2);
(async () => {
  const token = await signUserToken({ sub: "cjs-user", name: "Cjs", role: "expert" }, { secret, issuer: "acme-issuer", audience: "causette", expiresIn: 600 });
  const chat = new ChatClient({ url, tenant: "acme", token });
  const session = await chat.connect();
  const { history } = await chat.join("product:pack");
  chat.disconnect();
  console.log(JSON.stringify({
    user: session.user, seen: history.map((m) => m.text),
    resolved: require.resolve("@causette/client-sdk").replace(/.*node_modules\\//, ""),
    manager: await signUserToken({ sub: "x", role: "manager" }, { secret, issuer: "i", audience: "a" }).then(() => "signed", (e) => e.message),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`);
    const out = lastJson(await node("cjs.cjs", server.url, SECRETS.acme));
    expect(out.user).toEqual({ id: "cjs-user", name: "Cjs", role: "expert" });
    expect(out.seen).toContain("hello from ESM");
    expect(out.resolved).toBe("@causette/client-sdk/dist/cjs/index.cjs");
    expect(out.manager).toMatch(/refusing to sign a manager token/);
  });

  it("type-checks a strict TypeScript program, as an ES module and as CommonJS", () => {
    const program = (from: string) => `
import { AdminClient, ChatClient, ChatError, type Message, type QueueItem, type Notice } from "@causette/client-sdk";
import { signUserToken } from "@causette/client-sdk/server";
${from}
export async function brandApp(url: string): Promise<string[]> {
  const token: string = await signUserToken({ sub: "u1", name: "Ana", role: "member" }, { secret: "x".repeat(32), issuer: "i", audience: "causette" });
  const chat = new ChatClient({ url, tenant: "acme", token });
  chat.on("message", (m: Message) => void m.author.name.toUpperCase());
  chat.on("moderation:notice", (n: Notice) => void n.explanation);
  chat.on("status", (s, err?: ChatError) => void (s === "reconnecting" && err?.code));
  const sent: Message = await chat.send("product:1", "hi", { replyTo: "m1" });
  // @ts-expect-error: not a flag reason
  await chat.flag(sent.id, "boring");
  // @ts-expect-error: a manager token needs allowManager, and the role must be a known one
  await signUserToken({ sub: "u1", role: "owner" }, { secret: "s", issuer: "i", audience: "a" });
  const admin = new AdminClient({ url, tenant: "acme", token });
  await admin.connect();
  const items: QueueItem[] = (await admin.listQueue()).items;
  return items.map((i) => i.message.text);
}
`;
    writeFileSync(`${app.dir}/app.mts`, program(""));
    writeFileSync(`${app.dir}/app.cts`, program(""));
    writeFileSync(`${app.dir}/tsconfig.json`, JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"], types: [], skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true },
      files: ["app.mts", "app.cts"],
    }));
    expect(tsc()).toBe("");
    // The same program with a type error fails: the check above did look at the package's types.
    writeFileSync(`${app.dir}/app.mts`, program(`export const wrong: number = new ChatClient({ url: "u", tenant: "t" }).session;`));
    expect(tsc()).toMatch(/app\.mts\(\d+,\d+\): error TS2322/);
  });

  describe.skipIf(!browserAvailable())("in a browser", () => {
    let browser: Browser;
    let page: Server;
    beforeAll(async () => { browser = await launchBrowser(); });
    afterAll(async () => { await browser?.close(); page?.close(); });

    it("bundles for the browser with esbuild (no Node built-ins, no jose) and chats from Chromium", async () => {
      const out = await build({
        stdin: { resolveDir: app.dir, loader: "js", contents: `
import { ChatClient } from "@causette/client-sdk";
const chat = new ChatClient({ url: document.body.dataset.url, tenant: "acme" });
chat.connect().then(async (s) => {
  await chat.join("product:pack");
  const m = await chat.send("product:pack", "hello from a bundle");
  document.body.dataset.result = s.user.role + ":" + m.status;
});` },
        bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent",
      });
      const js = out.outputFiles[0]!.text;
      expect(js).not.toMatch(/jose|node:|require\("(ws|fs|net|crypto)"\)/);
      page = createServer((req, res) => {
        if (req.url === "/app.js") res.writeHead(200, { "Content-Type": "text/javascript" }).end(js);
        else res.writeHead(200, { "Content-Type": "text/html" }).end(`<!doctype html><body data-url="${server.url}"><script type="module" src="/app.js"></script></body>`);
      });
      await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
      const { page: tab, watch } = await newPage(browser);
      await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/`);
      await tab.waitForFunction(() => document.body.dataset.result);
      expect(await tab.evaluate(() => document.body.dataset.result)).toBe("guest:visible");
      expect(watch.errors).toEqual([]);
    });
  });

  it("prints the ESM browser bundle's size next to socket.io-client's own", async () => {
    const sizes = await measureSizes(app.dir);
    console.log(`\n${formatSizes(sizes)}\n`);
    expect(sizes.sdk.gzipped).toBeGreaterThan(sizes.socketIo.gzipped);
    // Tree-shaking works (sideEffects: false): ChatClient alone does not pull AdminClient in.
    expect(sizes.ownGzipped).toBeLessThan(6 * 1024);
  });
});
