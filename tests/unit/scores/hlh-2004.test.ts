import { describe, expect, it } from "vitest";
import { computeHlh2004, type Hlh2004CriterionName, type Hlh2004Input, type Maybe } from "@/domain/scores";
import { pick, seededRandom } from "./random";

/** Complete input meeting no criterion. */
const NONE: Hlh2004Input = {
  temperatureC: 37,
  splenomegaly: false,
  haemoglobinGdl: 13,
  plateletsGl: 250,
  neutrophilsGl: 4,
  triglyceridesMmoll: 1,
  fibrinogenGl: 3,
  haemophagocytosis: false,
  nkActivityLow: false,
  ferritinUgl: 100,
  solubleCd25Uml: 500,
};

const criterion = (name: Hlh2004CriterionName, patch: Hlh2004Input) =>
  computeHlh2004({ ...NONE, ...patch }).criteria[name];

describe("HLH-2004 — thresholds on both sides", () => {
  const cases: [Hlh2004CriterionName, Hlh2004Input, Hlh2004Input][] = [
    // name, just met, just not met
    ["fever", { temperatureC: 38.5 }, { temperatureC: 38.49 }],
    ["splenomegaly", { splenomegaly: true }, { splenomegaly: false }],
    ["hypertriglyceridaemiaOrHypofibrinogenaemia", { triglyceridesMmoll: 3.0 }, { triglyceridesMmoll: 2.99 }],
    ["hypertriglyceridaemiaOrHypofibrinogenaemia", { fibrinogenGl: 1.5 }, { fibrinogenGl: 1.51 }],
    ["haemophagocytosis", { haemophagocytosis: true }, { haemophagocytosis: false }],
    ["lowNkActivity", { nkActivityLow: true }, { nkActivityLow: false }],
    ["ferritin", { ferritinUgl: 500 }, { ferritinUgl: 499.9 }],
    ["solubleCd25", { solubleCd25Uml: 2400 }, { solubleCd25Uml: 2399 }],
  ];
  for (const [name, met, notMet] of cases) {
    it(`${name}: ${JSON.stringify(met)} met, ${JSON.stringify(notMet)} not met`, () => {
      expect(criterion(name, met)).toBe("met");
      expect(criterion(name, notMet)).toBe("not_met");
    });
  }

  it("cytopenias need 2 of Hb < 9, platelets < 100, neutrophils < 1 (strict)", () => {
    const low = { haemoglobinGdl: 8.99, plateletsGl: 99.9, neutrophilsGl: 0.99 };
    const edge = { haemoglobinGdl: 9, plateletsGl: 100, neutrophilsGl: 1 };
    expect(criterion("cytopenias", low)).toBe("met");
    expect(criterion("cytopenias", edge)).toBe("not_met");
    for (const key of Object.keys(low) as (keyof typeof low)[]) {
      expect(criterion("cytopenias", { ...low, [key]: edge[key] }), key).toBe("met");
      expect(criterion("cytopenias", { ...edge, [key]: low[key] }), key).toBe("not_met");
    }
  });

  it("conversion noise stays on the right side", () => {
    expect(criterion("fever", { temperatureC: 38.5 - 4 * Number.EPSILON })).toBe("met");
    expect(criterion("cytopenias", { haemoglobinGdl: 9 - 4 * Number.EPSILON, plateletsGl: 50, neutrophilsGl: 4 })).toBe(
      "not_met",
    );
    expect(criterion("hypertriglyceridaemiaOrHypofibrinogenaemia", { fibrinogenGl: 1.5 + 2 * Number.EPSILON })).toBe(
      "met",
    );
    expect(
      criterion("hypertriglyceridaemiaOrHypofibrinogenaemia", { triglyceridesMmoll: 3 - 2 * Number.EPSILON }),
    ).toBe("met");
  });
});

describe("HLH-2004 — unknown criteria", () => {
  it("each criterion is unknown when its data are", () => {
    const r = computeHlh2004({});
    expect(Object.values(r.criteria).every((c) => c === "unknown")).toBe(true);
    expect(r.unknownCount).toBe(8);
    expect(r.metCount).toBe(0);
    expect(r.fulfilled).toBe("undetermined");
  });

  it("an OR criterion is met by one known part and unknown only if the other part is not met", () => {
    expect(
      criterion("hypertriglyceridaemiaOrHypofibrinogenaemia", { triglyceridesMmoll: 3.5, fibrinogenGl: "ND" }),
    ).toBe("met");
    expect(criterion("hypertriglyceridaemiaOrHypofibrinogenaemia", { triglyceridesMmoll: 1, fibrinogenGl: "ND" })).toBe(
      "unknown",
    );
  });

  it("cytopenias with unknown lineages", () => {
    expect(criterion("cytopenias", { haemoglobinGdl: 8, plateletsGl: 50, neutrophilsGl: "NK" })).toBe("met");
    expect(criterion("cytopenias", { haemoglobinGdl: 8, plateletsGl: 150, neutrophilsGl: "NK" })).toBe("unknown");
    expect(criterion("cytopenias", { haemoglobinGdl: 12, plateletsGl: 150, neutrophilsGl: "NK" })).toBe("not_met");
  });

  it("fulfilled: yes at 5 met, no when even all unknowns could not reach 5, else undetermined", () => {
    const fourMet: Hlh2004Input = { temperatureC: 39, splenomegaly: true, ferritinUgl: 3000, solubleCd25Uml: 5000 };
    expect(computeHlh2004({ ...NONE, ...fourMet }).fulfilled).toBe("no");
    expect(computeHlh2004({ ...NONE, ...fourMet, haemophagocytosis: true }).fulfilled).toBe("yes");
    expect(computeHlh2004({ ...NONE, ...fourMet, nkActivityLow: "ND" }).fulfilled).toBe("undetermined");
    const threeMetOneUnknown = computeHlh2004({
      ...NONE,
      temperatureC: 39,
      splenomegaly: true,
      ferritinUgl: 3000,
      nkActivityLow: "ND",
    });
    expect(threeMetOneUnknown).toMatchObject({ metCount: 3, unknownCount: 1, fulfilled: "no" });
  });
});

describe("HLH-2004 — realistic MAS case", () => {
  it("febrile DM patient with splenomegaly, bicytopenia, marrow haemophagocytosis, NK and sCD25 not done", () => {
    const r = computeHlh2004({
      temperatureC: 39.8,
      splenomegaly: true,
      haemoglobinGdl: 8.1,
      plateletsGl: 45,
      neutrophilsGl: 1.6,
      triglyceridesMmoll: 3.2,
      fibrinogenGl: 1.9,
      haemophagocytosis: true,
      nkActivityLow: "ND",
      ferritinUgl: 12_500,
      solubleCd25Uml: "ND",
    });
    expect(r.metCount).toBe(6);
    expect(r.unknownCount).toBe(2);
    expect(r.fulfilled).toBe("yes");
    expect(r.criteria.lowNkActivity).toBe("unknown");
  });
});

describe("HLH-2004 — properties", () => {
  it("met + unknown ≤ 8, and every completion agrees with a decided result", () => {
    const random = seededRandom(2004);
    const numbers: Record<string, readonly number[]> = {
      temperatureC: [37, 38.49, 38.5, 40],
      haemoglobinGdl: [7, 8.99, 9, 12],
      plateletsGl: [30, 99.9, 100, 250],
      neutrophilsGl: [0.5, 0.99, 1, 4],
      triglyceridesMmoll: [1, 2.99, 3, 5],
      fibrinogenGl: [1, 1.5, 1.51, 4],
      ferritinUgl: [100, 499, 500, 20_000],
      solubleCd25Uml: [500, 2399, 2400, 10_000],
    };
    const flags = ["splenomegaly", "haemophagocytosis", "nkActivityLow"];
    for (let run = 0; run < 300; run++) {
      const input: Record<string, Maybe<number> | Maybe<boolean>> = {};
      for (const [k, values] of Object.entries(numbers)) input[k] = random() < 0.3 ? "NK" : pick(random, values);
      for (const k of flags) input[k] = random() < 0.3 ? "ND" : random() < 0.5;
      const partial = computeHlh2004(input as Hlh2004Input);
      expect(partial.metCount + partial.unknownCount).toBeLessThanOrEqual(8);
      for (let fill = 0; fill < 20; fill++) {
        const done = { ...input };
        for (const [k, values] of Object.entries(numbers))
          if (typeof done[k] !== "number") done[k] = pick(random, values);
        for (const k of flags) if (typeof done[k] !== "boolean") done[k] = random() < 0.5;
        const full = computeHlh2004(done as Hlh2004Input);
        expect(full.unknownCount).toBe(0);
        expect(full.metCount).toBeGreaterThanOrEqual(partial.metCount);
        expect(full.metCount).toBeLessThanOrEqual(partial.metCount + partial.unknownCount);
        if (partial.fulfilled !== "undetermined") expect(full.fulfilled).toBe(partial.fulfilled);
      }
    }
  });
});
