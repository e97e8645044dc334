// The answer migration of a form amendment (ADR 0021) on real databases:
// the sample amendment of tests/support/crf-amendment-fixture.ts (anti-MDA5
// titre added, "low_activity" recoded) applied by migrateCases — the function
// behind `npm run crf:migrate` — and the script itself on the live (empty)
// amendment list: dry run writes nothing, apply changes exactly the expected
// answers with one audit event each, the trail still rebuilds the answers,
// scores are recomputed, and a second run is a no-op.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { canonicalJson } from "@/domain/canonical-json";
import { asCaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { CURRENT_FORM_VERSION } from "@/domain/crf/versions/amendments";
import { verifyAuditTrail, verifyCaseAnswers } from "@/server/audit-verify";
import { saveDraft } from "@/server/case-answers.server";
import { getCase } from "@/server/cases.server";
import { migrateCases, type MigrateOptions } from "@/server/crf-migrate";
import type { Db } from "@/server/db/create-db";
import { InputError } from "@/server/errors";
import { checkAuditChain } from "../support/audit-log";
import { caseSnapshot, change, newDraftCase } from "../support/case-fixtures";
import { FROM_VERSION, SAMPLE_CHAIN, TO_VERSION } from "../support/crf-amendment-fixture";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SAMPLE: MigrateOptions = { chain: SAMPLE_CHAIN, current: TO_VERSION };

async function caseWith(db: Db, actor: Actor, fields: Record<string, FieldAnswer>): Promise<string> {
  const id = await newDraftCase(db, actor);
  const patch = Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, change(null, a)]));
  if (Object.keys(patch).length) await saveDraft(db, actor, id, { baseVersion: 1, fields: patch });
  return id;
}

const BODY = { weight_kg: { v: 70, unit: "kg" }, height_cm: { v: 170, unit: "cm" } };

async function snapshots(db: Db, ids: readonly string[]) {
  return Promise.all(
    ids.map(async (id) => ({
      ...(await caseSnapshot(db, id)),
      form: (await db.case.findUniqueOrThrow({ where: { id } })).formVersionSaved,
    })),
  );
}

async function migratedEvents(db: Db, caseId: string) {
  const rows = await db.auditEvent.findMany({
    where: { caseId, type: "case.answer_migrated" },
    orderBy: { seq: "asc" },
  });
  return rows.map((r) => ({
    fieldPath: r.fieldPath,
    oldValue: JSON.parse(r.oldValue ?? "null") as unknown,
    newValue: JSON.parse(r.newValue ?? "null") as unknown,
    data: JSON.parse(r.data ?? "null") as unknown,
  }));
}

describeEachDatabase("crf:migrate with the sample amendment", (ctx) => {
  let clinician: Actor;
  let recoded: string;
  let untouched: string;
  let submitted: string;
  let validated: string;
  let stale: string;
  let all: string[];

  beforeAll(async () => {
    await addCentre(ctx.db, "MIG");
    clinician = await addUser(ctx.db, { email: "clin.mig@t.test", role: "CLINICIAN", centreCode: "MIG" });
    recoded = await caseWith(ctx.db, clinician, {
      dm_status_last: { v: "low_activity" },
      anti_mda5: { v: "positive" },
    });
    untouched = await caseWith(ctx.db, clinician, { dm_status_last: { v: "remission" } });
    submitted = await caseWith(ctx.db, clinician, { dm_status_last: { v: "low_activity" } });
    validated = await caseWith(ctx.db, clinician, { dm_status_last: { v: "low_activity" } });
    stale = await caseWith(ctx.db, clinician, BODY);
    // Statuses and stored scores set directly: neither is an answer, so the trail still rebuilds the answers.
    await ctx.db.case.update({ where: { id: submitted }, data: { status: "SUBMITTED" } });
    await ctx.db.case.update({ where: { id: validated }, data: { status: "VALIDATED" } });
    await ctx.db.case.update({ where: { id: stale }, data: { computed: {} } });
    all = [recoded, untouched, submitted, validated, stale];
  });

  it("stamps new cases with the live form version", async () => {
    const row = await ctx.db.case.findUniqueOrThrow({ where: { id: recoded } });
    expect([row.formVersionEntered, row.formVersionSaved]).toEqual([CURRENT_FORM_VERSION, CURRENT_FORM_VERSION]);
    // As the history page shows them.
    expect(await getCase(ctx.db, clinician, recoded)).toMatchObject({
      formVersionEntered: CURRENT_FORM_VERSION,
      formVersionSaved: CURRENT_FORM_VERSION,
    });
    expect(FROM_VERSION).toBe(CURRENT_FORM_VERSION);
  });

  it("a dry run reports per case and answer, and writes nothing", async () => {
    const before = await snapshots(ctx.db, all);
    const summary = await migrateCases(ctx.db, SAMPLE);
    expect(await snapshots(ctx.db, all)).toEqual(before);
    expect(summary).toMatchObject({ applied: false, cases: 5, migrated: 4, changedAnswers: 2, held: 1 });
    // The four migrated cases, and the stale one's scores.
    expect(summary.recomputed).toBe(4);
    const byId = new Map(summary.details.map((d) => [d.caseId, d]));
    expect(byId.get(recoded)?.changes).toEqual([
      {
        path: "dm_status_last",
        before: { v: "low_activity" },
        after: { v: "minimal_activity" },
        op: "recodeOptions",
        amendment: TO_VERSION,
      },
    ]);
    expect(byId.get(validated)).toMatchObject({ held: "frozen", status: "VALIDATED" });
    expect(byId.get(untouched)?.changes).toEqual([]);
  });

  it("applied: exactly the expected answers, one audit event each, scores recomputed, trail intact", async () => {
    const versionsBefore = new Map(
      (await ctx.db.case.findMany({ where: { id: { in: all } } })).map((c) => [c.id, c.version]),
    );
    const eventsBefore = await ctx.db.auditEvent.count();
    const summary = await migrateCases(ctx.db, { ...SAMPLE, apply: true });
    expect(summary).toMatchObject({ applied: true, migrated: 4, changedAnswers: 2, held: 1 });
    expect(await ctx.db.auditEvent.count()).toBe(eventsBefore + 2);
    for (const id of [recoded, submitted]) {
      expect(await migratedEvents(ctx.db, id)).toEqual([
        {
          fieldPath: "dm_status_last",
          oldValue: { v: "low_activity" },
          newValue: { v: "minimal_activity" },
          data: { amendment: TO_VERSION, from: FROM_VERSION, op: "recodeOptions" },
        },
      ]);
      const row = await ctx.db.case.findUniqueOrThrow({ where: { id } });
      expect(asCaseAnswers(row.answers).fields.dm_status_last).toEqual({ v: "minimal_activity" });
      expect(row.version).toBe(versionsBefore.get(id)! + 1);
    }
    const rows = new Map((await ctx.db.case.findMany({ where: { id: { in: all } } })).map((c) => [c.id, c]));
    for (const id of [recoded, untouched, submitted, stale]) {
      expect(rows.get(id)).toMatchObject({ formVersionEntered: FROM_VERSION, formVersionSaved: TO_VERSION });
    }
    expect(await getCase(ctx.db, clinician, recoded)).toMatchObject({ formVersionSaved: TO_VERSION });
    // No answer changed: the version moves, the concurrency counter does not.
    expect(rows.get(untouched)?.version).toBe(versionsBefore.get(untouched));
    expect(await migratedEvents(ctx.db, untouched)).toEqual([]);
    // Held: not migrated, still at its version, its answer as it was.
    expect(rows.get(validated)?.formVersionSaved).toBe(FROM_VERSION);
    expect(asCaseAnswers(rows.get(validated)?.answers).fields.dm_status_last).toEqual({ v: "low_activity" });
    // The stale scores are those the answers give again.
    const s = rows.get(stale)!;
    expect(canonicalJson(s.computed)).toBe(
      canonicalJson(JSON.parse(JSON.stringify(computeResults(asCaseAnswers(s.answers), s.birthDate)))),
    );
    expect((s.computed as { bsa_m2?: number }).bsa_m2).toBeCloseTo(1.82, 2);
    // audit:verify: the chain holds and each case's trail rebuilds its stored answers.
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true });
    expect(await verifyCaseAnswers(ctx.db)).toEqual([]);
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it("a second run is a no-op", async () => {
    const before = await snapshots(ctx.db, all);
    const summary = await migrateCases(ctx.db, { ...SAMPLE, apply: true });
    expect(summary).toMatchObject({ migrated: 0, changedAnswers: 0, recomputed: 0, held: 1 });
    expect(await snapshots(ctx.db, all)).toEqual(before);
  });

  it("a case whose answers are not at the live version cannot be saved until migrated", async () => {
    const id = await caseWith(ctx.db, clinician, {});
    await ctx.db.case.update({ where: { id }, data: { formVersionSaved: "2026-10-1" } });
    const before = await caseSnapshot(ctx.db, id);
    const error = await errorOf(() =>
      saveDraft(ctx.db, clinician, id, { baseVersion: 1, fields: { dm_status_last: change(null, { v: "active" }) } }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(JSON.stringify((error as InputError).fieldErrors)).toContain("crf.case.formVersionPending");
    expect(await caseSnapshot(ctx.db, id)).toEqual(before);
    // Nor does the script guess: a version outside the chain is held and said.
    const summary = await migrateCases(ctx.db, { ...SAMPLE, apply: true });
    expect(summary.details.find((d) => d.caseId === id)).toMatchObject({ held: "unknown_version", from: "2026-10-1" });
    expect(await caseSnapshot(ctx.db, id)).toEqual(before);
  });
});

function runScript(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "crf:migrate", "--", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describeEachDatabase("npm run crf:migrate (live amendments: the bulk recompute of stored scores)", (ctx) => {
  it("dry run by default, --recompute-only --apply writes the scores, then nothing is left to do", async () => {
    await addCentre(ctx.db, "MIS");
    const clinician = await addUser(ctx.db, { email: "clin.mis@t.test", role: "CLINICIAN", centreCode: "MIS" });
    const id = await caseWith(ctx.db, clinician, BODY);
    await ctx.db.case.update({ where: { id }, data: { computed: {} } });
    const dry = await runScript(ctx.url);
    expect(dry.stderr).toBe("");
    expect(dry.stdout).toContain(
      "1 case(s): 0 migrated, 0 answer(s) changed, 1 with scores recomputed, 0 held (dry run",
    );
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id } })).computed).toEqual({});
    const applied = await runScript(ctx.url, "--recompute-only", "--apply");
    expect(applied).toMatchObject({ code: 0 });
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id } })).computed).not.toEqual({});
    expect((await runScript(ctx.url)).stdout).toContain("0 with scores recomputed");
    expect((await runScript(ctx.url, "--bogus")).code).toBe(2);
    expect(await verifyCaseAnswers(ctx.db)).toEqual([]);
  }, 60_000);
});

describeEachDatabase("crf:migrate: row fields, renames and removals replay from the trail", (ctx) => {
  it("one event per changed answer of a block's rows, a removed answer kept in its event, audit:verify passes", async () => {
    await addCentre(ctx.db, "MIR");
    const clinician = await addUser(ctx.db, { email: "clin.mir@t.test", role: "CLINICIAN", centreCode: "MIR" });
    const id = await caseWith(ctx.db, clinician, { death: { v: "no" } });
    const row = {
      id: "relapse-1",
      values: { relapse_date: { v: "2016-02" }, relapse_trigger: { v: ["infection", "drug"] } },
    };
    await saveDraft(ctx.db, clinician, id, { baseVersion: 2, blocks: { sam_relapses: { from: [], to: [row] } } });
    const chain = [
      {
        from: FROM_VERSION,
        to: "2027-01-1",
        date: "2027-01-01",
        summary: { fr: "Essai", en: "Test" },
        operations: [
          { op: "recodeOptions", block: "sam_relapses", field: "relapse_trigger", map: { drug: "medication" } },
          { op: "renameField", block: "sam_relapses", from: "relapse_date", to: "relapse_onset_date" },
          { op: "removeField", field: "death" },
        ],
      },
    ] as const;
    const coordinator = await addUser(ctx.db, { email: "coord.mir@t.test", role: "COORDINATOR" });
    const actor = { id: coordinator.id, role: coordinator.role, centreCode: null };
    const summary = await migrateCases(ctx.db, { chain, current: "2027-01-1", apply: true, actor });
    expect(summary).toMatchObject({ migrated: 1, changedAnswers: 4, held: 0 });
    // The data manager who ran it is named on every event.
    const actors = await ctx.db.auditEvent.findMany({ where: { caseId: id, type: "case.answer_migrated" } });
    expect(new Set(actors.map((e) => e.actorId))).toEqual(new Set([coordinator.id]));
    const events = await migratedEvents(ctx.db, id);
    expect(events.map((e) => [e.fieldPath, e.oldValue, e.newValue])).toEqual(
      expect.arrayContaining([
        ["sam_relapses.relapse-1.relapse_trigger", { v: ["infection", "drug"] }, { v: ["infection", "medication"] }],
        ["sam_relapses.relapse-1.relapse_date", { v: "2016-02" }, null],
        ["sam_relapses.relapse-1.relapse_onset_date", null, { v: "2016-02" }],
        ["death", { v: "no" }, null],
      ]),
    );
    expect(events).toHaveLength(4);
    const stored = asCaseAnswers((await ctx.db.case.findUniqueOrThrow({ where: { id } })).answers);
    expect(stored.fields.death).toBeUndefined();
    expect(stored.blocks.sam_relapses?.[0]?.values).toEqual({
      relapse_onset_date: { v: "2016-02" },
      relapse_trigger: { v: ["infection", "medication"] },
    });
    expect(await verifyCaseAnswers(ctx.db)).toEqual([]);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true });
  });
});
