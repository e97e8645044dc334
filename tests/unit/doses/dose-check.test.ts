import { describe, expect, it } from "vitest";
import { checkDose, DRUGS, doseRangesIn, type DoseIssue, type DoseUnitId } from "@/domain/doses";

// Reference patient: 70 kg, 170 cm → Mosteller BSA √(170·70/3600) = 1.818… → 1.82 m².
const W = 70;
const H = 170;
const BSA = 1.82;

/** Effective bounds in the entry unit for the reference patient, computed by hand from the §5 table. */
interface Expected {
  drug: string;
  unit: DoseUnitId;
  usualMin: number | null;
  usualMax: number;
  /** The tightest of the drug's hard minima in this unit (every one must hold). */
  hardMin: number;
  hardMax: number;
}

const TABLE: Expected[] = [
  { drug: "methylprednisolone_iv", unit: "mg_day", usualMin: 250, usualMax: 1000, hardMin: 0.05 * W, hardMax: 2000 },
  {
    drug: "methylprednisolone_iv",
    unit: "mg_kg_day",
    usualMin: 250 / W,
    usualMax: 1000 / W,
    hardMin: 0.05,
    hardMax: 2000 / W,
  },
  { drug: "prednisone", unit: "mg_kg_day", usualMin: 0.2, usualMax: 1.5, hardMin: 0.5 / W, hardMax: 5 },
  { drug: "prednisone", unit: "mg_day", usualMin: 14, usualMax: 105, hardMin: 0.5, hardMax: 350 },
  { drug: "dexamethasone", unit: "mg_m2_day", usualMin: 5, usualMax: 10, hardMin: 0.1 / BSA, hardMax: 40 },
  { drug: "dexamethasone", unit: "mg_day", usualMin: 5 * BSA, usualMax: 10 * BSA, hardMin: 0.1, hardMax: 40 * BSA },
  { drug: "ivig", unit: "g_kg_course", usualMin: 1, usualMax: 2, hardMin: 0.01, hardMax: 4 },
  { drug: "etoposide", unit: "mg_m2_dose", usualMin: 50, usualMax: 150, hardMin: 0.5, hardMax: 300 },
  { drug: "ciclosporin", unit: "mg_kg_day", usualMin: 2, usualMax: 6, hardMin: 0.02, hardMax: 15 },
  { drug: "tacrolimus", unit: "mg_kg_day", usualMin: 0.05, usualMax: 0.3, hardMin: 0.0005, hardMax: 1 },
  { drug: "anakinra", unit: "mg_day", usualMin: 100, usualMax: 10 * W, hardMin: 2, hardMax: 15 * W },
  { drug: "anakinra", unit: "mg_kg_day", usualMin: 100 / W, usualMax: 10, hardMin: 2 / W, hardMax: 15 },
  { drug: "tocilizumab", unit: "mg_kg_dose", usualMin: null, usualMax: 8, hardMin: 0.04, hardMax: 12 },
  { drug: "tocilizumab", unit: "mg_dose", usualMin: null, usualMax: 8 * W, hardMin: 0.04 * W, hardMax: 12 * W },
  { drug: "ruxolitinib", unit: "mg_day", usualMin: 10, usualMax: 40, hardMin: 0.1, hardMax: 100 },
  { drug: "tofacitinib", unit: "mg_day", usualMin: 10, usualMax: 20, hardMin: 0.1, hardMax: 40 },
  { drug: "baricitinib", unit: "mg_day", usualMin: 2, usualMax: 4, hardMin: 0.02, hardMax: 8 },
  { drug: "emapalumab", unit: "mg_kg_dose", usualMin: 1, usualMax: 10, hardMin: 0.05, hardMax: 20 },
  // 375 mg/m² × 1.82 = 682.5 mg < 1000 mg: the 1000 mg scheme is the larger usual dose.
  { drug: "rituximab", unit: "mg_dose", usualMin: null, usualMax: 1000, hardMin: 10, hardMax: 2000 },
  {
    drug: "rituximab",
    unit: "mg_m2_dose",
    usualMin: null,
    usualMax: 1000 / BSA,
    hardMin: 10 / BSA,
    hardMax: 2000 / BSA,
  },
  { drug: "cyclophosphamide_iv", unit: "mg_m2_dose", usualMin: 500, usualMax: 1000, hardMin: 5, hardMax: 2000 },
  { drug: "cyclophosphamide_iv", unit: "mg_kg_dose", usualMin: 13, usualMax: 26, hardMin: (5 * BSA) / W, hardMax: 52 },
  { drug: "methotrexate", unit: "mg_week", usualMin: 7.5, usualMax: 25, hardMin: 0.075, hardMax: 50 },
  { drug: "mycophenolate_mofetil", unit: "g_day", usualMin: 1, usualMax: 3, hardMin: 0.01, hardMax: 4 },
  { drug: "azathioprine", unit: "mg_kg_day", usualMin: 1, usualMax: 3, hardMin: 0.01, hardMax: 5 },
  // ≤ 5 mg/kg/day × 70 kg = 350 mg/day, tighter than 400 mg/day.
  { drug: "hydroxychloroquine", unit: "mg_day", usualMin: 200, usualMax: 350, hardMin: 2, hardMax: 800 },
  { drug: "plasma_exchange", unit: "sessions", usualMin: 1, usualMax: 15, hardMin: 1, hardMax: 40 },
];

const check = (drugId: string, value: number, unit: DoseUnitId, weightKg: unknown = W, heightCm: unknown = H) =>
  checkDose({ drugId, value, unit, weightKg: weightKg as number, heightCm: heightCm as number });

const keys = (issues: readonly DoseIssue[]) => issues.map((i) => i.key);

describe("the table covers every drug with ranges in every accepted unit", () => {
  it("has one row per (drug, accepted unit)", () => {
    const expected = DRUGS.filter((d) => d.ranges).flatMap((d) => d.units.map((u) => `${d.id}/${u}`));
    expect(TABLE.map((r) => `${r.drug}/${r.unit}`).sort()).toEqual([...expected].sort());
  });
});

describe.each(TABLE)("$drug in $unit (70 kg, 170 cm)", (row) => {
  const usualDose = row.usualMin === null ? row.usualMax * 0.75 : (row.usualMin + row.usualMax) / 2;

  it("gives the hand-computed ranges", () => {
    const r = doseRangesIn({ drugId: row.drug, unit: row.unit, weightKg: W, heightCm: H });
    expect(r?.usual.min ?? null).toEqual(row.usualMin === null ? null : expect.closeTo(row.usualMin, 5));
    expect(r?.usual.max).toBeCloseTo(row.usualMax, 5);
    expect(r?.hard.max).toBeCloseTo(row.hardMax, 5);
    expect(r?.hard.min).toBeCloseTo(row.hardMin, 5);
  });

  it("accepts a usual dose", () => {
    expect(check(row.drug, usualDose, row.unit)).toMatchObject({ level: "ok", issues: [] });
  });

  it("accepts the usual bounds themselves (inclusive)", () => {
    expect(check(row.drug, row.usualMax, row.unit).level).toBe("ok");
    if (row.usualMin !== null) expect(check(row.drug, row.usualMin, row.unit).level).toBe("ok");
  });

  it("flags a dose just above the usual range", () => {
    const c = check(row.drug, row.usualMax * 1.001, row.unit);
    expect(c.level).toBe("soft");
    expect(keys(c.issues)).toEqual(["dose.aboveUsual"]);
  });

  it("flags a dose just below the usual range (refused where the usual minimum is also the hard one)", () => {
    if (row.usualMin === null) return;
    const c = check(row.drug, row.usualMin * 0.999, row.unit);
    const alsoHard = row.usualMin * 0.999 < row.hardMin;
    expect(c.level).toBe(alsoHard ? "hard" : "soft");
    expect(keys(c.issues)).toEqual([alsoHard ? "dose.belowHard" : "dose.belowUsual"]);
  });

  it("keeps the hard minimum itself and refuses just below it, naming the bound", () => {
    expect(check(row.drug, row.hardMin, row.unit).level).not.toBe("hard");
    // 1 % below: doses are compared at 6 decimals, and tacrolimus' 0.0005 mg/kg/day has only 3 of them.
    const c = check(row.drug, row.hardMin * 0.99, row.unit);
    expect(c.level).toBe("hard");
    expect(c.issues.length).toBeGreaterThan(0);
    expect(c.issues.every((i) => i.key === "dose.belowHard")).toBe(true);
    const issue = c.issues[0];
    if (issue?.key !== "dose.belowHard") throw new Error("no belowHard issue");
    expect(issue.params).toMatchObject({ drug: row.drug, value: row.hardMin * 0.99, unit: row.unit });
    expect(issue.params.limit).toBeGreaterThan(0);
  });

  it("refuses a 1000-fold slip downwards (mg entered as g, µg as mg), with or without weight and height", () => {
    for (const [w, h] of [
      [W, H],
      [null, null],
      [W, null],
    ] as const) {
      const c = check(row.drug, usualDose / 1000, row.unit, w, h);
      expect(c.level, `weight ${w}, height ${h}`).toBe("hard");
      expect(c.issues.every((i) => i.key === "dose.belowHard")).toBe(true);
    }
  });

  it("keeps the hard bound itself (soft) and refuses just above it", () => {
    expect(check(row.drug, row.hardMax, row.unit).level).toBe("soft");
    const c = check(row.drug, row.hardMax * 1.001, row.unit);
    expect(c.level).toBe("hard");
    expect(keys(c.issues)).toContain("dose.aboveHard");
    expect(c.issues.every((i) => i.key === "dose.aboveHard")).toBe(true);
  });

  it("refuses a 1000-fold slip (µg entered as mg), with or without weight and height", () => {
    expect(check(row.drug, usualDose * 1000, row.unit).level).toBe("hard");
    expect(check(row.drug, usualDose * 1000, row.unit, null, null).level).toBe("hard");
  });

  it("never refuses a dose between the hard bounds", () => {
    for (const k of [1.001, 2, 10]) {
      const dose = row.hardMin * k;
      if (dose >= row.hardMax) continue;
      expect(check(row.drug, dose, row.unit).level, `${dose}`).not.toBe("hard");
    }
    expect(check(row.drug, row.hardMax * 0.999, row.unit).level).not.toBe("hard");
  });

  it("refuses a unit the drug does not accept", () => {
    const drug = DRUGS.find((d) => d.id === row.drug);
    const wrong = (["mg_day", "mg_kg_day", "mg_m2_dose", "sessions", "g_day"] as const).find(
      (u) => !drug?.units.includes(u),
    );
    if (!wrong) throw new Error("no foreign unit");
    const c = check(row.drug, usualDose, wrong);
    expect(c.level).toBe("hard");
    expect(c.issues).toEqual([
      { key: "dose.unitNotAccepted", params: expect.objectContaining({ drug: row.drug, unit: wrong }) },
    ]);
  });
});

describe("named cases", () => {
  it("refuses methylprednisolone 500000 mg/day and names both limits", () => {
    const c = check("methylprednisolone_iv", 500000, "mg_day");
    expect(c.level).toBe("hard");
    expect(c.issues).toEqual([
      {
        key: "dose.aboveHard",
        params: {
          drug: "methylprednisolone_iv",
          value: 500000,
          unit: "mg_day",
          limit: 2000,
          limitUnit: "mg_day",
          converted: 500000,
          conversion: "none",
        },
      },
      {
        key: "dose.aboveHard",
        params: {
          drug: "methylprednisolone_iv",
          value: 500000,
          unit: "mg_day",
          limit: 30,
          limitUnit: "mg_kg_day",
          converted: 7143,
          conversion: "exact",
        },
      },
    ]);
    expect(c.normalised.mg_kg_day).toBeCloseTo(500000 / 70, 9);
  });

  it("refuses prednisone 60 mg/kg/day meant as 60 mg/day for a 60 kg patient", () => {
    expect(check("prednisone", 60, "mg_kg_day", 60).level).toBe("hard");
    expect(check("prednisone", 60, "mg_day", 60).level).toBe("ok");
  });

  it("refuses methylprednisolone 2100 mg/day (30 mg/kg for 70 kg) on the absolute bound", () => {
    const c = check("methylprednisolone_iv", 2100, "mg_day");
    expect(c.issues.map((i) => (i.key === "dose.aboveHard" ? i.params.limitUnit : null))).toEqual(["mg_day"]);
  });

  it("applies the mg/kg hard bound of methylprednisolone to light patients", () => {
    expect(check("methylprednisolone_iv", 1000, "mg_day", 30).level).toBe("hard"); // 33 mg/kg
    expect(check("methylprednisolone_iv", 900, "mg_day", 30).level).toBe("ok"); // exactly 30 mg/kg
  });

  it("flags hydroxychloroquine above 5 mg/kg/day", () => {
    const c = check("hydroxychloroquine", 400, "mg_day", 60);
    expect(c.level).toBe("soft");
    expect(c.issues).toEqual([
      {
        key: "dose.aboveUsual",
        params: expect.objectContaining({ limit: 5, limitUnit: "mg_kg_day", converted: 6.667, conversion: "exact" }),
      },
    ]);
  });

  it("refuses prednisone 0.001 mg/kg/day and names both lower limits", () => {
    const c = check("prednisone", 0.001, "mg_kg_day");
    expect(c.level).toBe("hard");
    expect(c.issues).toEqual([
      {
        key: "dose.belowHard",
        params: {
          drug: "prednisone",
          value: 0.001,
          unit: "mg_kg_day",
          limit: 0.002,
          limitUnit: "mg_kg_day",
          converted: 0.001,
          conversion: "none",
        },
      },
      {
        key: "dose.belowHard",
        params: {
          drug: "prednisone",
          value: 0.001,
          unit: "mg_kg_day",
          limit: 0.5,
          limitUnit: "mg_day",
          converted: 0.07,
          conversion: "exact",
        },
      },
    ]);
    // 1 mg/day (tapering) stays allowed, flagged below the usual 0.2 mg/kg/day.
    expect(check("prednisone", 1, "mg_day")).toMatchObject({ level: "soft", issues: [{ key: "dose.belowUsual" }] });
  });

  it("refuses mycophenolate mofetil 0.002 g/day (2 mg typed in g)", () => {
    expect(check("mycophenolate_mofetil", 0.002, "g_day").issues).toEqual([
      {
        key: "dose.belowHard",
        params: {
          drug: "mycophenolate_mofetil",
          value: 0.002,
          unit: "g_day",
          limit: 0.01,
          limitUnit: "g_day",
          converted: 0.002,
          conversion: "none",
        },
      },
    ]);
    expect(check("mycophenolate_mofetil", 0.01, "g_day").level).toBe("soft");
  });

  it("gives rituximab and tocilizumab explicit lower bounds, in each unit, with or without measures", () => {
    // Rituximab: 1000 mg typed as 1, 375 mg/m² typed as 0.375.
    for (const [w, h] of [
      [W, H],
      [null, null],
    ] as const) {
      expect(check("rituximab", 1, "mg_dose", w, h).level).toBe("hard");
      expect(check("rituximab", 0.375, "mg_m2_dose", w, h).level).toBe("hard");
      expect(check("tocilizumab", 0.008, "mg_kg_dose", w, h).level).toBe("hard");
      expect(check("tocilizumab", 0.56, "mg_dose", w, h).level).toBe("hard");
    }
    // The lowest schemes in use are not refused: rituximab 100 mg, tocilizumab 4 mg/kg and 162 mg SC.
    expect(check("rituximab", 100, "mg_dose").level).toBe("ok");
    expect(check("tocilizumab", 4, "mg_kg_dose").level).toBe("ok");
    expect(check("tocilizumab", 162, "mg_dose").level).toBe("ok");
    // 9 mg is below the absolute 10 mg even though 9 mg / 1.82 m² = 4.9 mg/m² ≥ 3.75.
    expect(check("rituximab", 9, "mg_dose").issues).toEqual([
      {
        key: "dose.belowHard",
        params: expect.objectContaining({ limit: 10, limitUnit: "mg_dose", conversion: "none" }),
      },
    ]);
  });

  it("refuses below a lower bound in another basis for every admissible patient ('at most')", () => {
    // 0.001 mg/kg/day is at most 0.35 mg/day even at 350 kg: below 2.5 mg/day.
    const c = check("methylprednisolone_iv", 0.001, "mg_kg_day", null);
    expect(c.level).toBe("hard");
    expect(c.issues).toContainEqual({
      key: "dose.belowHard",
      params: {
        drug: "methylprednisolone_iv",
        value: 0.001,
        unit: "mg_kg_day",
        limit: 2.5,
        limitUnit: "mg_day",
        converted: 0.35,
        conversion: "atMost",
      },
    });
  });

  it("uses the record's BSA rounded to 2 decimals", () => {
    expect(check("dexamethasone", 18.2, "mg_day").normalised.mg_m2_day).toBeCloseTo(10, 9);
  });
});

describe("ranges in the entry unit", () => {
  it("caps the usual maximum at the hard one and rounds inwards to 6 decimals", () => {
    expect(doseRangesIn({ drugId: "methylprednisolone_iv", unit: "mg_day", weightKg: 30 })).toEqual({
      unit: "mg_day",
      usual: { min: 250, max: 900 },
      // 0.05 mg/kg/day × 30 kg = 1.5 mg/day, below the absolute 2.5 mg/day.
      hard: { min: 2.5, max: 900 },
    });
    const kg = doseRangesIn({ drugId: "methylprednisolone_iv", unit: "mg_kg_day", weightKg: 30 });
    expect(kg?.usual).toEqual({ min: 8.333334, max: 30 });
    expect(check("methylprednisolone_iv", 8.333334, "mg_kg_day", 30).level).toBe("ok");
    expect(
      doseRangesIn({ drugId: "cyclophosphamide_iv", unit: "mg_kg_dose", weightKg: W, heightCm: H })?.usual,
    ).toEqual({ min: 13, max: 26 });
  });

  it("is null without reference, for a foreign unit, or when a needed measure is missing", () => {
    expect(doseRangesIn({ drugId: "other", unit: "mg_day" })).toBeNull();
    expect(doseRangesIn({ drugId: "tacrolimus", unit: "mg_day", weightKg: W })).toBeNull();
    expect(doseRangesIn({ drugId: "dexamethasone", unit: "mg_day", weightKg: W })).toBeNull();
    expect(doseRangesIn({ drugId: "dexamethasone", unit: "mg_m2_day" })?.usual).toEqual({ min: 5, max: 10 });
    // Without height, only the hard minimum in the entry unit's basis bounds the interval.
    expect(doseRangesIn({ drugId: "dexamethasone", unit: "mg_m2_day" })?.hard).toEqual({ min: 0.05, max: 40 });
  });
});

describe("missing weight or height", () => {
  it("cannot check a conversion that needs the weight", () => {
    const c = check("prednisone", 50, "mg_day", null);
    expect(c.level).toBe("soft");
    expect(c.issues).toEqual([
      { key: "dose.cannotCheck", params: { drug: "prednisone", value: 50, unit: "mg_day", missing: "weight" } },
    ]);
    expect(c.normalised).toEqual({ mg_day: 50 });
    expect(checkDose({ drugId: "prednisone", value: 50, unit: "mg_day" }).issues).toEqual(c.issues);
  });

  it("treats NK / ND / NA codes and inadmissible weights as missing", () => {
    for (const w of ["NK", "ND", "NA", null, Number.NaN, 0, -70, 70000]) {
      expect(keys(check("prednisone", 50, "mg_day", w).issues), String(w)).toEqual(["dose.cannotCheck"]);
    }
  });

  it("needs no measure when the dose is in the unit of the ranges", () => {
    expect(check("prednisone", 1, "mg_kg_day", null, null).level).toBe("ok");
    expect(check("dexamethasone", 10, "mg_m2_day", null, null).level).toBe("ok");
  });

  it("still refuses on an absolute hard bound", () => {
    expect(keys(check("methylprednisolone_iv", 2500, "mg_day", null).issues)).toEqual(["dose.aboveHard"]);
    expect(check("hydroxychloroquine", 900, "mg_day", null).level).toBe("hard");
    expect(check("rituximab", 2500, "mg_dose", null, null).level).toBe("hard");
  });

  it("refuses a dose above the hard bound for every admissible patient (1–350 kg, 40–250 cm)", () => {
    const c = check("dexamethasone", 10000, "mg_day", null, null);
    expect(c.level).toBe("hard");
    expect(c.issues[0]).toMatchObject({
      key: "dose.aboveHard",
      params: { conversion: "atLeast", limit: 40, limitUnit: "mg_m2_day" },
    });
    expect(check("prednisone", 2000, "mg_day", null).level).toBe("hard"); // > 5 mg/kg even at 350 kg
  });

  it("says which measure is missing", () => {
    const missing = (value: number, unit: DoseUnitId, w: unknown, h: unknown, drug = "dexamethasone") =>
      check(drug, value, unit, w, h).issues.flatMap((i) => (i.key === "dose.cannotCheck" ? [i.params.missing] : []));
    expect(missing(15, "mg_day", W, null)).toEqual(["height"]);
    expect(missing(15, "mg_day", null, H)).toEqual(["weight"]);
    expect(missing(15, "mg_day", null, null)).toEqual(["weight_height"]);
    expect(missing(20, "mg_kg_dose", W, null, "cyclophosphamide_iv")).toEqual(["height"]);
  });

  it("decides without the measure when another alternative already holds", () => {
    // rituximab 800 mg ≤ 1000 mg whatever the BSA; hard bound is absolute.
    expect(check("rituximab", 800, "mg_dose", null, null)).toMatchObject({ level: "ok", issues: [] });
    // 400 mg/m² > 375 mg/m², but ≤ 1000 mg for any height at 70 kg (BSA ≤ 2.21 m²).
    expect(check("rituximab", 400, "mg_m2_dose", W, null)).toMatchObject({ level: "ok", issues: [] });
  });

  it("reports a usual-range flag together with the missing measure", () => {
    expect(keys(check("hydroxychloroquine", 600, "mg_day", null).issues)).toEqual([
      "dose.aboveUsual",
      "dose.cannotCheck",
    ]);
    expect(keys(check("tocilizumab", 500, "mg_dose", null).issues)).toEqual(["dose.cannotCheck"]);
  });
});

describe("invalid entries and drugs without reference", () => {
  it("refuses a non-positive or non-finite dose", () => {
    for (const v of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const drug of ["prednisone", "other"]) {
        const c = check(drug, v, "mg_day");
        expect(c.level).toBe("hard");
        expect(keys(c.issues)).toEqual(["dose.notPositive"]);
      }
    }
  });

  it("refuses a unit outside the unit list", () => {
    const c = checkDose({ drugId: "other", value: 5, unit: "mcg_day" as DoseUnitId });
    expect(c).toMatchObject({ level: "hard", issues: [{ key: "dose.unitNotAccepted" }] });
  });

  it("lists the accepted units", () => {
    const c = check("tacrolimus", 5, "mg_day");
    expect(c.issues).toEqual([
      { key: "dose.unitNotAccepted", params: { drug: "tacrolimus", value: 5, unit: "mg_day", accepted: "mg_kg_day" } },
    ]);
  });

  it("refuses a drug outside the controlled list", () => {
    expect(checkDose({ drugId: "prednisolon", value: 5, unit: "mg_day" })).toMatchObject({
      level: "hard",
      issues: [{ key: "dose.unknownDrug", params: { drug: "prednisolon" } }],
    });
  });

  it("soft-flags intravenous ciclosporin, alemtuzumab and other in any unit as 'no reference'", () => {
    for (const drug of ["ciclosporin_iv", "alemtuzumab", "other"]) {
      for (const unit of ["mg_day", "mg_kg_day", "mg_m2_dose", "g_course", "sessions"] as const) {
        const c = check(drug, 12, unit, null, null);
        expect(c.level).toBe("soft");
        expect(c.issues).toEqual([{ key: "dose.noReference", params: { drug, value: 12, unit } }]);
      }
    }
  });

  it("returns frozen results", () => {
    const c = check("prednisone", 50, "mg_day");
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.issues)).toBe(true);
    expect(Object.isFrozen(c.normalised)).toBe(true);
  });
});
