import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { trainFromSettings, type TrainingSettings } from "../filters/category-model-train.ts";

/**
 * `npm run train-model`: retrains the category model (server/filters/category-model.ts) from the
 * corpora config/model/training.json lists, and writes config/model/category-model.json. A few
 * seconds; the same corpora give the same file.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const settings = JSON.parse(readFileSync(`${root}config/model/training.json`, "utf8")) as TrainingSettings;
const t0 = performance.now();
const model = trainFromSettings(settings, (p) => readFileSync(root + p, "utf8"));
writeFileSync(`${root}config/model/category-model.json`, `${JSON.stringify(model, null, 1)}\n`);
console.log(`category model: ${model.trainedOn!.lines} lines from ${settings.files.length} corpora, ${Math.round(performance.now() - t0)} ms; ${Buffer.from(model.weights, "base64").length / (4 + 2 * model.categories.length)} weighted slots of ${model.dim}`);
