// npm run narrative:eval [-- <corpus dir>] — precision and recall of the
// pre-fill extractor on the written corpus, per field family, with every miss,
// wrong value and safety violation listed.
import { evaluate, precision, recall, type Tally } from "./lib/prefill-eval";

const dir = process.argv[2] ?? "tests/corpus/prefill";
const r = evaluate(dir);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const line = (name: string, t: Tally) =>
  `${name.padEnd(16)} precision ${pct(precision(t)).padStart(7)}  recall ${pct(recall(t)).padStart(7)}  (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`;
for (const i of r.issues) {
  const e = JSON.stringify(i.expected);
  const g = JSON.stringify(i.got);
  console.log(`${i.kind.padEnd(5)} ${i.doc} ${i.key}: ${i.kind === "miss" ? `expected ${e}` : i.kind === "extra" ? `got ${g}` : `expected ${e}, got ${g}`}`);
}
console.log("");
for (const v of r.violations) console.log(`SAFETY ${v}`);
console.log(`documents ${r.docs}; slowest extraction ${r.maxMs.toFixed(1)} ms`);
console.log(line("overall", r.overall));
for (const [name, t] of Object.entries(r.families)) console.log(line(name, t));
console.log(`safety violations ${r.violations.length}`);
