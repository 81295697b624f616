import type { ManagerAction } from "../moderation/admin-actions.ts";

/** One REST route: which action it runs and where its payload comes from. */
export interface RestRoute {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Relative to `/api/v1/tenants/:tenant/`, Express syntax. */
  path: string;
  action: ManagerAction;
  /** GET and DELETE read the query string (DELETE also a JSON body); the others a JSON body. Path params always win. */
  input: "query" | "body";
  summary: string;
}

/** SPEC §5.4, plus the reads the back office needs (rooms, bans, ip-blocks, filters, mutes). */
export const ADMIN_ROUTES: readonly RestRoute[] = [
  { method: "get", path: "queue", action: "queue:list", input: "query", summary: "Review queue, high priority first" },
  { method: "post", path: "queue/:messageId/resolve", action: "queue:resolve", input: "body", summary: "Approve or remove a queued message (optionally ban its author)" },
  { method: "delete", path: "messages/:messageId", action: "message:delete", input: "query", summary: "Delete a message" },
  { method: "get", path: "rooms", action: "rooms:list", input: "query", summary: "Rooms of the tenant with live figures" },
  { method: "get", path: "rooms/:room/messages", action: "room:history", input: "query", summary: "A room's recent messages, every status" },
  { method: "delete", path: "rooms/:room/messages", action: "room:clear", input: "query", summary: "Clear a room" },
  { method: "patch", path: "rooms/:room", action: "room:update", input: "body", summary: "Freeze, slow mode, contribution model" },
  { method: "post", path: "rooms/:room/posts", action: "room:post", input: "body", summary: "Post in the room as the brand (a Team message)" },
  { method: "put", path: "rooms/:room/pin", action: "room:pin", input: "body", summary: "Pin one visible message at the top of the room" },
  { method: "delete", path: "rooms/:room/pin", action: "room:unpin", input: "query", summary: "Unpin the room's message" },
  { method: "get", path: "bans", action: "bans:list", input: "query", summary: "Current bans" },
  { method: "post", path: "bans", action: "user:ban", input: "body", summary: "Ban a user (timed or permanent, optionally shadow)" },
  { method: "delete", path: "bans/:userId", action: "user:unban", input: "query", summary: "Lift a ban" },
  { method: "post", path: "mutes", action: "user:mute", input: "body", summary: "Mute a user for a while" },
  { method: "delete", path: "mutes/:userId", action: "user:unmute", input: "query", summary: "Lift a mute" },
  { method: "get", path: "ip-blocks", action: "ip:list", input: "query", summary: "Current IP blocks" },
  { method: "post", path: "ip-blocks", action: "ip:block", input: "body", summary: "Block an IPv4/IPv6 address or CIDR range" },
  { method: "delete", path: "ip-blocks/:cidr", action: "ip:unblock", input: "query", summary: "Lift an IP block (URL-encoded CIDR)" },
  { method: "put", path: "members/:userId/role", action: "member:set-role", input: "body", summary: "Make a user member, expert or moderator" },
  { method: "get", path: "members/candidates", action: "members:candidates", input: "query", summary: "Who to invite as moderator" },
  { method: "get", path: "members/:userId", action: "user:inspect", input: "query", summary: "Everything about one user" },
  { method: "get", path: "users/:userId/data", action: "user:data:export", input: "query", summary: "SPEC §9.5: everything kept about a user, as JSON (an id never seen: the same document, empty)" },
  { method: "delete", path: "users/:userId/data", action: "user:data:erase", input: "query", summary: "SPEC §9.5: erase a user's messages and profile everywhere; sanctions, their notices and audit entries stay without the user's words" },
  { method: "patch", path: "lexicon", action: "lexicon:update", input: "body", summary: "Add/remove lexicon terms and exceptions" },
  { method: "patch", path: "links", action: "links:update", input: "body", summary: "Edit the link allow/block lists" },
  { method: "get", path: "filters", action: "filters:get", input: "query", summary: "The word and link lists, onHit and the per-category policy in force" },
  { method: "patch", path: "filters", action: "filters:update", input: "body", summary: "Set onHit and the per-category policy (SPEC §12), and the category model on or off (extension)" },
  { method: "get", path: "audit", action: "audit:list", input: "query", summary: "Audit log, newest first (?format=ndjson|csv exports every page)" },
  { method: "get", path: "stats", action: "stats:get", input: "query", summary: "Live figures per room" },
  { method: "get", path: "dashboard", action: "dashboard:get", input: "query", summary: "Dashboard tiles and charts (?room=&range=hour|day|week)" },
  { method: "get", path: "appeals", action: "appeals:list", input: "query", summary: "Users' appeals (SPEC §9.2): open ones oldest first, closed ones newest first (?status=open|closed)" },
  { method: "post", path: "appeals/:appealId/resolve", action: "appeal:resolve", input: "body", summary: "Uphold or reverse an appeal; reversing undoes the restriction" },
  { method: "get", path: "transparency", action: "transparency:get", input: "query", summary: "A period's transparency figures (SPEC §9.4): ?from=&to= as ISO dates or date-times; &format=csv for one row per figure" },
  { method: "get", path: "statements", action: "statements:list", input: "query", summary: "The period's statements of reasons in the EU DSA Transparency Database's fields, no personal data: the whole period as NDJSON (application/x-ndjson), one statement per line" },
  { method: "get", path: "alerts", action: "alerts:list", input: "query", summary: "Moderators' and raid alerts, newest first (?status=open|acked)" },
  { method: "post", path: "alerts/:alertId/ack", action: "alert:ack", input: "body", summary: "Acknowledge an alert for every manager" },
  { method: "get", path: "queue/:messageId/context", action: "queue:context", input: "query", summary: "The messages around a queued one in its room (?before=&after=, at most 50 each)" },
  { method: "post", path: "purges", action: "user:purge", input: "body", summary: "Delete a user's messages of the last purgeSec seconds in every room (SPEC §10.3's purge, on its own)" },
  { method: "get", path: "people/search", action: "people:search", input: "query", summary: "People by exact id or by name prefix (case and accents aside), ?query=" },
  { method: "post", path: "people/names", action: "people:names", input: "body", summary: "The latest names of up to 200 user ids" },
  { method: "get", path: "people/online", action: "people:online", input: "query", summary: "Who is connected to the chat now" },
  { method: "get", path: "people/recent", action: "people:recent", input: "query", summary: "The latest authors, newest first, with their latest room" },
  { method: "delete", path: "members/:userId/links/:linkedUserId", action: "user:unlink", input: "query", summary: "Clear a ban-evasion link between two accounts" },
  { method: "get", path: "webhooks", action: "webhooks:list", input: "query", summary: "Webhook endpoints (secrets shown as a hint only)" },
  { method: "put", path: "webhooks", action: "webhooks:update", input: "body", summary: "Replace the webhook endpoints (a missing secret keeps the old one)" },
  { method: "post", path: "webhooks/test", action: "webhooks:test", input: "body", summary: "Send a webhook.test event to one endpoint or to each" },
  { method: "get", path: "webhooks/deliveries", action: "webhooks:deliveries", input: "query", summary: "Webhook deliveries, newest first" },
];
