import { h } from "../widget/dom.ts";
import type { Credentials } from "./credentials.ts";
import type { AdminStrings } from "./i18n.ts";
import { field } from "./ui.ts";

const DEV_COMMAND = "npm run token -- --tenant demo --role manager --sub cm-1 --name Camille";

/**
 * The sign-in card: tenant and a pasted manager token, plus the one-click demo sign-in when the
 * server is not in production. `submit` resolves with an error sentence, or undefined on success.
 */
export function signInView(t: AdminStrings, opts: {
  tenant: string;
  demo: boolean;
  error?: string;
  submit(c: Credentials): Promise<string | undefined>;
  demoSignIn(): Promise<string | undefined>;
}): HTMLElement {
  const s = t.signIn;
  const tenant = h("input", { type: "text", name: "tenant", value: opts.tenant, required: true, autocomplete: "organization", spellcheck: "false" });
  const token = h("input", { type: "password", name: "token", required: true, autocomplete: "off", spellcheck: "false" });
  const error = h("p", { class: "field-error", role: "alert" }, opts.error ?? "");
  const submit = h("button", { type: "submit", class: "btn primary" }, s.submit);
  const busy = async (btn: HTMLButtonElement, run: () => Promise<string | undefined>) => {
    btn.disabled = true;
    const label = btn.textContent;
    btn.textContent = s.signingIn;
    error.textContent = "";
    const msg = await run();
    btn.disabled = false;
    btn.textContent = label;
    if (msg) error.textContent = s.failed(msg);
  };
  const form = h("form", { class: "signin-form", novalidate: true },
    field(s.tenant, tenant), field(s.token, token), submit);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!tenant.value.trim() || !token.value.trim()) { error.textContent = s.missing; return; }
    void busy(submit, () => opts.submit({ tenant: tenant.value.trim(), token: token.value.trim() }));
  });
  const demoBtn = h("button", { type: "button", class: "btn ghost", "data-action": "demo-sign-in" }, s.demo);
  demoBtn.addEventListener("click", () => void busy(demoBtn, opts.demoSignIn));
  return h("main", { class: "signin" },
    h("section", { class: "card", "aria-labelledby": "signin-title" },
      h("h1", { id: "signin-title" }, s.title),
      h("p", { class: "muted" }, s.intro),
      // A shell command is for developers trying the demo, not for a brand's managers.
      opts.demo ? h("p", { class: "muted dev-command" }, s.devCommand, " ", h("code", null, DEV_COMMAND)) : null,
      form,
      opts.demo ? h("div", { class: "demo-signin" }, demoBtn, h("p", { class: "muted" }, s.demoHint)) : null,
      error));
}
