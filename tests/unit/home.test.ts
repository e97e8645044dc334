// The home page's aggregation (src/domain/home.ts), checked by hand.
import { describe, expect, it } from "vitest";
import { answerDelays, ageBucket, centreCaseRows, median, queryStats, quietCentres } from "@/domain/home";
import { sampleRecord } from "../../scripts/lib/sample-record";

const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

describe("queries by age and by centre", () => {
  it("buckets ages at 7 and 30 days", () => {
    const now = at("2026-06-30");
    expect(ageBucket(at("2026-06-24"), now)).toBe("lt7");
    expect(ageBucket(at("2026-06-23"), now)).toBe("d7to30");
    expect(ageBucket(at("2026-05-31"), now)).toBe("d7to30");
    expect(ageBucket(at("2026-05-30"), now)).toBe("gt30");
  });

  it("counts each round of a reopened query towards the time to answer", () => {
    const q = {
      centreCode: "REI",
      status: "CLOSED" as const,
      createdAt: at("2026-06-01"),
      messages: [
        { kind: "raised", at: at("2026-06-01") },
        { kind: "answered", at: at("2026-06-03") },
        { kind: "closed", at: at("2026-06-04") },
        { kind: "reopened", at: at("2026-06-10") },
        { kind: "answered", at: at("2026-06-20") },
      ],
    };
    expect(answerDelays(q)).toEqual([2, 10]);
    expect(median([2, 10, 4])).toBe(4);
    expect(median([2, 10])).toBe(6);
    expect(median([])).toBeNull();
  });

  it("per centre (every centre listed) and in total: open by age, answered awaiting review, median days to answer", () => {
    const now = at("2026-06-30");
    const stats = queryStats(
      ["LIL", "PAR", "REI"],
      [
        {
          centreCode: "REI",
          status: "OPEN",
          createdAt: at("2026-06-28"),
          messages: [{ kind: "raised", at: at("2026-06-28") }],
        },
        // Reopened 3 days ago: its age counts from the reopening.
        {
          centreCode: "REI",
          status: "OPEN",
          createdAt: at("2026-04-01"),
          messages: [
            { kind: "raised", at: at("2026-04-01") },
            { kind: "answered", at: at("2026-04-05") },
            { kind: "reopened", at: at("2026-06-27") },
          ],
        },
        {
          centreCode: "PAR",
          status: "OPEN",
          createdAt: at("2026-05-01"),
          messages: [{ kind: "raised", at: at("2026-05-01") }],
        },
        {
          centreCode: "PAR",
          status: "ANSWERED",
          createdAt: at("2026-06-01"),
          messages: [
            { kind: "raised", at: at("2026-06-01") },
            { kind: "answered", at: at("2026-06-02") },
          ],
        },
      ],
      now,
    );
    expect(stats.map((s) => s.centreCode)).toEqual(["LIL", "PAR", "REI", ""]);
    expect(stats[0]).toEqual({
      centreCode: "LIL",
      open: 0,
      answered: 0,
      openByAge: { lt7: 0, d7to30: 0, gt30: 0 },
      medianDaysToAnswer: null,
    });
    expect(stats[1]).toMatchObject({ open: 1, answered: 1, openByAge: { gt30: 1 }, medianDaysToAnswer: 1 });
    expect(stats[2]).toMatchObject({
      open: 2,
      answered: 0,
      openByAge: { lt7: 2, d7to30: 0, gt30: 0 },
      medianDaysToAnswer: 4,
    });
    expect(stats[3]).toMatchObject({ open: 3, answered: 1, openByAge: { lt7: 2, gt30: 1 }, medianDaysToAnswer: 2.5 });
  });
});

describe("centres quiet since the mid-term reminder", () => {
  it("lists the centres with no entry since the reminder date, and nothing before that date", () => {
    expect(quietCentres(["LIL", "PAR", "REI"], new Set(["REI"]), "2026-06-01", "2026-06-15")).toEqual(["LIL", "PAR"]);
    expect(quietCentres(["LIL"], new Set(), "2026-06-01", "2026-05-31")).toBeNull();
    expect(quietCentres(["LIL"], new Set(), null, "2026-05-31")).toBeNull();
  });
});

describe("a centre's cases", () => {
  it("says what is missing and puts the cases with something to do first", () => {
    const empty = { fields: {}, blocks: {} };
    const rows = centreCaseRows(
      [
        {
          id: "a",
          initials: "AA",
          birthDate: "1960-01-01",
          centreCode: "REI",
          status: "VALIDATED",
          answers: sampleRecord(2),
          openQueries: 0,
        },
        {
          id: "b",
          initials: "BB",
          birthDate: "1960-01-01",
          centreCode: "REI",
          status: "DRAFT",
          answers: empty,
          openQueries: 0,
        },
      ],
      "2026-06-30",
    );
    expect(rows.map((r) => r.id)).toEqual(["b", "a"]);
    expect(rows[0]?.missing.length).toBeGreaterThan(5);
    expect(rows[0]?.percent).toBeLessThan(100);
    expect(rows[1]).toMatchObject({ missing: [], toConfirm: [], openQueries: 0, key: "AA · 1960-01-01 · REI" });
  });
});
