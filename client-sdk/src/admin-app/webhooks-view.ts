import { WEBHOOK_EVENT_TYPES, type WebhookDelivery, type WebhookEndpointInfo, type WebhookEndpointInput, type WebhookEventType } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import { act, button, errorText, field, panel } from "./ui.ts";

/** The event types a manager picks from (`webhook.test` is sent on demand, never subscribed). */
const PICKABLE = WEBHOOK_EVENT_TYPES.filter((e) => e !== "webhook.test");

/** One endpoint being edited: what the server has, plus a new secret not saved yet. */
interface Row { id?: string; url: HTMLInputElement; all: HTMLInputElement; events: Map<WebhookEventType, HTMLInputElement>; secret?: string; hint: string }

/** A fresh Standard Webhooks secret, made in the browser: the server never hands one back whole. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * The brand's systems (SPEC §8.1): endpoints (URL, events, rotating the secret), a test event,
 * and the deliveries (event, endpoint, status, attempts, last error, next try). A new or rotated
 * secret is shown here once, to copy into the receiver, and sent with the next save.
 */
export class WebhooksView implements Screen {
  readonly el: HTMLElement;
  private rows: Row[] = [];
  private readonly list = h("div", { class: "webhook-endpoints" });
  private readonly reveal = h("div", { class: "secret-reveal", role: "status", "aria-live": "polite" });
  private readonly table = h("tbody");
  private readonly more: HTMLButtonElement;
  private cursor: string | undefined;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const w = t.webhooks;
    this.more = button(w.more, () => void this.loadDeliveries(true), "ghost", { "data-action": "more-deliveries", hidden: true });
    this.el = h("div", { class: "screen webhooks-screen" },
      h("div", { class: "toolbar" }, h("h2", null, w.title)),
      h("p", { class: "muted" }, w.intro),
      panel(w.endpoints, this.list, this.reveal,
        h("div", { class: "actions" },
          button(w.add, () => this.addRow(), "plain", { "data-action": "add-endpoint" }),
          button(w.save, (e) => void this.save(e.currentTarget as HTMLButtonElement), "primary", { "data-action": "save-endpoints" }),
          button(w.testAll, (e) => void this.test(e.currentTarget as HTMLButtonElement), "plain", { "data-action": "test-all" }))),
      panel(w.deliveries,
        h("div", { class: "actions" }, button(w.refresh, () => void this.loadDeliveries(false), "ghost", { "data-action": "refresh-deliveries" })),
        h("table", { class: "deliveries" },
          h("thead", null, h("tr", null, ...[w.event, w.endpoint, w.status, w.attempts, w.lastError, w.nextTry].map((c) => h("th", { scope: "col" }, c)))),
          this.table),
        this.more));
  }

  show(): void {
    void this.loadEndpoints();
    void this.loadDeliveries(false);
  }

  private async loadEndpoints(): Promise<void> {
    try {
      this.rows = (await this.ctx.admin.listWebhooks()).map((e) => this.row(e));
      this.renderRows();
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  private row(e?: WebhookEndpointInfo): Row {
    const url = h("input", { type: "url", value: e?.url ?? "", placeholder: "https://…", autocomplete: "off", spellcheck: "false", "data-field": "url" });
    const all = h("input", { type: "checkbox", "data-event": "*" });
    all.checked = !e || e.events.includes("*");
    const events = new Map<WebhookEventType, HTMLInputElement>();
    for (const type of PICKABLE) {
      const box = h("input", { type: "checkbox", "data-event": type });
      box.checked = !!e && e.events.includes(type);
      events.set(type, box);
    }
    const row: Row = { url, all, events, hint: e?.secretHint ?? "" };
    if (e) row.id = e.id;
    else row.secret = newSecret();
    return row;
  }

  private renderRows(): void {
    const { t } = this.ctx;
    const w = t.webhooks;
    if (!this.rows.length) { replace(this.list, h("p", { class: "muted" }, w.none)); return; }
    replace(this.list, ...this.rows.map((r, i) => {
      const label = (box: HTMLInputElement, text: string) => h("label", { class: "check" }, box, ` ${text}`);
      const secretLine = h("p", { class: "muted", "data-field": "secret" }, r.secret ? w.secretUnsaved : w.secretHint(r.hint));
      return h("fieldset", { class: "webhook-endpoint", "data-endpoint": r.id ?? `new-${i}` },
        h("legend", null, r.id ? w.endpointId(r.id) : w.newEndpoint),
        field(w.url, r.url),
        h("div", { class: "checks", role: "group", "aria-label": w.events }, label(r.all, w.allEvents), ...[...r.events].map(([type, box]) => label(box, type))),
        secretLine,
        h("div", { class: "actions" },
          button(w.rotate, () => { r.secret = newSecret(); this.showSecret(r.secret); this.renderRows(); }, "plain", { "data-action": "rotate-secret" }),
          r.id ? button(w.test, (e) => void this.test(e.currentTarget as HTMLButtonElement, r.id), "plain", { "data-action": "test-endpoint" }) : null,
          button(w.remove, () => { this.rows = this.rows.filter((x) => x !== r); this.renderRows(); }, "danger", { "data-action": "remove-endpoint" })));
    }));
  }

  private addRow(): void {
    const r = this.row();
    this.rows.push(r);
    this.showSecret(r.secret!);
    this.renderRows();
    r.url.focus();
  }

  /** Shown once: the receiver needs the whole secret, and no API will return it. */
  private showSecret(secret: string): void {
    const w = this.ctx.t.webhooks;
    const out = h("input", { type: "text", readonly: true, value: secret, class: "mono", "data-field": "new-secret" });
    replace(this.reveal, field(w.newSecret, out, w.copyNow));
  }

  private async save(btn: HTMLButtonElement): Promise<void> {
    const { t, admin } = this.ctx;
    const endpoints: WebhookEndpointInput[] = this.rows.map((r) => {
      const events = r.all.checked ? ["*" as const] : [...r.events].filter(([, b]) => b.checked).map(([type]) => type);
      return { ...(r.id ? { id: r.id } : {}), url: r.url.value.trim(), events, ...(r.secret ? { secret: r.secret } : {}) };
    });
    const ok = await act(btn, t, this.ctx.toast, async () => {
      this.rows = (await admin.updateWebhooks(endpoints)).map((e) => this.row(e));
      this.renderRows();
      replace(this.reveal);
      return t.webhooks.saved;
    });
    if (ok) void this.loadDeliveries(false);
  }

  private async test(btn: HTMLButtonElement, endpointId?: string): Promise<void> {
    const { t, admin } = this.ctx;
    await act(btn, t, this.ctx.toast, async () => {
      const ids = await admin.testWebhooks(endpointId);
      await this.loadDeliveries(false);
      return t.webhooks.testSent(ids.length);
    });
  }

  private async loadDeliveries(more: boolean): Promise<void> {
    try {
      const page = await this.ctx.admin.listDeliveries({ limit: 50, ...(more && this.cursor ? { cursor: this.cursor } : {}) });
      this.cursor = page.cursor;
      this.more.hidden = !page.cursor;
      const rows = page.deliveries.map((d) => this.deliveryRow(d));
      if (more) this.table.append(...rows);
      else if (rows.length) replace(this.table, ...rows);
      else replace(this.table, h("tr", null, h("td", { colspan: "6", class: "muted" }, this.ctx.t.webhooks.noDeliveries)));
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  private deliveryRow(d: WebhookDelivery): HTMLElement {
    const { t, fmt } = this.ctx;
    return h("tr", { "data-delivery": d.id, "data-status": d.status },
      h("td", null, d.type),
      h("td", { class: "mono" }, d.endpointId),
      h("td", null, h("span", { class: `status ${d.status}` }, t.webhooks.statuses[d.status])),
      h("td", null, String(d.attempts)),
      h("td", null, d.lastError ?? ""),
      h("td", null, d.nextAttemptAt ? fmt.time(d.nextAttemptAt) : ""));
  }
}
