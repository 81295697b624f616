import { h } from "./dom.ts";

/** An http(s) address up to the next space or quote; trailing punctuation is the sentence's, not the link's. */
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}»”’]+$/;

/**
 * A message's text as text nodes and links, for visible messages only: such a message has passed
 * the tenant's link rules, so its http(s) addresses are the ones the brand allows. Links open in a
 * new tab and carry `nofollow ugc` (user content earns no search ranking) and `noopener`. Nothing
 * is parsed as markup: the href is set as an attribute and the label is a text node.
 *
 * @example
 * linkify("See https://demo-beauty.com/faq.") // ["See ", <a href="https://demo-beauty.com/faq">…</a>, "."]
 */
export function linkify(text: string): (string | HTMLAnchorElement)[] {
  const out: (string | HTMLAnchorElement)[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0].replace(TRAILING, "");
    let href: URL;
    try { href = new URL(raw); } catch { continue; }
    if (href.protocol !== "http:" && href.protocol !== "https:") continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(h("a", { href: href.href, target: "_blank", rel: "nofollow ugc noopener" }, raw));
    last = m.index + raw.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
