// .scratch/wordsprof.mts
import { readFileSync as readFileSync2 } from "node:fs";

// server/filters/decorated-latin.ts
var DECORATED_LATIN = {
  a: "\u023A\u1D00\u1D8F\u2C65",
  b: "\u0180\u0181\u0182\u0183\u0243\u0253\u0299\u1D03\u1D6C\u1D80\uA796\uA797",
  c: "\u0187\u0188\u023B\u023C\u0255\u1D04\uA792\uA793\uA794\uA7C4\u{1DF1D}",
  d: "\u0110\u0111\u018A\u018B\u018C\u0221\u0256\u0257\u1D05\u1D6D\u1D81\u1D91\uA779\uA77A\uA7C7\uA7C8",
  e: "\u0246\u0247\u1D07\u1D92\u2C78\uAB33\uAB34",
  f: "\u0191\u0192\u1D6E\u1D82\uA730\uA77B\uA77C\uA798\uA799",
  g: "\u0193\u01E4\u01E5\u0260\u0261\u0262\u029B\u1D79\u1D83\uA77D\uA7A0\uA7A1\uA7AC\uAB36",
  h: "\u0126\u0127\u0266\u029C\u2C67\u2C68\uA795\uA7AA",
  i: "\u0131\u0197\u0268\u026A\u1D7B\u1D96\uA7AE\u{1DF1A}",
  j: "\u0237\u0248\u0249\u025F\u0284\u029D\u1D0A\uA7B2",
  k: "\u0198\u0199\u1D0B\u1D84\u2C69\u2C6A\uA740\uA741\uA742\uA743\uA744\uA745\uA7A2\uA7A3",
  l: "\u0141\u0142\u019A\u0234\u023D\u026B\u026C\u026D\u029F\u1D0C\u1D85\u2C60\u2C61\u2C62\uA746\uA747\uA748\uA749\uA78E\uA7AD\uAB37\uAB38\uAB39\u{1DF04}\u{1DF11}\u{1DF13}",
  m: "\u0271\u1D0D\u1D6F\u1D86\u2C6E\uAB3A",
  n: "\u019D\u019E\u0220\u0235\u0272\u0273\u0274\u1D70\u1D87\uA790\uA791\uA7A4\uA7A5\uAB3B",
  o: "\xD8\xF8\u019F\u0275\u1D0F\u2C7A\uA74A\uA74B\uA74C\uA74D\u{1DF1B}",
  p: "\u01A4\u01A5\u1D18\u1D71\u1D7D\u1D88\u2C63\uA750\uA751\uA752\uA753\uA754\uA755",
  q: "\u024B\u02A0\uA756\uA757\uA758\uA759\uA7AF",
  r: "\u024C\u024D\u027C\u027D\u027E\u0280\u1D72\u1D73\u1D89\u2C64\uA782\uA783\uA7A6\uA7A7\uAB46\uAB49\uAB4B\uAB4C\u{1DF16}",
  s: "\u023F\u0282\u1D74\u1D8A\u2C7E\uA731\uA784\uA785\uA7A8\uA7A9\uA7C5\uA7C9\uA7CA\u{1DF1E}",
  t: "\u0166\u0167\u01AB\u01AC\u01AD\u01AE\u0236\u023E\u0288\u1D1B\u1D75\u2C66\uA786\uA787\u{1DF09}",
  u: "\u0244\u0289\u1D1C\u1D7E\u1D99\uA7B8\uA7B9\uAB4E\uAB52",
  v: "\u01B2\u028B\u1D20\u1D8C\u2C71\u2C74\uA75E\uA75F",
  w: "\u1D21\u2C72\u2C73",
  x: "\u1D8D\uAB56\uAB57\uAB58\uAB59",
  y: "\u01B3\u01B4\u024E\u024F\u028F\u1EFE\u1EFF\uAB5A",
  z: "\u01B5\u01B6\u0224\u0225\u0240\u0290\u0291\u1D22\u1D76\u1D8E\u2C6B\u2C6C\u2C7F\uA7C6"
};

// server/filters/fingerprint.ts
function fingerprint(key) {
  const n2 = key.length;
  return mix(n2, key.charCodeAt(0), key.charCodeAt(n2 > 1 ? 1 : 0), key.charCodeAt(n2 > 2 ? n2 - 2 : 0), key.charCodeAt(n2 - 1));
}
function fingerprintIn(s2, from, to) {
  const n2 = to - from;
  return mix(n2, s2.charCodeAt(from), s2.charCodeAt(n2 > 1 ? from + 1 : from), s2.charCodeAt(n2 > 2 ? to - 2 : from), s2.charCodeAt(to - 1));
}
function fingerprintOf2(a, b) {
  const na = a.length, nb = b.length, n2 = na + nb;
  const second = na > 1 ? a.charCodeAt(1) : b.charCodeAt(0);
  const beforeLast = n2 <= 2 ? a.charCodeAt(0) : nb > 1 ? b.charCodeAt(nb - 2) : a.charCodeAt(na - 1);
  return mix(n2, a.charCodeAt(0), second, beforeLast, b.charCodeAt(nb - 1));
}
function mix(n2, c0, c1, c2, c3) {
  let h = Math.imul(n2 ^ 2166136261, 16777619);
  h = Math.imul(h ^ c0, 16777619);
  h = Math.imul(h ^ c1, 16777619);
  h = Math.imul(h ^ c2, 16777619);
  h = Math.imul(h ^ c3, 16777619);
  return h ^ h >>> 16;
}

// server/filters/normalize.ts
var SEP = 0;
var LETTER = 1;
var DIGIT = 2;
var LEET = 3;
var MASK = 4;
var LEET_LETTER = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "@": "a",
  "$": "s",
  "\u20AC": "e",
  "!": "i",
  "+": "t",
  "|": "l"
};
var LOOKALIKE = {
  "\u0430": "a",
  "\u0432": "b",
  "\u0435": "e",
  "\u0451": "e",
  "\u043A": "k",
  "\u043C": "m",
  "\u043D": "h",
  "\u043E": "o",
  "\u0440": "p",
  "\u0441": "c",
  "\u0442": "t",
  "\u0443": "y",
  "\u0445": "x",
  "\u0456": "i",
  "\u0457": "i",
  "\u0458": "j",
  "\u0455": "s",
  "\u0501": "d",
  "\u051B": "q",
  "\u051D": "w",
  "\u04BB": "h",
  "\u04CF": "l",
  "\u0578": "n",
  "\u057D": "u",
  "\u03B1": "a",
  "\u03B2": "b",
  "\u03B3": "y",
  "\u03B5": "e",
  "\u03B7": "n",
  "\u03B9": "i",
  "\u03BA": "k",
  "\u03BC": "u",
  "\u03BD": "v",
  "\u03BF": "o",
  "\u03C1": "p",
  "\u03C4": "t",
  "\u03C5": "u",
  "\u03C7": "x",
  "\u03C9": "w",
  "\u03C2": "s",
  "\u03C3": "o",
  "\u0283": "s",
  "\u0269": "i",
  "\u028B": "u",
  "\xF0": "d",
  "\u0153": "oe",
  "\xE6": "ae",
  "\xDF": "ss",
  "\xFE": "th",
  "\u0251": "a",
  "\u2018": "'",
  "\u2019": "'",
  "\u02BC": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
  "\xB7": ".",
  "\u2022": ".",
  "\u2024": ".",
  "\u3002": ".",
  "\uFF0E": ".",
  "\u03F2": "c",
  // Cyrillic letters written for digits in phone numbers ("0б 4З"): read as the digits they show.
  "\u0431": "6",
  "\u0437": "3"
};
var DECORATED = /* @__PURE__ */ new Map();
for (const [base, chars] of Object.entries(DECORATED_LATIN)) for (const ch of chars) DECORATED.set(ch, base);
var LOOKALIKE_CAPITAL = {
  "\u0397": "h",
  "\u039C": "m",
  "\u039D": "n",
  "\u03A5": "y",
  "\u0396": "z",
  "\u03F9": "c"
};
function isInvisible(cp) {
  return cp === 173 || cp === 847 || cp === 1564 || cp === 4447 || cp === 4448 || cp === 6068 || cp === 6069 || cp === 6158 || cp >= 8203 && cp <= 8207 || cp >= 8234 && cp <= 8238 || cp >= 8288 && cp <= 8303 || cp === 12644 || cp === 65279 || cp === 65440 || cp >= 65024 && cp <= 65039 || cp >= 917504 && cp <= 921599 || cp >= 113824 && cp <= 113827;
}
var MARKS = /\p{M}/gu;
var IS_LETTER = /^\p{L}$/u;
var foldMemo = /* @__PURE__ */ new Map();
var foldBmp = new Array(65536).fill(void 0);
function foldCodePoint(cp) {
  let out = cp < 65536 ? foldBmp[cp] : foldMemo.get(cp);
  if (out !== void 0) return out;
  if (isInvisible(cp)) out = "";
  else {
    const decomposed = String.fromCodePoint(cp).normalize("NFKD").replace(MARKS, "");
    out = "";
    for (const ch of decomposed) {
      const capital = LOOKALIKE_CAPITAL[ch];
      if (capital !== void 0) {
        out += capital;
        continue;
      }
      const lower = ch.toLowerCase();
      for (const l of lower) out += LOOKALIKE[l] ?? DECORATED.get(l) ?? l;
    }
  }
  if (cp < 65536) foldBmp[cp] = out;
  else if (foldMemo.size < 65536) foldMemo.set(cp, out);
  return out;
}
var classMemo = new Uint8Array(65536);
var CLASS_KNOWN = 128;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let k = SEP;
  if (c >= 97 && c <= 122 || c >= 65 && c <= 90) k = LETTER;
  else if (c >= 48 && c <= 57) k = DIGIT;
  else if ("@$!+|".includes(ch)) k = LEET;
  else if (ch === "*" || ch === "#") k = MASK;
  classMemo[c] = k | CLASS_KNOWN;
}
classMemo[8364] = LEET | CLASS_KNOWN;
function classOf(c) {
  const m = classMemo[c];
  if (m !== 0) return m & 127;
  const k = c >= 55296 && c <= 57343 ? SEP : IS_LETTER.test(String.fromCharCode(c)) ? LETTER : SEP;
  classMemo[c] = k | CLASS_KNOWN;
  return k;
}
function isLetterCode(c) {
  return classOf(c) === LETTER;
}
var Normalized = class {
  constructor(original, folded, tokens, digits, arobase, pictographs, anomalies) {
    this.original = original;
    this.folded = folded;
    this.tokens = tokens;
    this.digits = digits;
    this.arobase = arobase;
    this.pictographs = pictographs;
    this.anomalies = anomalies;
  }
  original;
  folded;
  tokens;
  digits;
  arobase;
  pictographs;
  anomalies;
  /** respell()'s answer once asked: null until then. */
  spelledOut = null;
  respelled() {
    if (this.spelledOut === null) this.spelledOut = respell(this.tokens, this.folded);
    return this.spelledOut;
  }
  toOriginal(fs, fe) {
    if (this.anomalies.length === 0) return [fs, fe];
    if (fe <= fs) {
      const at = fs < this.folded.length ? this.startOf(fs) : this.original.length;
      return [at, at];
    }
    return [this.startOf(fs), this.endOf(fe - 1)];
  }
  /** Offset (a multiple of 4) of the last anomaly whose folded start is at or before `p`, or -1. */
  lastAnomaly(p) {
    const a = this.anomalies;
    let lo = 0, hi = a.length / 4 - 1, found = -1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if (a[mid * 4] <= p) {
        found = mid * 4;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
  /** Original start of folded unit `p`: the whole character inside an expansion, else the shift after the last one. */
  startOf(p) {
    const i = this.lastAnomaly(p);
    if (i < 0) return p;
    const a = this.anomalies;
    return p < a[i + 1] ? a[i + 2] : a[i + 3] + (p - a[i + 1]);
  }
  /** Original end of folded unit `p`. */
  endOf(p) {
    const i = this.lastAnomaly(p);
    if (i < 0) return p + 1;
    const a = this.anomalies;
    return p < a[i + 1] ? a[i + 3] : a[i + 3] + (p - a[i + 1]) + 1;
  }
};
var NO_ANOMALIES = Object.freeze([]);
var NO_PICTOGRAPHS = Object.freeze([]);
function isPictograph(cp) {
  return cp >= 9728 && cp <= 10175 || cp >= 11008 && cp <= 11263 || cp >= 126976 && cp <= 129791 && !(cp >= 127995 && cp <= 127999) && !(cp >= 127232 && cp <= 127461);
}
function normalize(text) {
  const len = text.length;
  let out = "";
  let runStart = 0;
  let anomalies;
  let capitalI = false;
  let pictographs;
  FOLD_SCAN.lastIndex = 0;
  while (FOLD_SCAN.test(text)) {
    let i = FOLD_SCAN.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c < 128) {
      capitalI = true;
      continue;
    }
    if (i > runStart) out += text.slice(runStart, i);
    let cp = c;
    let width = 1;
    if (c >= 55296 && c <= 56319 && i + 1 < len) {
      const d = text.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) {
        cp = (c - 55296 << 10) + (d - 56320) + 65536;
        width = 2;
      }
    }
    if (isPictograph(cp)) (pictographs ??= []).push(cp);
    const folded2 = foldCodePoint(cp);
    if (width !== 1 || folded2.length !== 1) (anomalies ??= []).push(out.length, out.length + folded2.length, i, i + width);
    out += folded2;
    i += width - 1;
    runStart = i + 1;
    FOLD_SCAN.lastIndex = runStart;
  }
  const folded = runStart === 0 ? text.toLowerCase() : (out + text.slice(runStart)).toLowerCase();
  const stats = { digits: 0, arobase: false };
  const tokens = tokenize(folded, stats);
  const norm = new Normalized(text, folded, tokens, stats.digits, stats.arobase, pictographs ?? NO_PICTOGRAPHS, anomalies ?? NO_ANOMALIES);
  if (capitalI) readCapitalIAsL(norm);
  return norm;
}
var FOLD_SCAN = /[^\x00-\x7f]|[a-z]I/g;
var CAPITAL_I_INSIDE = /[a-z]I/;
var ONLY_LETTERS = /^[A-Za-z]+$/;
function readCapitalIAsL(norm) {
  const toks = norm.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const [os, oe] = norm.toOriginal(t.s, t.e);
    const orig = norm.original.slice(os, oe);
    if (!CAPITAL_I_INSIDE.test(orig)) continue;
    const lower = orig.toLowerCase();
    if (lower !== t.key && !ONLY_LETTERS.test(orig)) continue;
    let alt = lower[0];
    let prevLower = false;
    for (let k = 1; k < orig.length; k++) {
      const p = orig.charCodeAt(k - 1);
      const asL = orig[k] === "I" && (prevLower || p >= 97 && p <= 122);
      alt += asL ? "l" : lower[k];
      prevLower = asL;
    }
    if (alt === t.key) continue;
    toks[i] = { ...t, alts: t.alts ? [...t.alts, alt] : [alt] };
  }
}
function tokenize(folded, stats) {
  let allDigits = 0, arobase = false;
  const tokens = [];
  const n2 = folded.length;
  let i = 0;
  while (i < n2) {
    let c = folded.charCodeAt(i);
    let m = classMemo[c];
    let k = m !== 0 ? m & 127 : classOf(c);
    if (k === SEP) {
      i++;
      continue;
    }
    const start = i;
    let letters = 0, digits = 0, maxRun = 1, run = 0, prev = -1, consonantDouble = false;
    while (i < n2) {
      c = folded.charCodeAt(i);
      if (c >= 97 && c <= 122) letters++;
      else {
        m = classMemo[c];
        k = m !== 0 ? m & 127 : classOf(c);
        if (k === SEP) break;
        if (k === LETTER) letters++;
        else if (k === DIGIT) digits++;
        else if (c === 64) arobase = true;
      }
      if (c === prev) {
        if (++run > maxRun) maxRun = run;
        if (run === 2 && !isVowel(c)) consonantDouble = true;
      } else {
        prev = c;
        run = 1;
      }
      i++;
    }
    allDigits += digits;
    if (letters === i - start) {
      const sliced = maxRun <= 2;
      const key = sliced ? folded.slice(start, i) : rebuild(folded, start, i, "i", false);
      const stretched = maxRun >= 3 || maxRun === 2 && !consonantDouble;
      const fp = sliced ? fingerprintIn(folded, start, i) : fingerprint(key);
      tokens.push({
        s: start,
        e: i,
        key,
        fp,
        alts: void 0,
        collapsed: stretched ? collapse(key) : void 0,
        maskKey: void 0,
        length: sliced ? i - start : key.length
      });
      continue;
    }
    let s2 = start, e = i;
    while (s2 < e && isEdgeSymbol(folded.charCodeAt(s2))) s2++;
    while (e > s2 && isEdgeSymbol(folded.charCodeAt(e - 1))) e--;
    if (e - s2 === 0 || letters === 0 && (digits === e - s2 || e - s2 < 3)) {
      if (i - start === 1 && isLoneLeet(folded, start, tokens)) tokens.push(makeToken(folded, start, i));
      continue;
    }
    const token = makeToken(folded, s2, e);
    const lead = s2 - start === 1 ? folded[start] : "";
    if ((lead === "!" || lead === "|") && letters < e - s2) {
      const alt = LEET_LETTER[lead] + token.key;
      tokens.push({ ...token, s: start, alts: token.alts ? [...token.alts, alt] : [alt] });
    } else tokens.push(token);
  }
  if (stats !== void 0) {
    stats.digits = allDigits;
    stats.arobase = arobase;
  }
  return tokens;
}
function isJoiner(c) {
  return c === 46 || c === 45 || c === 95 || c === 47 || c === 92 || c === 126 || c === 58 || c === 61;
}
function isLetterGap(f2, from, to) {
  const len = to - from;
  if (len < 1 || len > 3) return false;
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (c === 39 || c === 10 || c === 13) return false;
  }
  return true;
}
function isLoneLeet(folded, s2, tokens) {
  if (!isLeetLetter(folded, s2)) return false;
  let around = 0, letters = 0;
  const k = tokens.length;
  for (let b = k - 1, next = s2; b >= 0 && b >= k - 2; b--) {
    const t = tokens[b];
    if (t.length !== 1 || !isLetterGap(folded, t.e, next)) break;
    around++;
    if (classOf(folded.charCodeAt(t.s)) === LETTER) letters++;
    next = t.s;
  }
  for (let at = s2 + 1, ahead = 0; ahead < 3 && (at = spelledCharAfter(folded, at)) >= 0; ahead++) {
    around++;
    if (classOf(folded.charCodeAt(at - 1)) === LETTER) letters++;
  }
  if (letters >= 2 || around >= 3 && letters >= 1) return true;
  const prev = k > 0 ? tokens[k - 1] : void 0;
  if (prev === void 0 || prev.e !== s2 - 1 || !isJoiner(folded.charCodeAt(s2 - 1))) return false;
  if (s2 + 2 < folded.length && isJoiner(folded.charCodeAt(s2 + 1)) && classOf(folded.charCodeAt(s2 + 2)) === LETTER) return true;
  return k > 1 && tokens[k - 2].e === prev.s - 1 && isJoiner(folded.charCodeAt(prev.s - 1));
}
function isLeetLetter(folded, at) {
  const ch = folded[at];
  return LEET_LETTER[ch] !== void 0 && ch !== "+";
}
function spelledCharAfter(folded, from) {
  const n2 = folded.length;
  let j = from;
  while (j < n2 && j - from < 3 && classOf(folded.charCodeAt(j)) === SEP) j++;
  if (j === from || j >= n2 || !isLetterGap(folded, from, j)) return -1;
  if (classOf(folded.charCodeAt(j)) !== LETTER && !isLeetLetter(folded, j)) return -1;
  return j + 1 === n2 || classOf(folded.charCodeAt(j + 1)) === SEP ? j + 1 : -1;
}
function isEdgeSymbol(c) {
  return c === 42 || c === 35 || c === 33 || c === 43 || c === 124;
}
function makeToken(folded, s2, e) {
  let plain = true, hasOne = false, symbols = false, maxRun = 1, run = 0, prev = -1, consonantDouble = false;
  for (let i = s2; i < e; i++) {
    const c = folded.charCodeAt(i);
    const k = classOf(c);
    if (k !== LETTER) {
      plain = false;
      if (c === 49) hasOne = true;
      else if (k === MASK || k === LEET) symbols = true;
    }
    if (c === prev) {
      if (++run > maxRun) maxRun = run;
      if (run === 2 && !isVowel(c)) consonantDouble = true;
    } else {
      prev = c;
      run = 1;
    }
  }
  const sliced = plain && maxRun <= 2;
  const key = sliced ? folded.slice(s2, e) : rebuild(folded, s2, e, "i", false);
  let alts;
  if (hasOne) alts = [rebuild(folded, s2, e, "l", false)];
  if (folded.charCodeAt(s2) === 64 && e - s2 > 3) (alts ??= []).push(rebuild(folded, s2 + 1, e, "i", false));
  const stretched = maxRun >= 3 || maxRun === 2 && !consonantDouble;
  return {
    s: s2,
    e,
    key,
    fp: sliced ? fingerprintIn(folded, s2, e) : fingerprint(key),
    alts,
    collapsed: stretched ? collapse(key) : void 0,
    maskKey: symbols ? rebuild(folded, s2, e, "i", true) : void 0,
    length: sliced ? e - s2 : key.length
  };
}
function isVowel(c) {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}
function rebuild(folded, s2, e, one, symbolsMask) {
  let key = "";
  let prev = "", run = 0;
  let lastLetter = -1;
  for (let i = e - 1; i >= s2 && lastLetter < 0; i--) if (classOf(folded.charCodeAt(i)) === LETTER) lastLetter = i;
  for (let i = s2; i < e; i++) {
    const raw = folded[i];
    const k = classOf(raw.charCodeAt(0));
    const ch = raw === "1" ? one : raw === "9" && i < lastLetter ? "g" : k === MASK || symbolsMask && k === LEET ? "*" : k === DIGIT || k === LEET ? LEET_LETTER[raw] ?? raw : raw;
    if (ch === prev) {
      if (++run > 2) continue;
    } else {
      prev = ch;
      run = 1;
    }
    key += ch;
  }
  return key;
}
function collapse(key) {
  let out = "";
  let prev = "";
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch !== prev) out += ch;
    prev = ch;
  }
  return out.length === key.length ? key : out;
}
function respell(toks, f2) {
  let out;
  let i = 0;
  while (i < toks.length) {
    let j = i;
    if (toks[i].length === 1) while (j + 1 < toks.length && toks[j + 1].length === 1 && isLetterGap(f2, toks[j].e, toks[j + 1].s)) j++;
    if (j === i) {
      out?.push(toks[i]);
      i++;
      continue;
    }
    out ??= toks.slice(0, i);
    let narrow = Infinity, spaced = true, dashes = 0;
    for (let k = i; k < j; k++) {
      const g = toks[k + 1].s - toks[k].e;
      if (g < narrow) narrow = g;
      const gap = f2.slice(toks[k].e, toks[k + 1].s);
      if (!gap.includes(" ")) spaced = false;
      if (gap === "-") dashes++;
    }
    const dashParts = dashes > 0 && dashes * 2 < j - i;
    let w = i;
    for (let k = i; k <= j; k++) {
      const end = k === j || toks[k + 1].s - toks[k].e > narrow || !spaced && f2.slice(toks[k].e, toks[k + 1].s).includes(" ") || dashParts && f2.slice(toks[k].e, toks[k + 1].s) === "-";
      if (!end) continue;
      if (k === w) out.push(toks[k]);
      else {
        let key = "";
        for (let m = w; m <= k; m++) key += toks[m].key;
        out.push({ s: toks[w].s, e: toks[k].e, key, fp: fingerprint(key), alts: void 0, collapsed: void 0, maskKey: void 0, length: key.length });
      }
      w = k + 1;
    }
    i = j + 1;
  }
  return out;
}

// server/filters/lexicon.ts
function setFlag(node, flag, on) {
  node.flags = on ? node.flags | flag : node.flags & ~flag;
}
function rareOf(node) {
  return node.rare ??= { gaps: void 0, end: void 0, context: void 0 };
}
var CLAUSE_START = "^";
var CLAUSE_END = "$";
function newNode() {
  return { detail: void 0, tag: void 0, flags: 0, next: void 0, flat: void 0, jumps: void 0, rare: void 0, words: 0 };
}
function cloneNode(n2) {
  return { detail: n2.detail, tag: n2.tag, flags: n2.flags, next: n2.next === void 0 ? void 0 : new Map(n2.next), flat: n2.flat, jumps: n2.jumps, rare: n2.rare, words: n2.words };
}
function wordBitsOf(map) {
  let bits = 0;
  if (map !== void 0) for (const k of map.keys()) bits |= 1 << (fingerprint(k) & 31);
  return bits;
}
function closure(node, self) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const walk = (n2) => {
    if (seen.has(n2)) return true;
    seen.add(n2);
    if (n2.rare?.gaps !== void 0 || (n2 !== node || self) && (n2.detail !== void 0 || (n2.flags & 16 /* Allow */) !== 0)) return false;
    out.push(n2);
    if (n2.jumps !== void 0) {
      for (const j of n2.jumps) if (!walk(j)) return false;
    }
    return true;
  };
  return walk(node) ? out : void 0;
}
function followers(node, fp, look) {
  const first = closure(node, false);
  if (first === void 0 || first.some((n2) => n2.next?.has(CLAUSE_END) === true)) return false;
  for (const n2 of first) {
    if (n2.next === void 0) continue;
    for (const [k, child] of n2.next) {
      const f1 = fingerprint(k);
      setBit(look.pairs, pairOf(fp, f1));
      const second = closure(child, true);
      if (second === void 0 || second.some((n3) => n3.next?.has(CLAUSE_END) === true)) {
        setBit(look.triples, tripleOf(fp, f1, ANY_AFTER));
        continue;
      }
      for (const m of second) if (m.next !== void 0) for (const k2 of m.next.keys()) setBit(look.triples, tripleOf(fp, f1, fingerprint(k2)));
    }
  }
  return true;
}
var TRIPLE_BITS = 1 << 20;
var ANY_AFTER = 32767;
function tripleOf(a, b, c) {
  const h = Math.imul(a, 2654435761) ^ Math.imul(b + 2135587861, 2246822507);
  return Math.imul(h ^ h >>> 15 ^ Math.imul(c + 374761393, 3266489909), 668265263) >>> 12;
}
function mayFollow(look, fp, next, after) {
  if (next === void 0) return false;
  if (next.alts !== void 0 || next.collapsed !== void 0) return true;
  const f1 = next.fp;
  if (!hasBit(look.pairs, pairOf(fp, f1))) return false;
  if (hasBit(look.triples, tripleOf(fp, f1, ANY_AFTER))) return true;
  if (after === void 0) return false;
  return after.alts !== void 0 || after.collapsed !== void 0 || hasBit(look.triples, tripleOf(fp, f1, after.fp));
}
function nullable(steps2) {
  return steps2.every((st) => "gap" in st || "choice" in st && st.choice.some(nullable));
}
function plainJunction(n2) {
  return n2.detail === void 0 && (n2.flags & 16 /* Allow */) === 0 && n2.rare?.gaps === void 0 && n2.rare?.context === void 0 && n2.next?.has(CLAUSE_END) !== true;
}
function* flatten(root) {
  const seen = /* @__PURE__ */ new Set();
  const shared = /* @__PURE__ */ new Map();
  const ids = /* @__PURE__ */ new Map();
  const idOf = (n3) => {
    let id = ids.get(n3);
    if (id === void 0) ids.set(n3, id = ids.size);
    return id;
  };
  const assigned = [];
  const alone = /* @__PURE__ */ new Map();
  const aloneOf = (n3) => {
    let l = alone.get(n3);
    if (l === void 0) alone.set(n3, l = [n3]);
    return l;
  };
  const stack = [...root.values()];
  const STEP = 1023;
  let n2 = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (seen.has(node)) continue;
    seen.add(node);
    if ((++n2 & STEP) === 0) yield;
    if (node.next !== void 0) for (const c of node.next.values()) stack.push(c);
    if (node.rare?.gaps !== void 0) for (const g of node.rare.gaps) stack.push(g.node);
    if (node.jumps === void 0) continue;
    for (const j of node.jumps) stack.push(j);
    const key = node.jumps.map(idOf).sort((a, b) => a - b).join(",");
    let done = shared.get(key);
    if (done === void 0) {
      const plain = [], rest = [];
      const met = /* @__PURE__ */ new Set();
      const walk = (j) => {
        if (met.has(j)) return;
        met.add(j);
        if (!plainJunction(j)) {
          rest.push(j);
          return;
        }
        plain.push(j);
        if (j.jumps !== void 0) for (const k of j.jumps) walk(k);
      };
      for (const j of node.jumps) walk(j);
      let flat;
      for (const j of plain) {
        if (j.next === void 0) continue;
        flat ??= /* @__PURE__ */ new Map();
        for (const [k, c] of j.next) {
          const list2 = flat.get(k);
          if (list2 === void 0) flat.set(k, [c]);
          else if (!list2.includes(c)) list2.push(c);
        }
      }
      const final = flat;
      if (final !== void 0) for (const [k, list2] of final) final.set(k, list2.length === 1 ? aloneOf(list2[0]) : list2.slice());
      shared.set(key, done = { flat: final, rest: rest.length > 0 ? rest.slice() : void 0 });
    }
    assigned.push([node, done]);
  }
  for (const [node, done] of assigned) {
    node.flat = done.flat;
    node.jumps = done.rest;
  }
  yield;
  const flatBits = /* @__PURE__ */ new Map();
  for (const node of seen) {
    if ((++n2 & STEP) === 0) yield;
    const end = node.next?.get(CLAUSE_END);
    if (end !== void 0) {
      rareOf(node).end = end;
      node.next.delete(CLAUSE_END);
      if (node.next.size === 0) node.next = void 0;
    }
    let fb = 0;
    if (node.flat !== void 0) {
      const known = flatBits.get(node.flat);
      if (known === void 0) flatBits.set(node.flat, fb = wordBitsOf(node.flat));
      else fb = known;
    }
    node.words = wordBitsOf(node.next) | fb;
  }
}
var DEFAULT_TAG = Object.freeze({ category: "insult", severity: 2 });
var MIN_SPLIT_LETTERS = 6;
var MIN_SPLIT_PIECE = 2;
var MAX_SPLIT_PIECES = 3;
var MAX_PHRASE_TOKENS = 14;
var MAX_SPELLED = 40;
var MAX_TERM_LETTERS = 24;
function termTokens(term) {
  const toks = normalize(term.replace(/\*/g, "")).tokens;
  const out = [];
  for (let i = 0; i < toks.length; i++) {
    let j = i;
    while (j < toks.length && toks[j].length === 1) j++;
    if (j - i >= 3) {
      out.push(toks.slice(i, j).map((t) => t.key).join(""));
      i = j - 1;
      continue;
    }
    out.push(toks[i].key);
  }
  return out;
}
function inflections(key, how) {
  const out = [];
  const n2 = key.length;
  if (how === "fr") {
    if (n2 >= 4 && !key.endsWith("s")) out.push(key + "s");
    if (n2 >= 5) {
      out.push(key + "e", key + "es");
      if (key.endsWith("eur")) out.push(key.slice(0, -3) + "euse", key.slice(0, -3) + "euses");
    }
  } else if (how === "en") {
    if (n2 >= 4 && !key.endsWith("s")) out.push(/(ch|sh|x|z)$/.test(key) ? key + "es" : key + "s");
  } else if (how === "plural") {
    if (n2 >= 4 && !key.endsWith("s")) out.push(key + "s");
  }
  return out;
}
function isConsonant(ch) {
  return ch >= "a" && ch <= "z" && !"aeiouy".includes(ch);
}
function vForU(key) {
  let out = "";
  let changed = false;
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    if (ch === "u" && i > 0 && i + 1 < key.length && isConsonant(key[i - 1]) && isConsonant(key[i + 1])) {
      out += "v";
      changed = true;
    } else out += ch;
  }
  return changed ? out : void 0;
}
var LexiconBuilder = class {
  /**
   * With `shared`, the builder only adds words (`add`) over a build of the built-in lists: the
   * result is the lexicon a builder given the same built-ins and then the same words would build.
   */
  constructor(shared) {
    this.shared = shared;
  }
  shared;
  entries = /* @__PURE__ */ new Map();
  removed = /* @__PURE__ */ new Set();
  allowed = [];
  allowedPatterns = [];
  contexts = /* @__PURE__ */ new Map();
  tags = /* @__PURE__ */ new Map();
  patterns = [];
  /** The entry for `key`: this builder's own, or the shared build's, copied before it may change. */
  entry(key) {
    return this.entries.get(key) ?? this.shared?.parts.entries.get(key);
  }
  /** Only words may be added over a shared build. */
  alone(what) {
    if (this.shared !== void 0) throw new Error(`LexiconBuilder: ${what} needs a build of its own, not a shared one`);
  }
  /** Names the category of a term (before `add`): the curation of the built-in lists. */
  categorize(term, tag) {
    this.alone("categorize");
    const base = termTokens(term).join(" ");
    if (base) this.tags.set(base, tag);
  }
  /** Adds a compiled phrase pattern (see patterns.ts), matched like a phrase. */
  pattern(steps2, detail, tag) {
    this.alone("pattern");
    this.patterns.push({ steps: steps2, detail, tag });
  }
  /**
   * Adds a word or phrase; single words also get the inflections of `how` (and, for the built-in
   * "en"/"fr" lists, their "v for u" spellings: "fvck", "cvnt", "pvte"). With `split`, a single
   * word of MIN_SPLIT_LETTERS or more and its inflections also match written as separate words
   * (a tenant's brand names: "glow up" for "glowup"); the built-in lists are not read that way.
   */
  add(term, how = "none", split = false, given) {
    const tokens = termTokens(term);
    if (tokens.length === 0) return;
    const base = tokens.join(" ");
    if (base.length < 2) return;
    const tag = given ?? this.tags.get(base) ?? this.shared?.parts.tags.get(base) ?? DEFAULT_TAG;
    const splits = split && tokens.length === 1;
    const own = this.entry(base);
    if (own?.derived !== false) this.entries.set(base, { tokens, detail: base, base, derived: false, split: splits || own?.split === true, tag });
    else if (splits) this.entries.set(base, { ...own, split: true });
    if (tokens.length === 1) {
      for (const form of [tokens[0], ...inflections(tokens[0], how)]) {
        const seen = this.entry(form);
        if (seen === void 0) this.entries.set(form, { tokens: [form], detail: base, base, derived: true, split: splits, tag });
        else if (splits) this.entries.set(form, { ...seen, split: true });
        const v = how === "en" || how === "fr" ? vForU(form) : void 0;
        if (v !== void 0 && this.entry(v) === void 0) this.entries.set(v, { tokens: [v], detail: base, base, derived: true, split: false, tag });
      }
    }
  }
  /** Drops a term (and the forms derived from it) from the lexicon. */
  remove(term) {
    this.alone("remove");
    const base = termTokens(term).join(" ");
    if (base) this.removed.add(base);
  }
  /** An exception: the term is removed, and any hit inside a match of it never fires. */
  allow(term) {
    this.alone("allow");
    const tokens = termTokens(term);
    if (tokens.length === 0) return;
    this.removed.add(tokens.join(" "));
    this.allowed.push(tokens);
  }
  /** An innocent reading given as a compiled pattern ("to die for"): any hit inside a match of it never fires. */
  allowPattern(steps2) {
    this.alone("allowPattern");
    this.allowedPatterns.push(steps2);
  }
  /** Words held on their own only in the context `ctx` gives (see WordContext). */
  ambiguous(ctx) {
    this.alone("ambiguous");
    const keys = (words) => new Set(words.map((w) => termTokens(w).join(" ")));
    const context = { before: keys(ctx.before), after: keys(ctx.after) };
    for (const w of ctx.words) {
      const tokens = termTokens(w);
      if (tokens.length === 1) this.contexts.set(tokens[0], context);
    }
  }
  /** Compiles in one go. */
  build() {
    const it = this.buildSteps();
    for (; ; ) {
      const r = it.next();
      if (r.done) return r.value;
    }
  }
  /** Compiles in small steps: the caller may yield to the event loop at each `yield`. */
  *buildSteps() {
    if (this.shared !== void 0) return yield* this.overSteps(this.shared.parts);
    return (yield* this.buildShared()).lexicon;
  }
  /** Compiles in small steps, keeping what a builder given this one as `shared` needs. */
  *buildShared() {
    this.alone("buildShared");
    const patternEnds = /* @__PURE__ */ new Set();
    const root = /* @__PURE__ */ new Map();
    const vocab = /* @__PURE__ */ new Map();
    const masks = /* @__PURE__ */ new Map();
    const splitWords = [];
    let size = 0;
    const removed = new Set(this.removed);
    for (const r of this.removed) {
      if (r.includes(" ")) continue;
      for (const how of ["fr", "en"]) for (const form of inflections(r, how)) removed.add(form);
    }
    const edge = (map, t) => {
      let node = map.get(t);
      if (!node) {
        node = newNode();
        node.flags = 4 /* Pattern */;
        map.set(t, node);
        const c = collapse(t);
        const seen = vocab.get(c);
        if (!seen) vocab.set(c, [t]);
        else if (!seen.includes(t)) seen.push(t);
      }
      return node;
    };
    const built = /* @__PURE__ */ new Map();
    const choiceKeys = /* @__PURE__ */ new WeakMap();
    const choiceKey = (c) => {
      let k = choiceKeys.get(c);
      if (k === void 0) choiceKeys.set(c, k = JSON.stringify(c));
      return k;
    };
    const ids = /* @__PURE__ */ new Map();
    const idOf = (node) => {
      let id = ids.get(node);
      if (id === void 0) ids.set(node, id = ids.size);
      return id;
    };
    const build = (steps2, from) => {
      let at = from;
      const extra = [];
      for (let idx = 0; idx < steps2.length; idx++) {
        const step = steps2[idx];
        if ("word" in step) {
          const out = /* @__PURE__ */ new Set();
          if (at === void 0) out.add(edge(root, step.word));
          else for (const n2 of at) out.add(edge(n2.next ??= /* @__PURE__ */ new Map(), step.word));
          at = [...out];
        } else if ("gap" in step) {
          if (at === void 0 || step.gap === 0) continue;
          const out = /* @__PURE__ */ new Set();
          for (const n2 of at) {
            const gaps = rareOf(n2).gaps ??= [];
            let g = gaps.find((x) => x.max === step.gap);
            if (!g) gaps.push(g = { max: step.gap, node: newNode() });
            out.add(g.node);
          }
          at = [...out];
        } else {
          if (at === void 0 && step.choice.some(nullable)) extra.push(...build(steps2.slice(idx + 1), void 0));
          const key = at === void 0 ? "root" : at.map(idOf).sort((x, y) => x - y).join(",");
          let byFrom = built.get(choiceKey(step.choice));
          const seen = byFrom?.get(key);
          if (seen !== void 0) {
            at = seen;
            continue;
          }
          const ends = /* @__PURE__ */ new Set();
          for (const o of step.choice) for (const e of build(o, at)) ends.add(e);
          if (ends.size <= 1) at = [...ends];
          else {
            const join = newNode();
            for (const e of ends) (e.jumps ??= []).push(join);
            at = [join];
          }
          if (!byFrom) built.set(choiceKey(step.choice), byFrom = /* @__PURE__ */ new Map());
          byFrom.set(key, at);
        }
      }
      return [...at ?? [], ...extra];
    };
    const insertPattern = (steps2) => build(steps2, void 0);
    const insert = (tokens) => {
      let map = root;
      let node;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        node = map.get(t);
        if (!node) {
          node = newNode();
          map.set(t, node);
          const c = collapse(t);
          const seen = vocab.get(c);
          if (!seen) vocab.set(c, [t]);
          else if (!seen.includes(t)) seen.push(t);
        }
        if (i < tokens.length - 1) map = node.next ??= /* @__PURE__ */ new Map();
      }
      return node;
    };
    let done = 0;
    for (const e of this.entries.values()) {
      if ((++done & 255) === 0) yield;
      if (removed.has(e.base) || removed.has(e.tokens.join(" "))) continue;
      const node = insert(e.tokens);
      if (node.detail === void 0) {
        node.detail = e.detail;
        node.tag = e.tag;
        size++;
      }
      if (e.tokens.length > 1 && GUARDED.has(e.tag.category)) node.flags |= 1 /* Guarded */;
      const w = e.tokens[0];
      if (e.split && e.tokens.length === 1 && w.length >= MIN_SPLIT_LETTERS) {
        node.flags |= 32 /* Split */;
        splitWords.push(w);
      }
      if (e.tokens.length === 1 && w.length >= 3) {
        const bucket = shapeOf(w);
        const list2 = masks.get(bucket);
        if (!list2) masks.set(bucket, [w]);
        else list2.push(w);
      }
    }
    for (const p of this.patterns) {
      yield;
      const atStart = p.steps.length > 0 && "word" in p.steps[0] && p.steps[0].word === CLAUSE_START;
      for (const node of insertPattern(atStart ? p.steps.slice(1) : p.steps)) {
        if (node.detail === void 0) {
          node.detail = p.detail;
          node.tag = p.tag;
          setFlag(node, 2 /* StartOnly */, atStart);
        } else if (!atStart) setFlag(node, 2 /* StartOnly */, false);
        node.flags |= 1 /* Guarded */;
        patternEnds.add(node);
      }
      size++;
    }
    for (const tokens of this.allowed) insert(tokens).flags |= 16 /* Allow */;
    for (const steps2 of this.allowedPatterns) for (const node of insertPattern(steps2)) node.flags |= 16 /* Allow */;
    for (const [key, ctx] of this.contexts) {
      const node = root.get(key);
      if (node !== void 0) rareOf(node).context = ctx;
    }
    const look = { pairs: new Uint32Array(PAIR_BITS / 32), triples: new Uint32Array(TRIPLE_BITS / 32) };
    let roots = 0;
    for (const [k, node] of root) {
      if ((++roots & 255) === 0) yield;
      if (node.detail === void 0 && (node.flags & 16 /* Allow */) === 0) setFlag(node, 8 /* Follow */, followers(node, fingerprint(k), look));
    }
    yield;
    yield* flatten(root);
    yield;
    const lexicon = new CompiledLexicon(root, vocab, void 0, masks, splitWords.length > 0 ? splitIndex(splitWords) : void 0, size, look);
    return { lexicon, parts: { root, vocab, masks, size, look, entries: this.entries, removed, contexts: this.contexts, tags: this.tags, patternEnds } };
  }
  /**
   * Lays this builder's words over a shared build: the same lexicon a full build would make, as
   * long as only words were added (the entries come first in a build, so a word's node takes the
   * word's name over a pattern's, and is no pattern's node).
   */
  *overSteps(parts) {
    const root = new Map(parts.root);
    const vocab = parts.vocab;
    const ownVocab = /* @__PURE__ */ new Map();
    const masks = new Map(parts.masks);
    const splitWords = [];
    const owned = /* @__PURE__ */ new Set();
    const ownLists = /* @__PURE__ */ new Set();
    const addTo = (map, k, word, shared) => {
      const list2 = map.get(k) ?? shared?.get(k);
      if (list2 === void 0) {
        const fresh = [word];
        ownLists.add(fresh);
        map.set(k, fresh);
      } else if (ownLists.has(list2)) list2.push(word);
      else {
        const copy = [...list2, word];
        ownLists.add(copy);
        map.set(k, copy);
      }
    };
    let size = parts.size;
    const own = (map, key) => {
      let node = map.get(key);
      if (node === void 0) {
        node = newNode();
        const c = collapse(key);
        if ((ownVocab.get(c) ?? vocab.get(c))?.includes(key) !== true) addTo(ownVocab, c, key, vocab);
        const ctx = map === root ? parts.contexts.get(key) : void 0;
        if (ctx !== void 0) node.rare = { gaps: void 0, end: void 0, context: ctx };
      } else if (!owned.has(node)) {
        node = cloneNode(node);
        setFlag(node, 4 /* Pattern */, false);
        setFlag(node, 8 /* Follow */, false);
      } else return node;
      owned.add(node);
      map.set(key, node);
      return node;
    };
    let done = 0;
    for (const [key, e] of this.entries) {
      if ((++done & 255) === 0) yield;
      if (parts.removed.has(e.base) || parts.removed.has(key)) continue;
      let map = root;
      let node;
      let wasPatternEnd = false;
      for (let i = 0; i < e.tokens.length; i++) {
        const before = map.get(e.tokens[i]);
        wasPatternEnd = before !== void 0 && parts.patternEnds.has(before);
        node = own(map, e.tokens[i]);
        if (i < e.tokens.length - 1) map = node.next ??= /* @__PURE__ */ new Map();
      }
      const n2 = node;
      const prior = parts.entries.get(key);
      const named = prior !== void 0 && !parts.removed.has(prior.base) && !parts.removed.has(key);
      if (!named) size++;
      n2.detail = e.detail;
      n2.tag = e.tag;
      setFlag(n2, 2 /* StartOnly */, false);
      setFlag(n2, 1 /* Guarded */, wasPatternEnd || e.tokens.length > 1 && GUARDED.has(e.tag.category));
      const w = e.tokens[0];
      const split = e.split && e.tokens.length === 1 && w.length >= MIN_SPLIT_LETTERS;
      setFlag(n2, 32 /* Split */, split);
      if (split) splitWords.push(w);
      if (!named && e.tokens.length === 1 && w.length >= 3) addTo(masks, shapeOf(w), w);
    }
    yield;
    for (const node of owned) {
      if ((++done & 1023) === 0) yield;
      if (node.next !== void 0) node.words |= wordBitsOf(node.next);
    }
    const changed = /* @__PURE__ */ new Map();
    for (const [c, list2] of ownVocab) if (list2.length !== 1 || list2[0] !== c || vocab.has(c)) changed.set(c, list2);
    return new CompiledLexicon(root, vocab, changed.size > 0 ? changed : void 0, masks, splitWords.length > 0 ? splitIndex(splitWords) : void 0, size, parts.look);
  }
};
var PAIR_BITS = 1 << 18;
function pairOf(a, b) {
  return (Math.imul(a, 2654435761) ^ Math.imul(b + 2135587861, 2246822507)) >>> 14;
}
var SHAPES = 32 * 27 * 27;
function letterSlot(c) {
  return c >= 97 && c <= 122 ? c - 97 : 26;
}
function shape(length, first, last) {
  return ((length < 31 ? length : 31) * 27 + letterSlot(first)) * 27 + letterSlot(last);
}
function shapeOf(key) {
  return shape(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1));
}
function hasShape(bits, key) {
  const s2 = shapeOf(key);
  return (bits[s2 >>> 5] & 1 << (s2 & 31)) !== 0;
}
var FNV_OFFSET = 2166136261;
function fnv(h, s2) {
  for (let i = 0; i < s2.length; i++) h = Math.imul(h ^ s2.charCodeAt(i), 16777619) >>> 0;
  return h;
}
function hasBit(bits, i) {
  return (bits[i >>> 5] & 1 << (i & 31)) !== 0;
}
function setBit(bits, i) {
  bits[i >>> 5] |= 1 << (i & 31);
}
function bloomBits(entries) {
  let bits = 4096;
  while (bits < entries * 16) bits *= 2;
  return new Uint32Array(bits / 32);
}
function splitIndex(list2) {
  const shapes = new Uint32Array(SHAPES / 32);
  let prefixCount = 0;
  for (const w of list2) prefixCount += w.length - 2 * MIN_SPLIT_PIECE + 1;
  const words = bloomBits(list2.length), prefixes = bloomBits(prefixCount);
  const wordMask = words.length * 32 - 1, prefixMask = prefixes.length * 32 - 1;
  let firsts = 0;
  for (const w of list2) {
    firsts |= 1 << letterSlot(w.charCodeAt(0));
    setBit(shapes, shapeOf(w));
    let h = FNV_OFFSET;
    for (let k = 0; k < w.length; k++) {
      h = Math.imul(h ^ w.charCodeAt(k), 16777619) >>> 0;
      if (k + 1 >= MIN_SPLIT_PIECE && w.length - (k + 1) >= MIN_SPLIT_PIECE) setBit(prefixes, h & prefixMask);
    }
    setBit(words, h & wordMask);
  }
  return { firsts, shapes, prefixes, prefixMask, words, wordMask };
}
var CompiledLexicon = class {
  constructor(root, vocab, ownVocab, masks, splits, size, look) {
    this.root = root;
    this.vocab = vocab;
    this.ownVocab = ownVocab;
    this.masks = masks;
    this.splits = splits;
    this.size = size;
    this.look = look;
    this.keys = bloomBits(root.size);
    const keyMask = this.keys.length * 32 - 1;
    for (const [k, node] of root) {
      setBit(this.keys, fingerprint(k) & keyMask);
      const sk = shapeOf(k);
      if ((node.flags & 4 /* Pattern */) === 0) this.starts[sk >>> 5] |= 1 << (sk & 31);
      if ((node.flags & 8 /* Follow */) === 0) this.always[sk >>> 5] |= 1 << (sk & 31);
      else this.leads[sk >>> 5] |= 1 << (sk & 31);
    }
    Object.freeze(this);
  }
  root;
  vocab;
  ownVocab;
  masks;
  splits;
  size;
  look;
  /** Bit set of the shapes (length, first and last letter) of every first token of a term or phrase. */
  starts = new Uint32Array(SHAPES / 32);
  /** Fingerprints of every root word, hashed: most words that pass the shape filters are no root word, and a bit test is cheaper than a miss in the root map. */
  keys;
  /** Shapes of the root words the walk always starts from (they end a term, or anything may follow). */
  always = new Uint32Array(SHAPES / 32);
  /** Shapes of the root words that only start phrases (TrieNode.follow): their next words are looked at first. */
  leads = new Uint32Array(SHAPES / 32);
  match(norm, skip) {
    const toks = norm.tokens;
    const acc = { norm, toks, hits: [], allows: [] };
    const starts = this.starts, f2 = norm.folded;
    let singles = false, joinable = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.length === 1 && i > 0 && toks[i - 1].length === 1) singles = true;
      if (!joinable && i + 1 < toks.length && toks[i + 1].s - t.e === 1 && isJoiner(f2.charCodeAt(t.e))) joinable = true;
      const plain = t.alts === void 0 && t.collapsed === void 0;
      let found;
      if (!plain) found = this.step(this.root, acc, i, i);
      else if (t.maskKey === void 0) {
        this.plainWord(t, acc, i);
        continue;
      } else if (!hasShape(starts, t.key) && !hasShape(this.always, t.key)) found = false;
      else if (!hasBit(this.keys, t.fp & this.keys.length * 32 - 1)) found = false;
      else {
        const node = this.root.get(t.key);
        if (node === void 0) found = false;
        else if ((node.flags & 8 /* Follow */) !== 0 && !mayFollow(this.look, t.fp, toks[i + 1], toks[i + 2])) found = true;
        else found = this.visit(node, acc, i, i);
      }
      if (!found && t.maskKey !== void 0) this.unmask(t.maskKey, t.s, t.e, acc.hits);
    }
    const respelled = singles ? norm.respelled() : void 0;
    if (respelled !== void 0) {
      const again = { norm, toks: respelled, hits: acc.hits, allows: acc.allows };
      let nextMerged = -1;
      for (let i = respelled.length - 1; i >= 0; i--) {
        if (respelled[i].length > 1 && respelled[i].e - respelled[i].s > respelled[i].length) nextMerged = i;
        if (nextMerged >= 0 && nextMerged - i < MAX_PHRASE_TOKENS) this.step(this.root, again, i, i);
      }
    }
    if (singles) this.spelled(norm, acc.hits);
    if (joinable) this.joined(norm, acc.hits);
    if (this.splits !== void 0) this.separate(norm, this.splits, acc.hits);
    if (acc.hits.length === 0) return [];
    return finish(norm, skip === void 0 ? acc.hits : acc.hits.filter((h) => !skip(h.detail, h.tag.category)), acc.allows);
  }
  /** The walk from a plain, unmasked word `t` (token `i`), if some root word may start one there. */
  plainWord(t, acc, i) {
    const key = t.key;
    const sk = shapeOf(key);
    const keys = this.keys;
    let node;
    if ((this.always[sk >>> 5] & 1 << (sk & 31)) !== 0) {
      const fp = t.fp;
      if (!hasBit(keys, fp & keys.length * 32 - 1) || (node = this.root.get(key)) === void 0) return;
      if ((node.flags & 8 /* Follow */) !== 0 && !mayFollow(this.look, fp, acc.toks[i + 1], acc.toks[i + 2])) return;
    } else {
      if ((this.leads[sk >>> 5] & 1 << (sk & 31)) === 0) return;
      const fp = t.fp;
      if (!mayFollow(this.look, fp, acc.toks[i + 1], acc.toks[i + 2])) return;
      if ((node = this.root.get(key)) === void 0) return;
    }
    this.visit(node, acc, i, i);
  }
  /** Follows every edge of `map` that token `at` can stand for; answers whether any existed. */
  step(map, acc, first, at, clause = false) {
    const t = acc.toks[at];
    let found = this.visit(pass(map.get(t.key), clause), acc, first, at);
    if (t.alts !== void 0) {
      for (const alt of t.alts) found = this.visit(pass(map.get(alt), clause), acc, first, at) || found;
    }
    if (t.collapsed !== void 0) {
      const keys = this.stretchedKeys(t.collapsed);
      if (keys !== void 0) {
        for (const k of keys) if (k !== t.key) found = this.visit(pass(map.get(k), clause), acc, first, at) || found;
      } else if (t.collapsed !== t.key) found = this.visit(pass(map.get(t.collapsed), clause), acc, first, at) || found;
    }
    return found;
  }
  /**
   * The stored keys that collapse to `c`; undefined when at most `c` itself may be one. A tenant's
   * build leaves out the lists of a word alone (the collapsed form of most words is the word), and
   * looking up `c` itself where no key collapses to it only misses, so either reading is the same.
   */
  stretchedKeys(c) {
    return this.ownVocab?.get(c) ?? this.vocab.get(c);
  }
  /** step() over a flattened junction map (TrieNode.flat): each word may lead to several nodes. */
  stepFlat(map, acc, first, at, clause) {
    const t = acc.toks[at];
    this.visitAll(map.get(t.key), acc, first, at, clause);
    if (t.alts !== void 0) for (const alt of t.alts) this.visitAll(map.get(alt), acc, first, at, clause);
    if (t.collapsed !== void 0) {
      const keys = this.stretchedKeys(t.collapsed);
      if (keys !== void 0) {
        for (const k of keys) if (k !== t.key) this.visitAll(map.get(k), acc, first, at, clause);
      } else if (t.collapsed !== t.key) this.visitAll(map.get(t.collapsed), acc, first, at, clause);
    }
  }
  visitAll(list2, acc, first, at, clause) {
    if (list2 !== void 0) for (let i = 0; i < list2.length; i++) this.visit(pass(list2[i], clause), acc, first, at);
  }
  /** Records what `node` ends (a term, an allowed phrase) and walks on to longer phrases. */
  visit(node, acc, first, last) {
    if (node === void 0) return false;
    const { toks } = acc;
    const flags = node.flags, rare = node.rare;
    if (node.detail !== void 0 && (rare?.context === void 0 || inContext(rare.context, acc.norm, toks, first)) && ((flags & 2 /* StartOnly */) === 0 || first === 0 || !sameClause(acc.norm.folded, toks[first - 1].e, toks[first].s)) && ((flags & 1 /* Guarded */) === 0 || !silenced(acc.norm, toks, first, last))) {
      acc.hits.push({ fs: toks[first].s, fe: toks[last].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
    }
    if ((flags & 16 /* Allow */) !== 0) acc.allows.push({ fs: toks[first].s, fe: toks[last].e, detail: "", tag: DEFAULT_TAG });
    if (rare?.end !== void 0 && (last + 1 >= toks.length || !sameClause(acc.norm.folded, toks[last].e, toks[last + 1].s))) this.visit(rare.end, acc, first, last);
    const next = node.next, flat = node.flat;
    let on = false, clause = false;
    if ((next !== void 0 || flat !== void 0) && last + 1 < toks.length && last - first + 1 < MAX_PHRASE_TOKENS && !sentenceBreak(acc.norm, toks[last], toks[last + 1])) {
      const t = toks[last + 1];
      on = t.alts !== void 0 || t.collapsed !== void 0 || (node.words & 1 << (t.fp & 31)) !== 0;
      if (on) clause = clauseMark(acc.norm.folded, toks[last].e, toks[last + 1].s);
    }
    if (on && next !== void 0) this.step(next, acc, first, last + 1, clause);
    if (rare?.gaps !== void 0) for (const g of rare.gaps) this.skip(g, acc, first, last);
    if (on && flat !== void 0) this.stepFlat(flat, acc, first, last + 1, clause);
    if (node.jumps !== void 0) for (const j of node.jumps) this.visit(j, acc, first, last);
    return true;
  }
  /**
   * A pattern's gap: the words after `last` may be skipped, up to `g.max` of them, within one
   * sentence; a negation is never skipped ("je vais pas te frapper", "I'm not going to hurt you").
   */
  skip(g, acc, first, last) {
    const toks = acc.toks;
    for (let k = 0; k <= g.max; k++) {
      const skipped = last + k;
      if (k > 0) {
        if (skipped >= toks.length || skipped - first + 1 >= MAX_PHRASE_TOKENS) return;
        if (sentenceBreak(acc.norm, toks[skipped - 1], toks[skipped]) || NEGATIONS.has(toks[skipped].key)) return;
        if (clauseMark(acc.norm.folded, toks[skipped - 1].e, toks[skipped].s)) return;
      }
      this.visit(g.node, acc, first, skipped);
    }
  }
  /** "f*ck", "p**e", "sh#t": a masked word matches a term of the same length, first and last letter. */
  unmask(k, fs, fe, hits) {
    const n2 = k.length;
    if (n2 < 3 || k.charCodeAt(0) === 42 || k.charCodeAt(n2 - 1) === 42) return;
    let masked = 0;
    for (let i = 0; i < n2; i++) if (k.charCodeAt(i) === 42) masked++;
    if (masked * 2 > n2) return;
    const list2 = this.masks.get(shapeOf(k));
    if (list2 === void 0) return;
    for (const w of list2) {
      let ok = w.length === n2;
      for (let i = 1; i < n2 - 1 && ok; i++) {
        const c = k.charCodeAt(i);
        if (c !== 42 && c !== w.charCodeAt(i)) ok = false;
      }
      const node = ok ? this.root.get(w) : void 0;
      if (node?.detail !== void 0) {
        hits.push({ fs, fe, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
        return;
      }
    }
  }
  /** Runs of one-letter tokens ("f u c k", "c.o.n.n.a.r.d") read as the word they spell. */
  spelled(norm, hits) {
    const toks = norm.tokens;
    const f2 = norm.folded;
    let i = 0;
    while (i < toks.length) {
      if (toks[i].length !== 1) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < toks.length && toks[j].length === 1 && j - i < MAX_SPELLED && isLetterGap(f2, toks[j - 1].e, toks[j].s)) j++;
      if (j - i >= 3) this.segment(norm, i, j, hits);
      i = j;
    }
  }
  /**
   * Greedy longest-first reading of a spelled run, so "f u c k y o u" still finds "fuck". A lone
   * "1" reads as "i", and also as "l" in a second reading ("s.a.1.o.p.e").
   */
  segment(norm, from, to, hits) {
    const toks = norm.tokens;
    let word = "", other;
    for (let k = from; k < to; k++) {
      const alt = toks[k].alts?.[0];
      if (alt !== void 0 && other === void 0) other = word;
      word += toks[k].key;
      if (other !== void 0) other += alt ?? toks[k].key;
    }
    this.read(norm, from, word, hits);
    if (other !== void 0) this.read(norm, from, other, hits);
  }
  /** One reading of a spelled run: `word` has one letter per token from token `from` on. */
  read(norm, from, word, hits) {
    const toks = norm.tokens;
    const changes = new Int32Array(word.length);
    for (let i = 1; i < word.length; i++) changes[i] = changes[i - 1] + (word.charCodeAt(i) !== word.charCodeAt(i - 1) ? 1 : 0);
    const starts = this.starts;
    for (let p = from - 1; p >= 0 && from - p < MAX_PHRASE_TOKENS; p--) {
      if (sentenceBreak(norm, toks[p], toks[p + 1])) break;
      let map = this.root;
      for (let k = p; k < from && map !== void 0; k++) map = map.get(toks[k].key)?.next;
      if (map === void 0) continue;
      for (let b = Math.min(word.length, MAX_TERM_LETTERS); b >= 3; b--) {
        const node = map.get(word.slice(0, b)) ?? map.get(collapse(word.slice(0, b)));
        if (node?.detail !== void 0) {
          hits.push({ fs: toks[p].s, fe: toks[from + b - 1].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
          break;
        }
      }
    }
    let a = 0;
    while (a <= word.length - 3) {
      let matched = 0;
      const shortest = word.length === 3 ? 3 : 4;
      for (let b = Math.min(word.length, a + MAX_TERM_LETTERS); b >= a + shortest && matched === 0; b--) {
        const first = word.charCodeAt(a), last = word.charCodeAt(b - 1);
        const s1 = shape(b - a, first, last);
        let node = (starts[s1 >>> 5] & 1 << (s1 & 31)) !== 0 ? this.root.get(word.slice(a, b)) : void 0;
        if (node === void 0) {
          const collapsedLength = 1 + changes[b - 1] - changes[a];
          const s2 = shape(collapsedLength, first, last);
          if (collapsedLength !== b - a && (starts[s2 >>> 5] & 1 << (s2 & 31)) !== 0) node = this.root.get(collapse(word.slice(a, b)));
        }
        if (node?.detail !== void 0) {
          hits.push({ fs: toks[from + a].s, fe: toks[from + b - 1].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
          matched = b - a;
        }
      }
      a += matched || 1;
    }
  }
  /**
   * A tenant's word written as separate words ("glow up", "Glow - Up", "riv al brand"). Filters
   * run before any string is built: the first letter, a hash of the pieces so far (a prefix some
   * split word has), the shape of the pieces together (their lengths and end letters), and the
   * hash of the whole; only a run of pieces that passes them all is joined and looked up.
   */
  separate(norm, index, hits) {
    const toks = norm.tokens;
    const f2 = norm.folded;
    const { firsts, prefixes, prefixMask, words, wordMask, shapes } = index;
    for (let i = 0; i + 1 < toks.length; i++) {
      const a = toks[i];
      if (a.length < MIN_SPLIT_PIECE || (firsts & 1 << letterSlot(a.key.charCodeAt(0))) === 0) continue;
      let h = fnv(FNV_OFFSET, a.key);
      let len = a.length;
      for (let j = i + 1; j < toks.length && j - i < MAX_SPLIT_PIECES; j++) {
        if (!hasBit(prefixes, h & prefixMask)) break;
        const b = toks[j], prevEnd = toks[j - 1].e;
        if (b.length < MIN_SPLIT_PIECE) break;
        if ((b.s - prevEnd !== 1 || f2.charCodeAt(prevEnd) !== 32) && (!isWordGap(f2, prevEnd, b.s) || sentenceBreak(norm, toks[j - 1], b))) break;
        h = fnv(h, b.key);
        len += b.length;
        const sh = shape(len, a.key.charCodeAt(0), b.key.charCodeAt(b.length - 1));
        if (!hasBit(shapes, sh) || !hasBit(words, h & wordMask)) continue;
        let key = a.key;
        for (let k = i + 1; k <= j; k++) key += toks[k].key;
        const node = this.root.get(key);
        if (node !== void 0 && (node.flags & 32 /* Split */) !== 0 && node.detail !== void 0) hits.push({ fs: a.s, fe: b.e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
      }
    }
  }
  /** Words split by a single joiner character ("con-nard", "sa.lope", "fu_ck"). */
  joined(norm, hits) {
    const toks = norm.tokens;
    const f2 = norm.folded;
    for (let i = 0; i + 1 < toks.length; i++) {
      const e = toks[i].e;
      if (toks[i + 1].s - e !== 1 || !isJoiner(f2.charCodeAt(e))) continue;
      if (toks[i].length === 1 && toks[i + 1].length === 1 && inSpelledRun(f2, toks, i)) continue;
      let key = toks[i].key;
      const second = toks[i + 1].key;
      const len = key.length + second.length, first = key.charCodeAt(0), last = second.charCodeAt(second.length - 1);
      const s1 = shape(len, first, last), s2 = shape(len + 1, first, last);
      const maybe = (this.starts[s1 >>> 5] & 1 << (s1 & 31)) !== 0 || this.masks.has(s2);
      if (!maybe && (i + 2 >= toks.length || toks[i + 2].s - toks[i + 1].e !== 1 || !isJoiner(f2.charCodeAt(toks[i + 1].e)))) continue;
      for (let j = i + 1; j < toks.length && j - i < 4; j++) {
        if (toks[j].s - toks[j - 1].e !== 1 || !isJoiner(f2.charCodeAt(toks[j - 1].e))) break;
        const node = hasBit(this.keys, fingerprintOf2(key, toks[j].key) & this.keys.length * 32 - 1) ? this.root.get(key + toks[j].key) : void 0;
        if (node?.detail !== void 0) hits.push({ fs: toks[i].s, fe: toks[j].e, detail: node.detail, tag: node.tag ?? DEFAULT_TAG });
        else if (j === i + 1 && key.length + toks[j].length >= 3 && this.masks.has(s2)) this.unmask(key + "*" + toks[j].key, toks[i].s, toks[j].e, hits);
        key += toks[j].key;
      }
    }
  }
};
function sentenceBreak(norm, a, b) {
  const f2 = norm.folded;
  if (b.s - a.e === 1 && f2.charCodeAt(a.e) === 32) return false;
  let mark = false, markThenSpace = false;
  for (let i = a.e; i < b.s; i++) {
    const c = f2.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c === 46 || c === 33 || c === 63) mark = true;
    else if (mark && (c === 32 || c === 160)) markThenSpace = true;
  }
  if (!markThenSpace) return false;
  const [, ae] = norm.toOriginal(a.s, a.e);
  const [bs] = norm.toOriginal(b.s, b.e);
  const o = norm.original, lc = o.charCodeAt(ae - 1), fc = o.charCodeAt(bs);
  if (lc < 128 && fc < 128) return lc >= 97 && lc <= 122 && fc >= 65 && fc <= 90;
  const last = o[ae - 1] ?? "", first = o[bs] ?? "";
  return last !== last.toUpperCase() && first !== first.toLowerCase();
}
function inContext(ctx, norm, toks, at) {
  if (at > 0 && ctx.before.has(toks[at - 1].key) && !sentenceBreak(norm, toks[at - 1], toks[at])) return true;
  if (at + 1 >= toks.length) return true;
  const f2 = norm.folded;
  for (let i = toks[at].e; i < toks[at + 1].s; i++) {
    const c = f2.charCodeAt(i);
    if (c !== 32 && c !== 160 && c !== 9) return true;
  }
  return ctx.after.has(toks[at + 1].key);
}
function inSpelledRun(f2, toks, i) {
  return i > 0 && toks[i - 1].length === 1 && isLetterGap(f2, toks[i - 1].e, toks[i].s) || i + 2 < toks.length && toks[i + 2].length === 1 && isLetterGap(f2, toks[i + 1].e, toks[i + 2].s);
}
function isWordGap(f2, from, to) {
  const len = to - from;
  if (len < 1 || len > 3) return false;
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (c !== 32 && c !== 160 && !isJoiner(c)) return false;
  }
  return true;
}
function byStartLongestFirst(a, b) {
  return a.fs - b.fs || b.fe - a.fe;
}
function byStart(a, b) {
  return a.fs - b.fs;
}
function sortSpans(list2, cmp) {
  if (list2.length > 16) {
    list2.sort(cmp);
    return;
  }
  for (let i = 1; i < list2.length; i++) {
    const x = list2[i];
    let j = i - 1;
    while (j >= 0 && cmp(list2[j], x) > 0) {
      list2[j + 1] = list2[j];
      j--;
    }
    list2[j + 1] = x;
  }
}
function finish(norm, hits, allows) {
  sortSpans(hits, byStartLongestFirst);
  sortSpans(allows, byStart);
  const out = [];
  let coveredTo = -1;
  let p = 0, allowTo = -1;
  for (const h of hits) {
    if (h.fe <= coveredTo) continue;
    while (p < allows.length && allows[p].fs <= h.fs) allowTo = Math.max(allowTo, allows[p++].fe);
    if (h.fe <= allowTo) continue;
    coveredTo = h.fe;
    const [start, end] = norm.toOriginal(h.fs, h.fe);
    out.push({ kind: "word", detail: h.detail, match: norm.original.slice(start, end), start, end, category: h.tag.category, severity: h.tag.severity });
  }
  return out;
}
var GUARDED = /* @__PURE__ */ new Set(["threat", "selfHarm", "hate"]);
var NEGATIONS = /* @__PURE__ */ new Set([
  "ne",
  "n",
  "pas",
  "jamais",
  "not",
  "never",
  "no",
  "dont",
  "don",
  "won",
  "wont",
  "didn",
  "didnt",
  "doesn",
  "doesnt",
  "isn",
  "isnt",
  "wouldn",
  "wouldnt",
  "aren",
  "arent",
  "cannot",
  "cant",
  "shouldn"
]);
var SUBJECTS = /* @__PURE__ */ new Set(["je", "j", "on", "tu", "t", "jvais"]);
var QUOTERS = /* @__PURE__ */ new Set([
  "texted",
  "messaged",
  "posted",
  "tweeted",
  "commented",
  "replied",
  "yelled",
  "shouted",
  "screamed",
  "texte",
  "envoye",
  "repondu",
  "crie",
  "hurle",
  "ecrit",
  "mis",
  "film",
  "movie",
  "chanson",
  "song",
  "titre",
  "title",
  "livre",
  "book",
  "serie",
  "series",
  "show",
  "album",
  "jeu",
  "game",
  "episode",
  "intitule",
  "appelle",
  "called",
  "named",
  "slogan",
  "pub",
  "ad",
  "paroles",
  "lyrics",
  "replique",
  "citation",
  "quote",
  "dit",
  "said",
  "says",
  "wrote",
  "ecrit",
  "told",
  "disait",
  "ecrivait"
]);
var QUOTE_LEAD = 40;
function isQuote(c) {
  return c === 34 || c === 171 || c === 187;
}
function silenced(norm, toks, first, last) {
  const f2 = norm.folded;
  for (let i = first - 1; i >= 0 && i >= first - 2; i--) {
    if (!isClauseGap(f2, toks[i].e, toks[i + 1].s)) break;
    if (i === first - 1 && (toks[i].key === "pas" || toks[i].key === "jamais") && SUBJECTS.has(toks[first].key)) continue;
    if (NEGATIONS.has(toks[i].key)) return true;
  }
  let open = -1;
  for (let i = toks[first].s - 1; i >= 0 && i >= toks[first].s - QUOTE_LEAD; i--) {
    const c = f2.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (isQuote(c)) {
      open = i;
      break;
    }
  }
  if (open < 0) return false;
  let closed = false;
  for (let i = toks[last].e; i < f2.length && i < toks[last].e + 200; i++) {
    const c = f2.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (isQuote(c)) {
      closed = true;
      break;
    }
  }
  if (!closed) return false;
  let before = first - 1;
  while (before >= 0 && toks[before].s > open) before--;
  for (let i = before; i >= 0 && i >= before - 3; i--) if (QUOTERS.has(toks[i].key)) return true;
  return false;
}
function pass(node, clause) {
  return clause && node !== void 0 && (node.flags & 4 /* Pattern */) !== 0 ? void 0 : node;
}
function clauseMark(f2, from, to) {
  if (to - from === 1 && f2.charCodeAt(from) === 32) return false;
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (c === 44 || c === 59 || c === 58) return true;
  }
  return false;
}
function sameClause(f2, from, to) {
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (c !== 32 && c !== 39 && c !== 160 && c !== 45 && c !== 9) return false;
  }
  return true;
}
function isClauseGap(f2, from, to) {
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (c !== 32 && c !== 39 && c !== 160) return false;
  }
  return true;
}

// server/config/link-domain.ts
import { createRequire } from "node:module";
var ALL_TLDS = new Set(createRequire(import.meta.url)("tlds"));
var REGISTRY_LABELS = /* @__PURE__ */ new Set([
  "ac",
  "asso",
  "biz",
  "co",
  "com",
  "edu",
  "go",
  "gob",
  "gouv",
  "gov",
  "gv",
  "info",
  "int",
  "ltd",
  "me",
  "mil",
  "ne",
  "net",
  "nhs",
  "nom",
  "or",
  "org",
  "plc",
  "sch",
  "tm"
]);
function canonicalDomain(domain) {
  let d = domain.trim().toLowerCase().normalize("NFKC");
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/[/?#:].*$/, "").replace(/^(?:\*\.|\.)/, "").replace(/\.$/, "");
  if (d.startsWith("www.")) d = d.slice(4);
  return d;
}
function isPublicSuffix(host) {
  const labels = host.split(".");
  if (labels.length === 1) return true;
  return labels.length === 2 && REGISTRY_LABELS.has(labels[0]) && labels[1].length === 2 && ALL_TLDS.has(labels[1]);
}

// server/filters/links.ts
var STRONG = /* @__PURE__ */ new Set([
  "com",
  "net",
  "org",
  "info",
  "biz",
  "io",
  "co",
  "fr",
  "eu",
  "uk",
  "ru",
  "cn",
  "xyz",
  "shop",
  "store",
  "online",
  "site",
  "top",
  "club",
  "app",
  "dev",
  "gg",
  "ly",
  "tv",
  "cc",
  "ws",
  "tk",
  "ga",
  "cf",
  "gq",
  "pw",
  "su",
  "nl",
  "pl",
  "ro",
  "cz",
  "gr",
  "jp",
  "kr",
  "br",
  "au",
  "nz",
  "za",
  "mx",
  "ar",
  "ch",
  "lu",
  "mc",
  "tn",
  "dz",
  "sn",
  "ci",
  "cm",
  "gp",
  "mq",
  "nc",
  "pf",
  "mobi",
  "pro",
  "link",
  "click",
  "vip",
  "win",
  "bid",
  "loan",
  "icu",
  "buzz",
  "beauty",
  "makeup",
  "skin",
  "hair",
  "boutique",
  "paris",
  "bzh",
  "quebec",
  "asia",
  "agency",
  "email",
  "website",
  "space",
  "tech",
  "blog",
  "gov",
  "edu",
  "int",
  "ovh",
  "cyou",
  "rest",
  "sbs",
  "cfd"
]);
var SPOKEN = /* @__PURE__ */ new Set([
  "com",
  "net",
  "org",
  "fr",
  "io",
  "co",
  "biz",
  "info",
  "shop",
  "store",
  "be",
  "ch",
  "uk",
  "eu",
  "xyz",
  "online",
  "site",
  "ly",
  "gg",
  "ru",
  "tv",
  "app",
  "club",
  "top",
  "beauty",
  "es",
  "nl"
]);
var NOT_A_HOST = /* @__PURE__ */ new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "my",
  "your",
  "our",
  "one",
  "good",
  "to",
  "polka",
  "le",
  "la",
  "les",
  "un",
  "une",
  "au",
  "du",
  "de",
  "des",
  "ce",
  "cet",
  "cette",
  "mon",
  "ton",
  "son",
  "ma",
  "ta",
  "sa",
  "bon",
  "chaque",
  "quel",
  "quelle",
  "meme",
  "sur",
  "en",
  "et",
  "ou",
  "point",
  "dot",
  "d0t",
  "p0int",
  "po1nt",
  "mise",
  "dernier",
  "premier",
  "petit"
]);
var HIDDEN_DESTINATION = /* @__PURE__ */ new Set([
  "bit.ly",
  "tinyurl.com",
  "t.co",
  "goo.gl",
  "ow.ly",
  "is.gd",
  "buff.ly",
  "cutt.ly",
  "rebrand.ly",
  "t.ly",
  "shorturl.at",
  "tiny.cc",
  "rb.gy",
  "s.id",
  "lnkd.in",
  "youtu.be",
  "v.gd",
  "bl.ink",
  "shorte.st",
  "adf.ly",
  "linktr.ee",
  "t.me",
  "telegram.me",
  "telegram.dog",
  "wa.me",
  "chat.whatsapp.com",
  "discord.gg",
  "discord.com",
  "discordapp.com",
  "m.me",
  "signal.group",
  "snapchat.com",
  "kik.me",
  "line.me",
  "vm.tiktok.com"
]);
var DOT_WORDS = /* @__PURE__ */ new Set(["dot", "d0t", "point", "p0int", "po1nt"]);
function isLabelCode(c) {
  return c >= 97 && c <= 122 || c >= 48 && c <= 57 || c === 45 || c >= 128 && isLetterCode(c);
}
function isSpace(c) {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160;
}
function gapJoin(f2, from, to) {
  const len = to - from;
  if (len === 1) return f2.charCodeAt(from) === 46 ? 1 /* Plain */ : 0 /* None */;
  if (len > 9) return 0 /* None */;
  let core = "";
  let spaces = 0;
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (isSpace(c)) spaces++;
    else core += f2[i];
  }
  if (core === ".") return isSpace(f2.charCodeAt(from)) && spaces <= 4 ? 2 /* Spaced */ : 0 /* None */;
  if (core === "(.)" || core === "[.]" || core === "{.}" || core === "<.>") return 3 /* Disguised */;
  return 0 /* None */;
}
function gapCore(f2, from, to) {
  if (to - from > 6) return void 0;
  let core = "";
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (c === 10 || c === 13) return void 0;
    if (!isSpace(c)) core += f2[i];
  }
  return core;
}
var OPENERS = /* @__PURE__ */ new Set(["(", "[", "{", "<"]);
function isOpenerCode(c) {
  return c === 40 || c === 91 || c === 123 || c === 60;
}
var CLOSERS = /* @__PURE__ */ new Set([")", "]", "}", ">"]);
function mayHaveLink(norm) {
  const f2 = norm.folded;
  for (let i = f2.indexOf(".", 1); i >= 0; i = f2.indexOf(".", i + 1)) {
    const prev = f2.charCodeAt(i - 1);
    if (isLabelCode(prev) && isLabelCode(f2.charCodeAt(i + 1))) return true;
    if (isSpace(prev) || isOpenerCode(prev)) return true;
  }
  for (let i = f2.indexOf("/", 1); i >= 0; i = f2.indexOf("/", i + 1)) if (f2.charCodeAt(i - 1) === 47) return true;
  const tokens = norm.tokens;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const len = t.e - t.s;
    if ((len === 3 || len === 5) && f2.charCodeAt(t.e - 1) === 116 && dotWordEndingAt(f2, t.e - 1) === t.s && isWordEdge(f2.charCodeAt(t.s - 1)) && isWordEdge(f2.charCodeAt(t.e))) return true;
  }
  return false;
}
function isWordEdge(c) {
  return isSpace(c) || isOpenerCode(c) || c === 41 || c === 93 || c === 125 || c === 62;
}
function nextDotWord(f2, from) {
  for (let i = f2.indexOf("t", from + 2); i >= 0; i = f2.indexOf("t", i + 1)) {
    const at = dotWordEndingAt(f2, i);
    if (at >= from) return at;
  }
  return -1;
}
function dotWordEndingAt(f2, i) {
  const a = f2.charCodeAt(i - 1);
  if ((a === 111 || a === 48) && f2.charCodeAt(i - 2) === 100) return i - 2;
  if (a === 110 && i >= 4 && f2.charCodeAt(i - 4) === 112) {
    const o = f2.charCodeAt(i - 3), n2 = f2.charCodeAt(i - 2);
    if (o === 111 && (n2 === 105 || n2 === 49) || o === 48 && n2 === 105) return i - 4;
  }
  return -1;
}
function nextLabel(f2, from) {
  const n2 = f2.length;
  let i = from;
  while (i < n2) {
    while (i < n2 && !isLabelCode(f2.charCodeAt(i))) i++;
    let s2 = i;
    while (i < n2 && isLabelCode(f2.charCodeAt(i))) i++;
    let e = i;
    while (s2 < e && f2.charCodeAt(s2) === 45) s2++;
    while (e > s2 && f2.charCodeAt(e - 1) === 45) e--;
    if (e > s2) return { s: s2, e };
  }
  return void 0;
}
function labelBefore(f2, at, maxGap) {
  let i = at - 1;
  const floor = at - 1 - maxGap;
  while (i >= 0 && !isLabelCode(f2.charCodeAt(i))) if (--i < floor) return void 0;
  if (i < 0) return void 0;
  let e = i + 1;
  while (i >= 0 && isLabelCode(f2.charCodeAt(i))) i--;
  let s2 = i + 1;
  while (s2 < e && f2.charCodeAt(s2) === 45) s2++;
  while (e > s2 && f2.charCodeAt(e - 1) === 45) e--;
  return e > s2 ? { s: s2, e } : void 0;
}
function schemeBefore(f2, l) {
  const at = l.s - 3;
  if (at < 1 || !f2.startsWith("://", at)) return void 0;
  const c = f2.charCodeAt(at - 1);
  if (c === 45 || !isLabelCode(c)) return void 0;
  return labelBefore(f2, at, 0);
}
function candidates(f2) {
  const out = [];
  let sorted = true;
  for (let i = f2.indexOf("."); i >= 0; i = f2.indexOf(".", i + 1)) {
    if (i === 0) continue;
    const before = f2.charCodeAt(i - 1);
    if (isLabelCode(before) ? isLabelCode(f2.charCodeAt(i + 1)) : isSpace(before) || isOpenerCode(before)) {
      sorted = addCandidate(out, labelBefore(f2, i, 9)) && sorted;
    }
  }
  for (let i = nextDotWord(f2, 0); i >= 0; i = nextDotWord(f2, i + 1)) {
    if (i === 0 || !isLabelCode(f2.charCodeAt(i - 1))) sorted = addCandidate(out, labelBefore(f2, i, 6)) && sorted;
  }
  for (let i = f2.indexOf("://"); i >= 0; i = f2.indexOf("://", i + 1)) {
    const c = f2.charCodeAt(i + 3);
    if (c !== 45 && isLabelCode(c)) sorted = addCandidate(out, nextLabel(f2, i + 3)) && sorted;
  }
  return sorted ? out : out.sort((x, y) => x.s - y.s);
}
function addCandidate(out, l) {
  if (l === void 0) return true;
  const last = out.length > 0 ? out[out.length - 1].s : -1;
  if (l.s === last) return true;
  out.push(l);
  return l.s > last;
}
var MAX_CHAIN = 64;
var NO_LINKS = Object.freeze([]);
function findLinks(norm, extraTlds = /* @__PURE__ */ new Set()) {
  const f2 = norm.folded;
  if (!mayHaveLink(norm)) return NO_LINKS;
  const cands = candidates(f2);
  const out = [];
  let ci = 0;
  let cur = cands[0];
  while (cur !== void 0) {
    const chain = [cur];
    const joins = [];
    let m = cur;
    let next = nextLabel(f2, m.e);
    while (next !== void 0 && chain.length < MAX_CHAIN) {
      const j = gapJoin(f2, m.e, next.s);
      if (j !== 0 /* None */) {
        chain.push(next);
        joins.push(j);
        m = next;
        next = nextLabel(f2, m.e);
        continue;
      }
      const len = next.e - next.s, c0 = f2.charCodeAt(next.s);
      if (len >= 3 && len <= 5 && (c0 === 100 || c0 === 112) && DOT_WORDS.has(f2.slice(next.s, next.e))) {
        const after = nextLabel(f2, next.e);
        if (after !== void 0) {
          const before = gapCore(f2, m.e, next.s);
          const afterGap = gapCore(f2, next.e, after.s);
          const spaced = before === "" && afterGap === "" && next.s > m.e && after.s > next.e;
          const bracketed = before !== void 0 && afterGap !== void 0 && OPENERS.has(before) && CLOSERS.has(afterGap);
          if (spaced || bracketed) {
            chain.push(after);
            joins.push(bracketed ? 3 /* Disguised */ : 4 /* Word */);
            m = after;
            next = nextLabel(f2, m.e);
            continue;
          }
        }
      }
      break;
    }
    const prev = schemeBefore(f2, cur);
    if (chain.length === 1 && prev === void 0) {
      const s2 = cur.s;
      while (ci < cands.length && cands[ci].s <= s2) ci++;
      cur = cands[ci];
      continue;
    }
    const link = readHost(norm, prev, chain, joins, extraTlds);
    if (link) {
      out.push(link.found);
      cur = nextLabel(f2, chain[link.last].e);
    } else cur = next;
  }
  bracketedHosts(f2, out);
  return out;
}
function bracketedHosts(f2, out) {
  for (let i = f2.indexOf("://["); i >= 0; i = f2.indexOf("://[", i + 4)) {
    const scheme = labelBefore(f2, i, 0);
    if (scheme === void 0) continue;
    const close = f2.indexOf("]", i + 4);
    if (close < 0 || close - (i + 4) > 45 || close - (i + 4) < 2) continue;
    const literal = f2.slice(i + 4, close);
    if (!/^[0-9a-f:.]+$/.test(literal) || !literal.includes(":")) continue;
    out.push({ host: `[${literal}]`, fs: scheme.s, fe: pathEnd(f2, close + 1) });
  }
}
function readHost(norm, prev, chain, joins, extraTlds) {
  const f2 = norm.folded;
  const hasScheme = prev !== void 0 && f2.startsWith("://", prev.e) && prev.e + 3 === chain[0].s;
  let start = hasScheme ? prev.s : chain[0].s;
  const ip0 = readIp(f2, chain, joins);
  const ip = ip0 > 0 && !hasScheme && privateIp(f2, chain) && pathEnd(f2, chain[ip0].e) === chain[ip0].e ? 0 : ip0;
  let leet = false;
  let last = -1;
  if (ip > 0) last = ip;
  else {
    for (let i = chain.length - 1; i >= 1; i--) {
      const t = f2.slice(chain[i].s, chain[i].e);
      if (ALL_TLDS.has(t) || extraTlds.has(t)) {
        last = i;
        break;
      }
      if (leetTld(t) !== void 0) {
        last = i;
        leet = true;
        break;
      }
    }
  }
  if (last < 0) {
    if (!hasScheme) return void 0;
    last = chain.length - 1;
  }
  let first = 0;
  if (!hasScheme && ip === 0) while (first < last - 1 && chain[first].e - chain[first].s === 1) first++;
  const hostLabels = [];
  for (let i = first; i <= last; i++) hostLabels.push(f2.slice(chain[i].s, chain[i].e));
  const n2 = hostLabels.length;
  if (leet) hostLabels[n2 - 1] = leetTld(hostLabels[n2 - 1]);
  const tld = hostLabels[n2 - 1];
  const end = pathEnd(f2, chain[last].e);
  const hasPath = end > chain[last].e;
  const lastW = first > 0 ? chain[first - 1] : void 0;
  const wwwFrom = lastW ? Math.max(0, lastW.s - 6) : 0;
  const spelled = lastW && f2.charCodeAt(lastW.s) === 119 ? /w[\s.]{1,2}w[\s.]{1,2}$/.exec(f2.slice(wwwFrom, lastW.s)) : null;
  const www = hostLabels[0] === "www" || hostLabels[0] === "www2" || spelled !== null;
  const email = chain[first].s > 0 && f2.charCodeAt(chain[first].s - 1) === 64;
  let host = hostLabels.join(".");
  if (www && spelled === null && n2 > 2) host = hostLabels.slice(1).join(".");
  if (spelled !== null) start = wwwFrom + spelled.index;
  else if (first > 0) start = chain[first].s;
  const hidden = isUnder(host, HIDDEN_DESTINATION);
  const strongEvidence = hasScheme || www || email || hasPath || ip > 0 || hidden;
  const usedJoins = joins.slice(first, last);
  if (!strongEvidence) {
    const left = hostLabels[n2 - 2];
    if (!/[a-z]/.test(hostLabels[0]) || left.length < 2 || hostLabels[0].length < 2) return void 0;
    const disguised = leet || usedJoins.some((j) => j !== 1 /* Plain */);
    if (disguised) {
      if (!SPOKEN.has(tld) && !extraTlds.has(tld)) return void 0;
      if (usedJoins.some((j) => j === 4 /* Word */) && hostLabels.slice(0, -1).some((l) => NOT_A_HOST.has(l))) return void 0;
    } else if (n2 < 3) {
      if (!STRONG.has(tld) && !extraTlds.has(tld)) return void 0;
      if (looksLikeSentence(norm, chain[last])) return void 0;
    }
  }
  return { found: { host, fs: start, fe: hasPath ? end : chain[last].e }, last };
}
function readIp(f2, chain, joins) {
  if (chain.length < 4) return 0;
  for (let i = 0; i < 4; i++) {
    const t = f2.slice(chain[i].s, chain[i].e);
    if (!/^\d{1,3}$/.test(t) || Number(t) > 255) return 0;
    if (i < 3 && joins[i] !== 1 /* Plain */) return 0;
  }
  return 3;
}
function privateIp(f2, chain) {
  const a = Number(f2.slice(chain[0].s, chain[0].e)), b = Number(f2.slice(chain[1].s, chain[1].e));
  return a === 10 || a === 127 || a === 192 && b === 168 || a === 172 && b >= 16 && b <= 31;
}
function pathEnd(f2, from) {
  const c = f2.charCodeAt(from);
  if (c !== 47 && c !== 58 && c !== 63 && c !== 35) return from;
  if (c === 58 && !(f2.charCodeAt(from + 1) >= 48 && f2.charCodeAt(from + 1) <= 57)) return from;
  let i = from + 1;
  while (i < f2.length) {
    const d = f2.charCodeAt(i);
    if (isSpace(d) || d === 34 || d === 60 || d === 62) break;
    i++;
  }
  while (i > from + 1 && ".,;:!?)]'".includes(f2[i - 1])) i--;
  return i;
}
function looksLikeSentence(norm, tld) {
  if (tld.e - tld.s < 2) return false;
  const [os, oe] = norm.toOriginal(tld.s, tld.e);
  const word = norm.original.slice(os, oe);
  const first = word[0], second = word[1];
  if (!(first !== first.toLowerCase() && second === second.toLowerCase() && second !== second.toUpperCase())) return false;
  const rest = word.slice(2);
  return rest === rest.toLowerCase();
}
function leetTld(t) {
  if (t.length < 3) return void 0;
  let out = "", leet = false, letters = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 48) {
      out += "o";
      leet = true;
    } else if (c === 51) {
      out += "e";
      leet = true;
    } else if (c >= 97 && c <= 122) {
      out += t[i];
      letters = true;
    } else return void 0;
  }
  return leet && letters && SPOKEN.has(out) ? out : void 0;
}
function isIpHost(host) {
  return host.charCodeAt(0) === 91 || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
function isUnder(host, domains) {
  let h = host;
  for (; ; ) {
    if (domains.has(h)) return true;
    const dot = h.indexOf(".");
    if (dot < 0) return false;
    h = h.slice(dot + 1);
  }
}
function createLinkMatcher(rules) {
  const allow = new Set(rules.allow.map(canonicalDomain).filter((d) => d && !isPublicSuffix(d)));
  const block = new Set(rules.block.map(canonicalDomain).filter(Boolean));
  const extraTlds = /* @__PURE__ */ new Set();
  for (const d of [...allow, ...block]) {
    const tld = d.slice(d.lastIndexOf(".") + 1);
    if (tld && !ALL_TLDS.has(tld)) extraTlds.add(tld);
  }
  const held = (host) => {
    if (isUnder(host, block)) return true;
    if (rules.mode === "allowlist") return !isUnder(host, allow);
    return (isUnder(host, HIDDEN_DESTINATION) || isIpHost(host)) && !isUnder(host, allow);
  };
  return Object.freeze({
    match(norm) {
      const hits = [];
      const links = findLinks(norm, extraTlds);
      for (let i = 0; i < links.length; i++) {
        const link = links[i];
        if (!held(link.host)) continue;
        const [start, end] = norm.toOriginal(link.fs, link.fe);
        hits.push({ kind: "link", detail: link.host, match: norm.original.slice(start, end), start, end, category: "link", severity: 2 });
      }
      return hits;
    }
  });
}

// server/filters/contacts.ts
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { parsePhoneNumberFromString as parseWithTypes } from "libphonenumber-js/max";

// server/filters/char-class.ts
function isDigit(c) {
  return c >= 48 && c <= 57;
}
var WORD_CHAR = /[\p{L}\p{N}]/u;
function isWordChar(text, i) {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57;
  return WORD_CHAR.test(text[i]);
}

// server/filters/contacts.ts
var PHONE = Object.freeze({ category: "contact", severity: 3 });
var EMAIL = Object.freeze({ category: "contact", severity: 3 });
var HANDLE = Object.freeze({ category: "contact", severity: 2 });
var MIN_DIGITS = 8;
var MAX_DIGITS = 15;
var GLUED_SHORT = 4;
var SPELLED_OUT = 7;
var CONTEXT_WORDS = 5;
var SERVICE_LINE_WORDS = 30;
var CODE_LETTERS = 5;
var PHONE_LEADS = /* @__PURE__ */ new Set(["a", "au", "at", "on", "to", "le", "no", "nr", "n"]);
var SITE_NAMES = /* @__PURE__ */ new Set(["pseudo", "username"]);
var HANDLE_AFTER = 4;
var HANDLE_BEFORE = 3;
var ID_WORDS = 12;
var NUMBER_NOUNS = /* @__PURE__ */ new Set(["numero", "num", "number", "no", "nr", "n"]);
var DESK_LINES = /* @__PURE__ */ new Set(["FIXED_LINE", "VOIP", "UAN", "TOLL_FREE", "SHARED_COST"]);
var ANNOUNCED_IN = ["FR", "BE", "CH", "GB", "US", "CA", "DE", "ES", "IT"];
var SERVICE_LINES = /* @__PURE__ */ new Set(["TOLL_FREE", "SHARED_COST"]);
var PROVIDERS = /* @__PURE__ */ new Set(["gmail", "googlemail", "hotmail", "yahoo", "outlook", "live", "msn", "icloud", "me", "orange", "free", "sfr", "laposte", "wanadoo", "proton", "protonmail", "gmx", "aol", "yandex", "bbox", "neuf", "mail", "caramail", "skynet", "bluewin"]);
var WORDLIKE_PROVIDERS = /* @__PURE__ */ new Set(["me", "live", "free", "orange", "mail", "neuf", "msn"]);
var TLDS = /* @__PURE__ */ new Set(["com", "fr", "net", "org", "io", "co", "eu", "be", "ch", "ca", "uk", "de", "es", "it", "info", "biz", "me", "us", "lu", "nl", "pt", "app", "shop", "store"]);
function createContactDetector(langs) {
  const numbers = /* @__PURE__ */ new Map();
  const set = (pick) => new Set(langs.flatMap(pick));
  for (const w of langs) for (const [k, v] of Object.entries(w.numbers)) numbers.set(k, v);
  const phrases = (pick) => phraseIndex(langs.flatMap((w) => (pick(w) ?? []).map((p) => p.split(" "))));
  return new Detector(
    numbers,
    set((w) => w.joiners),
    set((w) => w.at),
    set((w) => w.dot),
    set((w) => w.networks),
    set((w) => w.phoneContext),
    set((w) => w.notPhoneContext),
    phrases((w) => w.serviceDesk),
    phrases((w) => w.privateLine),
    set((w) => w.idContext ?? []),
    set((w) => w.codeWords ?? []),
    set((w) => w.siteUsers ?? []),
    set((w) => w.phoneNouns ?? [])
  );
}
var NONE = Object.freeze([]);
var FP_BITS = 1 << 15;
var NUMBER = 1;
var AT = 2;
var NETWORK = 4;
var Detector = class {
  constructor(numbers, joiners, at, dot, networks, phoneContext, notPhoneContext, serviceDesk, privateLine, idContext, codeWords, siteUsers, phoneNouns) {
    this.numbers = numbers;
    this.joiners = joiners;
    this.at = at;
    this.dot = dot;
    this.networks = networks;
    this.phoneContext = phoneContext;
    this.notPhoneContext = notPhoneContext;
    this.serviceDesk = serviceDesk;
    this.privateLine = privateLine;
    this.idContext = idContext;
    this.codeWords = codeWords;
    this.siteUsers = siteUsers;
    this.phoneNouns = phoneNouns;
    const mark = (k, bit) => this.triggers.set(k, (this.triggers.get(k) ?? 0) | bit);
    for (const k of numbers.keys()) mark(k, NUMBER);
    for (const k of at) mark(k, AT);
    for (const k of networks) mark(k, NETWORK);
    for (const k of this.triggers.keys()) {
      const sh = shapeOf2(k);
      this.shapes[sh >>> 5] |= 1 << (sh & 31);
    }
    this.fps = fingerprintBits(this.triggers.keys());
    this.runWords = fingerprintBits([...numbers.keys(), ...joiners, "double", "triple"]);
    this.atWords = fingerprintBits(at);
    this.networkWords = fingerprintBits(networks);
  }
  numbers;
  joiners;
  at;
  dot;
  networks;
  phoneContext;
  notPhoneContext;
  serviceDesk;
  privateLine;
  idContext;
  codeWords;
  siteUsers;
  phoneNouns;
  /** Number words, "at" words and networks: one lookup per message word. */
  triggers = /* @__PURE__ */ new Map();
  /** Their shapes (length, first and last letter) as bits: most message words need no lookup at all. */
  shapes = new Uint32Array(Math.ceil(32 * 27 * 27 / 32));
  /** Their fingerprints (WordToken.fp) as bits: finer than shapes ("un" and "en" differ), so fewer lookups. */
  fps;
  /** Fingerprints of the words a phone run may read (numbers, joiners, "double", "triple"), and of the "at" words and networks. */
  runWords;
  atWords;
  networkWords;
  match(norm) {
    const f2 = norm.folded, toks = norm.tokens;
    const digits = norm.digits, arobase = norm.arobase;
    let spelled = 0, atWord = false, network = false;
    const shapes = this.shapes, fps = this.fps;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i], key = t.key;
      if (!mayBe(fps, t)) continue;
      const sh = shapeOf2(key);
      if ((shapes[sh >>> 5] & 1 << (sh & 31)) === 0) continue;
      const kind = this.triggers.get(key);
      if (kind === void 0) continue;
      if (kind & NUMBER) spelled++;
      if (kind & AT) atWord = true;
      if (kind & NETWORK) network = true;
    }
    if (digits + spelled < MIN_DIGITS && digits >= MIN_DIGITS - GLUED_SHORT) spelled += this.gluedExtra(f2, toks);
    if (digits + spelled < MIN_DIGITS && !arobase && !atWord && !network) return NONE;
    const found = [];
    if (digits + spelled >= MIN_DIGITS) this.phones(norm, found);
    if (arobase) this.emails(norm, found);
    if (atWord) this.spokenEmails(norm, found);
    if (network) this.handles(norm, found);
    if (found.length === 0) return [];
    found.sort((a, b) => a.fs - b.fs || b.fe - a.fe);
    const out = [];
    let coveredTo = -1;
    for (const h of found) {
      if (h.fe <= coveredTo) continue;
      coveredTo = h.fe;
      const [start, end] = norm.toOriginal(h.fs, h.fe);
      out.push({ kind: "word", detail: h.detail, match: norm.original.slice(start, end), start, end, category: h.tag.category, severity: h.tag.severity });
    }
    return out;
  }
  // ---- phones
  /**
   * Runs of digits, digit look-alikes and number words, with short separators between them. Only
   * a digit, a "+" or a number word can start one: the scan jumps from one to the next.
   */
  phones(norm, found) {
    const f2 = norm.folded, toks = norm.tokens, n2 = f2.length;
    const readable = /* @__PURE__ */ new Map();
    const glued = /* @__PURE__ */ new Map();
    const starts = [];
    const runWords = this.runWords;
    for (const t of toks) {
      const word = mayBe(runWords, t);
      if (word && (this.numbers.has(t.key) || t.key === "double" || t.key === "triple" || this.joiners.has(t.key)) || lookalikeDigits(f2, t)) {
        readable.set(t.s, t);
        if (word && this.numbers.has(t.key) || lookalikeDigits(f2, t)) starts.push(t.s);
      } else if (isDigit(f2.charCodeAt(t.s)) || isDigit(f2.charCodeAt(t.e - 1))) {
        const d = this.gluedDigits(f2, t);
        if (d !== void 0) {
          glued.set(t.s, d);
          readable.set(t.s, t);
          starts.push(t.s);
        }
      }
    }
    let i = 0, next = 0;
    while (i < n2) {
      while (next < starts.length && starts[next] < i) next++;
      const word = next < starts.length ? starts[next] : n2;
      RUN_START.lastIndex = i;
      const at = RUN_START.exec(f2);
      const start = at === null || at.index > word ? word : at.index;
      if (start >= n2) return;
      i = start;
      let out = "", plus = false, last = -1, gap = 0, said = 0, prev = -1, counts = true;
      const words = [];
      while (i < n2) {
        const c = f2.charCodeAt(i);
        const tok = readable.get(i);
        if (tok !== void 0 && this.numbers.has(tok.key)) {
          const v = this.numbers.get(tok.key);
          if (said > 0 && Math.abs(v - prev) !== 1) counts = false;
          words.push(v);
          prev = v;
          i = tok.e;
          last = i;
          gap = 0;
          said++;
        } else if (tok !== void 0 && glued.has(tok.s)) {
          if (words.length) {
            out += spell(words);
            words.length = 0;
          }
          out += glued.get(tok.s);
          i = tok.e;
          last = i;
          gap = 0;
        } else if (tok !== void 0 && lookalikeDigits(f2, tok)) {
          if (words.length) {
            out += spell(words);
            words.length = 0;
          }
          out += digitsOf(f2, tok);
          i = tok.e;
          last = i;
          gap = 0;
        } else if (isDigit(c)) {
          if (words.length) {
            out += spell(words);
            words.length = 0;
          }
          out += f2[i];
          i++;
          last = i;
          gap = 0;
        } else if (tok !== void 0 && (tok.key === "double" || tok.key === "triple") && last >= 0) {
          words.push(tok.key === "double" ? -2 : -3);
          i = tok.e;
          gap = 0;
        } else if (tok !== void 0 && this.joiners.has(tok.key) && words.length > 0) {
          i = tok.e;
          gap = 0;
        } else if (c === 43 && last < 0 && i + 1 < n2 && isDigit(f2.charCodeAt(i + 1))) {
          plus = true;
          i++;
        } else if (last >= 0 && isPhoneSeparator(c) && gap < 3) {
          i++;
          gap++;
        } else break;
      }
      if (words.length) out += spell(words);
      if (last < 0) {
        i = start + 1;
        continue;
      }
      if (this.codePrefixed(f2, start)) {
        i = Math.max(last, start + 1);
        continue;
      }
      this.judge(norm, out, plus, firstNonSeparator(f2, start), last, found, said >= SPELLED_OUT && !counts);
      i = Math.max(last, start + 1);
    }
  }
  /** How many digits the number words glued to digits add ("1deux": one), over the message. */
  gluedExtra(f2, toks) {
    let extra = 0;
    for (const t of toks) {
      if (t.e - t.s < 4 || !(isDigit(f2.charCodeAt(t.s)) || isDigit(f2.charCodeAt(t.e - 1)))) continue;
      const d = this.gluedDigits(f2, t);
      if (d === void 0) continue;
      let own = 0;
      for (let i = t.s; i < t.e; i++) if (isDigit(f2.charCodeAt(i))) own++;
      extra += d.length - own;
    }
    return extra;
  }
  /**
   * The digits of a word that glues digits to single-digit number words ("0six" → "06",
   * "4five" → "45"): a disguise that keeps each part out of both readings. Undefined for any
   * other word ("4ever", "2in1", "x20").
   */
  gluedDigits(f2, t) {
    let out = "", letters = false;
    for (let i = t.s; i < t.e; ) {
      let j = i;
      if (isDigit(f2.charCodeAt(i))) {
        while (j < t.e && isDigit(f2.charCodeAt(j))) j++;
        out += f2.slice(i, j);
      } else {
        while (j < t.e && isLetter(f2.charCodeAt(j))) j++;
        const n2 = j > i ? this.numbers.get(f2.slice(i, j)) : void 0;
        if (n2 === void 0 || n2 < 0 || n2 > 9) return void 0;
        out += String(n2);
        letters = true;
      }
      i = j;
    }
    return letters && out.length > 1 ? out : void 0;
  }
  /**
   * Whether the digits at folded offset `s` belong to a product or model code: a few letters
   * joined to them, or joined by a dash ("AB-0712-3345", "XR0612345678"), that are neither a
   * phone's own announcement ("tel-06…") nor a number word ("zéro6 98…").
   */
  codePrefixed(f2, s2) {
    let k = s2 - 1;
    if (k >= 0 && f2.charCodeAt(k) === 45) k--;
    let from = k;
    while (from >= 0 && isLetter(f2.charCodeAt(from))) from--;
    const letters = k - from;
    if (letters < 1 || letters > CODE_LETTERS || from >= 0 && isDigit(f2.charCodeAt(from))) return false;
    const lead = f2.slice(from + 1, k + 1);
    return !this.phoneContext.has(lead) && !PHONE_LEADS.has(lead) && !this.numbers.has(lead);
  }
  /** Whether `digits` (read from folded [fs, fe)) is a phone number, by its shape, its country and the words before it. */
  judge(norm, digits, plus, fs, fe, found, spelledOut = false) {
    if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return;
    if (!plus && yearSpan(norm.folded, fs, fe)) return;
    const before = this.wordsBefore(norm, fs);
    const announced = before.some((k, n2) => this.phoneContext.has(k) && !this.namesAnId(before, n2));
    const after0 = this.wordsAfter(norm, fe);
    const notPhone = before.some((k) => this.notPhoneContext.has(k)) || after0.some((k) => this.notPhoneContext.has(k)) || (this.saysCompanyLine(norm, fs, fe) || this.deskInMessage(norm)) && serviceLine(digits, plus) || this.deskLine(norm, digits, plus, fs, fe) || this.farId(norm, before, fs, fe);
    let phone = false;
    const announced2 = announced || spelledOut || after0.some((k) => this.phoneContext.has(k));
    if (notPhone) phone = false;
    else if (plus || digits.startsWith("00")) {
      const intl = "+" + (plus ? digits : digits.slice(2));
      phone = valid(intl) || (announced2 || grouped(norm.folded, fs, fe)) && possibleIntl(intl);
    } else if (digits.length === 10 && digits[0] === "0") phone = valid(digits, "FR") || announced2 && possible(digits, "FR");
    else if (digits.length === 11 && digits.startsWith("33")) phone = valid("+" + digits);
    else if (digits.length === 9 && (digits[0] === "6" || digits[0] === "7")) phone = valid("0" + digits, "FR") && (announced || grouped(norm.folded, fs, fe));
    else if (announced2) phone = ANNOUNCED_IN.some((c) => possible(digits, c));
    if (phone) found.push({ fs, fe, detail: "phone", tag: PHONE });
  }
  /**
   * A company's or a public service's line: its sentence names the desk ("le service client de la
   * pharmacie m'a rappelée au 01 84 …", "SOS Amitié … 09 72 …", "customer care … +41 22 …") and the
   * number is a landline, VoIP, non-geographic or freephone one (libphonenumber's type: never a
   * mobile, nor a US number that may be one), and the sentence asks nobody to call privately
   * ("le SAV répond pas, appelle-moi au 01 …").
   */
  deskLine(norm, digits, plus, fs, fe) {
    if (this.serviceDesk.size === 0) return false;
    const before = this.wordsBefore(norm, fs, SERVICE_LINE_WORDS).reverse(), after = this.wordsAfter(norm, fe, SERVICE_LINE_WORDS);
    const says = (list2) => hasPhrase(before, list2) || hasPhrase(after, list2);
    if (!says(this.serviceDesk) || says(this.privateLine)) return false;
    const type = lineType(digits, plus);
    return type !== void 0 && DESK_LINES.has(type);
  }
  /**
   * Whether the number noun at `before[n]` (words before a number, nearest first) is "numéro de" and a noun that is no
   * phone's ("le numéro de l'offre est 457-882-19", "numéro de concession 2019-0457"): it names an identifier.
   */
  namesAnId(before, n2) {
    if (this.phoneNouns.size === 0 || !NUMBER_NOUNS.has(before[n2]) || n2 < 2 || !OF.has(before[n2 - 1])) return false;
    let k = n2 - 2;
    while (k > 0 && ARTICLES.has(before[k])) k--;
    const noun = before[k];
    if (ARTICLES.has(noun) || OWNERS.has(noun)) return false;
    return !this.phoneNouns.has(noun) && !this.phoneContext.has(noun) && !this.numbers.has(noun);
  }
  /**
   * A freephone or shared-cost number in a message that names a company's desk in another sentence ("Anyone know the
   * customer service hours? Their page says call 1-800-…") and asks nobody to call privately: the desk's own line.
   */
  deskInMessage(norm) {
    const toks = norm.tokens, key = (i) => toks[i].key;
    return this.serviceDesk.size > 0 && phraseAt(toks.length, key, this.serviceDesk) && !phraseAt(toks.length, key, this.privateLine);
  }
  /**
   * An order, parcel or serial number announced from further back in its sentence than
   * notPhoneContext reaches ("Serial number's on the bottom, 0779 …", "suivre mon colis avec le
   * numéro Colissimo 6A1234…"), unless a call word stands right before it or the sentence asks
   * to be called privately.
   */
  farId(norm, near, fs, fe) {
    if (this.idContext.size === 0) return false;
    const before = this.wordsBefore(norm, fs, ID_WORDS);
    if (!before.some((k) => this.idContext.has(k))) return false;
    if (near.some((k) => this.phoneContext.has(k) && !NUMBER_NOUNS.has(k))) return false;
    const after = this.wordsAfter(norm, fe, SERVICE_LINE_WORDS);
    return !hasPhrase(before.slice().reverse(), this.privateLine) && !hasPhrase(after, this.privateLine);
  }
  /** Whether a word of a company's line ("officiel", "service", "hotline"…) stands in the sentence of folded [fs, fe). */
  saysCompanyLine(norm, fs, fe) {
    const says = (k) => this.notPhoneContext.has(k);
    return this.wordsBefore(norm, fs, SERVICE_LINE_WORDS).some(says) || this.wordsAfter(norm, fe, SERVICE_LINE_WORDS).some(says);
  }
  /** Token keys of up to `max` words after folded offset `fe`, in the same sentence ("…, call me after 6"). */
  wordsAfter(norm, fe, max = CONTEXT_WORDS) {
    const toks = norm.tokens, f2 = norm.folded;
    const out = [];
    for (let j = firstTokenFrom(toks, fe), edge = fe; j < toks.length && out.length < max; j++) {
      if (hasSentenceEnd(f2, edge, toks[j].s)) break;
      out.push(toks[j].key);
      edge = toks[j].e;
    }
    return out;
  }
  /** Token keys of up to `max` words before folded offset `fs`, in the same sentence. */
  wordsBefore(norm, fs, max = CONTEXT_WORDS) {
    const toks = norm.tokens, f2 = norm.folded;
    const out = [];
    let j = firstTokenFrom(toks, fs) - 1;
    for (let edge = fs; j >= 0 && out.length < max; j--) {
      if (hasSentenceEnd(f2, toks[j].e, edge)) break;
      out.push(toks[j].key);
      edge = toks[j].s;
    }
    return out;
  }
  // ---- e-mail addresses
  /** "lea.b@gmail.com", "lea @ gmail . com", "lea@gmail point com". */
  emails(norm, found) {
    const f2 = norm.folded;
    for (let at = f2.indexOf("@"); at >= 0; at = f2.indexOf("@", at + 1)) {
      let ls = at;
      while (ls > 0 && f2.charCodeAt(ls - 1) === 32) ls--;
      const localEnd = ls;
      while (ls > 0 && isLocalChar(f2.charCodeAt(ls - 1))) ls--;
      if (ls === localEnd) continue;
      let ds = at + 1;
      while (ds < f2.length && f2.charCodeAt(ds) === 32) ds++;
      const end = this.domainEnd(norm, ds);
      if (end > 0) found.push({ fs: firstLocal(f2, ls), fe: end, detail: "email", tag: EMAIL });
    }
  }
  /** "lea arobase gmail point com", "lea [at] gmail [dot] com", "lea at gmail". */
  spokenEmails(norm, found) {
    const toks = norm.tokens, f2 = norm.folded;
    for (let i = 1; i + 1 < toks.length; i++) {
      if (!mayBe(this.atWords, toks[i]) || !this.at.has(toks[i].key)) continue;
      const local = toks[i - 1];
      if (hasSentenceEnd(f2, local.e, toks[i].s)) continue;
      const end = this.domainEnd(norm, toks[i + 1].s, true);
      if (end > 0) found.push({ fs: local.s, fe: end, detail: "email", tag: EMAIL });
    }
  }
  /**
   * Where a mail domain starting at folded offset `ds` ends: a provider ("gmail"), or a name then
   * "." / "dot" / "point" then a top-level domain ("rival.fr", "rival dot com"); 0 if none.
   */
  domainEnd(norm, ds, spoken = false) {
    const toks = norm.tokens, f2 = norm.folded;
    const i = firstTokenEndingAfter(toks, ds);
    if (i >= toks.length || toks[i].s > ds + 1) return 0;
    const name = toks[i];
    const next = toks[i + 1];
    if (next !== void 0) {
      const between = f2.slice(name.e, next.s).replace(/[\s()[\]{}]/g, "");
      if (between === "." && TLDS.has(next.key)) return next.e;
      const after = toks[i + 2];
      if (between === "" && this.dot.has(next.key) && after !== void 0 && TLDS.has(after.key)) return after.e;
    }
    return PROVIDERS.has(name.key) && !(spoken && WORDLIKE_PROVIDERS.has(name.key)) ? name.e : 0;
  }
  // ---- social handles
  /** A network's name with a handle next to it: "insta @lea_b", "snap : lea.b92", "@lea_b on insta". */
  handles(norm, found) {
    const toks = norm.tokens, f2 = norm.folded;
    for (let i = 0; i < toks.length; i++) {
      if (!mayBe(this.networkWords, toks[i]) || !this.networks.has(toks[i].key)) continue;
      const site = SITE_NAMES.has(toks[i].key);
      for (let j = i + 1; j < toks.length && j <= i + HANDLE_AFTER; j++) {
        if (hasSentenceEnd(f2, toks[j - 1].e, toks[j].s)) break;
        if (this.codeWords.has(toks[j - 1].key)) continue;
        const h = handleAt(norm, j, colonBetween(f2, toks[i].e, toks[j].s));
        if (h > 0) {
          found.push({ fs: toks[i].s, fe: h, detail: site || this.siteUsers.has(toks[j - 1].key) ? "username" : "handle", tag: HANDLE });
          break;
        }
      }
      for (let j = i - 1; j >= 0 && j >= i - HANDLE_BEFORE; j--) {
        if (hasSentenceEnd(f2, toks[j].e, toks[j + 1].s)) break;
        const lead = j > 0 ? toks[j - 1].key : "";
        if (this.codeWords.has(lead)) continue;
        const h = handleAt(norm, j, false);
        if (h > 0) {
          found.push({ fs: handleStart(f2, toks[j].s), fe: toks[i].e, detail: site || this.siteUsers.has(lead) ? "username" : "handle", tag: HANDLE });
          break;
        }
      }
    }
  }
};
function handleAt(norm, j, bare) {
  const toks = norm.tokens, f2 = norm.folded;
  const t = toks[j];
  let s2 = t.s;
  if (f2.charCodeAt(s2) === 64 || s2 > 0 && f2.charCodeAt(s2 - 1) === 64) return runEnd(f2, s2);
  let e = runEnd(f2, s2);
  while (e > s2 && f2.charCodeAt(e - 1) === 46) e--;
  const run = f2.slice(s2, e);
  if (run.length >= 4 && /[a-z]/.test(run) && /[_.\d]/.test(run) && !/^\d+$/.test(run.replace(/[_.]/g, "")) && !MEASURE.test(run)) return e;
  if (bare && t.length >= 4 && (j + 1 >= toks.length || hasClauseEnd(f2, t.e, toks[j + 1].s))) return t.e;
  return 0;
}
var OF = /* @__PURE__ */ new Set(["de", "du", "d", "des"]);
var ARTICLES = /* @__PURE__ */ new Set(["l", "la", "le", "les"]);
var OWNERS = /* @__PURE__ */ new Set(["mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs"]);
function yearSpan(f2, fs, fe) {
  let i = fs;
  const year = () => {
    let v = 0, n2 = 0;
    while (i < fe && isDigit(f2.charCodeAt(i))) {
      v = v * 10 + f2.charCodeAt(i) - 48;
      i++;
      n2++;
    }
    return n2 === 4 && v >= 1800 && v <= 2099 ? v : -1;
  };
  const a = year();
  if (a < 0) return false;
  let dash = false;
  while (i < fe && !isDigit(f2.charCodeAt(i))) {
    const c = f2.charCodeAt(i);
    if (c === 45 || c === 47) dash = true;
    else if (c !== 32) return false;
    i++;
  }
  const b = year();
  return dash && b >= a && i >= fe;
}
var MEASURE = /^\d+(?:[.,]\d+)?(?:kg|g|mg|lb|lbs|oz|cm|mm|km|m|ml|cl|dl|l|w|kw|v|mah|gb|tb|mb|hz|ghz|mph|kmh|fps|p|i|k|mbps|kbps)$/;
function fingerprintBits(words) {
  const bits = new Uint32Array(FP_BITS / 32);
  for (const w of words) {
    const b = fingerprint(w) & FP_BITS - 1;
    bits[b >>> 5] |= 1 << (b & 31);
  }
  return bits;
}
function mayBe(bits, t) {
  const b = t.fp & FP_BITS - 1;
  return (bits[b >>> 5] & 1 << (b & 31)) !== 0;
}
function shapeOf2(key) {
  return ((key.length < 31 ? key.length : 31) * 27 + letterSlot2(key.charCodeAt(0))) * 27 + letterSlot2(key.charCodeAt(key.length - 1));
}
function letterSlot2(c) {
  return c >= 97 && c <= 122 ? c - 97 : 26;
}
function firstTokenFrom(toks, pos) {
  let lo = 0, hi = toks.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (toks[mid].s < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function firstTokenEndingAfter(toks, pos) {
  let lo = 0, hi = toks.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (toks[mid].e <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function runEnd(f2, s2) {
  let e = s2;
  while (e < f2.length && (isLocalChar(f2.charCodeAt(e)) || f2.charCodeAt(e) === 64)) e++;
  return e;
}
function handleStart(f2, s2) {
  return s2 > 0 && f2.charCodeAt(s2 - 1) === 64 ? s2 - 1 : s2;
}
function colonBetween(f2, from, to) {
  for (let i = from; i < to; i++) if (f2.charCodeAt(i) === 58) return true;
  return false;
}
function isLetter(c) {
  return c >= 97 && c <= 122;
}
var RUN_START = /\+?[0-9]/g;
function isLocalChar(c) {
  return c >= 97 && c <= 122 || isDigit(c) || c === 46 || c === 95 || c === 45 || c === 43;
}
function firstLocal(f2, s2) {
  while (s2 < f2.length && (f2.charCodeAt(s2) === 46 || f2.charCodeAt(s2) === 45)) s2++;
  return s2;
}
function isPhoneSeparator(c) {
  return c === 32 || c === 46 || c === 45 || c === 47 || c === 40 || c === 41 || c === 44 || c === 160 || c === 95;
}
function firstNonSeparator(f2, s2) {
  while (s2 < f2.length && (isPhoneSeparator(f2.charCodeAt(s2)) || f2.charCodeAt(s2) === 43)) s2++;
  return s2 > 0 && f2.charCodeAt(s2 - 1) === 43 ? s2 - 1 : s2;
}
function lookalikeDigits(f2, t) {
  let digit = false;
  for (let i = t.s; i < t.e; i++) {
    const c = f2.charCodeAt(i);
    if (isDigit(c)) digit = true;
    else if (c !== 111 && c !== 108 && c !== 105) return false;
  }
  return digit;
}
function digitsOf(f2, t) {
  let out = "";
  for (let i = t.s; i < t.e; i++) {
    const ch = f2[i];
    out += ch === "o" ? "0" : ch === "l" || ch === "i" ? "1" : ch;
  }
  return out;
}
function spell(words) {
  let out = "";
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1], after = words[i + 2];
    if (w < 0) {
      if (next !== void 0 && next >= 0 && next <= 9) {
        out += String(next).repeat(-w);
        i++;
      }
      continue;
    }
    if (w === 4 && next === 20) {
      if (after !== void 0 && after >= 10 && after <= 19) {
        out += String(80 + after);
        i += 2;
      } else if (after === 10 && words[i + 3] !== void 0 && words[i + 3] >= 7 && words[i + 3] <= 9) {
        out += String(90 + words[i + 3]);
        i += 3;
      } else if (after !== void 0 && after >= 1 && after <= 9) {
        out += String(80 + after);
        i += 2;
      } else {
        out += "80";
        i++;
      }
      continue;
    }
    if (w >= 20 && w % 10 === 0) {
      if ((w === 60 || w === 80) && next === 10 && after !== void 0 && after >= 7 && after <= 9) {
        out += String(w + 10 + after);
        i += 2;
      } else if ((w === 60 || w === 80) && next !== void 0 && next >= 10 && next <= 19) {
        out += String(w + next);
        i++;
      } else if (next !== void 0 && next >= 1 && next <= 9) {
        out += String(w + next);
        i++;
      } else out += String(w);
      continue;
    }
    if (w === 10 && next !== void 0 && next >= 7 && next <= 9) {
      out += String(10 + next);
      i++;
      continue;
    }
    out += String(w);
  }
  return out;
}
function valid(text, country) {
  const n2 = parsePhoneNumberFromString(text, country);
  return n2 !== void 0 && n2.isValid();
}
function serviceLine(digits, plus) {
  const type = lineType(digits, plus);
  return type !== void 0 && SERVICE_LINES.has(type);
}
function lineType(digits, plus) {
  const intl = plus ? "+" + digits : digits.startsWith("00") ? "+" + digits.slice(2) : digits.length === 11 && digits.startsWith("33") ? "+" + digits : void 0;
  for (const c of intl !== void 0 ? [void 0] : ANNOUNCED_IN) {
    const n2 = parseWithTypes(intl ?? digits, c);
    if (n2 === void 0 || !n2.isValid()) continue;
    return n2.getType();
  }
  return void 0;
}
function phraseIndex(list2) {
  const out = /* @__PURE__ */ new Map();
  for (const p of list2) {
    const l = out.get(p[0]);
    if (l === void 0) out.set(p[0], [p]);
    else l.push(p);
  }
  return out;
}
function hasPhrase(keys, phrases) {
  return phraseAt(keys.length, (i) => keys[i], phrases);
}
function phraseAt(n2, keyAt, phrases) {
  for (let i = 0; i < n2; i++) {
    const list2 = phrases.get(keyAt(i));
    if (list2 === void 0) continue;
    for (const p of list2) {
      if (i + p.length > n2) continue;
      let k = 1;
      while (k < p.length && keyAt(i + k) === p[k]) k++;
      if (k === p.length) return true;
    }
  }
  return false;
}
function possibleIntl(text) {
  const n2 = parsePhoneNumberFromString(text);
  return n2 !== void 0 && n2.isPossible();
}
function possible(text, country) {
  const n2 = parsePhoneNumberFromString(text, country);
  return n2 !== void 0 && n2.isPossible();
}
function grouped(f2, fs, fe) {
  let seps = 0;
  for (let i = fs; i < fe; i++) if (!isDigit(f2.charCodeAt(i))) seps++;
  return seps >= 3;
}
function hasSentenceEnd(f2, from, to) {
  for (let i = from; i < to; i++) {
    const c = f2.charCodeAt(i);
    if (c === 10 || c === 13 || c === 33 || c === 63 || c === 46 && i + 1 < to && f2.charCodeAt(i + 1) === 32) return true;
  }
  return false;
}
function hasClauseEnd(f2, from, to) {
  for (let i = from; i < to; i++) if (f2.charCodeAt(i) !== 32) return true;
  return false;
}

// server/filters/codes.ts
var JOINERS = " /-.";
var OPEN_BEFORE = ` 	
"'(\xAB[{,;!?`;
var OPEN_AFTER = ` 	
"')\xBB]},;:!?.\u2026`;
var ECHO_WORDS = 4;
var ECHO_SPAN = 80;
var NONE2 = Object.freeze([]);
function codeDigits(written) {
  const t = written.trim();
  return /^\d[\d\s/.-]*$/.test(t) ? t.replace(/\D/g, "") : void 0;
}
var NEXT_DIGIT = /[0-9]/g;
function createCodeDetector(langs, removed = []) {
  const codes = /* @__PURE__ */ new Map();
  const gone = new Set(removed.map(codeDigits).filter((d) => d !== void 0));
  for (const w of langs) {
    for (const n2 of w.numbers) {
      const digits = codeDigits(n2.digits);
      if (digits === void 0 || gone.has(digits)) continue;
      const prior = codes.get(digits);
      const near = prior === void 0 ? n2.near && new Set(n2.near) : prior.near === void 0 && n2.near === void 0 ? void 0 : /* @__PURE__ */ new Set([...prior.near ?? [], ...n2.near ?? []]);
      const severity = Math.max(n2.severity, prior?.tag.severity ?? 1);
      codes.set(digits, { tag: Object.freeze({ category: "hate", severity }), near });
    }
  }
  const set = (pick) => new Set(langs.flatMap(pick));
  return new Detector2(codes, set((w) => w.units), set((w) => w.before), set((w) => w.echoInnocent), !removed.some((r) => r.trim() === "((("));
}
var Detector2 = class {
  constructor(codes, units, before, echoInnocent, echoOn) {
    this.codes = codes;
    this.units = units;
    this.before = before;
    this.echoInnocent = echoInnocent;
    this.echoOn = echoOn;
    Object.freeze(this);
  }
  codes;
  units;
  before;
  echoInnocent;
  echoOn;
  match(norm) {
    const text = norm.folded;
    const echo = this.echoOn && text.includes("(((");
    if (norm.digits === 0 && !echo) return NONE2;
    const out = [];
    if (norm.digits > 0 && this.codes.size > 0) this.numbers(norm, out);
    if (echo) this.echoes(norm, out);
    return out.length === 0 ? NONE2 : out.sort((a, b) => a.start - b.start);
  }
  /** Each run of digit groups joined by one JOINERS character, read as one number. */
  numbers(norm, out) {
    const text = norm.folded;
    for (let i = 0; i < text.length; i++) {
      NEXT_DIGIT.lastIndex = i;
      if (!NEXT_DIGIT.test(text)) return;
      i = NEXT_DIGIT.lastIndex - 1;
      const start = i;
      let digits = "";
      let end = i;
      let groups = 0, last = 0, joiner = "";
      for (; ; ) {
        const from = end;
        while (end < text.length && isDigit(text.charCodeAt(end))) digits += text[end++];
        groups++;
        last = end - from;
        if (end + 1 < text.length && JOINERS.includes(text[end]) && isDigit(text.charCodeAt(end + 1))) {
          joiner = text[end++];
          continue;
        }
        break;
      }
      let decimal = false;
      while (end + 1 < text.length && text[end] === "," && isDigit(text.charCodeAt(end + 1))) {
        decimal = true;
        end++;
        while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      }
      i = end;
      if (decimal || groups === 2 && joiner === "." && last === 2) continue;
      const code = this.codes.get(digits);
      if (code === void 0) continue;
      if (start > 0 && !OPEN_BEFORE.includes(text[start - 1])) continue;
      if (end < text.length && !OPEN_AFTER.includes(text[end])) continue;
      const prev = wordBefore(text, start), next = wordAfter(text, end, this.units);
      if (this.units.has(next) || this.before.has(prev)) continue;
      if (code.near !== void 0 && !code.near.has(prev) && !code.near.has(next)) continue;
      const [s2, e] = norm.toOriginal(start, end);
      out.push({ kind: "word", detail: `code ${digits}`, match: norm.original.slice(s2, e), start: s2, end: e, ...code.tag });
    }
  }
  /** "(((…)))" around one to ECHO_WORDS words, none of them a hug. */
  echoes(norm, out) {
    const text = norm.folded;
    let close = -1;
    for (let at = text.indexOf("((("); at >= 0; at = text.indexOf("(((", at)) {
      const open = at;
      let s2 = at;
      while (s2 < text.length && text[s2] === "(") s2++;
      at = s2;
      if (open > 0 && isWordChar(text, open - 1)) continue;
      if (close < s2) close = text.indexOf(")))", s2);
      if (close < 0) return;
      if (close - s2 > ECHO_SPAN) continue;
      const words = text.slice(s2, close).split(/[^\p{L}\p{N}']+/u).filter(Boolean);
      if (words.length === 0 || words.length > ECHO_WORDS || words.some((w) => this.echoInnocent.has(w))) continue;
      let e = close;
      while (e < text.length && text[e] === ")") e++;
      const [os, oe] = norm.toOriginal(open, e);
      out.push({ kind: "word", detail: "echo", match: norm.original.slice(os, oe), start: os, end: oe, category: "hate", severity: 3 });
      at = e;
    }
  }
};
function wordBefore(text, i) {
  let e = i;
  while (e > 0 && !isWordChar(text, e - 1) && i - e < 3) e--;
  let s2 = e;
  while (s2 > 0 && isWordChar(text, s2 - 1)) s2--;
  return text.slice(s2, e);
}
function wordAfter(text, i, units) {
  let s2 = i;
  while (s2 < text.length && text[s2] === " ") s2++;
  if (s2 < text.length && !isWordChar(text, s2) && units.has(text[s2])) return text[s2];
  const t = s2;
  while (s2 < text.length && !isWordChar(text, s2) && s2 - t < 3) s2++;
  let e = s2;
  while (e < text.length && isWordChar(text, e)) e++;
  return text.slice(s2, e);
}

// client-sdk/src/protocol.ts
var FILTER_CATEGORIES = [
  "profanity",
  "insult",
  "hate",
  "threat",
  "selfHarm",
  "sexual",
  "contact",
  "link",
  "spam",
  "competitor"
];

// server/filters/proximity.ts
var NEGATION_LEAD = 4;
var CONJUNCTIONS = /* @__PURE__ */ new Set(["sinon", "mais", "et", "puis", "alors", "car", "parce", "quand", "si", "otherwise", "or", "else", "but", "and", "then", "so", "because", "when", "if"]);
var NONE3 = Object.freeze([]);
var GATE_BITS = 1 << 16;
var SENTENCE_REACH = 30;
var QUOTE_REACH = 60;
function quotedAround(text, s2, e) {
  let open = false;
  for (let i = s2 - 1; i >= 0 && i >= s2 - QUOTE_REACH; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 187 || c === 8221) break;
    if (c === 34 || c === 171 || c === 8220) {
      open = true;
      break;
    }
    if (isSingleQuote(c)) {
      const edge = singleQuoteEdge(text, i);
      if (edge === "open") {
        open = true;
        break;
      }
      if (edge === "close") break;
    }
  }
  let from = s2;
  if (!open) {
    for (let i = s2; i < e && !open; i++) {
      const c = text.charCodeAt(i);
      if (c === 171 || c === 8220 || (c === 34 || isSingleQuote(c)) && singleQuoteEdge(text, i) === "open") {
        open = true;
        from = i + 1;
      }
    }
  }
  if (!open) return false;
  for (let i = from; i < text.length && i < e + QUOTE_REACH; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 171 || c === 8220) return false;
    if (c === 34 || c === 187 || c === 8221) return true;
    if (isSingleQuote(c)) {
      const edge = singleQuoteEdge(text, i);
      if (edge === "close") return true;
      if (edge === "open") return false;
    }
  }
  return false;
}
function ellipsisBetween(norm, a, b) {
  const f2 = norm.folded, from = norm.tokens[a].e, to = norm.tokens[b].s;
  let dots = 0;
  for (let i = from; i < to; i++) if (f2.charCodeAt(i) === 46) {
    if (++dots >= 2) return true;
  } else dots = 0;
  return false;
}
function punctuated(norm, a, b) {
  const f2 = norm.folded, toks = norm.tokens;
  for (let k = a; k < b; k++) {
    for (let i = toks[k].e; i < toks[k + 1].s; i++) {
      const c = f2.charCodeAt(i);
      if (c === 44 || c === 59 || c === 58 || c === 63 || c === 33 || c === 46) return true;
    }
  }
  return false;
}
function isSingleQuote(c) {
  return c === 39 || c === 8216 || c === 8217;
}
function singleQuoteEdge(text, i) {
  const before = i > 0 && isWordChar(text, i - 1), after = i + 1 < text.length && isWordChar(text, i + 1);
  return before === after ? void 0 : after ? "open" : "close";
}
function silenceClassesOf(x) {
  return [x.by, ...x.context >= 0 ? [x.context] : [], ...x.unless >= 0 ? [x.unless] : []];
}
var INTERJECTION_WORDS = 4;
var MAX_LEAD = 8;
var PHRASE_SLACK = 6;
var MAX_WITHIN = 12;
var MAX_AROUND = 6;
var REACH = MAX_WITHIN + MAX_AROUND + PHRASE_SLACK;
function* proximitySteps(langs) {
  const ids = /* @__PURE__ */ new Map();
  const idOf = (name) => {
    let id = ids.get(name);
    if (id === void 0) ids.set(name, id = ids.size);
    return id;
  };
  const entries = /* @__PURE__ */ new Map();
  const entryOf = (key) => {
    let e = entries.get(key);
    if (e === void 0) entries.set(key, e = { classes: [], phrases: void 0 });
    return e;
  };
  const rules = [];
  const forms = [];
  for (const [n2, lang] of langs.entries()) {
    const own = (name) => idOf(`${n2}:${name}`);
    for (const [name, words] of Object.entries(lang.classes)) {
      yield;
      const id = own(name);
      for (const w of words) {
        if (w.includes("/")) yield;
        for (const form of expand(w, lang.families, name)) {
          const keys2 = termTokens(form);
          if (keys2.length === 0) throw new Error(`proximity class ${name}: "${w}" is not a word`);
          const empty = form.split(/\s+/).find((piece) => piece !== "" && termTokens(piece).length === 0);
          if (empty !== void 0) throw new Error(`proximity class ${name}: "${empty}" in "${w}" is not a word`);
          (forms[id] ??= []).push(keys2);
          const e = entryOf(keys2[0]);
          if (keys2.length === 1) {
            if (!e.classes.includes(id)) e.classes.push(id);
          } else {
            e.phrases ??= /* @__PURE__ */ new Map();
            const byNext = e.phrases.get(keys2[1]);
            if (byNext === void 0) e.phrases.set(keys2[1], [{ rest: keys2.slice(1), classes: [id] }]);
            else byNext.push({ rest: keys2.slice(1), classes: [id] });
          }
        }
      }
    }
    for (const r of lang.rules) {
      if (r.near.length === 0 || r.within < 0 || r.within > MAX_WITHIN) throw new Error(`proximity rule ${r.name}: bad near/within`);
      if ((r.around ?? 3) < 0 || (r.around ?? 3) > MAX_AROUND) throw new Error(`proximity rule ${r.name}: around is 0\u2013${MAX_AROUND}`);
      if (r.from !== void 0 && !r.near.includes(r.from)) throw new Error(`proximity rule ${r.name}: from ${r.from} is not one of near`);
      for (const c of [...r.near, ...r.unless ?? []]) if (!Object.hasOwn(lang.classes, c)) throw new Error(`proximity rule ${r.name}: unknown class ${c}`);
      rules.push(Object.freeze({
        name: r.name,
        tag: Object.freeze({ category: r.category, severity: r.severity }),
        near: r.near.map(own),
        from: r.from === void 0 ? 0 : r.near.indexOf(r.from),
        within: r.within,
        ordered: r.ordered ?? false,
        unless: (r.unless ?? []).map(own),
        around: r.around ?? 3,
        start: r.start ?? false,
        negationKept: r.negationKept ?? false,
        clause: r.clause ?? false,
        acrossSentences: r.acrossSentences ?? false
      }));
    }
  }
  const silences = [];
  for (const [n2, lang] of langs.entries()) {
    for (const x of lang.silence ?? []) {
      for (const c of [x.by, ...x.context === void 0 ? [] : [x.context], ...x.unless === void 0 ? [] : [x.unless]]) {
        if (!Object.hasOwn(lang.classes, c)) throw new Error(`proximity silence of ${x.category}: unknown class ${c}`);
      }
      const before = x.before ?? -1, after = x.after ?? -1;
      if ((x.ellipsis ?? false) && after < 0) throw new Error(`proximity silence of ${x.category} by ${x.by}: ellipsis needs after`);
      if (before > MAX_LEAD || after > MAX_LEAD || x.scope === "message" && (before >= 0 || after >= 0)) throw new Error(`proximity silence of ${x.category} by ${x.by}: bad scope/before/after`);
      if (x.scope === "message" && x.unless !== void 0) throw new Error(`proximity silence of ${x.category} by ${x.by}: unless needs the sentence scope`);
      silences.push({
        category: x.category,
        by: ids.get(`${n2}:${x.by}`),
        quoted: x.quoted ?? false,
        except: x.except ?? [],
        only: x.only,
        message: x.scope === "message",
        before,
        after,
        context: x.context === void 0 ? -1 : ids.get(`${n2}:${x.context}`),
        unless: x.unless === void 0 ? -1 : ids.get(`${n2}:${x.unless}`),
        ellipsis: x.ellipsis ?? false,
        word: x.word ?? false,
        clause: x.clause ?? false,
        start: x.start ?? false
      });
    }
  }
  const byAnchor = Array.from({ length: ids.size }, () => []);
  for (const r of rules) byAnchor[r.near[r.from]].push(r);
  const keys = bloomBits(entries.size);
  for (const k of entries.keys()) setBit(keys, fingerprint(k) & keys.length * 32 - 1);
  const common = new Set(langs.flatMap((l) => (l.common ?? []).flatMap(termTokens)));
  const gate = new Uint32Array(GATE_BITS / 32);
  const gateWords = /* @__PURE__ */ new Set();
  for (const [c, rs] of byAnchor.entries()) {
    if (rs.length === 0) continue;
    for (const f2 of forms[c] ?? []) {
      const pick = rarestWord(f2, common);
      setBit(gate, fingerprint(pick) & GATE_BITS - 1);
      gateWords.add(pick);
    }
  }
  const silenceClasses = /* @__PURE__ */ new Map();
  let silenceSpan = 0;
  const gateOffsets = /* @__PURE__ */ new Map();
  for (const x of silences) {
    for (const c of silenceClassesOf(x)) {
      for (const f2 of forms[c] ?? []) {
        silenceSpan = Math.max(silenceSpan, f2.length - 1);
        const pick = rarestWord(f2, common);
        gateOffsets.set(pick, Math.max(gateOffsets.get(pick) ?? 0, f2.lastIndexOf(pick)));
        const opened = silenceClasses.get(pick) ?? [];
        if (!opened.includes(c)) silenceClasses.set(pick, [...opened, c]);
      }
    }
  }
  yield;
  const lists = /* @__PURE__ */ new Map();
  const one = (classes) => {
    const k = classes.join();
    let l = lists.get(k);
    if (l === void 0) lists.set(k, l = classes.slice());
    return l;
  };
  for (const e of entries.values()) {
    e.classes = one(e.classes);
    if (e.phrases !== void 0) for (const [k, ps] of e.phrases) e.phrases.set(k, ps.map((x) => ({ rest: x.rest, classes: one(x.classes) })));
  }
  return new Scorer(entries, keys, { bits: gate, words: gateWords }, silenceClasses, gateOffsets, silenceSpan, byAnchor, silences);
}
function rarestWord(form, common) {
  const rare = form.filter((k) => !common.has(k));
  return (rare.length > 0 ? rare : form).reduce((a, b) => b.length >= a.length ? b : a);
}
function inGate(g, t) {
  return hasBit(g.bits, t.fp & GATE_BITS - 1) && g.words.has(t.key) || t.alts !== void 0 && t.alts.some((k) => g.words.has(k)) || t.collapsed !== void 0 && g.words.has(t.collapsed);
}
function expand(word, families, cls) {
  const slash = word.indexOf("/");
  if (slash < 0) return [word];
  const fam = families[word.slice(slash + 1)];
  if (fam === void 0) throw new Error(`proximity class ${cls}: unknown suffix family in "${word}"`);
  const stem = word.slice(0, slash);
  return word[slash + 1] === "<" ? fam.map((s2) => s2 + stem) : fam.map((s2) => stem + s2);
}
function firstPairAtOrAfter(list2, at) {
  let lo = 0, hi = list2.length >>> 1;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (list2[2 * mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function categoryBit(category) {
  return 1 << FILTER_CATEGORIES.indexOf(category);
}
var SentenceBreaks = class {
  constructor(norm) {
    this.norm = norm;
    this.known = new Uint8Array(norm.tokens.length);
  }
  norm;
  /** Per gap after a token: 0 not asked yet, 1 no break, 2 a break. */
  known;
  after(i) {
    let k = this.known[i];
    if (k === 0) this.known[i] = k = sentenceBreak(this.norm, this.norm.tokens[i], this.norm.tokens[i + 1]) ? 2 : 1;
    return k === 2;
  }
};
var ANY = () => true;
var WindowClasses = class {
  constructor(scorer, norm) {
    this.scorer = scorer;
    this.norm = norm;
    this.size = norm.tokens.length;
    this.done = new Uint8Array(this.size);
    this.left = this.size;
  }
  scorer;
  norm;
  /** Per token, whether its classes were recorded. */
  done;
  /** Class → the (word, position) pairs recorded for it, flat: the word classified, then where the class stands. */
  byClass = /* @__PURE__ */ new Map();
  /** The word being classified. */
  word = 0;
  /** How many tokens are not classified yet (none left: a window needs no pass over its words). */
  left;
  /** The message's number of tokens. */
  size;
  /** Scorer.inSentence's answers so far, by window and class. */
  answers = /* @__PURE__ */ new Map();
  put(c, i) {
    const list2 = this.byClass.get(c);
    if (list2 === void 0) this.byClass.set(c, [this.word, i]);
    else list2.push(this.word, i);
  }
  /** Classifies the words [from, to] not read yet. */
  read(from, to) {
    const toks = this.norm.tokens;
    for (let i = from; i <= to && this.left > 0; i++) {
      if (this.done[i] === 1) continue;
      this.done[i] = 1;
      this.left--;
      this.word = i;
      this.scorer.classifyWord(this.norm, toks, i, this);
    }
  }
  /** Whether class `c` stands at token `j`, as read so far. */
  standsAt(c, j) {
    const list2 = this.byClass.get(c);
    if (list2 === void 0) return false;
    for (let k = 1; k < list2.length; k += 2) if (list2[k] === j) return true;
    return false;
  }
  /** Whether a word of `win` read so far puts class `c` at a position `near` takes. */
  has(c, win, near) {
    const list2 = this.byClass.get(c);
    if (list2 === void 0) return false;
    for (let k = 0; k < list2.length; k += 2) if (list2[k] >= win.first && list2[k] <= win.last && near(list2[k + 1])) return true;
    return false;
  }
};
var Scorer = class {
  constructor(entries, keys, gate, silenceClasses, gateOffsets, silenceSpan, byAnchor, silences) {
    this.entries = entries;
    this.keys = keys;
    this.gate = gate;
    this.silenceSpan = silenceSpan;
    this.byAnchor = byAnchor;
    this.at = byAnchor.map(() => []);
    const classCategories = /* @__PURE__ */ new Map();
    for (const x of silences) {
      const own = this.silencesOf.get(x.category);
      if (own === void 0) this.silencesOf.set(x.category, [x]);
      else own.push(x);
      const bit = categoryBit(x.category);
      this.silencedBits |= bit;
      for (const c of silenceClassesOf(x)) classCategories.set(c, (classCategories.get(c) ?? 0) | bit);
    }
    const lists = /* @__PURE__ */ new Map();
    const perCategory = [];
    this.gates = { pairs: [], spec: new Int32Array(silenceClasses.size) };
    for (const [word, classes] of silenceClasses) {
      const own = classes.flatMap((c) => [c, classCategories.get(c)]);
      const key = own.join();
      const pairs = lists.get(key) ?? (lists.set(key, own), own);
      let any = 0;
      for (let n2 = 1; n2 < pairs.length; n2 += 2) any |= pairs[n2];
      const at = this.gates.pairs.length;
      this.gates.pairs.push(pairs);
      this.gates.spec[at] = any | gateOffsets.get(word) << 16;
      this.silenceWords.set(word, at);
      for (let k = 0; k < FILTER_CATEGORIES.length; k++) if ((any & 1 << k) !== 0) (perCategory[k] ??= []).push(word);
    }
    for (const [k, words] of perCategory.entries()) {
      if (words === void 0) continue;
      const bits = this.silenceBits[k] = bloomBits(words.length);
      for (const w of words) setBit(bits, fingerprint(w) & bits.length * 32 - 1);
    }
  }
  entries;
  keys;
  gate;
  silenceSpan;
  byAnchor;
  /** Per class, the tokens of the message being scanned that are in it (reused: a scan never yields). */
  at;
  /** The classes met in the message being scanned, so the next scan empties only those (a new list each scan, like `opened`). */
  met = [];
  /**
   * Per category (its index in FILTER_CATEGORIES), fingerprint bits of the gate words of the silences
   * of that category (bloomBits: a few KB each): a message's words are tested against the hits'
   * categories only, so the words that gate another category's silences ("de", "sur": self-harm)
   * cost a bit test, not a lookup.
   */
  silenceBits = [];
  /** Each silence gate word's index in `gates`. */
  silenceWords = /* @__PURE__ */ new Map();
  /** What each silence gate word opens (see SilenceGateWords). */
  gates;
  /** The silences of each category, in the files' order: a hit reads only its own (there are dozens). */
  silencesOf = /* @__PURE__ */ new Map();
  /** The categories some silence drops, as bits. */
  silencedBits = 0;
  match(norm) {
    const toks = norm.tokens;
    const gate = this.gate.bits, gateWords = this.gate.words;
    let from = -1, singles = false, prevSingle = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i], key = t.key, n2 = key.length;
      if (n2 === 1) {
        if (prevSingle) singles = true;
        prevSingle = true;
      } else prevSingle = false;
      if (from >= 0) {
        if (singles) break;
        continue;
      }
      if (hasBit(gate, t.fp & GATE_BITS - 1) && gateWords.has(key) || (t.alts !== void 0 || t.collapsed !== void 0) && this.opens(t)) from = i;
    }
    let out = from >= 0 ? this.scan(norm, toks, from) : NONE3;
    if (out.length === 0 && singles) {
      const again = norm.respelled();
      if (again !== void 0 && again.some((t) => t.e - t.s > t.length && this.entries.has(t.key))) {
        let first = 0;
        while (first < again.length && !this.opens(again[first])) first++;
        if (first < again.length) out = this.scan(norm, again, first);
      }
    }
    return out;
  }
  /** The words from `from` (the first that may start a rule) on, read against the rules. */
  scan(norm, toks, from) {
    const opened = [];
    for (let i = from; i < toks.length; i++) if (i === from || this.opens(toks[i])) opened.push(i);
    const at = this.at;
    for (const c of this.met) at[c] = [];
    const met = this.met = [];
    let o = 0;
    for (let i = Math.max(0, opened[0] - REACH); i < toks.length; i++) {
      while (o < opened.length && opened[o] + REACH < i) o++;
      if (o === opened.length) break;
      if (opened[o] - REACH > i) {
        i = opened[o] - REACH - 1;
        continue;
      }
      this.classifyWord(norm, toks, i, this);
      const t = toks[i];
      if (t.collapsed !== void 0) this.classify(t.collapsed, norm, toks, i);
    }
    let hits;
    for (let m = 0; m < met.length; m++) {
      const rules = this.byAnchor[met[m]];
      for (const r of rules) {
        for (const i of at[r.near[r.from]]) {
          const span = this.place(r, toks, norm, i);
          if (span === void 0) continue;
          const first = span[0];
          let last = span[1];
          if (r.start && first > 0 && sameClause(norm.folded, toks[first - 1].e, toks[first].s)) continue;
          if (this.vetoed(r, toks, norm, first, last)) continue;
          const anchorAt = at[r.near[r.from]];
          while (last + 1 < toks.length && last - first < MAX_WITHIN + PHRASE_SLACK && anchorAt.includes(last + 1)) last++;
          const [s2, e] = norm.toOriginal(toks[first].s, toks[last].e);
          if (hits?.some((h) => h.category === r.tag.category && h.start < e && s2 < h.end)) continue;
          (hits ??= []).push({ kind: "word", detail: r.name, match: norm.original.slice(s2, e), start: s2, end: e, category: r.tag.category, severity: r.tag.severity });
          break;
        }
      }
    }
    return hits ?? NONE3;
  }
  unsilenced(norm, hits) {
    let hitBits = 0;
    for (let i = 0; i < hits.length; i++) hitBits |= categoryBit(hits[i].category);
    const categories = hitBits & this.silencedBits;
    if (categories === 0) return hits;
    const marks = this.silenceMarks(norm, categories);
    if (marks === void 0) return hits;
    const classes = new WindowClasses(this, norm);
    const kept = [];
    const whole = { first: 0, last: norm.tokens.length - 1 };
    const present = /* @__PURE__ */ new Map();
    let breaks;
    for (const h of hits) {
      let silences = present.get(h.category);
      if (silences === void 0) {
        silences = (this.silencesOf.get(h.category) ?? []).filter((x) => marks.has(x.by) && (x.context < 0 || marks.has(x.context)));
        present.set(h.category, silences);
      }
      if (silences.length === 0) {
        kept.push(h);
        continue;
      }
      let win, quoted, silenced2 = false, first = -1, last = -1, startTok = -1;
      for (const x of silences) {
        if (x.except.includes(h.detail) || x.only !== void 0 && !x.only.includes(h.detail)) continue;
        if (x.quoted && !(quoted ??= quotedAround(norm.original, h.start, h.end))) continue;
        if (first < 0 && (x.word || x.before >= 0 || x.after >= 0)) {
          first = startTok < 0 ? startTok = this.tokenAt(norm, h.start) : startTok;
          last = this.tokenAt(norm, h.end - 1);
        }
        if (x.word && first !== last) continue;
        if (x.context >= 0 && !this.inSentence(whole, x.context, marks, classes)) continue;
        if (x.message) {
          if (this.inSentence(whole, x.by, marks, classes)) {
            silenced2 = true;
            break;
          }
          continue;
        }
        win ??= this.sentenceOf(norm, startTok < 0 ? startTok = this.tokenAt(norm, h.start) : startTok, breaks ??= new SentenceBreaks(norm));
        if (!this.inSentence(win, x.by, marks, classes)) continue;
        if (x.unless >= 0 && this.inSentence(win, x.unless, marks, classes)) continue;
        if (x.before < 0 && x.after < 0 && !x.start) {
          silenced2 = true;
          break;
        }
        if (x.start && !(last - first < INTERJECTION_WORDS && this.opensMessage(first, x, classes))) continue;
        if (x.ellipsis && !(last + 1 < norm.tokens.length && ellipsisBetween(norm, last, last + 1))) continue;
        const near = (j) => (x.before >= 0 && j < first && j >= first - x.before && j >= win.first || x.after >= 0 && j > last && j <= last + x.after && j <= win.last) && !(x.clause && punctuated(norm, Math.min(j, first), Math.max(j, last)));
        if (classes.has(x.by, win, near)) {
          silenced2 = true;
          break;
        }
      }
      if (!silenced2) kept.push(h);
    }
    return kept;
  }
  /**
   * Whether a hit starting at token `first` opens the message: it is the first word, or (with
   * `before`) only words of the silence's class stand before it ("C'est con, j'ai oublié…").
   */
  opensMessage(first, x, classes) {
    if (first === 0) return true;
    if (x.before < 0 || first > x.before) return false;
    for (let j = 0; j < first; j++) if (!classes.standsAt(x.by, j)) return false;
    return true;
  }
  /**
   * Per silence class of the given categories (bits of FILTER_CATEGORIES), the tokens that are one
   * of its gate words (each form's rarest word), in order, each with how far back a form through it
   * may start (flat pairs); undefined when no token is any such class's: most messages with a hit
   * have none, and then no hit's sentence needs reading (a bit test per word and hit category). A window without a class's mark has no
   * form of it either (inSentence), so a long message reads only the words a form may start from:
   * a "magasin" in one sentence does not make every other sentence with a hit be read word by word.
   */
  silenceMarks(norm, categories) {
    const toks = norm.tokens, words = this.silenceWords;
    const bits = [];
    for (let k = 0; k < this.silenceBits.length; k++) if ((categories & 1 << k) !== 0 && this.silenceBits[k] !== void 0) bits.push(this.silenceBits[k]);
    let marks;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      let gated = false;
      for (let b = 0; b < bits.length && !gated; b++) gated = hasBit(bits[b], t.fp & bits[b].length * 32 - 1);
      if (gated) {
        const w = words.get(t.key);
        if (w !== void 0) marks = this.mark(w, i, categories, marks);
      }
      if (t.alts !== void 0) for (const k of t.alts) {
        const w = words.get(k);
        if (w !== void 0) marks = this.mark(w, i, categories, marks);
      }
      if (t.collapsed !== void 0) {
        const w = words.get(t.collapsed);
        if (w !== void 0) marks = this.mark(w, i, categories, marks);
      }
    }
    return marks;
  }
  /**
   * Records token `i` as a mark of the silence classes gate word `w` (its index) opens, of the given categories only:
   * a preposition that gates the self-harm silence "…hang myself... a new shelf" says nothing to
   * an insult's hit. A method, not a closure per call: the usual message with a hit comes here.
   */
  mark(w, i, categories, marks) {
    const spec = this.gates.spec[w];
    if ((spec & 65535 & categories) === 0) return marks;
    const off = spec >>> 16, pairs = this.gates.pairs[w];
    for (let n2 = 0; n2 < pairs.length; n2 += 2) {
      if ((pairs[n2 + 1] & categories) === 0) continue;
      const c = pairs[n2];
      const list2 = (marks ??= /* @__PURE__ */ new Map()).get(c);
      if (list2 === void 0) marks.set(c, [i, off]);
      else if (list2[list2.length - 2] !== i) list2.push(i, off);
      else if (list2[list2.length - 1] < off) list2[list2.length - 1] = off;
    }
    return marks;
  }
  /** The token original offset `at` stands in (or the next one): token offsets grow with the original's, so a binary search finds it. */
  tokenAt(norm, at) {
    const toks = norm.tokens;
    let lo = 0, hi = toks.length - 1;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (norm.toOriginal(toks[mid].s, toks[mid].e)[1] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** The tokens of the sentence around token `lo` (the hit's first, tokenAt), at most SENTENCE_REACH either way. */
  sentenceOf(norm, lo, breaks) {
    const toks = norm.tokens;
    if (toks.length === 0) return { first: 0, last: -1 };
    let first = lo, last = lo;
    while (first > 0 && lo - first < SENTENCE_REACH && !breaks.after(first - 1)) first--;
    while (last + 1 < toks.length && last - lo < SENTENCE_REACH && !breaks.after(last)) last++;
    return { first, last };
  }
  /** Whether a word of class `c` stands in sentence `win` (only asked for a hit a silence may drop). */
  inSentence(win, c, marks, classes) {
    const { first, last } = win;
    if (last < first) return false;
    const at = marks.get(c);
    if (at === void 0) return false;
    const key = (first * this.at.length + c) * classes.size + last;
    const known = classes.answers.get(key);
    if (known !== void 0) return known;
    const yes = this.readFor(first, last, at, classes) && classes.has(c, win, ANY);
    classes.answers.set(key, yes);
    return yes;
  }
  /** Reads the words of [first, last] a form through one of the class's marks `at` may start from; whether there was any. */
  readFor(first, last, at, classes) {
    let found = false;
    for (let k = 2 * firstPairAtOrAfter(at, first); k < at.length && at[k] <= last + this.silenceSpan; k += 2) {
      const m = at[k], off = at[k + 1];
      if (m - off > last) continue;
      classes.read(Math.max(first, m - off), Math.min(last, m));
      found = true;
    }
    return found;
  }
  /** Whether a rule may start at this word: it is the rarest word of a form of a rule's first class, in one of its readings. */
  opens(t) {
    return inGate(this.gate, t);
  }
  /** Records in `into` the classes of token `i` read as written (its key, where the key filter lets it, and its alts). */
  classifyWord(norm, toks, i, into) {
    const t = toks[i], keys = this.keys;
    if (hasBit(keys, t.fp & keys.length * 32 - 1)) this.classify(t.key, norm, toks, i, into);
    if (t.alts !== void 0) for (const k of t.alts) this.classify(k, norm, toks, i, into);
  }
  /** Records the classes of `key` at token `i`, and those of the phrases starting there, in `into` (the scan's: this). */
  classify(key, norm, toks, i, into = this) {
    const e = this.entries.get(key);
    if (e === void 0) return;
    for (const c of e.classes) into.put(c, i);
    if (e.phrases === void 0 || i + 1 >= toks.length) return;
    const list2 = e.phrases.get(toks[i + 1].key);
    if (list2 === void 0) return;
    for (const p of list2) {
      let ok = i + p.rest.length < toks.length;
      for (let k = 0; ok && k < p.rest.length; k++) ok = toks[i + 1 + k].key === p.rest[k] && !sentenceBreak(norm, toks[i + k], toks[i + k + 1]);
      if (ok) for (let k = 0; k <= p.rest.length; k++) for (const c of p.classes) into.put(c, i + k);
    }
  }
  put(c, i) {
    const list2 = this.at[c];
    if (list2.length === 0) this.met.push(c);
    if (list2.length === 0 || list2[list2.length - 1] < i) list2.push(i);
    else if (!list2.includes(i)) list2.push(i);
  }
  /** The tokens [first, last] where rule `r`'s classes all stand around anchor `i`, in one sentence (or clause); undefined if not. */
  place(r, toks, norm, i) {
    let first = i, last = i, prev = -1;
    for (let n2 = 0; n2 < r.near.length; n2++) {
      if (n2 === r.from) {
        prev = i;
        continue;
      }
      let best = -1;
      for (const j of this.at[r.near[n2]]) {
        if (j === i) continue;
        if (j > last + r.within + PHRASE_SLACK) break;
        if (r.ordered && (n2 < r.from ? j >= i : j <= i || j <= prev)) continue;
        if (Math.max(last, j) - Math.min(first, j) > r.within) continue;
        if (best < 0 || Math.abs(j - i) < Math.abs(best - i)) best = j;
      }
      if (best < 0) return void 0;
      if (r.ordered && best <= prev) return void 0;
      first = Math.min(first, best);
      last = Math.max(last, best);
      prev = best;
    }
    for (let j = first; j < last; j++) {
      if (!r.acrossSentences && sentenceBreak(norm, toks[j], toks[j + 1]) || r.clause && clauseMark(norm.folded, toks[j].e, toks[j + 1].s)) return void 0;
    }
    return [first, last];
  }
  /** A negation in or just around the match, a quotation, or a word of an `unless` class nearby. */
  vetoed(r, toks, norm, first, last) {
    if (!r.negationKept) {
      for (let j = first; j <= Math.min(toks.length - 1, last + 1); j++) if (NEGATIONS.has(toks[j].key)) return true;
      for (let j = first - 1; j >= 0 && j >= first - NEGATION_LEAD; j--) {
        if (clauseMark(norm.folded, toks[j].e, toks[j + 1].s) || sentenceBreak(norm, toks[j], toks[j + 1]) || CONJUNCTIONS.has(toks[j].key)) break;
        if (NEGATIONS.has(toks[j].key)) return true;
      }
      if (silenced(norm, toks, first, last)) return true;
    }
    const lo = first - r.around, hi = last + r.around;
    for (const u of r.unless) for (const j of this.at[u]) if (j >= lo && j <= hi) return true;
    return false;
  }
};

// server/filters/base-lexicons.ts
import { readFileSync } from "node:fs";
import { createRequire as createRequire2 } from "node:module";

// node_modules/bad-words/dist/esm/lang.js
var localList = [
  "ahole",
  "anus",
  "ash0le",
  "ash0les",
  "asholes",
  "ass",
  "Ass Monkey",
  "Assface",
  "assh0le",
  "assh0lez",
  "asshole",
  "assholes",
  "assholz",
  "asswipe",
  "azzhole",
  "bassterds",
  "bastard",
  "bastards",
  "bastardz",
  "basterds",
  "basterdz",
  "Biatch",
  "bitch",
  "bitches",
  "Blow Job",
  "boffing",
  "butthole",
  "buttwipe",
  "c0ck",
  "c0cks",
  "c0k",
  "Carpet Muncher",
  "cawk",
  "cawks",
  "Clit",
  "cnts",
  "cntz",
  "cock",
  "cockhead",
  "cock-head",
  "cocks",
  "CockSucker",
  "cock-sucker",
  "crap",
  "cum",
  "cunt",
  "cunts",
  "cuntz",
  "dick",
  "dild0",
  "dild0s",
  "dildo",
  "dildos",
  "dilld0",
  "dilld0s",
  "dominatricks",
  "dominatrics",
  "dominatrix",
  "dyke",
  "enema",
  "f u c k",
  "f u c k e r",
  "fag",
  "fag1t",
  "faget",
  "fagg1t",
  "faggit",
  "faggot",
  "fagg0t",
  "fagit",
  "fags",
  "fagz",
  "faig",
  "faigs",
  "fart",
  "flipping the bird",
  "fuck",
  "fucker",
  "fuckin",
  "fucking",
  "fucks",
  "Fudge Packer",
  "fuk",
  "Fukah",
  "Fuken",
  "fuker",
  "Fukin",
  "Fukk",
  "Fukkah",
  "Fukken",
  "Fukker",
  "Fukkin",
  "g00k",
  "God-damned",
  "h00r",
  "h0ar",
  "h0re",
  "hells",
  "hoar",
  "hoor",
  "hoore",
  "jackoff",
  "jap",
  "japs",
  "jerk-off",
  "jisim",
  "jiss",
  "jizm",
  "jizz",
  "knob",
  "knobs",
  "knobz",
  "kunt",
  "kunts",
  "kuntz",
  "Lezzian",
  "Lipshits",
  "Lipshitz",
  "masochist",
  "masokist",
  "massterbait",
  "masstrbait",
  "masstrbate",
  "masterbaiter",
  "masterbate",
  "masterbates",
  "Motha Fucker",
  "Motha Fuker",
  "Motha Fukkah",
  "Motha Fukker",
  "Mother Fucker",
  "Mother Fukah",
  "Mother Fuker",
  "Mother Fukkah",
  "Mother Fukker",
  "mother-fucker",
  "Mutha Fucker",
  "Mutha Fukah",
  "Mutha Fuker",
  "Mutha Fukkah",
  "Mutha Fukker",
  "n1gr",
  "nastt",
  "nigger;",
  "nigur;",
  "niiger;",
  "niigr;",
  "orafis",
  "orgasim;",
  "orgasm",
  "orgasum",
  "oriface",
  "orifice",
  "orifiss",
  "packi",
  "packie",
  "packy",
  "paki",
  "pakie",
  "paky",
  "pecker",
  "peeenus",
  "peeenusss",
  "peenus",
  "peinus",
  "pen1s",
  "penas",
  "penis",
  "penis-breath",
  "penus",
  "penuus",
  "Phuc",
  "Phuck",
  "Phuk",
  "Phuker",
  "Phukker",
  "polac",
  "polack",
  "polak",
  "Poonani",
  "pr1c",
  "pr1ck",
  "pr1k",
  "pusse",
  "pussee",
  "pussy",
  "puuke",
  "puuker",
  "recktum",
  "rectum",
  "retard",
  "sadist",
  "scank",
  "schlong",
  "screwing",
  "semen",
  "sex",
  "sexy",
  "Sh!t",
  "sh1t",
  "sh1ter",
  "sh1ts",
  "sh1tter",
  "sh1tz",
  "shit",
  "shits",
  "shitter",
  "Shitty",
  "Shity",
  "shitz",
  "Shyt",
  "Shyte",
  "Shytty",
  "Shyty",
  "skanck",
  "skank",
  "skankee",
  "skankey",
  "skanks",
  "Skanky",
  "slag",
  "slut",
  "sluts",
  "Slutty",
  "slutz",
  "son-of-a-bitch",
  "tit",
  "turd",
  "va1jina",
  "vag1na",
  "vagiina",
  "vagina",
  "vaj1na",
  "vajina",
  "vullva",
  "vulva",
  "w0p",
  "wh00r",
  "wh0re",
  "whore",
  "xrated",
  "xxx",
  "b!+ch",
  "bitch",
  "blowjob",
  "clit",
  "arschloch",
  "fuck",
  "shit",
  "ass",
  "asshole",
  "b!tch",
  "b17ch",
  "b1tch",
  "bastard",
  "bi+ch",
  "boiolas",
  "buceta",
  "c0ck",
  "cawk",
  "chink",
  "cipa",
  "clits",
  "cock",
  "cum",
  "cunt",
  "dildo",
  "dirsa",
  "ejakulate",
  "fatass",
  "fcuk",
  "fuk",
  "fux0r",
  "hoer",
  "hore",
  "jism",
  "kawk",
  "l3itch",
  "l3i+ch",
  "masturbate",
  "masterbat*",
  "masterbat3",
  "motherfucker",
  "s.o.b.",
  "mofo",
  "nazi",
  "nigga",
  "nigger",
  "nutsack",
  "phuck",
  "pimpis",
  "pusse",
  "pussy",
  "scrotum",
  "sh!t",
  "shemale",
  "shi+",
  "sh!+",
  "slut",
  "smut",
  "teets",
  "tits",
  "boobs",
  "b00bs",
  "teez",
  "testical",
  "testicle",
  "titt",
  "w00se",
  "jackoff",
  "wank",
  "whoar",
  "whore",
  "*damn",
  "*dyke",
  "*fuck*",
  "*shit*",
  "@$$",
  "amcik",
  "andskota",
  "arse*",
  "assrammer",
  "ayir",
  "bi7ch",
  "bitch*",
  "bollock*",
  "breasts",
  "butt-pirate",
  "cabron",
  "cazzo",
  "chraa",
  "chuj",
  "Cock*",
  "cunt*",
  "d4mn",
  "daygo",
  "dego",
  "dick*",
  "dike*",
  "dupa",
  "dziwka",
  "ejackulate",
  "Ekrem*",
  "Ekto",
  "enculer",
  "faen",
  "fag*",
  "fanculo",
  "fanny",
  "feces",
  "feg",
  "Felcher",
  "ficken",
  "fitt*",
  "Flikker",
  "foreskin",
  "Fotze",
  "Fu(*",
  "fuk*",
  "futkretzn",
  "gook",
  "guiena",
  "h0r",
  "h4x0r",
  "hell",
  "helvete",
  "hoer*",
  "honkey",
  "Huevon",
  "hui",
  "injun",
  "jizz",
  "kanker*",
  "kike",
  "klootzak",
  "kraut",
  "knulle",
  "kuk",
  "kuksuger",
  "Kurac",
  "kurwa",
  "kusi*",
  "kyrpa*",
  "lesbo",
  "mamhoon",
  "masturbat*",
  "merd*",
  "mibun",
  "monkleigh",
  "mouliewop",
  "muie",
  "mulkku",
  "muschi",
  "nazis",
  "nepesaurio",
  "nigger*",
  "orospu",
  "paska*",
  "perse",
  "picka",
  "pierdol*",
  "pillu*",
  "pimmel",
  "piss*",
  "pizda",
  "poontsee",
  "poop",
  "porn",
  "p0rn",
  "pr0n",
  "preteen",
  "pula",
  "pule",
  "puta",
  "puto",
  "qahbeh",
  "queef*",
  "rautenberg",
  "schaffer",
  "scheiss*",
  "schlampe",
  "schmuck",
  "screw",
  "sh!t*",
  "sharmuta",
  "sharmute",
  "shipal",
  "shiz",
  "skribz",
  "skurwysyn",
  "sphencter",
  "spic",
  "spierdalaj",
  "splooge",
  "suka",
  "b00b*",
  "testicle*",
  "titt*",
  "twat",
  "vittu",
  "wank*",
  "wetback*",
  "wichser",
  "wop*",
  "yed",
  "zabourah"
];

// node_modules/badwords-list/dist/array.js
var array = [
  "4r5e",
  "5h1t",
  "5hit",
  "a55",
  "anal",
  "anus",
  "ar5e",
  "arrse",
  "arse",
  "ass",
  "ass-fucker",
  "asses",
  "assfucker",
  "assfukka",
  "asshole",
  "assholes",
  "asswhole",
  "a_s_s",
  "b!tch",
  "b00bs",
  "b17ch",
  "b1tch",
  "ballbag",
  "balls",
  "ballsack",
  "bastard",
  "beastial",
  "beastiality",
  "bellend",
  "bestial",
  "bestiality",
  "bi+ch",
  "biatch",
  "bitch",
  "bitcher",
  "bitchers",
  "bitches",
  "bitchin",
  "bitching",
  "bloody",
  "blow job",
  "blowjob",
  "blowjobs",
  "boiolas",
  "bollock",
  "bollok",
  "boner",
  "boob",
  "boobs",
  "booobs",
  "boooobs",
  "booooobs",
  "booooooobs",
  "breasts",
  "buceta",
  "bugger",
  "bum",
  "bunny fucker",
  "butt",
  "butthole",
  "buttmuch",
  "buttplug",
  "c0ck",
  "c0cksucker",
  "carpet muncher",
  "cawk",
  "chink",
  "cipa",
  "cl1t",
  "clit",
  "clitoris",
  "clits",
  "cnut",
  "cock",
  "cock-sucker",
  "cockface",
  "cockhead",
  "cockmunch",
  "cockmuncher",
  "cocks",
  "cocksuck",
  "cocksucked",
  "cocksucker",
  "cocksucking",
  "cocksucks",
  "cocksuka",
  "cocksukka",
  "cok",
  "cokmuncher",
  "coksucka",
  "coon",
  "cox",
  "crap",
  "cum",
  "cummer",
  "cumming",
  "cums",
  "cumshot",
  "cunilingus",
  "cunillingus",
  "cunnilingus",
  "cunt",
  "cuntlick",
  "cuntlicker",
  "cuntlicking",
  "cunts",
  "cyalis",
  "cyberfuc",
  "cyberfuck",
  "cyberfucked",
  "cyberfucker",
  "cyberfuckers",
  "cyberfucking",
  "d1ck",
  "damn",
  "dick",
  "dickhead",
  "dildo",
  "dildos",
  "dink",
  "dinks",
  "dirsa",
  "dlck",
  "dog-fucker",
  "doggin",
  "dogging",
  "donkeyribber",
  "doosh",
  "duche",
  "dyke",
  "ejaculate",
  "ejaculated",
  "ejaculates",
  "ejaculating",
  "ejaculatings",
  "ejaculation",
  "ejakulate",
  "f u c k",
  "f u c k e r",
  "f4nny",
  "fag",
  "fagging",
  "faggitt",
  "faggot",
  "faggs",
  "fagot",
  "fagots",
  "fags",
  "fanny",
  "fannyflaps",
  "fannyfucker",
  "fanyy",
  "fatass",
  "fcuk",
  "fcuker",
  "fcuking",
  "feck",
  "fecker",
  "felching",
  "fellate",
  "fellatio",
  "fingerfuck",
  "fingerfucked",
  "fingerfucker",
  "fingerfuckers",
  "fingerfucking",
  "fingerfucks",
  "fistfuck",
  "fistfucked",
  "fistfucker",
  "fistfuckers",
  "fistfucking",
  "fistfuckings",
  "fistfucks",
  "flange",
  "fook",
  "fooker",
  "fuck",
  "fucka",
  "fucked",
  "fucker",
  "fuckers",
  "fuckhead",
  "fuckheads",
  "fuckin",
  "fucking",
  "fuckings",
  "fuckingshitmotherfucker",
  "fuckme",
  "fucks",
  "fuckwhit",
  "fuckwit",
  "fudge packer",
  "fudgepacker",
  "fuk",
  "fuker",
  "fukker",
  "fukkin",
  "fuks",
  "fukwhit",
  "fukwit",
  "fux",
  "fux0r",
  "f_u_c_k",
  "gangbang",
  "gangbanged",
  "gangbangs",
  "gaylord",
  "gaysex",
  "goatse",
  "God",
  "god-dam",
  "god-damned",
  "goddamn",
  "goddamned",
  "hardcoresex",
  "hell",
  "heshe",
  "hoar",
  "hoare",
  "hoer",
  "homo",
  "hore",
  "horniest",
  "horny",
  "hotsex",
  "jack-off",
  "jackoff",
  "jap",
  "jerk-off",
  "jism",
  "jiz",
  "jizm",
  "jizz",
  "kawk",
  "knob",
  "knobead",
  "knobed",
  "knobend",
  "knobhead",
  "knobjocky",
  "knobjokey",
  "kock",
  "kondum",
  "kondums",
  "kum",
  "kummer",
  "kumming",
  "kums",
  "kunilingus",
  "l3i+ch",
  "l3itch",
  "labia",
  "lust",
  "lusting",
  "m0f0",
  "m0fo",
  "m45terbate",
  "ma5terb8",
  "ma5terbate",
  "masochist",
  "master-bate",
  "masterb8",
  "masterbat*",
  "masterbat3",
  "masterbate",
  "masterbation",
  "masterbations",
  "masturbate",
  "mo-fo",
  "mof0",
  "mofo",
  "mothafuck",
  "mothafucka",
  "mothafuckas",
  "mothafuckaz",
  "mothafucked",
  "mothafucker",
  "mothafuckers",
  "mothafuckin",
  "mothafucking",
  "mothafuckings",
  "mothafucks",
  "mother fucker",
  "motherfuck",
  "motherfucked",
  "motherfucker",
  "motherfuckers",
  "motherfuckin",
  "motherfucking",
  "motherfuckings",
  "motherfuckka",
  "motherfucks",
  "muff",
  "mutha",
  "muthafecker",
  "muthafuckker",
  "muther",
  "mutherfucker",
  "n1gga",
  "n1gger",
  "nazi",
  "nigg3r",
  "nigg4h",
  "nigga",
  "niggah",
  "niggas",
  "niggaz",
  "nigger",
  "niggers",
  "nob",
  "nob jokey",
  "nobhead",
  "nobjocky",
  "nobjokey",
  "numbnuts",
  "nutsack",
  "orgasim",
  "orgasims",
  "orgasm",
  "orgasms",
  "p0rn",
  "pawn",
  "pecker",
  "penis",
  "penisfucker",
  "phonesex",
  "phuck",
  "phuk",
  "phuked",
  "phuking",
  "phukked",
  "phukking",
  "phuks",
  "phuq",
  "pigfucker",
  "pimpis",
  "piss",
  "pissed",
  "pisser",
  "pissers",
  "pisses",
  "pissflaps",
  "pissin",
  "pissing",
  "pissoff",
  "poop",
  "porn",
  "porno",
  "pornography",
  "pornos",
  "prick",
  "pricks",
  "pron",
  "pube",
  "pusse",
  "pussi",
  "pussies",
  "pussy",
  "pussys",
  "rectum",
  "retard",
  "rimjaw",
  "rimming",
  "s hit",
  "s.o.b.",
  "sadist",
  "schlong",
  "screwing",
  "scroat",
  "scrote",
  "scrotum",
  "semen",
  "sex",
  "sh!+",
  "sh!t",
  "sh1t",
  "shag",
  "shagger",
  "shaggin",
  "shagging",
  "shemale",
  "shi+",
  "shit",
  "shitdick",
  "shite",
  "shited",
  "shitey",
  "shitfuck",
  "shitfull",
  "shithead",
  "shiting",
  "shitings",
  "shits",
  "shitted",
  "shitter",
  "shitters",
  "shitting",
  "shittings",
  "shitty",
  "skank",
  "slut",
  "sluts",
  "smegma",
  "smut",
  "snatch",
  "son-of-a-bitch",
  "spac",
  "spunk",
  "s_h_i_t",
  "t1tt1e5",
  "t1tties",
  "teets",
  "teez",
  "testical",
  "testicle",
  "tit",
  "titfuck",
  "tits",
  "titt",
  "tittie5",
  "tittiefucker",
  "titties",
  "tittyfuck",
  "tittywank",
  "titwank",
  "tosser",
  "turd",
  "tw4t",
  "twat",
  "twathead",
  "twatty",
  "twunt",
  "twunter",
  "v14gra",
  "v1gra",
  "vagina",
  "viagra",
  "vulva",
  "w00se",
  "wang",
  "wank",
  "wanker",
  "wanky",
  "whoar",
  "whore",
  "willies",
  "willy",
  "xrated",
  "xxx"
];

// node_modules/bad-words/dist/esm/badwords.js
var Filter = class {
  /**
   * List of words to filter.
   * @type {array} list - List of words to filter.
   */
  list = [];
  /**
   * List of words to exclude from filter.
   * @type {array} exclude - List of words to exclude from filter.
   */
  exclude = [];
  /**
   * Character used to replace profane words.
   * @type {string} placeHolder - Character used to replace profane words.
   */
  placeHolder = "*";
  /**
   * Regular expression used to sanitize words before comparing them to blocklist.
   * @type {string} regex - Regular expression used to sanitize words before comparing them to blocklist.
   */
  regex = /[^a-zA-Z0-9|$|@]|\^/g;
  /**
   * Regular expression used to replace profane words with placeHolder.
   * @type {string} replaceRegex - Regular expression used to replace profane words with placeHolder.
   */
  replaceRegex = /\w/g;
  /**
   * Regular expression used to split a string into words.
   * @type {string} splitRegex - Regular expression used to split a string into words.
   */
  splitRegex = /\b|_/g;
  /**
   * Filter constructor.
   *
   * @param {FilterOptions} options - Constructor options for Filter class.
   */
  constructor(options = {}) {
    Object.assign(this, {
      list: options.emptyList && [] || Array.prototype.concat.apply(localList, [array, options.list || []]),
      exclude: options.exclude || [],
      splitRegex: options.splitRegex || /\b|_/g,
      placeHolder: options.placeHolder || "*",
      regex: options.regex || /[^a-zA-Z0-9|$|@]|\^/g,
      replaceRegex: options.replaceRegex || /\w/g
    });
  }
  /**
   * Determine if a string contains profane language.
   * @param {string} string - String to evaluate for profanity.
   */
  isProfane(string) {
    return this.list.filter((word) => {
      const wordExp = new RegExp(`\\b${word.replace(/(\W)/g, "\\$1")}\\b`, "gi");
      return !this.exclude.includes(word.toLowerCase()) && wordExp.test(string);
    }).length > 0 || false;
  }
  /**
   * Replace a word with placeHolder characters;
   * @param {string} string - String to replace.
   */
  replaceWord(string) {
    return string.replace(this.regex, "").replace(this.replaceRegex, this.placeHolder);
  }
  /**
   * Evaluate a string for profanity and return an edited version.
   * @param {string} input - String to filter.
   */
  clean(input) {
    const delimiter = this.splitRegex.exec(input);
    if (!input || !delimiter) {
      return input;
    }
    return input.split(this.splitRegex).map((word) => {
      return this.isProfane(word) ? this.replaceWord(word) : word;
    }).join(delimiter[0]);
  }
  /**
   * Add word(s) to blocklist filter / remove words from whitelist filter
   * @param {...string} words - Word(s) to add to blocklist
   */
  addWords(...words) {
    this.list.push(...words);
    words.map((word) => word.toLowerCase()).forEach((word) => {
      if (this.exclude.includes(word)) {
        this.exclude.splice(this.exclude.indexOf(word), 1);
      }
    });
  }
  /**
   * Add words to allowlist filter
   * @param {...string} words - Word(s) to add to allowlist.
   */
  removeWords(...words) {
    this.exclude.push(...words.map((word) => word.toLowerCase()));
  }
};

// node_modules/bad-words/dist/esm/tag.js
function createFilter(options = {}) {
  let instance;
  return (strings, ...values) => {
    instance ??= new Filter(options);
    const cooked = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ""), "");
    return instance.clean(cooked);
  };
}
var filter = createFilter();

// server/filters/patterns.ts
var SPELLINGS = new Map(
  Object.entries({ you: ["you", "u", "yu"], your: ["your", "ur", "yr"], yourself: ["yourself", "urself"] }).map(([k, v]) => [k, v.map((w) => [{ word: w }])])
);
var slotCache = /* @__PURE__ */ new WeakMap();
function parse(template) {
  let i = 0;
  const fail = (why) => {
    throw new Error(`pattern "${template}": ${why} at ${i}`);
  };
  const sequence = (inChoice) => {
    const out = [];
    let word = "";
    const flush = () => {
      if (word) {
        out.push({ kind: "word", text: word });
        word = "";
      }
    };
    while (i < template.length) {
      const c = template[i];
      if (c === "{") {
        flush();
        i++;
        const options = [sequence(true)];
        while (template[i] === "|") {
          i++;
          options.push(sequence(true));
        }
        if (template[i] !== "}") fail("missing }");
        i++;
        out.push({ kind: "choice", options });
      } else if (c === "|" || c === "}") {
        if (!inChoice) fail(`unexpected ${c}`);
        break;
      } else if (c === " ") {
        flush();
        i++;
      } else if (c === "^" && !word && !inChoice && out.length === 0 && i === 0) {
        out.push({ kind: "edge", key: CLAUSE_START });
        i++;
      } else if (c === "$" && !word && (inChoice ? template[i + 1] === "|" || template[i + 1] === "}" : template.slice(i + 1).trim() === "")) {
        out.push({ kind: "edge", key: CLAUSE_END });
        i = inChoice ? i + 1 : template.length;
      } else if (c === "$" && !word) {
        const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(template.slice(i));
        if (!m) fail("bad slot name");
        out.push({ kind: "slot", name: m[1] });
        i += m[0].length;
      } else if (c === "~" && !word) {
        const m = /^~(\d)/.exec(template.slice(i));
        if (!m) fail("bad gap");
        out.push({ kind: "gap", max: Number(m[1]) });
        i += m[0].length;
      } else {
        word += c;
        i++;
      }
    }
    flush();
    return out;
  };
  const nodes = sequence(false);
  if (i < template.length) fail("unexpected }");
  return nodes;
}
function compileTemplate(template, slots) {
  let parsed = slotCache.get(slots);
  if (!parsed) slotCache.set(slots, parsed = /* @__PURE__ */ new Map());
  const convert = (nodes, seen) => {
    const out = [];
    for (const n2 of nodes) {
      if (n2.kind === "word") {
        const keys = termTokens(n2.text);
        if (keys.length === 0) throw new Error(`pattern "${template}": "${n2.text}" is not a word`);
        for (const key of keys) {
          const spellings = SPELLINGS.get(key);
          out.push(spellings === void 0 ? { word: key } : { choice: spellings });
        }
      } else if (n2.kind === "edge") out.push({ word: n2.key });
      else if (n2.kind === "gap") out.push({ gap: n2.max });
      else if (n2.kind === "choice") out.push({ choice: n2.options.map((o) => convert(o, seen)) });
      else {
        if (seen.includes(n2.name)) throw new Error(`pattern "${template}": slot $${n2.name} refers to itself`);
        const alts = slots[n2.name];
        if (!alts) throw new Error(`pattern "${template}": unknown slot $${n2.name}`);
        let options = parsed.get(n2.name);
        if (!options) parsed.set(n2.name, options = alts.map((a) => convert(parse(a), [...seen, n2.name])));
        out.push({ choice: options });
      }
    }
    return out;
  };
  return convert(parse(template), []);
}

// server/filters/category-model.ts
var NONE4 = /* @__PURE__ */ new Set();
function checkVeto(veto, threshold) {
  if (veto !== void 0 && !(veto > 0 && veto < threshold)) throw new Error(`category model: veto ${veto} is not a probability below the threshold ${threshold}`);
}
var LANES = 6;
var LANE_MAX = 255;
var LANE_SHIFT = [0, 16, 8, 24, 0, 16];
var SEVERITY = 2;
var AFFIX_MIN = 5;
function wordSlot(fp, mask) {
  return Math.imul(fp, 3) & mask;
}
function pairSlot(fp, next, mask) {
  return (Math.imul(fp, 2654435761) ^ next) >>> 0 & mask;
}
function prefixSlot(key, mask) {
  return mix4(1540483477, key.charCodeAt(0), key.charCodeAt(1), key.charCodeAt(2), key.charCodeAt(3), mask);
}
function suffixSlot(key, mask) {
  const n2 = key.length;
  return mix4(668265263, key.charCodeAt(n2 - 3), key.charCodeAt(n2 - 2), key.charCodeAt(n2 - 1), 0, mask);
}
function pictographSlot(cp, mask) {
  return mix4(461845907, cp & 255, cp >>> 8 & 255, cp >>> 16, 0, mask);
}
function mix4(seed, a, b, c, d, mask) {
  let h = Math.imul(seed ^ a, 2246822519);
  h = Math.imul(h ^ b, 3266489917);
  h = Math.imul(h ^ c, 374761393);
  h = Math.imul(h ^ d, 2654435761);
  return (h ^ h >>> 15) & mask;
}
function createCategoryModel(data) {
  const { dim, categories, threshold } = data;
  if (data.format !== 2) throw new Error(`category model: unknown format ${String(data.format)} (npm run train-model writes format 2)`);
  if (!(dim > 0 && (dim & dim - 1) === 0)) throw new Error(`category model: dim ${dim} is not a power of two`);
  for (const c of categories) if (!FILTER_CATEGORIES.includes(c)) throw new Error(`category model: unknown category "${c}"`);
  if (data.bias.length !== categories.length) throw new Error("category model: one bias per category");
  if (!(threshold > 0 && threshold < 1)) throw new Error(`category model: threshold ${threshold} is not a probability`);
  const { veto } = data;
  checkVeto(veto, threshold);
  const k = categories.length;
  const weights = new Int16Array(dim * k);
  const bytes = Buffer.from(data.weights, "base64");
  const entry = 4 + 2 * k;
  if (bytes.length % entry !== 0) throw new Error("category model: weights are not whole entries");
  for (let o = 0; o < bytes.length; o += entry) {
    const slot = bytes.readUInt32LE(o);
    if (slot >= dim) throw new Error(`category model: slot ${slot} beyond dim ${dim}`);
    for (let c = 0; c < k; c++) weights[slot * k + c] = bytes.readInt16LE(o + 4 + 2 * c);
  }
  const bias = Int32Array.from(data.bias, (b) => Math.round(b * 1e3));
  const cut = Math.log(threshold / (1 - threshold)) * 1e3;
  const vetoCut = veto === void 0 ? -Infinity : Math.log(veto / (1 - veto)) * 1e3;
  const laneOf = bounds(data.bias, Math.min(LANES, k));
  const top = new Array(LANES).fill(0), topBias = new Array(LANES).fill(-Infinity);
  for (let c = 0; c < k; c++) topBias[laneOf[c]] = Math.max(topBias[laneOf[c]], bias[c]);
  for (let i = 0; i < weights.length; i++) top[laneOf[i % k]] = Math.max(top[laneOf[i % k]], weights[i]);
  const steps2 = top.map((t) => Math.max(1, Math.ceil(t / LANE_MAX)));
  const packed = new Uint32Array(2 * dim);
  const most = new Int32Array(LANES);
  for (let slot = 0; slot < dim; slot++) {
    most.fill(0);
    for (let c = 0; c < k; c++) most[laneOf[c]] = Math.max(most[laneOf[c]], weights[slot * k + c]);
    for (let g = 0; g < LANES; g++) packed[2 * slot + (g >= 4 ? 1 : 0)] |= Math.ceil(most[g] / steps2[g]) << LANE_SHIFT[g];
  }
  const reach = topBias.map((b, g) => b === -Infinity ? Infinity : Math.floor((cut - b) / steps2[g]));
  const [reach0, reach1, reach2, reach3, reach4, reach5] = reach;
  const tags = categories.map((category) => Object.freeze({ category, severity: SEVERITY }));
  const z = new Int32Array(k);
  const seen = new Uint16Array(dim);
  const wordSeen = new Uint16Array(dim);
  let stamp = 0;
  const mask = dim - 1;
  const add = (slot) => {
    if (seen[slot] === stamp) return;
    seen[slot] = stamp;
    addAgain(slot);
  };
  const addAgain = (slot) => {
    const base = slot * k;
    for (let c = 0; c < k; c++) z[c] += weights[base + c];
  };
  const sums = (norm) => {
    if (++stamp === 65536) {
      seen.fill(0);
      wordSeen.fill(0);
      stamp = 1;
    }
    z.set(bias);
    const tokens = norm.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const { fp, key } = tokens[i];
      const ws = wordSlot(fp, mask);
      add(ws);
      if (i + 1 < tokens.length) add(pairSlot(fp, tokens[i + 1].fp, mask));
      if (key.length < AFFIX_MIN || wordSeen[ws] === stamp) continue;
      wordSeen[ws] = stamp;
      addAgain(prefixSlot(key, mask));
      addAgain(suffixSlot(key, mask));
    }
    const pictographs = norm.pictographs;
    for (let i = 0; i < pictographs.length; i++) add(pictographSlot(pictographs[i], mask));
  };
  return {
    categories: new Set(categories),
    judge(norm) {
      const tokens = norm.tokens;
      if (tokens.length === 0) return void 0;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
      let a = 0, b = 0, d = 0;
      for (let i = 0; i < tokens.length; i++) {
        const { fp, key } = tokens[i];
        let at = 2 * wordSlot(fp, mask);
        let v = packed[at];
        a += v & 16711935;
        b += v >>> 8 & 16711935;
        d += packed[at + 1];
        if (i + 1 < tokens.length) {
          at = 2 * pairSlot(fp, tokens[i + 1].fp, mask);
          v = packed[at];
          a += v & 16711935;
          b += v >>> 8 & 16711935;
          d += packed[at + 1];
        }
        if (key.length >= AFFIX_MIN) {
          at = 2 * prefixSlot(key, mask);
          v = packed[at];
          a += v & 16711935;
          b += v >>> 8 & 16711935;
          d += packed[at + 1];
          at = 2 * suffixSlot(key, mask);
          v = packed[at];
          a += v & 16711935;
          b += v >>> 8 & 16711935;
          d += packed[at + 1];
        }
        if ((i & 31) === 31 || i + 1 === tokens.length) {
          s0 += a & 65535;
          s1 += a >>> 16;
          s2 += b & 65535;
          s3 += b >>> 16;
          s4 += d & 65535;
          s5 += d >>> 16;
          a = b = d = 0;
        }
      }
      const pictographs = norm.pictographs;
      for (let i = 0; i < pictographs.length; i++) {
        const at = 2 * pictographSlot(pictographs[i], mask);
        const v = packed[at], w = packed[at + 1];
        s0 += v & 255;
        s1 += v >>> 16 & 255;
        s2 += v >>> 8 & 255;
        s3 += v >>> 24;
        s4 += w & 65535;
        s5 += w >>> 16;
      }
      if (s0 < reach0 && s1 < reach1 && s2 < reach2 && s3 < reach3 && s4 < reach4 && s5 < reach5) return void 0;
      sums(norm);
      let best = -1;
      for (let c = 0; c < k; c++) if (z[c] >= cut && (best < 0 || z[c] > z[best])) best = c;
      if (best < 0) return void 0;
      const p = 1 / (1 + Math.exp(-z[best] / 1e3));
      const text = norm.original;
      const tag = tags[best];
      return { kind: "classifier", detail: `${tag.category} ${p.toFixed(2)}`, match: text, start: 0, end: text.length, category: tag.category, severity: tag.severity };
    },
    doubts(norm) {
      if (veto === void 0) return NONE4;
      sums(norm);
      for (let c = 0; c < k; c++) if (z[c] >= vetoCut) return NONE4;
      const out = /* @__PURE__ */ new Set();
      for (let c = 0; c < k; c++) if (z[c] < bias[c]) out.add(categories[c]);
      return out;
    },
    scores(norm) {
      sums(norm);
      return new Map(categories.map((c, i) => [c, 1 / (1 + Math.exp(-z[i] / 1e3))]));
    }
  };
}
function bounds(bias, lanes) {
  const k = bias.length;
  const order = bias.map((_, c) => c).sort((a, b) => bias[b] - bias[a] || a - b);
  const singles = Math.max(0, Math.min(lanes, 2 * lanes - k));
  const per = singles === lanes ? 1 : Math.ceil((k - singles) / (lanes - singles));
  const laneOf = new Array(k).fill(0);
  order.forEach((c, r) => {
    laneOf[c] = r < singles ? r : singles + Math.floor((r - singles) / per);
  });
  return laneOf;
}

// server/filters/base-lexicons.ts
var CURATION_DIR = new URL("../../config/lexicons/", import.meta.url);
function readCuration(lang) {
  try {
    return JSON.parse(readFileSync(new URL(`${lang}.json`, CURATION_DIR), "utf8"));
  } catch (err) {
    throw new Error(`cannot read config/lexicons/${lang}.json: ${err.message}`);
  }
}
function readJson(name) {
  try {
    return JSON.parse(readFileSync(new URL(name, CURATION_DIR), "utf8"));
  } catch (err) {
    throw new Error(`cannot read config/lexicons/${name}: ${err.message}`);
  }
}
function graded(name, file, each) {
  for (const [category, bySeverity] of Object.entries(file)) {
    if (category.startsWith("$") || category === "slots" || category === "allow") continue;
    if (!FILTER_CATEGORIES.includes(category)) throw new Error(`config/lexicons/${name}: unknown category "${category}"`);
    for (const [sev, entries] of Object.entries(bySeverity)) {
      const severity = Number(sev);
      if (![1, 2, 3, 4].includes(severity)) throw new Error(`config/lexicons/${name}: ${category} severity "${sev}" is not 1\u20134`);
      const tag = Object.freeze({ category, severity });
      for (const e of entries) each(e, tag);
    }
  }
}
function readCategories(lang) {
  const out = [];
  graded(`categories-${lang}.json`, readJson(`categories-${lang}.json`), (term, tag) => out.push({ term, tag }));
  return out;
}
function readPatterns(lang) {
  const name = `patterns-${lang}.json`;
  const file = readJson(name);
  const patterns = [];
  graded(name, file, (template, tag) => patterns.push(Object.freeze({ steps: compileTemplate(template, file.slots ?? {}), detail: template, tag })));
  const allows = (file.allow ?? []).map((t) => compileTemplate(t, file.slots ?? {}));
  return { patterns, allows };
}
var fold = (w) => w.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
var list = (l) => Object.freeze((l ?? []).map(fold));
function readContactWords(lang) {
  const file = readJson(`contact-${lang}.json`);
  return {
    numbers: Object.freeze(Object.fromEntries(Object.entries(file.numbers ?? {}).map(([k, v]) => [fold(k), v]))),
    joiners: list(file.joiners),
    at: list(file.at),
    dot: list(file.dot),
    networks: list(file.networks),
    phoneContext: list(file.phoneContext),
    notPhoneContext: list(file.notPhoneContext),
    serviceDesk: list(file.serviceDesk),
    privateLine: list(file.privateLine),
    idContext: list(file.idContext),
    codeWords: list(file.codeWords),
    siteUsers: list(file.siteUsers),
    phoneNouns: list(file.phoneNouns)
  };
}
function readCodeWords(lang) {
  const file = readJson(`codes-${lang}.json`);
  for (const n2 of file.numbers ?? []) {
    if (codeDigits(n2.digits) === void 0 || ![1, 2, 3, 4].includes(n2.severity)) throw new Error(`config/lexicons/codes-${lang}.json: bad code ${JSON.stringify(n2)}`);
  }
  return Object.freeze({
    numbers: Object.freeze((file.numbers ?? []).map((n2) => Object.freeze({ ...n2, near: n2.near && list(n2.near) }))),
    units: list(file.units),
    before: list(file.before),
    echoInnocent: list(file.echoInnocent)
  });
}
function readProximity(lang) {
  const file = readJson(`proximity-${lang}.json`);
  return Object.freeze({ families: file.families ?? {}, classes: file.classes ?? {}, rules: file.rules ?? [], common: file.common ?? [], silence: file.silence ?? [] });
}
function readModel() {
  const file = new URL("../../config/model/category-model.json", import.meta.url);
  try {
    return createCategoryModel(JSON.parse(readFileSync(file, "utf8")));
  } catch (err) {
    throw new Error(`cannot read config/model/category-model.json (npm run train-model writes it): ${err.message}`);
  }
}
var cached;
function loadBaseLexicons() {
  if (cached) return cached;
  const require2 = createRequire2(import.meta.url);
  const english = new Filter().list;
  const french = require2("french-badwords-list").array;
  const make = (lang, upstream) => {
    const c = readCuration(lang);
    const p = readPatterns(lang);
    const compounds = c.compounds ? c.compounds.roots.flatMap((r) => c.compounds.suffixes.map((x) => r + x)) : [];
    return Object.freeze({
      terms: Object.freeze([...upstream, ...c.add ?? [], ...compounds]),
      remove: Object.freeze([...c.remove ?? []]),
      allow: Object.freeze([...c.allow ?? []]),
      ambiguous: Object.freeze([...c.ambiguous ?? []]),
      categories: Object.freeze(readCategories(lang)),
      patterns: Object.freeze(p.patterns),
      patternAllows: Object.freeze(p.allows),
      contact: Object.freeze(readContactWords(lang)),
      codes: readCodeWords(lang),
      proximity: readProximity(lang)
    });
  };
  cached = Object.freeze({ en: make("en", english), fr: make("fr", french), model: readModel() });
  return cached;
}

// server/filters/compile.ts
var INFLECT = { en: "en", fr: "fr" };
var COMPETITOR = Object.freeze({ category: "competitor", severity: 2 });
var PerLanguages = class {
  byBase = /* @__PURE__ */ new WeakMap();
  *get(base, languages, make) {
    let byLanguages = this.byBase.get(base);
    if (byLanguages === void 0) this.byBase.set(base, byLanguages = /* @__PURE__ */ new Map());
    const key = languages.join(",");
    let value = byLanguages.get(key);
    if (value === void 0) byLanguages.set(key, value = yield* make());
    return value;
  }
};
var sharedBuilds = new PerLanguages();
var sharedScorers = new PerLanguages();
var sharedReadings = new PerLanguages();
function* steps(lists, base) {
  const languages = [...new Set(lists.languages)];
  const own = (lists.removed?.length ?? 0) > 0 || lists.allow.length > 0;
  let builder;
  if (own) {
    builder = new LexiconBuilder();
    yield* builtins(builder, languages, base);
  } else {
    const shared = yield* sharedBuilds.get(base, languages, function* () {
      const b = new LexiconBuilder();
      yield* builtins(b, languages, base);
      return yield* b.buildShared();
    });
    builder = new LexiconBuilder(shared);
  }
  for (let i = 0; i < lists.terms.length; i++) {
    builder.add(lists.terms[i], "plural", true, (lists.tags && Object.hasOwn(lists.tags, lists.terms[i]) ? lists.tags[lists.terms[i]] : void 0) ?? COMPETITOR);
    if ((i & 31) === 31) yield;
  }
  if (own) {
    for (const t of lists.removed ?? []) builder.remove(t);
    for (const t of lists.allow) builder.allow(t);
  }
  yield;
  const lexicon = yield* builder.buildSteps();
  yield;
  const links = createLinkMatcher(lists.links);
  const contacts = createContactDetector(languages.map((l) => base[l].contact));
  const codes = createCodeDetector(languages.map((l) => base[l].codes), lists.removed ?? []);
  const scorer = yield* sharedScorers.get(base, languages, () => proximitySteps(languages.map((l) => base[l].proximity)));
  const model = lists.model === false ? void 0 : base.model;
  const exempt = model && (lists.allow.length > 0 || (lists.removed?.length ?? 0) > 0) ? yield* exemptions(lists) : void 0;
  return new Filters(lexicon, links, contacts, codes, scorer, model, exempt, model ? yield* readingsOf(base, languages, lists.terms) : void 0);
}
function* readingsOf(base, languages, terms) {
  const set = yield* sharedReadings.get(base, languages, function* () {
    yield;
    const listed = new Set(languages.flatMap((l) => base[l].terms.map((t) => termTokens(t).join(" "))));
    return new Set(languages.flatMap((l) => [...base[l].patterns.map((p) => p.detail), ...base[l].proximity.rules.map((r) => r.name)]).filter((d) => !listed.has(termTokens(d).join(" "))));
  });
  const own = terms.map((t) => termTokens(t).join(" ")).filter((t) => set.has(t));
  if (own.length === 0) return set;
  const mine = new Set(set);
  for (const t of own) mine.delete(t);
  return mine;
}
function* exemptions(lists) {
  const b = new LexiconBuilder();
  for (const t of [...lists.allow, ...lists.removed ?? []]) b.add(t, "plural", true, COMPETITOR);
  return yield* b.buildSteps();
}
function* builtins(builder, languages, base) {
  for (const lang of languages) {
    const lex = base[lang];
    for (const c of lex.categories) builder.categorize(c.term, c.tag);
    for (let i = 0; i < lex.terms.length; i++) {
      builder.add(lex.terms[i], INFLECT[lang]);
      if ((i & 31) === 31) yield;
    }
    for (const t of lex.remove) builder.remove(t);
    for (const t of lex.allow) builder.allow(t);
    for (const ctx of lex.ambiguous) builder.ambiguous(ctx);
    for (const p of lex.patterns) {
      builder.pattern(p.steps, p.detail, p.tag);
      yield;
    }
    for (const steps2 of lex.patternAllows) builder.allowPattern(steps2);
  }
}
var Filters = class {
  constructor(lexicon, linkMatcher, contacts, codes, proximity, model, exempt, readings) {
    this.lexicon = lexicon;
    this.linkMatcher = linkMatcher;
    this.contacts = contacts;
    this.codes = codes;
    this.proximity = proximity;
    this.model = model;
    this.exempt = exempt;
    this.readings = readings;
    this.termCount = lexicon.size;
    Object.freeze(this);
  }
  lexicon;
  linkMatcher;
  contacts;
  codes;
  proximity;
  model;
  exempt;
  readings;
  termCount;
  /**
   * Lexicon words and phrases, phrase patterns, contact details, coded hate and proximity rules (SPEC §12), in
   * text order; then, unless a rule already held the message for one of the model's categories,
   * the category model's judgement, if any (first: it covers the whole message). A rule's hit of
   * another category (a mild swear word, a competitor's name) does not spare the rest of the
   * message from the model: the tenant's policy may let that hit through. When a rule did hold it
   * for one of them, the model may overrule a template's or proximity rule's hit (overruled).
   */
  words(text, norm = normalize(text)) {
    const words = this.lexicon.match(norm);
    const marks = this.marks(norm);
    let near = this.proximity.match(norm);
    if (near.length > 0 && words.length + marks.length > 0) {
      near = near.filter((p) => ![...words, ...marks].some((h) => h.category === p.category && h.start < p.end && p.start < h.end));
    }
    const all = marks.length === 0 && near.length === 0 ? words : words.length === 0 && near.length === 0 ? marks : [...words, ...marks, ...near].sort((a, b) => a.start - b.start);
    const kept = all.length > 0 ? this.proximity.unsilenced(norm, all) : all;
    if (!this.model) return kept;
    if (all.some((h) => this.model.categories.has(h.category))) return this.overruled(norm, kept);
    if (this.exempt && this.exempt.match(norm).length > 0) return kept;
    const judged = this.model.judge(norm);
    return judged ? [judged, ...kept] : kept;
  }
  /** Contact details and coded hate: what is read from the text's digits and signs rather than its words. */
  marks(norm) {
    const contacts = this.contacts.match(norm);
    const codes = this.codes.match(norm);
    return codes.length === 0 ? contacts : contacts.length === 0 ? codes : [...contacts, ...codes].sort((a, b) => a.start - b.start);
  }
  /**
   * A rule's hit the model may overrule (CategoryModel.doubts): a built-in phrase template or
   * proximity rule (readingsOf) of a category the model judges. Not listed words, not contact
   * details (a number or an address is read, not guessed), not the tenant's own terms.
   */
  overrulable(detail, category) {
    return category !== "contact" && this.model.categories.has(category) && this.readings.has(detail);
  }
  /**
   * Drops the overrulable hits the model doubts (CategoryModel.doubts: most of the rules' traps). A
   * listed word, or a template of a category not doubted, that a dropped template covered comes
   * back (a cream that "c'est de la pourriture" loses the hate template, keeps the insult
   * "pourriture"): rare, so a second lexicon pass.
   */
  overruled(norm, kept) {
    if (!kept.some((h) => this.overrulable(h.detail, h.category))) return kept;
    const doubts = this.model.doubts(norm);
    if (doubts.size === 0) return kept;
    const doubted = (detail, category) => doubts.has(category) && this.overrulable(detail, category);
    const dropped = kept.filter((h) => doubted(h.detail, h.category));
    if (dropped.length === 0) return kept;
    const rest = kept.filter((h) => !dropped.includes(h));
    const under = this.lexicon.match(norm, doubted).filter((w) => dropped.some((d) => d.start <= w.start && w.end <= d.end) && !rest.some((r) => r.start === w.start && r.end === w.end));
    if (under.length === 0) return rest;
    return [...rest, ...this.proximity.unsilenced(norm, under)].sort((a, b) => a.start - b.start);
  }
  links(text, norm = normalize(text)) {
    return this.linkMatcher.match(norm);
  }
};
function compileFiltersSync(lists, base) {
  const it = steps(lists, base);
  for (; ; ) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

// .scratch/wordsprof.mts
var msgs = [];
for (const f2 of ["/work/shared/corpus/messages.tsv", "/work/main/test/fixtures/corpus-extended.tsv"])
  for (const l of readFileSync2(f2, "utf8").split(/\r?\n/).slice(1)) {
    const t = l.split("	").slice(2).join("	");
    if (t) msgs.push(JSON.parse(JSON.stringify(t)));
  }
var f = compileFiltersSync({ languages: ["en", "fr"], terms: ["rivalbrand"], allow: [], links: { mode: "allowlist", allow: ["demo-beauty.com"], block: ["rival.example"] } }, loadBaseLexicons());
var mode = process.env.MODE ?? "full";
var norms = msgs.map((m) => normalize(m));
var fn = mode === "words" ? (i) => f.words(msgs[i], norms[i]).length : (i) => {
  const n2 = normalize(msgs[i]);
  return f.words(msgs[i], n2).length + f.links(msgs[i], n2).length;
};
var s = 0;
var n = 0;
var t0 = performance.now();
while (performance.now() - t0 < Number(process.env.MS ?? 5e3)) for (let k = 0; k < 64; k++) {
  s += fn(n % msgs.length);
  n++;
}
console.log(mode, ((performance.now() - t0) * 1e3 / n).toFixed(2), "\xB5s");
