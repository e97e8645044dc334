import { describe, expect, it } from "vitest";
import {
  addToBins,
  byYearAndMonth,
  countChoice,
  Counter,
  emptyBins,
  emptyChoiceCounts,
  knownOf,
  missingOf,
  MonthByCategoryCounter,
  monthFormatter,
  monthRange,
  monthSeries,
  percentOf,
} from "@/domain/stats/counts";

describe("choice counts", () => {
  it("counts options, missing-data codes and empty answers, adding up to the total", () => {
    const c = emptyChoiceCounts(["positive", "negative", "not_tested"]);
    for (const a of [
      { v: "positive" },
      { v: "positive" },
      { v: "negative" },
      { code: "NK" },
      { code: "ND" },
      { code: "NA" },
      undefined,
      { v: "" },
      { v: "retired_option" },
    ] as const) {
      countChoice(c, a);
    }
    expect(c).toEqual({
      options: { positive: 2, negative: 1, not_tested: 0 },
      NK: 1,
      ND: 1,
      NA: 1,
      unanswered: 3,
      total: 9,
    });
    expect(knownOf(c)).toBe(3);
    expect(missingOf(c)).toBe(5);
  });

  it("does not take inherited object keys for options", () => {
    const c = emptyChoiceCounts(["yes", "no"]);
    countChoice(c, { v: "toString" });
    expect(c.unanswered).toBe(1);
  });

  it("gives no percentage of nothing", () => {
    expect(percentOf(1, 4)).toBe(25);
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe("bins", () => {
  it("puts v in bin ⌊v / width⌋, the maximum in the last bin, and ignores nonsense", () => {
    const b = emptyBins(20, 340);
    expect(b.from.length).toBe(17);
    expect(b.from.at(-1)).toBe(320);
    for (const v of [0, 19, 20, 169, 337, 400, -5, Number.NaN]) addToBins(b, v);
    expect(b.counts[0]).toBe(2);
    expect(b.counts[1]).toBe(1);
    expect(b.counts[8]).toBe(1);
    expect(b.counts[16]).toBe(2);
    expect(b.counts.reduce((x, y) => x + y, 0)).toBe(6);
  });
});

describe("months", () => {
  it("lists every month between two months, across years", () => {
    expect(monthRange("2019-11", "2020-02")).toEqual(["2019-11", "2019-12", "2020-01", "2020-02"]);
    expect(monthRange("2020-02", "2019-11")).toEqual([]);
  });

  it("fills months without cases with 0", () => {
    const c = new Counter<string>();
    c.add("2015-06");
    c.add("2015-03");
    c.add("2015-06");
    expect(monthSeries(c)).toEqual([
      { month: "2015-03", count: 1 },
      { month: "2015-04", count: 0 },
      { month: "2015-05", count: 0 },
      { month: "2015-06", count: 2 },
    ]);
    expect(monthSeries(new Counter<string>())).toEqual([]);
  });

  it("lays a monthly series out as a year × month grid", () => {
    const g = byYearAndMonth([
      { month: "2019-11", count: 2 },
      { month: "2019-12", count: 0 },
      { month: "2020-01", count: 3 },
    ]);
    expect(g.years).toEqual([
      { year: "2019", months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0], total: 2 },
      { year: "2020", months: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], total: 3 },
    ]);
    expect(g.monthTotals).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]);
    expect(g.total).toBe(5);
  });

  it("takes the month in the study's time zone (Paris), not UTC", () => {
    const month = monthFormatter();
    // 31 March 2024, 23:30 UTC is already 1 April in Paris (UTC+2).
    expect(month(new Date("2024-03-31T23:30:00Z"))).toBe("2024-04");
    expect(month(new Date("2024-01-31T22:59:00Z"))).toBe("2024-01");
  });
});

describe("month × category table", () => {
  it("lays counts out month by category: months continuous, categories in the order asked for, totals both ways", () => {
    const t = new MonthByCategoryCounter();
    for (const [m, c] of [
      ["2026-03", "PAR"],
      ["2026-01", "REI"],
      ["2026-01", "REI"],
      ["2026-03", "REI"],
      ["2026-01", "ZZZ"],
      ["nonsense", "REI"],
    ] as const)
      t.add(m, c);
    const r = t.result(["LYO", "REI", "PAR"]);
    // LYO has no case: no column; ZZZ, not in the order, comes last; the bad month is ignored.
    expect(r.categories).toEqual(["REI", "PAR", "ZZZ"]);
    expect(r.months).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(r.counts).toEqual([
      [2, 0, 1],
      [0, 0, 0],
      [1, 1, 0],
    ]);
    expect(r.monthTotals).toEqual([3, 0, 2]);
    expect(r.categoryTotals).toEqual([3, 1, 1]);
    expect(r.total).toBe(5);
  });

  it("is empty without counts, across a year boundary otherwise", () => {
    expect(new MonthByCategoryCounter().result(["REI"])).toEqual({
      months: [],
      categories: [],
      counts: [],
      monthTotals: [],
      categoryTotals: [],
      total: 0,
    });
    const t = new MonthByCategoryCounter();
    t.add("2025-12", "REI");
    t.add("2026-02", "REI", 2);
    expect(t.result().months).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect(t.result().counts).toEqual([[1], [0], [2]]);
  });
});
