// The coordinator's dashboard on real databases: a handful of hand-made cases
// inserted as rows (answers and computed scores as the save path stores them),
// the figures checked by hand, the filters, the batch reading, the roles.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import type { CaseAnswers } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { NO_DRUG } from "@/domain/stats/dashboard";
import { caseCompleteness } from "@/domain/stats/inclusions";
import { dashboardData } from "@/server/dashboard.server";
import { ForbiddenError } from "@/server/errors";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const BIRTH = "1960-01-01";

// A  REI VALIDATED  entered 2026-01-15: complete sample (seed 0) — all yes/no "yes", antibodies positive, HScore 257,
//                   HLH-2004 7/8, two methylprednisolone lines (complete, partial), two relapses, alive at 2018-01-10
// B  REI DRAFT      entered 2026-01-31 23:30 UTC = 1 February in Paris: only the eligibility screen (MAS 2015-04-10)
// C  PAR SUBMITTED  entered 2026-03-02: sample (seed 1, all yes/no "no", HScore 166, HLH 4/8) with anti-MDA5 negative,
//                   death in June 2016 (month only → 15th, 380 days), cause MAS, one anakinra line (response NK);
//                   queries: one open, one answered, one closed → 2 open
// D  PAR LOCKED     entered 2026-03-20: sample (seed 0) with ILD "no" (ild_rapidly_progressive NA), death NK
const A = sampleRecord(2, 0);
const B: CaseAnswers = {
  fields: { elig_dm: { v: "yes" }, elig_sam: { v: "yes" }, sam_date: { v: "2015-04-10" }, elig_france: { v: "yes" } },
  blocks: {},
};
const seed1 = sampleRecord(2, 1);
const C: CaseAnswers = {
  fields: {
    ...seed1.fields,
    anti_mda5: { v: "negative" },
    death: { v: "yes" },
    death_date: { v: "2016-06" },
    last_followup_date: { v: "2016-06" },
    death_cause: { v: "sam" },
  },
  blocks: {
    ...seed1.blocks,
    treatment_lines: [
      { id: "c1", values: { drug: { v: "anakinra" }, line: { v: "1" }, response_d7_14: { code: "NK" } } },
    ],
    sam_relapses: [],
  },
};
const D: CaseAnswers = {
  fields: { ...A.fields, ild: { v: "no" }, ild_rapidly_progressive: { code: "NA" }, death: { code: "NK" } },
  blocks: A.blocks,
};

describeEachDatabase("coordinator dashboard", (ctx) => {
  let coordinator: Actor;
  let clinician: Actor;
  let assistant: Actor;

  beforeAll(async () => {
    const db = ctx.db;
    const rei = await addCentre(db, "REI");
    const par = await addCentre(db, "PAR");
    await addCentre(db, "LYO");
    coordinator = await addUser(db, { email: "coord@dash.test", role: "COORDINATOR", withPassword: false });
    clinician = await addUser(db, {
      email: "clin@dash.test",
      role: "CLINICIAN",
      centreCode: "REI",
      withPassword: false,
    });
    assistant = await addUser(db, {
      email: "arc@dash.test",
      role: "RESEARCH_ASSISTANT",
      centreCode: "REI",
      withPassword: false,
    });
    const insert = (
      initials: string,
      centreId: string,
      status: "DRAFT" | "SUBMITTED" | "QUERIED" | "VALIDATED" | "LOCKED",
      answers: CaseAnswers,
      createdAt: string,
    ) =>
      db.case.create({
        data: {
          initials,
          birthDate: BIRTH,
          centreId,
          status,
          answers: answers as object,
          computed: computeResults(answers, BIRTH) as object,
          createdById: clinician.id,
          updatedById: clinician.id,
          createdAt: new Date(createdAt),
        },
        select: { id: true },
      });
    await insert("AA", rei.id, "VALIDATED", A, "2026-01-15T10:00:00Z");
    await insert("BB", rei.id, "DRAFT", B, "2026-01-31T23:30:00Z");
    const c = await insert("CC", par.id, "SUBMITTED", C, "2026-03-02T09:00:00Z");
    await insert("DD", par.id, "LOCKED", D, "2026-03-20T09:00:00Z");
    for (const status of ["OPEN", "ANSWERED", "CLOSED"] as const) {
      await db.query.create({ data: { caseId: c.id, status, fieldPath: "ferritin", createdById: coordinator.id } });
    }
  });

  it("refuses clinicians and research assistants (ForbiddenError: the page answers 404)", async () => {
    expect(await errorOf(() => dashboardData(ctx.db, clinician))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => dashboardData(ctx.db, assistant))).toBeInstanceOf(ForbiddenError);
  });

  it("gives the hand-computed figures for the whole study", async () => {
    const d = await dashboardData(ctx.db, coordinator);
    expect(d.totalCases).toBe(4);
    expect(d.filters).toEqual({ centre: null, status: null });
    expect(d.centreOptions.map((c) => c.code)).toEqual(["LYO", "PAR", "REI"]);

    // Inclusions: MAS in 2015-04 (B), 2015-06 (A, C, D); entered in January, February (Paris time), March.
    expect(d.inclusions.byDiagnosisMonth).toEqual([
      { month: "2015-04", count: 1 },
      { month: "2015-05", count: 0 },
      { month: "2015-06", count: 3 },
    ]);
    expect(d.inclusions.diagnosisMonthUnknown).toBe(0);
    expect(d.inclusions.byEntryMonth).toEqual([
      { month: "2026-01", count: 1 },
      { month: "2026-02", count: 1 },
      { month: "2026-03", count: 2 },
    ]);

    // Per month of entry and centre (Paris time): REI in January and February, PAR twice in March; LYO has none.
    expect(d.inclusions.byEntryMonthAndCentre).toEqual({
      months: ["2026-01", "2026-02", "2026-03"],
      categories: ["PAR", "REI"],
      counts: [
        [0, 1],
        [0, 1],
        [2, 0],
      ],
      monthTotals: [1, 1, 2],
      categoryTotals: [2, 2],
      total: 4,
    });

    // Per centre.
    expect(d.centres.map((c) => [c.code, c.total, c.openQueries])).toEqual([
      ["LYO", 0, 0],
      ["PAR", 2, 2],
      ["REI", 2, 0],
    ]);
    const par = d.centres.find((c) => c.code === "PAR")!;
    expect(par.byStatus).toEqual({ DRAFT: 0, SUBMITTED: 1, QUERIED: 0, VALIDATED: 0, LOCKED: 1 });
    expect(par.meanCompleteness).toBeCloseTo((caseCompleteness(C) + caseCompleteness(D)) / 2, 10);
    const rei = d.centres.find((c) => c.code === "REI")!;
    expect(rei.meanCompleteness).toBeCloseTo((100 + caseCompleteness(B)) / 2, 10);
    expect(d.overall.byStatus).toEqual({ DRAFT: 1, SUBMITTED: 1, QUERIED: 0, VALIDATED: 1, LOCKED: 1 });

    // Antibodies: anti-MDA5 positive in A and D, negative in C, not answered in B.
    const mda5 = d.antibodies.find((a) => a.field === "anti_mda5")!.counts;
    expect(mda5).toEqual({
      options: { positive: 2, negative: 1, not_tested: 0 },
      NK: 0,
      ND: 0,
      NA: 0,
      unanswered: 1,
      total: 4,
    });

    // DM features: rapidly progressive ILD is yes in A, not applicable in C and D (no ILD), empty in B.
    const extra = d.dmFeatures.find((g) => g.group === "extraMuscular")!;
    expect(extra.fields.find((f) => f.field === "ild")!.counts.options).toEqual({ yes: 1, no: 2 });
    const rp = extra.fields.find((f) => f.field === "ild_rapidly_progressive")!.counts;
    expect([rp.options.yes, rp.options.no, rp.NA, rp.unanswered]).toEqual([1, 0, 2, 1]);
    expect(d.triggers.find((t) => t.field === "trigger_infection")!.counts.options).toEqual({ yes: 2, no: 1 });

    // HScore: 257 (A, D) in 240–259, 166 (C) in 160–179, B incomplete.
    expect(d.hscore.bins.counts[12]).toBe(2);
    expect(d.hscore.bins.counts[8]).toBe(1);
    expect([d.hscore.complete, d.hscore.incomplete, d.hscore.notComputed]).toEqual([3, 1, 0]);
    expect(d.hscore.cutOff).toEqual({ certain: 2, impossible: 1, undetermined: 1 });
    // HLH-2004: B 0 met (undetermined), C 4 (not fulfilled), A and D 7 (fulfilled).
    expect(d.hlh2004.metCount).toEqual([1, 0, 0, 0, 1, 0, 0, 2, 0]);
    expect(d.hlh2004.fulfilled).toEqual({ yes: 2, no: 1, undetermined: 1 });

    // Treatment lines: methylprednisolone 2 lines in A and 2 in D; anakinra 1 line in C.
    expect(d.treatments.drugs.map((x) => [x.drug, x.lines, x.patients, x.firstLine])).toEqual([
      ["methylprednisolone_iv", 4, 2, 2],
      ["anakinra", 1, 1, 1],
    ]);
    expect(d.treatments.drugs.some((x) => x.drug === NO_DRUG)).toBe(false);
    expect(d.treatments.drugs[0]!.responses.options).toEqual({ complete: 2, partial: 2, none: 0, not_assessable: 0 });
    expect(d.treatments.drugs[1]!.responses.NK).toBe(1);
    expect([d.treatments.casesWithLines, d.treatments.totalLines]).toEqual([3, 5]);
    // By line: A and D have a 1st line (complete) and a 2nd (partial); C a 1st line (NK).
    expect(
      d.treatments.byLine.map((l) => [
        l.line,
        l.lines,
        l.patients,
        l.responses.options.complete,
        l.responses.options.partial,
        l.responses.NK,
      ]),
    ).toEqual([
      ["1", 3, 3, 2, 0, 1],
      ["2", 2, 2, 0, 2, 0],
      ["3plus", 0, 0, 0, 0, 0],
    ]);

    // Outcomes.
    expect(d.outcomes.death).toMatchObject({ options: { yes: 1, no: 1 }, NK: 1, unanswered: 1 });
    expect(d.outcomes.deathCause).toMatchObject({ options: expect.objectContaining({ sam: 1 }), total: 1 });
    expect(d.outcomes.relapses).toEqual({ patients: 2, total: 4, distribution: [2, 0, 2, 0] });

    // Survival: C dies at day 380 (2016-06 → 15 June), A censored at day 954 (2018-01-10); B and D excluded (vital status).
    expect(d.survival.km.steps.map((s) => [s.time, s.atRisk, s.events, s.censored, s.survival])).toEqual([
      [380, 2, 1, 0, 0.5],
      [954, 1, 0, 1, 0.5],
    ]);
    expect(d.survival.km.median).toBe(380);
    expect(d.survival.excluded.vital_status_unknown).toBe(2);
    expect(d.survival.imputed).toBe(1);
  });

  it("filters by centre and by status (GET parameters), ignoring unknown values", async () => {
    const par = await dashboardData(ctx.db, coordinator, { centre: "PAR" });
    expect(par.totalCases).toBe(2);
    expect(par.filters).toEqual({ centre: "PAR", status: null });
    expect(par.centres.map((c) => c.code)).toEqual(["PAR"]);
    expect(par.inclusions.byEntryMonth).toEqual([{ month: "2026-03", count: 2 }]);
    expect(par.inclusions.byEntryMonthAndCentre.categories).toEqual(["PAR"]);
    expect(par.inclusions.byEntryMonthAndCentre.counts).toEqual([[2]]);

    const drafts = await dashboardData(ctx.db, coordinator, { status: "DRAFT" });
    expect(drafts.totalCases).toBe(1);
    expect(drafts.centres.find((c) => c.code === "REI")!.byStatus.DRAFT).toBe(1);

    const none = await dashboardData(ctx.db, coordinator, { centre: "PAR", status: "DRAFT" });
    expect(none.totalCases).toBe(0);
    expect(none.survival.km.n).toBe(0);

    const bogus = await dashboardData(ctx.db, coordinator, { centre: "XYZ", status: "DELETED" });
    expect(bogus.filters).toEqual({ centre: null, status: null });
    expect(bogus.totalCases).toBe(4);
  });

  it("gives the same figures whatever the batch size (keyset pagination reads every case once)", async () => {
    const strip = ({ generatedAt: _, ...rest }: Awaited<ReturnType<typeof dashboardData>>) => rest;
    const whole = strip(await dashboardData(ctx.db, coordinator));
    expect(strip(await dashboardData(ctx.db, coordinator, {}, { batchSize: 1 }))).toEqual(whole);
    expect(strip(await dashboardData(ctx.db, coordinator, {}, { batchSize: 3 }))).toEqual(whole);
  });
});
