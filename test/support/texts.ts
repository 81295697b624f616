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
let n = 0;

/** A fresh, clean, human-looking question; `tag` makes it easy to find in failures. */
export function cleanText(tag = ""): string {
  const i = n++;
  const w = WORDS.length;
  const words = `${WORDS[i % w]} ${WORDS[Math.floor(i / w) % w]} ${WORDS[Math.floor(i / (w * w)) % w]}`;
  return `${OPENERS[i % OPENERS.length]}? Asking for my ${words} routine${tag ? ` (${tag.replace(/[0-9]/g, "")})` : ""}`;
}
