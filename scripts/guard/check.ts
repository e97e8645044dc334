// npm run --silent guard:check -- <file>
// Reads a UTF-8 file, one text per line, and prints one JSON line per input line, in
// order: {"blocked": true|false, "kinds": [...]}. Kinds come from the fixed vocabulary
// name, address, phone, email, nir, hospital_id, birth_date, age, birth_place (each
// once, in order of first appearance). Same module as the app (src/domain/identifier-guard.ts).
import { readFileSync } from "node:fs";
import { identifierKindsOf } from "@/domain/identifier-guard";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run --silent guard:check -- <file>");
  process.exit(2);
}
const content = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
const lines = content.split(/\r?\n/);
// A final line break ends the last line; it does not start an empty one.
if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
const out: string[] = [];
for (const line of lines) {
  const kinds = identifierKindsOf(line);
  out.push(JSON.stringify({ blocked: kinds.length > 0, kinds }));
}
process.stdout.write(out.length ? `${out.join("\n")}\n` : "");
