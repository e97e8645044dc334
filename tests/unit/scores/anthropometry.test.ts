import { describe, expect, it } from "vitest";
import { ageInYears, bsaMosteller, daysBetween, parseIsoDate } from "@/domain/scores";

describe("Mosteller body surface area", () => {
  it("computes √(cm·kg/3600) rounded to 2 decimals", () => {
    expect(bsaMosteller(180, 80)).toBe(2);
    expect(bsaMosteller(170, 70)).toBe(1.82); // 1.8181…
    expect(bsaMosteller(160, 55)).toBe(1.56); // 1.5634…
    expect(bsaMosteller(110, 18)).toBe(0.74); // 0.7416… (child)
  });

  it("rounds a half up even when the double is just below it", () => {
    // 100 cm × 36.3609 kg / 3600 = 1.010025 = 1.005²
    expect(bsaMosteller(100, 36.3609)).toBe(1.01);
  });

  it("is null when a measure is unknown or not positive", () => {
    expect(bsaMosteller("NK", 70)).toBeNull();
    expect(bsaMosteller(170, undefined)).toBeNull();
    expect(bsaMosteller(170, 0)).toBeNull();
    expect(bsaMosteller(-170, 70)).toBeNull();
    expect(bsaMosteller(Number.NaN, 70)).toBeNull();
  });
});

describe("ISO date parsing", () => {
  it("accepts real days only", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2000-02-29")).not.toBeNull();
    for (const bad of [
      "2023-02-29",
      "1900-02-29",
      "2021-04-31",
      "2021-13-01",
      "2021-00-10",
      "2021-01-00",
      "2021-2-3",
      "2021-02-03T00:00",
      "NK",
      "",
      null,
      undefined,
    ]) {
      expect(parseIsoDate(bad), String(bad)).toBeNull();
    }
  });
});

describe("age in whole years", () => {
  it("changes exactly on the birthday", () => {
    expect(ageInYears("1970-06-15", "2020-06-14")).toBe(49);
    expect(ageInYears("1970-06-15", "2020-06-15")).toBe(50);
    expect(ageInYears("1970-06-15", "2020-12-31")).toBe(50);
    expect(ageInYears("1970-12-31", "2021-01-01")).toBe(50);
    expect(ageInYears("2002-03-10", "2020-03-09")).toBe(17);
    expect(ageInYears("2002-03-10", "2020-03-10")).toBe(18);
  });

  it("born on 29 February: a year older on 1 March in common years", () => {
    expect(ageInYears("2000-02-29", "2019-02-28")).toBe(18);
    expect(ageInYears("2000-02-29", "2019-03-01")).toBe(19);
    expect(ageInYears("2000-02-29", "2020-02-28")).toBe(19);
    expect(ageInYears("2000-02-29", "2020-02-29")).toBe(20);
  });

  it("is 0 on the day of birth and null before it or on invalid dates", () => {
    expect(ageInYears("2010-05-05", "2010-05-05")).toBe(0);
    expect(ageInYears("2010-05-05", "2010-05-04")).toBeNull();
    expect(ageInYears("2010-05-05", "ND")).toBeNull();
    expect(ageInYears("2010-02-30", "2020-01-01")).toBeNull();
  });
});

describe("delay in days", () => {
  it("counts calendar days, negative when the second date is earlier", () => {
    expect(daysBetween("2020-01-01", "2020-01-01")).toBe(0);
    expect(daysBetween("2020-01-01", "2020-01-31")).toBe(30);
    expect(daysBetween("2020-03-01", "2020-01-01")).toBe(-60);
    expect(daysBetween("2019-12-31", "2020-01-01")).toBe(1);
  });

  it("handles leap years and daylight-saving changes", () => {
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
    expect(daysBetween("2021-02-28", "2021-03-01")).toBe(1);
    expect(daysBetween("1900-02-28", "1900-03-01")).toBe(1);
    expect(daysBetween("2023-03-25", "2023-03-27")).toBe(2); // France springs forward 26 March
    expect(daysBetween("2010-01-01", "2020-01-01")).toBe(3652);
    expect(daysBetween("1900-01-01", "2000-01-01")).toBe(36524);
  });

  it("is null when a date is invalid or unknown", () => {
    expect(daysBetween("2020-02-30", "2020-03-01")).toBeNull();
    expect(daysBetween(undefined, "2020-03-01")).toBeNull();
  });
});
