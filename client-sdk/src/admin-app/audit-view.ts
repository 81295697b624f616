import type { AuditEntry } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import { fetchExport } from "./fetch-export.ts";
import type { AppContext, Screen } from "./context.ts";
import { auditAction, auditDetails, auditReason } from "./explain.ts";
import { button, errorText, field } from "./ui.ts";

/** Actions the server records, offered as suggestions; the filter accepts any action name. */
const KNOWN_ACTIONS = [
  "queue.approved", "queue.removed", "message.deleted", "message.hidden", "message.rejected", "room.cleared", "room.updated",
  "user.banned", "user.unbanned", "user.muted", "user.unmuted", "ip.blocked", "ip.unblocked", "member.role",
  "lexicon.updated", "links.updated", "alert.raised", "room.posted", "room.pinned", "room.unpinned", "user.erased", "messages.purged",
];

/** The audit log, newest first, filtered by action and actor, live, with NDJSON and CSV exports. */
export class AuditView implements Screen {
  readonly el: HTMLElement;
  private readonly action: HTMLInputElement;
  private readonly actor: HTMLInputElement;
  private readonly body: HTMLTableSectionElement;
  private readonly more: HTMLButtonElement;
  private readonly downloads: HTMLElement;
  private entries: AuditEntry[] = [];
  private cursor: string | undefined;
  private filter: { action?: string; actor?: string } = {};
  private loaded = false;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const a = t.audit;
    this.action = h("input", { type: "text", list: "audit-actions", placeholder: a.anyAction, autocomplete: "off" });
    this.actor = h("input", { type: "text", placeholder: a.anyAction, autocomplete: "off", spellcheck: "false" });
    const form = h("form", { class: "inline", novalidate: true },
      field(a.action, this.action), field(a.actor, this.actor),
      h("button", { type: "submit", class: "btn primary" }, a.apply),
      h("datalist", { id: "audit-actions" }, ...KNOWN_ACTIONS.map((x) => h("option", { value: x, label: t.explain.actions[x] ?? x }))));
    form.addEventListener("submit", (e) => { e.preventDefault(); void this.load(true); });
    this.body = h("tbody");
    this.more = button(t.loadMore, () => void this.load(false), "ghost", { hidden: true });
    this.downloads = h("div", { class: "downloads", "aria-live": "polite" });
    this.el = h("div", { class: "screen audit-screen" },
      h("div", { class: "toolbar" }, h("h2", null, a.title), h("div", { class: "spacer" }),
        button(a.exportNdjson, (e) => void this.exportAs("ndjson", e.currentTarget as HTMLButtonElement), "ghost", { "data-action": "export-ndjson" }),
        button(a.exportCsv, (e) => void this.exportAs("csv", e.currentTarget as HTMLButtonElement), "ghost", { "data-action": "export-csv" })),
      form, this.downloads,
      h("div", { class: "table-wrap" }, h("table", { class: "table audit" },
        h("thead", null, h("tr", null, ...[a.time, a.actorCol, a.action, a.target, a.reason].map((c) => h("th", { scope: "col" }, c)))),
        this.body)),
      this.more);
    ctx.life.own(ctx.admin.on("audit", (entry) => {
      if (!this.loaded || !this.matches(entry) || this.entries.some((x) => x.id === entry.id)) return;
      this.entries.unshift(entry);
      // The row shows at once; names it did not know yet replace the ids when they arrive.
      const row = this.row(entry);
      this.body.prepend(row);
      void this.ctx.names.load(subjects(entry)).then(() => row.replaceWith(this.row(entry)));
    }));
  }

  show(): void { if (!this.loaded) void this.load(true); }

  private matches(e: AuditEntry): boolean {
    return (!this.filter.action || e.action === this.filter.action) && (!this.filter.actor || e.actor.id === this.filter.actor);
  }

  private async load(reset: boolean): Promise<void> {
    if (reset) {
      this.filter = {};
      if (this.action.value.trim()) this.filter.action = this.action.value.trim();
      if (this.actor.value.trim()) this.filter.actor = this.actor.value.trim();
    }
    try {
      const res = await this.ctx.admin.listAudit({ limit: 50, ...this.filter, ...(reset || !this.cursor ? {} : { cursor: this.cursor }) });
      await this.ctx.names.load(res.entries.flatMap(subjects));
      this.entries = reset ? res.entries : [...this.entries, ...res.entries];
      this.cursor = res.cursor;
      this.loaded = true;
      this.more.hidden = !this.cursor;
      if (!this.entries.length) replace(this.body, h("tr", null, h("td", { colspan: 5, class: "empty" }, this.ctx.t.audit.empty)));
      else replace(this.body, ...this.entries.map((e) => this.row(e)));
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  private row(e: AuditEntry): HTMLTableRowElement {
    const { fmt, t } = this.ctx;
    const system = e.actor.id === "system";
    const actor = system ? t.audit.system : `${e.actor.name ?? e.actor.id}`;
    return h("tr", { "data-id": e.id, "data-action": e.action },
      h("td", { class: "nowrap" }, h("time", { datetime: new Date(e.at).toISOString() }, fmt.dateTime(e.at))),
      h("td", null, actor, system ? null : h("br"), system ? null : h("code", { class: "muted" }, e.actor.id)),
      h("td", { class: "action" }, auditAction(t, e)),
      h("td", { class: "target" }, ...auditDetails(t, fmt, e, (id) => this.ctx.names.label(id)).flatMap((d, i) => (i ? [h("br"), d] : [d]))),
      h("td", null, auditReason(t, fmt, e)));
  }

  private async exportAs(format: "ndjson" | "csv", btn: HTMLButtonElement): Promise<void> {
    const { t } = this.ctx;
    btn.disabled = true;
    this.downloads.textContent = t.audit.exporting;
    try {
      const { href, name } = await fetchExport({
        url: this.ctx.url, tenant: this.ctx.tenant, token: this.ctx.token, path: "audit", params: { format, ...this.filter }, fallbackName: `audit-${this.ctx.tenant}.${format}`,
      });
      const link = h("a", { href, download: name, class: "btn primary", "data-export": format }, t.audit.exportReady(name));
      replace(this.downloads, link);
      link.click();
    } catch (err) {
      this.downloads.textContent = errorText(t, err);
    } finally { btn.disabled = false; }
  }
}

/** The people an entry is about, whose names the target column shows. */
function subjects(e: AuditEntry): string[] {
  return [e.target.userId, e.target.authorId].filter((v): v is string => typeof v === "string");
}
