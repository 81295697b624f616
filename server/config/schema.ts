import { z } from "zod";
import { linkDomainProblem } from "./link-domain.ts";
import { filterPolicy, lexiconTerm } from "../contracts/filter-policy.ts";

/**
 * The configuration contract (SPEC §3). Validated once at start-up, then frozen and passed in.
 * Defaults are declared here, next to the field they belong to.
 */
const contribution = z.enum(["open", "restricted"]);

const roomSettings = z.object({
  contribution: contribution.default("open"),
  slowModeSec: z.number().int().min(0).max(86_400).default(0),
  historySize: z.number().int().min(1).max(1000).default(100),
  maxLength: z.number().int().min(1).max(20_000).default(1000),
}).strict();

const roomOverride = z.object({
  contribution: contribution.optional(),
  slowModeSec: z.number().int().min(0).max(86_400).optional(),
  historySize: z.number().int().min(1).max(1000).optional(),
  maxLength: z.number().int().min(1).max(20_000).optional(),
}).strict();

const auth = z.object({
  hs256Secret: z.string().min(32, "must be at least 32 characters").optional(),
  publicKeyPem: z.string().includes("BEGIN PUBLIC KEY", { message: "must be a PEM public key" }).optional(),
  jwksUrl: z.url().optional(),
  issuer: z.string().min(1),
  audience: z.string().min(1),
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  clockToleranceSec: z.number().int().min(0).max(300).default(30),
}).strict().refine(
  (a) => [a.hs256Secret, a.publicKeyPem, a.jwksUrl].filter((v) => v !== undefined).length === 1,
  { message: "exactly one of hs256Secret, publicKeyPem or jwksUrl is required" },
);

/** A room pattern is compiled once; a broken one stops start-up instead of failing per join. */
const regexSource = z.string().min(1).refine((s) => {
  try { new RegExp(s); return true; } catch { return false; }
}, { message: "is not a valid regular expression" });

/**
 * A token bucket: `burst` at once, then refilled at a steady rate. The bounds only catch typos:
 * a per-IP budget may have to cover a whole load balancer's worth of clients in a test rig.
 */
const perMinuteBucket = z.object({
  burst: z.number().int().min(1).max(1_000_000),
  perMinute: z.number().positive().max(60_000_000),
}).strict();
const perSecondBucket = z.object({
  burst: z.number().int().min(1).max(1_000_000),
  perSecond: z.number().positive().max(1_000_000),
}).strict();
/** A link-list entry; a bad one stops start-up with the reason (a public suffix in `allow`, say). */
const linkDomain = (list: "allow" | "block") => z.string().min(1).max(253).superRefine((entry, ctx) => {
  const problem = linkDomainProblem(entry, list);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const tenant = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "must be lowercase letters, digits, - or _"),
  name: z.string().min(1),
  origins: z.array(z.string().url()).default([]),
  auth,
  guests: z.boolean().default(true),
  rooms: z.object({
    pattern: regexSource.default("^[a-z0-9][a-z0-9:_/.-]{0,63}$"),
    defaults: roomSettings.default({ contribution: "open", slowModeSec: 0, historySize: 100, maxLength: 1000 }),
    overrides: z.record(z.string(), roomOverride).default({}),
  }).strict().default({
    pattern: "^[a-z0-9][a-z0-9:_/.-]{0,63}$",
    defaults: { contribution: "open", slowModeSec: 0, historySize: 100, maxLength: 1000 },
    overrides: {},
  }),
  filters: z.object({
    onHit: z.enum(["hold", "shadow", "reject"]).default("hold"),
    lexicon: z.object({
      languages: z.array(z.enum(["en", "fr"])).default(["en", "fr"]),
      /** A word or phrase (a competitor), or `{ term, category?, severity? }` (SPEC §12). */
      terms: z.array(lexiconTerm).default([]),
      allow: z.array(z.string().min(1).max(100)).default([]),
    }).strict().default({ languages: ["en", "fr"], terms: [], allow: [] }),
    /** SPEC §12: an action per category and a minimum severity; a category left out follows onHit. */
    policy: filterPolicy.default({}),
    links: z.object({
      mode: z.enum(["allowlist", "blocklist"]).default("allowlist"),
      allow: z.array(linkDomain("allow")).default([]),
      block: z.array(linkDomain("block")).default([]),
    }).strict().default({ mode: "allowlist", allow: [], block: [] }),
    spam: z.object({
      /** Same text from one user within windowSec counts as a repeat after this many. */
      repeatsPerUser: z.number().int().min(1).default(2),
      /** Same text from this many distinct users in one room within windowSec is a raid. */
      raidUsers: z.number().int().min(2).default(4),
      windowSec: z.number().int().min(1).max(3600).default(60),
    }).strict().default({ repeatsPerUser: 2, raidUsers: 4, windowSec: 60 }),
  }).strict().default({
    onHit: "hold",
    lexicon: { languages: ["en", "fr"], terms: [], allow: [] },
    policy: {},
    links: { mode: "allowlist", allow: [], block: [] },
    spam: { repeatsPerUser: 2, raidUsers: 4, windowSec: 60 },
  }),
  moderation: z.object({
    reportsToHide: z.number().int().min(1).max(1000).default(3),
    moderatorFlagHides: z.boolean().default(true),
    /**
     * Guests' flags never hide a message, and queue it for review only once guests on this many
     * distinct networks (client IPs) have flagged it: one anonymous visitor cannot fill the queue
     * alone, a message many visitors object to still reaches the managers. 1 queues on the first.
     */
    guestFlagsToQueue: z.number().int().min(1).max(1000).default(3),
  }).strict().default({ reportsToHide: 3, moderatorFlagHides: true, guestFlagsToQueue: 3 }),
  rateLimit: z.object({
    /** Per-user message bucket: `burst` messages at once, then `perSecond` sustained. */
    burst: z.number().int().min(1).max(10_000).default(5),
    perSecond: z.number().positive().max(10_000).default(1),
    /**
     * New guest ids minted per client IP (a guest presenting its guest token reconnects freely).
     * One IP may be a shop's Wi-Fi or a mobile carrier's NAT with many shoppers behind it, but
     * only first visits mint an id, so 30 at once and one every 2 s sustained leaves them room.
     */
    guestsPerIp: perMinuteBucket.default({ burst: 30, perMinute: 30 }),
    /**
     * Messages from all the guests of one client IP together (guest ids are free, so the
     * per-user bucket alone bounds nothing). Signed-in users are not counted here. A shared IP's
     * guests rarely post together more than a few a minute; 20 at once and 2 a second leave them room.
     */
    guestMessagesPerIp: perSecondBucket.default({ burst: 20, perSecond: 2 }),
    /** Flags per user (guests included); moderators and managers are not limited. */
    flags: perMinuteBucket.default({ burst: 10, perMinute: 10 }),
    /** Flags per client IP, every non-staff user of that IP together (a shared IP gets three users' worth). */
    flagsPerIp: perMinuteBucket.default({ burst: 30, perMinute: 30 }),
  }).strict().default({
    burst: 5, perSecond: 1,
    guestsPerIp: { burst: 30, perMinute: 30 },
    guestMessagesPerIp: { burst: 20, perSecond: 2 },
    flags: { burst: 10, perMinute: 10 },
    flagsPerIp: { burst: 30, perMinute: 30 },
  }),
  widget: z.object({
    pages: z.array(z.string().min(1)).default(["*"]),
    /** "page": one room per page path; any other string: that fixed room id. */
    room: z.string().min(1).default("page"),
    /** Where the widget sends a guest to sign in on the brand's site; without it guests see no sign-in prompt. */
    signInUrl: z.url({ protocol: /^https?$/ }).optional(),
  }).strict().default({ pages: ["*"], room: "page" }),
}).strict();

export const configSchema = z.object({
  server: z.object({
    port: z.number().int().min(0).max(65_535).default(8080),
    host: z.string().default("0.0.0.0"),
    trustProxy: z.union([z.boolean(), z.number().int().min(0).max(32), z.array(z.string().min(1))]).default(false),
    maxConnectionsPerIp: z.number().int().min(1).default(50),
    /** Secret that signs guest tokens; shared by every node of a cluster. Generated per process when absent. */
    guestSecret: z.string().min(32, "must be at least 32 characters").optional(),
    /** Production turns off the demo sign-in on /admin and the demo role switcher on /. */
    production: z.boolean().default(false),
    /** Grace period for in-flight acks on SIGTERM. */
    shutdownGraceMs: z.number().int().min(0).max(60_000).default(5000),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * The WebSocket write path's two fast paths. Both reach into engine.io's and ws's private
     * parts, so they run only on the exact versions package.json pins (checked at start; on any
     * other, the node logs one warning and sends the ordinary way). Turning one off here is the
     * way back to plain Socket.IO if a fast path is ever suspected of anything.
     */
    transport: z.object({
      /** Write a room broadcast's ready-made WebSocket frame straight to each member's TCP socket (realtime/prepared-frames.ts). */
      preparedFrames: z.boolean().default(true),
      /** Send each WebSocket connection's frames of one event-loop turn in one write (realtime/write-coalescer.ts). */
      coalesceWrites: z.boolean().default(true),
    }).strict().default({ preparedFrames: true, coalesceWrites: true }),
    /** When set, /metrics wants `Authorization: Bearer <metricsToken>` (for a port reachable from outside); absent, it is open. */
    metricsToken: z.string().min(16, "must be at least 16 characters").max(512).optional(),
    /**
     * How long a REST request body may take to arrive once its route is reached; then 408 and the
     * connection is closed. Below Node's 30 s limit on a whole request (http/server-options.ts).
     */
    bodyTimeoutMs: z.number().int().min(100).max(25_000).default(10_000),
  }).strict().default({ port: 8080, host: "0.0.0.0", trustProxy: false, maxConnectionsPerIp: 50, production: false, shutdownGraceMs: 5000, logLevel: "info", bodyTimeoutMs: 10_000, transport: { preparedFrames: true, coalesceWrites: true } }),
  redis: z.object({
    url: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").nullable().default(null),
    keyPrefix: z.string().default("causette:"),
  }).strict().default({ url: null, keyPrefix: "causette:" }),
  tenants: z.array(tenant).min(1, "at least one tenant is required"),
}).strict().superRefine((cfg, ctx) => {
  const seen = new Set<string>();
  cfg.tenants.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: "custom", path: ["tenants", i, "id"], message: `duplicate tenant id "${t.id}"` });
    seen.add(t.id);
  });
});

export type Config = z.infer<typeof configSchema>;
export type TenantConfig = Config["tenants"][number];
export type TransportConfig = Config["server"]["transport"];
export type RoomSettingsConfig = z.infer<typeof roomSettings>;
