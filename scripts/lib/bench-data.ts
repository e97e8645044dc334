// Generated study data for benchmarks: any number of varied, complete cases
// (sampleRecord() with spread dates, antibodies, laboratory values so scores
// differ and some stay incomplete, deaths, relapses, 1–3 treatment lines at
// 1st/2nd/3rd+ line, NK/ND codes, partial dates, free text with accents,
// commas, quotes, semicolons and line breaks; every tenth case a fresh draft),
// written with batched inserts (one multi-row INSERT per 500 cases: raw SQL,
// about three times faster than createMany, whose per-field processing of
// large JSON answers dominated), open queries on the queried ones, and an
// audit trail whose hash chain verifies (npm run audit:verify passes on a
// benchmark database).
import { randomBytes } from "node:crypto";
import { sealEvent, type ChainedEventContent } from "@/domain/audit-chain";
import { auditKeyring } from "@/server/audit-config";
import type { CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { CASE_STATUSES, type CaseStatus } from "@/domain/lifecycle";
import type { Db } from "@/server/db/create-db";
import { providerOf } from "@/server/db/database-url";
import { Prisma } from "../../src/generated/prisma/sqlite/client";
import { DEMO_CENTRES } from "../demo-data";
import { sampleRecord } from "./sample-record";
import { seededRandom } from "./seeded-random";

const ANTIBODY_RESULTS: readonly FieldAnswer[] = [
  { v: "positive" },
  { v: "negative" },
  { v: "negative" },
  { v: "not_tested" },
  { code: "NK" },
];
const DEATH_CAUSES = ["sam", "infection", "dm", "cancer", "treatment_toxicity"] as const;
const DRUGS = [
  "methylprednisolone_iv",
  "ivig",
  "anakinra",
  "etoposide",
  "ciclosporin",
  "ruxolitinib",
  "tocilizumab",
] as const;
const RESPONSES: readonly FieldAnswer[] = [
  { v: "complete" },
  { v: "partial" },
  { v: "none" },
  { v: "not_assessable" },
  { code: "NK" },
];
const LINES = ["1", "2", "3plus"] as const;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DAY_MS = 86_400_000;
export const BENCH_CENTRES: readonly string[] = DEMO_CENTRES.map((c) => c.code);

/** Deterministic pseudo-random numbers: the same data on every run. */
export const random = seededRandom;

/** sampleRecord() takes milliseconds (conditions applied over the whole form): its 21 variants are made once, then only read. */
const samples = new Map<string, CaseAnswers>();
function sample(rows: number, seed: number): CaseAnswers {
  const key = `${rows}:${seed}`;
  let s = samples.get(key);
  if (!s) samples.set(key, (s = sampleRecord(rows, seed)));
  return s;
}

const isoPlus = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface GeneratedCase {
  readonly id: string;
  readonly initials: string;
  readonly birthDate: string;
  readonly centre: string;
  readonly status: CaseStatus;
  readonly answers: CaseAnswers;
  readonly createdAt: Date;
  readonly openQueries: number;
}

export const benchCaseId = (i: number): string => `bench${String(i).padStart(6, "0")}`;

/** Case number i (unique key: initials and birth date differ for every i). */
export function generateCase(i: number): GeneratedCase {
  const rnd = random(i + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const birthDate = isoPlus("1940-01-01", Math.floor(i / 676) * 7 + (i % 5));
  const initials = `${LETTERS[Math.floor(i / 26) % 26]}${LETTERS[i % 26]}`;
  const samDate = isoPlus("2010-01-01", Math.floor(rnd() * 3925));
  const draft = i % 10 === 9;
  const status: CaseStatus = draft ? "DRAFT" : pick(CASE_STATUSES);
  const eligibility: Record<string, FieldAnswer> = {
    elig_dm: { v: "yes" },
    elig_sam: { v: "yes" },
    sam_date: { v: samDate },
    elig_france: { v: "yes" },
  };
  let answers: CaseAnswers;
  if (draft) {
    // Just created: the eligibility screen only.
    answers = { fields: eligibility, blocks: {} };
  } else {
    const base = sample(1 + (i % 3), i % 7);
    const fields: Record<string, FieldAnswer> = { ...base.fields, ...eligibility };
    for (const id of ["anti_mda5", "anti_tif1g", "anti_nxp2", "anti_mi2", "anti_sae", "anti_jo1", "anti_ro52", "ana"])
      fields[id] = pick(ANTIBODY_RESULTS);
    fields.ana_titre = fields.ana?.v === "positive" ? { v: "1_320" } : { code: "NA" };
    for (const id of [
      "trigger_dm_flare",
      "trigger_infection",
      "trigger_cancer",
      "trigger_drug",
      "hepatomegaly",
      "splenomegaly",
      "known_immunosuppression",
      "ild",
      "heliotrope_rash",
      "gottron_papules",
    ]) {
      fields[id] = rnd() < 0.1 ? { code: "NK" } : { v: rnd() < 0.4 ? "yes" : "no" };
    }
    fields.dm_diag_date = { v: isoPlus(samDate, -60) };
    const onset = isoPlus(samDate, -400);
    fields.dm_onset_date = { v: i % 3 === 0 ? onset.slice(0, 4) : i % 3 === 1 ? onset.slice(0, 7) : onset };
    fields.temp_max = { v: Math.round((37 + rnd() * 3.5) * 10) / 10, unit: "celsius" };
    fields.ferritin = rnd() < 0.1 ? { code: "ND" } : { v: Math.round(300 + rnd() * 30000), unit: "ug_l" };
    fields.triglycerides = { v: Math.round((0.8 + rnd() * 6) * 10) / 10, unit: "mmol_l" };
    fields.fibrinogen = { v: Math.round((0.5 + rnd() * 4) * 10) / 10, unit: "g_l" };
    fields.platelets = { v: Math.round(10 + rnd() * 300), unit: "g_per_l" };
    fields.haemoglobin = { v: Math.round((6 + rnd() * 8) * 10) / 10, unit: "g_dl" };
    fields.comments = { v: `Dossier n° ${i}, « revu » ; "ok"\nseconde ligne, à vérifier` };
    const died = rnd() < 0.25;
    const end = isoPlus(samDate, Math.floor(1 + rnd() * 3000));
    const endValue = rnd() < 0.3 ? end.slice(0, 7) : end;
    fields.death = rnd() < 0.05 ? { code: "NK" } : { v: died ? "yes" : "no" };
    fields.last_followup_date = { v: endValue };
    fields.death_date = died ? { v: endValue } : { code: "NA" };
    fields.death_cause = died ? { v: pick(DEATH_CAUSES) } : { code: "NA" };
    fields.sam_resolution = { v: rnd() < 0.7 ? "yes" : "no" };
    const lines = (base.blocks.treatment_lines ?? []).map((row, k) => ({
      ...row,
      values: {
        ...row.values,
        drug: { v: pick(DRUGS) },
        line: { v: LINES[Math.min(k, 2)]! },
        response_d7_14: pick(RESPONSES),
        adverse_event: { v: `Hypokaliémie, « modérée » ; "K+ 2,9"\nligne ${k + 1}` },
      },
    }));
    const relapses = (base.blocks.sam_relapses ?? []).slice(0, Math.floor(rnd() * 3));
    answers = { fields, blocks: { ...base.blocks, treatment_lines: lines, sam_relapses: relapses } };
  }
  return {
    id: benchCaseId(i),
    initials,
    birthDate,
    centre: BENCH_CENTRES[i % BENCH_CENTRES.length]!,
    status,
    answers,
    // Entered over the months of a collection period.
    createdAt: new Date(Date.UTC(2026, i % 6, 1 + (i % 28), 9)),
    openQueries: status === "QUERIED" ? 1 + (i % 2) : 0,
  };
}

/** Users the generated rows point to: the author of the cases and the coordinator who raised the queries. */
export interface BenchActors {
  readonly authorId: string;
  readonly coordinatorId: string;
}

/** The demo accounts (npm run db:seed) as authors. */
export async function demoActors(db: Db): Promise<BenchActors> {
  const author = await db.user.findUniqueOrThrow({
    where: { email: "clinicien.rei@dm-sam.test" },
    select: { id: true },
  });
  const coordinator = await db.user.findUniqueOrThrow({
    where: { email: "coordinateur@dm-sam.test" },
    select: { id: true },
  });
  return { authorId: author.id, coordinatorId: coordinator.id };
}

const CHUNK = 500;

/** A value for a raw INSERT; PostgreSQL wants enum and jsonb parameters cast. */
type Sql = ReturnType<typeof Prisma.sql>;
interface Casts {
  json(text: string): Sql | string;
  caseStatus(status: string): Sql | string;
}
const castsFor = (pg: boolean): Casts => ({
  json: (text) => (pg ? Prisma.sql`${text}::jsonb` : text),
  caseStatus: (status) => (pg ? Prisma.sql`${status}::"CaseStatus"` : status),
});

/**
 * Writes `count` generated cases (ids bench000000…) with their computed
 * values and queries, then their audit trail: a creation and three field
 * changes per case, hash-chained after the events already there. `url`
 * names the database `db` is connected to (for the SQL dialect).
 */
export async function insertCases(db: Db, url: string, count: number, actors: BenchActors): Promise<string[]> {
  const cast = castsFor(providerOf(url) === "postgresql");
  const centres = new Map((await db.centre.findMany({ select: { id: true, code: true } })).map((c) => [c.code, c.id]));
  for (const code of BENCH_CENTRES)
    if (!centres.has(code)) throw new Error(`centre ${code} missing: seed the demo data first`);
  const ids: string[] = [];
  const now = new Date();
  for (let start = 0; start < count; start += CHUNK) {
    const generated = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => generateCase(start + k));
    const rows = generated.map(
      (g) =>
        Prisma.sql`(${g.id}, ${g.initials}, ${g.birthDate}, ${centres.get(g.centre)!}, ${cast.caseStatus(g.status)}, ${cast.json(JSON.stringify(g.answers))}, ${cast.json(JSON.stringify(computeResults(g.answers, g.birthDate)))}, 1, ${actors.authorId}, ${actors.authorId}, ${g.createdAt}, ${g.createdAt})`,
    );
    await db.$executeRaw`INSERT INTO "Case" ("id", "initials", "birthDate", "centreId", "status", "answers", "computed", "version", "createdById", "updatedById", "createdAt", "updatedAt") VALUES ${Prisma.join(rows)}`;
    const queries = generated.flatMap((g) =>
      Array.from(
        { length: g.openQueries },
        (_, k) => Prisma.sql`(${`q_${g.id}_${k}`}, ${g.id}, ${"ferritin"}, ${actors.coordinatorId}, ${now}, ${now})`,
      ),
    );
    if (queries.length)
      await db.$executeRaw`INSERT INTO "Query" ("id", "caseId", "fieldPath", "createdById", "createdAt", "updatedAt") VALUES ${Prisma.join(queries)}`;
    ids.push(...generated.map((g) => g.id));
  }
  await appendTrail(db, ids, actors);
  return ids;
}

const EVENTS_PER_STATEMENT = 2000;

/** A creation and three field changes per case, chained to the head as appendAudit would (one writer: the benchmark). */
async function appendTrail(db: Db, caseIds: readonly string[], actors: BenchActors): Promise<void> {
  const keyring = auditKeyring();
  const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
  const last = head.seq > 0 ? await db.auditEvent.findUnique({ where: { seq: head.seq }, select: { at: true } }) : null;
  let at = Math.max(Date.now(), (last?.at.getTime() ?? 0) + 1);
  let seq = head.seq;
  let prevHash = head.lastHash;
  let batch: Sql[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await db.$executeRaw`INSERT INTO "AuditEvent" ("seq", "at", "type", "actorId", "actorRole", "centre", "caseId", "fieldPath", "oldValue", "newValue", "reason", "data", "prevHash", "hash", "keyId", "commits", "salts") VALUES ${Prisma.join(batch)}`;
    batch = [];
  };
  const push = async (
    content: Omit<ChainedEventContent, "seq" | "at" | "actorId" | "actorRole" | "centre" | "reason">,
  ) => {
    const when = new Date(at++);
    const e: ChainedEventContent = {
      seq: ++seq,
      at: when.toISOString(),
      actorId: actors.authorId,
      actorRole: "CLINICIAN",
      centre: "REI",
      reason: null,
      ...content,
    };
    // Keyed as appendAudit does (ADR 0009), with the app's key (app-server.ts shares AUDIT_HMAC_KEYS).
    const { keyId, commits, salts, hash } = sealEvent(keyring, prevHash, e, () => randomBytes(16).toString("hex"));
    batch.push(
      Prisma.sql`(${e.seq}, ${when}, ${e.type}, ${e.actorId}, ${e.actorRole}, ${e.centre}, ${e.caseId}, ${e.fieldPath}, ${e.oldValue}, ${e.newValue}, ${e.reason}, ${e.data}, ${prevHash}, ${hash}, ${keyId}, ${commits}, ${salts})`,
    );
    prevHash = hash;
    if (batch.length >= EVENTS_PER_STATEMENT) await flush();
  };
  for (const caseId of caseIds) {
    await push({
      type: "case.created",
      caseId,
      fieldPath: null,
      oldValue: null,
      newValue: null,
      data: '{"initials":"AB"}',
    });
    for (const field of ["ferritin", "platelets", "comments"])
      await push({
        type: "case.field_changed",
        caseId,
        fieldPath: field,
        oldValue: "null",
        newValue: '{"v":"x"}',
        data: null,
      });
  }
  await flush();
  await db.auditHead.update({ where: { id: 1 }, data: { seq, lastHash: prevHash } });
}
