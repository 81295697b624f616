import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";
// The number types (freephone, shared cost…) are only in the full metadata; validity stays with
// the minimal one, as the detector was measured with it.
import { parsePhoneNumberFromString as parseWithTypes, type NumberType } from "libphonenumber-js/max";
import { normalize, type NormalizedText, type WordToken } from "./normalize.ts";
import { isDigit } from "./char-class.ts";
import { fingerprint } from "./fingerprint.ts";
import type { FilterHit, Tag } from "./types.ts";

/**
 * Contact details (SPEC §12, category `contact`): phone numbers, e-mail addresses and social
 * handles, however written: "07 98 76 54 32", "+33 7.98.76.54.32", "zéro six douze trente-quatre…",
 * "O6 l2 34 56 78", "lea.b@gmail.com", "lea arobase gmail point com", "lea [at] gmail [dot] com",
 * "insta @lea_beauty", "snap : lea.b92". Numbers are checked with libphonenumber's metadata, so a
 * price, an order number or a date is not a phone; a number after "commande", "order", "suivi"…
 * never is, and one after "appelle", "call", "WhatsApp"… may be foreign or shorter. A freephone
 * or shared-cost number (libphonenumber's type) is a company's line when its sentence says so
 * anywhere ("le 0 800 45 67 89 c'est bien le numéro officiel du service client ?"), not only
 * within a few words: a seller's "call 0800 243 277 for trade prices" stays held.
 *
 * One pass over the normalised text, and only when the message has something to look at: at least
 * eight digits (written or spelled), an "@", an "at"/"arobase" word or a network's name.
 *
 * @example
 *   createContactDetector([words.fr]).match(normalize("écris-moi au 07 98 76 54 32"));
 *   // [{ kind: "word", detail: "phone", match: "07 98 76 54 32", category: "contact", severity: 3, … }]
 */

/** The words of one language the detector reads (config/lexicons/contact-<lang>.json). */
export interface ContactWords {
  readonly numbers: Readonly<Record<string, number>>;
  readonly joiners: readonly string[];
  readonly at: readonly string[];
  readonly dot: readonly string[];
  readonly networks: readonly string[];
  readonly phoneContext: readonly string[];
  readonly notPhoneContext: readonly string[];
  /**
   * A company's or a public service's line named ("service client", "SAV", "hotline", "customer
   * service", "centre antipoison"): a landline, VoIP or non-geographic number anywhere in its
   * sentence is that line, never a mobile (see Detector.deskLine). Phrases, folded.
   */
  readonly serviceDesk?: readonly string[];
  /** A sentence asking to be called or written to privately ("appelle-moi", "call me", "mon numéro perso"): no number in it is a company's. Phrases. */
  readonly privateLine?: readonly string[];
  /** Words that announce an order, parcel or serial number from further away than notPhoneContext's few words ("le numéro de suivi de mon colis Colissimo c'est…"). */
  readonly idContext?: readonly string[];
  /** Words after which a code stands, not a handle ("code promo STREAM10 sur le discord", "coupon SUMMER20 on their insta"). */
  readonly codeWords?: readonly string[];
  /**
   * Nouns that name a member of this site ("l'utilisatrice Nina78 poste son snap", "user liz_b keeps posting her insta"): a
   * name right after one is this site's user name (detailed "username", as after "pseudo"), not a handle on the network.
   */
  readonly siteUsers?: readonly string[];
  /**
   * Nouns that say what a "numéro de …" is when it is a phone's ("numéro de portable"): after "numéro de" any other
   * noun ("numéro de l'offre", "numéro de concession") names an identifier, and the number does not announce a phone.
   */
  readonly phoneNouns?: readonly string[];
}

export interface ContactDetector {
  match(norm: NormalizedText): FilterHit[];
  /**
   * The tenant's own contact details the message names (see createContactDetector's `allowed`), as
   * original [start, end) spans in text order, and whether one is its line; undefined when it names
   * none. The category model's contact guess is read again without them (compile.ts).
   */
  ownDetails(norm: NormalizedText): OwnDetails | undefined;
}

/** See ContactDetector.ownDetails. */
export interface OwnDetails {
  readonly spans: readonly (readonly [number, number])[];
  /** A number among them: its digits are no words to the model, so a guess beside it was the line itself. */
  readonly line: boolean;
}

const PHONE: Tag = Object.freeze({ category: "contact", severity: 3 });
const EMAIL: Tag = Object.freeze({ category: "contact", severity: 3 });
const HANDLE: Tag = Object.freeze({ category: "contact", severity: 2 });

/** Fewest digits a phone number has (national significant numbers are 8–12 digits in practice). */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;
/** How many digits short of MIN_DIGITS a message may be for its glued number words to be read (see gluedExtra). */
const GLUED_SHORT = 4;
/** How many number words a run must spell to announce itself as a phone number (see judge). */
const SPELLED_OUT = 7;
/**
 * How many single digits typed alone, and how many words for one, a run must mix to hide a number
 * ("07 huit 3 deux 1 neuf 0 quatre 5 6"), and how many of both together: "taille 38 un 40 un 42",
 * "2 en 38, une 40" are sizes and counts (see phones).
 */
const MIXED_EACH = 3, MIXED_ALL = 8;
/** How many digits of a run typed alone, between separators, announce it (see digitByDigit). */
const LONE_DIGITS = 6;
/**
 * How many runs of a message may be read as hidden numbers (each costs a few parses of
 * libphonenumber's metadata): a message with more is held for the first ones, and a flood of digit
 * lists costs no more than a few.
 */
const MAX_HIDDEN = 16;
/** How many words before a number may announce it ("mon numéro c'est le …"). */
const CONTEXT_WORDS = 5;
/** How far either way a company's line is read for the words that say so, in words (its sentence, in practice). */
const SERVICE_LINE_WORDS = 30;
/** At most this many letters joined to digits make a product or model code ("AB-0712-3345"). */
const CODE_LETTERS = 5;
/** Letters joined to a number that still introduce a phone ("au0612…", "at555…", "no 06…"). */
const PHONE_LEADS = new Set(["a", "au", "at", "on", "to", "le", "no", "nr", "n"]);
/** "Networks" that are this site's own user names: a handle next to them is detailed "username". */
const SITE_NAMES = new Set(["pseudo", "username"]);
/** Where a handle may stand around a network's name, in words. */
const HANDLE_AFTER = 4, HANDLE_BEFORE = 3;
/** How many words before a number an order, parcel or serial word still announces it (see Detector.farId). */
const ID_WORDS = 12;
/** Words that name a number of any kind: they announce a phone (phoneContext) but not a call (see Detector.farId). */
const NUMBER_NOUNS = new Set(["numero", "num", "number", "no", "nr", "n"]);
/**
 * Number types a company's or a public service's desk answers on (see Detector.deskLine): not
 * MOBILE, nor FIXED_LINE_OR_MOBILE, nor PREMIUM_RATE (a "service client" on an 08 99 number is the
 * classic scam a shopper must not be sent to).
 */
const DESK_LINES: ReadonlySet<NumberType> = new Set<NumberType>(["FIXED_LINE", "VOIP", "UAN", "TOLL_FREE", "SHARED_COST"]);
/** The calling codes of ANNOUNCED_IN's countries: "4 4 7 9 1 1…" is a British mobile without its "+". */
const CALLING_CODES: readonly string[] = ["33", "32", "41", "44", "1", "49", "34", "39"];
/**
 * Countries whose numbers are dialled with a trunk "0" at home: a hidden number starting with one is
 * tried in them. Not tried bare: Germany's and Britain's metadata find most ten-digit strings valid
 * ("5432154321", "1234567890"), so a number without its "0", its calling code or North America's
 * shape is none.
 */
const TRUNK_COUNTRIES: readonly CountryCode[] = ["FR", "BE", "CH", "GB", "DE", "IT"];
/** Countries a number without a prefix is tried in when the words around it announce a phone. */
const ANNOUNCED_IN: readonly CountryCode[] = ["FR", "BE", "CH", "GB", "US", "CA", "DE", "ES", "IT"];
/** Number types that reach a company's switchboard, never a person's phone (libphonenumber's getType). */
const SERVICE_LINES: ReadonlySet<NumberType> = new Set<NumberType>(["TOLL_FREE", "SHARED_COST"]);
/** Mail providers: "lea at gmail" needs no "dot com". */
const PROVIDERS = new Set(["gmail", "googlemail", "hotmail", "yahoo", "outlook", "live", "msn", "icloud", "me", "orange", "free", "sfr", "laposte", "wanadoo", "proton", "protonmail", "gmx", "aol", "yandex", "bbox", "neuf", "mail", "caramail", "skynet", "bluewin"]);
/** Providers that are also everyday words: after a spoken "at" they count only with a ".com". */
const WORDLIKE_PROVIDERS = new Set(["me", "live", "free", "orange", "mail", "neuf", "msn"]);
const TLDS = new Set(["com", "fr", "net", "org", "io", "co", "eu", "be", "ch", "ca", "uk", "de", "es", "it", "info", "biz", "me", "us", "lu", "nl", "pt", "app", "shop", "store"]);

/**
 * `allowed`: the tenant's allowed phrases (FilterLists.allow). Those that are a contact detail are the
 * brand's own: its handle ("@demo_beauty"), its address, its service line ("01 84 88 00 00").
 * Shoppers name them to each other ("leur insta @demo_beauty a les promos"), and the brand is no
 * seller taking them off its site: never held (see ownContacts).
 */
export function createContactDetector(langs: readonly ContactWords[], allowed: readonly string[] = []): ContactDetector {
  const numbers = new Map<string, number>();
  const set = (pick: (w: ContactWords) => readonly string[]) => new Set(langs.flatMap(pick));
  for (const w of langs) for (const [k, v] of Object.entries(w.numbers)) numbers.set(k, v);
  const phrases = (pick: (w: ContactWords) => readonly string[] | undefined) => phraseIndex(langs.flatMap((w) => (pick(w) ?? []).map((p) => p.split(" "))));
  return new Detector(numbers, set((w) => w.joiners), set((w) => w.at), set((w) => w.dot), set((w) => w.networks),
    set((w) => w.phoneContext), set((w) => w.notPhoneContext), phrases((w) => w.serviceDesk), phrases((w) => w.privateLine),
    set((w) => w.idContext ?? []), set((w) => w.codeWords ?? []), set((w) => w.siteUsers ?? []), set((w) => w.phoneNouns ?? []),
    ownContacts(allowed));
}

/**
 * The ids (see Found.id) of the contact details among a tenant's allowed phrases (isContactPhrase):
 * a handle or an address folded, without a leading "@" or spaces; a number as written and in its
 * other spelling, by libphonenumber ("01 84 88 00 00": "#0184880000" and "#+33184880000", its
 * international number in the first of the shop's countries where it is valid; "+33 1 84 88 00 00":
 * the same two), so either spelling of the brand's line matches and no other country's or area
 * code's number does.
 */
function ownContacts(allowed: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const phrase of allowed) {
    if (!isContactPhrase(phrase)) continue;
    const folded = normalize(phrase).folded.trim();
    if (folded.includes("@")) { out.add(nameId(folded)); continue; }
    const digits = folded.replace(/\D/g, "");
    const plus = folded.startsWith("+");
    out.add(numberId(digits, plus));
    // The other spelling: national for an international number, international for a national one.
    const parsed = plus || digits.startsWith("00") ? parsePhoneNumberFromString(`+${plus ? digits : digits.slice(2)}`)
      : ANNOUNCED_IN.map((c) => parsePhoneNumberFromString(digits, c)).find((n) => n?.isValid());
    if (parsed?.isValid()) {
      out.add(`#${parsed.number}`);
      out.add(`#${parsed.formatNational().replace(/\D/g, "")}`);
    }
  }
  return out;
}

/**
 * Whether an allowed phrase is a contact detail, the brand's own: a handle ("@demo_beauty"), an
 * e-mail address, or a number (eight digits or more, and only what a number is written with). Any
 * other allowed word stays a word: "shop" or "promo" allowed must not let "snap : promo" through.
 */
export function isContactPhrase(phrase: string): boolean {
  const t = phrase.trim();
  if (/^@[\p{L}\p{N}_.]{2,}$/u.test(t)) return true;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return true;
  return /^[\d\s+().\/-]+$/.test(t) && t.replace(/\D/g, "").length >= MIN_DIGITS;
}

/** A number's id: "#" and its digits as written, a "+" before them when written international ("00" read as "+"). */
function numberId(digits: string, plus: boolean): string {
  return plus ? `#+${digits}` : digits.startsWith("00") ? `#+${digits.slice(2)}` : `#${digits}`;
}

/** A handle's or an address's id: folded, without a leading "@" or spaces. */
function nameId(folded: string): string {
  return folded.replace(/\s+/g, "").replace(/^@/, "");
}

/** Per message: how many more runs may be read as hidden numbers (MAX_HIDDEN), and whether the text has a keycap at all. */
interface HiddenBudget { left: number; readonly keycaps: boolean }

interface Found {
  fs: number; fe: number; detail: string; tag: Tag;
  /** What the detail is, to compare with the tenant's own (ownContacts): a number's or a handle's or address's id; made only for a tenant that has some. */
  id?: string;
}

/** No contact: shared, so the usual message allocates nothing here (the words stage only reads it). */
const NONE: FilterHit[] = Object.freeze([]) as unknown as FilterHit[];

/** Bits of the fingerprint filter (Detector.fps): some 4 KB, for a few hundred trigger words. */
const FP_BITS = 1 << 15;

/** What a word may start, as bits of `Detector.triggers`. */
const NUMBER = 1, AT = 2, NETWORK = 4;

class Detector implements ContactDetector {
  /** Number words, "at" words and networks: one lookup per message word. */
  private readonly triggers = new Map<string, number>();
  /** Their shapes (length, first and last letter) as bits: most message words need no lookup at all. */
  private readonly shapes = new Uint32Array(Math.ceil((32 * 27 * 27) / 32));
  /** Their fingerprints (WordToken.fp) as bits: finer than shapes ("un" and "en" differ), so fewer lookups. */
  private readonly fps: Uint32Array;
  /** Fingerprints of the words a phone run may read (numbers, joiners, "double", "triple"), and of the "at" words and networks. */
  private readonly runWords: Uint32Array;
  private readonly atWords: Uint32Array;
  private readonly networkWords: Uint32Array;

  constructor(
    private readonly numbers: ReadonlyMap<string, number>,
    private readonly joiners: ReadonlySet<string>,
    private readonly at: ReadonlySet<string>,
    private readonly dot: ReadonlySet<string>,
    private readonly networks: ReadonlySet<string>,
    private readonly phoneContext: ReadonlySet<string>,
    private readonly notPhoneContext: ReadonlySet<string>,
    private readonly serviceDesk: Phrases,
    private readonly privateLine: Phrases,
    private readonly idContext: ReadonlySet<string>,
    private readonly codeWords: ReadonlySet<string>,
    private readonly siteUsers: ReadonlySet<string>,
    private readonly phoneNouns: ReadonlySet<string>,
    private readonly own: ReadonlySet<string>,
  ) {
    const mark = (k: string, bit: number) => this.triggers.set(k, (this.triggers.get(k) ?? 0) | bit);
    for (const k of numbers.keys()) mark(k, NUMBER);
    for (const k of at) mark(k, AT);
    for (const k of networks) mark(k, NETWORK);
    for (const k of this.triggers.keys()) { const sh = shapeOf(k); this.shapes[sh >>> 5] |= 1 << (sh & 31); }
    this.fps = fingerprintBits(this.triggers.keys());
    this.runWords = fingerprintBits([...numbers.keys(), ...joiners, "double", "triple"]);
    this.atWords = fingerprintBits(at);
    this.networkWords = fingerprintBits(networks);
  }

  match(norm: NormalizedText): FilterHit[] {
    const found = this.find(norm);
    if (found === undefined) return NONE;
    if (found.length === 0) return [];
    found.sort((a, b) => a.fs - b.fs || b.fe - a.fe);
    const out: FilterHit[] = [];
    let coveredTo = -1;
    for (const h of found) {
      if (h.fe <= coveredTo) continue;
      // The brand's own handle, address or line, written by a shopper: not taken off the site.
      if (h.id !== undefined && this.own.has(h.id)) continue;
      coveredTo = h.fe;
      const [start, folded] = norm.toOriginal(h.fs, h.fe);
      // A keycap digit's marks ("6️⃣": U+FE0F U+20E3) fold away: the match takes the last one's too.
      let end = folded;
      while (end < norm.original.length && (norm.original.charCodeAt(end) === 0xfe0f || norm.original.charCodeAt(end) === 0x20e3)) end++;
      out.push({ kind: "word", detail: h.detail, match: norm.original.slice(start, end), start, end, category: h.tag.category, severity: h.tag.severity });
    }
    return out;
  }

  ownDetails(norm: NormalizedText): OwnDetails | undefined {
    // Asked only of a message the model judged a contact, and only where the tenant allowed a contact detail.
    if (this.own.size === 0) return undefined;
    const mine = (this.find(norm) ?? []).filter((h) => h.id !== undefined && this.own.has(h.id)).sort((a, b) => a.fs - b.fs);
    if (mine.length === 0) return undefined;
    return { spans: mine.map((h) => norm.toOriginal(h.fs, h.fe)), line: mine.some((h) => h.detail === "phone") };
  }

  /** Every contact detail of the message, overlapping, in no order; undefined when it has nothing to look at. */
  private find(norm: NormalizedText): Found[] | undefined {
    const f = norm.folded, toks = norm.tokens;
    // What is there to look at: digits, "@", number words, "at" words, networks. Most messages
    // have none: the counts normalize() made and a shape test per word tell.
    // normalize() counted them on its way through the text.
    const digits = norm.digits, arobase = norm.arobase;
    let spelled = 0, atWord = false, network = false;
    const shapes = this.shapes, fps = this.fps;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i], key = t.key;
      // The fingerprint first: it is in the token already, where the shape reads the key's letters.
      if (!mayBe(fps, t)) continue;
      const sh = shapeOf(key);
      if ((shapes[sh >>> 5] & (1 << (sh & 31))) === 0) continue;
      const kind = this.triggers.get(key);
      if (kind === undefined) continue;
      if (kind & NUMBER) spelled++;
      if (kind & AT) atWord = true;
      if (kind & NETWORK) network = true;
    }
    // Number words glued to digits ("zéro6 1deux 34 cinq6 7huit") count as the digits they spell:
    // looked for only when the digits alone fall a few short, as such a number's do.
    if (digits + spelled < MIN_DIGITS && digits >= MIN_DIGITS - GLUED_SHORT) spelled += this.gluedExtra(f, toks);
    // Letters typed for digits ("O7 9ll l23 456") count as the digits they stand for, likewise.
    if (digits + spelled < MIN_DIGITS && digits >= MIN_DIGITS - GLUED_SHORT) spelled += lookalikeExtra(f, toks);
    if (digits + spelled < MIN_DIGITS && !arobase && !atWord && !network) return undefined;
    const found: Found[] = [];
    if (digits + spelled >= MIN_DIGITS) this.phones(norm, found);
    if (arobase) this.emails(norm, found);
    if (atWord) this.spokenEmails(norm, found);
    if (network) this.handles(norm, found);
    return found;
  }

  // ---- phones

  /**
   * Runs of digits, digit look-alikes and number words, with short separators between them. Only
   * a digit, a "+" or a number word can start one: the scan jumps from one to the next.
   */
  private phones(norm: NormalizedText, found: Found[]): void {
    const f = norm.folded, toks = norm.tokens, n = f.length;
    const hidden: HiddenBudget = { left: MAX_HIDDEN, keycaps: norm.original.includes("\u20e3") };
    // The tokens a run may read (number words, "O6"-like look-alikes, "double"), by start offset.
    const readable = new Map<number, WordToken>();
    // Digits glued to number words ("0six", "4five"), read as their digits.
    const glued = new Map<number, string>();
    const starts: number[] = [];
    const runWords = this.runWords;
    for (const t of toks) {
      // Most words of a long message are none of these: a bit test before the lookups.
      const word = mayBe(runWords, t);
      if ((word && (this.numbers.has(t.key) || t.key === "double" || t.key === "triple" || this.joiners.has(t.key))) || lookalikeDigits(f, t)) {
        readable.set(t.s, t);
        if ((word && this.numbers.has(t.key)) || lookalikeDigits(f, t)) starts.push(t.s);
      } else if (isDigit(f.charCodeAt(t.s)) || isDigit(f.charCodeAt(t.e - 1))) {
        const d = this.gluedDigits(f, t);
        if (d !== undefined) { glued.set(t.s, d); readable.set(t.s, t); starts.push(t.s); }
      }
    }
    let i = 0, next = 0;
    while (i < n) {
      // The next place a run can start: a digit, a "+" before one, or a number word.
      while (next < starts.length && starts[next] < i) next++;
      const word = next < starts.length ? starts[next] : n;
      // The regex engine finds the next digit (or "+" before one) natively, several times faster
      // than a loop over the characters of a long message.
      RUN_START.lastIndex = i;
      const at = RUN_START.exec(f);
      const start = at === null || at.index > word ? word : at.index;
      if (start >= n) return;
      i = start;
      // Number words read, and whether they only count up or down by one ("one two three…").
      // And, for a number hidden among words ("07 huit 3 deux…"), the words for one digit and the
      // digits typed alone it mixes, and whether a comma lists them.
      let out = "", plus = false, last = -1, gap = 0, said = 0, prev = -1, counts = true, small = 0, lone = 0, comma = false;
      const words: number[] = [];
      while (i < n) {
        const c = f.charCodeAt(i);
        const tok = readable.get(i);
        if (tok !== undefined && this.numbers.has(tok.key)) {
          const v = this.numbers.get(tok.key)!;
          if (said > 0 && Math.abs(v - prev) !== 1) counts = false;
          words.push(v); prev = v;
          if (v >= 0 && v <= 9) small++;
          i = tok.e; last = i; gap = 0; said++;
        } else if (tok !== undefined && glued.has(tok.s)) {
          if (words.length) { out += spell(words); words.length = 0; }
          out += glued.get(tok.s)!; i = tok.e; last = i; gap = 0;
        } else if (tok !== undefined && lookalikeDigits(f, tok)) {
          if (words.length) { out += spell(words); words.length = 0; }
          out += digitsOf(f, tok); i = tok.e; last = i; gap = 0;
        } else if (isDigit(c)) {
          if (words.length) { out += spell(words); words.length = 0; }
          if ((i === 0 || !isDigit(f.charCodeAt(i - 1))) && !isDigit(f.charCodeAt(i + 1))) lone++;
          out += f[i]; i++; last = i; gap = 0;
        } else if (tok !== undefined && (tok.key === "double" || tok.key === "triple") && last >= 0) {
          words.push(tok.key === "double" ? -2 : -3);
          i = tok.e; gap = 0;
        } else if (tok !== undefined && this.joiners.has(tok.key) && words.length > 0) {
          i = tok.e; gap = 0;
        } else if (c === 43 && last < 0 && i + 1 < n && isDigit(f.charCodeAt(i + 1))) {
          plus = true; i++;
        } else if (last >= 0 && isPhoneSeparator(c) && gap < 3) {
          if (c === 44) comma = true;
          // An ellipsis between the groups ("06 ... 11 ... 58") is one separator, not three.
          if (!(c === 46 && f.charCodeAt(i - 1) === 46)) gap++;
          i++;
        } else break;
      }
      if (words.length) out += spell(words);
      if (last < 0) { i = start + 1; continue; }
      if (this.codePrefixed(f, start)) { i = Math.max(last, start + 1); continue; }
      const mixed = small >= MIXED_EACH && lone >= MIXED_EACH && small + lone >= MIXED_ALL && !comma;
      this.judge(norm, out, plus, firstNonSeparator(f, start), last, found, said >= SPELLED_OUT && !counts, mixed, hidden);
      i = Math.max(last, start + 1);
    }
  }

  /** How many digits the number words glued to digits add ("1deux": one), over the message. */
  private gluedExtra(f: string, toks: readonly WordToken[]): number {
    let extra = 0;
    for (const t of toks) {
      if (t.e - t.s < 4 || !(isDigit(f.charCodeAt(t.s)) || isDigit(f.charCodeAt(t.e - 1)))) continue;
      const d = this.gluedDigits(f, t);
      if (d === undefined) continue;
      let own = 0;
      for (let i = t.s; i < t.e; i++) if (isDigit(f.charCodeAt(i))) own++;
      extra += d.length - own;
    }
    return extra;
  }

  /**
   * The digits of a word that glues digits to single-digit number words ("0six" → "06",
   * "4five" → "45"): a disguise that keeps each part out of both readings. Undefined for any
   * other word ("4ever", "2in1", "x20").
   */
  private gluedDigits(f: string, t: WordToken): string | undefined {
    let out = "", letters = false;
    for (let i = t.s; i < t.e;) {
      let j = i;
      if (isDigit(f.charCodeAt(i))) {
        while (j < t.e && isDigit(f.charCodeAt(j))) j++;
        out += f.slice(i, j);
      } else {
        while (j < t.e && isLetter(f.charCodeAt(j))) j++;
        const n = j > i ? this.numbers.get(f.slice(i, j)) : undefined;
        if (n === undefined || n < 0 || n > 9) return undefined;
        out += String(n); letters = true;
      }
      i = j;
    }
    return letters && out.length > 1 ? out : undefined;
  }

  /**
   * Whether the digits at folded offset `s` belong to a product or model code: a few letters
   * joined to them, or joined by a dash ("AB-0712-3345", "XR0612345678"), that are neither a
   * phone's own announcement ("tel-06…") nor a number word ("zéro6 98…").
   */
  private codePrefixed(f: string, s: number): boolean {
    let k = s - 1;
    if (k >= 0 && f.charCodeAt(k) === 45) k--;
    let from = k;
    while (from >= 0 && isLetter(f.charCodeAt(from))) from--;
    const letters = k - from;
    if (letters < 1 || letters > CODE_LETTERS || (from >= 0 && isDigit(f.charCodeAt(from)))) return false;
    const lead = f.slice(from + 1, k + 1);
    return !this.phoneContext.has(lead) && !PHONE_LEADS.has(lead) && !this.numbers.has(lead);
  }

  /** A run that stars or ellipses joined but that is no number so cut: its pieces between the marks, read as they were before. */
  private pieces(norm: NormalizedText, fs: number, fe: number, found: Found[], hidden?: HiddenBudget): void {
    for (const [ps, pe] of piecesBetweenMarks(norm.folded, fs, fe)) {
      const d = digitsIn(norm.folded, ps, pe);
      if (d.length >= MIN_DIGITS) this.judge(norm, d, norm.folded.charCodeAt(ps) === 43, ps, pe, found, false, false, hidden);
    }
  }

  /** Whether `digits` (read from folded [fs, fe)) is a phone number, by its shape, its country and the words before it. */
  private judge(norm: NormalizedText, digits: string, plus: boolean, fs: number, fe: number, found: Found[], spelledOut = false, mixed = false, hidden?: HiddenBudget): void {
    // Groups cut by stars or ellipses ("415*555*0132", "06 ... 12 ... 34"): a number written to hide,
    // or sizes, dimensions, a countdown, shades (« 140*190*25 », "05... 04... 03...", « 01… 02… »),
    // or a number beside other digits ("06 12 34 56 78 * 24h/24", "…78... 2 fois").
    const odd = oddlyCut(norm.folded, fs, fe);
    const inRange = digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS;
    if (odd === "bad" || (odd === "yes" && !inRange)) return this.pieces(norm, fs, fe, found, hidden);
    if (!inRange) return;
    // "1941 - 2024" on a ribbon, "(1985-2023)": a span of years.
    if (!plus && yearSpan(norm.folded, fs, fe)) return;
    const bracketed = areaCodeInBrackets(norm.folded, fs);
    const before = this.wordsBefore(norm, fs);
    const announced = before.some((k, n) => this.phoneContext.has(k) && !this.namesAnId(before, n));
    const after0 = this.wordsAfter(norm, fe);
    // "commande n° …", or "… pour le SAV": an order, a parcel, the shop's own line.
    const notPhone = before.some((k) => this.notPhoneContext.has(k)) || after0.some((k) => this.notPhoneContext.has(k))
      || ((this.saysCompanyLine(norm, fs, fe) || this.deskInMessage(norm)) && serviceLine(digits, plus))
      || this.deskLine(norm, digits, plus, fs, fe) || this.farId(norm, before, fs, fe);
    if (odd === "yes") {
      // Cut so throughout: valid as dialled, no unit after it (« 450*350*1800 mm »), a North American number announced.
      const american = !plus && !digits.startsWith("00") && digits.length === 10 && digits[0] !== "0";
      if (notPhone || after0.some((k) => UNITS.has(k)) || !validAsDialled(digits, plus) || (american && !announced && !after0.some((k) => this.phoneContext.has(k)))) return this.pieces(norm, fs, fe, found, hidden);
      found.push({ fs: bracketed ? fs - 1 : fs, fe, detail: "phone", tag: PHONE, id: this.own.size > 0 ? numberId(digits, plus) : undefined });
      return;
    }
    let phone = false;
    // A number spelled out word by word ("five five five, two one three…") announces itself: nobody
    // writes an order or a price that way.
    const announced2 = announced || spelledOut || after0.some((k) => this.phoneContext.has(k));
    if (notPhone) phone = false;
    else if (plus || digits.startsWith("00")) {
      const intl = "+" + (plus ? digits : digits.slice(2));
      phone = valid(intl) || ((announced2 || grouped(norm.folded, fs, fe)) && possibleIntl(intl));
    }
    else if (digits.length === 10 && digits[0] === "0") phone = valid(digits, "FR") || (announced2 && possible(digits, "FR"));
    else if (digits.length === 11 && digits.startsWith("33")) phone = valid("+" + digits);
    // A British mobile as dialled at home ("07911 123456"): eleven digits from "07", valid there and
    // cut as Britons cut it, which a date and a time ("07/11/2024 1.30") or a draw's numbers are not.
    else if (digits.length === 11 && digits.startsWith("07") && britishGroups(norm.folded, fs, fe) && valid(digits, "GB")) phone = true;
    else if (digits.length === 9 && (digits[0] === "6" || digits[0] === "7")) phone = valid("0" + digits, "FR") && (announced || grouped(norm.folded, fs, fe));
    else if (announced2) phone = ANNOUNCED_IN.some((c) => possible(digits, c));
    // A number hidden from filters, whatever the words around: digits and number words mixed
    // ("07 huit 3 deux 1 neuf…"), typed a digit at a time ("0 7 9 1 1. 1 2 3…") or in keycap emoji
    // ("0️⃣7️⃣…"). Nobody writes an order or a price that way; a list of marks or a count may look
    // alike, so only a number valid as dialled (hiddenNumber), and a few per message.
    else if (hidden !== undefined && hidden.left > 0 && digits.length >= 10 && (mixed || this.typedToHide(norm, digits, fs, fe, hidden))) {
      hidden.left--;
      phone = hiddenNumber(digits, norm.folded, fs, fe);
    }
    // "(212) 555-0147": the North American way of writing a number, area code in brackets.
    else if (digits.length === 10 && bracketed) phone = valid(digits, "US");
    // The bracket opening the area code is quoted with the number.
    if (phone) found.push({ fs: bracketed ? fs - 1 : fs, fe, detail: "phone", tag: PHONE, id: this.own.size > 0 ? numberId(digits, plus) : undefined });
  }

  /** Whether folded [fs, fe) is typed a digit at a time or in keycap emoji, and is no count ("1 2 3 4…"). */
  private typedToHide(norm: NormalizedText, digits: string, fs: number, fe: number, hidden: HiddenBudget): boolean {
    return (digitByDigit(norm.folded, fs, fe) || (hidden.keycaps && keycaps(norm, fs, fe))) && !counts(norm.folded, fs, fe);
  }

  /**
   * A company's or a public service's line: its sentence names the desk ("le service client de la
   * pharmacie m'a rappelée au 01 84 …", "SOS Amitié … 09 72 …", "customer care … +41 22 …") and the
   * number is a landline, VoIP, non-geographic or freephone one (libphonenumber's type: never a
   * mobile, nor a US number that may be one), and the sentence asks nobody to call privately
   * ("le SAV répond pas, appelle-moi au 01 …").
   */
  private deskLine(norm: NormalizedText, digits: string, plus: boolean, fs: number, fe: number): boolean {
    if (this.serviceDesk.size === 0) return false;
    const before = this.wordsBefore(norm, fs, SERVICE_LINE_WORDS).reverse(), after = this.wordsAfter(norm, fe, SERVICE_LINE_WORDS);
    const says = (list: Phrases) => hasPhrase(before, list) || hasPhrase(after, list);
    if (!says(this.serviceDesk) || says(this.privateLine)) return false;
    const type = lineType(digits, plus);
    return type !== undefined && DESK_LINES.has(type);
  }

  /**
   * Whether the number noun at `before[n]` (words before a number, nearest first) is "numéro de" and a noun that is no
   * phone's ("le numéro de l'offre est 457-882-19", "numéro de concession 2019-0457"): it names an identifier.
   */
  private namesAnId(before: readonly string[], n: number): boolean {
    if (this.phoneNouns.size === 0 || !NUMBER_NOUNS.has(before[n]) || n < 2 || !OF.has(before[n - 1])) return false;
    let k = n - 2;
    while (k > 0 && ARTICLES.has(before[k])) k--;
    // "le numéro de ma fille", "numéro de la …" and nothing after: someone's, or not said.
    const noun = before[k];
    if (ARTICLES.has(noun) || OWNERS.has(noun)) return false;
    return !this.phoneNouns.has(noun) && !this.phoneContext.has(noun) && !this.numbers.has(noun);
  }

  /**
   * A freephone or shared-cost number in a message that names a company's desk in another sentence ("Anyone know the
   * customer service hours? Their page says call 1-800-…") and asks nobody to call privately: the desk's own line.
   */
  private deskInMessage(norm: NormalizedText): boolean {
    const toks = norm.tokens, key = (i: number) => toks[i].key;
    return this.serviceDesk.size > 0 && phraseAt(toks.length, key, this.serviceDesk) && !phraseAt(toks.length, key, this.privateLine);
  }

  /**
   * An order, parcel or serial number announced from further back in its sentence than
   * notPhoneContext reaches ("Serial number's on the bottom, 0779 …", "suivre mon colis avec le
   * numéro Colissimo 6A1234…"), unless a call word stands right before it or the sentence asks
   * to be called privately.
   */
  private farId(norm: NormalizedText, near: readonly string[], fs: number, fe: number): boolean {
    if (this.idContext.size === 0) return false;
    const before = this.wordsBefore(norm, fs, ID_WORDS);
    if (!before.some((k) => this.idContext.has(k))) return false;
    if (near.some((k) => this.phoneContext.has(k) && !NUMBER_NOUNS.has(k))) return false;
    const after = this.wordsAfter(norm, fe, SERVICE_LINE_WORDS);
    return !hasPhrase(before.slice().reverse(), this.privateLine) && !hasPhrase(after, this.privateLine);
  }

  /** Whether a word of a company's line ("officiel", "service", "hotline"…) stands in the sentence of folded [fs, fe). */
  private saysCompanyLine(norm: NormalizedText, fs: number, fe: number): boolean {
    const says = (k: string) => this.notPhoneContext.has(k);
    return this.wordsBefore(norm, fs, SERVICE_LINE_WORDS).some(says) || this.wordsAfter(norm, fe, SERVICE_LINE_WORDS).some(says);
  }

  /** Token keys of up to `max` words after folded offset `fe`, in the same sentence ("…, call me after 6"). */
  private wordsAfter(norm: NormalizedText, fe: number, max = CONTEXT_WORDS): string[] {
    const toks = norm.tokens, f = norm.folded;
    const out: string[] = [];
    for (let j = firstTokenFrom(toks, fe), edge = fe; j < toks.length && out.length < max; j++) {
      if (hasSentenceEnd(f, edge, toks[j].s)) break;
      out.push(toks[j].key);
      edge = toks[j].e;
    }
    return out;
  }

  /** Token keys of up to `max` words before folded offset `fs`, in the same sentence. */
  private wordsBefore(norm: NormalizedText, fs: number, max = CONTEXT_WORDS): string[] {
    const toks = norm.tokens, f = norm.folded;
    const out: string[] = [];
    let j = firstTokenFrom(toks, fs) - 1;
    for (let edge = fs; j >= 0 && out.length < max; j--) {
      if (hasSentenceEnd(f, toks[j].e, edge)) break;
      out.push(toks[j].key);
      edge = toks[j].s;
    }
    return out;
  }

  // ---- e-mail addresses

  /** "lea.b@gmail.com", "lea @ gmail . com", "lea@gmail point com". */
  private emails(norm: NormalizedText, found: Found[]): void {
    const f = norm.folded;
    for (let at = f.indexOf("@"); at >= 0; at = f.indexOf("@", at + 1)) {
      let ls = at;
      while (ls > 0 && f.charCodeAt(ls - 1) === 32) ls--;
      const localEnd = ls;
      while (ls > 0 && isLocalChar(f.charCodeAt(ls - 1))) ls--;
      if (ls === localEnd) continue; // "@lea": a handle, not an address
      let ds = at + 1;
      while (ds < f.length && f.charCodeAt(ds) === 32) ds++;
      const end = this.domainEnd(norm, ds);
      if (end > 0) { const fs = firstLocal(f, ls); found.push({ fs, fe: end, detail: "email", tag: EMAIL, id: this.own.size > 0 ? nameId(f.slice(fs, end)) : undefined }); }
    }
  }

  /** "lea arobase gmail point com", "lea [at] gmail [dot] com", "lea at gmail". */
  private spokenEmails(norm: NormalizedText, found: Found[]): void {
    const toks = norm.tokens, f = norm.folded;
    for (let i = 1; i + 1 < toks.length; i++) {
      if (!mayBe(this.atWords, toks[i]) || !this.at.has(toks[i].key)) continue;
      const local = toks[i - 1];
      if (hasSentenceEnd(f, local.e, toks[i].s)) continue;
      const end = this.domainEnd(norm, toks[i + 1].s, true);
      if (end > 0) found.push({ fs: local.s, fe: end, detail: "email", tag: EMAIL });
    }
  }

  /**
   * Where a mail domain starting at folded offset `ds` ends: a provider ("gmail"), or a name then
   * "." / "dot" / "point" then a top-level domain ("rival.fr", "rival dot com"); 0 if none.
   */
  private domainEnd(norm: NormalizedText, ds: number, spoken = false): number {
    const toks = norm.tokens, f = norm.folded;
    const i = firstTokenEndingAfter(toks, ds);
    if (i >= toks.length || toks[i].s > ds + 1) return 0;
    const name = toks[i];
    const next = toks[i + 1];
    if (next !== undefined) {
      const between = f.slice(name.e, next.s).replace(/[\s()[\]{}]/g, "");
      if (between === "." && TLDS.has(next.key)) return next.e;
      const after = toks[i + 2];
      if (between === "" && this.dot.has(next.key) && after !== undefined && TLDS.has(after.key)) return after.e;
    }
    // Spoken, a provider that is also a common word needs its top-level domain: "laugh at me",
    // "see you at orange", "we met at live" are not addresses.
    return PROVIDERS.has(name.key) && !(spoken && WORDLIKE_PROVIDERS.has(name.key)) ? name.e : 0;
  }

  // ---- social handles

  /** A network's name with a handle next to it: "insta @lea_b", "snap : lea.b92", "@lea_b on insta". */
  private handles(norm: NormalizedText, found: Found[]): void {
    const toks = norm.tokens, f = norm.folded;
    for (let i = 0; i < toks.length; i++) {
      if (!mayBe(this.networkWords, toks[i]) || !this.networks.has(toks[i].key)) continue;
      // A name on this site ("le pseudo Kev44", "username liz_b", "l'utilisatrice Nina78 … son snap"), not on another
      // network: a report to the moderators may name it (see proximity-<lang>.json, mod_address). A word after "code"
      // or "promo" is a code ("code promo STREAM10 sur le discord").
      const site = SITE_NAMES.has(toks[i].key);
      // The brand's own handle ends no search, and a seller's may stand as far beyond it ("insta
      // @acme ou @cheap_deals", "@cheap_deals @acme sur insta"): the window moves past it.
      for (let j = i + 1, last = i + HANDLE_AFTER; j < toks.length && j <= last; j++) {
        // "snap? i'm jake_grill": a question mark right after the network's name asks, and the answer follows.
        if (hasSentenceEnd(f, toks[j - 1].e, toks[j].s) && !(j === i + 1 && questionOnly(f, toks[i].e, toks[j].s))) break;
        if (this.codeWords.has(toks[j - 1].key)) continue;
        const h = handleAt(norm, j, colonBetween(f, toks[i].e, toks[j].s));
        if (h <= 0) continue;
        const id = this.own.size > 0 ? nameId(f.slice(toks[j].s, h)) : undefined;
        found.push({ fs: toks[i].s, fe: h, detail: site || this.siteUsers.has(toks[j - 1].key) ? "username" : "handle", tag: HANDLE, id });
        if (id === undefined || !this.own.has(id)) break;
        last = firstTokenFrom(toks, h) - 1 + HANDLE_AFTER;
      }
      for (let j = i - 1, first = i - HANDLE_BEFORE; j >= 0 && j >= first; j--) {
        if (hasSentenceEnd(f, toks[j].e, toks[j + 1].s)) break;
        const lead = j > 0 ? toks[j - 1].key : "";
        if (this.codeWords.has(lead)) continue;
        const h = handleAt(norm, j, false);
        if (h <= 0) continue;
        const id = this.own.size > 0 ? nameId(f.slice(toks[j].s, h)) : undefined;
        found.push({ fs: handleStart(f, toks[j].s), fe: toks[i].e, detail: site || this.siteUsers.has(lead) ? "username" : "handle", tag: HANDLE, id });
        if (id === undefined || !this.own.has(id)) break;
        first = j - HANDLE_BEFORE;
      }
    }
  }
}

/**
 * The end of a handle starting at token `j`, or 0: "@" before it, or letters joined by "_", "."
 * or digits ("lea_b", "lea.b92"). With `bare`, a lone word right after a network's name and a
 * colon, ending its clause, is a handle too ("snap : leabeauty").
 */
function handleAt(norm: NormalizedText, j: number, bare: boolean): number {
  const toks = norm.tokens, f = norm.folded;
  const t = toks[j];
  let s = t.s;
  if (f.charCodeAt(s) === 64 || (s > 0 && f.charCodeAt(s - 1) === 64)) return runEnd(f, s);
  let e = runEnd(f, s);
  while (e > s && f.charCodeAt(e - 1) === 46) e--;
  const run = f.slice(s, e);
  if (run.length >= 4 && /[a-z]/.test(run) && /[_.\d]/.test(run) && !/^\d+$/.test(run.replace(/[_.]/g, "")) && !MEASURE.test(run)) return e;
  if (bare && t.length >= 4 && (j + 1 >= toks.length || hasClauseEnd(f, t.e, toks[j + 1].s))) return t.e;
  return 0;
}

/** "de", "du", "d'", "des": what joins "numéro" to the thing it numbers. */
const OF = new Set(["de", "du", "d", "des"]);
/** Articles between "numéro de" and its noun ("numéro de l'offre", "numéro de la concession"). */
const ARTICLES = new Set(["l", "la", "le", "les"]);
/** Possessives after "numéro de": a person's number ("le numéro de ma sœur"), whatever noun follows. */
const OWNERS = new Set(["mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs"]);

/**
 * Whether folded [fs, fe) is two years joined by a dash or a slash ("1941 - 2024", "1985/2023"), the second not
 * before the first: a span of years, never a phone.
 */
function yearSpan(f: string, fs: number, fe: number): boolean {
  let i = fs;
  const year = (): number => {
    let v = 0, n = 0;
    while (i < fe && isDigit(f.charCodeAt(i))) { v = v * 10 + f.charCodeAt(i) - 48; i++; n++; }
    return n === 4 && v >= 1800 && v <= 2099 ? v : -1;
  };
  const a = year();
  if (a < 0) return false;
  let dash = false;
  // Folded text has its dashes as "-" already (normalize.ts reads "–" and "—" as it).
  while (i < fe && !isDigit(f.charCodeAt(i))) { const c = f.charCodeAt(i); if (c === 45 || c === 47) dash = true; else if (c !== 32) return false; i++; }
  const b = year();
  return dash && b >= a && i >= fe;
}

/**
 * A quantity and its unit ("does the sensor handle 40kg?", "ig 2.5ml", "60fps on TikTok Live", "Twitch: the 1080p"),
 * a decade or an ordinal ("silver handle, 1900s", "the 21st"): never a handle.
 */
const MEASURE = /^\d+(?:[.,]\d+)?(?:kg|g|mg|lb|lbs|oz|cm|mm|km|m|ml|cl|dl|l|w|kw|v|mah|gb|tb|mb|hz|ghz|mph|kmh|fps|p|i|k|mbps|kbps|s|st|nd|rd|th)$/;

/** The fingerprints of `words` as bits of a FP_BITS set: a word whose bit is clear is none of them. */
function fingerprintBits(words: Iterable<string>): Uint32Array {
  const bits = new Uint32Array(FP_BITS / 32);
  for (const w of words) { const b = fingerprint(w) & (FP_BITS - 1); bits[b >>> 5] |= 1 << (b & 31); }
  return bits;
}

/** Whether token `t` may be one of the words of `bits` (see fingerprintBits). */
function mayBe(bits: Uint32Array, t: WordToken): boolean {
  const b = t.fp & (FP_BITS - 1);
  return (bits[b >>> 5] & (1 << (b & 31))) !== 0;
}

/** A word's shape: its length (31 and more alike), first and last letter (a–z or other). */
function shapeOf(key: string): number {
  return ((key.length < 31 ? key.length : 31) * 27 + letterSlot(key.charCodeAt(0))) * 27 + letterSlot(key.charCodeAt(key.length - 1));
}

function letterSlot(c: number): number {
  return c >= 97 && c <= 122 ? c - 97 : 26;
}

/** Index of the first token starting at or after folded offset `pos` (binary search). */
function firstTokenFrom(toks: readonly WordToken[], pos: number): number {
  let lo = 0, hi = toks.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (toks[mid].s < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Index of the first token ending after folded offset `pos` (binary search). */
function firstTokenEndingAfter(toks: readonly WordToken[], pos: number): number {
  let lo = 0, hi = toks.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (toks[mid].e <= pos) lo = mid + 1; else hi = mid; }
  return lo;
}

function runEnd(f: string, s: number): number {
  let e = s;
  while (e < f.length && (isLocalChar(f.charCodeAt(e)) || f.charCodeAt(e) === 64)) e++;
  return e;
}

function handleStart(f: string, s: number): number {
  return s > 0 && f.charCodeAt(s - 1) === 64 ? s - 1 : s;
}

function colonBetween(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (f.charCodeAt(i) === 58) return true;
  return false;
}


function isLetter(c: number): boolean { return c >= 97 && c <= 122; }

/** Where a phone run may start: a digit, or a "+" right before one. Only phones() uses it, from start to end of a call. */
const RUN_START = /\+?[0-9]/g;

function isLocalChar(c: number): boolean {
  return (c >= 97 && c <= 122) || isDigit(c) || c === 46 || c === 95 || c === 45 || c === 43;
}

function firstLocal(f: string, s: number): number {
  while (s < f.length && (f.charCodeAt(s) === 46 || f.charCodeAt(s) === 45)) s++;
  return s;
}

function isPhoneSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 47 || c === 40 || c === 41 || c === 44 || c === 0xa0 || c === 95 || c === 42;
}

function firstNonSeparator(f: string, s: number): number {
  while (s < f.length && (isPhoneSeparator(f.charCodeAt(s)) || f.charCodeAt(s) === 43)) s++;
  return s > 0 && f.charCodeAt(s - 1) === 43 ? s - 1 : s;
}

/** A token of digits and "o", "l", "i" only, with at least one digit ("O6", "l2", "3o"). */
function lookalikeDigits(f: string, t: WordToken): boolean {
  let digit = false;
  for (let i = t.s; i < t.e; i++) {
    const c = f.charCodeAt(i);
    if (isDigit(c)) digit = true;
    else if (!digitLike(c)) return false;
  }
  return digit;
}

/** How many letters the message's look-alike numbers ("O7", "9ll") type for digits. */
function lookalikeExtra(f: string, toks: readonly WordToken[]): number {
  let extra = 0;
  for (const t of toks) {
    if (!lookalikeDigits(f, t) || isVolume(f, t)) continue;
    for (let i = t.s; i < t.e; i++) if (!isDigit(f.charCodeAt(i))) extra++;
  }
  return extra;
}

/** Digits and a final "l": a volume ("5l", « 1,5l »), not a digit typed as a letter. */
function isVolume(f: string, t: WordToken): boolean {
  if (t.e - t.s < 2 || f.charCodeAt(t.e - 1) !== 108) return false;
  for (let i = t.s; i < t.e - 1; i++) if (!isDigit(f.charCodeAt(i))) return false;
  return true;
}

function digitsOf(f: string, t: WordToken): string {
  return digitsIn(f, t.s, t.e);
}

/**
 * Number words as digits, the way numbers are read out: pairs in French ("zéro six, douze,
 * trente-quatre, soixante-dix-huit" → 0612347 8…), single digits in English ("oh seven nine"),
 * "double"/"triple" (-2/-3) repeating the next digit.
 */
function spell(words: readonly number[]): string {
  let out = "";
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1], after = words[i + 2];
    if (w < 0) {
      if (next !== undefined && next >= 0 && next <= 9) { out += String(next).repeat(-w); i++; }
      continue;
    }
    if (w === 4 && next === 20) {
      // quatre-vingt(s), quatre-vingt-dix-sept…
      if (after !== undefined && after >= 10 && after <= 19) { out += String(80 + after); i += 2; }
      else if (after === 10 && words[i + 3] !== undefined && words[i + 3] >= 7 && words[i + 3] <= 9) { out += String(90 + words[i + 3]); i += 3; }
      else if (after !== undefined && after >= 1 && after <= 9) { out += String(80 + after); i += 2; }
      else { out += "80"; i++; }
      continue;
    }
    if (w >= 20 && w % 10 === 0) {
      if ((w === 60 || w === 80) && next === 10 && after !== undefined && after >= 7 && after <= 9) { out += String(w + 10 + after); i += 2; }
      else if ((w === 60 || w === 80) && next !== undefined && next >= 10 && next <= 19) { out += String(w + next); i++; }
      else if (next !== undefined && next >= 1 && next <= 9) { out += String(w + next); i++; }
      else out += String(w);
      continue;
    }
    if (w === 10 && next !== undefined && next >= 7 && next <= 9) { out += String(10 + next); i++; continue; }
    out += String(w);
  }
  return out;
}

function valid(text: string, country?: CountryCode): boolean {
  const n = parsePhoneNumberFromString(text, country);
  return n !== undefined && n.isValid();
}

/**
 * Whether `digits` (after a "+" when `plus`) is a freephone or shared-cost number: with its
 * country code when it has one, else as read by the first country of ANNOUNCED_IN (the shop's
 * likeliest first) that finds it valid: "0800 123 4567" is British freephone before it is a
 * landline in Bari.
 */
function serviceLine(digits: string, plus: boolean): boolean {
  const type = lineType(digits, plus);
  return type !== undefined && SERVICE_LINES.has(type);
}

/** The type of the number `digits` (after a "+" when `plus`), read as serviceLine says; undefined when no country finds it valid. */
function lineType(digits: string, plus: boolean): NumberType | undefined {
  const intl = plus ? "+" + digits : digits.startsWith("00") ? "+" + digits.slice(2)
    : digits.length === 11 && digits.startsWith("33") ? "+" + digits : undefined;
  for (const c of intl !== undefined ? [undefined] : ANNOUNCED_IN) {
    const n = parseWithTypes(intl ?? digits, c);
    if (n === undefined || !n.isValid()) continue;
    return n.getType();
  }
  return undefined;
}

/** Phrases (token keys) by their first word: a word starts a lookup, not a pass over every phrase. */
type Phrases = ReadonlyMap<string, readonly (readonly string[])[]>;

function phraseIndex(list: readonly (readonly string[])[]): Phrases {
  const out = new Map<string, (readonly string[])[]>();
  for (const p of list) { const l = out.get(p[0]!); if (l === undefined) out.set(p[0]!, [p]); else l.push(p); }
  return out;
}

/** Whether one of `phrases` stands in `keys`, in order. */
function hasPhrase(keys: readonly string[], phrases: Phrases): boolean {
  return phraseAt(keys.length, (i) => keys[i]!, phrases);
}

/** Whether one of `phrases` stands, in order, in the `n` keys `keyAt` reads (a list of keys, or a message's tokens). */
function phraseAt(n: number, keyAt: (i: number) => string, phrases: Phrases): boolean {
  for (let i = 0; i < n; i++) {
    const list = phrases.get(keyAt(i));
    if (list === undefined) continue;
    for (const p of list) {
      if (i + p.length > n) continue;
      let k = 1;
      while (k < p.length && keyAt(i + k) === p[k]) k++;
      if (k === p.length) return true;
    }
  }
  return false;
}

function possibleIntl(text: string): boolean {
  const n = parsePhoneNumberFromString(text);
  return n !== undefined && n.isPossible();
}

function possible(text: string, country: CountryCode): boolean {
  const n = parsePhoneNumberFromString(text, country);
  return n !== undefined && n.isPossible();
}

/** A digit, or a letter typed for one ("O7", "l2"). */
function digitLike(c: number): boolean {
  return isDigit(c) || c === 111 || c === 108 || c === 105;
}

/** The lengths of the groups of digits (and letters typed for them) in folded [fs, fe), and what stands between them. */
function groupsOf(f: string, fs: number, fe: number): { lengths: number[]; values: number[]; gaps: string[] } {
  const lengths: number[] = [], values: number[] = [], gaps: string[] = [];
  let i = fs;
  while (i < fe) {
    const g = i;
    while (i < fe && digitLike(f.charCodeAt(i))) i++;
    if (i > g) { lengths.push(i - g); values.push(Number(digitsIn(f, g, i))); }
    const s = i;
    while (i < fe && !digitLike(f.charCodeAt(i))) i++;
    if (i > s && i < fe && lengths.length > 0) gaps.push(f.slice(s, i));
  }
  return { lengths, values, gaps };
}

/**
 * "no": folded [fs, fe) has no star or ellipsis between its groups. "yes": every gap is one same
 * mark, stars or an ellipsis, spaces around it aside, and the groups do not count up or down by a
 * step ("05... 04... 03", "06... 08... 10", « 01… 02… 03 »). "bad": anything else (« 146,7*71,5 »,
 * "0.99… 1.49…": decimals, sizes).
 */
function oddlyCut(f: string, fs: number, fe: number): "no" | "yes" | "bad" {
  // Most runs have neither mark: a character test, nothing allocated.
  let marked = false;
  for (let i = fs; i < fe && !marked; i++) { const c = f.charCodeAt(i); marked = c === 42 || (c === 46 && f.charCodeAt(i + 1) === 46); }
  if (!marked) return "no";
  // A number spelled out ("zéro six * douze…") is read as words, not groups.
  if (/[a-z]{2,}/.test(f.slice(fs, fe).replace(/[oli]{2,}/g, "0"))) return "no";
  const { values, gaps } = groupsOf(f, fs, fe);
  const mark = (g: string) => { const t = g.replace(/[\s\u00a0()+]+/g, ""); return t === "*" ? "*" : /^\.{2,}$/.test(t) ? "..." : t; };
  if (!gaps.some((g) => { const m = mark(g); return m === "*" || m === "..."; })) return "no";
  const first = mark(gaps[0]!);
  if (!gaps.every((g) => mark(g) === first)) return "bad";
  if (values.length >= 3) {
    const step = values[1]! - values[0]!;
    if (Math.abs(step) <= 10 && values.every((v, k) => k === 0 || v - values[k - 1]! === step)) return "bad";
  }
  return "yes";
}

/** The stretches of folded [fs, fe) between its stars and ellipses. */
function piecesBetweenMarks(f: string, fs: number, fe: number): [number, number][] {
  const out: [number, number][] = [];
  let from = fs;
  for (let i = fs; i < fe; i++) {
    const c = f.charCodeAt(i);
    const dots = c === 46 && f.charCodeAt(i + 1) === 46;
    if (c !== 42 && !dots) continue;
    if (i > from) out.push([from, i]);
    while (i + 1 < fe && f.charCodeAt(i + 1) === 46) i++;
    from = i + 1;
  }
  if (fe > from) out.push([from, fe]);
  // Each piece from its first digit (or "+" before one) to its last.
  return out.map(([s, e]) => {
    while (s < e && !digitLike(f.charCodeAt(s)) && !(f.charCodeAt(s) === 43 && isDigit(f.charCodeAt(s + 1)))) s++;
    while (e > s && !digitLike(f.charCodeAt(e - 1))) e--;
    return [s, e] as [number, number];
  }).filter(([s, e]) => e > s);
}

/** The digits of folded [s, e), letters typed for digits read as the digits they stand for. */
function digitsIn(f: string, s: number, e: number): string {
  let out = "";
  for (let i = s; i < e; i++) {
    const c = f.charCodeAt(i);
    if (isDigit(c)) out += f[i];
    else if (c === 111) out += "0";
    else if (c === 108 || c === 105) out += "1";
  }
  return out;
}

/** Units after a number cut by stars: a size, not a phone (« 450*350*1800 mm »). */
const UNITS = new Set(["mm", "cm", "m", "km", "kg", "g", "ml", "cl", "l", "px", "in", "inch", "inches", "ft", "x"]);

/** A number valid as it would be dialled: French from its "0", international from "+" or "00", North American, a British mobile. */
function validAsDialled(digits: string, plus: boolean): boolean {
  if (plus || digits.startsWith("00")) return valid("+" + (plus ? digits : digits.slice(2)));
  if (digits.length === 10 && digits[0] === "0") return valid(digits, "FR");
  if (digits.length === 10) return digits[0]! >= "2" && valid(digits, "US");
  return digits.length === 11 && digits.startsWith("07") && valid(digits, "GB");
}

/** Whether folded [fs, fe) groups its digits as a British number is written (5 and 6, 5, 3 and 3, 4, 3 and 4), with no slash. */
function britishGroups(f: string, fs: number, fe: number): boolean {
  if (f.slice(fs, fe).includes("/")) return false;
  const n = groupsOf(f, fs, fe).lengths.join(",");
  return n === "5,6" || n === "5,3,3" || n === "4,3,4";
}

/** Digits written in groups ("6 12 34 56 78"), as a phone number is, rather than one run. */
function grouped(f: string, fs: number, fe: number): boolean {
  let seps = 0;
  for (let i = fs; i < fe; i++) if (!isDigit(f.charCodeAt(i))) seps++;
  return seps >= 3;
}

/**
 * Whether folded [fs, fe) is typed a digit at a time ("0 7 9 1 1. 1 2 3. 4 5 6"): LONE_DIGITS digits
 * or more standing alone between separators, at most one group of several, and no comma between
 * them (a list: "1, 1, 2, 3, 5, 8, 13, 21").
 */
function digitByDigit(f: string, fs: number, fe: number): boolean {
  let lone = 0, groups = 0;
  for (let i = fs; i < fe; i++) {
    const c = f.charCodeAt(i);
    if (c === 44) return false;
    if (!isDigit(c) || (i > fs && isDigit(f.charCodeAt(i - 1)))) continue;
    groups++;
    if (i + 1 >= fe || !isDigit(f.charCodeAt(i + 1))) lone++;
  }
  return lone >= LONE_DIGITS && groups - lone <= 1;
}

/**
 * Whether the numbers of folded [fs, fe) count up or down by one: its groups ("1 2 3 … 9 10",
 * "10 9 8 … 1"), or the digits of its one group ("1234567890", keycaps folded together), "9" and
 * "0" next to each other in either ("1 2 3 4 5 6 7 8 9 0", a keyboard's row).
 */
function counts(f: string, fs: number, fe: number): boolean {
  let prev = -1, step = 0, groups = 0, first = -1, firstEnd = -1;
  for (let i = fs; i < fe;) {
    if (!isDigit(f.charCodeAt(i))) { i++; continue; }
    const start = i;
    let v = 0;
    while (i < fe && isDigit(f.charCodeAt(i))) v = v * 10 + f.charCodeAt(i++) - 48;
    if (++groups === 1) { first = start; firstEnd = i; }
    else if ((step = byOne(prev, v, step)) === 0) return false;
    prev = v;
  }
  if (groups !== 1) return true;
  step = 0;
  for (let i = first + 1; i < firstEnd; i++) if ((step = byOne(f.charCodeAt(i - 1) - 48, f.charCodeAt(i) - 48, step)) === 0) return false;
  return true;
}

/** +1 or -1 when `v` follows `prev` by one the same way as `step` (0: either way; two digits wrap 9-0), else 0. */
function byOne(prev: number, v: number, step: number): number {
  const d = prev < 10 && v < 10 ? ((v - prev + 10) % 10 === 1 ? 1 : (prev - v + 10) % 10 === 1 ? -1 : 0) : v - prev === 1 || v - prev === -1 ? v - prev : 0;
  return step === 0 || d === step ? d : 0;
}

/**
 * Whether hidden digits are a number as one dials it: at least four distinct digits, then a
 * national number after its trunk "0" in one of TRUNK_COUNTRIES, a number after one of
 * CALLING_CODES, or North America's ten digits (area code and exchange from 2 to 9) typed in groups
 * ("9 1 7 . 5 5 5 . 0 1 9 8", "(5 1 2) 4 4 7 - 3 0 9 8"): a list of marks out of five spaced by
 * spaces alone often makes a valid American number.
 */
function hiddenNumber(digits: string, f: string, fs: number, fe: number): boolean {
  if (new Set(digits).size < 4) return false;
  if (digits[0] === "0") return TRUNK_COUNTRIES.some((c) => valid(digits, c));
  if (CALLING_CODES.some((p) => digits.startsWith(p)) && valid("+" + digits)) return true;
  return digits.length === 10 && digits[0] >= "2" && digits[3] >= "2" && groupedBySigns(f, fs, fe) && valid(digits, "US");
}

/** Whether a sign other than a space stands between digits of folded [fs, fe) ("9 1 7 . 5 5 5", "6 0 4 - 8 8 2"), or a bracket opens it. */
function groupedBySigns(f: string, fs: number, fe: number): boolean {
  if (fs > 0 && f.charCodeAt(fs - 1) === 40) return true;
  for (let i = fs; i < fe; i++) { const c = f.charCodeAt(i); if (c !== 32 && !isDigit(c)) return true; }
  return false;
}

/** Whether the original text of folded [fs, fe) writes its digits as keycap emoji ("0️⃣7️⃣…", U+20E3 after each). */
function keycaps(norm: NormalizedText, fs: number, fe: number): boolean {
  const [s, e] = norm.toOriginal(fs, fe);
  const text = norm.original;
  for (let i = s; i < e + 2 && i < text.length; i++) if (text.charCodeAt(i) === 0x20e3) return true;
  return false;
}

/** "(212) 555…": three digits in brackets start the run at folded `fs`. */
function areaCodeInBrackets(f: string, fs: number): boolean {
  return fs > 0 && f.charCodeAt(fs - 1) === 40 && isDigit(f.charCodeAt(fs)) && isDigit(f.charCodeAt(fs + 1)) && isDigit(f.charCodeAt(fs + 2)) && f.charCodeAt(fs + 3) === 41;
}

/** A sentence end or line break between folded offsets. */
function hasSentenceEnd(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c === 10 || c === 13 || c === 33 || c === 63 || (c === 46 && i + 1 < to && f.charCodeAt(i + 1) === 32)) return true;
  }
  return false;
}

/** Only a question mark and spaces between folded offsets. */
function questionOnly(f: string, from: number, to: number): boolean {
  let q = false;
  for (let i = from; i < to; i++) { const c = f.charCodeAt(i); if (c === 63) q = true; else if (c !== 32) return false; }
  return q;
}

/** Anything but spaces between two words: the clause ends there. */
function hasClauseEnd(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (f.charCodeAt(i) !== 32) return true;
  return false;
}
