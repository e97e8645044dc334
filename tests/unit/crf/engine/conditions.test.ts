import { describe, expect, it } from "vitest";
import type { FieldAnswer } from "@/domain/crf/answers";
import { conditionFields, holds, type AnswerLookup } from "@/domain/crf/conditions";
import type { Condition } from "@/domain/crf/types";

const lookupOf =
  (answers: Record<string, FieldAnswer>): AnswerLookup =>
  (id) =>
    answers[id];

const A = lookupOf({
  cancer: { v: "yes" },
  cancer_type: { v: "other" },
  ana: { v: "negative" },
  sites: { v: ["spleen", "bone_marrow"] },
  coded: { code: "NK" },
  hidden: { code: "NA" },
  empty: { v: "" },
  noSites: { v: [] },
});

describe("holds — single conditions", () => {
  it("no condition: always shown", () => {
    expect(holds(undefined, A)).toBe(true);
  });

  it("equals", () => {
    expect(holds({ field: "cancer", equals: "yes" }, A)).toBe(true);
    expect(holds({ field: "cancer", equals: "no" }, A)).toBe(false);
    // Case-sensitive, no trimming: the stored option value is compared.
    expect(holds({ field: "cancer", equals: "Yes" }, A)).toBe(false);
  });

  it("in", () => {
    expect(holds({ field: "cancer_type", in: ["breast", "other"] }, A)).toBe(true);
    expect(holds({ field: "cancer_type", in: ["breast", "lung"] }, A)).toBe(false);
    expect(holds({ field: "cancer_type", in: [] }, A)).toBe(false);
    // A multiple-choice answer is not "in" a list of single values.
    expect(holds({ field: "sites", in: ["spleen"] }, A)).toBe(false);
  });

  it("includes (multiple choice)", () => {
    expect(holds({ field: "sites", includes: "bone_marrow" }, A)).toBe(true);
    expect(holds({ field: "sites", includes: "liver" }, A)).toBe(false);
    expect(holds({ field: "noSites", includes: "liver" }, A)).toBe(false);
    // A single-choice string does not "include" a substring of itself.
    expect(holds({ field: "cancer_type", includes: "oth" }, A)).toBe(false);
    expect(holds({ field: "cancer_type", includes: "other" }, A)).toBe(false);
  });

  it("a missing answer, a missing-data code, NA or an empty value never satisfies a condition", () => {
    for (const id of ["absent", "coded", "hidden", "empty"]) {
      expect(holds({ field: id, equals: "yes" }, A), id).toBe(false);
      expect(holds({ field: id, in: ["yes", "NK", "NA", ""] }, A), id).toBe(false);
      expect(holds({ field: id, includes: "yes" }, A), id).toBe(false);
    }
    // Even when the condition names the code itself: codes are not values.
    expect(holds({ field: "coded", equals: "NK" }, A)).toBe(false);
  });
});

describe("holds — combinations", () => {
  const yes: Condition = { field: "cancer", equals: "yes" };
  const no: Condition = { field: "cancer", equals: "no" };
  const missing: Condition = { field: "absent", equals: "yes" };

  it("all: every part must hold", () => {
    expect(holds({ all: [yes, { field: "cancer_type", equals: "other" }] }, A)).toBe(true);
    expect(holds({ all: [yes, no] }, A)).toBe(false);
    expect(holds({ all: [yes, missing] }, A)).toBe(false);
    expect(holds({ all: [] }, A)).toBe(true);
  });

  it("any: one part is enough", () => {
    expect(holds({ any: [no, yes] }, A)).toBe(true);
    expect(holds({ any: [no, missing] }, A)).toBe(false);
    expect(holds({ any: [] }, A)).toBe(false);
  });

  it("nests", () => {
    expect(holds({ all: [{ any: [no, yes] }, { any: [{ field: "sites", includes: "spleen" }, missing] }] }, A)).toBe(
      true,
    );
    expect(holds({ any: [{ all: [yes, no] }, { all: [missing] }] }, A)).toBe(false);
  });
});

describe("conditionFields", () => {
  it("lists every field a condition reads, nested ones included", () => {
    expect(conditionFields(undefined)).toEqual([]);
    expect(conditionFields({ field: "cancer", equals: "yes" })).toEqual(["cancer"]);
    expect(
      conditionFields({
        all: [
          { field: "a", equals: "x" },
          {
            any: [
              { field: "b", in: ["y"] },
              { field: "c", includes: "z" },
            ],
          },
        ],
      }),
    ).toEqual(["a", "b", "c"]);
  });
});
