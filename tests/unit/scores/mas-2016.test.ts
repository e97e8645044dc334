import { describe, expect, it } from "vitest";
import { computeMas2016, type Mas2016Input, type Mas2016LabName, type Maybe } from "@/domain/scores";
import { pick, seededRandom } from "./random";

/** Febrile with high ferritin, no laboratory criterion met. */
const BASE: Mas2016Input = {
  febrile: true,
  ferritinUgl: 5000,
  plateletsGl: 300,
  astIul: 20,
  triglyceridesMmoll: 1,
  fibrinogenGl: 4,
};

describe("MAS 2016 — thresholds on both sides", () => {
  const labs: [Mas2016LabName, Mas2016Input, Mas2016Input][] = [
    // name, just met, just not met
    ["platelets", { plateletsGl: 181 }, { plateletsGl: 181.1 }],
    ["ast", { astIul: 48.1 }, { astIul: 48 }],
    ["triglycerides", { triglyceridesMmoll: 1.77 }, { triglyceridesMmoll: 1.76 }],
    ["fibrinogen", { fibrinogenGl: 3.6 }, { fibrinogenGl: 3.61 }],
  ];
  for (const [name, met, notMet] of labs) {
    it(name, () => {
      expect(computeMas2016({ ...BASE, ...met }).labs[name]).toBe("met");
      expect(computeMas2016({ ...BASE, ...notMet }).labs[name]).toBe("not_met");
    });
  }

  it("ferritin must exceed 684", () => {
    const twoLabs = { plateletsGl: 100, astIul: 80 };
    expect(computeMas2016({ ...BASE, ...twoLabs, ferritinUgl: 684.1 }).result).toBe("met");
    expect(computeMas2016({ ...BASE, ...twoLabs, ferritinUgl: 684 }).result).toBe("not_met");
  });

  it("needs two laboratory criteria, one is not enough", () => {
    expect(computeMas2016({ ...BASE, plateletsGl: 100 }).result).toBe("not_met");
    expect(computeMas2016({ ...BASE, plateletsGl: 100, fibrinogenGl: 2 }).result).toBe("met");
  });

  it("a non-febrile patient does not meet the criteria", () => {
    expect(computeMas2016({ ...BASE, febrile: false, plateletsGl: 100, astIul: 80 }).result).toBe("not_met");
  });

  it("conversion noise stays on the right side", () => {
    expect(computeMas2016({ ...BASE, fibrinogenGl: 3.6 + 4 * Number.EPSILON }).labs.fibrinogen).toBe("met");
    expect(computeMas2016({ ...BASE, triglyceridesMmoll: 1.76 + 2 * Number.EPSILON }).labs.triglycerides).toBe(
      "not_met",
    );
  });
});

describe("MAS 2016 — unknown data", () => {
  it("unknown fever leaves the result unknown when the rest is met", () => {
    const r = computeMas2016({ ...BASE, febrile: "NK", plateletsGl: 100, astIul: 80 });
    expect(r.febrile).toBe("unknown");
    expect(r.result).toBe("unknown");
  });

  it("a known failing part decides not_met whatever the unknowns", () => {
    expect(computeMas2016({ ferritinUgl: 300 }).result).toBe("not_met");
    expect(
      computeMas2016({ ...BASE, febrile: "NK", plateletsGl: "ND", astIul: "ND", triglyceridesMmoll: 1 }).result,
    ).toBe("unknown");
    expect(computeMas2016({ ...BASE, febrile: "NK", plateletsGl: "ND", fibrinogenGl: 4, astIul: 20 }).result).toBe(
      "not_met",
    );
  });

  it("one lab met and one unknown is unknown", () => {
    const r = computeMas2016({ ...BASE, plateletsGl: 100, astIul: "ND" });
    expect(r.twoOfFourLabs).toBe("unknown");
    expect(r.result).toBe("unknown");
  });

  it("nothing known is unknown", () => {
    expect(computeMas2016({}).result).toBe("unknown");
  });
});

describe("MAS 2016 — realistic MAS case", () => {
  it("febrile DM patient with hyperferritinaemia, thrombocytopenia, cytolysis, hypofibrinogenaemia", () => {
    const r = computeMas2016({
      febrile: true,
      ferritinUgl: 12_500,
      plateletsGl: 45,
      astIul: 156,
      triglyceridesMmoll: "NK",
      fibrinogenGl: 1.9,
    });
    expect(r.labs).toEqual({ platelets: "met", ast: "met", triglycerides: "unknown", fibrinogen: "met" });
    expect(r.result).toBe("met");
  });
});

describe("MAS 2016 — properties", () => {
  it("every completion agrees with a decided result", () => {
    const random = seededRandom(2016);
    const numbers: Record<string, readonly number[]> = {
      ferritinUgl: [300, 684, 684.1, 10_000],
      plateletsGl: [50, 181, 181.1, 300],
      astIul: [20, 48, 48.1, 300],
      triglyceridesMmoll: [1, 1.76, 1.77, 4],
      fibrinogenGl: [1, 3.6, 3.61, 5],
    };
    for (let run = 0; run < 300; run++) {
      const input: Record<string, Maybe<number> | Maybe<boolean>> = {
        febrile: pick(random, [true, false, "NK"] as const),
      };
      for (const [k, values] of Object.entries(numbers)) input[k] = random() < 0.3 ? "ND" : pick(random, values);
      const partial = computeMas2016(input as Mas2016Input);
      for (let fill = 0; fill < 20; fill++) {
        const done = { ...input };
        if (typeof done.febrile !== "boolean") done.febrile = random() < 0.5;
        for (const [k, values] of Object.entries(numbers))
          if (typeof done[k] !== "number") done[k] = pick(random, values);
        const full = computeMas2016(done as Mas2016Input);
        expect(full.result).not.toBe("unknown");
        if (partial.result !== "unknown") expect(full.result).toBe(partial.result);
      }
    }
  });
});
