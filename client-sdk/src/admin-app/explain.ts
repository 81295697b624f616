import type { AuditEntry, Reason } from "../protocol.ts";
import type { Formatter } from "./format.ts";
import type { AdminStrings } from "./i18n.ts";

/**
 * What the server records as codes (queue reasons, audit actions and targets), as sentences in the
 * manager's language. Managers may see a matched term; the ban reason written here for a shopper
 * never names it.
 */

/** One queue reason for a manager, e.g. "Blocked term “connard” (written “c0nnard”)". */
export function reasonText(t: AdminStrings, r: Reason): string {
  const x = t.explain;
  // SPEC §12: what kind of content it is, and how bad.
  const graded = r.category && r.severity ? x.graded(t.filters.categories[r.category] ?? r.category, r.severity) : "";
  switch (r.kind) {
    case "word": return wordText(x, r) + graded;
    case "link": return x.link(r.detail) + graded;
    case "spam": return x.spam[r.detail] ?? x.spamOther;
    case "flag": return x.flag(flagReason(t, r.detail)) + (r.match ? ` — ${r.match}` : "");
    case "ban": return x.shadowBan;
    case "newcomer": return t.guard.newcomer(r.detail);
    case "evasion": return t.guard.evasion(r.detail);
    case "shield": return t.guard.shield;
    case "hook": return x.hook(r.detail);
    // detail is "<category> <probability>" (server/filters/category-model.ts).
    case "classifier": return x.classifier(Math.round(100 * (Number(r.detail.split(" ")[1]) || 0))) + graded;
    // The reporter's explanation follows, as a flag's note does.
    case "report": return x.illegal(Object.hasOwn(x.dsaCategories, r.detail) ? x.dsaCategories[r.detail]! : r.detail) + (r.match ? ` — ${r.match}` : "");
    default: return x.otherReason;
  }
}

/** A word stage's hit: a listed term or template, or coded hate ("code 1488", "echo": codes.ts), with what was written. */
function wordText(x: AdminStrings["explain"], r: Reason): string {
  if (r.detail === "echo") return x.echo + (r.match ? x.written(r.match) : "");
  const code = /^code (\d+)$/.exec(r.detail);
  if (code) return x.codeSign(code[1]!) + (r.match && r.match !== code[1] ? x.written(r.match) : "");
  return x.word(r.detail) + (r.match && r.match.toLowerCase() !== r.detail.toLowerCase() ? x.written(r.match) : "");
}

export function flagReason(t: AdminStrings, code: string): string {
  return t.explain.flagReasons[code] ?? t.explain.flagReasons.other!;
}

/**
 * The reason stored with a ban from the queue, which the banned shopper reads: the kind of breach
 * in the manager's language (the brand's community language), never the matched term or a code.
 */
export function banReasonFor(t: AdminStrings, reasons: readonly Reason[]): string {
  const x = t.explain;
  const first = reasons.find((r) => r.kind !== "ban") ?? reasons[0];
  const key = !first ? "other" : first.kind === "flag" ? first.detail : first.kind;
  return x.banReason(x.banWhat[key] ?? x.banWhat.other!);
}

/** The audit entry's action as a sentence, e.g. "Banned a user". */
export function auditAction(t: AdminStrings, e: AuditEntry): string {
  const key = e.action === "user.banned" && e.target.shadow === true ? "user.shadowBanned" : e.action;
  return t.explain.actions[key] ?? t.explain.otherAction(e.action);
}

/** The audit entry's target as short facts, e.g. ["User troll-1", "Until 12 Mar, 14:00"]. */
export function auditDetails(t: AdminStrings, fmt: Formatter, e: AuditEntry, person: (id: string) => string = (id) => id): string[] {
  const x = t.explain;
  const g = e.target;
  const str = (k: string) => (typeof g[k] === "string" ? (g[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(g[k]) && (g[k] as unknown[]).length ? (g[k] as unknown[]).map(String).join(", ") : undefined);
  const out: string[] = [];
  const push = (v: string | undefined, f: (v: string) => string) => { if (v !== undefined) out.push(f(v)); };
  push(str("userId"), (id) => x.user(person(id)));
  push(str("authorId"), (id) => x.author(person(id)));
  push(str("room"), x.room);
  push(str("messageId"), x.message);
  push(str("cidr"), x.address);
  if (e.action === "room.updated") {
    if (typeof g.frozen === "boolean") out.push(x.frozen(g.frozen));
    if (typeof g.slowModeSec === "number") out.push(x.slowMode(g.slowModeSec));
    if (g.contribution === "open" || g.contribution === "restricted") out.push(x.contribution(g.contribution === "open" ? t.rooms.open : t.rooms.restricted));
  }
  if (e.action === "user.banned" || e.action === "ip.blocked" || e.action === "user.muted") {
    out.push(typeof g.until === "number" ? x.until(fmt.dateTime(g.until)) : x.permanent);
  }
  if (e.action === "member.role" && typeof g.role === "string") out.push(x.newRole(fmt.role(g.role)));
  guardDetails(t, fmt, e, out);
  if (e.action === "room.unpinned" && g.removed === true) out.push(x.pinRemoved);
  if (typeof g.deleted === "number") out.push(x.deleted(g.deleted));
  // SPEC §9.5: an erasure's and a retention purge's figures.
  if (e.action === "user.erased" && typeof g.messages === "number") out.push(x.deleted(g.messages));
  if (typeof g.messagesDays === "number") out.push(x.olderThan(g.messagesDays));
  if (typeof g.flags === "number") out.push(x.reports(g.flags));
  if (g.kind === "filter") out.push(x.heldByFilter);
  else if (g.kind === "flag") out.push(x.reported);
  if (Array.isArray(g.flaggers) && g.flaggers.length) out.push(x.reporters(g.flaggers.length));
  if (e.action === "lexicon.updated") {
    push(list("add"), x.added); push(list("remove"), x.removedItems); push(list("allow"), x.allowed); push(list("disallow"), x.disallowed);
  }
  if (e.action === "links.updated") {
    push(list("allow"), x.linkAllowed); push(list("block"), x.linkBlocked); push(list("unallow"), x.linkUnallowed); push(list("unblock"), x.linkUnblocked);
  }
  push(str("text"), x.text);
  return out;
}

/**
 * The Reason column: what a manager typed, as typed; what Causette wrote itself (automatic hides,
 * refusals) is rebuilt from the entry's facts in the manager's language.
 */
export function auditReason(t: AdminStrings, fmt: Formatter, e: AuditEntry): string {
  if (e.action === "message.rejected" && Array.isArray(e.target.reasons)) {
    return (e.target.reasons as Reason[]).map((r) => reasonText(t, r)).join(" · ");
  }
  if (e.action === "message.hidden") {
    if (e.actor.id !== "system" && "role" in e.actor && typeof e.target.flagReason === "string") {
      return t.explain.trustedHid(fmt.role(e.actor.role), flagReason(t, e.target.flagReason));
    }
    if (typeof e.target.flags === "number") return t.explain.reportsHid(e.target.flags);
  }
  return e.reason ?? "";
}

/** The facts of SPEC §10's audit entries: shield, purge, raid figures, evasion links. */
function guardDetails(t: AdminStrings, fmt: Formatter, e: AuditEntry, out: string[]): void {
  const g = e.target;
  const x = t.guard;
  if (typeof g.shield === "boolean") out.push(g.shield ? x.shielded : x.shieldOff);
  if (typeof g.purged === "number") out.push(t.explain.deleted(g.purged));
  if (e.action === "room.raid_detected" && typeof g.messagesPerMin === "number" && typeof g.joinsPerMin === "number") {
    const limits = (g.limits ?? {}) as { messagesPerMin?: number; joinsPerMin?: number };
    out.push(x.raidFigures(g.messagesPerMin, g.joinsPerMin, limits.messagesPerMin ?? 0, limits.joinsPerMin ?? 0));
    if (typeof g.shieldUntil === "number") out.push(x.raidShield(fmt.time(g.shieldUntil)));
  }
  if (typeof g.bannedUserId === "string") out.push(x.evasion(g.bannedUserId) + (typeof g.via === "string" ? ` — ${x.via[g.via] ?? g.via}` : ""));
  if (typeof g.linkedUserId === "string") out.push(t.explain.user(g.linkedUserId));
}
