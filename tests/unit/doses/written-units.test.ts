// Doses written in µg or g/m² are accepted where the drug takes the mg unit and judged
// converted (20 µg/kg/day is 0.02 mg/kg/day); a refusal is said once; "other" names the drug typed.
import { describe, expect, it } from "vitest";
import { doseIssues } from "@/domain/crf/dose-issues";
import { checkDose, conversionFactor, DRUGS, entryUnitsOf, findDrug, mgUnitOf } from "@/domain/doses";

const patient = { weightKg: 70, heightCm: 170 };
const row = (drug: string, v: number, unit: string, other?: string) => ({
  id: "r1",
  values: {
    drug: { v: drug },
    dose_value: { v },
    dose_unit: { v: unit },
    ...(other ? { drug_other: { v: other } } : {}),
  },
});
const record = { fields: { weight_kg: { v: 70 }, height_cm: { v: 170 } }, blocks: {} };

describe("doses written in µg or g", () => {
  it("offers µg/kg/day wherever mg/kg/day is taken, and g/m² wherever mg/m² is", () => {
    for (const d of DRUGS) {
      const units = entryUnitsOf(d);
      if (d.units.includes("mg_kg_day")) expect(units).toContain("ug_kg_day");
      if (d.units.includes("mg_m2_dose")) expect(units).toContain("g_m2_dose");
      if (d.units.includes("mg_m2_day")) expect(units).toContain("g_m2_day");
    }
  });

  it("judges a dose in µg/kg/day or g/m² exactly as the same dose in mg", () => {
    for (const d of DRUGS.filter((x) => x.ranges)) {
      for (const unit of entryUnitsOf(d)) {
        const mg = mgUnitOf(unit);
        if (!mg) continue;
        for (const value of [0.001, 0.02, 1, 20, 500, 20000]) {
          const inMg = value * conversionFactor(unit, mg, 1, 1);
          const a = checkDose({ drugId: d.id, value, unit, ...patient });
          const b = checkDose({ drugId: d.id, value: inMg, unit: mg, ...patient });
          expect(a, `${d.id} ${value} ${unit} vs ${inMg} ${mg}`).toEqual(b);
        }
      }
    }
  });

  it("20 µg/kg/day is 0.02 mg/kg/day", () => {
    expect(20 * conversionFactor("ug_kg_day", "mg_kg_day", 1, 1)).toBeCloseTo(0.02, 10);
    expect(findDrug("other")?.units).toContain("ug_kg_day");
  });
});

describe("dose messages", () => {
  it("a dose above two bounds is refused in one sentence, in the unit it was entered in", () => {
    const issues = doseIssues(row("methylprednisolone_iv", 5000, "mg_day"), record);
    expect(issues.filter((i) => i.level === "error")).toHaveLength(1);
    expect(issues[0]?.params?.limitUnit).toEqual({ fr: "mg/j", en: "mg/day" });
  });

  it("the warning for an 'other' drug names the drug typed", () => {
    const [issue] = doseIssues(row("other", 1, "mg_kg_day", "nicardipril"), record);
    expect(issue?.key).toBe("dose.noReference");
    expect(issue?.params?.drug).toBe("nicardipril");
  });
});
