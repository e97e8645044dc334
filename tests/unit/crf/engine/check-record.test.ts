import { describe, expect, it } from "vitest";
import { checkRecord, fieldAt, missingRequired } from "@/domain/crf/check-record";
import type { RecordIssue } from "@/domain/crf/issues";
import { applyConditions } from "@/domain/crf/visibility";
import { BIRTH, realisticCase } from "./fixtures";
import { answers, row, TODAY } from "./helpers";

const ctx = { today: TODAY, birthDate: BIRTH };
const brief = (issues: readonly RecordIssue[]) =>
  issues.map(
    (i) => `${i.level} ${i.path} ${i.key}${i.confirmable ? (i.confirmed ? " confirmed" : " unconfirmed") : ""}`,
  );

describe("checkRecord on a realistic complete case", () => {
  it("has exactly the 'MAS revealing DM' flag, not yet confirmed", () => {
    expect(brief(checkRecord(realisticCase(), ctx))).toEqual(["warning sam_date crf.flag.samRevealing unconfirmed"]);
  });

  it("is unchanged by applyConditions (nothing hidden holds a value)", () => {
    const a = realisticCase();
    expect(applyConditions(a).fields).toEqual(a.fields);
  });

  it("marks the flag confirmed when the answer it sits on is confirmed", () => {
    const issues = checkRecord(realisticCase({ sam_date: { v: "2015-04-01", confirmed: true } }), ctx);
    expect(brief(issues)).toEqual(["warning sam_date crf.flag.samRevealing confirmed"]);
  });
});

describe("checkRecord — confirmations of soft limits", () => {
  it("a soft-limit warning is confirmed only by confirmed: true on that answer", () => {
    const unconfirmed = checkRecord(answers({ weight_kg: 25 }), ctx).filter((i) => i.path === "weight_kg");
    expect(unconfirmed).toEqual([
      expect.objectContaining({ level: "warning", confirmable: true, confirmed: false, key: "crf.number.outsideSoft" }),
    ]);
    const confirmed = checkRecord(answers({ weight_kg: { v: 25, confirmed: true } }), ctx).filter(
      (i) => i.path === "weight_kg",
    );
    expect(confirmed).toEqual([expect.objectContaining({ confirmed: true })]);
  });

  it("confirmation does not silence an error; errors carry no confirmed flag", () => {
    const issues = checkRecord(answers({ weight_kg: { v: 400, confirmed: true } }), ctx).filter(
      (i) => i.path === "weight_kg",
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ level: "error", key: "crf.number.aboveHard" });
    expect(issues[0]?.confirmed).toBeUndefined();
  });

  it("juvenile flag sits on the department and is confirmed there", () => {
    const juvenile = { ...ctx, birthDate: "2000-01-01" };
    const a = answers({ sam_date: "2015-06-01", department: "internal_medicine" });
    expect(brief(checkRecord(a, juvenile).filter((i) => i.key === "crf.flag.juvenile"))).toEqual([
      "warning department crf.flag.juvenile unconfirmed",
    ]);
    const [issue] = checkRecord(a, juvenile).filter((i) => i.key === "crf.flag.juvenile");
    expect(issue?.params).toEqual({ age: 15 });
    const c = answers({ sam_date: "2015-06-01", department: { v: "internal_medicine", confirmed: true } });
    expect(brief(checkRecord(c, juvenile).filter((i) => i.key === "crf.flag.juvenile"))).toEqual([
      "warning department crf.flag.juvenile confirmed",
    ]);
  });

  it("no juvenile flag at 18 (birthday on the MAS day)", () => {
    const issues = checkRecord(answers({ sam_date: "2018-01-01" }), { ...ctx, birthDate: "2000-01-01" });
    expect(issues.filter((i) => i.key === "crf.flag.juvenile")).toEqual([]);
    const dayBefore = checkRecord(answers({ sam_date: "2017-12-31" }), { ...ctx, birthDate: "2000-01-01" });
    expect(dayBefore.filter((i) => i.key === "crf.flag.juvenile")).toHaveLength(1);
  });

  it("a row-level flag is confirmed by the row's answer", () => {
    const early = (confirmed?: boolean) =>
      realisticCase(
        {},
        {
          dm_treatments_before_sam: [
            row("t1", {
              drug: "methotrexate",
              start_date: { v: "2013-01", ...(confirmed ? { confirmed } : {}) },
              ongoing_at_sam: "no",
            }),
          ],
        },
      );
    const pick = (c: boolean | undefined) =>
      brief(checkRecord(early(c), ctx).filter((i) => i.key === "crf.flag.treatmentBeforeOnset"));
    expect(pick(undefined)).toEqual([
      "warning dm_treatments_before_sam.t1.start_date crf.flag.treatmentBeforeOnset unconfirmed",
    ]);
    expect(pick(true)).toEqual([
      "warning dm_treatments_before_sam.t1.start_date crf.flag.treatmentBeforeOnset confirmed",
    ]);
  });
});

describe("checkRecord — what is checked", () => {
  it("hidden fields are not checked (their stale value is cleared on save)", () => {
    expect(
      checkRecord(answers({ ild: "no", ild_rapidly_progressive: "maybe" }), ctx).filter(
        (i) => i.path === "ild_rapidly_progressive",
      ),
    ).toEqual([]);
    expect(
      brief(
        checkRecord(answers({ ild: "yes", ild_rapidly_progressive: "maybe" }), ctx).filter(
          (i) => i.path === "ild_rapidly_progressive",
        ),
      ),
    ).toEqual(["error ild_rapidly_progressive crf.answer.invalidOption"]);
  });

  it("row fields are checked at block.row.field", () => {
    const a = realisticCase(
      {},
      { sam_relapses: [row("x1", { relapse_date: "2099-01", relapse_trigger: ["infection"] })] },
    );
    expect(brief(checkRecord(a, ctx).filter((i) => i.path.startsWith("sam_relapses")))).toEqual([
      "error sam_relapses.x1.relapse_date crf.date.future",
    ]);
  });

  it("rows of a hidden block are not checked", () => {
    const a = realisticCase({ trigger_infection: "no" }, { infections: [row("i1", { infection_type: "prion" })] });
    expect(checkRecord(a, ctx).filter((i) => i.path.startsWith("infections"))).toEqual([]);
  });

  it("eligibility and cross-field errors are part of the record check", () => {
    const a = realisticCase({
      elig_france: "no",
      sam_date: "2009-06-01",
      dm_onset_date: "2009-01-01",
      dm_diag_date: "2009-07-01",
    });
    const b = brief(checkRecord(a, ctx));
    expect(b).toContain("error elig_france crf.eligibility.mustBeYes");
    expect(b).toContain("error sam_date crf.eligibility.window");
  });

  it("an impossible dose is an error at the row's dose_value; a usual one is not reported", () => {
    const a = realisticCase(
      {},
      {
        treatment_lines: [
          row("tl9", { drug: "methylprednisolone_iv", dose_value: 5000, dose_unit: "mg_day", ongoing: "yes" }),
        ],
      },
    );
    const doses = checkRecord(a, ctx).filter((i) => i.path === "treatment_lines.tl9.dose_value");
    // Above both hard limits: 2000 mg/day and 30 mg/kg/day (2100 mg at 70 kg).
    expect(doses.length).toBeGreaterThan(0);
    expect(doses.every((i) => i.level === "error" && i.key === "dose.aboveHard")).toBe(true);
    // The realistic case's own doses (500 mg/day, anakinra 200 mg/day) raise nothing.
    expect(checkRecord(realisticCase(), ctx).filter((i) => i.path.endsWith("dose_value"))).toEqual([]);
  });

  it("a dose 1000 times too low is an error too, with bilingual parameters", () => {
    const a = realisticCase(
      {},
      {
        treatment_lines: [
          row("tl8", { drug: "mycophenolate_mofetil", dose_value: 0.002, dose_unit: "g_day", ongoing: "yes" }),
        ],
      },
    );
    const doses = checkRecord(a, ctx).filter((i) => i.path === "treatment_lines.tl8.dose_value");
    expect(doses).toEqual([
      expect.objectContaining({
        level: "error",
        key: "dose.belowHard",
        params: expect.objectContaining({
          drug: { fr: "Mycophénolate mofétil", en: "Mycophenolate mofetil" },
          value: 0.002,
          unit: { fr: "g/j", en: "g/day" },
          limit: 0.01,
        }),
      }),
    ]);
  });
});

describe("missingRequired", () => {
  it("nothing is missing in the realistic complete case", () => {
    expect(missingRequired(realisticCase())).toEqual([]);
  });

  it("lists visible required fields with neither value nor code", () => {
    const missing = missingRequired(realisticCase({ sex: undefined, ferritin: undefined, dm_subtype: { code: "NK" } }));
    expect(missing).toEqual(["sex", "ferritin"]);
  });

  it("skips hidden fields and optional comments", () => {
    const missing = missingRequired(answers({}));
    expect(missing).toContain("department");
    expect(missing).toContain("cancer");
    expect(missing).not.toContain("cancer_type");
    expect(missing).not.toContain("cancer_type_other");
    expect(missing).not.toContain("department_other");
    expect(missing).not.toContain("death_date");
    expect(missing).not.toContain("comments");
    expect(missing).not.toContain("haemophagocytosis_site");
  });

  it("a field shown by an answer becomes required", () => {
    const missing = missingRequired(realisticCase({ death: "yes" }));
    expect(missing).toEqual(["death_date", "death_cause"]);
    expect(missingRequired(realisticCase({ death: "yes", death_date: "2019-03-12", death_cause: "other" }))).toEqual([
      "death_cause_other",
    ]);
    expect(missingRequired(realisticCase({ cancer: "yes" }))).toEqual(["cancer_type", "cancer_date"]);
  });

  it("lists row fields as block.row.field, only those the row shows and requires", () => {
    const a = realisticCase({}, { treatment_lines: [row("n1", { drug: "other", ongoing: "yes" })] });
    expect(missingRequired(a)).toEqual([
      "treatment_lines.n1.drug_other",
      "treatment_lines.n1.line",
      "treatment_lines.n1.start_date",
      "treatment_lines.n1.dose_value",
      "treatment_lines.n1.dose_unit",
      "treatment_lines.n1.frequency",
      "treatment_lines.n1.route",
      "treatment_lines.n1.response_d7_14",
    ]);
  });

  it("rows of a hidden block are not required", () => {
    const a = realisticCase({ trigger_infection: "no" }, { infections: [row("i2", {})] });
    expect(missingRequired(a)).toEqual([]);
    expect(missingRequired(realisticCase({}, { infections: [row("i2", {})] }))).toEqual([
      "infections.i2.infection_type",
      "infections.i2.infection_agent",
      "infections.i2.infection_method",
    ]);
  });
});

describe("fieldAt", () => {
  const a = realisticCase();
  it("reads top-level and row answers by path", () => {
    expect(fieldAt(a, "ferritin")).toEqual({ v: 12000 });
    expect(fieldAt(a, "treatment_lines.tl2.drug")).toEqual({ v: "anakinra" });
  });
  it("returns undefined for unknown paths", () => {
    expect(fieldAt(a, "nope")).toBeUndefined();
    expect(fieldAt(a, "treatment_lines.zz.drug")).toBeUndefined();
    expect(fieldAt(a, "nope.tl1.drug")).toBeUndefined();
  });
});
