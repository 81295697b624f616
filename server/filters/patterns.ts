import { CLAUSE_END, CLAUSE_START, termTokens, type PatternStep } from "./lexicon.ts";

/**
 * Phrase patterns (SPEC §12): short templates for threats, harassment, hate and self-harm that
 * contain no banned word ("je vais te casser les dents", "your kind is not welcome here"). A
 * template is expanded once, at compile time, into plain token sequences that go into the same
 * trie as the lexicon's phrases; so a message still meets them in its one linear walk, with the
 * same normalisation (disguises, separators, look-alikes), and no template ever becomes a regular
 * expression.
 *
 * Template syntax (config/lexicons/patterns-<lang>.json):
 *   words          matched as whole words, written as people write them ("t'es", "j'vais")
 *   {a|b c|}       one of the alternatives; an empty one makes the group optional
 *   $name          one of the alternatives of the slot `name` (`slots` in the same file)
 *   ~2             up to 2 words of any kind but a negation ("je vais te casser ~2 dents")
 *   ^ (first)      the match starts a clause: the message's first word, or one after punctuation
 *                  or an emoji ("^ {jump|step} in front of a bus": an imperative, not "my wallet wants to…")
 *   $ (last)       the match ends a clause ("{t es|tu es} mort $", not "t'es morte de rire"); also
 *                  as the last alternative of a final choice ("{tonight|soon|$}")
 *
 * @example
 *   compileTemplate("{je vais|j'vais} te tuer", {});
 *   // [{ choice: [[{ word: "je" }, { word: "vais" }], [{ word: "j" }, { word: "vais" }]] }, { word: "te" }, { word: "tuer" }]
 */

type Node =
  | { kind: "word"; text: string }
  | { kind: "edge"; key: typeof CLAUSE_START | typeof CLAUSE_END }
  | { kind: "gap"; max: number }
  | { kind: "slot"; name: string }
  | { kind: "choice"; options: Node[][] };

/**
 * Chat spellings every template accepts for a word without listing them: "make u bleed", "ur
 * face", "kill urself". Expanded here, at compile time, into a choice of words in the trie.
 */
const SPELLINGS: ReadonlyMap<string, PatternStep[][]> = new Map(
  Object.entries({ you: ["you", "u", "yu"], your: ["your", "ur", "yr"], yourself: ["yourself", "urself"] })
    .map(([k, v]) => [k, v.map((w) => [{ word: w }])]),
);

const slotCache = new WeakMap<Slots, Map<string, PatternStep[][]>>();

/** The slots of a pattern file: name → alternatives (each a template). */
export type Slots = Readonly<Record<string, readonly string[]>>;

/** Parses a template into a sequence of nodes; throws with the template named on a syntax error. */
function parse(template: string): Node[] {
  let i = 0;
  const fail = (why: string): never => { throw new Error(`pattern "${template}": ${why} at ${i}`); };
  const sequence = (inChoice: boolean): Node[] => {
    const out: Node[] = [];
    let word = "";
    const flush = () => { if (word) { out.push({ kind: "word", text: word }); word = ""; } };
    while (i < template.length) {
      const c = template[i];
      if (c === "{") {
        flush(); i++;
        const options: Node[][] = [sequence(true)];
        while (template[i] === "|") { i++; options.push(sequence(true)); }
        if (template[i] !== "}") fail("missing }");
        i++;
        out.push({ kind: "choice", options });
      } else if (c === "|" || c === "}") {
        if (!inChoice) fail(`unexpected ${c}`);
        break;
      } else if (c === " ") {
        flush(); i++;
      } else if (c === "^" && !word && !inChoice && out.length === 0 && i === 0) {
        out.push({ kind: "edge", key: CLAUSE_START });
        i++;
      } else if (c === "$" && !word && (inChoice ? template[i + 1] === "|" || template[i + 1] === "}" : template.slice(i + 1).trim() === "")) {
        out.push({ kind: "edge", key: CLAUSE_END });
        i = inChoice ? i + 1 : template.length;
      } else if (c === "$" && !word) {
        const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(template.slice(i));
        if (!m) fail("bad slot name");
        out.push({ kind: "slot", name: m![1] });
        i += m![0].length;
      } else if (c === "~" && !word) {
        const m = /^~(\d)/.exec(template.slice(i));
        if (!m) fail("bad gap");
        out.push({ kind: "gap", max: Number(m![1]) });
        i += m![0].length;
      } else {
        word += c; i++;
      }
    }
    flush();
    return out;
  };
  const nodes = sequence(false);
  if (i < template.length) fail("unexpected }");
  return nodes;
}

/**
 * Compiles a template into pattern steps: words canonicalised like messages (one step per token),
 * slots replaced by a choice of their alternatives. Nothing is multiplied out here: the lexicon
 * builder shares each choice's continuation (see LexiconBuilder.pattern).
 */
export function compileTemplate(template: string, slots: Slots): PatternStep[] {
  // One compiled slot per file, shared by every template that uses it: the lexicon builder then
  // shares the slot's junctions too (a choice met twice from the same place is built once).
  let parsed = slotCache.get(slots);
  if (!parsed) slotCache.set(slots, parsed = new Map());
  const convert = (nodes: readonly Node[], seen: readonly string[]): PatternStep[] => {
    const out: PatternStep[] = [];
    for (const n of nodes) {
      if (n.kind === "word") {
        const keys = termTokens(n.text);
        // A "word" that reads as nothing ("-50%", "@") would silently make its group optional.
        if (keys.length === 0) throw new Error(`pattern "${template}": "${n.text}" is not a word`);
        for (const key of keys) {
          const spellings = SPELLINGS.get(key);
          out.push(spellings === undefined ? { word: key } : { choice: spellings });
        }
      }
      else if (n.kind === "edge") out.push({ word: n.key });
      else if (n.kind === "gap") out.push({ gap: n.max });
      else if (n.kind === "choice") out.push({ choice: n.options.map((o) => convert(o, seen)) });
      else {
        if (seen.includes(n.name)) throw new Error(`pattern "${template}": slot $${n.name} refers to itself`);
        const alts = slots[n.name];
        if (!alts) throw new Error(`pattern "${template}": unknown slot $${n.name}`);
        let options = parsed!.get(n.name);
        if (!options) parsed!.set(n.name, options = alts.map((a) => convert(parse(a), [...seen, n.name])));
        out.push({ choice: options });
      }
    }
    return out;
  };
  return convert(parse(template), []);
}
