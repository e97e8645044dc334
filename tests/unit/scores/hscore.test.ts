import { describe, expect, it } from "vitest";
import { computeHScore, hscoreProbability, type HScoreInput, type Maybe } from "@/domain/scores";
import { pick, seededRandom } from "./random";

/** A complete input scoring 0 on every item. */
const ZERO: Required<{ [K in keyof HScoreInput]: NonNullable<HScoreInput[K]> }> = {
  knownImmunosuppression: false,
  temperatureC: 37,
  hepatomegaly: false,
  splenomegaly: false,
  haemoglobinGdl: 13,
  leukocytesGl: 7,
  plateletsGl: 250,
  ferritinUgl: 300,
  triglyceridesMmoll: 1.0,
  fibrinogenGl: 3.5,
  astIul: 20,
  boneMarrowHaemophagocytosis: false,
};

const score = (patch: HScoreInput) => computeHScore({ ...ZERO, ...patch });

describe("HScore — cut-offs on both sides", () => {
  const cases: [string, HScoreInput, number][] = [
    ["temperature 38.39", { temperatureC: 38.39 }, 0],
    ["temperature 38.4", { temperatureC: 38.4 }, 33],
    ["temperature 39.4", { temperatureC: 39.4 }, 33],
    ["temperature 39.41", { temperatureC: 39.41 }, 49],
    ["ferritin 1999", { ferritinUgl: 1999 }, 0],
    ["ferritin 2000", { ferritinUgl: 2000 }, 35],
    ["ferritin 6000", { ferritinUgl: 6000 }, 35],
    ["ferritin 6001", { ferritinUgl: 6001 }, 50],
    ["triglycerides 1.49", { triglyceridesMmoll: 1.49 }, 0],
    ["triglycerides 1.5", { triglyceridesMmoll: 1.5 }, 44],
    ["triglycerides 4", { triglyceridesMmoll: 4 }, 44],
    ["triglycerides 4.01", { triglyceridesMmoll: 4.01 }, 64],
    ["fibrinogen 2.51", { fibrinogenGl: 2.51 }, 0],
    ["fibrinogen 2.5", { fibrinogenGl: 2.5 }, 30],
    ["AST 29", { astIul: 29 }, 0],
    ["AST 30", { astIul: 30 }, 19],
    ["immunosuppression", { knownImmunosuppression: true }, 18],
    ["bone-marrow haemophagocytosis", { boneMarrowHaemophagocytosis: true }, 35],
    ["hepatomegaly only", { hepatomegaly: true }, 23],
    ["splenomegaly only", { splenomegaly: true }, 23],
    ["both organs", { hepatomegaly: true, splenomegaly: true }, 38],
  ];
  for (const [name, patch, points] of cases) {
    it(`${name} → ${points}`, () => {
      const r = score(patch);
      expect(r.total).toEqual({ min: points, max: points });
      expect(r.complete).toBe(true);
    });
  }

  it("cytopenia lineages count at ≤ 9.2 / ≤ 5 / ≤ 110 and not above", () => {
    const low = { haemoglobinGdl: 9.2, leukocytesGl: 5, plateletsGl: 110 };
    const high = { haemoglobinGdl: 9.21, leukocytesGl: 5.01, plateletsGl: 111 };
    expect(score(low).items.cytopenias.points).toBe(34);
    expect(score(high).items.cytopenias.points).toBe(0);
    for (const key of Object.keys(low) as (keyof typeof low)[]) {
      // Two low lineages and the third at its edge: 24 just above, 34 at it.
      expect(score({ ...low, [key]: high[key] }).items.cytopenias.points, key).toBe(24);
      // One low lineage alone scores nothing.
      expect(score({ ...high, [key]: low[key] }).items.cytopenias.points, key).toBe(0);
    }
  });

  it("conversion noise does not push a value across a cut-off", () => {
    expect(0.1 * 92).not.toBe(9.2);
    // 102.92 °F converted to °C is 39.400000000000006, not 39.4.
    expect(((102.92 - 32) * 5) / 9).not.toBe(39.4);
    expect(score({ temperatureC: ((102.92 - 32) * 5) / 9 }).items.temperature.points).toBe(33);
    expect(score({ temperatureC: 38.4 - Number.EPSILON * 16 }).items.temperature.points).toBe(33);
    expect(score({ haemoglobinGdl: 0.1 * 92, leukocytesGl: 5, plateletsGl: 111 }).items.cytopenias.points).toBe(24);
    expect(score({ triglyceridesMmoll: 1.5 - Number.EPSILON }).items.triglycerides.points).toBe(44);
    expect(score({ triglyceridesMmoll: 4 + 4 * Number.EPSILON }).items.triglycerides.points).toBe(44);
    expect(score({ fibrinogenGl: 2.5 + 2 * Number.EPSILON }).items.fibrinogen.points).toBe(30);
    expect(score({ ferritinUgl: 6000.000000000001 }).items.ferritin.points).toBe(35);
  });
});

describe("HScore — unknown items give a range", () => {
  it("everything unknown: 0–337", () => {
    const r = computeHScore({});
    expect(r.total).toEqual({ min: 0, max: 337 });
    expect(r.complete).toBe(false);
    expect(r.unknownItems).toHaveLength(9);
    expect(r.atLeast169).toBe("undetermined");
  });

  it("missing-data codes behave like missing values", () => {
    const r = score({ temperatureC: "NK", ferritinUgl: "ND", astIul: "NA" });
    expect(r.items.temperature).toEqual({ points: null, min: 0, max: 49 });
    expect(r.items.ferritin).toEqual({ points: null, min: 0, max: 50 });
    expect(r.items.ast).toEqual({ points: null, min: 0, max: 19 });
    expect(r.total).toEqual({ min: 0, max: 118 });
    expect(r.unknownItems).toEqual(["temperature", "ferritin", "ast"]);
  });

  it("cytopenias with unknown lineages", () => {
    const cases: [Maybe<number>, Maybe<number>, Maybe<number>, number, number][] = [
      // Hb, leukocytes, platelets → min, max
      [8, 3, "NK", 24, 34],
      [8, 7, "NK", 0, 24],
      [13, 7, "NK", 0, 0],
      [8, "NK", "NK", 0, 34],
      [13, "NK", "NK", 0, 24],
      ["NK", "NK", "NK", 0, 34],
    ];
    for (const [hb, wbc, plt, min, max] of cases) {
      const item = score({ haemoglobinGdl: hb, leukocytesGl: wbc, plateletsGl: plt }).items.cytopenias;
      expect([item.min, item.max], `${hb}/${wbc}/${plt}`).toEqual([min, max]);
      expect(item.points).toBe(min === max ? min : null);
    }
  });

  it("organomegaly with one organ unknown", () => {
    expect(score({ hepatomegaly: true, splenomegaly: "NK" }).items.organomegaly).toEqual({
      points: null,
      min: 23,
      max: 38,
    });
    expect(score({ hepatomegaly: false, splenomegaly: "NK" }).items.organomegaly).toEqual({
      points: null,
      min: 0,
      max: 23,
    });
    expect(score({ hepatomegaly: undefined, splenomegaly: null }).items.organomegaly).toEqual({
      points: null,
      min: 0,
      max: 38,
    });
  });

  it("best cut-off 169: certain, impossible, undetermined at the edge", () => {
    // 33 + 23 + 64 + 30 + 19 = 169
    const at169: HScoreInput = {
      temperatureC: 39,
      hepatomegaly: true,
      triglyceridesMmoll: 4.5,
      fibrinogenGl: 2,
      astIul: 40,
    };
    expect(score(at169).total.min).toBe(169);
    expect(score(at169).atLeast169).toBe("certain");
    expect(score({ ...at169, knownImmunosuppression: "NK" }).atLeast169).toBe("certain");
    // 50 + 64 + 19 + 35 = 168
    const at168: HScoreInput = {
      ferritinUgl: 7000,
      triglyceridesMmoll: 4.5,
      astIul: 40,
      boneMarrowHaemophagocytosis: true,
    };
    expect(score(at168).total.max).toBe(168);
    expect(score(at168).atLeast169).toBe("impossible");
    // 168 with fibrinogen unknown (0 or 30): could go either way.
    expect(score({ ...at168, fibrinogenGl: "ND" }).atLeast169).toBe("undetermined");
    // 169 − 19 = 150 known, AST unknown: 150–169.
    expect(score({ ...at169, astIul: "NK" }).atLeast169).toBe("undetermined");
  });
});

describe("HScore — probability table", () => {
  const rows: [number, number][] = [
    [100, 1],
    [110, 3],
    [120, 5],
    [130, 9],
    [140, 16],
    [150, 25],
    [160, 40],
    [170, 54],
    [180, 70],
    [190, 80],
    [200, 88],
    [210, 93],
    [220, 96],
    [230, 98],
    [240, 99],
  ];
  it("returns every published row exactly", () => {
    for (const [s, p] of rows) expect(hscoreProbability(s), `score ${s}`).toMatchObject({ kind: "value", percent: p });
  });

  it("interpolates linearly between rows in exact tenths", () => {
    expect(hscoreProbability(169)).toEqual({ kind: "value", percent: 52.6, label: "52.6 %" });
    expect(hscoreProbability(105).percent).toBe(2);
    expect(hscoreProbability(163).percent).toBe(44.2);
    expect(hscoreProbability(247).percent).toBe(99);
  });

  it("open-ended ends", () => {
    for (const s of [0, 90, 91, 99]) expect(hscoreProbability(s)).toEqual({ kind: "below", percent: 1, label: "<1 %" });
    for (const s of [250, 300, 337])
      expect(hscoreProbability(s)).toEqual({ kind: "above", percent: 99, label: ">99 %" });
  });

  it("gives the probability for both ends of a range", () => {
    const r = score({ temperatureC: 39, hepatomegaly: true, triglyceridesMmoll: 4.5, fibrinogenGl: 2, astIul: "NK" });
    expect(r.total).toEqual({ min: 150, max: 169 });
    expect(r.probability.min.percent).toBe(25);
    expect(r.probability.max.percent).toBe(52.6);
  });
});

describe("HScore — realistic MAS case", () => {
  it("woman on mycophenolate with anti-MDA5 DM, febrile pancytopenia and marrow haemophagocytosis", () => {
    const r = computeHScore({
      knownImmunosuppression: true, // 18
      temperatureC: 39.8, // 49
      hepatomegaly: false,
      splenomegaly: true, // 23
      haemoglobinGdl: 8.1,
      leukocytesGl: 2.3,
      plateletsGl: 45, // 34
      ferritinUgl: 12_500, // 50
      triglyceridesMmoll: 3.2, // 44
      fibrinogenGl: 1.9, // 30
      astIul: 156, // 19
      boneMarrowHaemophagocytosis: true, // 35
    });
    expect(r.total).toEqual({ min: 302, max: 302 });
    expect(r.complete).toBe(true);
    expect(r.probability.min.kind).toBe("above");
    expect(r.atLeast169).toBe("certain");
  });
});

describe("HScore — properties", () => {
  it("min ≤ max, and completing the unknowns always lands within the range", () => {
    const random = seededRandom(169);
    const numbers: Record<string, readonly number[]> = {
      temperatureC: [36.5, 38.39, 38.4, 39.4, 39.41, 40.5],
      haemoglobinGdl: [7, 9.2, 9.21, 13],
      leukocytesGl: [1, 5, 5.01, 9],
      plateletsGl: [20, 110, 111, 300],
      ferritinUgl: [500, 1999, 2000, 6000, 6001, 30_000],
      triglyceridesMmoll: [1, 1.49, 1.5, 4, 4.01, 8],
      fibrinogenGl: [1, 2.5, 2.51, 5],
      astIul: [10, 29, 30, 300],
    };
    const flags = ["knownImmunosuppression", "hepatomegaly", "splenomegaly", "boneMarrowHaemophagocytosis"];
    const unknowns = ["NK", "ND", undefined] as const;
    for (let run = 0; run < 300; run++) {
      const input: Record<string, Maybe<number> | Maybe<boolean>> = {};
      for (const [k, values] of Object.entries(numbers))
        input[k] = random() < 0.3 ? pick(random, unknowns) : pick(random, values);
      for (const k of flags) input[k] = random() < 0.3 ? pick(random, unknowns) : random() < 0.5;
      const partial = computeHScore(input as HScoreInput);
      expect(partial.total.min).toBeLessThanOrEqual(partial.total.max);
      expect(partial.complete).toBe(partial.total.min === partial.total.max);
      for (let fill = 0; fill < 20; fill++) {
        const done = { ...input };
        for (const [k, values] of Object.entries(numbers))
          if (typeof done[k] !== "number") done[k] = pick(random, values);
        for (const k of flags) if (typeof done[k] !== "boolean") done[k] = random() < 0.5;
        const full = computeHScore(done as HScoreInput);
        expect(full.complete).toBe(true);
        expect(full.total.min).toBeGreaterThanOrEqual(partial.total.min);
        expect(full.total.max).toBeLessThanOrEqual(partial.total.max);
        if (partial.atLeast169 === "certain") expect(full.total.min).toBeGreaterThanOrEqual(169);
        if (partial.atLeast169 === "impossible") expect(full.total.min).toBeLessThan(169);
      }
    }
  });

  it("the bounds are attained: all-unknown-low and all-unknown-high completions reach min and max", () => {
    const input: HScoreInput = {
      ...ZERO,
      haemoglobinGdl: 8,
      leukocytesGl: "NK",
      plateletsGl: "NK",
      hepatomegaly: "NK",
      temperatureC: "ND",
    };
    const r = computeHScore(input);
    const low = computeHScore({ ...input, leukocytesGl: 9, plateletsGl: 300, hepatomegaly: false, temperatureC: 37 });
    const high = computeHScore({ ...input, leukocytesGl: 1, plateletsGl: 20, hepatomegaly: true, temperatureC: 40 });
    expect(low.total.min).toBe(r.total.min);
    expect(high.total.max).toBe(r.total.max);
  });
});
