// npm run bench:dashboard — how long the coordinator's dashboard takes, and
// how much memory it needs, on 1 000 and 10 000 cases.
//
// For each size: a fresh SQLite file (migrations applied), four centres, cases
// generated from sampleRecord() with varied dates, antibodies, laboratory
// values (so scores are spread, some incomplete), deaths, statuses, drafts and
// queries, inserted with createMany. Then a child process (so that its peak
// RSS is the dashboard's, not the generator's) opens the database and times
// dashboardData() — batches of 500 (the default), and everything in one query
// for comparison.
//
// Options: --sizes 1000,10000   --runs 5   --keep (leave the database files)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CaseAnswers, FieldAnswer } from "../../src/domain/crf/answers";
import { computeResults } from "../../src/domain/crf/computed";
import { CASE_STATUSES } from "../../src/domain/lifecycle";
import { createDb } from "../../src/server/db/create-db";
import { applyMigrations } from "../db/migrations";
import { sampleRecord } from "../lib/sample-record";

const CENTRES = ["REI", "PAR", "LYO", "MAR"] as const;
const ANTIBODY_RESULTS: readonly FieldAnswer[] = [{ v: "positive" }, { v: "negative" }, { v: "negative" }, { v: "not_tested" }, { code: "NK" }];
const DEATH_CAUSES = ["sam", "infection", "dm", "cancer", "treatment_toxicity"] as const;
const DRUGS = ["methylprednisolone_iv", "ivig", "anakinra", "etoposide", "ciclosporin", "ruxolitinib", "tocilizumab"] as const;
const RESPONSES: readonly FieldAnswer[] = [{ v: "complete" }, { v: "partial" }, { v: "none" }, { v: "not_assessable" }, { code: "NK" }];

/** Deterministic pseudo-random numbers (mulberry32): the same data on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const isoPlus = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

interface GeneratedCase {
  initials: string;
  birthDate: string;
  centre: (typeof CENTRES)[number];
  status: (typeof CASE_STATUSES)[number];
  answers: CaseAnswers;
  createdAt: Date;
  openQueries: number;
}

export function generateCase(i: number): GeneratedCase {
  const rnd = random(i + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const birthDate = isoPlus("1940-01-01", Math.floor(i / 676) * 7 + (i % 5));
  const initials = `${LETTERS[Math.floor(i / 26) % 26]}${LETTERS[i % 26]}`;
  const samDate = isoPlus("2010-01-01", Math.floor(rnd() * 3925));
  const status = i % 10 === 9 ? "DRAFT" : pick(CASE_STATUSES);
  const eligibility: Record<string, FieldAnswer> = { elig_dm: { v: "yes" }, elig_sam: { v: "yes" }, sam_date: { v: samDate }, elig_france: { v: "yes" } };
  let answers: CaseAnswers;
  if (i % 10 === 9) {
    // A draft just created: the eligibility screen only.
    answers = { fields: eligibility, blocks: {} };
  } else {
    const base = sampleRecord(1 + (i % 3), i % 7);
    const fields: Record<string, FieldAnswer> = { ...base.fields, ...eligibility };
    for (const id of ["anti_mda5", "anti_tif1g", "anti_nxp2", "anti_mi2", "anti_sae", "anti_jo1", "anti_ro52", "ana"]) fields[id] = pick(ANTIBODY_RESULTS);
    fields.ana_titre = fields.ana?.v === "positive" ? { v: "1_320" } : { code: "NA" };
    for (const id of ["trigger_dm_flare", "trigger_infection", "trigger_cancer", "trigger_drug", "hepatomegaly", "splenomegaly", "known_immunosuppression", "ild", "heliotrope_rash", "gottron_papules"]) {
      fields[id] = rnd() < 0.1 ? { code: "NK" } : { v: rnd() < 0.4 ? "yes" : "no" };
    }
    fields.temp_max = { v: Math.round((37 + rnd() * 3.5) * 10) / 10, unit: "celsius" };
    fields.ferritin = rnd() < 0.1 ? { code: "ND" } : { v: Math.round(300 + rnd() * 30000), unit: "ug_l" };
    fields.triglycerides = { v: Math.round((0.8 + rnd() * 6) * 10) / 10, unit: "mmol_l" };
    fields.fibrinogen = { v: Math.round((0.5 + rnd() * 4) * 10) / 10, unit: "g_l" };
    fields.platelets = { v: Math.round(10 + rnd() * 300), unit: "g_per_l" };
    fields.haemoglobin = { v: Math.round((6 + rnd() * 8) * 10) / 10, unit: "g_dl" };
    const died = rnd() < 0.25;
    const followDays = Math.floor(1 + rnd() * 3000);
    const end = isoPlus(samDate, followDays);
    const endValue = rnd() < 0.3 ? end.slice(0, 7) : end;
    fields.death = rnd() < 0.05 ? { code: "NK" } : { v: died ? "yes" : "no" };
    fields.last_followup_date = { v: endValue };
    fields.death_date = died ? { v: endValue } : { code: "NA" };
    fields.death_cause = died ? { v: pick(DEATH_CAUSES) } : { code: "NA" };
    fields.sam_resolution = { v: rnd() < 0.7 ? "yes" : "no" };
    const lines = (base.blocks.treatment_lines ?? []).map((row, k) => ({
      ...row,
      values: { ...row.values, drug: { v: pick(DRUGS) }, line: { v: k === 0 ? "1" : k === 1 ? "2" : "3plus" }, response_d7_14: pick(RESPONSES) },
    }));
    const relapses = (base.blocks.sam_relapses ?? []).slice(0, Math.floor(rnd() * 3));
    answers = { fields, blocks: { ...base.blocks, treatment_lines: lines, sam_relapses: relapses } };
  }
  return {
    initials,
    birthDate,
    centre: CENTRES[i % CENTRES.length]!,
    status,
    answers,
    createdAt: new Date(Date.UTC(2026, i % 11, 1 + (i % 28), 9)),
    openQueries: status === "QUERIED" ? 1 + (i % 2) : 0,
  };
}

async function generate(url: string, size: number): Promise<void> {
  await applyMigrations(url);
  const { db } = createDb(url);
  try {
    const centres = new Map<string, string>();
    for (const code of CENTRES) centres.set(code, (await db.centre.create({ data: { code, name: `Centre ${code}`, city: code } })).id);
    const user = await db.user.create({ data: { email: "bench@dm-sam.test", displayName: "Bench", role: "CLINICIAN", centreId: centres.get("REI")! } });
    const coordinator = await db.user.create({ data: { email: "coord@dm-sam.test", displayName: "Coordination", role: "COORDINATOR" } });
    const CHUNK = 500;
    for (let start = 0; start < size; start += CHUNK) {
      const generated = Array.from({ length: Math.min(CHUNK, size - start) }, (_, k) => generateCase(start + k));
      await db.case.createMany({
        data: generated.map((g, k) => ({
          id: `bench${String(start + k).padStart(6, "0")}`,
          initials: g.initials,
          birthDate: g.birthDate,
          centreId: centres.get(g.centre)!,
          status: g.status,
          answers: g.answers as object,
          computed: computeResults(g.answers, g.birthDate) as object,
          createdById: user.id,
          updatedById: user.id,
          createdAt: g.createdAt,
        })),
      });
      const queries = generated.flatMap((g, k) =>
        Array.from({ length: g.openQueries }, () => ({ caseId: `bench${String(start + k).padStart(6, "0")}`, fieldPath: "ferritin", createdById: coordinator.id })),
      );
      if (queries.length) await db.query.createMany({ data: queries });
    }
  } finally {
    await db.$disconnect();
  }
}

interface Measure {
  batchSize: number;
  runs: number[];
  totalCases: number;
  rssBeforeMb: number;
  peakRssMb: number;
  heapAfterMb: number;
}

/** Child process: time dashboardData on an existing database and report peak RSS. */
async function measure(url: string, batchSize: number, runs: number): Promise<void> {
  const { dashboardData } = await import("../../src/server/dashboard.server");
  const { db } = createDb(url);
  const actor = { id: "coord", email: "coord@dm-sam.test", displayName: "Coordination", role: "COORDINATOR" as const, centreId: null, centreCode: null };
  await db.centre.count(); // open the connection before measuring
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const times: number[] = [];
  let totalCases = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const data = await dashboardData(db, actor, {}, { batchSize });
    times.push(performance.now() - t0);
    totalCases = data.totalCases;
  }
  await db.$disconnect();
  const out: Measure = {
    batchSize,
    runs: times,
    totalCases,
    rssBeforeMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapAfterMb: process.memoryUsage().heapUsed / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(url: string, batchSize: number, runs: number): Measure {
  const self = fileURLToPath(import.meta.url);
  // react-server: the server modules' "server-only" guard resolves to its empty build outside Next.js.
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", self, "--measure", url, String(batchSize), String(runs)], {
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`measurement failed:\n${child.stderr}`);
  const line = child.stdout.trim().split("\n").pop()!;
  return JSON.parse(line) as Measure;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};

async function main(): Promise<void> {
  if (process.argv[2] === "--measure") {
    await measure(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
    return;
  }
  const sizes = (arg("--sizes") ?? "1000,10000").split(",").map(Number);
  const runs = Number(arg("--runs") ?? 5);
  const dir = mkdtempSync(join(tmpdir(), "bench-dashboard-"));
  console.log(`Dashboard benchmark (SQLite, Node ${process.version}); databases in ${dir}`);
  try {
    for (const size of sizes) {
      const url = `file:${join(dir, `dashboard-${size}.db`)}`;
      const t0 = performance.now();
      await generate(url, size);
      const mb = statSync(join(dir, `dashboard-${size}.db`)).size / 2 ** 20;
      console.log(`\n${size} cases generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (database ${mb.toFixed(1)} MB)`);
      for (const batchSize of [500, size]) {
        const m = runChild(url, batchSize, runs);
        if (m.totalCases !== size) throw new Error(`expected ${size} cases, the dashboard counted ${m.totalCases}`);
        const label = batchSize === size ? `one query (${size})` : `batches of ${batchSize}`;
        console.log(
          `  ${label.padEnd(22)} dashboardData median ${median(m.runs).toFixed(0)} ms (min ${Math.min(...m.runs).toFixed(0)}, max ${Math.max(...m.runs).toFixed(0)}, ${runs} runs)` +
            `   RSS before ${m.rssBeforeMb.toFixed(0)} MB, peak ${m.peakRssMb.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }
}

// Runs only as a script (the generator can be imported).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
