// npm run --silent narrative:extract -- <file.txt>
// Prints one JSON object: { fields: { id: { value, evidence } }, blocks: { id: [ { field: value, …, evidence } ] } }.
// The same extractor as the browser's « Pré-remplir depuis un document » panel; nothing leaves this process.
import { readFileSync } from "node:fs";
import { toCliJson } from "@/domain/prefill/output";
import { extract } from "@/domain/prefill/extract";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run --silent narrative:extract -- <file.txt>\n");
  process.exit(2);
}
const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
process.stdout.write(`${JSON.stringify(toCliJson(extract(text)))}\n`);
