import { describe, expect, it } from "vitest";
import {
  EULAR_ACR_BIOPSY_ITEMS,
  EULAR_ACR_CLINICAL_ITEMS,
  computeEularAcr2017,
  type EularAcrBiopsyItem,
  type EularAcrClass,
  type EularAcrClinicalItem,
  type EularAcrInput,
  type Maybe,
} from "../../../src/domain/scores";
import { pick, seededRandom } from "./random";

type Item = EularAcrClinicalItem | EularAcrBiopsyItem;

/** Every item known and absent; age < 18 scores nothing. */
function none(biopsyDone: boolean, age = 10): Record<Item, boolean> & { ageAtOnsetYears: number; biopsyDone: boolean } {
  const items = Object.fromEntries([...EULAR_ACR_CLINICAL_ITEMS, ...EULAR_ACR_BIOPSY_ITEMS].map((k) => [k, false]));
  return { ...(items as Record<Item, boolean>), ageAtOnsetYears: age, biopsyDone };
}

function withItems(biopsyDone: boolean, age: number, present: readonly Item[]): EularAcrInput {
  const input: Record<string, Maybe<boolean> | number> = { ...none(biopsyDone, age) };
  for (const item of present) input[item] = true;
  return input as EularAcrInput;
}

// The spec's table, restated independently of the implementation: [without, with].
const SPEC_POINTS: Record<EularAcrClinicalItem, [number, number]> = {
  proximalWeaknessUpper: [0.7, 0.7],
  proximalWeaknessLower: [0.8, 0.5],
  neckFlexorsWeakerThanExtensors: [1.9, 1.6],
  legsProximalWeakerThanDistal: [0.9, 1.2],
  heliotropeRash: [3.1, 3.2],
  gottronPapules: [2.1, 2.7],
  gottronSign: [3.3, 3.7],
  dysphagia: [0.7, 0.6],
  antiJo1: [3.9, 3.8],
  elevatedMuscleEnzymes: [1.3, 1.4],
};
const SPEC_BIOPSY: Record<EularAcrBiopsyItem, number> = {
  endomysialInfiltrate: 1.7,
  perimysialPerivascularInfiltrate: 1.2,
  perifascicularAtrophy: 1.9,
  rimmedVacuoles: 3.1,
};

describe("EULAR/ACR 2017 — points", () => {
  it("scores each clinical item alone as in the spec, in both models", () => {
    for (const [item, [without, withB]] of Object.entries(SPEC_POINTS) as [EularAcrClinicalItem, [number, number]][]) {
      expect(computeEularAcr2017(withItems(false, 10, [item])).score, item).toBe(without);
      expect(computeEularAcr2017(withItems(true, 10, [item])).score, item).toBe(withB);
    }
  });

  it("scores biopsy items only when a biopsy was done", () => {
    for (const [item, points] of Object.entries(SPEC_BIOPSY) as [EularAcrBiopsyItem, number][]) {
      expect(computeEularAcr2017(withItems(true, 10, [item])).score, item).toBe(points);
      expect(computeEularAcr2017(withItems(false, 10, [item])).score, item).toBe(0);
    }
  });

  it("age at onset: edges at 18 and 40", () => {
    const cases: [number, number, number][] = [
      [17.99, 0, 0],
      [18, 1.3, 1.5],
      [39.99, 1.3, 1.5],
      [40, 2.1, 2.2],
      [75, 2.1, 2.2],
    ];
    for (const [age, without, withB] of cases) {
      expect(computeEularAcr2017(withItems(false, age, [])).score, `age ${age}`).toBe(without);
      expect(computeEularAcr2017(withItems(true, age, [])).score, `age ${age}`).toBe(withB);
    }
  });

  it("an unknown biopsy status falls back to the model without biopsy", () => {
    const input = { ...withItems(true, 50, ["heliotropeRash", "perifascicularAtrophy"]), biopsyDone: "NK" as const };
    const r = computeEularAcr2017(input);
    expect(r.model).toBe("without_biopsy");
    expect(r.score).toBe(5.2);
    expect(r.complete).toBe(true);
  });
});

describe("EULAR/ACR 2017 — probability and class at the edges (sums that floats get wrong)", () => {
  // Each combination sums, in naive floating point, to a hair off the true value.
  const cases: [boolean, number, Item[], number, EularAcrClass][] = [
    [false, 25, ["neckFlexorsWeakerThanExtensors", "gottronPapules"], 5.3, "not_iim"],
    [false, 10, ["proximalWeaknessLower", "gottronSign", "elevatedMuscleEnzymes"], 5.4, "possible"],
    [false, 50, ["proximalWeaknessLower", "neckFlexorsWeakerThanExtensors", "dysphagia"], 5.5, "possible"],
    [false, 25, ["legsProximalWeakerThanDistal", "gottronPapules", "elevatedMuscleEnzymes"], 5.6, "probable"],
    [false, 25, ["proximalWeaknessUpper", "legsProximalWeakerThanDistal", "gottronSign", "elevatedMuscleEnzymes"], 7.5, "probable"],
    [false, 25, ["neckFlexorsWeakerThanExtensors", "heliotropeRash", "elevatedMuscleEnzymes"], 7.6, "definite"],
    [true, 10, ["neckFlexorsWeakerThanExtensors", "gottronSign", "perimysialPerivascularInfiltrate"], 6.5, "possible"],
    [true, 50, ["proximalWeaknessUpper", "gottronSign"], 6.6, "possible"],
    [true, 25, ["antiJo1", "elevatedMuscleEnzymes"], 6.7, "probable"],
    [true, 50, ["gottronPapules", "gottronSign"], 8.6, "probable"],
    [true, 25, ["neckFlexorsWeakerThanExtensors", "gottronSign", "perifascicularAtrophy"], 8.7, "definite"],
  ];
  for (const [biopsy, age, present, score, cls] of cases) {
    it(`${biopsy ? "with" : "without"} biopsy, score ${score} → ${cls}`, () => {
      const r = computeEularAcr2017(withItems(biopsy, age, present));
      expect(r.score).toBe(score);
      expect(r.class).toBe(cls);
      const intercept = biopsy ? 6.49 : 5.33;
      expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(intercept - score)), 12);
    });
  }

  it("probabilities just around the cut-offs", () => {
    expect(computeEularAcr2017(withItems(false, 50, ["proximalWeaknessLower", "neckFlexorsWeakerThanExtensors", "dysphagia"])).probability).toBeLessThan(0.55);
    expect(computeEularAcr2017(withItems(true, 25, ["antiJo1", "elevatedMuscleEnzymes"])).probability).toBeGreaterThanOrEqual(0.55);
    expect(computeEularAcr2017(withItems(true, 25, ["neckFlexorsWeakerThanExtensors", "gottronSign", "perifascicularAtrophy"])).probability).toBeGreaterThanOrEqual(0.9);
  });
});

describe("EULAR/ACR 2017 — unknown items", () => {
  it("with nothing known, ranges from 0 to the sum of all points", () => {
    const r = computeEularAcr2017({});
    expect(r.complete).toBe(false);
    expect(r.score).toBeNull();
    expect(r.probability).toBeNull();
    expect(r.class).toBeNull();
    expect(r.range.min.score).toBe(0);
    expect(r.range.max.score).toBe(20.8); // 2.1 + 18.7
    expect(r.range.min.class).toBe("not_iim");
    expect(r.range.max.class).toBe("definite");
    expect(r.unknownItems).toHaveLength(11);
  });

  it("an unknown item widens the range by its points and keeps absent items at 0", () => {
    const input = { ...withItems(false, 50, ["gottronPapules"]), heliotropeRash: "ND" as const };
    const r = computeEularAcr2017(input);
    expect(r.range.min.score).toBe(4.2);
    expect(r.range.max.score).toBe(7.3);
    expect(r.items.heliotropeRash).toEqual({ points: null, min: 0, max: 3.1 });
    expect(r.items.dysphagia).toEqual({ points: 0, min: 0, max: 0 });
    expect(r.unknownItems).toEqual(["heliotropeRash"]);
    expect(r.class).toBeNull();
  });

  it("unknown age ranges over 0 to the ≥ 40 points", () => {
    const r = computeEularAcr2017({ ...withItems(true, 10, []), ageAtOnsetYears: "NK" });
    expect(r.items.ageAtOnset).toEqual({ points: null, min: 0, max: 2.2 });
  });

  it("unknown biopsy items count only in the with-biopsy model", () => {
    const base = withItems(true, 50, []);
    const input = { ...base, rimmedVacuoles: undefined };
    expect(computeEularAcr2017(input).range.max.score).toBe(5.3);
    expect(computeEularAcr2017({ ...input, biopsyDone: false }).complete).toBe(true);
  });

  it("gives the class when the unknowns cannot change it", () => {
    const input = { ...withItems(false, 50, ["heliotropeRash", "gottronSign"]), dysphagia: "NK" as const };
    const r = computeEularAcr2017(input);
    expect(r.score).toBeNull();
    expect(r.class).toBe("definite");
  });
});

describe("EULAR/ACR 2017 — subgroup", () => {
  const cases: [string, EularAcrInput, string][] = [
    ["adult, rash and weakness", withItems(false, 50, ["gottronPapules", "proximalWeaknessUpper"]), "dm"],
    ["adult, rash only", withItems(false, 50, ["gottronSign"]), "amyopathic_dm"],
    ["onset at 17", withItems(false, 17, ["heliotropeRash"]), "juvenile_dm"],
    ["onset at 18 is adult", withItems(false, 18, ["heliotropeRash"]), "amyopathic_dm"],
    ["no rash", withItems(false, 50, ["proximalWeaknessLower", "antiJo1"]), "other"],
    ["rash unknown", { ...withItems(false, 50, []), gottronSign: "NK" }, "unknown"],
    ["weakness unknown", { ...withItems(false, 50, ["heliotropeRash"]), proximalWeaknessLower: "NK" }, "unknown"],
    ["weakness unknown but another present", { ...withItems(false, 50, ["heliotropeRash", "neckFlexorsWeakerThanExtensors"]), proximalWeaknessLower: "NK" }, "dm"],
    ["age unknown", { ...withItems(false, 50, ["heliotropeRash"]), ageAtOnsetYears: undefined }, "unknown"],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(computeEularAcr2017(input).subgroup).toBe(expected));
  }
});

describe("EULAR/ACR 2017 — realistic MAS case", () => {
  it("52-year-old woman, classic DM with muscle biopsy", () => {
    const r = computeEularAcr2017({
      ageAtOnsetYears: 52,
      proximalWeaknessUpper: true,
      proximalWeaknessLower: true,
      neckFlexorsWeakerThanExtensors: false,
      legsProximalWeakerThanDistal: false,
      heliotropeRash: true,
      gottronPapules: true,
      gottronSign: false,
      dysphagia: false,
      antiJo1: false,
      elevatedMuscleEnzymes: true,
      biopsyDone: true,
      endomysialInfiltrate: false,
      perimysialPerivascularInfiltrate: true,
      perifascicularAtrophy: true,
      rimmedVacuoles: false,
    });
    // 2.2 + 0.7 + 0.5 + 3.2 + 2.7 + 1.4 + 1.2 + 1.9
    expect(r.score).toBe(13.8);
    expect(r.class).toBe("definite");
    expect(r.subgroup).toBe("dm");
    expect(r.range.min).toEqual(r.range.max);
  });
});

describe("EULAR/ACR 2017 — properties", () => {
  it("min ≤ max, and every completion of the unknowns lands within the range with a consistent class", () => {
    const random = seededRandom(2017);
    const items: readonly Item[] = [...EULAR_ACR_CLINICAL_ITEMS, ...EULAR_ACR_BIOPSY_ITEMS];
    for (let run = 0; run < 300; run++) {
      const input: Record<string, Maybe<boolean> | Maybe<number>> = {
        biopsyDone: pick(random, [true, false, "NK"] as const),
        ageAtOnsetYears: pick(random, [5, 18, 30, 40, 70, "NK"] as const),
      };
      for (const item of items) input[item] = pick(random, [true, false, "NK", undefined] as const);
      const partial = computeEularAcr2017(input as EularAcrInput);
      expect(partial.range.min.score).toBeLessThanOrEqual(partial.range.max.score);
      for (let fill = 0; fill < 20; fill++) {
        const completed = { ...input };
        if (!(typeof completed.ageAtOnsetYears === "number")) completed.ageAtOnsetYears = pick(random, [5, 18, 30, 40, 70]);
        for (const item of items) {
          if (typeof completed[item] !== "boolean") completed[item] = random() < 0.5;
        }
        const full = computeEularAcr2017(completed as EularAcrInput);
        expect(full.model).toBe(partial.model);
        expect(full.score).not.toBeNull();
        expect(full.score as number).toBeGreaterThanOrEqual(partial.range.min.score);
        expect(full.score as number).toBeLessThanOrEqual(partial.range.max.score);
        if (partial.class !== null) expect(full.class).toBe(partial.class);
      }
    }
  });
});
