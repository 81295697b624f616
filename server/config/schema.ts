import { z } from "zod";
import { linkDomainProblem } from "./link-domain.ts";
import { WEBHOOK_EVENT_TYPES, endpointUrlProblem, secretProblem } from "./outbound-policy.ts";
import { ENDPOINT_ID } from "../contracts/webhook-endpoint.ts";
import { filterPolicy, lexiconTerm } from "../contracts/filter-policy.ts";
import { explanationTemplates } from "../contracts/notice-templates.ts";

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

/** A `whsec_` secret (SPEC §8.1); the message names the rule, never the value. */
const webhookSecret = z.string().max(200).superRefine((s, ctx) => {
  const problem = secretProblem(s);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
/** Endpoint ids name deliveries in the store and in Redis keys: short and plain. */
const webhookEndpoint = z.object({
  /** Stable id of the endpoint (its deliveries refer to it); absent: `ep<n>` by position. */
  id: z.string().regex(ENDPOINT_ID, "must be 1-64 letters, digits, - or _").optional(),
  url: z.string().min(1).max(2048),
  secret: webhookSecret,
  events: z.array(z.enum([...WEBHOOK_EVENT_TYPES, "*"])).min(1).max(20).default(["*"]),
}).strict();
/** The moderation hook (SPEC §8.2): called after the built-in stages pass. */
const moderationHook = z.object({
  url: z.string().min(1).max(2048),
  secret: webhookSecret,
  timeoutMs: z.number().int().min(10).max(10_000).default(1500),
  onError: z.enum(["allow", "hold"]).default("allow"),
}).strict();

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
      /** Extension: the category model judges what the lists let through (server/filters/category-model.ts). */
      model: z.boolean().default(true),
    }).strict().default({ languages: ["en", "fr"], terms: [], allow: [], model: true }),
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
    hook: moderationHook.optional(),
  }).strict().default({
    onHit: "hold",
    lexicon: { languages: ["en", "fr"], terms: [], allow: [], model: true },
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
    /**
     * SPEC §10.1: the first `holdFirst` messages a user posts in the tenant are held (0: off);
     * `rooms` overrides it per room (e.g. a live event's room only). Experts and above are exempt.
     */
    newcomers: z.object({
      holdFirst: z.number().int().min(0).max(100).default(0),
      rooms: z.record(z.string(), z.number().int().min(0).max(100)).default({}),
    }).strict().default({ holdFirst: 0, rooms: {} }),
    /** SPEC §10.2: hold the messages of accounts linked by IP or guest-token lineage to a recent ban. */
    evasion: z.object({
      lookbackDays: z.number().int().min(1).max(365).default(30),
      action: z.enum(["off", "hold"]).default("off"),
    }).strict().default({ lookbackDays: 30, action: "off" }),
    /** SPEC §10.3: per-room rates over the last minute that shield a room for `shieldSec` (0: that rate is not watched). */
    raid: z.object({
      messagesPerMin: z.number().int().min(0).max(1_000_000).default(300),
      joinsPerMin: z.number().int().min(0).max(1_000_000).default(300),
      shieldSec: z.number().int().min(10).max(86_400).default(600),
    }).strict().default({ messagesPerMin: 300, joinsPerMin: 300, shieldSec: 600 }),
    /** SPEC §9.1: a shadow ban is silent by default; true sends its target a notice all the same. */
    noticeOnShadow: z.boolean().default(false),
    /** SPEC §9.2: how long after a notice its user may appeal it (DSA Art. 20: at least six months). */
    appealDays: z.number().int().min(1).max(3650).default(180),
    /** The brand's terms, named in every notice's explanation when set. */
    termsUrl: z.string().url().max(2048).optional(),
    /** The tenant's own wording of notices per language and notice kind or DSA category (contracts/notice-templates.ts). */
    explanations: explanationTemplates.default({}),
  }).strict().default({
    reportsToHide: 3, moderatorFlagHides: true, guestFlagsToQueue: 3,
    newcomers: { holdFirst: 0, rooms: {} },
    evasion: { lookbackDays: 30, action: "off" },
    raid: { messagesPerMin: 300, joinsPerMin: 300, shieldSec: 600 },
    noticeOnShadow: false, appealDays: 180, explanations: {},
  }),
  /** SPEC §9.5: messages older than `messagesDays` are purged from rooms, the review queue and the store. */
  retention: z.object({
    messagesDays: z.number().int().min(1).max(36_500).default(365),
  }).strict().default({ messagesDays: 365 }),
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
    /**
     * SPEC §9.3: reports of illegal content per client IP, from the chat and the public REST
     * route together. Each one puts a message at the top of the queue with high priority, so a
     * network gets a few at once and one every 12 s sustained.
     */
    reportsPerIp: perMinuteBucket.default({ burst: 10, perMinute: 5 }),
  }).strict().default({
    burst: 5, perSecond: 1,
    guestsPerIp: { burst: 30, perMinute: 30 },
    guestMessagesPerIp: { burst: 20, perSecond: 2 },
    flags: { burst: 10, perMinute: 10 },
    flagsPerIp: { burst: 30, perMinute: 30 },
    reportsPerIp: { burst: 10, perMinute: 5 },
  }),
  widget: z.object({
    pages: z.array(z.string().min(1)).default(["*"]),
    /** "page": one room per page path; any other string: that fixed room id. */
    room: z.string().min(1).default("page"),
    /** Where the widget sends a guest to sign in on the brand's site; without it guests see no sign-in prompt. */
    signInUrl: z.url({ protocol: /^https?$/ }).optional(),
  }).strict().default({ pages: ["*"], room: "page" }),
  /** Outgoing webhooks (SPEC §8.1); managers may replace the list at run time (`webhooks:update`). */
  webhooks: z.array(webhookEndpoint).max(20).default([]),
  outbound: z.object({
    /** Lets webhooks and the hook reach loopback, private and other non-public addresses, and use http:// (tests, on-premises relays). */
    allowPrivateNetworks: z.boolean().default(false),
  }).strict().default({ allowPrivateNetworks: false }),
}).strict().superRefine((t, ctx) => {
  const allow = t.outbound.allowPrivateNetworks;
  const ids = new Set<string>();
  t.webhooks.forEach((w, i) => {
    const problem = endpointUrlProblem(w.url, allow);
    if (problem) ctx.addIssue({ code: "custom", path: ["webhooks", i, "url"], message: problem });
    const id = w.id ?? `ep${i + 1}`;
    if (ids.has(id)) ctx.addIssue({ code: "custom", path: ["webhooks", i, "id"], message: `duplicate endpoint id "${id}"` });
    ids.add(id);
  });
  if (t.filters.hook) {
    const problem = endpointUrlProblem(t.filters.hook.url, allow);
    if (problem) ctx.addIssue({ code: "custom", path: ["filters", "hook", "url"], message: problem });
  }
});

/**
 * How this node delivers webhooks (SPEC §8.1). The defaults are the contract's: 10 s per attempt,
 * first retry within 5 s, retries for 24 hours; tests shorten them.
 */
const webhookDelivery = z.object({
  /** A delivery without a 2xx answer within this is a failed attempt. */
  timeoutMs: z.number().int().min(50).max(60_000).default(10_000),
  /** Delay before retry n (the last one repeats), each stretched or shrunk by up to `jitter`. */
  retryScheduleMs: z.array(z.number().int().min(10).max(86_400_000)).min(1).max(30)
    .default([3000, 20_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000]),
  /** Randomness of each delay (0.2: ±20 %), so a recovering endpoint is not met by every retry at once. */
  jitter: z.number().min(0).max(0.5).default(0.2),
  /** A delivery still failing this long after its event is marked failed (its last attempt is at this age). */
  retryForMs: z.number().int().min(100).max(30 * 86_400_000).default(86_400_000),
  /** How long a node holds a claimed delivery; a crashed node's claims come due again after it. */
  leaseMs: z.number().int().min(100).max(600_000).default(30_000),
  /** How often a node looks for due deliveries (it also looks at once after writing one). */
  pollMs: z.number().int().min(10).max(60_000).default(1000),
  /** Deliveries in flight at once to one endpoint, per node. */
  maxInFlightPerEndpoint: z.number().int().min(1).max(256).default(8),
  /** After this many failures in a row an endpoint is paused (one probe per pause, growing to `maxPauseMs`). */
  failuresToPause: z.number().int().min(1).max(100).default(3),
  maxPauseMs: z.number().int().min(10).max(3_600_000).default(15_000),
}).strict();
type WebhookDeliveryConfig = z.infer<typeof webhookDelivery>;
const WEBHOOK_DELIVERY_DEFAULTS: WebhookDeliveryConfig = webhookDelivery.parse({});

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
    webhooks: webhookDelivery.default(WEBHOOK_DELIVERY_DEFAULTS),
    /** How often a node tries to run the retention purge (SPEC §9.5); one node of a cluster runs it at a time. */
    retentionSweepMs: z.number().int().min(50).max(86_400_000).default(3_600_000),
  }).strict().default({ retentionSweepMs: 3_600_000, port: 8080, host: "0.0.0.0", trustProxy: false, maxConnectionsPerIp: 50, production: false, shutdownGraceMs: 5000, logLevel: "info", bodyTimeoutMs: 10_000, transport: { preparedFrames: true, coalesceWrites: true }, webhooks: WEBHOOK_DELIVERY_DEFAULTS }),
  redis: z.object({
    /** One Redis (`redis://host:6379`), or with `cluster`, the comma-separated seed nodes of a Redis Cluster. */
    url: z.string().regex(/^rediss?:\/\/[^,\s]+(,\s*rediss?:\/\/[^,\s]+)*$/, "must start with redis:// or rediss:// (with cluster: a comma-separated list of such URLs)").nullable().default(null),
    keyPrefix: z.string().default("causette:"),
    /** `url` names seed nodes of a Redis Cluster (SPEC §11; also `REDIS_CLUSTER=true`). */
    cluster: z.boolean().default(false),
  }).strict().superRefine((r, ctx) => {
    if (!r.cluster && r.url?.includes(",")) ctx.addIssue({ code: "custom", path: ["url"], message: "a list of URLs needs redis.cluster: true (or REDIS_CLUSTER=true)" });
  }).default({ url: null, keyPrefix: "causette:", cluster: false }),
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
export type WebhookDeliverySettings = Config["server"]["webhooks"];
export type WebhookEndpointConfig = TenantConfig["webhooks"][number];
export type ModerationHookConfig = NonNullable<TenantConfig["filters"]["hook"]>;
export type RoomSettingsConfig = z.infer<typeof roomSettings>;
