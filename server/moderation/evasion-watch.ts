import type { Author, EvasionLink, Role } from "../../client-sdk/src/protocol.ts";
import { isStaff } from "../contracts/session.ts";
import { CausetteError } from "../errors.ts";
import type { Trace } from "../store/evasion/evasion-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { SYSTEM } from "./audit-log.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";

const DAY_MS = 86_400_000;

/** Who connects: enough to look for the traces of a ban. */
export interface Arrival { user: Author; ip: string; lineage?: string }

/**
 * SPEC §10.2, ban evasion (`moderation.evasion.action: "hold"`). A ban marks the traces its user
 * left, for `lookbackDays`: the client IPs the people store kept for them, and the browser
 * lineages their guest tokens carried (a guest token minted on a browser keeps its lineage, and
 * the SDK presents its stored guest token even when signing in). Whoever connects later with one
 * of those traces is linked to the banned account, on both records; the pipeline's access stage
 * then holds their messages with reason `evasion` naming that account. Experts and above are
 * never linked. A manager clears a link (`user:unlink`), for good: shared IPs (a shop's Wi-Fi, a
 * carrier's NAT) link innocent people too.
 */
export class EvasionWatch {
  constructor(private readonly deps: ModerationDepsWith<"evasion" | "people">) {}

  /** At each /chat handshake, once the user is admitted. */
  async arrived(tenant: TenantRuntime, who: Arrival, role: Role, now = Date.now()): Promise<void> {
    if (tenant.config.moderation.evasion.action !== "hold") return;
    const { stores, audit } = this.deps;
    const t = tenant.id;
    if (who.lineage) await stores.evasion.rememberLineage(t, who.user.id, who.lineage);
    if (isStaff(role)) return;
    // The browser first: a lineage is one browser, an IP may be a whole shop.
    const traces: Trace[] = [...(who.lineage ? [{ via: "guest" as const, value: who.lineage }] : []), { via: "ip", value: who.ip }];
    const mark = await stores.evasion.findMark(t, traces, who.user.id, now);
    if (!mark || !(await stores.evasion.link(t, who.user.id, mark.userId, mark.via, now))) return;
    await audit.record(t, SYSTEM, "user.evasion_linked", { userId: who.user.id, bannedUserId: mark.userId, via: mark.via });
  }

  /** A user was banned: their traces are marked for the lookback window. */
  async banned(tenant: TenantRuntime, userId: string, at: number): Promise<void> {
    const { action, lookbackDays } = tenant.config.moderation.evasion;
    if (action !== "hold") return;
    const { stores } = this.deps;
    const [rec, lineages] = await Promise.all([stores.people.getUser(tenant.id, userId), stores.evasion.lineages(tenant.id, userId)]);
    const traces: Trace[] = [...lineages.map((value) => ({ via: "guest" as const, value })), ...(rec?.ips ?? []).map((value) => ({ via: "ip" as const, value }))];
    await stores.evasion.markBanned(tenant.id, userId, traces, at + lookbackDays * DAY_MS);
  }

  /** A ban was lifted: the user's traces no longer link anyone (links already made stay until cleared). */
  async unbanned(tenant: TenantRuntime, userId: string): Promise<void> {
    await this.deps.stores.evasion.unmarkBanned(tenant.id, userId);
  }

  links(tenant: TenantRuntime, userId: string): Promise<EvasionLink[]> {
    return Promise.resolve(this.deps.stores.evasion.links(tenant.id, userId));
  }

  /** `user:unlink`: a manager clears a link they judge wrong (a shared IP); it is not made again. */
  async unlink(tenant: TenantRuntime, actor: Author, p: { userId: string; linkedUserId: string }): Promise<void> {
    if (!(await this.deps.stores.evasion.unlink(tenant.id, p.userId, p.linkedUserId))) throw new CausetteError("not_found", "These accounts are not linked.");
    await this.deps.audit.record(tenant.id, actor, "user.evasion_unlinked", { userId: p.userId, linkedUserId: p.linkedUserId });
  }
}
