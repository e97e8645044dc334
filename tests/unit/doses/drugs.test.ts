import { describe, expect, it } from "vitest";
import {
  DOSE_UNITS,
  DOSE_UNIT_IDS,
  DRUGS,
  DRUG_IDS,
  areConvertible,
  doseUnitLabel,
  drugLabel,
  drugOptions,
  findDrug,
  isDoseUnitId,
  isDrugId,
} from "@/domain/doses";

const REQUIRED_IDS = [
  "methylprednisolone_iv",
  "prednisone",
  "dexamethasone",
  "ivig",
  "etoposide",
  "ciclosporin",
  "tacrolimus",
  "anakinra",
  "tocilizumab",
  "ruxolitinib",
  "tofacitinib",
  "baricitinib",
  "emapalumab",
  "rituximab",
  "cyclophosphamide_iv",
  "methotrexate",
  "mycophenolate_mofetil",
  "azathioprine",
  "hydroxychloroquine",
  "plasma_exchange",
  "ciclosporin_iv",
  "alemtuzumab",
  "other",
];

describe("controlled drug list", () => {
  it("holds exactly the §5 drugs, in table order, with 'other' last", () => {
    expect(DRUG_IDS).toEqual(REQUIRED_IDS);
  });

  it("has unique snake_case ids and French and English labels", () => {
    expect(new Set(DRUG_IDS).size).toBe(DRUG_IDS.length);
    for (const d of DRUGS) {
      expect(d.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(d.labels.fr.trim()).not.toBe("");
      expect(d.labels.en.trim()).not.toBe("");
    }
  });

  it("accepts only known units, and every accepted unit converts to every basis of the ranges", () => {
    for (const d of DRUGS) {
      expect(d.units.length).toBeGreaterThan(0);
      for (const u of d.units) expect(isDoseUnitId(u)).toBe(true);
      if (!d.ranges) continue;
      const bases = [...d.ranges.usualMin, ...d.ranges.usualMax, ...d.ranges.hardMin, ...d.ranges.hardMax]
        .flat()
        .map((q) => q.unit);
      for (const u of d.units) for (const b of bases) expect(areConvertible(u, b), `${d.id}: ${u} → ${b}`).toBe(true);
      expect(d.ranges.hardMax.length, `${d.id} has a hard bound`).toBeGreaterThan(0);
      expect(d.ranges.hardMin.length, `${d.id} has a hard lower bound`).toBeGreaterThan(0);
    }
  });

  it("keeps usual bounds below hard bounds when written in the same unit", () => {
    for (const d of DRUGS) {
      if (!d.ranges) continue;
      const hard = d.ranges.hardMax.flat();
      for (const q of [...d.ranges.usualMin, ...d.ranges.usualMax].flat()) {
        for (const h of hard) if (h.unit === q.unit) expect(q.value).toBeLessThan(h.value);
      }
    }
  });

  it("has a hard lower bound in the basis of every accepted unit, so a slip is refused without weight and height", () => {
    for (const d of DRUGS) {
      if (!d.ranges) continue;
      const minBases = new Set(d.ranges.hardMin.flatMap((l) => (l.length === 1 ? [DOSE_UNITS[l[0].unit].per] : [])));
      for (const u of d.units)
        expect(minBases.has(DOSE_UNITS[u].per), `${d.id}: no hard minimum per ${DOSE_UNITS[u].per}`).toBe(true);
    }
  });

  it("keeps hard lower bounds at or below usual minima and above zero when written in the same unit", () => {
    for (const d of DRUGS) {
      if (!d.ranges) continue;
      for (const h of d.ranges.hardMin.flat()) {
        expect(h.value).toBeGreaterThan(0);
        for (const q of d.ranges.usualMin.flat())
          if (q.unit === h.unit) expect(h.value, d.id).toBeLessThanOrEqual(q.value);
        for (const q of d.ranges.hardMax.flat()) if (q.unit === h.unit) expect(h.value, d.id).toBeLessThan(q.value);
      }
    }
  });

  it("leaves intravenous ciclosporin, alemtuzumab and other without reference, in any unit", () => {
    for (const id of ["ciclosporin_iv", "alemtuzumab", "other"]) {
      const d = findDrug(id);
      expect(d?.ranges).toBeNull();
      expect(d?.units).toEqual(DOSE_UNIT_IDS);
    }
  });

  it("encodes the mixed ranges of the table", () => {
    expect(findDrug("methylprednisolone_iv")?.ranges?.hardMax).toEqual([
      [{ value: 2000, unit: "mg_day" }],
      [{ value: 30, unit: "mg_kg_day" }],
    ]);
    expect(findDrug("anakinra")?.ranges?.usualMin).toEqual([[{ value: 100, unit: "mg_day" }]]);
    expect(findDrug("anakinra")?.ranges?.usualMax).toEqual([[{ value: 10, unit: "mg_kg_day" }]]);
    expect(findDrug("rituximab")?.ranges?.usualMax).toEqual([
      [
        { value: 375, unit: "mg_m2_dose" },
        { value: 1000, unit: "mg_dose" },
      ],
    ]);
    expect(findDrug("hydroxychloroquine")?.ranges?.usualMax).toEqual([
      [{ value: 400, unit: "mg_day" }],
      [{ value: 5, unit: "mg_kg_day" }],
    ]);
  });

  it("is immutable all the way down", () => {
    const pred = findDrug("prednisone");
    expect(Object.isFrozen(DRUGS)).toBe(true);
    expect(Object.isFrozen(pred?.ranges?.hardMax[0]?.[0])).toBe(true);
    expect(Object.isFrozen(pred?.labels)).toBe(true);
    expect(Object.isFrozen(DOSE_UNITS.mg_day.labels)).toBe(true);
  });

  it("looks ids up safely", () => {
    expect(isDrugId("prednisone")).toBe(true);
    expect(isDrugId("Prednisone")).toBe(false);
    expect(isDrugId("toString")).toBe(false);
    expect(findDrug("constructor")).toBeUndefined();
    expect(isDoseUnitId("toString")).toBe(false);
    expect(drugLabel("ivig", "fr")).toBe("Immunoglobulines intraveineuses");
  });

  it("lists options for a select, with labels in both languages", () => {
    const options = drugOptions();
    expect(options.map((o) => o.id)).toEqual(REQUIRED_IDS);
    const fr = drugOptions("fr");
    expect(fr.find((o) => o.id === "other")?.label).toBe("Autre (préciser)");
    expect(drugOptions("en").find((o) => o.id === "ivig")?.label).toBe("Intravenous immunoglobulin");
  });

  it("labels every unit in French and English", () => {
    for (const u of DOSE_UNIT_IDS) {
      expect(doseUnitLabel(u, "fr")).not.toBe("");
      expect(doseUnitLabel(u, "en")).not.toBe("");
    }
    expect(doseUnitLabel("mg_kg_day", "fr")).toBe("mg/kg/j");
    expect(doseUnitLabel("mg_kg_day", "en")).toBe("mg/kg/day");
    expect(DOSE_UNITS.mg_m2_dose.labels.en).toBe("mg/m²/dose");
  });
});
