import type { Reason } from "../protocol.ts";
import { h } from "../widget/dom.ts";

/**
 * The message text with what the filters matched wrapped in <mark>, from each reason's
 * [start, end) offsets. Built from text nodes only; overlapping ranges merge into one mark.
 */
export function highlight(text: string, reasons: readonly Reason[]): Node[] {
  const ranges = reasons
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.start! >= 0 && r.end! > r.start! && r.start! < text.length)
    .map((r) => ({ start: r.start!, end: Math.min(r.end!, text.length), label: `${r.kind}: ${r.detail}` }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number; label: string }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) { last.end = Math.max(last.end, r.end); last.label += `, ${r.label}`; }
    else merged.push({ ...r });
  }
  const out: Node[] = [];
  let at = 0;
  for (const r of merged) {
    if (r.start > at) out.push(document.createTextNode(text.slice(at, r.start)));
    out.push(h("mark", { title: r.label }, text.slice(r.start, r.end)));
    at = r.end;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}
