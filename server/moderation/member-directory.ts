import { isGuestId, ROLE_RANK, type Author, type Candidate, type FlagReceived, type PersonSummary, type Role, type UserInspect } from "../../client-sdk/src/protocol.ts";
import { toPublic } from "../chat/public-message.ts";
import { CausetteError } from "../errors.ts";
import { foldName } from "../store/people/fold-name.ts";
import type { UserRecord } from "../store/people/people-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { candidateScore } from "./candidate-score.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";

/** How many users the candidate ranking considers (the most active ones, from the store). */
const CANDIDATE_POOL = 1000;
const RECENT_MESSAGES = 20;
/** Recent authors: how many of the most recently active rooms, and how far back in each, are read. */
const RECENT_ROOMS = 20;
const RECENT_PER_ROOM = 50;

/** People as managers see them: roles, moderator candidates, and the full record of one user. */
export class MemberDirectory {
  constructor(private readonly deps: ModerationDepsWith<"people" | "sanctions" | "messages" | "bus" | "evasion" | "newcomers" | "rooms" | "flags">) {}

  /**
   * A manager's search: the id itself when the tenant knows it (guests too), then signed-in users
   * whose name starts with the query, case and accents aside. Another tenant's ids and names are
   * simply not found: every read is scoped to this tenant.
   */
  async search(tenant: TenantRuntime, p: { query: string; limit?: number }): Promise<{ people: PersonSummary[] }> {
    const { people } = this.deps.stores;
    const limit = p.limit ?? 20;
    const [exact, named] = await Promise.all([people.getUser(tenant.id, p.query), people.searchUsers(tenant.id, foldName(p.query), limit)]);
    const found = exact ? [exact, ...named.filter((r) => r.user.id !== exact.user.id)] : named;
    const out: PersonSummary[] = [];
    for (const rec of found.slice(0, limit)) out.push({ user: { ...rec.user, role: await this.roleOf(tenant, rec) }, at: rec.lastSeen, messages: rec.counters.messages });
    return { people: out };
  }

  /** The known ones among `ids` (their latest name and role); unknown ids are left out. */
  async names(tenant: TenantRuntime, p: { ids: string[] }): Promise<{ people: Author[] }> {
    const ids = [...new Set(p.ids)];
    const recs = await Promise.all(ids.map((id) => this.deps.stores.people.getUser(tenant.id, id)));
    return { people: recs.filter((r): r is UserRecord => r !== null).map((r) => ({ ...r.user })) };
  }

  /** Who is in the tenant's chat right now (SPEC presence, per user rather than per room). */
  async online(tenant: TenantRuntime, p: { limit?: number }): Promise<{ people: PersonSummary[] }> {
    const users = (await this.deps.presence?.onlineUsers(tenant.id, p.limit ?? 100)) ?? [];
    return { people: users.map((user) => ({ user: { ...user } })) };
  }

  /**
   * Who wrote last, newest first: each author once, with their latest message's time and room.
   * Read from the most recently active rooms' timelines, so it costs a bounded number of reads.
   */
  async recentAuthors(tenant: TenantRuntime, p: { limit?: number }): Promise<{ people: PersonSummary[] }> {
    const { stores } = this.deps;
    const rooms = await stores.rooms.listRooms(tenant.id, RECENT_ROOMS);
    const timelines = await Promise.all(rooms.map((r) => stores.messages.roomTimeline(tenant.id, r.id, RECENT_PER_ROOM)));
    const latest = new Map<string, PersonSummary & { at: number }>();
    for (const m of timelines.flat()) {
      const seen = latest.get(m.author.id);
      if (!seen || seen.at < m.createdAt) latest.set(m.author.id, { user: { ...m.author }, at: m.createdAt, room: m.room });
    }
    return { people: [...latest.values()].sort((a, b) => b.at - a.at).slice(0, p.limit ?? 50) };
  }

  async setRole(tenant: TenantRuntime, actor: Author, p: { userId: string; role: "member" | "expert" | "moderator" }): Promise<void> {
    const { stores, audit, metrics } = this.deps;
    // Any id of the tenant, seen or not (SPEC §6.4): a grant made before the user's first visit
    // applies at their first handshake.
    const rec = await stores.people.getUser(tenant.id, p.userId);
    // Guests are anonymous and can come back under a new id at will: a role needs an account.
    if (rec?.user.role === "guest" || (!rec && isGuestId(p.userId))) throw new CausetteError("forbidden", "Guests cannot be given a role; they must sign in.");
    if (p.userId === actor.id) throw new CausetteError("forbidden", "You cannot change your own role.");
    // "member" lifts any grant, so the brand's token decides again.
    const granted = p.role === "member" ? null : p.role;
    await stores.people.setRole(tenant.id, p.userId, granted);
    await stores.bus.publish({ type: "role:changed", tenant: tenant.id, userId: p.userId, role: granted });
    metrics.moderation.inc({ action: "set_role" });
    await audit.record(tenant.id, actor, "member.role", { userId: p.userId, role: p.role });
  }

  /** Regular signed-in members ranked by `candidateScore`; guests, managers and moderators are left out. */
  async candidates(tenant: TenantRuntime, p: { limit?: number }): Promise<{ members: Candidate[] }> {
    const { stores } = this.deps;
    const now = Date.now();
    const [users, bans] = await Promise.all([stores.people.listUsers(tenant.id, CANDIDATE_POOL), stores.sanctions.listBans(tenant.id, now)]);
    const banned = new Set(bans.map((b) => b.userId));
    const out: Candidate[] = [];
    for (const rec of users) {
      if (rec.counters.messages < 1 || banned.has(rec.user.id)) continue;
      const role = await this.roleOf(tenant, rec);
      if (role !== "member" && role !== "expert") continue;
      out.push({
        user: { ...rec.user, role },
        messages: rec.counters.messages,
        helpfulReceived: rec.counters.helpfulReceived,
        removed: rec.counters.removed,
        score: candidateScore(rec.counters),
      });
    }
    out.sort((a, b) => b.score - a.score || b.helpfulReceived - a.helpfulReceived || b.messages - a.messages);
    return { members: out.slice(0, p.limit ?? 20) };
  }

  async inspect(tenant: TenantRuntime, p: { userId: string }): Promise<UserInspect> {
    const { stores } = this.deps;
    const now = Date.now();
    const [seen, ban, mute, granted, linked, trusted] = await Promise.all([
      stores.people.getUser(tenant.id, p.userId),
      stores.sanctions.getBan(tenant.id, p.userId, now),
      stores.sanctions.getMute(tenant.id, p.userId, now),
      stores.people.getRole(tenant.id, p.userId),
      stores.evasion.links(tenant.id, p.userId),
      stores.newcomers.isTrusted(tenant.id, p.userId),
    ]);
    // Never seen and nothing decided about them: nothing to show (an id of another tenant is
    // unknown here). A pre-emptive sanction or role makes a profile of what was decided.
    if (!seen && !ban && !mute && !granted && !linked.length) throw new CausetteError("not_found", "No such user.");
    const rec = seen ?? unseenRecord(p.userId);
    const [recent, role] = await Promise.all([stores.messages.userMessages(tenant.id, p.userId, RECENT_MESSAGES), this.roleOf(tenant, rec)]);
    const flagsReceived = await this.flagsOn(tenant.id, recent);
    const c = rec.counters;
    const out: UserInspect = {
      user: { ...rec.user, role },
      role,
      recent: recent.map((m) => toPublic(m)),
      ips: rec.ips,
      devices: rec.devices,
      messages: c.messages,
      flagsRaised: c.flagsRaised,
      flagsUpheld: c.flagsUpheld,
      flagsOverturned: c.flagsOverturned,
      helpfulReceived: c.helpfulReceived,
      removed: c.removed,
    };
    if (ban) out.ban = ban;
    if (mute) out.mute = mute;
    if (seen) out.lastSeen = seen.lastSeen;
    out.linked = linked;
    if (trusted) out.trusted = true;
    out.flagsReceived = flagsReceived;
    return out;
  }

  /** The flags raised on these messages, newest first. */
  private async flagsOn(tenant: string, messages: readonly { id: string; room: string }[]): Promise<FlagReceived[]> {
    const flags = await Promise.all(messages.map((m) => this.deps.stores.flags.getFlags(tenant, m.id)));
    return messages.flatMap((m, i) => flags[i]!.map((f) => ({ messageId: m.id, room: m.room, by: { ...f.by }, reason: f.reason, at: f.at })))
      .sort((a, b) => b.at - a.at);
  }

  /** The role as of now: what the user last connected with, raised by a manager's grant. */
  private async roleOf(tenant: TenantRuntime, rec: UserRecord): Promise<Role> {
    const granted = await this.deps.stores.people.getRole(tenant.id, rec.user.id);
    const seen = rec.user.role;
    if (seen === "guest" || !granted) return seen;
    return ROLE_RANK[granted] > ROLE_RANK[seen] ? granted : seen;
  }
}


/** The profile of an id the chat has not seen yet (a pre-emptive sanction or role was set on it). */
function unseenRecord(userId: string): UserRecord {
  return {
    user: { id: userId, name: userId, role: "member" }, ips: [], devices: [], firstSeen: 0, lastSeen: 0,
    counters: { messages: 0, helpfulReceived: 0, removed: 0, flagsRaised: 0, flagsUpheld: 0, flagsOverturned: 0, held: 0 },
  };
}
