import { describe, expect, it } from "vitest";
import { addYears, isBefore, parsePartialDate, type PartialDate } from "@/domain/crf/partial-dates";

const d = (value: string): PartialDate => {
  const p = parsePartialDate(value);
  if (!p) throw new Error(`invalid test date ${value}`);
  return p;
};

describe("parsePartialDate", () => {
  it("reads a day as a one-day range", () => {
    expect(parsePartialDate("2015-03-12")).toEqual({ precision: "day", earliest: "2015-03-12", latest: "2015-03-12" });
  });

  it("reads a month as its first to last day (leap years included)", () => {
    expect(parsePartialDate("2015-03")).toEqual({ precision: "month", earliest: "2015-03-01", latest: "2015-03-31" });
    expect(parsePartialDate("2015-04")?.latest).toBe("2015-04-30");
    expect(parsePartialDate("2020-02")?.latest).toBe("2020-02-29");
    expect(parsePartialDate("2021-02")?.latest).toBe("2021-02-28");
    expect(parsePartialDate("1900-02")?.latest).toBe("1900-02-28");
    expect(parsePartialDate("2000-02")?.latest).toBe("2000-02-29");
  });

  it("reads a year as 1 January to 31 December", () => {
    expect(parsePartialDate("2015")).toEqual({ precision: "year", earliest: "2015-01-01", latest: "2015-12-31" });
  });

  it("accepts 29 February only in leap years", () => {
    expect(parsePartialDate("2020-02-29")?.precision).toBe("day");
    expect(parsePartialDate("2000-02-29")?.precision).toBe("day");
    expect(parsePartialDate("2021-02-29")).toBeUndefined();
    expect(parsePartialDate("1900-02-29")).toBeUndefined();
  });

  it.each([
    "2021-02-30",
    "2021-04-31",
    "2021-13",
    "2021-00",
    "2021-13-01",
    "2021-00-10",
    "2021-01-00",
    "2021-01-32",
    "2021-1-5",
    "2021-1",
    "21",
    "999",
    "20210105",
    "05/01/2021",
    "2021-01-05T00:00:00Z",
    " 2021-01-05",
    "",
    "abcd",
  ])("refuses %j", (value) => {
    expect(parsePartialDate(value)).toBeUndefined();
  });
});

describe("years before 1000", () => {
  it("parse (the field rule refuses them as before 1900), so date arithmetic never meets an undefined", () => {
    expect(parsePartialDate("0999")).toEqual({ precision: "year", earliest: "0999-01-01", latest: "0999-12-31" });
  });
});

describe("isBefore — certainty over the possible days", () => {
  it("day vs day: strict and or-equal", () => {
    expect(isBefore(d("2015-03-11"), d("2015-03-12"), false)).toBe("yes");
    expect(isBefore(d("2015-03-12"), d("2015-03-12"), false)).toBe("no");
    expect(isBefore(d("2015-03-12"), d("2015-03-12"), true)).toBe("yes");
    expect(isBefore(d("2015-03-13"), d("2015-03-12"), true)).toBe("no");
  });

  it("a year against a day inside it is undecided; outside it is decided", () => {
    expect(isBefore(d("2015"), d("2015-06-01"), false)).toBe("maybe");
    expect(isBefore(d("2015-06-01"), d("2015"), true)).toBe("maybe");
    expect(isBefore(d("2014"), d("2015-01-01"), false)).toBe("yes");
    expect(isBefore(d("2016"), d("2015-12-31"), true)).toBe("no");
  });

  it("the same month twice is undecided, strict or not", () => {
    expect(isBefore(d("2015-03"), d("2015-03"), false)).toBe("maybe");
    expect(isBefore(d("2015-03"), d("2015-03"), true)).toBe("maybe");
  });

  it("touching edges: last day of the month vs the next month", () => {
    expect(isBefore(d("2015-03"), d("2015-04"), false)).toBe("yes");
    expect(isBefore(d("2015-03-31"), d("2015-03"), false)).toBe("no");
    expect(isBefore(d("2015-03-31"), d("2015-03"), true)).toBe("maybe");
    expect(isBefore(d("2015-03"), d("2015-03-01"), true)).toBe("maybe");
    expect(isBefore(d("2015-03"), d("2015-03-01"), false)).toBe("no");
  });

  it("a month against a year containing it", () => {
    expect(isBefore(d("2015-12"), d("2015"), false)).toBe("maybe");
    expect(isBefore(d("2015"), d("2016-01"), false)).toBe("yes");
  });

  it("is consistent with the reverse comparison", () => {
    const dates = ["2014", "2015", "2015-01", "2015-03", "2015-03-01", "2015-03-31", "2015-12-31", "2016-01"].map(d);
    for (const a of dates) {
      for (const b of dates) {
        // a < b certain ⇔ b ≤ a impossible.
        expect(isBefore(a, b, false) === "yes", `${a.earliest}..${a.latest} vs ${b.earliest}..${b.latest}`).toBe(
          isBefore(b, a, true) === "no",
        );
      }
    }
  });
});

describe("addYears", () => {
  it("adds and subtracts whole years", () => {
    expect(addYears("2015-06-15", -2)).toBe("2013-06-15");
    expect(addYears("2015-06-15", 1)).toBe("2016-06-15");
    expect(addYears("2015-01-01", 0)).toBe("2015-01-01");
  });

  it("maps 29 February to 28 February in a common year, keeps it in a leap year", () => {
    expect(addYears("2020-02-29", 1)).toBe("2021-02-28");
    expect(addYears("2020-02-29", -2)).toBe("2018-02-28");
    expect(addYears("2020-02-29", 4)).toBe("2024-02-29");
    expect(addYears("2020-02-29", -100)).toBe("1920-02-29");
    expect(addYears("2000-02-29", 100)).toBe("2100-02-28");
  });

  it("keeps month and day padded", () => {
    expect(addYears("2015-03-05", -1)).toBe("2014-03-05");
  });
});
