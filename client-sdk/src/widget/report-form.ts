import { DSA_CATEGORIES, REPORT_LIMITS, type DsaCategory, type ReportDecision, type ReportReceipt } from "../protocol.ts";
import { h, replace } from "./dom.ts";
import type { WidgetStrings } from "./i18n.ts";

/** What the form hands over once every required field is right. */
export interface IllegalReport { category: DsaCategory; explanation: string; name?: string; email?: string }

/** The open form, for the app to tell it the outcome once a manager decides. */
export interface ReportPanel {
  readonly el: HTMLElement;
  /** The report's id once received (undefined until then). */
  readonly reportId: string | undefined;
  decided(d: ReportDecision): void;
}

let seq = 0;
const QUOTE_CHARS = 160;

/**
 * SPEC §9.3: the "Report illegal content" form, a plain HTML form (labels tied to their fields,
 * native select and checkbox) so keyboards and screen readers need nothing special. Problems are
 * said next to their field and the first one gets the focus; Escape closes. Once received, the
 * form gives way to the receipt and a link to the report's status.
 */
export function reportForm(t: WidgetStrings, about: { author: string; text: string }, on: {
  submit(r: IllegalReport): Promise<{ receipt: ReportReceipt; statusUrl: string }>;
  close(): void;
  /** Says a refusal (rate_limited, not_found…) in plain words. */
  describe(err: unknown): string;
}): ReportPanel {
  const x = t.illegal;
  const id = (k: string) => `cw-rp-${seq}-${k}`;
  seq += 1;
  const error = (k: string) => h("p", { id: id(`${k}-err`), class: "field-err", hidden: true });
  const select = h("select", { id: id("cat"), name: "category", required: true, "aria-describedby": id("cat-err") },
    h("option", { value: "" }, x.choose),
    ...DSA_CATEGORIES.map((c) => h("option", { value: c }, x.categories[c])));
  const text = h("textarea", { id: id("why"), name: "explanation", rows: 4, maxlength: REPORT_LIMITS.explanation, required: true, "aria-describedby": `${id("why-help")} ${id("why-err")}` });
  const name = h("input", { id: id("name"), name: "name", type: "text", autocomplete: "name", maxlength: REPORT_LIMITS.name });
  const email = h("input", { id: id("email"), name: "email", type: "email", autocomplete: "email", maxlength: REPORT_LIMITS.email, "aria-describedby": `${id("email-help")} ${id("email-err")}` });
  const faith = h("input", { id: id("faith"), name: "goodFaith", type: "checkbox", required: true, "aria-describedby": id("faith-err") });
  const errs = { cat: error("cat"), why: error("why"), email: error("email"), faith: error("faith") };
  const failure = h("p", { class: "note bad", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "chip primary" }, x.submit);
  const titleId = id("title");
  const form = h("form", { class: "reportform", novalidate: true, "aria-labelledby": titleId },
    h("h3", { id: titleId }, x.title),
    h("p", { class: "intro" }, x.intro),
    // Which message this is about, as a quote: the form sits above the list, away from the message.
    h("blockquote", { class: "quote" }, h("b", null, about.author), ` — ${about.text.length > QUOTE_CHARS ? `${about.text.slice(0, QUOTE_CHARS)}…` : about.text}`),
    h("label", { for: select.id }, x.category), select, errs.cat,
    h("label", { for: text.id }, x.explanation), h("p", { id: id("why-help"), class: "help" }, x.explanationHelp), text, errs.why,
    h("label", { for: name.id }, `${x.name} `, h("span", { class: "help" }, x.optional)), name,
    h("label", { for: email.id }, `${x.email} `, h("span", { class: "help" }, x.optional)), h("p", { id: id("email-help"), class: "help" }, x.emailHelp), email, errs.email,
    h("div", { class: "check" }, faith, h("label", { for: faith.id }, x.goodFaith)), errs.faith,
    failure,
    h("div", { class: "row" }, submit, h("button", { type: "button", class: "chip plain", onclick: () => on.close() }, t.cancel)),
  );
  const box = h("section", { class: "reportpanel", "data-panel": "report" }, form);
  const outcome = h("p", { class: "note", role: "status", hidden: true });
  let reportId: string | undefined;
  let busy = false;

  const flag = (field: HTMLElement, err: HTMLElement, problem: string | undefined): boolean => {
    err.textContent = problem ?? "";
    err.hidden = !problem;
    if (problem) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
    return !problem;
  };

  // A problem said at a field goes as soon as the field is changed.
  for (const [field, err] of [[select, errs.cat], [text, errs.why], [email, errs.email], [faith, errs.faith]] as const) {
    field.addEventListener(field === select || field === faith ? "change" : "input", () => flag(field, err, undefined));
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (busy) return;
    const checks: [HTMLElement, boolean][] = [
      [select, flag(select, errs.cat, select.value ? undefined : x.needCategory)],
      [text, flag(text, errs.why, text.value.trim() ? undefined : x.needExplanation)],
      [email, flag(email, errs.email, email.value.trim() && !email.validity.valid ? x.badEmail : undefined)],
      [faith, flag(faith, errs.faith, faith.checked ? undefined : x.needGoodFaith)],
    ];
    const first = checks.find(([, ok]) => !ok);
    if (first) { first[0].focus(); return; }
    busy = true;
    failure.hidden = true;
    submit.textContent = x.sending;
    submit.setAttribute("aria-disabled", "true");
    const input: IllegalReport = { category: select.value as DsaCategory, explanation: text.value.trim() };
    if (name.value.trim()) input.name = name.value.trim();
    if (email.value.trim()) input.email = email.value.trim();
    on.submit(input).then(({ receipt, statusUrl }) => {
      reportId = receipt.id;
      const close = h("button", { type: "button", class: "chip plain", onclick: () => on.close() }, x.close);
      replace(box,
        h("h3", { id: titleId }, x.title),
        h("p", { class: "note", role: "status" }, x.received),
        h("p", { class: "receipt" }, `${x.receipt} `, h("code", { "data-receipt": "" }, receipt.receipt)),
        h("p", null, h("a", { href: statusUrl, target: "_blank", rel: "noopener noreferrer", class: "status-link" }, x.follow)),
        outcome,
        h("div", { class: "row" }, close));
      close.focus();
    }, (err: unknown) => {
      busy = false;
      submit.textContent = x.submit;
      submit.removeAttribute("aria-disabled");
      failure.textContent = on.describe(err);
      failure.hidden = false;
    });
  });
  box.addEventListener("keydown", (e: KeyboardEvent) => {
    if (e.key === "Escape") { e.preventDefault(); on.close(); }
  });
  return {
    el: box,
    get reportId() { return reportId; },
    decided(d) { outcome.textContent = x.decided(d); outcome.hidden = false; },
  };
}
