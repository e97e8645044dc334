import { describe, expect, it } from "vitest";
import {
  EULAR_ACR_BIOPSY_ITEMS,
  EULAR_ACR_CLINICAL_ITEMS,
  EULAR_ACR_CUT_OFFS,
  computeEularAcr2017,
  eularAcrClass,
  type EularAcrBiopsyItem,
  type EularAcrClass,
  type EularAcrClinicalItem,
  type EularAcrInput,
  type Maybe,
} from "@/domain/scores";
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

describe("EULAR/ACR 2017 — class at the published score cut-offs (sums that floats get wrong)", () => {
  // Lundberg et al. 2017: without biopsy possible ≥ 5.3, probable ≥ 5.5, definite ≥ 7.5;
  // with biopsy possible ≥ 6.5, probable ≥ 6.7, definite ≥ 8.7. Each combination sums,
  // in naive floating point, to a hair off the true value (5.199999999999999, 5.500000000000001…).
  const cases: [boolean, number, Item[], number, EularAcrClass][] = [
    [false, 10, ["neckFlexorsWeakerThanExtensors", "gottronSign"], 5.2, "not_iim"],
    [false, 25, ["legsProximalWeakerThanDistal", "heliotropeRash"], 5.3, "possible"],
    [false, 10, ["proximalWeaknessLower", "gottronSign", "elevatedMuscleEnzymes"], 5.4, "possible"],
    [false, 50, ["proximalWeaknessLower", "neckFlexorsWeakerThanExtensors", "dysphagia"], 5.5, "probable"],
    [false, 25, ["proximalWeaknessUpper", "gottronPapules", "gottronSign"], 7.4, "probable"],
    [
      false,
      25,
      ["proximalWeaknessUpper", "legsProximalWeakerThanDistal", "gottronSign", "elevatedMuscleEnzymes"],
      7.5,
      "definite",
    ],
    [true, 10, ["antiJo1", "elevatedMuscleEnzymes", "perimysialPerivascularInfiltrate"], 6.4, "not_iim"],
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

  it("the class follows the score where the probability formula would say otherwise", () => {
    // 5.5 without biopsy: p = 0.542 (< 55 %), yet probable by the published cut-off.
    const at55 = computeEularAcr2017(
      withItems(false, 50, ["proximalWeaknessLower", "neckFlexorsWeakerThanExtensors", "dysphagia"]),
    );
    expect(at55.probability).toBeCloseTo(0.542, 3);
    expect(at55.class).toBe("probable");
    // 5.3 without biopsy: p = 0.49 (< 50 %), yet possible.
    const at53 = computeEularAcr2017(withItems(false, 25, ["legsProximalWeakerThanDistal", "heliotropeRash"]));
    expect(at53.probability).toBeLessThan(0.5);
    expect(at53.class).toBe("possible");
    // 7.5 without biopsy: p = 0.897 (< 90 %), yet definite.
    const at75 = computeEularAcr2017(
      withItems(false, 25, [
        "proximalWeaknessUpper",
        "legsProximalWeakerThanDistal",
        "gottronSign",
        "elevatedMuscleEnzymes",
      ]),
    );
    expect(at75.probability).toBeLessThan(0.9);
    expect(at75.class).toBe("definite");
  });

  it("eularAcrClass compares in tenths, so float noise around a cut-off does not matter", () => {
    expect(eularAcrClass(5.499999999999999, "without_biopsy")).toBe("probable");
    expect(eularAcrClass(5.500000000000001, "without_biopsy")).toBe("probable");
    expect(eularAcrClass(5.4, "without_biopsy")).toBe("possible");
    expect(eularAcrClass(8.699999999999999, "with_biopsy")).toBe("definite");
    expect(eularAcrClass(6.499999999999999, "with_biopsy")).toBe("possible");
    expect(eularAcrClass(0, "with_biopsy")).toBe("not_iim");
    expect(EULAR_ACR_CUT_OFFS).toEqual({
      without_biopsy: { possible: 53, probable: 55, definite: 75 },
      with_biopsy: { possible: 65, probable: 67, definite: 87 },
    });
  });

  it("the class of each end of a range uses the same cut-offs", () => {
    // Gottron's papules 2.1 + age ≥ 40 2.1 known; heliotrope unknown (0 or 3.1): 4.2 – 7.3.
    const r = computeEularAcr2017({ ...withItems(false, 50, ["gottronPapules"]), heliotropeRash: "NK" });
    expect(r.range.min.class).toBe("not_iim");
    expect(r.range.max.class).toBe("probable");
    expect(r.range.max.probability).toBeCloseTo(1 / (1 + Math.exp(5.33 - 7.3)), 12);
  });
});

describe("EULAR/ACR 2017 — age at onset as a range (partial dates)", () => {
  it("a range inside one band scores that band", () => {
    const r = computeEularAcr2017(withItems(false, 10, []));
    expect(r.items.ageAtOnset).toEqual({ points: 0, min: 0, max: 0 });
    const adult = computeEularAcr2017({ ...withItems(false, 10, []), ageAtOnsetYears: { min: 51, max: 52 } });
    expect(adult.items.ageAtOnset).toEqual({ points: 2.1, min: 2.1, max: 2.1 });
    expect(adult.complete).toBe(true);
    expect(adult.score).toBe(2.1);
    const young = computeEularAcr2017({ ...withItems(true, 10, []), ageAtOnsetYears: { min: 18, max: 19 } });
    expect(young.items.ageAtOnset?.points).toBe(1.5);
    const child = computeEularAcr2017({
      ...withItems(false, 10, ["heliotropeRash"]),
      ageAtOnsetYears: { min: 16, max: 17 },
    });
    expect(child.items.ageAtOnset?.points).toBe(0);
    expect(child.subgroup).toBe("juvenile_dm");
  });

  it("a range across a band edge is unknown, but only between the two bands", () => {
    const at40 = computeEularAcr2017({ ...withItems(false, 10, []), ageAtOnsetYears: { min: 39, max: 40 } });
    expect(at40.items.ageAtOnset).toEqual({ points: null, min: 1.3, max: 2.1 });
    expect(at40.unknownItems).toEqual(["ageAtOnset"]);
    expect(at40.range.min.score).toBe(1.3);
    expect(at40.range.max.score).toBe(2.1);
    const at18 = computeEularAcr2017({
      ...withItems(true, 10, ["gottronSign"]),
      ageAtOnsetYears: { min: 17, max: 18 },
    });
    expect(at18.items.ageAtOnset).toEqual({ points: null, min: 0, max: 1.5 });
    // Juvenile or adult cannot be told apart.
    expect(at18.subgroup).toBe("unknown");
  });

  it("an inverted or non-finite range is normalised or unknown", () => {
    expect(
      computeEularAcr2017({ ...withItems(false, 10, []), ageAtOnsetYears: { min: 52, max: 51 } }).items.ageAtOnset
        ?.points,
    ).toBe(2.1);
    expect(
      computeEularAcr2017({ ...withItems(false, 10, []), ageAtOnsetYears: { min: Number.NaN, max: 51 } }).items
        .ageAtOnset,
    ).toEqual({ points: null, min: 0, max: 2.1 });
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
    [
      "weakness unknown but another present",
      { ...withItems(false, 50, ["heliotropeRash", "neckFlexorsWeakerThanExtensors"]), proximalWeaknessLower: "NK" },
      "dm",
    ],
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
        if (!(typeof completed.ageAtOnsetYears === "number"))
          completed.ageAtOnsetYears = pick(random, [5, 18, 30, 40, 70]);
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
