import { describe, expect, it } from "vitest";
import { cleanNumber, decimalsOf, parseLocaleNumber } from "@/domain/crf/numbers";

describe("parseLocaleNumber — numbers as clinicians type them", () => {
  it.each([
    ["1,5", 1.5],
    ["1.5", 1.5],
    ["250 000", 250000],
    ["1 500,5", 1500.5],
    ["-2", -2],
    ["+3", 3],
    [",5", 0.5],
    [".5", 0.5],
    ["0", 0],
    ["  12  ", 12],
    // Non-breaking and narrow non-breaking spaces, as word processors insert them.
    ["1\u00a0000", 1000],
    ["1\u202f000,25", 1000.25],
    ["150000", 150000],
  ])("%j → %d", (raw, expected) => {
    expect(parseLocaleNumber(raw)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "1,2,3",
    "1.2.3",
    "1,000.5",
    "1.000,5",
    "abc",
    "12abc",
    "1e5",
    "1E5",
    "Infinity",
    "NaN",
    "0x10",
    "--2",
    "-",
    ",",
    "1/2",
    "5 mg",
  ])("%j is not a number", (raw) => {
    expect(parseLocaleNumber(raw)).toBeUndefined();
  });

  it("reads a comma and a dot as the same decimal separator", () => {
    for (const [comma, dot] of [
      ["0,01129", "0.01129"],
      ["88,4", "88.4"],
      ["-0,5", "-0.5"],
    ] as const) {
      expect(parseLocaleNumber(comma)).toBe(parseLocaleNumber(dot));
    }
  });
});

describe("cleanNumber — conversion noise removed, real digits kept", () => {
  it("removes the binary artefacts of unit conversions", () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(cleanNumber(0.1 * 3)).toBe(0.3);
    // 92 g/L × 0.1 = 9.200000000000001 in doubles: the HScore's haemoglobin cut-off (≤ 9.2).
    expect(92 * 0.1).not.toBe(9.2);
    expect(cleanNumber(92 * 0.1)).toBe(9.2);
    expect(cleanNumber(5100 * 0.001)).toBe(5.1);
    expect(cleanNumber(1.1 * 88.4)).toBe(97.24);
    expect(cleanNumber(133 * 0.01129)).toBe(1.50157);
  });

  it("keeps up to 12 significant digits", () => {
    expect(cleanNumber(24.9999813)).toBe(24.9999813);
    expect(cleanNumber(123.456789012)).toBe(123.456789012);
    expect(cleanNumber(1.0000000000001)).toBe(1);
    expect(cleanNumber(-0.30000000000000004)).toBe(-0.3);
    expect(cleanNumber(0)).toBe(0);
  });

  it("is idempotent", () => {
    for (const n of [0.3, 25, 1.5806, 3000.000001, 1e-7, 123456.789])
      expect(cleanNumber(cleanNumber(n))).toBe(cleanNumber(n));
  });
});

describe("decimalsOf", () => {
  it.each([
    ["1,50", 2],
    ["1.5", 1],
    ["250 000", 0],
    ["1 500,125", 3],
    ["12", 0],
  ])("%j has %d decimals", (raw, n) => {
    expect(decimalsOf(raw)).toBe(n);
  });
});
