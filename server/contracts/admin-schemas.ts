import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../../client-sdk/src/protocol.ts";
import { ENDPOINT_ID } from "./webhook-endpoint.ts";
import { filterPolicy, lexiconTerm } from "./filter-policy.ts";

/**
 * Payload schemas of the managers' actions (SPEC §5.3), one per action, shared by the /admin
 * socket door and the REST door so both accept exactly the same input.
 *
 * Objects are strict: an unknown key (a typo, `__proto__`, `constructor`) is `invalid_payload`
 * rather than silently dropped, so a malformed request never half-succeeds. Semantic checks that
 * need the tenant (room pattern, CIDR syntax, "at least one change") live in the moderation
 * service; object-level refinements are avoided here because they would stop the OpenAPI
 * generator from deriving body schemas with `.omit()`.
 */
const messageId = z.string().min(1).max(64);
const userId = z.string().min(1).max(128);
const room = z.string().min(1).max(128);
/** A sentence a person can read later (in the audit log, and shown to whom it restricts): not "-" or ".". */
const reason = z.string().trim().min(1).max(500).regex(/[\p{L}\p{N}]/u, "must say why, in words");
/** Up to ten years; "forever" is expressed by leaving the duration out. */
const durationSec = z.number().int().min(1).max(315_360_000);
const limit = z.number().int().min(1).max(200);
const cursor = z.string().min(1).max(512);
const term = z.string().trim().toLowerCase().min(1).max(100);
const terms = z.array(term).max(500);
/** Domains (or domain suffixes) as managers type them; the link engine decides how they match. */
const domain = z.string().trim().toLowerCase().min(1).max(253).regex(/^[^\s/"'<>\\]+$/, "must be a domain name");
const domains = z.array(domain).max(500);
const empty = z.strictObject({});
/** SPEC §9.4: an ISO-8601 date, or date-time (without an offset, read as UTC; the moderation service checks it is a real one). */
const isoInstant = z.string().max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/, "must be an ISO-8601 date (2026-11-30) or date-time (2026-11-30T18:00:00Z; without an offset, UTC)");
const endpointId = z.string().regex(ENDPOINT_ID, "must be an endpoint id");
/** SPEC §8.1: the whole list; URL and secret rules (which need the tenant) are checked by the webhook service. */
const webhookEndpoint = z.strictObject({
  id: endpointId.optional(),
  url: z.string().trim().min(1).max(2048),
  events: z.array(z.enum([...WEBHOOK_EVENT_TYPES, "*"])).min(1).max(20),
  secret: z.string().max(200).optional(),
});

export const adminSchemas = {
  "feed:subscribe": z.strictObject({ rooms: z.array(room).max(200).optional() }),
  "queue:list": z.strictObject({ limit: limit.optional(), cursor: cursor.optional() }),
  "queue:resolve": z.strictObject({
    messageId,
    decision: z.enum(["approve", "remove"]),
    ban: z.strictObject({ durationSec: durationSec.optional(), reason }).optional(),
    /** §10.1 "approve and trust": with `approve`, the author is no longer held as a newcomer. */
    trust: z.boolean().optional(),
  }),
  "message:delete": z.strictObject({ messageId, reason: reason.optional() }),
  "room:clear": z.strictObject({ room, reason: reason.optional() }),
  "room:update": z.strictObject({
    room,
    frozen: z.boolean().optional(),
    slowModeSec: z.number().int().min(0).max(86_400).optional(),
    contribution: z.enum(["open", "restricted"]).optional(),
    shield: z.boolean().optional(),
  }),
  "rooms:list": empty,
  "room:history": z.strictObject({ room, limit: limit.optional() }),
  /**
   * Brand voice. The text's length is judged against the room's maxLength by the service, so a
   * long text gets `message_too_long`; this bound only stops what no room could take.
   */
  "room:post": z.strictObject({ room, text: z.string().max(20_000), replyTo: messageId.optional(), clientId: z.string().min(1).max(128).optional() }),
  "room:pin": z.strictObject({ room, messageId }),
  "room:unpin": z.strictObject({ room }),
  "user:ban": z.strictObject({ userId, durationSec: durationSec.optional(), reason, shadow: z.boolean().optional(), purgeSec: z.number().int().min(1).max(30 * 86_400).optional() }),
  "user:unban": z.strictObject({ userId }),
  "user:mute": z.strictObject({ userId, durationSec, reason: reason.optional() }),
  "user:unmute": z.strictObject({ userId }),
  "user:inspect": z.strictObject({ userId }),
  "user:data:export": z.strictObject({ userId }),
  "user:data:erase": z.strictObject({ userId }),
  "bans:list": empty,
  /** `force`: block a range wider than the sane bound (see Sanctions.blockIp); the back office asks for a typed confirmation first. */
  "ip:block": z.strictObject({ cidr: z.string().trim().min(1).max(64), durationSec: durationSec.optional(), reason, force: z.boolean().optional() }),
  "ip:unblock": z.strictObject({ cidr: z.string().trim().min(1).max(64) }),
  "ip:list": empty,
  "member:set-role": z.strictObject({ userId, role: z.enum(["member", "expert", "moderator"]) }),
  "members:candidates": z.strictObject({ limit: limit.optional() }),
  "lexicon:update": z.strictObject({ add: z.array(lexiconTerm).max(500).optional(), remove: terms.optional(), allow: terms.optional(), disallow: terms.optional() }),
  "links:update": z.strictObject({ allow: domains.optional(), block: domains.optional(), unallow: domains.optional(), unblock: domains.optional() }),
  "filters:get": empty,
  "filters:update": z.strictObject({ onHit: z.enum(["hold", "shadow", "reject"]).optional(), policy: filterPolicy.optional(), model: z.boolean().optional() }),
  "audit:list": z.strictObject({
    limit: limit.optional(),
    cursor: cursor.optional(),
    action: z.string().min(1).max(64).optional(),
    actor: userId.optional(),
    /** Entries about this user (target `userId` or `authorId`): a person's sanctions and removals. */
    subject: userId.optional(),
  }),
  "stats:get": empty,
  "dashboard:get": z.strictObject({ room: room.optional(), range: z.enum(["hour", "day", "week"]).optional() }),
  "alerts:list": z.strictObject({ status: z.enum(["open", "acked"]).optional(), limit: limit.optional() }),
  "alert:ack": z.strictObject({ alertId: z.string().min(1).max(64) }),
  "user:unlink": z.strictObject({ userId, linkedUserId: userId }),
  /** The messages around a queued one in its room, to judge it in its conversation. */
  "queue:context": z.strictObject({ messageId, before: z.number().int().min(0).max(50).optional(), after: z.number().int().min(0).max(50).optional() }),
  /** SPEC §10.3's purge on its own: after a removal, or a ban decided without it. */
  "user:purge": z.strictObject({ userId, purgeSec: z.number().int().min(1).max(30 * 86_400) }),
  /** By id (exact) or by name (case- and accent-insensitive prefix). */
  "people:search": z.strictObject({ query: z.string().trim().min(1).max(128), limit: z.number().int().min(1).max(50).optional() }),
  /** Names for ids, so the back office never shows a bare id where it knows a name. */
  "people:names": z.strictObject({ ids: z.array(userId).min(1).max(200) }),
  "people:online": z.strictObject({ limit: limit.optional() }),
  "people:recent": z.strictObject({ limit: limit.optional() }),
  "webhooks:list": empty,
  "webhooks:update": z.strictObject({ endpoints: z.array(webhookEndpoint).max(20) }),
  "webhooks:test": z.strictObject({ endpointId: endpointId.optional() }),
  "webhooks:deliveries": z.strictObject({ limit: limit.optional(), cursor: cursor.optional() }),
  "appeals:list": z.strictObject({ status: z.enum(["open", "closed"]).optional(), limit: limit.optional(), cursor: cursor.optional() }),
  "appeal:resolve": z.strictObject({ appealId: z.string().min(1).max(64), decision: z.enum(["uphold", "reverse"]), note: reason }),
  "transparency:get": z.strictObject({ from: isoInstant, to: isoInstant }),
  "statements:list": z.strictObject({ from: isoInstant, to: isoInstant, limit: limit.optional(), cursor: cursor.optional() }),
};

export type AdminAction = keyof typeof adminSchemas;
export type AdminPayload<A extends AdminAction> = z.output<(typeof adminSchemas)[A]>;
