import type { Author } from "../../client-sdk/src/protocol.ts";
import { adminSchemas, type AdminAction, type AdminPayload } from "../contracts/admin-schemas.ts";
import { parsePayload } from "../contracts/parse-payload.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { ModerationService } from "./moderation-service.ts";

/** Who acts, and for which tenant: a manager session (socket) or a manager token (REST). */
export interface ActionContext { tenant: TenantRuntime; actor: Author }

type Run<A extends AdminAction> = (m: ModerationService, ctx: ActionContext, p: AdminPayload<A>) => Promise<object | void>;

/** Every action except `feed:subscribe`, which only makes sense on a socket. */
export type ManagerAction = Exclude<AdminAction, "feed:subscribe">;

/**
 * The managers' actions as one table: name → moderation service call. The /admin namespace and
 * the REST API both go through `runAction`, so each action has one schema and one implementation.
 */
const actions: { [A in ManagerAction]: Run<A> } = {
  "queue:list": (m, c, p) => m.queue.list(c.tenant, p),
  "queue:resolve": (m, c, p) => m.queue.resolve(c.tenant, c.actor, p),
  "message:delete": async (m, c, p) => { await m.roomControl.deleteMessage(c.tenant, c.actor, p); },
  "room:clear": (m, c, p) => m.roomControl.clearRoom(c.tenant, c.actor, p),
  "room:update": (m, c, p) => m.roomControl.updateRoom(c.tenant, c.actor, p),
  "rooms:list": (m, c) => m.roomControl.listRooms(c.tenant),
  "room:history": (m, c, p) => m.roomControl.history(c.tenant, p),
  "room:post": (m, c, p) => m.brand.post(c.tenant, c.actor, p),
  "room:pin": (m, c, p) => m.brand.pin(c.tenant, c.actor, p),
  "room:unpin": (m, c, p) => m.brand.unpin(c.tenant, c.actor, p),
  "user:ban": (m, c, p) => m.ban(c.tenant, c.actor, p),
  "user:unban": async (m, c, p) => { await m.sanctions.unban(c.tenant, c.actor, p.userId); },
  "user:mute": (m, c, p) => m.sanctions.mute(c.tenant, c.actor, p),
  "user:unmute": async (m, c, p) => { await m.sanctions.unmute(c.tenant, c.actor, p.userId); },
  "user:inspect": async (m, c, p) => m.members.inspect(c.tenant, p),
  "user:data:export": (m, c, p) => m.personalData.export(c.tenant, p.userId),
  "user:data:erase": (m, c, p) => m.personalData.erase(c.tenant, c.actor, p.userId),
  "bans:list": (m, c) => m.sanctions.listBans(c.tenant),
  "ip:block": (m, c, p) => m.sanctions.blockIp(c.tenant, c.actor, p),
  "ip:unblock": async (m, c, p) => { await m.sanctions.unblockIp(c.tenant, c.actor, p.cidr); },
  "ip:list": (m, c) => m.sanctions.listIpBlocks(c.tenant),
  "member:set-role": async (m, c, p) => { await m.members.setRole(c.tenant, c.actor, p); },
  "members:candidates": (m, c, p) => m.members.candidates(c.tenant, p),
  "lexicon:update": (m, c, p) => m.filters.updateLexicon(c.tenant, c.actor, p),
  "links:update": async (m, c, p) => { await m.filters.updateLinks(c.tenant, c.actor, p); },
  "filters:get": async (m, c) => m.filters.get(c.tenant),
  "filters:update": (m, c, p) => m.filters.updateSettings(c.tenant, c.actor, p),
  "audit:list": (m, c, p) => m.audit.list(c.tenant.id, p),
  "stats:get": async (m, c) => m.stats.compute(c.tenant.id),
  "dashboard:get": (m, c, p) => m.dashboard.get(c.tenant, p),
  "alerts:list": (m, c, p) => m.alerts.list(c.tenant, p),
  "alert:ack": (m, c, p) => m.alerts.ack(c.tenant, c.actor, p),
  "user:unlink": async (m, c, p) => { await m.evasion.unlink(c.tenant, c.actor, p); },
  "queue:context": (m, c, p) => m.roomControl.context(c.tenant, p),
  "user:purge": async (m, c, p) => ({ purged: await m.roomControl.purgeUser(c.tenant, c.actor, p.userId, p.purgeSec) }),
  "people:search": (m, c, p) => m.members.search(c.tenant, p),
  "people:names": (m, c, p) => m.members.names(c.tenant, p),
  "people:online": (m, c, p) => m.members.online(c.tenant, p),
  "people:recent": (m, c, p) => m.members.recentAuthors(c.tenant, p),
  "webhooks:list": (m, c) => m.webhooks.list(c.tenant),
  "webhooks:update": (m, c, p) => m.webhooks.update(c.tenant, c.actor, p),
  "webhooks:test": (m, c, p) => m.webhooks.test(c.tenant, c.actor, p),
  "webhooks:deliveries": (m, c, p) => m.webhooks.deliveries(c.tenant, p),
  "appeals:list": (m, c, p) => m.appeals.list(c.tenant, p),
  "appeal:resolve": (m, c, p) => m.appeals.resolve(c.tenant, c.actor, p),
  "transparency:get": (m, c, p) => m.transparency.report(c.tenant, p),
  "statements:list": (m, c, p) => m.transparency.statements(c.tenant, p),
};

export const MANAGER_ACTIONS = Object.keys(actions) as ManagerAction[];

export function isManagerAction(name: string): name is ManagerAction {
  return Object.hasOwn(actions, name);
}

/** Validates `raw` with the action's schema (`invalid_payload` on any mismatch), then runs it. */
export async function runAction(m: ModerationService, ctx: ActionContext, name: ManagerAction, raw: unknown): Promise<object> {
  return performAction(m, ctx, name, parsePayload<unknown>(adminSchemas[name], raw) as AdminPayload<ManagerAction>);
}

/** Runs an action whose payload the caller has already validated with `adminSchemas[name]`. */
export async function performAction<A extends ManagerAction>(m: ModerationService, ctx: ActionContext, name: A, payload: AdminPayload<A>): Promise<object> {
  const run = actions[name] as Run<A>;
  return (await run(m, ctx, payload)) ?? {};
}
