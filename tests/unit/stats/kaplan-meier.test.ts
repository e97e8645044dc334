import { describe, expect, it } from "vitest";
import {
  atRiskAt,
  groupSteps,
  kaplanMeier,
  kaplanMeierFromTally,
  survivalAt,
  tallyOf,
} from "@/domain/stats/kaplan-meier";

const obs = (spec: string) =>
  // "3 5+ 6" → event at 3, censored at 5, event at 6
  spec.split(/\s+/).map((s) => ({ time: Number(s.replace("+", "")), event: !s.endsWith("+") }));

describe("Kaplan–Meier product-limit estimate", () => {
  it("matches a hand computation: 3, 5 (censored), 6, 6, 8 (censored), 10", () => {
    // Six subjects. At each distinct time t: n = at risk just before t, d = deaths, c = censored.
    //   t=3 : n=6, d=1, c=0 → S = 1 × (1 − 1/6)            = 5/6  ≈ 0.8333
    //   t=5 : n=5, d=0, c=1 → S unchanged                   = 5/6
    //   t=6 : n=4, d=2, c=0 → S = 5/6 × (1 − 2/4)           = 5/12 ≈ 0.4167
    //   t=8 : n=2, d=0, c=1 → S unchanged                   = 5/12
    //   t=10: n=1, d=1, c=0 → S = 5/12 × (1 − 1/1)          = 0
    // Greenwood: Var S(t) = S(t)² Σ_{t_i ≤ t} d_i / (n_i (n_i − d_i))
    //   t=3 : (5/6)²  × 1/(6·5)              → SE = 5/6 × √(1/30)        ≈ 0.15215
    //   t=6 : (5/12)² × (1/30 + 2/(4·2))     → SE = 5/12 × √(1/30 + 1/4) ≈ 0.22179
    //   t=10: n = d, the term is infinite     → SE undefined (null)
    // Median: first time S ≤ 0.5 → 6.
    const km = kaplanMeier(obs("3 5+ 6 6 8+ 10"));
    expect(km.n).toBe(6);
    expect(km.events).toBe(4);
    expect(km.censored).toBe(2);
    expect(km.steps.map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual([
      [3, 6, 1, 0],
      [5, 5, 0, 1],
      [6, 4, 2, 0],
      [8, 2, 0, 1],
      [10, 1, 1, 0],
    ]);
    const s = km.steps.map((x) => x.survival);
    expect(s[0]).toBeCloseTo(5 / 6, 12);
    expect(s[1]).toBeCloseTo(5 / 6, 12);
    expect(s[2]).toBeCloseTo(5 / 12, 12);
    expect(s[3]).toBeCloseTo(5 / 12, 12);
    expect(s[4]).toBe(0);
    expect(km.steps[0]!.standardError).toBeCloseTo((5 / 6) * Math.sqrt(1 / 30), 10);
    expect(km.steps[0]!.standardError).toBeCloseTo(0.15215, 5);
    expect(km.steps[2]!.standardError).toBeCloseTo((5 / 12) * Math.sqrt(1 / 30 + 1 / 4), 10);
    expect(km.steps[2]!.standardError).toBeCloseTo(0.22179, 5);
    expect(km.steps[4]!.standardError).toBeNull();
    expect(km.median).toBe(6);
  });

  it("reads S(t) as a right-continuous step function, and the number at risk", () => {
    const km = kaplanMeier(obs("3 5+ 6 6 8+ 10"));
    expect(survivalAt(km, 0)).toBe(1);
    expect(survivalAt(km, 2.99)).toBe(1);
    expect(survivalAt(km, 3)).toBeCloseTo(5 / 6, 12);
    expect(survivalAt(km, 5.5)).toBeCloseTo(5 / 6, 12);
    expect(survivalAt(km, 6)).toBeCloseTo(5 / 12, 12);
    expect(survivalAt(km, 100)).toBe(0);
    expect(atRiskAt(km, 0)).toBe(6);
    expect(atRiskAt(km, 4)).toBe(5);
    expect(atRiskAt(km, 6)).toBe(4);
    expect(atRiskAt(km, 7)).toBe(2);
    expect(atRiskAt(km, 11)).toBe(0);
  });

  it("counts events before censoring at the same time", () => {
    // t=2: one death and one censored; the censored subject is still at risk at 2.
    //   events first : t=2 n=3 d=1 → S = 2/3;  t=4 n=1 d=1 → S = 0
    //   (censoring first would give n=2 at t=2 → S = 1/2: wrong by convention)
    const km = kaplanMeier(obs("2 2+ 4"));
    expect(km.steps.map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual([
      [2, 3, 1, 1],
      [4, 1, 1, 0],
    ]);
    expect(km.steps[0]!.survival).toBeCloseTo(2 / 3, 12);
    expect(km.steps[1]!.survival).toBe(0);
    // S drops below 0.5 at t=4 only.
    expect(km.median).toBe(4);
  });

  it("gives no step, S = 1 and no median for empty input", () => {
    const km = kaplanMeier([]);
    expect(km).toEqual({ n: 0, events: 0, censored: 0, steps: [], median: null });
    expect(survivalAt(km, 10)).toBe(1);
    expect(atRiskAt(km, 0)).toBe(0);
  });

  it("leaves the median 'not reached' when survival stays above 0.5, and S = 1 with censoring only", () => {
    // n=4: t=1 d=1 → 3/4; the rest censored.
    expect(kaplanMeier(obs("1 2+ 3+ 4+")).median).toBeNull();
    const censoredOnly = kaplanMeier(obs("1+ 2+"));
    expect(censoredOnly.steps.map((s) => s.survival)).toEqual([1, 1]);
    expect(censoredOnly.steps.map((s) => s.standardError)).toEqual([0, 0]);
    expect(censoredOnly.median).toBeNull();
  });

  it("takes the midpoint to the next event time when S is exactly 0.5 (R's convention)", () => {
    // 1, 2, 3, 4 all deaths: S = 3/4, 1/2, 1/4, 0 → S = 0.5 on [2, 3) → median (2 + 3) / 2 = 2.5
    expect(kaplanMeier(obs("1 2 3 4")).median).toBe(2.5);
    // S = 0.5 on [2, ∞) with no later event: the median is 2.
    expect(kaplanMeier(obs("1 2 3+ 4+")).median).toBeCloseTo(2, 12);
  });

  it("counts an event at time 0 (death on the day of diagnosis)", () => {
    const km = kaplanMeier(obs("0 5+"));
    expect(km.steps[0]).toMatchObject({ time: 0, atRisk: 2, events: 1, survival: 0.5 });
  });

  it("gives the same estimate from a tally as from the observations, whatever their order", () => {
    const a = kaplanMeier(obs("10 3 8+ 6 5+ 6"));
    const b = kaplanMeierFromTally(tallyOf(obs("3 5+ 6 6 8+ 10")));
    expect(a).toEqual(b);
  });

  it("refuses negative or non-finite times", () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: Number.NaN, event: false }])).toThrow(RangeError);
  });
});

describe("Kaplan–Meier steps grouped into intervals (the table of a long curve)", () => {
  it("reads the same estimate at the end of each interval, with the events and censorings of the interval", () => {
    // The hand-computed example above, by intervals of 4: [0,4) holds t=3; [4,8) t=5, 6; [8,12) t=8, 10.
    const km = kaplanMeier(obs("3 5+ 6 6 8+ 10"));
    const rows = groupSteps(km, 4);
    expect(rows.map((r) => [r.start, r.end, r.atRisk, r.events, r.censored])).toEqual([
      [0, 4, 6, 1, 0],
      [4, 8, 5, 2, 1],
      [8, 12, 2, 1, 1],
    ]);
    expect(rows[0]!.survival).toBeCloseTo(5 / 6, 12);
    expect(rows[1]!.survival).toBeCloseTo(5 / 12, 12);
    expect(rows[1]!.standardError).toBeCloseTo((5 / 12) * Math.sqrt(1 / 30 + 1 / 4), 10);
    expect(rows[2]!.survival).toBe(0);
    expect(rows[2]!.standardError).toBeNull();
  });

  it("skips intervals without observations and keeps every event and censoring", () => {
    const km = kaplanMeier(obs("1 2+ 40 41+ 100"));
    const rows = groupSteps(km, 30);
    expect(rows.map((r) => r.start)).toEqual([0, 30, 90]);
    expect(rows.reduce((a, r) => a + r.events, 0)).toBe(km.events);
    expect(rows.reduce((a, r) => a + r.censored, 0)).toBe(km.censored);
    expect(rows[1]!.survival).toBeCloseTo(survivalAt(km, 59), 12);
    expect(groupSteps(kaplanMeier([]), 30)).toEqual([]);
  });

  it("refuses a width that is not a finite number above zero", () => {
    for (const w of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => groupSteps(kaplanMeier(obs("1 2")), w)).toThrow(RangeError);
  });
});
