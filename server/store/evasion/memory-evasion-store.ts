import type { EvasionLink } from "../../../client-sdk/src/protocol.ts";
import { PerTenant } from "../per-tenant.ts";
import { LINEAGES_KEPT, linkPair as pair, type EvasionStore, type Trace } from "./evasion-store.ts";

/** Users whose lineages are remembered at once per tenant; the longest unseen are forgotten first. */
const LINEAGE_USERS = 200_000;

const traceKey = (t: Trace) => `${t.via}\u0000${t.value}`;

/** The embedded evasion records (see EvasionStore); marks and links are few (one set per ban). */
export class MemoryEvasionStore implements EvasionStore {
  private readonly data = new PerTenant(() => ({
    lineages: new Map<string, string[]>(),
    marks: new Map<string, { userId: string; until: number }>(),
    traces: new Map<string, Set<string>>(),
    links: new Map<string, Map<string, EvasionLink>>(),
    cleared: new Set<string>(),
  }));

  async rememberLineage(tenant: string, userId: string, lineage: string) {
    const { lineages } = this.data.of(tenant);
    const list = [lineage, ...(lineages.get(userId) ?? []).filter((l) => l !== lineage)].slice(0, LINEAGES_KEPT);
    lineages.delete(userId);
    lineages.set(userId, list);
    if (lineages.size > LINEAGE_USERS) lineages.delete(lineages.keys().next().value!);
  }

  async lineages(tenant: string, userId: string) { return [...(this.data.of(tenant).lineages.get(userId) ?? [])]; }

  async markBanned(tenant: string, bannedUserId: string, traces: readonly Trace[], until: number) {
    const d = this.data.of(tenant);
    let mine = d.traces.get(bannedUserId);
    if (!mine) d.traces.set(bannedUserId, (mine = new Set()));
    for (const t of traces) {
      d.marks.set(traceKey(t), { userId: bannedUserId, until });
      mine.add(traceKey(t));
    }
  }

  async unmarkBanned(tenant: string, bannedUserId: string) {
    const d = this.data.of(tenant);
    for (const k of d.traces.get(bannedUserId) ?? []) if (d.marks.get(k)?.userId === bannedUserId) d.marks.delete(k);
    d.traces.delete(bannedUserId);
  }

  async findMark(tenant: string, traces: readonly Trace[], except: string, now: number) {
    const { marks } = this.data.of(tenant);
    for (const t of traces) {
      const m = marks.get(traceKey(t));
      if (m && m.until > now && m.userId !== except) return { userId: m.userId, via: t.via };
    }
    return null;
  }

  async link(tenant: string, userId: string, bannedUserId: string, via: Trace["via"], at: number) {
    const d = this.data.of(tenant);
    if (d.cleared.has(pair(userId, bannedUserId)) || d.links.get(userId)?.has(bannedUserId)) return false;
    this.side(tenant, userId).set(bannedUserId, { userId: bannedUserId, via, at, side: "evades" });
    this.side(tenant, bannedUserId).set(userId, { userId, via, at, side: "evaded_by" });
    return true;
  }

  links(tenant: string, userId: string): EvasionLink[] {
    return [...(this.data.of(tenant).links.get(userId)?.values() ?? [])].map((l) => ({ ...l }));
  }

  async unlink(tenant: string, userId: string, otherId: string) {
    const d = this.data.of(tenant);
    const had = d.links.get(userId)?.delete(otherId) ?? false;
    d.links.get(otherId)?.delete(userId);
    d.cleared.add(pair(userId, otherId));
    return had;
  }

  async forgetUser(tenant: string, userId: string) {
    const d = this.data.of(tenant);
    d.lineages.delete(userId);
    for (const other of d.links.get(userId)?.keys() ?? []) d.links.get(other)?.delete(userId);
    d.links.delete(userId);
  }

  private side(tenant: string, userId: string): Map<string, EvasionLink> {
    const { links } = this.data.of(tenant);
    let m = links.get(userId);
    if (!m) links.set(userId, (m = new Map()));
    return m;
  }
}

