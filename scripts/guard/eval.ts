// npm run guard:eval [-- <corpus.jsonl>] — recall per kind, overall recall and the
// false-alarm rate of the identifier guard on a labelled corpus (one JSON object a line:
// {"text": "...", "kinds": ["name", ...]}, kinds [] for a sentence without identifiers).
// Goals (issue 11): recall ≥ 98 % overall and ≥ 95 % per kind, false alarms ≤ 1 %.
import { readFileSync } from "node:fs";
import { evaluate, parseCorpus } from "@/domain/identifier-guard/evaluate";

const file = process.argv[2] ?? "tests/corpus/identifier-guard.jsonl";
const result = evaluate(parseCorpus(readFileSync(file, "utf8")));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(`corpus: ${file} — ${result.positives} sentences with identifiers, ${result.negatives} without`);
console.log("kind          expected  found  recall");
for (const k of result.perKind)
  console.log(
    `${k.kind.padEnd(13)} ${String(k.expected).padStart(8)} ${String(k.found).padStart(6)}  ${k.expected ? pct(k.recall) : "—"}`,
  );
console.log(`overall recall (sentences blocked): ${pct(result.recall)}`);
console.log(`recall over (sentence, kind) pairs: ${pct(result.kindRecall)}`);
console.log(`false alarms: ${result.falseAlarms.length}/${result.negatives} = ${pct(result.falseAlarmRate)}`);
if (process.argv.includes("--details") || process.env.GUARD_EVAL_DETAILS) {
  for (const m of result.misses)
    console.log(`MISS ${JSON.stringify(m.text)} expected ${m.expected.join(",")} got ${m.got.join(",") || "-"}`);
  for (const f of result.falseAlarms) console.log(`FALSE ALARM ${JSON.stringify(f.text)} got ${f.got.join(",")}`);
}
const ok =
  result.recall >= 0.98 &&
  result.kindRecall >= 0.98 &&
  result.perKind.every((k) => k.expected === 0 || k.recall >= 0.95) &&
  result.falseAlarmRate <= 0.01;
console.log(ok ? "goals met" : "goals NOT met");
process.exitCode = ok ? 0 : 1;
