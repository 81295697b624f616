import { whenReady, type MaybePromise } from "../maybe-promise.ts";
import type { FilterHit, SpamCount, SpamDetector, SpamInput, SpamOptions, SpamWindow } from "./types.ts";
import { hash53 } from "./hash53.ts";
import { normalize, type NormalizedText } from "./normalize.ts";

export { createMemorySpamWindow } from "./memory-spam-window.ts";

/**
 * Spam stage: character floods (checked locally), then the same text repeated by one user and the
 * same text posted by many users in one room (a raid), both counted in the shared `SpamWindow`.
 *
 * Texts are compared by fingerprint: the normalised words (case, accents, look-alikes, leetspeak,
 * stretched letters folded; punctuation and emoji dropped), so "BUY at R1VAL!!!" and "buy at rival"
 * are the same text. Short or courtesy texts ("merci !", "ok", "thanks!") never count: five
 * shoppers thanking the same adviser is a conversation, not a raid.
 *
 * @example
 *   const spam = createSpamDetector({ repeatsPerUser: 2, raidUsers: 4, windowSec: 60 }, createMemorySpamWindow());
 *   await spam.check({ room: "faq", userId: "u1", text: "aaaaaaaaaaaaaaaaaaaaaaaa", now: Date.now() });
 *   // { kind: "spam", detail: "flood", … }
 */

/** One character (or emoji) repeated this many times in a row is a flood. */
export const FLOOD_RUN = 20;
/** A text this long (in folded characters) … */
const FLOOD_LONG = 80;
/** … with at most this many distinct non-space characters is a flood ("ha ha ha …", "lol lol …"). */
const FLOOD_VARIETY = 6;
/** Every spam hit is of category `spam` (SPEC §12); a repeat or a flood is a nuisance, not an attack. */
const SPAM = { category: "spam", severity: 2 } as const;
/** Fingerprints shorter than this are too common to mean spam. */
export const MIN_FINGERPRINT = 12;

/** Everyday courtesies that many people legitimately post word for word. */
const COURTESIES = new Set([
  "merci", "merci beaucoup", "merci bien", "merci a vous", "merci a tous", "merci pour tout", "merci pour l info",
  "merci pour votre aide", "merci pour vos conseils", "merci pour vos reponses", "merci beaucoup pour vos conseils",
  "bonjour", "bonjour a tous", "bonjour tout le monde", "bonsoir", "bonsoir a tous", "salut", "salut a tous",
  "coucou", "coucou tout le monde", "bonne journee", "bonne soiree", "bonne journee a tous", "bonne soiree a tous",
  "bon week end", "d accord", "tout a fait", "moi aussi", "pareil pour moi", "je confirme", "j adore", "trop bien",
  "thanks", "thank you", "thank you so much", "thanks a lot", "thank you very much", "thanks so much",
  "thanks everyone", "thank you everyone", "thanks for the help", "thanks for your help", "thank you for your help",
  "thanks for the info", "hello", "hello everyone", "hello all", "hi everyone", "hi all", "good morning",
  "good morning everyone", "good evening", "good night", "have a nice day", "have a great day", "me too",
  "same here", "i agree", "totally agree", "love it", "i love it", "sounds good", "great thanks", "ok thanks",
  "ok merci", "super merci", "top merci", "genial merci",
]);

/** The comparable form of a text: its normalised words joined by one space. */
export function fingerprint(norm: NormalizedText): string {
  let out = "";
  for (const t of norm.tokens) out += (out ? " " : "") + (t.collapsed ?? t.key);
  return out;
}

/** A flood hit quoting the flooding run, or undefined. */
export function findFlood(norm: NormalizedText): FilterHit | undefined {
  const f = norm.folded;
  let runStart = 0, run = 0, prev = -1;
  // Distinct non-space characters, counted only up to FLOOD_VARIETY + 1 (more means "varied"):
  // a tiny array scan, where a Set per message cost more than the rest of the flood check.
  const seen: number[] = [];
  for (let i = 0; i < f.length;) {
    const cp = f.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (cp !== 32 && seen.length <= FLOOD_VARIETY && !seen.includes(cp)) seen.push(cp);
    if (cp === prev) run++; else { prev = cp; run = 1; runStart = i; }
    i += w;
    if (run >= FLOOD_RUN && cp !== 32) {
      // Extend to the end of the run so the quote shows all of it.
      let end = i;
      while (end < f.length && f.codePointAt(end) === cp) end += w;
      const [start, stop] = norm.toOriginal(runStart, end);
      return { kind: "spam", detail: "flood", match: norm.original.slice(start, stop), start, end: stop, ...SPAM };
    }
  }
  if (f.length >= FLOOD_LONG && seen.length <= FLOOD_VARIETY) {
    return { kind: "spam", detail: "flood", match: norm.original, start: 0, end: norm.original.length, ...SPAM };
  }
  return undefined;
}

/** Builds the spam stage for one tenant's settings over a shared window. */
export function createSpamDetector(opts: SpamOptions, window: SpamWindow): SpamDetector {
  const windowMs = opts.windowSec * 1000;
  const verdict = (input: SpamInput, mine: SpamCount, room: SpamCount): FilterHit | undefined => {
    if (room.distinct >= opts.raidUsers) return { kind: "spam", detail: "raid", match: input.text, start: 0, end: input.text.length, ...SPAM };
    if (mine.count > opts.repeatsPerUser) return { kind: "spam", detail: "repeat", match: input.text, start: 0, end: input.text.length, ...SPAM };
    return undefined;
  };
  return Object.freeze({
    check(input: SpamInput): MaybePromise<FilterHit | undefined> {
      const norm = input.norm ?? normalize(input.text);
      const flood = findFlood(norm);
      if (flood) return flood;
      const fp = fingerprint(norm);
      if (fp.length < MIN_FINGERPRINT || COURTESIES.has(fp)) return undefined;
      // Keeps store keys short whatever the message length. No tenant in the key: the window is
      // already the tenant's own (spamWindowFor), on either store.
      const digest = hash53(fp).toString(36);
      // The embedded window answers at once; a shared one is asked both questions in one step.
      const keys = [`spam:repeat:${encodeURIComponent(input.userId)}:${digest}`, `spam:raid:${encodeURIComponent(input.room)}:${digest}`] as const;
      return whenReady(window.recordPair(keys, input.userId, windowMs, input.now), ([mine, room]) => verdict(input, mine, room));
    },
  });
}
