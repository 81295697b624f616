import { isGuestId, type AuditEntry, type Candidate, type PersonSummary, type UserInspect } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import { auditAction, flagReason } from "./explain.ts";
import { BAN_PRESETS, MUTE_PRESETS } from "./format.ts";
import { act, button, durationOf, durationSelect, errorText, field, panel, select } from "./ui.ts";

type Promotable = "member" | "expert" | "moderator";

/** How far back a ban may delete the user's messages: none, an hour, a day, a week. */
const PURGE_PRESETS = [0, 3600, 86_400, 604_800] as const;

type ListTab = "online" | "recent";

/**
 * People: find someone by name or id, see who is online and who wrote last, inspect one user
 * (messages with their rooms, reports made and received, sanctions, IPs, devices, linked
 * accounts), act on them (ban with presets, shadow and purge options, mute, unban, change role),
 * and two lists that lead there: current bans and the candidates for future moderators.
 * Everywhere a person appears it is by name, with the id beside it. "/" jumps to the search.
 */
export class PeopleView implements Screen {
  readonly el: HTMLElement;
  private readonly lookup: HTMLInputElement;
  private readonly results: HTMLElement;
  private readonly profile: HTMLElement;
  private readonly candidates: HTMLElement;
  private readonly bans: HTMLElement;
  private readonly tabs: Record<ListTab, HTMLButtonElement>;
  private readonly tabList: HTMLElement;
  private listTab: ListTab = "online";
  private current: string | undefined;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const p = t.people;
    this.lookup = h("input", { type: "search", autocomplete: "off", spellcheck: "false", name: "userId", maxlength: 128 });
    const form = h("form", { class: "inline", novalidate: true, role: "search" },
      field(p.lookup, this.lookup, p.lookupHint),
      h("button", { type: "submit", class: "btn primary" }, p.inspectBtn));
    form.addEventListener("submit", (e) => { e.preventDefault(); if (this.lookup.value.trim()) void this.search(this.lookup.value.trim()); });
    this.results = h("div", { class: "results", "aria-live": "polite" });
    this.profile = h("div", { class: "profile", "aria-live": "polite" });
    this.candidates = h("div");
    this.bans = h("div");
    this.tabList = h("div", { role: "tabpanel" });
    const tab = (id: ListTab, label: string) => button(label, () => void this.showList(id), "ghost", { role: "tab", "data-list": id, "aria-selected": "false" });
    this.tabs = { online: tab("online", p.online), recent: tab("recent", p.recentAuthors) };
    this.el = h("div", { class: "screen people-screen" },
      h("div", { class: "toolbar" }, h("h2", null, p.title)),
      form,
      this.results,
      this.profile,
      h("section", { class: "panel", "aria-label": p.lists },
        h("div", { class: "people-tabs", role: "tablist" }, this.tabs.online, this.tabs.recent, button(t.refresh, () => void this.showList(this.listTab), "ghost")),
        this.tabList),
      h("div", { class: "two-col lists" },
        panel(p.candidates, h("p", { class: "muted" }, p.candidatesHint), this.candidates),
        panel(p.bans, this.bans)),
    );
  }

  show(userId?: string): void {
    if (userId) { this.lookup.value = userId; replace(this.results); void this.inspect(userId); }
    void this.loadLists();
    void this.showList(this.listTab);
  }

  onKey(e: KeyboardEvent): boolean {
    if (e.key !== "/") return false;
    this.lookup.focus();
    this.lookup.select();
    return true;
  }

  /**
   * By exact id or name prefix: one match opens at once; several are listed to pick from; none
   * opens the id itself, since a brand may act on a customer the chat has never seen (SPEC §6.4).
   */
  private async search(query: string): Promise<void> {
    const { t, admin } = this.ctx;
    try {
      const found = await admin.searchPeople(query, 20);
      for (const x of found) this.ctx.names.remember(x.user);
      const exact = found.find((x) => x.user.id === query);
      if (exact || found.length === 1) { replace(this.results); void this.inspect((exact ?? found[0]!).user.id); return; }
      if (!found.length) { replace(this.results, h("p", { class: "muted" }, t.people.noMatch(query))); void this.inspect(query); return; }
      replace(this.profile);
      replace(this.results, h("h3", null, t.people.results(found.length)), this.personList(found, "search"));
      this.results.querySelector<HTMLButtonElement>("button")?.focus();
    } catch (err) { replace(this.results, h("p", { class: "empty" }, errorText(t, err))); }
  }

  private async showList(which: ListTab): Promise<void> {
    const { t, admin } = this.ctx;
    this.listTab = which;
    for (const [id, b] of Object.entries(this.tabs)) b.setAttribute("aria-selected", id === which ? "true" : "false");
    try {
      const people = which === "online" ? await admin.online(100) : await admin.recentAuthors(50);
      if (this.listTab !== which) return;
      for (const x of people) this.ctx.names.remember(x.user);
      replace(this.tabList, people.length ? this.personList(people, which) : h("p", { class: "empty" }, which === "online" ? t.people.noOnline : t.people.noAuthors));
    } catch (err) { replace(this.tabList, h("p", { class: "empty" }, errorText(t, err))); }
  }

  /** People as rows: name, role, id, and what the list knows (last seen, latest room), each leading to their page. */
  private personList(people: PersonSummary[], kind: "search" | ListTab): HTMLElement {
    const { t, fmt } = this.ctx;
    return h("ul", { class: "rows person-list", "data-list": kind }, ...people.map((x) => h("li", { "data-user": x.user.id },
      h("b", null, x.user.name), h("span", { class: `tag role ${x.user.role}` }, fmt.role(x.user.role)), h("code", { class: "muted" }, x.user.id),
      x.room ? h("span", { class: "muted" }, t.people.wroteIn(x.room, fmt.time(x.at ?? 0))) : kind === "search" && x.at ? h("span", { class: "muted" }, t.people.lastSeen(fmt.dateTime(x.at))) : null,
      button(t.inspect, () => { replace(this.results); void this.inspect(x.user.id); }, "link"))));
  }

  private async loadLists(): Promise<void> {
    const { t, admin, fmt, names } = this.ctx;
    try {
      const [cands, bans] = await Promise.all([admin.candidates(20), admin.listBans()]);
      await names.load(bans.flatMap((b) => [b.userId, b.by]));
      replace(this.candidates, cands.length ? this.candidateTable(cands) : h("p", { class: "empty" }, t.people.noCandidates));
      replace(this.bans, bans.length
        ? h("ul", { class: "rows" }, ...bans.map((b) => h("li", { "data-user": b.userId },
            h("b", null, names.name(b.userId)), " ", h("code", { class: "muted" }, b.userId),
            ` · ${t.people.banned(fmt.until(b.until), b.shadow)} · ${b.reason} · ${t.people.by(names.name(b.by))} `,
            button(t.inspect, () => this.show(b.userId), "link"),
            button(t.people.unban, (e) => void act(e.currentTarget as HTMLButtonElement, t, this.ctx.toast, () => admin.unban(b.userId)).then(() => this.refresh()), "link"))))
        : h("p", { class: "empty" }, t.people.noBans));
    } catch (err) { this.ctx.toast(errorText(t, err), "bad"); }
  }

  private candidateTable(list: Candidate[]): HTMLElement {
    const { t, admin, fmt } = this.ctx;
    return h("div", { class: "table-wrap" }, h("table", { class: "table" },
      h("thead", null, h("tr", null, ...[t.people.name, t.people.messages, t.people.helpful, t.people.removedCount, t.people.score, ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, ...list.map((c) => h("tr", null,
        h("td", null, h("b", null, c.user.name), h("br"), h("code", { class: "muted" }, c.user.id)),
        h("td", null, fmt.number(c.messages)), h("td", null, fmt.number(c.helpfulReceived)), h("td", null, fmt.number(c.removed)),
        h("td", null, fmt.number(c.score, 1)),
        h("td", { class: "nowrap" },
          button(t.inspect, () => this.show(c.user.id), "link"),
          c.user.role === "moderator" ? null : button(t.people.promote, (e) => void act(e.currentTarget as HTMLButtonElement, t, this.ctx.toast, () => admin.setRole(c.user.id, "moderator")).then(() => this.refresh()), "link")))))));
  }

  private refresh(): void {
    if (this.current) void this.inspect(this.current);
    void this.loadLists();
  }

  async inspect(userId: string): Promise<void> {
    const { t, admin, names } = this.ctx;
    this.current = userId;
    try {
      const [u, history] = await Promise.all([admin.inspect(userId), admin.listAudit({ subject: userId, limit: 20 }).then((r) => r.entries, () => [])]);
      await names.load([...(u.linked ?? []).map((l) => l.userId), ...(u.ban ? [u.ban.by] : []), ...(u.mute ? [u.mute.by] : [])]);
      if (this.current === userId) replace(this.profile, this.card(u, history));
    } catch (err) {
      // Never seen and nothing decided yet: a brand's systems may know a customer before the chat
      // does (SPEC §6.4), so the same actions are offered, to apply at their first visit.
      if ((err as { code?: string }).code === "not_found" && this.current === userId) replace(this.profile, this.card(unseen(userId)));
      else replace(this.profile, h("p", { class: "empty" }, errorText(t, err)));
    }
  }

  /** SPEC §10.2: the accounts linked to this one, how, and a way to clear a wrong link (a shared IP). */
  private links(u: UserInspect): HTMLElement {
    const { t, fmt, admin } = this.ctx;
    const g = t.guard;
    return h("section", { class: "linked", "aria-label": g.linked },
      h("h4", null, g.linked),
      h("ul", { class: "rows" }, ...(u.linked ?? []).map((l) => {
        const via = g.via[l.via] ?? l.via;
        const unlink: HTMLButtonElement = button(g.unlink, () => void act(unlink, t, this.ctx.toast, async () => { await admin.unlink(u.user.id, l.userId); return g.unlinked; }).then(() => this.refresh()), "link", { "data-action": "unlink" });
        const who = this.ctx.names.label(l.userId);
        return h("li", { "data-linked": l.userId },
          l.side === "evades" ? g.evades(who, via, fmt.dateTime(l.at)) : g.evadedBy(who, via, fmt.dateTime(l.at)), " ",
          button(t.inspect, () => this.show(l.userId), "link"), " ", unlink);
      })),
      h("p", { class: "muted" }, g.linkHint));
  }

  /**
   * SPEC §9.5: export (a JSON file the browser saves) and erasure, which asks first, naming the
   * person and what the host keeps, since it cannot be undone.
   */
  private privacy(u: UserInspect): HTMLElement {
    const { t, admin } = this.ctx;
    const p = t.people;
    const out = h("div", { class: "downloads", "aria-live": "polite" });
    const confirm = h("div", { class: "confirm", role: "alertdialog", "aria-labelledby": `erase-${u.user.id}`, hidden: true, "data-erase-confirm": "" });
    const exportBtn: HTMLButtonElement = button(p.exportData, () => void act(exportBtn, t, this.ctx.toast, async () => {
      const doc = await admin.exportUserData(u.user.id);
      const name = `personal-data-${doc.tenant}-${u.user.id.replace(/[^\w.-]+/g, "_")}.json`;
      const href = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
      const link = h("a", { href, download: name, class: "btn primary", "data-export": "personal-data" }, p.exportReady(name));
      replace(out, link);
      link.click();
      return p.exportReady(name);
    }), "ghost", { "data-action": "export-data" });
    const close = () => { confirm.hidden = true; replace(confirm); };
    const eraseBtn = button(p.eraseData, () => {
      const go: HTMLButtonElement = button(p.eraseConfirm, () => void act(go, t, this.ctx.toast, async () => {
        const res = await admin.eraseUserData(u.user.id);
        close();
        return p.erased(res.messages);
      }).then((ok) => { if (ok) this.refresh(); }), "danger", { "data-action": "erase-confirm" });
      replace(confirm,
        h("p", { id: `erase-${u.user.id}` }, p.eraseWarning(u.user.name, u.user.id)),
        h("p", { class: "kept" }, p.eraseKept),
        h("div", { class: "actions" }, go, button(t.cancel, close, "ghost")));
      confirm.hidden = false;
      go.focus();
    }, "danger", { "data-action": "erase-data" });
    confirm.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
    return h("section", { class: "privacy", "aria-label": p.privacy },
      h("h4", null, p.privacy),
      h("p", { class: "muted" }, p.privacyHint),
      h("div", { class: "inline" }, exportBtn, eraseBtn),
      confirm, out);
  }

  /** What was done to this person and to their messages, newest first (the audit entries about them). */
  private sanctions(history: AuditEntry[]): HTMLElement {
    const { t, fmt } = this.ctx;
    return h("section", { class: "sanctions", "aria-label": t.people.sanctions },
      h("h4", null, t.people.sanctions),
      history.length
        ? h("ul", { class: "rows" }, ...history.map((e) => h("li", { "data-action": e.action },
            h("span", { class: "muted" }, `${fmt.dateTime(e.at)} · `), h("b", null, auditAction(t, e)),
            ` · ${t.people.by(e.actor.id === "system" ? t.audit.system : e.actor.name ?? e.actor.id)}`, e.reason ? ` · ${e.reason}` : "")))
        : h("p", { class: "muted" }, t.people.noSanctions));
  }

  private card(u: UserInspect, history: AuditEntry[] = []): HTMLElement {
    const { t, fmt, admin } = this.ctx;
    const p = t.people;
    const run = (btn: HTMLButtonElement, fn: () => Promise<unknown>) => void act(btn, t, this.ctx.toast, async () => { await fn(); }).then(() => this.refresh());

    const banDur = durationSelect(t, BAN_PRESETS, 86_400);
    const banReason = h("input", { type: "text", maxlength: 200 });
    const shadow = h("input", { type: "checkbox" });
    // SPEC §10.3: a ban may take the user's recent messages with it, in every room.
    const purge = select(PURGE_PRESETS.map((sec) => [String(sec), sec === 0 ? t.guard.purgeNone : t.durations[String(sec)] ?? `${sec} s`] as const), "0");
    const banBtn: HTMLButtonElement = button(p.ban, () => {
      if (!banReason.value.trim()) { this.ctx.toast(p.reasonRequired, "bad"); banReason.focus(); return; }
      const durationSec = durationOf(banDur);
      const purgeSec = Number(purge.value);
      void act(banBtn, t, this.ctx.toast, async () => {
        const res = await admin.ban(u.user.id, { reason: banReason.value.trim(), shadow: shadow.checked, ...(durationSec ? { durationSec } : {}), ...(purgeSec ? { purgeSec } : {}) });
        return res.purged !== undefined ? t.guard.purged(res.purged) : undefined;
      }).then(() => this.refresh());
    }, "danger", { "data-action": "ban" });
    const muteDur = durationSelect(t, MUTE_PRESETS, 3600);
    const muteBtn: HTMLButtonElement = button(p.mute, () => run(muteBtn, () => admin.mute(u.user.id, Number(muteDur.value))), "ghost", { "data-action": "mute" });
    const role = select<Promotable>([["member", t.roles.member], ["expert", t.roles.expert], ["moderator", t.roles.moderator]],
      (["member", "expert", "moderator"] as const).includes(u.role as Promotable) ? (u.role as Promotable) : "member");
    const roleBtn: HTMLButtonElement = button(p.setRole, () => run(roleBtn, () => admin.setRole(u.user.id, role.value as Promotable)), "ghost", { "data-action": "set-role" });
    const unbanBtn: HTMLButtonElement = button(p.unban, () => run(unbanBtn, () => admin.unban(u.user.id)), "ghost", { "data-action": "unban" });
    const unmuteBtn: HTMLButtonElement = button(p.unmute, () => run(unmuteBtn, () => admin.unmute(u.user.id)), "ghost");

    const stat = (label: string, value: string) => h("div", { class: "stat" }, h("dt", null, label), h("dd", null, value));
    return h("article", { class: "person", "data-user": u.user.id },
      h("header", null,
        h("h3", null, u.user.name), h("span", { class: `tag role ${u.role}` }, fmt.role(u.role)), h("code", { class: "muted" }, u.user.id),
        u.lastSeen ? h("span", { class: "muted" }, p.lastSeen(fmt.dateTime(u.lastSeen))) : null,
        u.ban ? h("span", { class: "tag bad" }, p.banned(fmt.until(u.ban.until), u.ban.shadow)) : null,
        u.mute ? h("span", { class: "tag warn" }, p.muted(fmt.until(u.mute.until))) : null,
        u.trusted ? h("span", { class: "tag ok" }, t.guard.trustedTag) : null),
      u.linked?.length ? this.links(u) : null,
      u.lastSeen === undefined ? h("p", { class: "muted", "data-unseen": "" }, p.unseen) : null,
      h("dl", { class: "stats" },
        stat(p.messages, fmt.number(u.messages)), stat(p.helpful, fmt.number(u.helpfulReceived)), stat(p.removedCount, fmt.number(u.removed)),
        stat(p.flagsRaised, fmt.number(u.flagsRaised)), stat(p.accuracy, p.accuracyValue(u.flagsUpheld, u.flagsOverturned))),
      h("div", { class: "two-col" },
        h("div", null,
          h("h4", null, p.ips),
          u.ips.length ? h("ul", { class: "rows" }, ...u.ips.map((ip) => h("li", null, h("code", null, ip), " ", button(t.queue.blockIp, () => this.ctx.go("ip", ip), "link")))) : h("p", { class: "muted" }, t.none),
          h("h4", null, p.devices),
          u.devices.length ? h("ul", { class: "rows" }, ...u.devices.map((d) => h("li", null, fmt.device(d)))) : h("p", { class: "muted" }, t.none)),
        h("div", { class: "actions-box" },
          h("div", { class: "inline" }, field(p.banDuration, banDur), field(p.banReason, banReason), banBtn),
          h("label", { class: "check" }, shadow, ` ${p.shadow}`),
          field(t.guard.purge, purge),
          u.ban ? unbanBtn : null,
          h("div", { class: "inline" }, field(p.muteDuration, muteDur), muteBtn, u.mute ? unmuteBtn : null),
          // A guest is anonymous: a grant would never apply (and "Member" would be a wrong preselection).
          u.role === "guest" ? h("p", { class: "muted", "data-role-note": "" }, p.guestRole) : h("div", { class: "inline" }, field(p.role, role), roleBtn))),
      this.sanctions(history),
      h("h4", null, p.flagsReceived),
      u.flagsReceived?.length
        ? h("ul", { class: "rows flags-received" }, ...u.flagsReceived.map((f) => h("li", null,
            h("span", { class: "muted" }, `${fmt.dateTime(f.at)} · ${f.room} · `), t.queue.flagBy(f.by.name, fmt.role(f.by.role), flagReason(t, f.reason)))))
        : h("p", { class: "muted" }, p.noFlagsReceived),
      this.privacy(u),
      h("h4", null, p.recent),
      u.recent.length
        ? h("ul", { class: "rows recent" }, ...u.recent.map((m) => h("li", null,
            h("span", { class: "muted" }, `${fmt.time(m.createdAt)} · ${m.room} `),
            m.status !== "visible" ? h("span", { class: `tag ${m.status}` }, t.rooms.status[m.status] ?? m.status) : null,
            h("p", { class: "rtext" }, m.text))))
        : h("p", { class: "muted" }, p.noRecent),
    );
  }
}

/** The profile of an id the chat has never seen: nothing known, every action available. */
function unseen(userId: string): UserInspect {
  const role = isGuestId(userId) ? "guest" : "member";
  return {
    user: { id: userId, name: userId, role }, role, recent: [], ips: [], devices: [],
    messages: 0, flagsRaised: 0, flagsUpheld: 0, flagsOverturned: 0, helpfulReceived: 0, removed: 0,
  };
}
