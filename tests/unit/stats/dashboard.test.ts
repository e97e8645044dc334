import { describe, expect, it } from "vitest";
import type { BlockRow, CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { fieldById, type FieldId } from "@/domain/crf/definition";
import { dashboardStats, NO_DRUG, NO_LINE, scoreTotals, type CaseForStats } from "@/domain/stats/dashboard";
import { caseCompleteness } from "@/domain/stats/inclusions";
import {
  ANTIBODY_FIELDS,
  DM_FEATURE_GROUPS,
  optionsOf,
  rowFieldOf,
  SUPPORTIVE_CARE_FIELDS,
  TRIGGER_FIELDS,
} from "@/domain/stats/study-fields";
import { sampleRecord } from "../../../scripts/lib/sample-record";

const BIRTH = "1960-01-01";

function withFields(
  base: CaseAnswers,
  fields: Record<string, FieldAnswer>,
  blocks: Record<string, BlockRow[]> = {},
): CaseAnswers {
  return { fields: { ...base.fields, ...fields }, blocks: { ...base.blocks, ...blocks } };
}

function caseOf(
  centreCode: string,
  status: string,
  entryMonth: string,
  answers: CaseAnswers,
  openQueries = 0,
  computed: unknown = computeResults(answers, BIRTH),
): CaseForStats {
  return { centreCode, status, entryMonth, answers, computed, openQueries };
}

// Four hand-made cases:
// A  REI VALIDATED  complete sample record (seed 0): every yes/no "yes", antibodies positive, HScore 257 (complete),
//                   HLH-2004 7/8, 2 methylprednisolone lines (responses complete, partial), 2 relapses, alive,
//                   last follow-up 2018-01-10 (censored at 954 days after 2015-06-01)
// B  REI DRAFT      only the eligibility screen (sam_date 2015-04-10): scores incomplete, nothing else
// C  PAR SUBMITTED  sample (seed 1) varied: anti-MDA5 negative, ANA not tested, death in 2016-06 (month → 15th),
//                   cause MAS, one anakinra line (response NK) and one line without a drug yet
// D  PAR QUERIED    unreadable answers and no computed scores; 2 open queries
const A = sampleRecord(2, 0);
const B: CaseAnswers = {
  fields: { elig_dm: { v: "yes" }, elig_sam: { v: "yes" }, sam_date: { v: "2015-04-10" }, elig_france: { v: "yes" } },
  blocks: {},
};
const C = withFields(
  sampleRecord(2, 1),
  {
    anti_mda5: { v: "negative" },
    ana: { v: "not_tested" },
    ana_titre: { code: "NA" },
    death: { v: "yes" },
    death_date: { v: "2016-06" },
    last_followup_date: { v: "2016-06" },
    death_cause: { v: "sam" },
    sam_resolution: { code: "NK" },
  },
  {
    treatment_lines: [
      { id: "c1", values: { drug: { v: "anakinra" }, line: { v: "1" }, response_d7_14: { code: "NK" } } },
      { id: "c2", values: { line: { v: "2" } } },
    ],
    sam_relapses: [],
  },
);
const cases = [
  caseOf("REI", "VALIDATED", "2026-01", A),
  caseOf("REI", "DRAFT", "2026-01", B),
  caseOf("PAR", "SUBMITTED", "2026-03", C, 1),
  caseOf("PAR", "QUERIED", "2026-03", "not json" as unknown as CaseAnswers, 2, null),
];
const centres = [
  { code: "REI", name: "CHU de Reims" },
  { code: "PAR", name: "AP-HP Paris" },
  { code: "LYO", name: "HCL Lyon" },
];

describe("dashboard statistics over hand-made cases", () => {
  const s = dashboardStats(cases, centres);

  it("counts inclusions by month of MAS diagnosis (continuous) and by month of entry", () => {
    expect(s.totalCases).toBe(4);
    // A 2015-06, B 2015-04, C 2015-06 (seed 1 keeps the sample date), D none.
    expect(s.inclusions.byDiagnosisMonth).toEqual([
      { month: "2015-04", count: 1 },
      { month: "2015-05", count: 0 },
      { month: "2015-06", count: 2 },
    ]);
    expect(s.inclusions.diagnosisMonthUnknown).toBe(1);
    expect(s.inclusions.byEntryMonth).toEqual([
      { month: "2026-01", count: 2 },
      { month: "2026-02", count: 0 },
      { month: "2026-03", count: 2 },
    ]);
  });

  it("summarises every centre, those without cases included, sorted by code", () => {
    expect(s.centres.map((c) => [c.code, c.total, c.openQueries])).toEqual([
      ["LYO", 0, 0],
      ["PAR", 2, 3],
      ["REI", 2, 0],
    ]);
    const rei = s.centres.find((c) => c.code === "REI")!;
    expect(rei.byStatus).toEqual({ DRAFT: 1, SUBMITTED: 0, QUERIED: 0, VALIDATED: 1, LOCKED: 0 });
    expect(rei.meanCompleteness).toBeCloseTo((caseCompleteness(A) + caseCompleteness(B)) / 2, 10);
    expect(caseCompleteness(A)).toBe(100);
    expect(caseCompleteness(B)).toBeLessThan(10);
    expect(s.centres.find((c) => c.code === "LYO")!.meanCompleteness).toBeNull();
    expect(s.overall.byStatus).toEqual({ DRAFT: 1, SUBMITTED: 1, QUERIED: 1, VALIDATED: 1, LOCKED: 0 });
    expect(s.overall.openQueries).toBe(3);
  });

  it("counts the antibody profile: positive / negative / not tested / missing", () => {
    const mda5 = s.antibodies.find((a) => a.field === "anti_mda5")!.counts;
    expect(mda5.options).toEqual({ positive: 1, negative: 1, not_tested: 0 });
    expect(mda5.unanswered).toBe(2); // B and D
    const ana = s.antibodies.find((a) => a.field === "ana")!.counts;
    expect(ana.options).toEqual({ positive: 1, negative: 0, not_tested: 1 });
    expect(s.antibodies.map((a) => a.field)).toEqual([...ANTIBODY_FIELDS]);
  });

  it("counts DM features and triggers", () => {
    const skin = s.dmFeatures.find((g) => g.group === "skin")!;
    // seed 0: every yes/no is yes; seed 1: every yes/no is no.
    expect(skin.fields.find((f) => f.field === "heliotrope_rash")!.counts.options).toEqual({ yes: 1, no: 1 });
    const flare = s.triggers.find((t) => t.field === "trigger_dm_flare")!.counts;
    expect(flare.options).toEqual({ yes: 1, no: 1 });
    expect(flare.total).toBe(4);
  });

  it("bins complete HScores by 20 points and counts incomplete and missing ones apart", () => {
    // A: 257 → bin 240–259 (index 12); C: 166 → bin 160–179 (index 8); B is a range; D has no score.
    expect(computeResults(A, BIRTH).hscore.total).toEqual({ min: 257, max: 257 });
    expect(computeResults(C, BIRTH).hscore.total).toEqual({ min: 166, max: 166 });
    expect(s.hscore.bins.from.slice(0, 3)).toEqual([0, 20, 40]);
    expect(s.hscore.bins.counts.map((n, i) => (n ? [i, n] : null)).filter(Boolean)).toEqual([
      [8, 1],
      [12, 1],
    ]);
    expect(s.hscore.complete).toBe(2);
    expect(s.hscore.incomplete).toBe(1);
    expect(s.hscore.notComputed).toBe(1);
    // 257 ≥ 169 whatever; 166 < 169; B's range spans the cut-off.
    expect(s.hscore.cutOff).toEqual({ certain: 1, impossible: 1, undetermined: 1 });
  });

  it("distributes HLH-2004 met counts (0–8) and the fulfilled verdict", () => {
    // A: 7 met, fulfilled; C: 4 met, nothing unknown → not fulfilled; B: 0 met, 8 unknown → undetermined.
    expect(s.hlh2004.metCount).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 0]);
    expect(s.hlh2004.fulfilled).toEqual({ yes: 1, no: 1, undetermined: 1 });
    expect(s.hlh2004.notComputed).toBe(1);
  });

  it("counts treatment lines and responses per drug, most used first", () => {
    expect(s.treatments.totalLines).toBe(4);
    expect(s.treatments.casesWithLines).toBe(2);
    expect(s.treatments.drugs.map((d) => [d.drug, d.lines, d.patients, d.firstLine])).toEqual([
      ["methylprednisolone_iv", 2, 1, 1],
      ["anakinra", 1, 1, 1],
      [NO_DRUG, 1, 1, 0],
    ]);
    const mp = s.treatments.drugs[0]!.responses;
    expect(mp.options).toEqual({ complete: 1, partial: 1, none: 0, not_assessable: 0 });
    expect(s.treatments.drugs[1]!.responses.NK).toBe(1);
  });

  it("counts inclusions per month of entry and centre, adding up to the monthly series and the centres' totals", () => {
    const t = s.inclusions.byEntryMonthAndCentre;
    // LYO has no case: no column.
    expect(t.categories).toEqual(["PAR", "REI"]);
    expect(t.months).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(t.counts).toEqual([
      [0, 2],
      [0, 0],
      [2, 0],
    ]);
    expect(t.monthTotals).toEqual(s.inclusions.byEntryMonth.map((m) => m.count));
    expect(t.categoryTotals).toEqual(t.categories.map((code) => s.centres.find((c) => c.code === code)!.total));
    expect(t.total).toBe(s.totalCases);
  });

  it("counts treatment responses by line: 1st, 2nd, 3rd or later, every line listed", () => {
    // A: line 1 (complete), line 2 (partial); C: line 1 anakinra (NK), line 2 without drug or response.
    expect(s.treatments.byLine.map((l) => [l.line, l.lines, l.patients])).toEqual([
      ["1", 2, 2],
      ["2", 2, 2],
      ["3plus", 0, 0],
    ]);
    const [first, second, third] = s.treatments.byLine;
    expect(first!.responses).toMatchObject({
      options: { complete: 1, partial: 0, none: 0, not_assessable: 0 },
      NK: 1,
      total: 2,
    });
    expect(second!.responses).toMatchObject({
      options: { complete: 0, partial: 1, none: 0, not_assessable: 0 },
      unanswered: 1,
      total: 2,
    });
    expect(third!.responses.total).toBe(0);
    expect(s.treatments.byLine.reduce((n, l) => n + l.lines, 0)).toBe(s.treatments.totalLines);
  });

  it("counts a case once per line however many rows it has there, and puts rows without a line apart", () => {
    const rows = (lines: (FieldAnswer | undefined)[]): CaseAnswers => ({
      fields: {},
      blocks: {
        treatment_lines: lines.map((line, i) => ({
          id: `r${i}`,
          values: {
            drug: { v: "ivig" },
            ...(line ? { line } : {}),
            response_d7_14: { v: i % 2 ? "none" : "complete" },
          },
        })),
      },
    });
    const stats = dashboardStats([
      caseOf("REI", "SUBMITTED", "2026-01", rows([{ v: "3plus" }, { v: "3plus" }, { code: "NK" }])),
      caseOf("REI", "SUBMITTED", "2026-01", rows([{ v: "3plus" }, undefined])),
    ]);
    const line = (id: string) => stats.treatments.byLine.find((l) => l.line === id)!;
    expect(stats.treatments.byLine.map((l) => l.line)).toEqual(["1", "2", "3plus", NO_LINE]);
    expect([line("3plus").lines, line("3plus").patients]).toEqual([3, 2]);
    expect(line("3plus").responses.options).toMatchObject({ complete: 2, none: 1 });
    expect([line(NO_LINE).lines, line(NO_LINE).patients]).toEqual([2, 2]);
    expect(line("1").lines).toBe(0);
    // The drug table is unchanged by lines: ivig 5 rows, no first line.
    expect(stats.treatments.drugs.map((d) => [d.drug, d.lines, d.patients, d.firstLine])).toEqual([["ivig", 5, 2, 0]]);
  });

  it("summarises outcomes: resolution, relapses, death and its cause", () => {
    expect(s.outcomes.resolution.options.yes).toBe(1); // A
    expect(s.outcomes.resolution.NK).toBe(1); // C
    expect(s.outcomes.relapses).toEqual({ patients: 1, total: 2, distribution: [3, 0, 1, 0] });
    expect(s.outcomes.death.options).toEqual({ yes: 1, no: 1 });
    expect(s.outcomes.deathCause.total).toBe(1);
    expect(s.outcomes.deathCause.options.sam).toBe(1);
  });

  it("estimates survival from the MAS diagnosis, excluding and counting incomplete cases", () => {
    // A: censored at 2015-06-01 → 2018-01-10 = 954 days. C: death 2016-06 → 2016-06-15, 380 days after 2015-06-01.
    // B: no vital status; D: no MAS date.
    const { km, excluded, imputed, milestones } = s.survival;
    expect(km.steps.map((x) => [x.time, x.atRisk, x.events, x.censored])).toEqual([
      [380, 2, 1, 0],
      [954, 1, 0, 1],
    ]);
    expect(km.steps[0]!.survival).toBe(0.5);
    expect(km.median).toBe(380);
    expect(excluded).toEqual({
      no_start_date: 1,
      vital_status_unknown: 1,
      no_end_date: 0,
      imprecise_date: 0,
      end_before_start: 0,
    });
    expect(imputed).toBe(1);
    expect(milestones[0]).toEqual({ years: 0, atRisk: 2, survival: 1 });
    expect(milestones[1]).toEqual({ years: 1, atRisk: 2, survival: 1 }); // 365.25 < 380
    expect(milestones[2]).toEqual({ years: 2, atRisk: 1, survival: 0.5 });
    expect(milestones[3]).toEqual({ years: 3, atRisk: 0, survival: 0.5 });
  });

  it("gives an empty dashboard for no case", () => {
    const e = dashboardStats([], centres);
    expect(e.totalCases).toBe(0);
    expect(e.inclusions.byDiagnosisMonth).toEqual([]);
    expect(e.overall.meanCompleteness).toBeNull();
    expect(e.survival.km.n).toBe(0);
    expect(e.treatments.drugs).toEqual([]);
  });
});

describe("what the dashboard reads", () => {
  it("names fields that exist in the definition, with their options", () => {
    const ids: FieldId[] = [
      ...ANTIBODY_FIELDS,
      ...Object.values(DM_FEATURE_GROUPS).flat(),
      ...TRIGGER_FIELDS,
      ...SUPPORTIVE_CARE_FIELDS,
      "sam_resolution",
      "death",
      "death_cause",
      "dm_status_last",
    ];
    for (const id of ids) {
      expect(fieldById(id), id).toBeDefined();
      expect(optionsOf(id).length, id).toBeGreaterThan(1);
    }
    expect(rowFieldOf("treatment_lines", "response_d7_14")).toBeDefined();
    expect(rowFieldOf("treatment_lines", "drug")).toBeDefined();
  });

  it("reads stored scores defensively", () => {
    expect(scoreTotals(null)).toEqual({ hscore: null, hlh: null });
    expect(
      scoreTotals({ hscore: { total: { min: "1", max: 2 } }, hlh_2004: { metCount: 3, fulfilled: "maybe" } }),
    ).toEqual({ hscore: null, hlh: null });
    expect(
      scoreTotals({ hscore: { total: { min: 100, max: 150 } }, hlh_2004: { metCount: 3, fulfilled: "undetermined" } }),
    ).toEqual({
      hscore: { min: 100, max: 150 },
      hlh: { metCount: 3, fulfilled: "undetermined" },
    });
  });
});
