// npm run bench:validation — how long validating a complete record takes:
// the record check the form runs live, and the save path's schema parse of a
// patch that changes every field (the server's worst case).
import { checkRecord } from "@/domain/crf/check-record";
import { computeResults } from "@/domain/crf/computed";
import { draftPatchSchema } from "@/domain/crf/schema";
import { atScale, machineLine, markdownTable, quantile } from "../lib/bench-env";
import { sampleRecord } from "../lib/sample-record";

const RUNS = atScale(3000, 300);
const rows: string[][] = [];

function measure(label: string, fn: () => unknown): void {
  for (let i = 0; i < 200; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  rows.push([label, `${quantile(times, 0.5).toFixed(2)} ms`, `${quantile(times, 0.95).toFixed(2)} ms`]);
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
console.log(`# Validating a complete record\n\n${machineLine()}\n`);
console.log(
  `Complete record: ${fieldCount} fields, ${rowCount} block rows (${issues.length} soft flags); ${RUNS} runs after 200 of warm-up.\n`,
);

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

measure("`checkRecord` — every rule (fields, doses, dates across fields, eligibility, flags)", () =>
  checkRecord(record, ctx),
);
measure("draft schema parse of a patch changing every field (the save path's worst case)", () =>
  schema.safeParse(patch),
);
measure("`computeResults` — ages, BSA, EULAR/ACR, HScore, HLH-2004, MAS 2016", () =>
  computeResults(record, ctx.birthDate),
);
measure("**complete validation** (schema + record check)", () => {
  schema.safeParse(patch);
  checkRecord(record, ctx);
});
console.log(markdownTable(["what", "median", "p95"], rows, ["l", "r", "r"]));
const complete = rows[rows.length - 1]!;
const ok = Number.parseFloat(complete[1]!) < 2;
console.log(`\nComplete validation: ${ok ? "PASS" : "FAIL"} — median ${complete[1]} (goal < 2 ms).`);
if (!ok) process.exitCode = 1;
