// npm run docs:dictionary — writes docs/data-dictionary.md and .csv from the CRF
// definition, and docs/data-dictionary-changelog.md from its amendments. With --check, writes nothing and exits 1 when a committed file
// differs from what the code generates (the unit test checks the same).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { dictionaryCsv } from "@/domain/crf/data-dictionary";
import { dictionaryMarkdown } from "@/domain/crf/data-dictionary-markdown";
import { CRF } from "@/domain/crf/definition";
import { AMENDMENTS } from "@/domain/crf/versions/amendments";
import { changelogMarkdown } from "@/domain/crf/versions/changelog";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const OUTPUTS: readonly { path: string; content: () => string }[] = [
  { path: join(ROOT, "docs", "data-dictionary.md"), content: dictionaryMarkdown },
  { path: join(ROOT, "docs", "data-dictionary.csv"), content: dictionaryCsv },
  { path: join(ROOT, "docs", "data-dictionary-changelog.md"), content: () => changelogMarkdown(CRF, AMENDMENTS) },
];

function main(): void {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const output of OUTPUTS) {
    const name = relative(ROOT, output.path);
    const expected = output.content();
    const current = existsSync(output.path) ? readFileSync(output.path, "utf8") : undefined;
    if (current === expected) {
      console.log(`${name} is up to date.`);
      continue;
    }
    if (check) {
      console.error(`${name} is out of date${current === undefined ? " (missing)" : ""}: run npm run docs:dictionary`);
      stale += 1;
      continue;
    }
    mkdirSync(dirname(output.path), { recursive: true });
    writeFileSync(output.path, expected, "utf8");
    console.log(`Wrote ${name}.`);
  }
  if (stale > 0) process.exit(1);
}

main();
