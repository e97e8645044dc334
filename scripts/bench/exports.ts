// npm run bench:exports — how long each export takes, and how much memory it
// needs, on 1 000 and 10 000 cases.
//
// For each size: a fresh SQLite file (and a fresh PostgreSQL database when
// BENCH_DATABASE_URL_PG names a server), migrations applied, four centres,
// cases generated from sampleRecord() (1–3 rows per block, NK/ND codes,
// partial dates, free text with commas, quotes and line breaks) inserted with
// createMany, plus a few audit events and queries per case. Then each format
// is exported in its own child process (so that its peak RSS is the export's,
// not the generator's): the stream is read to the end and its bytes counted.
//
// Budget (issue "Exports"): the 10 000-case CSV in under 5 s and 300 MB (checked
// on the memory the export adds to the process; the table shows both).
// Options: --sizes 1000,10000   --formats cases-csv,xlsx,…   --runs 1   --keep
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CaseAnswers, FieldAnswer } from "../../src/domain/crf/answers";
import type { Provider } from "../../src/server/db/database-url";
// Everything else is imported where it is used, so that the measuring child
// process loads only the export and the database client (its RSS before the
// export is then close to what the export itself adds to a running server).

const CENTRES = ["REI", "PAR", "LYO", "MAR"] as const;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const FORMATS = ["cases-csv", "block-csv", "xlsx", "odm-xml", "package-zip", "redcap-dictionary"] as const;
const DAY_MS = 86_400_000;
const isoPlus = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function generateAnswers(sampleRecord: (rows: number, seed: number) => CaseAnswers, i: number): CaseAnswers {
  const base = sampleRecord(1 + (i % 3), i % 7);
  const samDate = isoPlus("2010-01-01", (i * 37) % 3900);
  const fields: Record<string, FieldAnswer> = {
    ...base.fields,
    sam_date: { v: samDate },
    ferritin: i % 9 === 0 ? { code: "ND" } : { v: 300 + ((i * 7919) % 30000), unit: "ug_l" },
    temp_max: { v: Math.round((37 + (i % 35) / 10) * 10) / 10, unit: "celsius" },
    splenomegaly: i % 11 === 0 ? { code: "NK" } : { v: i % 2 ? "yes" : "no" },
    dm_onset_date: { v: isoPlus(samDate, -400).slice(0, i % 3 === 0 ? 4 : 7) },
    last_followup_date: { v: isoPlus(samDate, 30 + (i % 2000)) },
    comments: { v: `Dossier n° ${i}, « revu », "ok"\nseconde ligne` },
  };
  return { fields, blocks: base.blocks };
}

async function generate(url: string, size: number): Promise<void> {
  const { applyMigrations } = await import("../db/migrations");
  const { createDb } = await import("../../src/server/db/create-db");
  const { computeResults } = await import("../../src/domain/crf/computed");
  const { CASE_STATUSES } = await import("../../src/domain/lifecycle");
  const { sampleRecord } = await import("../lib/sample-record");
  await applyMigrations(url);
  const { db } = createDb(url);
  try {
    const centres = new Map<string, string>();
    for (const code of CENTRES) centres.set(code, (await db.centre.create({ data: { code, name: `Centre ${code}`, city: code } })).id);
    const user = await db.user.create({ data: { email: "bench@dm-sam.test", displayName: "Bench", role: "CLINICIAN", centreId: centres.get("REI")! } });
    await db.user.create({ data: { id: "bench-coordinator", email: "coord@dm-sam.test", displayName: "Coordination", role: "COORDINATOR" } });
    const CHUNK = 500;
    for (let start = 0; start < size; start += CHUNK) {
      const n = Math.min(CHUNK, size - start);
      const ids = Array.from({ length: n }, (_, k) => `bench${String(start + k).padStart(6, "0")}`);
      await db.case.createMany({
        data: ids.map((id, k) => {
          const i = start + k;
          const birthDate = isoPlus("1940-01-01", Math.floor(i / 676) * 7 + (i % 5));
          const answers = generateAnswers(sampleRecord, i);
          return {
            id,
            initials: `${LETTERS[Math.floor(i / 26) % 26]}${LETTERS[i % 26]}`,
            birthDate,
            centreId: centres.get(CENTRES[i % CENTRES.length]!)!,
            status: CASE_STATUSES[i % CASE_STATUSES.length]!,
            answers: answers as object,
            computed: computeResults(answers, birthDate) as object,
            createdById: user.id,
            updatedById: user.id,
          };
        }),
      });
      await db.query.createMany({ data: ids.filter((_, k) => (start + k) % 5 === 0).map((caseId) => ({ caseId, fieldPath: "ferritin", createdById: "bench-coordinator" })) });
    }
    // A realistic trail: one creation and a few field changes per case. Written
    // directly (the chain itself is not what is measured), seq after the genesis row.
    const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    let seq = head.seq;
    const at = new Date("2026-01-01T00:00:00Z");
    for (let start = 0; start < size; start += CHUNK) {
      const events = [];
      for (let i = start; i < Math.min(size, start + CHUNK); i++) {
        const caseId = `bench${String(i).padStart(6, "0")}`;
        events.push({ seq: ++seq, at, type: "case.created", actorId: user.id, actorRole: "CLINICIAN", centre: "REI", caseId, data: '{"initials":"AB"}', prevHash: "x", hash: `h${seq}` });
        for (const field of ["ferritin", "platelets", "comments"]) {
          events.push({ seq: ++seq, at, type: "case.field_changed", actorId: user.id, actorRole: "CLINICIAN", centre: "REI", caseId, fieldPath: field, oldValue: "null", newValue: '{"v":"x"}', prevHash: "x", hash: `h${seq}` });
        }
      }
      await db.auditEvent.createMany({ data: events });
    }
    await db.auditHead.update({ where: { id: 1 }, data: { seq } });
  } finally {
    await db.$disconnect();
  }
}

interface Measure {
  format: string;
  ms: number;
  bytes: number;
  cases: number;
  rssBeforeMb: number;
  peakRssMb: number;
  sampledPeakRssMb: number;
}

/** Child process: one export, read to the end. */
async function measure(url: string, format: string): Promise<void> {
  const { streamExport } = await import("../../src/server/exports.server");
  const { createDb } = await import("../../src/server/db/create-db");
  const { db } = createDb(url);
  const actor = { id: "bench-coordinator", email: "coord@dm-sam.test", displayName: "Coordination", role: "COORDINATOR" as const, centreId: null, centreCode: null };
  await db.centre.count(); // open the connection before measuring
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let sampled = rssBeforeMb;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss / 2 ** 20);
  }, 10);
  const t0 = performance.now();
  const file = await streamExport(db, actor, format, format === "block-csv" ? { block: "treatment_lines" } : {});
  const reader = file.stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  await db.$disconnect();
  const out: Measure = { format, ms, bytes, cases: file.cases, rssBeforeMb, peakRssMb: process.resourceUsage().maxRSS / 1024, sampledPeakRssMb: sampled };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(url: string, format: string): Measure {
  const self = fileURLToPath(import.meta.url);
  // react-server: the server modules' "server-only" guard resolves to its empty build outside Next.js.
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", self, "--measure", url, format], { encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  if (child.status !== 0) throw new Error(`measurement of ${format} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as Measure;
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};

async function main(): Promise<void> {
  if (process.argv[2] === "--measure") return measure(process.argv[3]!, process.argv[4]!);
  const sizes = (arg("--sizes") ?? "1000,10000").split(",").map(Number);
  const formats = (arg("--formats") ?? FORMATS.join(",")).split(",");
  const runs = Number(arg("--runs") ?? 1);
  const pg = process.env.BENCH_DATABASE_URL_PG?.trim();
  const providers: Provider[] = pg ? ["sqlite", "postgresql"] : ["sqlite"];
  console.log(`Exports benchmark (Node ${process.version}; ${providers.join(" and ")}; each export in its own process, ${runs} run(s), best time shown)`);
  const table: string[] = [];
  const line = (cols: string[]) => table.push(`| ${cols.join(" | ")} |`);
  line(["database", "cases", "format", "time", "file size", "peak RSS", "RSS before", "added"]);
  line(["---", "---:", "---", "---:", "---:", "---:", "---:", "---:"]);
  let budgetOk = true;
  const budget: string[] = [];
  for (const provider of providers) {
    for (const size of sizes) {
      const { createScratchDatabase } = await import("../db/migrations");
      const scratch = await createScratchDatabase(provider, { prefix: "bench_exports", serverUrl: pg });
      try {
        const t0 = performance.now();
        await generate(scratch.url, size);
        console.log(`${provider}: ${size} cases generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        for (const format of formats) {
          const all = Array.from({ length: runs }, () => runChild(scratch.url, format));
          const m = all.reduce((a, b) => (b.ms < a.ms ? b : a));
          const peak = Math.max(...all.map((x) => x.peakRssMb));
          if (format !== "redcap-dictionary" && m.cases !== size) throw new Error(`${format}: expected ${size} cases, exported ${m.cases}`);
          const before = Math.min(...all.map((x) => x.rssBeforeMb));
          line([provider, String(size), format, `${(m.ms / 1000).toFixed(2)} s`, `${(m.bytes / 2 ** 20).toFixed(1)} MB`, `${peak.toFixed(0)} MB`, `${before.toFixed(0)} MB`, `${(peak - before).toFixed(0)} MB`]);
          if (format === "cases-csv" && size >= 10_000) {
            budget.push(`${provider}: ${(m.ms / 1000).toFixed(2)} s, peak RSS ${peak.toFixed(0)} MB (${(peak - before).toFixed(0)} MB added to the ${before.toFixed(0)} MB of the process before the export)`);
            if (m.ms > 5000 || peak - before > 300) budgetOk = false;
          }
          console.log(`  ${format.padEnd(18)} ${(m.ms / 1000).toFixed(2)} s, ${(m.bytes / 2 ** 20).toFixed(1)} MB, peak RSS ${peak.toFixed(0)} MB`);
        }
      } finally {
        if (!process.argv.includes("--keep")) await scratch.drop();
        else console.log(`  kept: ${scratch.url}`);
      }
    }
  }
  console.log(`\n${table.join("\n")}\n`);
  // Peak RSS includes the process itself (Node, tsx, Prisma's query compiler: about 150 MB here) and
  // garbage V8 has not collected yet; the memory the export holds is a batch (500 cases' JSON text).
  for (const b of budget) console.log(`10 000-case CSV: ${b}`);
  if (budget.length) console.log(budgetOk ? "Budget met: under 5 s and under 300 MB added." : "BUDGET MISSED: the 10 000-case CSV must take under 5 s and add under 300 MB.");
  if (!budgetOk) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
