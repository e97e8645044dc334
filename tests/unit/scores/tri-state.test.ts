import { describe, expect, it } from "vitest";
import {
  allOf,
  anyOf,
  atLeast,
  compareDecimal,
  criterionOf,
  criterionOfBoolean,
  isKnown,
  knownOrUndefined,
  roundTo,
  type Criterion,
} from "@/domain/scores";

describe("isKnown", () => {
  it("treats missing-data codes, null, undefined and non-finite numbers as unknown", () => {
    for (const v of ["NK", "ND", "NA", null, undefined, Number.NaN, Number.POSITIVE_INFINITY] as const) {
      expect(isKnown<number>(v)).toBe(false);
    }
  });

  it("treats false and 0 as known values, not as missing", () => {
    expect(isKnown<boolean>(false)).toBe(true);
    expect(isKnown<number>(0)).toBe(true);
    expect(knownOrUndefined<number>(0)).toBe(0);
    expect(knownOrUndefined<number>("ND")).toBeUndefined();
  });
});

describe("criteria", () => {
  it("keeps absent (not_met) apart from unknown", () => {
    expect(criterionOfBoolean(false)).toBe("not_met");
    expect(criterionOfBoolean("NK")).toBe("unknown");
    expect(criterionOfBoolean(true)).toBe("met");
    expect(criterionOf<number>(3, (v) => v > 2)).toBe("met");
    expect(criterionOf<number>(undefined, (v) => v > 2)).toBe("unknown");
  });

  it("atLeast decides as soon as the unknowns cannot change the answer", () => {
    expect(atLeast(2, ["met", "met", "unknown"])).toBe("met");
    expect(atLeast(2, ["met", "unknown", "not_met"])).toBe("unknown");
    expect(atLeast(2, ["met", "not_met", "not_met"])).toBe("not_met");
    expect(atLeast(2, ["unknown", "unknown", "not_met"])).toBe("unknown");
    expect(atLeast(0, [])).toBe("met");
  });

  it("anyOf / allOf follow three-valued logic", () => {
    expect(anyOf(["unknown", "met"])).toBe("met");
    expect(anyOf(["unknown", "not_met"])).toBe("unknown");
    expect(anyOf(["not_met", "not_met"])).toBe("not_met");
    expect(allOf(["unknown", "not_met"])).toBe("not_met");
    expect(allOf(["unknown", "met"])).toBe("unknown");
    expect(allOf(["met", "met"])).toBe("met");
  });

  it("atLeast agrees with every completion of its unknowns (exhaustive over 4 criteria)", () => {
    const states: readonly Criterion[] = ["met", "not_met", "unknown"];
    for (let code = 0; code < 81; code++) {
      const cs = [0, 1, 2, 3].map((i) => states[Math.floor(code / 3 ** i) % 3] as Criterion);
      for (let n = 1; n <= 4; n++) {
        const result = atLeast(n, cs);
        const unknownIdx = cs.flatMap((c, i) => (c === "unknown" ? [i] : []));
        const outcomes = new Set<boolean>();
        for (let mask = 0; mask < 2 ** unknownIdx.length; mask++) {
          const filled = cs.map((c, i) => {
            const k = unknownIdx.indexOf(i);
            return k === -1 ? c === "met" : ((mask >> k) & 1) === 1;
          });
          outcomes.add(filled.filter(Boolean).length >= n);
        }
        const expected = outcomes.size === 2 ? "unknown" : outcomes.has(true) ? "met" : "not_met";
        expect(result).toBe(expected);
      }
    }
  });
});

describe("decimal helpers", () => {
  it("absorbs conversion noise at a cut-off", () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(compareDecimal(0.1 * 3, 0.3)).toBe(0);
    expect(compareDecimal(1.5 - 1e-15, 1.5)).toBe(0);
    expect(compareDecimal(1.499, 1.5)).toBe(-1);
    expect(compareDecimal(9.201, 9.2)).toBe(1);
  });

  it("rounds halves away from zero despite binary representation", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(1.004, 2)).toBe(1);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
  });
});
