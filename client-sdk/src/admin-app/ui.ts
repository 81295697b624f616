import { ChatError } from "../chat-error.ts";
import { h, type Attrs } from "../widget/dom.ts";
import type { AdminStrings } from "./i18n.ts";

/** Small form building blocks so every screen labels its controls the same way. */

let seq = 0;
export const uid = (prefix: string) => `${prefix}-${++seq}`;

export function button(label: string, onclick: (e: MouseEvent) => void, kind: "primary" | "danger" | "ghost" | "plain" | "link" = "plain", attrs: Attrs = {}): HTMLButtonElement {
  return h("button", { type: "button", class: `btn ${kind}`, onclick, ...attrs }, label);
}

/** A labelled control: the label points at the control's id, so it is read out and clickable. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uid("f");
  const hintEl = hint ? h("span", { class: "hint", id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control, hintEl);
}

export function select<V extends string>(options: readonly (readonly [V, string])[], value?: V, attrs: Attrs = {}): HTMLSelectElement {
  const el = h("select", attrs, ...options.map(([v, label]) => h("option", { value: v }, label)));
  if (value !== undefined) el.value = value;
  return el;
}

/** Duration presets as a select; the value "permanent" means no end. */
export function durationSelect(t: AdminStrings, presets: readonly (number | undefined)[], value?: number): HTMLSelectElement {
  return select(presets.map((s) => [s === undefined ? "permanent" : String(s), t.durations[s === undefined ? "permanent" : String(s)] ?? `${s} s`] as const), value === undefined ? undefined : String(value));
}

export function durationOf(sel: HTMLSelectElement): number | undefined {
  return sel.value === "permanent" ? undefined : Number(sel.value);
}

/** A sentence for an error code, in the manager's language (never the code or the server's English). */
export function errorSentence(t: AdminStrings, err: unknown): string {
  const code = err instanceof ChatError ? err.code : (err as { code?: unknown } | null)?.code;
  return (typeof code === "string" ? t.errors[code] : undefined) ?? t.errors.internal!;
}

/** Human text for a failed call. */
export function errorText(t: AdminStrings, err: unknown): string {
  if (err instanceof ChatError && err.code === "conflict") return t.conflict;
  return t.failed(errorSentence(t, err));
}

/** Runs an action with its button busy, reporting success or failure through the shell's toast. */
export async function act(btn: HTMLButtonElement | undefined, t: AdminStrings, toast: (s: string, tone?: "ok" | "bad") => void, run: () => Promise<string | void>): Promise<boolean> {
  btn?.setAttribute("aria-busy", "true");
  if (btn) btn.disabled = true;
  try {
    const msg = await run();
    toast(msg || t.done, "ok");
    return true;
  } catch (err) {
    toast(errorText(t, err), "bad");
    return false;
  } finally {
    btn?.removeAttribute("aria-busy");
    if (btn) btn.disabled = false;
  }
}

export function panel(title: string, ...children: (Node | null)[]): HTMLElement {
  const id = uid("p");
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

/** A shortcuts legend with each of `keys` (single letters) in <kbd>, from a sentence like "Keys: j / k next…". */
export function keyLegend(text: string, keys: string): Node[] {
  return text.split(new RegExp(`\\b([${keys}])\\b`)).map((part, i) => (i % 2 ? h("kbd", null, part) : document.createTextNode(part)));
}
