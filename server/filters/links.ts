import { ALL_TLDS, canonicalDomain, isPublicSuffix } from "../config/link-domain.ts";
import type { FilterHit } from "./types.ts";
import { isLetterCode, type NormalizedText } from "./normalize.ts";

/**
 * Link detection over the folded text (case, accents, look-alikes and invisibles already resolved,
 * so "rivalbеauty.com" with a Cyrillic "е" is still rivalbeauty.com).
 *
 * A candidate is a chain of labels joined by a dot or a disguised dot: "." ; " . " ; "(.)" "[.]"
 * "{.}" ; "dot"/"point" (or "d0t"/"p0int") between spaces or in brackets ("rival dot com",
 * "rival (dot) com", "rival d0t fr").
 * The last label of the host must be a real TLD (the `tlds` package) or the TLD of a domain the
 * tenant lists. Rules, in order, for deciding a candidate is a link:
 * 1. a scheme before it ("https://", "hxxps://", any "word://"), "www." first, an e-mail "@",
 *    a path/port/query after it, three labels or more, a known shortener or messaging host
 *    (t.me, wa.me, discord.gg, bit.ly…), or an IPv4 address: always a link;
 * 2. a disguised dot: only with a TLD people say aloud (com, net, org, fr, io…), and for
 *    "dot"/"point" only when the left word is not a determiner ("au point net", "le point info");
 * 3. a plain dot, two labels, nothing else: a link when the TLD is a common web TLD (`STRONG`);
 *    TLDs that are also everyday words ("fine.so", "ok.la", "merci.de", "great.love", "3.5ml")
 *    need evidence from rule 1; a Capitalised right side ("fine.Thanks", "top.Com") is read as a
 *    missing space after a full stop, unless a capital follows inside it ("rival.CoM"). A one-letter
 *    or letterless left label ("e.g.", "24.90", "v2.0") is never a host by itself.
 * 4. a spoken TLD written with a leet "0" or "3" ("rival.c0m", "rival.n3t") is read as that TLD,
 *    under the disguised-dot rule 2.
 *
 * @example
 *   createLinkMatcher({ mode: "allowlist", allow: ["demo-beauty.com"], block: [] })
 *     .match(normalize("allez sur rivalbeauty dot com")); // [{ kind: "link", detail: "rivalbeauty.com", … }]
 */

export interface LinkRules {
  readonly mode: "allowlist" | "blocklist";
  readonly allow: readonly string[];
  readonly block: readonly string[];
}

export interface LinkMatcher {
  /** Links the tenant's mode does not let through. */
  match(norm: NormalizedText): FilterHit[];
  /**
   * Where the message links to the tenant's own site, as original [start, end) spans in text order
   * (a host repeated in a link's path comes inside the link's span); undefined when it links to no
   * such host or to any other as well. The own site is the hosts the allow list names, never a
   * shortener, link hub or messaging invite (HIDDEN_DESTINATION), nor a blocked host, whatever the
   * list says. An address at such a host ("contact@demo-beauty.com") counts, its domain's span: the
   * allow list covers the brand's addresses as it covers its pages. A tenant that allows another
   * site (a video platform) makes it its own here too: the list has no other meaning to go by.
   */
  ownLinks(norm: NormalizedText): readonly (readonly [number, number])[] | undefined;
}

/** A link found in a message, before the tenant's rules are applied. */
export interface FoundLink {
  /** Lower-case host without a leading "www.". */
  readonly host: string;
  /** [fs, fe) in the folded text. */
  readonly fs: number;
  readonly fe: number;
}

/** Web TLDs that are not everyday words: a bare "name.tld" with one of them is a link. */
const STRONG = new Set([
  "com", "net", "org", "info", "biz", "io", "co", "fr", "eu", "uk", "ru", "cn", "xyz", "shop", "store",
  "online", "site", "top", "club", "app", "dev", "gg", "ly", "tv", "cc", "ws", "tk", "ga", "cf", "gq", "pw",
  "su", "nl", "pl", "ro", "cz", "gr", "jp", "kr", "br", "au", "nz", "za", "mx", "ar", "ch", "lu", "mc", "tn",
  "dz", "sn", "ci", "cm", "gp", "mq", "nc", "pf", "mobi", "pro", "link", "click", "vip", "win", "bid", "loan",
  "icu", "buzz", "beauty", "makeup", "skin", "hair", "boutique", "paris", "bzh", "quebec", "asia", "agency",
  "email", "website", "space", "tech", "blog", "gov", "edu", "int", "ovh", "cyou", "rest", "sbs", "cfd",
]);

/** TLDs people say aloud when they disguise a dot ("rival dot com", "rival point fr"). */
const SPOKEN = new Set([
  "com", "net", "org", "fr", "io", "co", "biz", "info", "shop", "store", "be", "ch", "uk", "eu", "xyz",
  "online", "site", "ly", "gg", "ru", "tv", "app", "club", "top", "beauty", "es", "nl",
]);

/** Words before "dot"/"point" that make it a French or English noun, not a disguised dot. */
const NOT_A_HOST = new Set([
  "the", "a", "an", "this", "that", "my", "your", "our", "one", "good", "to", "polka", "le", "la", "les", "un",
  "une", "au", "du", "de", "des", "ce", "cet", "cette", "mon", "ton", "son", "ma", "ta", "sa", "bon", "chaque",
  "quel", "quelle", "meme", "sur", "en", "et", "ou", "point", "dot", "d0t", "p0int", "po1nt", "mise", "dernier", "premier", "petit",
]);

/** URL shorteners and messaging invites: the destination is hidden or leaves the brand's space. */
const HIDDEN_DESTINATION = new Set([
  "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "cutt.ly", "rebrand.ly", "t.ly",
  "shorturl.at", "tiny.cc", "rb.gy", "s.id", "lnkd.in", "youtu.be", "v.gd", "bl.ink", "shorte.st", "adf.ly",
  "linktr.ee", "t.me", "telegram.me", "telegram.dog", "wa.me", "chat.whatsapp.com", "discord.gg",
  "discord.com", "discordapp.com", "m.me", "signal.group", "snapchat.com", "kik.me", "line.me", "vm.tiktok.com",
]);

const enum Join { None, Plain, Spaced, Disguised, Word }

/** Words that stand for a dot, in French and English, with the usual zero-for-"o" disguise. */
const DOT_WORDS: ReadonlySet<string> = new Set(["dot", "d0t", "point", "p0int", "po1nt"]);

interface Label { s: number; e: number }

function isLabelCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || (c >= 128 && isLetterCode(c));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** How the text between two labels joins them; only short gaps can be a disguised dot. */
function gapJoin(f: string, from: number, to: number): Join {
  const len = to - from;
  if (len === 1) return f.charCodeAt(from) === 46 ? Join.Plain : Join.None;
  if (len > 9) return Join.None;
  let core = "";
  let spaces = 0;
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (isSpace(c)) spaces++; else core += f[i];
  }
  // "rival . com": a space BEFORE the dot; "merci. Be careful" is a sentence, not a host.
  if (core === ".") return isSpace(f.charCodeAt(from)) && spaces <= 4 ? Join.Spaced : Join.None;
  if (core === "(.)" || core === "[.]" || core === "{.}" || core === "<.>") return Join.Disguised;
  return Join.None;
}

/** Core (non-space) characters of a short gap, or undefined when it is long or has line breaks. */
function gapCore(f: string, from: number, to: number): string | undefined {
  if (to - from > 6) return undefined;
  let core = "";
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (c === 10 || c === 13) return undefined;
    if (!isSpace(c)) core += f[i];
  }
  return core;
}

const OPENERS = new Set(["(", "[", "{", "<"]);

/** ( [ { < */
function isOpenerCode(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 60;
}
const CLOSERS = new Set([")", "]", "}", ">"]);

/**
 * Cheap screen run before any label is built: most messages only have sentence dots
 * ("Merci. Bonne journée."), which can neither join two labels nor disguise one.
 */
function mayHaveLink(norm: NormalizedText): boolean {
  const f = norm.folded;
  // Native searches for the dots and "//" (most messages have none, or one at the end), instead of
  // a loop over every unit of the text.
  for (let i = f.indexOf(".", 1); i >= 0; i = f.indexOf(".", i + 1)) {
    const prev = f.charCodeAt(i - 1);
    if (isLabelCode(prev) && isLabelCode(f.charCodeAt(i + 1))) return true; // "rival.com"
    if (isSpace(prev) || isOpenerCode(prev)) return true; // "rival . com", "rival(.)com"
  }
  for (let i = f.indexOf("/", 1); i >= 0; i = f.indexOf("/", i + 1)) if (f.charCodeAt(i - 1) === 47) return true; // "//"
  // A "dot" or "point" between spaces or brackets is a whole word token of its own (spaces and
  // brackets separate tokens, its letters and digits never do): the tokeniser has already cut
  // the text, so only the three- and five-unit tokens are looked at.
  const tokens = norm.tokens;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const len = t.e - t.s;
    if ((len === 3 || len === 5) && f.charCodeAt(t.e - 1) === 116 && dotWordEndingAt(f, t.e - 1) === t.s
      && isWordEdge(f.charCodeAt(t.s - 1)) && isWordEdge(f.charCodeAt(t.e))) return true;
  }
  return false;
}

/** A space or a bracket (NaN, outside the text, is neither). */
function isWordEdge(c: number): boolean {
  return isSpace(c) || isOpenerCode(c) || c === 41 || c === 93 || c === 125 || c === 62;
}

/**
 * Start of the next "dot", "d0t", "point", "p0int" or "po1nt" at or after `from`, or -1: one pass
 * over the t's instead of one search per spelling.
 */
function nextDotWord(f: string, from: number): number {
  for (let i = f.indexOf("t", from + 2); i >= 0; i = f.indexOf("t", i + 1)) {
    const at = dotWordEndingAt(f, i);
    if (at >= from) return at;
  }
  return -1;
}

/** Start of the "dot", "d0t", "point", "p0int" or "po1nt" whose "t" is at `i`, or -1. */
function dotWordEndingAt(f: string, i: number): number {
  const a = f.charCodeAt(i - 1);
  if ((a === 111 || a === 48) && f.charCodeAt(i - 2) === 100) return i - 2; // do(t) d0(t)
  if (a === 110 && i >= 4 && f.charCodeAt(i - 4) === 112) { // p..n(t)
    const o = f.charCodeAt(i - 3), n = f.charCodeAt(i - 2);
    if ((o === 111 && (n === 105 || n === 49)) || (o === 48 && n === 105)) return i - 4;
  }
  return -1;
}

/** The label (maximal run of label characters, edge hyphens trimmed) starting at or after `from`. */
function nextLabel(f: string, from: number): Label | undefined {
  const n = f.length;
  let i = from;
  while (i < n) {
    while (i < n && !isLabelCode(f.charCodeAt(i))) i++;
    let s = i;
    while (i < n && isLabelCode(f.charCodeAt(i))) i++;
    let e = i;
    while (s < e && f.charCodeAt(s) === 45) s++;
    while (e > s && f.charCodeAt(e - 1) === 45) e--;
    if (e > s) return { s, e };
  }
  return undefined;
}

/** The label ending at most `maxGap` characters before `at`, or undefined (an all-hyphen run is no label). */
function labelBefore(f: string, at: number, maxGap: number): Label | undefined {
  let i = at - 1;
  const floor = at - 1 - maxGap;
  while (i >= 0 && !isLabelCode(f.charCodeAt(i))) if (--i < floor) return undefined;
  if (i < 0) return undefined;
  let e = i + 1;
  while (i >= 0 && isLabelCode(f.charCodeAt(i))) i--;
  let s = i + 1;
  while (s < e && f.charCodeAt(s) === 45) s++;
  while (e > s && f.charCodeAt(e - 1) === 45) e--;
  return e > s ? { s, e } : undefined;
}

/** The label right before `l` when "://" sits between them ("https://rival.com"), else undefined. */
function schemeBefore(f: string, l: Label): Label | undefined {
  const at = l.s - 3;
  if (at < 1 || !f.startsWith("://", at)) return undefined;
  const c = f.charCodeAt(at - 1);
  if (c === 45 || !isLabelCode(c)) return undefined;
  return labelBefore(f, at, 0);
}

/**
 * Labels that may start a link: the label before a dot (or a disguised dot, or a "dot"/"point"
 * word) and the label right after "://". Every other label joins nothing, so the reader jumps
 * from one candidate to the next instead of walking every word of a long message.
 */
function candidates(f: string): Label[] {
  const out: Label[] = [];
  let sorted = true;
  // A dot joins two labels only between two label characters ("rival.com"), after a space
  // ("rival . com") or after a bracket ("rival(.)com"), across a gap of at most 9 characters
  // (gapJoin); a sentence's full stop ("Merci. Bonne journée") starts nothing.
  for (let i = f.indexOf("."); i >= 0; i = f.indexOf(".", i + 1)) {
    if (i === 0) continue;
    const before = f.charCodeAt(i - 1);
    if (isLabelCode(before) ? isLabelCode(f.charCodeAt(i + 1)) : isSpace(before) || isOpenerCode(before)) {
      sorted = addCandidate(out, labelBefore(f, i, 9)) && sorted;
    }
  }
  // Only where the word starts a label: "80dot" or "-dot" can never stand for a dot.
  for (let i = nextDotWord(f, 0); i >= 0; i = nextDotWord(f, i + 1)) {
    if (i === 0 || !isLabelCode(f.charCodeAt(i - 1))) sorted = addCandidate(out, labelBefore(f, i, 6)) && sorted;
  }
  for (let i = f.indexOf("://"); i >= 0; i = f.indexOf("://", i + 1)) {
    // Only a label starting right after it (so no scan runs ahead over "://://…").
    const c = f.charCodeAt(i + 3);
    if (c !== 45 && isLabelCode(c)) sorted = addCandidate(out, nextLabel(f, i + 3)) && sorted;
  }
  return sorted ? out : out.sort((x, y) => x.s - y.s);
}

/** Appends a candidate unless it repeats the last one; answers whether the list is still in text order. */
function addCandidate(out: Label[], l: Label | undefined): boolean {
  if (l === undefined) return true;
  const last = out.length > 0 ? out[out.length - 1].s : -1;
  if (l.s === last) return true;
  out.push(l);
  return l.s > last;
}

/**
 * Longest chain of labels read as one host. DNS allows 127 labels, real hosts have a handful; the cap
 * keeps "a.com.a.com.…" or "dot dot dot…" linear (the host's suffixes are looked up one by one).
 */
const MAX_CHAIN = 64;

/** No link: shared, so the usual message allocates nothing here. */
const NO_LINKS: FoundLink[] = Object.freeze([]) as unknown as FoundLink[];

/** Finds every link in a normalised message, with its host. Linear in the text length. */
export function findLinks(norm: NormalizedText, extraTlds: ReadonlySet<string> = new Set()): FoundLink[] {
  const f = norm.folded;
  if (!mayHaveLink(norm)) return NO_LINKS;
  const cands = candidates(f);
  const out: FoundLink[] = [];
  let ci = 0;
  let cur: Label | undefined = cands[0];
  while (cur !== undefined) {
    // The chain of labels starting at `cur`, with the way each pair is joined.
    const chain: Label[] = [cur];
    const joins: Join[] = [];
    let m: Label = cur;
    let next = nextLabel(f, m.e);
    while (next !== undefined && chain.length < MAX_CHAIN) {
      const j = gapJoin(f, m.e, next.s);
      if (j !== Join.None) { chain.push(next); joins.push(j); m = next; next = nextLabel(f, m.e); continue; }
      // "dot" / "point" standing for a dot, between spaces or inside brackets.
      const len = next.e - next.s, c0 = f.charCodeAt(next.s);
      if (len >= 3 && len <= 5 && (c0 === 100 || c0 === 112) && DOT_WORDS.has(f.slice(next.s, next.e))) {
        const after = nextLabel(f, next.e);
        if (after !== undefined) {
          const before = gapCore(f, m.e, next.s);
          const afterGap = gapCore(f, next.e, after.s);
          const spaced = before === "" && afterGap === "" && next.s > m.e && after.s > next.e;
          const bracketed = before !== undefined && afterGap !== undefined && OPENERS.has(before) && CLOSERS.has(afterGap);
          if (spaced || bracketed) {
            chain.push(after);
            joins.push(bracketed ? Join.Disguised : Join.Word);
            m = after;
            next = nextLabel(f, m.e);
            continue;
          }
        }
      }
      break;
    }
    const prev = schemeBefore(f, cur);
    if (chain.length === 1 && prev === undefined) {
      // Joins nothing: on to the next candidate after it.
      const s = cur.s;
      while (ci < cands.length && cands[ci].s <= s) ci++;
      cur = cands[ci];
      continue;
    }
    const link = readHost(norm, prev, chain, joins, extraTlds);
    if (link) { out.push(link.found); cur = nextLabel(f, chain[link.last].e); } else cur = next;
  }
  bracketedHosts(f, out);
  return out;
}

/**
 * "http://[2001:db8::7]/promo": a scheme followed by an IPv6 literal in brackets. Found apart from
 * the label chains because ":" and "[" join no label.
 */
function bracketedHosts(f: string, out: FoundLink[]): void {
  for (let i = f.indexOf("://["); i >= 0; i = f.indexOf("://[", i + 4)) {
    const scheme = labelBefore(f, i, 0);
    if (scheme === undefined) continue;
    const close = f.indexOf("]", i + 4);
    // An IPv6 literal is at most 45 characters of hex digits, colons and dots, with a colon.
    if (close < 0 || close - (i + 4) > 45 || close - (i + 4) < 2) continue;
    const literal = f.slice(i + 4, close);
    if (!/^[0-9a-f:.]+$/.test(literal) || !literal.includes(":")) continue;
    out.push({ host: `[${literal}]`, fs: scheme.s, fe: pathEnd(f, close + 1) });
  }
}

/** Reads the host a chain of labels spells, if it is a link; `last` is the chain index of its TLD. */
function readHost(
  norm: NormalizedText, prev: Label | undefined, chain: Label[], joins: Join[], extraTlds: ReadonlySet<string>,
): { found: FoundLink; last: number } | undefined {
  const f = norm.folded;
  // Scheme: "https://", "hxxps://", "ftp://" right before the host.
  const hasScheme = prev !== undefined && f.startsWith("://", prev.e) && prev.e + 3 === chain[0].s;
  let start = hasScheme ? prev!.s : chain[0].s;

  // A private address bare ("the cam shows up as 192.168.0.117") is a device on the writer's own
  // network, which no reader can visit: no link without a scheme or a path.
  const ip0 = readIp(f, chain, joins);
  const ip = ip0 > 0 && !hasScheme && privateIp(f, chain) && pathEnd(f, chain[ip0].e) === chain[ip0].e ? 0 : ip0;
  let leet = false;
  // The host ends at the last label that is a TLD ("rival.com.Thanks" → rival.com).
  let last = -1;
  if (ip > 0) last = ip;
  else {
    for (let i = chain.length - 1; i >= 1; i--) {
      const t = f.slice(chain[i].s, chain[i].e);
      if (ALL_TLDS.has(t) || extraTlds.has(t)) { last = i; break; }
      if (leetTld(t) !== undefined) { last = i; leet = true; break; }
    }
  }
  if (last < 0) {
    if (!hasScheme) return undefined;
    last = chain.length - 1; // "http://localhost/x": a scheme makes it a link whatever the host.
  }
  // Leading one-letter labels ("x.rival.com", "w.w.w.rival.fr") are no host of their own: the host
  // starts after them. Skipped in this one pass, never by re-reading shorter chains, so finding
  // links stays linear in the message length.
  let first = 0;
  if (!hasScheme && ip === 0) while (first < last - 1 && chain[first].e - chain[first].s === 1) first++;
  const hostLabels: string[] = [];
  for (let i = first; i <= last; i++) hostLabels.push(f.slice(chain[i].s, chain[i].e));
  const n = hostLabels.length;
  if (leet) hostLabels[n - 1] = leetTld(hostLabels[n - 1])!;
  const tld = hostLabels[n - 1];
  const end = pathEnd(f, chain[last].e);
  const hasPath = end > chain[last].e;
  // "w w w.rival.fr", "w.w.w.rival.fr": a spelled-out www, the last "w" of which was skipped above.
  const lastW = first > 0 ? chain[first - 1] : undefined;
  const wwwFrom = lastW ? Math.max(0, lastW.s - 6) : 0;
  const spelled = lastW && f.charCodeAt(lastW.s) === 119 ? /w[\s.]{1,2}w[\s.]{1,2}$/.exec(f.slice(wwwFrom, lastW.s)) : null;
  const www = hostLabels[0] === "www" || hostLabels[0] === "www2" || spelled !== null;
  const email = chain[first].s > 0 && f.charCodeAt(chain[first].s - 1) === 64;
  let host = hostLabels.join(".");
  if (www && spelled === null && n > 2) host = hostLabels.slice(1).join(".");
  if (spelled !== null) start = wwwFrom + spelled.index;
  else if (first > 0) start = chain[first].s;
  const hidden = isUnder(host, HIDDEN_DESTINATION);
  const usedJoins = joins.slice(first, last);
  const spelledDot = usedJoins.some((j) => j !== Join.Plain);
  // A lone "?" or "#" after the host is the sentence's own punctuation when the dot was spelled with
  // words or spaces ("which pen holds the point best?") or a sentence runs on after a missing space
  // ("shipped on friday.Today?"): no query then, and the host must prove itself like any other. After
  // a typed dot and a web TLD ("rival.be?", "Concurrent.Fr?") it still counts.
  const sentenceMark = hasPath && end === chain[last].e + 1 && f.charCodeAt(chain[last].e) !== 47
    && (spelledDot || (!STRONG.has(tld) && looksLikeSentence(norm, chain[last])));
  const strongEvidence = hasScheme || www || email || (hasPath && !sentenceMark) || ip > 0 || hidden;

  if (!strongEvidence) {
    const left = hostLabels[n - 2];
    if (!/[a-z]/.test(hostLabels[0]) || left.length < 2 || hostLabels[0].length < 2) return undefined;
    const disguised = leet || spelledDot;
    if (disguised) {
      if (!SPOKEN.has(tld) && !extraTlds.has(tld)) return undefined;
      if (usedJoins.some((j) => j === Join.Word) && hostLabels.slice(0, -1).some((l) => NOT_A_HOST.has(l))) return undefined;
    } else if (n < 3) {
      if (!STRONG.has(tld) && !extraTlds.has(tld)) return undefined;
      if (looksLikeSentence(norm, chain[last])) return undefined;
    }
  }
  return { found: { host, fs: start, fe: hasPath ? end : chain[last].e }, last };
}

/** Number of the last label of an IPv4 address made of the chain's first four labels, or 0. */
function readIp(f: string, chain: Label[], joins: Join[]): number {
  if (chain.length < 4) return 0;
  for (let i = 0; i < 4; i++) {
    const t = f.slice(chain[i].s, chain[i].e);
    if (!/^\d{1,3}$/.test(t) || Number(t) > 255) return 0;
    if (i < 3 && joins[i] !== Join.Plain) return 0;
  }
  return 3;
}

/** Whether the IPv4 address of the chain's first four labels is private or loopback (RFC 1918, 127/8). */
function privateIp(f: string, chain: Label[]): boolean {
  const a = Number(f.slice(chain[0].s, chain[0].e)), b = Number(f.slice(chain[1].s, chain[1].e));
  return a === 10 || a === 127 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** End of a path, port or query that follows a host ("/promo", ":8080/x", "?ref=1"), or `from`. */
function pathEnd(f: string, from: number): number {
  const c = f.charCodeAt(from);
  if (c !== 47 && c !== 58 && c !== 63 && c !== 35) return from;
  // ":" only counts when a port follows; "rival.com: the best" is punctuation.
  if (c === 58 && !(f.charCodeAt(from + 1) >= 48 && f.charCodeAt(from + 1) <= 57)) return from;
  let i = from + 1;
  while (i < f.length) {
    const d = f.charCodeAt(i);
    if (isSpace(d) || d === 34 || d === 60 || d === 62) break;
    i++;
  }
  // Trailing sentence punctuation belongs to the sentence, not the URL.
  while (i > from + 1 && ".,;:!?)]'".includes(f[i - 1])) i--;
  return i;
}

/**
 * "fine.Thanks": a Capitalised word after a dot is a sentence with a missing space. Only a word
 * in sentence case: "rival.CoM" (a capital after the first letter) is a disguise, not a sentence.
 */
function looksLikeSentence(norm: NormalizedText, tld: Label): boolean {
  if (tld.e - tld.s < 2) return false;
  const [os, oe] = norm.toOriginal(tld.s, tld.e);
  const word = norm.original.slice(os, oe);
  const first = word[0], second = word[1];
  if (!(first !== first.toLowerCase() && second === second.toLowerCase() && second !== second.toUpperCase())) return false;
  const rest = word.slice(2);
  return rest === rest.toLowerCase();
}

/**
 * A spoken TLD with a leet zero or three ("rival.c0m", "rival.n3t", "glow.sh0p"): real TLDs have no
 * digits, so the reading is safe; two-letter labels ("1.50", "v2.c0") are left alone.
 */
function leetTld(t: string): string | undefined {
  if (t.length < 3) return undefined;
  let out = "", leet = false, letters = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 48) { out += "o"; leet = true; } else if (c === 51) { out += "e"; leet = true; }
    else if (c >= 97 && c <= 122) { out += t[i]; letters = true; } else return undefined;
  }
  return leet && letters && SPOKEN.has(out) ? out : undefined;
}

/** An IPv4 address or a bracketed IPv6 literal, as `findLinks` reports hosts. */
function isIpHost(host: string): boolean {
  return host.charCodeAt(0) === 91 || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/** Whether `host` is one of `domains` or a subdomain of one. */
function isUnder(host: string, domains: ReadonlySet<string>): boolean {
  let h = host;
  for (;;) {
    if (domains.has(h)) return true;
    const dot = h.indexOf(".");
    if (dot < 0) return false;
    h = h.slice(dot + 1);
  }
}

/** Compiles the tenant's link mode and lists once; `match` then applies them per message. */
export function createLinkMatcher(rules: LinkRules): LinkMatcher {
  // A public suffix ("com") stored before such entries were refused must not allow every site under it.
  const allow = new Set(rules.allow.map(canonicalDomain).filter((d) => d && !isPublicSuffix(d)));
  const block = new Set(rules.block.map(canonicalDomain).filter(Boolean));
  // A tenant may list hosts under TLDs the public list lacks ("rival.example", "shop.local").
  const extraTlds = new Set<string>();
  for (const d of [...allow, ...block]) {
    const tld = d.slice(d.lastIndexOf(".") + 1);
    if (tld && !ALL_TLDS.has(tld)) extraTlds.add(tld);
  }
  // A hidden destination may be allowed for the brand's own campaigns (bit.ly), but anyone can put
  // anything behind one: it never names the brand's site.
  const own = (host: string): boolean => isUnder(host, allow) && !isUnder(host, block) && !isUnder(host, HIDDEN_DESTINATION);
  const held = (host: string): boolean => {
    if (isUnder(host, block)) return true;
    if (rules.mode === "allowlist") return !isUnder(host, allow);
    // In blocklist mode a shortener, an invite or a raw IP address is still held: each can hide a
    // blocked destination, and no brand sends shoppers to a bare address.
    return (isUnder(host, HIDDEN_DESTINATION) || isIpHost(host)) && !isUnder(host, allow);
  };
  return Object.freeze({
    match(norm: NormalizedText): FilterHit[] {
      const hits: FilterHit[] = [];
      // An index loop: iterating the shared frozen empty list with for…of cost most messages more
      // than the screen that answered it.
      const links = findLinks(norm, extraTlds);
      for (let i = 0; i < links.length; i++) {
        const link = links[i];
        if (!held(link.host)) continue;
        const [start, end] = norm.toOriginal(link.fs, link.fe);
        hits.push({ kind: "link", detail: link.host, match: norm.original.slice(start, end), start, end, category: "link", severity: 2 });
      }
      return hits;
    },
    ownLinks(norm: NormalizedText): readonly (readonly [number, number])[] | undefined {
      if (allow.size === 0) return undefined;
      const links = findLinks(norm, extraTlds);
      if (links.length === 0) return undefined;
      const spans: [number, number][] = [];
      for (let i = 0; i < links.length; i++) {
        if (!own(links[i].host)) return undefined;
        spans.push(norm.toOriginal(links[i].fs, links[i].fe));
      }
      return spans;
    },
  });
}
