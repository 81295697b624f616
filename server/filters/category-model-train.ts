import type { FilterCategory } from "../../client-sdk/src/protocol.ts";
import { checkThresholds, modelFeatures, packWeights, type CategoryModelData } from "./category-model.ts";
import { normalize } from "./normalize.ts";

/** One labelled line: the category it must be held for, or "clean" (a trap or an ordinary message). */
export interface LabelledLine { readonly label: FilterCategory | "clean"; readonly text: string }

export interface TrainOptions {
  categories: readonly FilterCategory[];
  dim?: number;
  epochs?: number;
  /** SGD step. */
  rate?: number;
  /** L2 pull towards zero per step (keeps rare words from deciding alone). */
  l2?: number;
  threshold?: number;
  /** Per-category thresholds (CategoryModelData.thresholds). */
  thresholds?: Readonly<Partial<Record<FilterCategory, number>>>;
  /** Below it in every category, a rule's hit is overruled (CategoryModelData.veto); absent, never. */
  veto?: number;
  /** Seed of the shuffle: the same lines give the same model, byte for byte. */
  seed?: number;
  files?: readonly string[];
}

/**
 * Trains one logistic regression per category (that category against everything else, clean lines
 * and the other categories alike) by stochastic gradient descent over shuffled lines. Deterministic:
 * a seeded shuffle and plain arithmetic, so a test can retrain and compare with the shipped file.
 */
export function trainCategoryModel(lines: readonly LabelledLine[], opts: TrainOptions): CategoryModelData {
  const { categories } = opts;
  const dim = opts.dim ?? 1 << 16, epochs = opts.epochs ?? 30, rate = opts.rate ?? 0.2, l2 = opts.l2 ?? 1e-5;
  // Checked here too, so a bad training.json fails at training, not when a server loads the file.
  checkThresholds(opts.veto, opts.threshold ?? 0.5, opts.thresholds ?? {}, categories);
  const k = categories.length;
  const xs = lines.map((l) => modelFeatures(normalize(l.text), dim, []));
  const ys = lines.map((l) => categories.indexOf(l.label as FilterCategory));
  const w = new Float64Array(dim * k);
  // Most lines are clean for any one category: start each from "probably not".
  const bias = categories.map(() => -2);
  let seed = opts.seed ?? 1;
  const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  const order = lines.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const x = xs[i]!;
      for (let c = 0; c < k; c++) {
        let z = bias[c]!;
        for (const slot of x) z += w[slot * k + c]!;
        const g = 1 / (1 + Math.exp(-z)) - (ys[i] === c ? 1 : 0);
        for (const slot of x) w[slot * k + c] -= rate * (g + l2 * w[slot * k + c]!);
        bias[c] -= rate * g;
      }
    }
  }
  return {
    format: 2, dim, categories: [...categories], threshold: opts.threshold ?? 0.5,
    ...(opts.thresholds === undefined ? {} : { thresholds: { ...opts.thresholds } }),
    ...(opts.veto === undefined ? {} : { veto: opts.veto }),
    bias: bias.map((b) => Math.round(b * 1000) / 1000),
    weights: packWeights(w, dim, k),
    trainedOn: { lines: lines.length, files: [...(opts.files ?? [])], epochs },
  };
}

/** The corpora's names for SPEC §12 categories: harassment is aimed at a person, an insult's category. */
const CORPUS_CATEGORY: Record<string, FilterCategory> = { harassment: "insult" };

/**
 * The labelled lines of one corpus file. Category corpora (`expect category lang text`): a held
 * line is its category, a trap is clean. Shopper corpora (`expect lang text`): clean lines are
 * clean; their banned-word and link lines are the lexicon's and the link stage's, left out.
 */
export function parseLabelledLines(tsv: string, only?: ReadonlySet<string>): LabelledLine[] {
  const [head = "", ...rows] = tsv.split(/\r?\n/);
  const byCategory = head.split("\t")[1] === "category";
  // Rows of some categories only (training.json's "#…", entryLines): named as the model names them.
  if (only !== undefined && !byCategory) throw new Error("only a category corpus can be trained on by category");
  const out: LabelledLine[] = [];
  for (const row of rows) {
    if (!row.trim()) continue;
    const cells = row.split("\t");
    if (byCategory) {
      const category = CORPUS_CATEGORY[cells[1]!] ?? cells[1] as FilterCategory;
      if (only === undefined || only.has(category)) out.push({ label: cells[0] === "held" ? category : "clean", text: cells.slice(3).join("\t") });
    }
    else if (cells[0] === "clean") out.push({ label: "clean", text: cells.slice(2).join("\t") });
  }
  return out;
}

/** config/model/training.json. */
export interface TrainingSettings {
  categories: FilterCategory[];
  /** Corpus files, each optionally with "#category,…" (see entryLines). */
  files: string[];
  heldOut: string[];
  dim: number; epochs: number; rate: number; l2: number; threshold: number; thresholds?: Partial<Record<FilterCategory, number>>; veto?: number; seed: number;
}

/**
 * The labelled lines of one entry of training.json's `files`: a corpus file, or a category corpus
 * with "#" and some of the model's categories ("corpus-categories-328.tsv#selfHarm"): only its rows
 * of those categories (a corpus's harassment is the model's insult), held lines and traps alike. A
 * focused batch can teach the model one category without its other half: all of 328 trained on
 * cost the older held-out waves 30 lines, its self-harm half alone 12 (README, stop 44). A name the
 * model does not score, or one the corpus holds no line of, is refused, like a misspelt category in a
 * corpus: it would silently train on nothing.
 */
function entryLines(entry: string, categories: readonly FilterCategory[], read: (path: string) => string): LabelledLine[] {
  const [file = "", only, ...more] = entry.split("#");
  if (only === undefined) return parseLabelledLines(read(file));
  const keep = only.split(",").map((c) => c.trim());
  const unknown = keep.filter((c) => !categories.includes(c as FilterCategory));
  if (more.length > 0 || unknown.length > 0) throw new Error(`${entry}: "${unknown.join(", ")}" is not one of the model's categories (${categories.join(", ")})`);
  let lines: LabelledLine[];
  try { lines = parseLabelledLines(read(file), new Set(keep)); } catch (err) { throw new Error(`${entry}: ${(err as Error).message}`); }
  const absent = keep.filter((c) => !lines.some((l) => l.label === c));
  if (absent.length > 0) throw new Error(`${entry}: the corpus has no rows of ${absent.join(", ")}`);
  return lines;
}

/** Trains on the settings' files, read by `read` (paths from the repository root). */
export function trainFromSettings(s: TrainingSettings, read: (path: string) => string): CategoryModelData {
  const overlap = s.files.filter((f) => s.heldOut.includes(f.split("#")[0]!));
  // A held-out corpus trained on would measure nothing: refuse rather than report flattering figures.
  if (overlap.length) throw new Error(`training.json trains on held-out corpora: ${overlap.join(", ")}`);
  const lines = s.files.flatMap((f) => entryLines(f, s.categories, read).map((l) => {
    // A misspelt category would silently teach every category that its lines are clean.
    if (l.label !== "clean" && !s.categories.includes(l.label)) throw new Error(`${f}: "${l.label}" is not one of the model's categories (${s.categories.join(", ")})`);
    return l;
  }));
  return trainCategoryModel(lines, { ...s, files: s.files });
}
