// npm run narrative:eval [-- <corpus dir>] — precision and recall of the
// pre-fill extractor on the written corpus, per field family, with every miss,
// wrong value and safety violation listed.
import { readdirSync, readFileSync } from "node:fs";
import { extract } from "@/domain/prefill/extract";
import { evaluate, precision, recall, type Tally } from "./lib/prefill-eval";

const dir = process.argv[2] ?? "tests/corpus/prefill";
const r = evaluate(dir);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const line = (name: string, t: Tally) =>
  `${name.padEnd(16)} precision ${pct(precision(t)).padStart(7)}  recall ${pct(recall(t)).padStart(7)}  (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`;
for (const i of r.issues) {
  const e = JSON.stringify(i.expected);
  const g = JSON.stringify(i.got);
  console.log(
    `${i.kind.padEnd(5)} ${i.doc} ${i.key}: ${i.kind === "miss" ? `expected ${e}` : i.kind === "extra" ? `got ${g}` : `expected ${e}, got ${g}`}`,
  );
}
console.log("");
for (const v of r.violations) console.log(`SAFETY ${v}`);
console.log(`documents ${r.docs}; slowest extraction ${r.maxMs.toFixed(1)} ms`);
console.log(line("overall", r.overall));
for (const [name, t] of Object.entries(r.families)) console.log(line(name, t));
console.log(`safety violations ${r.violations.length}`);

// Speed: a 20 kB report (the corpus pasted end to end), median of 7 warm runs.
let big = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(`${dir}/${f}`, "utf8"))
  .join("\n\n");
while (big.length < 20_000) big += `\n\n${big}`;
big = big.slice(0, 20_000);
// CPU time as well as wall time: on a shared machine the wall clock mostly measures the other processes.
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 22; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  extract(big);
  if (i > 0) {
    wall.push(performance.now() - t0);
    cpu.push(process.cpuUsage(c0).user / 1000);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `20 kB document: median ${median(cpu).toFixed(1)} ms CPU, ${median(wall).toFixed(1)} ms wall (21 warm runs; min CPU ${Math.min(...cpu).toFixed(1)} ms; goal < 50 ms)`,
);
