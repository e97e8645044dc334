import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDose, doseRangesIn, DRUGS, type DoseUnitId } from "@/domain/doses";

/** Every (drug with ranges, accepted unit) pair. */
const PAIRS: readonly { drug: string; unit: DoseUnitId }[] = DRUGS.filter((d) => d.ranges).flatMap((d) =>
  d.units.map((unit) => ({ drug: d.id, unit })),
);

const patient = fc.record({
  pair: fc.constantFrom(...PAIRS),
  weightKg: fc.double({ min: 30, max: 150, noNaN: true }),
  heightCm: fc.double({ min: 140, max: 200, noNaN: true }),
  t: fc.double({ min: 0, max: 1, noNaN: true }),
});

/**
 * A usual dose for this patient in the entry unit. Ranges open below
 * (tocilizumab, rituximab) use the upper half; an empty usual interval
 * (hydroxychloroquine 200 mg/day above 5 mg/kg/day under 40 kg) uses its lower end.
 */
function usualDose(drug: string, unit: DoseUnitId, weightKg: number, heightCm: number, t: number): number {
  const r = doseRangesIn({ drugId: drug, unit, weightKg, heightCm });
  if (!r || r.usual.max === null) throw new Error(`no usual range for ${drug} in ${unit}`);
  const max = r.usual.max;
  const min = r.usual.min ?? max / 2;
  return min > max ? min : min + t * (max - min);
}

describe("dose checks — properties", () => {
  it("a usual dose × 1000 is always refused, whatever the weight (30–150 kg) and height (140–200 cm)", () => {
    fc.assert(
      fc.property(patient, ({ pair, weightKg, heightCm, t }) => {
        const dose = usualDose(pair.drug, pair.unit, weightKg, heightCm, t);
        const c = checkDose({ drugId: pair.drug, value: dose * 1000, unit: pair.unit, weightKg, heightCm });
        expect(c.level).toBe("hard");
        expect(c.issues.length).toBeGreaterThan(0);
        expect(c.issues.every((i) => i.key === "dose.aboveHard")).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("a usual dose × 1000 is refused even when weight and height are missing", () => {
    fc.assert(
      fc.property(patient, ({ pair, weightKg, heightCm, t }) => {
        const dose = usualDose(pair.drug, pair.unit, weightKg, heightCm, t);
        expect(
          checkDose({ drugId: pair.drug, value: dose * 1000, unit: pair.unit, weightKg: "NK", heightCm: null }).level,
        ).toBe("hard");
      }),
      { numRuns: 1000 },
    );
  });

  it("a usual dose ÷ 1000 is always refused as too low, with or without weight and height", () => {
    fc.assert(
      fc.property(patient, fc.boolean(), ({ pair, weightKg, heightCm, t }, measured) => {
        const dose = usualDose(pair.drug, pair.unit, weightKg, heightCm, t);
        const c = checkDose({
          drugId: pair.drug,
          value: dose / 1000,
          unit: pair.unit,
          weightKg: measured ? weightKg : "NK",
          heightCm: measured ? heightCm : null,
        });
        expect(c.level).toBe("hard");
        expect(c.issues.every((i) => i.key === "dose.belowHard")).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("the level never decreases as the dose shrinks below the usual minimum", () => {
    const rank = { ok: 0, soft: 1, hard: 2 } as const;
    fc.assert(
      fc.property(patient, fc.double({ min: 1, max: 10, noNaN: true }), ({ pair, weightKg, heightCm, t }, k) => {
        const dose = usualDose(pair.drug, pair.unit, weightKg, heightCm, t);
        const at = (v: number) =>
          rank[checkDose({ drugId: pair.drug, value: v, unit: pair.unit, weightKg, heightCm }).level];
        const r = doseRangesIn({ drugId: pair.drug, unit: pair.unit, weightKg, heightCm });
        const bottom = Math.min(dose, r?.usual.min ?? dose);
        expect(at(bottom / k)).toBeGreaterThanOrEqual(at(bottom));
        expect(at(bottom / k / 10)).toBeGreaterThanOrEqual(at(bottom / k));
      }),
      { numRuns: 1000 },
    );
  });

  it("a dose inside a non-empty usual range is accepted", () => {
    fc.assert(
      fc.property(patient, ({ pair, weightKg, heightCm, t }) => {
        const r = doseRangesIn({ drugId: pair.drug, unit: pair.unit, weightKg, heightCm });
        fc.pre(r !== null && (r.usual.min ?? 0) <= (r.usual.max ?? Infinity));
        const dose = usualDose(pair.drug, pair.unit, weightKg, heightCm, t);
        const c = checkDose({ drugId: pair.drug, value: dose, unit: pair.unit, weightKg, heightCm });
        expect(c).toMatchObject({ level: "ok", issues: [] });
      }),
      { numRuns: 2000 },
    );
  });

  it("the level never decreases as the dose grows beyond the usual maximum", () => {
    const rank = { ok: 0, soft: 1, hard: 2 } as const;
    fc.assert(
      fc.property(patient, fc.double({ min: 1, max: 10, noNaN: true }), ({ pair, weightKg, heightCm, t }, k) => {
        const dose = usualDose(pair.drug, pair.unit, weightKg, heightCm, t);
        const at = (v: number) =>
          rank[checkDose({ drugId: pair.drug, value: v, unit: pair.unit, weightKg, heightCm }).level];
        const r = doseRangesIn({ drugId: pair.drug, unit: pair.unit, weightKg, heightCm });
        const top = Math.max(dose, r?.usual.max ?? dose);
        expect(at(top * k)).toBeGreaterThanOrEqual(at(top));
        expect(at(top * k * 10)).toBeGreaterThanOrEqual(at(top * k));
      }),
      { numRuns: 1000 },
    );
  });

  it("the dose converted back and forth is unchanged (normalised bases)", () => {
    fc.assert(
      fc.property(patient, ({ pair, weightKg, heightCm, t }) => {
        const dose = usualDose(pair.drug, pair.unit, weightKg, heightCm, t);
        const c = checkDose({ drugId: pair.drug, value: dose, unit: pair.unit, weightKg, heightCm });
        expect(c.normalised[pair.unit]).toBe(dose);
        for (const [basis, v] of Object.entries(c.normalised)) {
          expect(Number.isFinite(v), basis).toBe(true);
          expect(v).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
