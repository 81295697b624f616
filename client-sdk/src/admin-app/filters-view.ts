import { FILTER_CATEGORIES, type FilterPolicy, type FilterSettings } from "../protocol.ts";
import { h, replace } from "../widget/dom.ts";
import type { AppContext, Screen } from "./context.ts";
import { act, errorText, field, panel, select } from "./ui.ts";

/** One editable list: how to read it from the settings and how to add or remove entries. */
interface ListSpec {
  key: string;
  title: string;
  hint?: string;
  read(f: FilterSettings): string[];
  add(values: string[]): Promise<unknown>;
  remove(value: string): Promise<unknown>;
}

/**
 * The tenant's filters: the policy by category (SPEC §12, one `filters:update`), blocked terms,
 * exceptions, allowed and blocked link domains. Each change is one `lexicon:update` /
 * `links:update` call, in force at once on every node, then re-read.
 */
export class FiltersView implements Screen {
  readonly el: HTMLElement;
  private readonly intro: HTMLElement;
  private readonly boxes = new Map<string, HTMLElement>();
  private readonly specs: ListSpec[];
  /** The policy table (SPEC §12): one row per category, an action and a minimum severity each. */
  private readonly policyRows: HTMLElement;
  private readonly onHitSelect: HTMLSelectElement;
  /** Extension: the category model on or off for the tenant. */
  private readonly modelBox: HTMLInputElement;
  /** Whether the model was on when the view last read the filters. */
  private loadedModel = true;

  constructor(private readonly ctx: AppContext) {
    const { t, admin } = ctx;
    const f = t.filters;
    this.specs = [
      { key: "terms", title: f.terms, hint: f.termsHint, read: (s) => s.terms, add: (v) => admin.updateLexicon({ add: v }), remove: (v) => admin.updateLexicon({ remove: [v] }) },
      { key: "allow", title: f.allow, hint: f.allowHint, read: (s) => s.allow, add: (v) => admin.updateLexicon({ allow: v }), remove: (v) => admin.updateLexicon({ disallow: [v] }) },
      { key: "linkAllow", title: f.linkAllow, read: (s) => s.links.allow, add: (v) => admin.updateLinks({ allow: v }), remove: (v) => admin.updateLinks({ unallow: [v] }) },
      { key: "linkBlock", title: f.linkBlock, read: (s) => s.links.block, add: (v) => admin.updateLinks({ block: v }), remove: (v) => admin.updateLinks({ unblock: [v] }) },
    ];
    this.intro = h("p", { class: "muted" });
    this.onHitSelect = select((["hold", "shadow", "reject"] as const).map((a) => [a, f.actions[a]!] as const), "hold", { name: "onHit" });
    this.policyRows = h("tbody");
    this.modelBox = h("input", { type: "checkbox", name: "model" });
    const save = h("button", { type: "submit", class: "btn primary" }, f.savePolicy);
    const form = h("form", { class: "policy-form", novalidate: true },
      field(f.onHit, this.onHitSelect),
      field(f.model, this.modelBox, f.modelHint),
      h("table", { class: "policy-table", "aria-label": f.policy },
        h("thead", null, h("tr", null, h("th", { scope: "col" }, f.category), h("th", { scope: "col" }, f.action), h("th", { scope: "col" }, f.minSeverity))),
        this.policyRows),
      save);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void act(save, t, ctx.toast, async () => {
        // The switch goes only when this manager changed it: a tab opened before another
        // manager's change must not turn it back, nor log a model change with every policy save.
        const model = this.modelBox.checked !== this.loadedModel ? { model: this.modelBox.checked } : {};
        await admin.updateFilters({ onHit: this.onHitSelect.value as "hold" | "shadow" | "reject", policy: this.readPolicy(), ...model });
        await this.load();
        return f.saved;
      });
    });
    this.el = h("div", { class: "screen filters-screen" },
      h("div", { class: "toolbar" }, h("h2", null, f.title)),
      this.intro,
      panel(f.policy, h("p", { class: "muted" }, f.policyHint), form),
      h("div", { class: "filter-grid" }, ...this.specs.map((s) => this.listPanel(s))));
  }

  /** One row per category: "Default" (follow onHit) or an action, and a minimum severity. */
  private renderPolicy(s: FilterSettings): void {
    const f = this.ctx.t.filters;
    this.onHitSelect.value = s.onHit;
    this.modelBox.checked = this.loadedModel = s.model;
    replace(this.policyRows, ...FILTER_CATEGORIES.map((c) => {
      const name = f.categories[c] ?? c;
      const action = select([["", f.followDefault] as const, ...(["allow", "hold", "shadow", "reject"] as const).map((a) => [a, f.actions[a]!] as const)],
        s.policy[c] ?? "", { name: `action-${c}`, "aria-label": f.whatHappens(name) });
      const min = select((["1", "2", "3", "4"] as const).map((n) => [n, n] as const), String(s.policy.minSeverity?.[c] ?? 1) as "1", { name: `min-${c}`, "aria-label": f.minimumOf(name) });
      return h("tr", { "data-category": c }, h("th", { scope: "row" }, name), h("td", null, action), h("td", null, min));
    }));
  }

  /** The table as a policy: categories on "Default" and minimums of 1 are left out. */
  private readPolicy(): FilterPolicy {
    const policy: FilterPolicy = {};
    const minSeverity: NonNullable<FilterPolicy["minSeverity"]> = {};
    for (const row of this.policyRows.querySelectorAll<HTMLTableRowElement>("tr[data-category]")) {
      const c = row.dataset.category as (typeof FILTER_CATEGORIES)[number];
      const action = row.querySelector<HTMLSelectElement>(`select[name="action-${c}"]`)!.value;
      const min = Number(row.querySelector<HTMLSelectElement>(`select[name="min-${c}"]`)!.value);
      if (action) policy[c] = action as "allow";
      if (min > 1) minSeverity[c] = min as 2;
    }
    if (Object.keys(minSeverity).length) policy.minSeverity = minSeverity;
    return policy;
  }

  show(): void { void this.load(); }

  private async load(): Promise<void> {
    try {
      const s = await this.ctx.admin.getFilters();
      this.intro.textContent = this.ctx.t.filters.intro(s.onHit, s.links.mode);
      this.renderPolicy(s);
      for (const spec of this.specs) this.renderList(spec, spec.read(s));
    } catch (err) { this.ctx.toast(errorText(this.ctx.t, err), "bad"); }
  }

  private listPanel(spec: ListSpec): HTMLElement {
    const { t } = this.ctx;
    const input = h("input", { type: "text", placeholder: t.filters.addPlaceholder, autocomplete: "off", spellcheck: "false" });
    const submit = h("button", { type: "submit", class: "btn primary" }, t.add);
    const form = h("form", { class: "inline", novalidate: true }, field(`${t.add} — ${spec.title}`, input), submit);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const values = input.value.split(",").map((v) => v.trim()).filter(Boolean);
      if (!values.length) return;
      void act(submit, t, this.ctx.toast, async () => { await spec.add(values); input.value = ""; await this.load(); return t.filters.saved; });
    });
    const box = h("ul", { class: "chips", "aria-label": spec.title });
    this.boxes.set(spec.key, box);
    return panel(spec.title, spec.hint ? h("p", { class: "muted" }, spec.hint) : null, box, form);
  }

  private renderList(spec: ListSpec, values: string[]): void {
    const { t } = this.ctx;
    const box = this.boxes.get(spec.key)!;
    if (!values.length) { replace(box, h("li", { class: "muted" }, t.filters.empty)); return; }
    replace(box, ...[...values].sort().map((v) => {
      const x = h("button", { type: "button", class: "chip-x", "aria-label": t.filters.removeItem(v), title: t.filters.removeItem(v) }, "×");
      x.addEventListener("click", () => void act(x, t, this.ctx.toast, async () => { await spec.remove(v); await this.load(); return t.filters.saved; }));
      return h("li", { class: "chip" }, h("span", null, v), x);
    }));
  }
}
