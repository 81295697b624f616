import type { IpBlock } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import { isValidCidr, isWideRange } from "./cidr.ts";
import type { AppContext, Screen } from "./context.ts";
import { BAN_PRESETS } from "./format.ts";
import { act, button, durationOf, durationSelect, errorText, field } from "./ui.ts";

/** IP blocks: add an IPv4/IPv6 address or CIDR range (checked before sending), list with expiry, remove. */
export class IpView implements Screen {
  readonly el: HTMLElement;
  private readonly cidr: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly list: HTMLElement;
  /** Shown instead of sending when the range is wider than the server takes without `force`. */
  private readonly confirm: HTMLElement;

  constructor(private readonly ctx: AppContext) {
    const { t } = ctx;
    const ip = t.ip;
    this.cidr = h("input", { type: "text", placeholder: ip.placeholder, autocomplete: "off", spellcheck: "false", required: true, inputmode: "text" });
    this.error = h("p", { class: "field-error", role: "alert", id: "ip-error" });
    const duration = durationSelect(t, BAN_PRESETS, 86_400);
    const reason = h("input", { type: "text", maxlength: 200, required: true });
    const submit = h("button", { type: "submit", class: "btn danger" }, ip.block);
    const form = h("form", { class: "inline", novalidate: true },
      field(ip.address, this.cidr), field(ip.duration, duration), field(ip.reason, reason), submit);
    this.cidr.setAttribute("aria-errormessage", "ip-error");
    this.cidr.addEventListener("input", () => { if (this.cidr.getAttribute("aria-invalid") === "true") this.validate(); });
    this.confirm = h("div", { class: "confirm", role: "alertdialog", "aria-labelledby": "ip-wide-text", hidden: true });
    const send = (btn: HTMLButtonElement, cidr: string, force: boolean) => {
      const durationSec = durationOf(duration);
      void act(btn, t, ctx.toast, async () => {
        await ctx.admin.blockIp(cidr, { reason: reason.value.trim(), ...(durationSec ? { durationSec } : {}), ...(force ? { force } : {}) });
        this.cidr.value = ""; reason.value = "";
        this.closeConfirm();
        void this.load();
        return ip.blocked(cidr);
      });
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!this.validate()) { this.cidr.focus(); return; }
      // A reason is required (SPEC §5.3): it is what the audit log and the blocked shoppers read.
      if (!/[\p{L}\p{N}]/u.test(reason.value)) { ctx.toast(ip.reasonRequired, "bad"); reason.focus(); return; }
      const cidr = this.cidr.value.trim();
      if (isWideRange(cidr)) { this.askConfirm(cidr, (btn) => send(btn, cidr, true)); return; }
      send(submit, cidr, false);
    });
    this.list = h("div");
    this.el = h("div", { class: "screen ip-screen" },
      h("div", { class: "toolbar" }, h("h2", null, ip.title), h("div", { class: "spacer" }), button(t.refresh, () => void this.load(), "ghost")),
      form, this.error, this.confirm, this.list);
  }

  show(prefill?: string): void {
    if (prefill) { this.cidr.value = prefill; this.validate(); this.cidr.focus(); }
    void this.load();
  }

  /**
   * A range wider than /8 (IPv4) or /32 (IPv6) cuts off whole carriers, and `0.0.0.0/0` every
   * shopper: the manager types the range again to confirm, as GitHub asks for a repository's name
   * before deleting it. Only then is it sent, with `force: true`.
   */
  private askConfirm(cidr: string, go: (btn: HTMLButtonElement) => void): void {
    const ip = this.ctx.t.ip;
    const typed = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
    const confirmBtn = button(ip.blockAnyway, (e) => go(e.currentTarget as HTMLButtonElement), "danger", { disabled: true });
    typed.addEventListener("input", () => { confirmBtn.disabled = typed.value.trim() !== cidr; });
    typed.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !confirmBtn.disabled) { e.preventDefault(); confirmBtn.click(); }
      if (e.key === "Escape") this.closeConfirm();
    });
    replace(this.confirm,
      h("p", { id: "ip-wide-text" }, ip.wideWarning(cidr)),
      field(ip.typeToConfirm(cidr), typed),
      h("div", { class: "actions" }, confirmBtn, button(this.ctx.t.cancel, () => this.closeConfirm(), "ghost")));
    this.confirm.hidden = false;
    typed.focus();
  }

  private closeConfirm(): void {
    this.confirm.hidden = true;
    replace(this.confirm);
  }

  private validate(): boolean {
    const ok = isValidCidr(this.cidr.value);
    this.cidr.setAttribute("aria-invalid", ok ? "false" : "true");
    this.error.textContent = ok ? "" : this.ctx.t.ip.invalid;
    return ok;
  }

  private async load(): Promise<void> {
    const { t } = this.ctx;
    try {
      const blocks = await this.ctx.admin.listIpBlocks();
      await this.ctx.names.load(blocks.map((b) => b.by));
      this.render(blocks);
    } catch (err) { this.ctx.toast(errorText(t, err), "bad"); }
  }

  private render(blocks: IpBlock[]): void {
    const { t, fmt } = this.ctx;
    if (!blocks.length) { replace(this.list, h("p", { class: "empty" }, t.ip.empty)); return; }
    replace(this.list, h("div", { class: "table-wrap" }, h("table", { class: "table" },
      h("thead", null, h("tr", null, ...["CIDR", t.ip.reason, t.ip.expires, t.ip.by, t.ip.at, ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, ...blocks.map((b) => h("tr", { "data-cidr": b.cidr },
        h("td", null, h("code", null, b.cidr)), h("td", null, b.reason), h("td", null, fmt.until(b.until)),
        h("td", null, this.ctx.names.label(b.by)), h("td", null, fmt.dateTime(b.at)),
        h("td", null, button(t.remove, (e) => void act(e.currentTarget as HTMLButtonElement, t, this.ctx.toast, async () => {
          await this.ctx.admin.unblockIp(b.cidr); void this.load(); return t.ip.unblocked(b.cidr);
        }), "link", { "aria-label": `${t.remove} ${b.cidr}` }))))))));
  }
}
