// Submission readiness (readiness.ts) through the rules this engine owns:
// a dose coded NK/ND no longer asks for a unit; a dose with a value still does.
import { describe, expect, it } from "vitest";
import type { CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { missingRequired } from "@/domain/crf/check-record";
import { submissionProblems } from "@/domain/crf/readiness";
import { BIRTH, realisticCase } from "./fixtures";
import { TODAY } from "./helpers";

const ctx = { today: TODAY, birthDate: BIRTH };

/** The realistic case with its first treatment line's dose and unit replaced. */
function withDose(dose: FieldAnswer | undefined, unit: string | undefined): CaseAnswers {
  const base = realisticCase();
  const [first, ...others] = base.blocks.treatment_lines ?? [];
  if (!first) throw new Error("the realistic case has treatment lines");
  const values: Record<string, FieldAnswer> = { ...first.values };
  delete values.dose_value;
  delete values.dose_unit;
  if (dose) values.dose_value = dose;
  if (unit) values.dose_unit = { v: unit };
  return { ...base, blocks: { ...base.blocks, treatment_lines: [{ id: first.id, values }, ...others] } };
}

const problemsAt = (answers: CaseAnswers, suffix: string) =>
  submissionProblems(answers, ctx)
    .filter((p) => p.path.endsWith(suffix))
    .map((p) => p.key);

describe("submission readiness — dose unit of a treatment line", () => {
  it("the realistic case's first line has a dose and a unit: nothing to report", () => {
    const first = realisticCase().blocks.treatment_lines?.[0];
    expect(first?.values.dose_value?.v).toBe(500);
    expect(problemsAt(withDose({ v: 500 }, "mg_day"), ".dose_unit")).toEqual([]);
  });

  it("a dose with a value and no unit still blocks submission, with the no-code message", () => {
    expect(problemsAt(withDose({ v: 500 }, undefined), ".dose_unit")).toEqual(["crf.submit.missingNoCode"]);
    expect(missingRequired(withDose({ v: 500 }, undefined))).toEqual(["treatment_lines.tl1.dose_unit"]);
  });

  it("a dose coded NK or ND does not ask for a unit", () => {
    for (const code of ["NK", "ND"] as const) {
      const answers = withDose({ code }, undefined);
      expect(problemsAt(answers, ".dose_unit"), code).toEqual([]);
      expect(problemsAt(answers, ".dose_value"), code).toEqual([]);
      expect(missingRequired(answers), code).toEqual([]);
    }
  });

  it("a unit kept next to a coded dose is accepted and raises nothing", () => {
    const answers = withDose({ code: "NK" }, "mg_day");
    expect(submissionProblems(answers, ctx).filter((p) => p.path.startsWith("treatment_lines.tl1."))).toEqual([]);
  });

  it("an empty dose (neither value nor code) is missing, and so is its unit", () => {
    const keys = submissionProblems(withDose(undefined, undefined), ctx)
      .filter((p) => p.path.startsWith("treatment_lines.tl1."))
      .map((p) => `${p.path.split(".").at(-1)} ${p.key}`);
    expect(keys).toEqual(["dose_value crf.submit.missing", "dose_unit crf.submit.missingNoCode"]);
  });
});
