import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The private parts of other packages that the WebSocket fast paths (write-coalescer.ts,
 * prepared-frames.ts) rely on, and the one check that they are there.
 *
 * Why a check: none of these parts is public API, so a patch release may rename or drop any of
 * them without notice, and a fast path that reached for a missing part would send nothing, or
 * send out of order, without an error. So package.json pins each package to the exact version
 * the fast paths were tested on (test/core/prepared-frames.test.ts, write-coalescer.test.ts),
 * and at start the node checks both that those versions are the ones loaded and that each part
 * is where those versions keep it; on any difference the fast paths stay off.
 */

/** The packages the fast paths reach into; package.json pins each to an exact version. */
export const REACHED_PACKAGES = ["socket.io", "engine.io", "socket.io-adapter", "ws"] as const;
export type ReachedPackage = (typeof REACHED_PACKAGES)[number];

/** One package as the code that uses it loads it (a copy nested under its user would be another version). */
export interface LoadedPackage { name: ReachedPackage; loadedBy: string; version: string | undefined }

/** What there is to probe: the loaded versions, the pins, and the classes whose parts are used. */
export interface TransportInternals {
  loaded: LoadedPackage[];
  /** package.json's version ranges for the reached packages (undefined: not a direct dependency). */
  pinned: Partial<Record<ReachedPackage, string>>;
  /** engine.io's `Socket` (one per connection): its `write` is replaced, its flush emits the server's flush and drain. */
  engineSocket: unknown;
  /** engine.io's WebSocket transport: keeps the ws socket as `socket`, and `writable`. */
  webSocketTransport: unknown;
  /** ws's `WebSocket`, as engine.io loads it: keeps the TCP socket as `_socket`. */
  webSocket: unknown;
  /** socket.io-adapter's `Adapter`: frames a broadcast once for WebSocket (`wsPreEncodedFrame`). */
  adapter: unknown;
  /** ws's `Sender`, as socket.io-adapter loads it: without its static `frame`, the adapter frames nothing. */
  frameSender: unknown;
}

/** The version of `name` that `require` resolves to: from the package.json above its entry file. */
function loadedVersion(require: NodeJS.Require, name: string): string | undefined {
  try {
    let dir = dirname(require.resolve(name));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version;
      } catch { /* no package.json here: go up */ }
      const up = dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  } catch {
    return undefined;
  }
}

/** `require(name)`, or undefined when it cannot be loaded. */
function tryLoad<T>(require: NodeJS.Require | undefined, name: string): T | undefined {
  try { return require?.(name) as T; } catch { return undefined; }
}

/** A require that resolves as the package `name` (itself resolved by `from`) does, or undefined. */
function requireOf(from: NodeJS.Require | undefined, name: string): NodeJS.Require | undefined {
  try { return from ? createRequire(from.resolve(name)) : undefined; } catch { return undefined; }
}

/** Finds the internals as this checkout loads them (socket.io's engine.io and adapter, engine.io's ws). */
export function findTransportInternals(): TransportInternals {
  const app = createRequire(import.meta.url);
  const socketIo = requireOf(app, "socket.io");
  const engineIo = requireOf(socketIo, "engine.io");
  const adapter = requireOf(socketIo, "socket.io-adapter");
  const redisAdapter = requireOf(app, "@socket.io/redis-adapter");
  const loaded: LoadedPackage[] = [
    { name: "socket.io", loadedBy: "causette", version: loadedVersion(app, "socket.io") },
    { name: "engine.io", loadedBy: "socket.io", version: socketIo && loadedVersion(socketIo, "engine.io") },
    { name: "socket.io-adapter", loadedBy: "socket.io", version: socketIo && loadedVersion(socketIo, "socket.io-adapter") },
    { name: "ws", loadedBy: "engine.io", version: engineIo && loadedVersion(engineIo, "ws") },
    { name: "ws", loadedBy: "socket.io-adapter", version: adapter && loadedVersion(adapter, "ws") },
  ];
  // The Redis adapter broadcasts through its own copy of socket.io-adapter's Adapter.
  if (redisAdapter) loaded.push({ name: "socket.io-adapter", loadedBy: "@socket.io/redis-adapter", version: loadedVersion(redisAdapter, "socket.io-adapter") });
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies?: Record<string, string> };
  const pinned: Partial<Record<ReachedPackage, string>> = {};
  for (const name of REACHED_PACKAGES) {
    const range = manifest.dependencies?.[name];
    if (range !== undefined) pinned[name] = range;
  }
  const engine = tryLoad<{ Socket?: unknown; transports?: { websocket?: unknown } }>(socketIo, "engine.io");
  return {
    loaded,
    pinned,
    engineSocket: engine?.Socket,
    webSocketTransport: engine?.transports?.websocket,
    webSocket: tryLoad(engineIo, "ws"),
    adapter: tryLoad<{ Adapter?: unknown }>(socketIo, "socket.io-adapter")?.Adapter,
    frameSender: tryLoad<{ Sender?: unknown }>(adapter, "ws")?.Sender,
  };
}

/** The methods a class must have and the instance properties its code must assign. */
interface Shape { what: string; methods: string[]; assigns: { in: string; property: string }[] }

const SHAPES: Record<"engineSocket" | "webSocketTransport" | "webSocket" | "adapter", Shape> = {
  engineSocket: {
    what: "engine.io Socket",
    methods: ["write", "sendPacket", "flush"],
    assigns: [
      { in: "constructor", property: "writeBuffer" }, { in: "constructor", property: "readyState" },
      { in: "setTransport", property: "transport" },
    ],
  },
  webSocketTransport: {
    what: "engine.io WebSocket transport",
    methods: ["send"],
    assigns: [{ in: "constructor", property: "socket" }, { in: "constructor", property: "writable" }, { in: "constructor", property: "perMessageDeflate" }],
  },
  webSocket: { what: "ws WebSocket", methods: ["setSocket"], assigns: [{ in: "setSocket", property: "_socket" }] },
  adapter: { what: "socket.io-adapter Adapter", methods: ["broadcast", "_encode"], assigns: [] },
};

/**
 * What is missing or different, one line each; empty when the fast paths may run. It takes the
 * internals to probe, so a test can hand it a set with a part taken out.
 */
export function missingInternals(found: TransportInternals): string[] {
  const missing: string[] = [];
  for (const p of found.loaded) {
    const pin = found.pinned[p.name];
    if (pin === undefined || !/^\d+\.\d+\.\d+$/.test(pin)) missing.push(`${p.name} is not pinned to an exact version in package.json (${pin ?? "absent"})`);
    else if (p.version !== pin) missing.push(`${p.name} ${p.version ?? "(not found)"} loaded by ${p.loadedBy}, ${pin} pinned`);
  }
  for (const [key, shape] of Object.entries(SHAPES) as [keyof typeof SHAPES, Shape][]) {
    const cls = found[key];
    if (typeof cls !== "function") { missing.push(`${shape.what} not found`); continue; }
    const proto = cls.prototype as Record<string, unknown>;
    for (const m of shape.methods) if (typeof proto[m] !== "function") missing.push(`${shape.what} has no method ${m}`);
    // Instance properties live on objects made later, one per connection; the code that makes
    // them says whether they are still there and still under that name.
    for (const a of shape.assigns) {
      const code = a.in === "constructor" ? String(cls) : typeof proto[a.in] === "function" ? String(proto[a.in]) : "";
      if (!code.includes(`this.${a.property} =`)) missing.push(`${shape.what} no longer sets ${a.property} in ${a.in}`);
    }
  }
  if (typeof found.adapter === "function" && !String((found.adapter as { prototype: { _encode?: unknown } }).prototype._encode).includes("wsPreEncodedFrame")) {
    missing.push("socket.io-adapter Adapter no longer prepares wsPreEncodedFrame");
  }
  if (typeof (found.frameSender as { frame?: unknown } | undefined)?.frame !== "function") missing.push("ws Sender.frame not found");
  return missing;
}
