/**
 * Clean shopper texts that no filter hits and that never repeat, so the spam stage (which folds
 * digits as leetspeak and ignores punctuation) never sees the same fingerprint twice.
 */
const OPENERS = [
  "Does this serum suit dry skin", "Is the cream good for sensitive skin", "How long does one bottle last",
  "Can I use it with retinol", "Is the packaging recyclable", "Does the scent stay all day",
  "Would you recommend it for oily skin", "Is it tested on animals", "How do you apply the mask",
  "Is the travel size worth it",
];
const WORDS = [
  "amber", "birch", "cedar", "dahlia", "elm", "fern", "ginger", "hazel", "iris", "jasmine", "kale", "lilac",
  "maple", "nutmeg", "olive", "peony", "quince", "rose", "sage", "thyme", "umber", "violet", "willow", "yarrow",
  "zinnia", "basil", "clover", "daisy", "ember", "fig", "garnet", "heather", "indigo", "juniper", "kiwi", "lotus",
];
const word = (n: number) => WORDS[Math.floor(n) % WORDS.length]!;

/**
 * A clean shopper question unique per (a, b): b picks the opener and, with a, five distinct
 * words, so no two pairs below 36^2 x 36^3 share a text. Used by the relay bench (a = client,
 * b = its message number) and by `cleanText`.
 */
export function shopperText(a: number, b: number): string {
  return `${OPENERS[b % OPENERS.length]}? Asking for my ${word(a)} ${word(a / 36)} ${word(b)} ${word(b / 36)} ${word(b / 1296)} routine`;
}

let n = 0;

/** A fresh, clean, human-looking question; `tag` makes it easy to find in failures. */
export function cleanText(tag = ""): string {
  return `${shopperText(0, n++)}${tag ? ` (${tag.replace(/[0-9]/g, "")})` : ""}`;
}
