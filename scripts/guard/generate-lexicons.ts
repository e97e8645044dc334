// Generates the identifier guard's word lists (src/domain/identifier-guard/lexicons/*.json)
// once, from the frequency dictionaries that @zxcvbn-ts ships (already a dependency, for
// passwords). Run again only to refresh them: `npx tsx scripts/guard/generate-lexicons.ts`.
// The generated files are reviewed data: the curated lists (ambiguous first names,
// eponyms, function words, cities) are written by hand next to them.
import { writeFileSync } from "node:fs";
import * as en from "@zxcvbn-ts/language-en";
import * as fr from "@zxcvbn-ts/language-fr";

type Dictionary = Record<string, string[] | undefined>;
const F = (fr as unknown as { dictionary: Dictionary }).dictionary;
const E = (en as unknown as { dictionary: Dictionary }).dictionary;
const list = (d: Dictionary, key: string): string[] => d[key] ?? [];
const WORD = /^[a-zà-öø-ÿœ]+(?:[-'][a-zà-öø-ÿœ]+)*$/u;
const OUT = "src/domain/identifier-guard/lexicons";

// The French package files first names under "lastnames" and surnames under "firstnames".
const frFirst = list(F, "lastnames-fr");
const frSurnames = list(F, "firstnames-fr");
const frCommon = new Set(list(F, "commonWords-fr").slice(0, 20000));

const first = new Set<string>();
for (const w of frFirst) if (w.length >= 3 && WORD.test(w)) first.add(w);
// English first names that are French words ("aile", "selle", "ciel") are left out: frequent in French
// subtitles but not in English ones. Names frequent in both ("george", "helen") stay.
const enCommon = new Set(list(E, "commonWords-en").slice(0, 30000));
for (const w of list(E, "firstnames-en")) {
  if (w.length >= 3 && WORD.test(w) && (!frCommon.has(w) || enCommon.has(w))) first.add(w);
}

const surnames = new Set<string>();
for (const w of frSurnames) if (w.length >= 3 && WORD.test(w)) surnames.add(w);
for (const w of list(E, "lastnames-en").slice(0, 2500)) if (w.length >= 3 && WORD.test(w)) surnames.add(w);

// Frequent words of both languages, first names left out (surnames kept: "petit", "blanc"): a lowercase word after a title or
// next to a first name is a name only when it is not one of these.
const common = new Set<string>();
for (const w of [...list(F, "commonWords-fr").slice(0, 9000), ...list(E, "commonWords-en").slice(0, 7000)]) {
  if (w.length >= 2 && WORD.test(w) && !first.has(w)) common.add(w);
}

const write = (name: string, words: Set<string>) => {
  writeFileSync(
    `${OUT}/${name}.json`,
    `[\n${[...words]
      .sort()
      .map((w) => JSON.stringify(w))
      .join(",\n")}\n]\n`,
  );
  console.log(name, words.size);
};
write("first-names", first);
write("surnames", surnames);
write("common-words", common);
