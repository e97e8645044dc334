// npm run bench:validation — how long validating a complete record takes:
// the record check the form runs live, and the save path's schema parse of a
// patch that changes every field (the server's worst case).
import { checkRecord } from "../../src/domain/crf/check-record";
import { computeResults } from "../../src/domain/crf/computed";
import { draftPatchSchema } from "../../src/domain/crf/schema";
import { sampleRecord } from "../lib/sample-record";

function measure(label: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < 200; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
  console.log(`${label.padEnd(52)} median ${q(0.5)} ms   p95 ${q(0.95)} ms   (${runs} runs)`);
}

const record = sampleRecord(3);
const ctx = { today: "2026-11-23", birthDate: "1962-04-18" };
const issues = checkRecord(record, ctx);
const errors = issues.filter((i) => i.level === "error");
if (errors.length) {
  console.error("The sample record should be valid:", errors.slice(0, 5));
  process.exit(1);
}
const fieldCount = Object.keys(record.fields).length;
const rowCount = Object.values(record.blocks).reduce((n, rows) => n + rows.length, 0);
console.log(`Complete record: ${fieldCount} fields, ${rowCount} block rows (${issues.length} soft flags).`);

const patch = {
  baseVersion: 1,
  fields: Object.fromEntries(Object.entries(record.fields).map(([id, a]) => [id, { from: null, to: a }])),
  blocks: Object.fromEntries(Object.entries(record.blocks).map(([id, rows]) => [id, { from: [], to: rows }])),
};
const schema = draftPatchSchema({ today: ctx.today });
const parsed = schema.safeParse(patch);
if (!parsed.success) {
  console.error("The sample patch should parse:", parsed.error.issues.slice(0, 5));
  process.exit(1);
}

measure("checkRecord (all rules, whole record)", 3000, () => checkRecord(record, ctx));
measure("draft schema parse (every field changed)", 3000, () => schema.safeParse(patch));
measure("computeResults (ages, BSA, 4 scores)", 3000, () => computeResults(record, ctx.birthDate));
measure("complete validation = schema + checkRecord", 3000, () => {
  schema.safeParse(patch);
  checkRecord(record, ctx);
});
