import { describe, expect, it } from "vitest";
import {
  asCaseAnswers,
  EMPTY_ANSWERS,
  hasValue,
  isAnswered,
  listOf,
  numberOf,
  sameAnswer,
  stringOf,
} from "@/domain/crf/answers";

describe("isAnswered / hasValue", () => {
  it("a value or a code answers a field; empty does not", () => {
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered({})).toBe(false);
    expect(isAnswered({ v: "" })).toBe(false);
    expect(isAnswered({ v: [] })).toBe(false);
    expect(isAnswered({ v: 0 })).toBe(true);
    expect(isAnswered({ v: "no" })).toBe(true);
    expect(isAnswered({ v: ["spleen"] })).toBe(true);
    expect(isAnswered({ code: "NK" })).toBe(true);
    expect(isAnswered({ code: "ND" })).toBe(true);
    expect(isAnswered({ code: "NA" })).toBe(true);
  });

  it("a code is not a value", () => {
    expect(hasValue({ code: "NK" })).toBe(false);
    expect(hasValue({ v: 0 })).toBe(true);
    expect(numberOf({ v: 0 })).toBe(0);
    expect(numberOf({ v: "0" })).toBeUndefined();
    expect(numberOf({ code: "ND" })).toBeUndefined();
    expect(stringOf({ v: "yes" })).toBe("yes");
    expect(stringOf({ v: 1 })).toBeUndefined();
    expect(listOf({ v: ["a"] })).toEqual(["a"]);
    expect(listOf({ v: "a" })).toBeUndefined();
  });
});

describe("sameAnswer — content, not key order", () => {
  it("ignores key order and treats confirmed: false as absent", () => {
    expect(sameAnswer({ unit: "g_l", v: 9.2, entered: 92 }, { v: 9.2, entered: 92, unit: "g_l" })).toBe(true);
    expect(sameAnswer({ v: 1, confirmed: false }, { v: 1 })).toBe(true);
    expect(sameAnswer(null, undefined)).toBe(true);
  });

  it("sees every stored part", () => {
    expect(sameAnswer({ v: 1 }, { v: 1, confirmed: true })).toBe(false);
    expect(sameAnswer({ v: 1 }, { v: 1, unit: "g_l" })).toBe(false);
    expect(sameAnswer({ v: 1, entered: 10 }, { v: 1, entered: 1 })).toBe(false);
    expect(sameAnswer({ code: "NK" }, { code: "ND" })).toBe(false);
    expect(sameAnswer({ v: 1 }, null)).toBe(false);
    expect(sameAnswer({ v: "1" }, { v: 1 })).toBe(false);
  });
});

describe("asCaseAnswers — defensive reading of stored JSON", () => {
  it("anything unexpected becomes empty answers", () => {
    expect(asCaseAnswers(null)).toEqual(EMPTY_ANSWERS);
    expect(asCaseAnswers("x")).toEqual(EMPTY_ANSWERS);
    expect(asCaseAnswers({})).toEqual({ fields: {}, blocks: {} });
    expect(asCaseAnswers({ fields: 3, blocks: null })).toEqual({ fields: {}, blocks: {} });
  });

  it("keeps well-formed parts", () => {
    const json = { fields: { sex: { v: "F" } }, blocks: { sam_relapses: [] } };
    expect(asCaseAnswers(json)).toEqual(json);
  });
});
