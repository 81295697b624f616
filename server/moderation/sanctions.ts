import type { Author, Ban, IpBlock, Mute, SanctionState } from "../../client-sdk/src/protocol.ts";
import { parseCidr } from "../auth/cidr.ts";
import { CausetteError } from "../errors.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import { OUT_OF_SCOPE } from "./dsa-category.ts";
import type { NoticeService } from "./notice-service.ts";

/** What a muted user is told of their mute (who muted them and when stays with the managers). */
export function visibleMute(m: Mute): NonNullable<SanctionState["mute"]> {
  return m.reason ? { until: m.until, reason: m.reason } : { until: m.until };
}

/**
 * Bans, mutes and IP blocks (SPEC §6.4). Every one takes effect at once: live sockets are ended
 * through the Broadcaster (so on every node), new handshakes and sends read the store, and timed
 * ones lift themselves because the store stops returning them after `until`.
 */
/**
 * The widest range one `ip:block` takes without `force: true`: a /8 of IPv4 is 16 million
 * addresses (a whole carrier), a /32 of IPv6 a whole provider's allocation. Anything wider is
 * nearly always a typo (`0.0.0.0/0`, `::/0`, `/1` for `/31`) that would cut every shopper off.
 */
export const WIDEST_BLOCK = { ipv4: 8, ipv6: 32 } as const;

/** What else a ban or an unban sets going (ban evasion, SPEC §10.2). */
export interface BanHooks {
  banned(tenant: TenantRuntime, userId: string, at: number): Promise<void>;
  unbanned(tenant: TenantRuntime, userId: string): Promise<void>;
}

export class Sanctions {
  constructor(
    private readonly deps: ModerationDepsWith<"sanctions" | "people" | "bus">, private readonly hooks?: BanHooks,
    private readonly notices?: Pick<NoticeService, "notify">,
  ) {}

  /**
   * Throws unless `userId` may be sanctioned (checked before any side effect). Any id of the
   * tenant's identity space qualifies, seen or not (SPEC §6.4): the brand's own systems know a
   * customer before the chat does, and the sanction holds when they first connect. Ids are
   * tenant-scoped in the store, so an id that exists in another tenant is just a new id here.
   * Only what we know refuses: oneself, and a user last seen as a manager.
   */
  async assertBannable(tenant: TenantRuntime, actor: Author, userId: string): Promise<void> {
    if (userId === actor.id) throw new CausetteError("forbidden", "You cannot sanction yourself.");
    const rec = await this.deps.stores.people.getUser(tenant.id, userId);
    if (rec?.user.role === "manager") throw new CausetteError("forbidden", "Managers cannot be sanctioned from the back office.");
  }

  async ban(tenant: TenantRuntime, actor: Author, p: { userId: string; durationSec?: number; reason: string; shadow?: boolean }): Promise<{ until?: number }> {
    const { stores, broadcaster, audit, metrics } = this.deps;
    await this.assertBannable(tenant, actor, p.userId);
    const now = Date.now();
    const ban: Ban = { reason: p.reason, shadow: p.shadow ?? false, at: now, by: actor.id };
    if (p.durationSec !== undefined) ban.until = now + p.durationSec * 1000;
    await stores.sanctions.setBan(tenant.id, p.userId, ban);
    await this.sanctionsChanged(tenant);
    await this.hooks?.banned(tenant, p.userId, now);
    // Sent before the sessions end, so the open pages read why before they are cut off.
    const notice = await this.notices?.notify(tenant, p.userId, {
      kind: "banned", source: "manager", automated: { detection: false, decision: false }, category: OUT_OF_SCOPE,
      reason: p.reason, silent: ban.shadow, by: actor, ...(ban.until ? { until: ban.until } : {}),
    });
    // A shadow-banned user must not notice anything: they stay connected and their messages are held silently.
    if (!ban.shadow) {
      await broadcaster.endSessions(tenant.id, { userId: p.userId }, {
        code: "banned", reason: p.reason, ...(ban.until ? { until: ban.until } : {}), ...(notice ? { noticeId: notice.id } : {}),
      });
    }
    metrics.moderation.inc({ action: ban.shadow ? "shadow_ban" : "ban" });
    await audit.record(tenant.id, actor, "user.banned", { userId: p.userId, shadow: ban.shadow, ...(ban.until ? { until: ban.until } : {}) }, p.reason);
    await this.deps.events.emit(tenant.id, "user.banned", { userId: p.userId, ...(ban.until ? { until: ban.until } : {}), reason: p.reason, by: { ...actor }, shadow: ban.shadow });
    return ban.until ? { until: ban.until } : {};
  }

  async unban(tenant: TenantRuntime, actor: Author, userId: string): Promise<void> {
    const { stores, audit, metrics } = this.deps;
    if (!(await stores.sanctions.getBan(tenant.id, userId, Date.now()))) throw new CausetteError("not_found", "This user is not banned.");
    await stores.sanctions.deleteBan(tenant.id, userId);
    await this.sanctionsChanged(tenant);
    await this.hooks?.unbanned(tenant, userId);
    metrics.moderation.inc({ action: "unban" });
    await audit.record(tenant.id, actor, "user.unbanned", { userId });
  }

  async listBans(tenant: TenantRuntime): Promise<{ bans: (Ban & { userId: string })[] }> {
    return { bans: await this.deps.stores.sanctions.listBans(tenant.id, Date.now()) };
  }

  async mute(tenant: TenantRuntime, actor: Author, p: { userId: string; durationSec: number; reason?: string }): Promise<{ until: number }> {
    const { stores, broadcaster, audit, metrics } = this.deps;
    await this.assertBannable(tenant, actor, p.userId);
    const now = Date.now();
    const mute: Mute = { until: now + p.durationSec * 1000, at: now, by: actor.id };
    if (p.reason) mute.reason = p.reason;
    await stores.sanctions.setMute(tenant.id, p.userId, mute);
    await this.sanctionsChanged(tenant);
    // The user's open pages (on any node, through the adapter) lock their composer now.
    broadcaster.toUser(tenant.id, p.userId, "sanction", { mute: visibleMute(mute) });
    await this.notices?.notify(tenant, p.userId, {
      kind: "muted", source: "manager", automated: { detection: false, decision: false }, category: OUT_OF_SCOPE,
      until: mute.until, by: actor, ...(p.reason ? { reason: p.reason } : {}),
    });
    metrics.moderation.inc({ action: "mute" });
    await audit.record(tenant.id, actor, "user.muted", { userId: p.userId, until: mute.until }, p.reason);
    await this.deps.events.emit(tenant.id, "user.muted", { userId: p.userId, until: mute.until, reason: p.reason ?? "", by: { ...actor } });
    return { until: mute.until };
  }

  async unmute(tenant: TenantRuntime, actor: Author, userId: string): Promise<void> {
    const { stores, broadcaster, audit, metrics } = this.deps;
    if (!(await stores.sanctions.getMute(tenant.id, userId, Date.now()))) throw new CausetteError("not_found", "This user is not muted.");
    await stores.sanctions.deleteMute(tenant.id, userId);
    await this.sanctionsChanged(tenant);
    broadcaster.toUser(tenant.id, userId, "sanction", {});
    metrics.moderation.inc({ action: "unmute" });
    await audit.record(tenant.id, actor, "user.unmuted", { userId });
  }

  async blockIp(tenant: TenantRuntime, actor: Author, p: { cidr: string; durationSec?: number; reason: string; force?: boolean }): Promise<{ until?: number }> {
    const { stores, broadcaster, audit, metrics } = this.deps;
    const parsed = parseCidr(p.cidr);
    if (!parsed) throw new CausetteError("invalid_payload", "cidr: not an IPv4/IPv6 address or CIDR range");
    const [network, bits] = parsed.range;
    const widest = WIDEST_BLOCK[network.kind()];
    if (bits < widest && p.force !== true) {
      throw new CausetteError("invalid_payload",
        `cidr: ${parsed.canonical} is wider than /${widest} and would cut off ${bits === 0 ? "every shopper" : "a large part of the internet"}; send force: true to block it anyway.`);
    }
    const now = Date.now();
    const block: IpBlock = { cidr: parsed.canonical, reason: p.reason, at: now, by: actor.id };
    if (p.durationSec !== undefined) block.until = now + p.durationSec * 1000;
    await stores.sanctions.addIpBlock(tenant.id, block);
    await this.sanctionsChanged(tenant);
    await broadcaster.endSessions(tenant.id, { cidr: block.cidr }, { code: "ip_blocked", reason: p.reason, ...(block.until ? { until: block.until } : {}) });
    metrics.moderation.inc({ action: "ip_block" });
    await audit.record(tenant.id, actor, "ip.blocked", { cidr: block.cidr, ...(block.until ? { until: block.until } : {}), ...(bits < widest ? { forced: true } : {}) }, p.reason);
    await this.deps.events.emit(tenant.id, "ip.blocked", { cidr: block.cidr, ...(block.until ? { until: block.until } : {}), reason: p.reason, by: { ...actor } });
    return block.until ? { until: block.until } : {};
  }

  async unblockIp(tenant: TenantRuntime, actor: Author, cidr: string): Promise<void> {
    const { stores, audit, metrics } = this.deps;
    const parsed = parseCidr(cidr);
    if (!parsed) throw new CausetteError("invalid_payload", "cidr: not an IPv4/IPv6 address or CIDR range");
    if (!(await stores.sanctions.removeIpBlock(tenant.id, parsed.canonical))) throw new CausetteError("not_found", "No such IP block.");
    await this.sanctionsChanged(tenant);
    metrics.moderation.inc({ action: "ip_unblock" });
    await audit.record(tenant.id, actor, "ip.unblocked", { cidr: parsed.canonical });
  }

  /**
   * Every node caches bans, mutes and IP blocks on the message path (TenantRuntime): this node
   * stops trusting its copy now, the others on the cluster event. The sanction is stored by then,
   * so an event that cannot be sent (the bus's shard failing over) does not fail the action
   * half-way: the other nodes' copies run out within the caches' lifetime (one or two seconds).
   */
  private async sanctionsChanged(tenant: TenantRuntime): Promise<void> {
    tenant.invalidateSanctions();
    try {
      await this.deps.stores.bus.publish({ type: "sanctions:changed", tenant: tenant.id });
    } catch (err) {
      this.deps.logger.warn({ err, tenant: tenant.id }, "sanctions:changed not sent; other nodes' caches expire by themselves");
    }
  }

  async listIpBlocks(tenant: TenantRuntime): Promise<{ blocks: IpBlock[] }> {
    return { blocks: await this.deps.stores.sanctions.listIpBlocks(tenant.id, Date.now()) };
  }
}
