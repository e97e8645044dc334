// npm run --silent narrative:extract -- <file.txt>
// Prints one JSON object: { fields: { id: { value, evidence } }, blocks: { id: [ { field: value, …, evidence } ] } }.
// The same extractor as the browser's « Pré-remplir depuis un document » panel; nothing leaves this process.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { extract } from "@/domain/prefill/extract";
import { toCliJson } from "@/domain/prefill/output";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run --silent narrative:extract -- <file.txt>\n");
  process.exit(2);
}
// npm runs scripts from the package root; a relative path is the caller's (INIT_CWD).
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
let text: string;
try {
  // Kept as decoded (a byte-order mark included): evidence offsets are into the file's text as is.
  text = readFileSync(path, "utf8");
} catch (error) {
  process.stderr.write(`narrative:extract: cannot read ${path}: ${(error as Error).message}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(toCliJson(extract(text)))}\n`);
