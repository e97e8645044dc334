import { describe, expect, it } from "vitest";
import { completeness, percent, type SectionCompleteness } from "@/domain/crf/completeness";
import { realisticCase } from "./fixtures";
import { answers, row } from "./helpers";

const bySection = (list: readonly SectionCompleteness[]) =>
  Object.fromEntries(list.map((c) => [c.section, [c.answered, c.applicable]]));

describe("completeness per section", () => {
  it("an empty record: every shown required field applicable, none answered", () => {
    // identification: 7 (department_other hidden); dm: 53 shown (biopsy findings, rapidly
    // progressive ILD, ANA titre and the cancer details hidden); mas: 35 (sites hidden);
    // treatment: the 3 supportive-care fields (no rows); outcome: 4 (dates and causes hidden, comments optional).
    expect(bySection(completeness(answers({})))).toEqual({
      identification: [0, 7],
      dm: [0, 53],
      mas: [0, 35],
      treatment: [0, 3],
      outcome: [0, 4],
    });
  });

  it("sections come in the form's order", () => {
    expect(completeness(answers({})).map((c) => c.section)).toEqual([
      "identification",
      "dm",
      "mas",
      "treatment",
      "outcome",
    ]);
  });

  it("the realistic complete case is 100 % everywhere", () => {
    for (const c of completeness(realisticCase())) {
      expect(c.answered, c.section).toBe(c.applicable);
      expect(percent(c)).toBe(100);
    }
  });

  it("a code (NK / ND) counts as answered; an empty value does not", () => {
    const c = bySection(
      completeness(answers({ dm_subtype: { code: "NK" }, weight_kg: { code: "ND" }, heliotrope_rash: "", ild: "yes" })),
    );
    // ild = yes shows ild_rapidly_progressive: one more applicable.
    expect(c.dm).toEqual([3, 54]);
  });

  it("conditions change what is applicable", () => {
    const c = bySection(
      completeness(
        answers({ cancer: "yes", cancer_type: "other", death: "yes", icu_admission: "yes", sam_resolution: "yes" }),
      ),
    );
    expect(c.dm).toEqual([2, 56]);
    // resolution date, ICU stay, death date and cause shown (not the cause's specification).
    expect(c.outcome).toEqual([2, 8]);
    expect(c.mas).toEqual([1, 35]);
  });

  it("block rows add their shown required fields", () => {
    const one = bySection(
      completeness(answers({}, { treatment_lines: [row("r1", { drug: "other", drug_other: "thalidomide" })] })),
    );
    // drug, drug_other, line, start_date, ongoing, dose_value, dose_unit, frequency, route, response_d7_14.
    expect(one.treatment).toEqual([2, 13]);
    const stopped = bySection(
      completeness(answers({}, { treatment_lines: [row("r1", { drug: "anakinra", ongoing: "no" })] })),
    );
    // drug_other hidden; end_date and stop_reason shown.
    expect(stopped.treatment).toEqual([2, 14]);
  });

  it("a dose coded NK or ND makes the dose unit optional (not applicable unless chosen)", () => {
    const base = { drug: "anakinra", ongoing: "yes" };
    const valued = bySection(completeness(answers({}, { treatment_lines: [row("r1", { ...base, dose_value: 100 })] })));
    const nk = bySection(
      completeness(answers({}, { treatment_lines: [row("r1", { ...base, dose_value: { code: "NK" } })] })),
    );
    const nd = bySection(
      completeness(answers({}, { treatment_lines: [row("r1", { ...base, dose_value: { code: "ND" } })] })),
    );
    expect(nk.treatment).toEqual([valued.treatment![0], valued.treatment![1]! - 1]);
    expect(nd.treatment).toEqual(nk.treatment);
    // A unit chosen anyway is kept, just not counted.
    const kept = bySection(
      completeness(
        answers({}, { treatment_lines: [row("r1", { ...base, dose_value: { code: "NK" }, dose_unit: "mg_day" })] }),
      ),
    );
    expect(kept.treatment).toEqual(nk.treatment);
  });

  it("rows of a hidden block do not count", () => {
    const rows = { infections: [row("i1", { infection_type: "viral" })] };
    expect(bySection(completeness(answers({ trigger_infection: "no" }, rows))).mas).toEqual([1, 35]);
    expect(bySection(completeness(answers({ trigger_infection: "yes" }, rows))).mas).toEqual([2, 38]);
  });
});

describe("percent", () => {
  it("rounds down, and an empty section is complete", () => {
    expect(percent({ section: "dm", answered: 0, applicable: 0 })).toBe(100);
    expect(percent({ section: "dm", answered: 2, applicable: 3 })).toBe(66);
    expect(percent({ section: "dm", answered: 52, applicable: 53 })).toBe(98);
    expect(percent({ section: "dm", answered: 0, applicable: 7 })).toBe(0);
  });
});
